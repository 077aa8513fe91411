//! The course as the app sees it: the JSON files `zooscope lessons build` wrote into
//! `dist/lessons/` (fetched when a page needs them, so no lesson text is in the bundle),
//! the learner's progress, and the components of a lesson's live pieces.
//!
//! Each fetched file is decoded into the `zooscope_lessons::compiled` types the build step
//! encoded; the pieces are played through `zooscope_lessons::live`, the same code
//! `zooscope lessons check` runs.

pub mod embed;
pub mod fetch;
pub mod pieces;
pub mod presenter;
pub mod progress;
pub mod qr;

/// Where the compiled lessons are served, relative to the page.
pub const BASE: &str = "lessons";

/// The URL of a compiled lesson.
pub fn lesson_url(lang: &str, slug: &str) -> String {
    format!("{BASE}/{lang}/{}.json", urlencoding::encode(slug))
}
