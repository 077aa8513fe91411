//! What `zooscope lessons build` writes and the lesson page fetches: one JSON file per
//! lesson per language, a course index and a search index per language.
//!
//! Prose arrives as HTML already rendered by the build step (the CLI owns the Markdown
//! renderer, so the app's bundle carries none), live pieces as the typed
//! [`crate::piece::Piece`] values the page plays through [`crate::live`].

use crate::check::LessonPair;
use crate::doc::{Counts, LessonDoc, Part};
use crate::piece::Piece;
use serde::{Deserialize, Serialize};

/// Most characters of prose one search entry keeps.
pub const SEARCH_TEXT_MAX: usize = 600;

/// The two languages, as their file and URL words.
pub const LANGS: [&str; 2] = ["en", "zh"];

/// A part of a compiled lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompiledPart {
    /// Rendered prose.
    Prose {
        /// The HTML (raw HTML in the source is escaped by the build step).
        html: String,
    },
    /// A live piece.
    Piece(Piece),
}

/// A neighbour in the course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbour {
    /// Its slug.
    pub slug: String,
    /// Its title in this language.
    pub title: String,
}

/// One lesson in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompiledLesson {
    /// Course position.
    pub nn: u32,
    /// Slug.
    pub slug: String,
    /// `en` or `zh`.
    pub lang: String,
    /// Title.
    pub title: String,
    /// Minutes.
    pub minutes: u32,
    /// Prerequisite slugs.
    pub prerequisites: Vec<String>,
    /// One-line summary.
    pub summary: String,
    /// Prose and pieces in order.
    pub parts: Vec<CompiledPart>,
    /// The lesson before, if any.
    pub prev: Option<Neighbour>,
    /// The lesson after, if any.
    pub next: Option<Neighbour>,
}

/// A lesson's titles and summary in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
}

/// One lesson in the course index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Course position.
    pub nn: u32,
    /// Slug.
    pub slug: String,
    /// Minutes.
    pub minutes: u32,
    /// Prerequisite slugs.
    pub prerequisites: Vec<String>,
    /// English words.
    pub en: Words,
    /// Chinese words.
    pub zh: Words,
    /// Piece counts.
    pub counts: Counts,
    /// Number of pieces (steps, quizzes, exercises) a learner completes.
    pub tasks: usize,
}

/// One searchable section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchEntry {
    /// Lesson slug.
    pub slug: String,
    /// Lesson title.
    pub title: String,
    /// Section heading (the lesson title for text before the first heading).
    pub heading: String,
    /// The section's plain text, cut to [`SEARCH_TEXT_MAX`] characters.
    pub text: String,
}

/// Pieces a learner completes (a lab is not a task).
pub fn tasks(doc: &LessonDoc) -> usize {
    let c = doc.counts();
    c.steps + c.quizzes + c.exercises
}

fn neighbour(pairs: &[LessonPair], i: Option<usize>, lang: &str) -> Option<Neighbour> {
    let p = pairs.get(i?)?;
    let d = if lang == "zh" { &p.zh } else { &p.en };
    Some(Neighbour {
        slug: d.front.slug.clone(),
        title: d.front.title.clone(),
    })
}

/// Compile lesson `i` of `pairs` in `lang` with `render` (Markdown → HTML).
pub fn compile(
    pairs: &[LessonPair],
    i: usize,
    lang: &str,
    render: &dyn Fn(&str) -> String,
) -> Option<CompiledLesson> {
    let pair = pairs.get(i)?;
    let doc = if lang == "zh" { &pair.zh } else { &pair.en };
    let parts = doc
        .parts
        .iter()
        .map(|p| match p {
            Part::Prose { markdown, .. } => CompiledPart::Prose {
                html: render(markdown),
            },
            Part::Piece(piece) => CompiledPart::Piece(piece.clone()),
        })
        .collect();
    Some(CompiledLesson {
        nn: doc.nn,
        slug: doc.front.slug.clone(),
        lang: lang.to_string(),
        title: doc.front.title.clone(),
        minutes: doc.front.minutes,
        prerequisites: doc.front.prerequisites.clone(),
        summary: doc.front.summary.clone(),
        parts,
        prev: neighbour(pairs, i.checked_sub(1), lang),
        next: neighbour(pairs, Some(i + 1), lang),
    })
}

/// The course index.
pub fn index(pairs: &[LessonPair]) -> Vec<IndexEntry> {
    pairs
        .iter()
        .map(|p| IndexEntry {
            nn: p.en.nn,
            slug: p.en.front.slug.clone(),
            minutes: p.en.front.minutes,
            prerequisites: p.en.front.prerequisites.clone(),
            en: Words {
                title: p.en.front.title.clone(),
                summary: p.en.front.summary.clone(),
            },
            zh: Words {
                title: p.zh.front.title.clone(),
                summary: p.zh.front.summary.clone(),
            },
            counts: p.en.counts(),
            tasks: tasks(&p.en),
        })
        .collect()
}

/// The search index of one language: one entry per section; `plain` turns Markdown into
/// plain text.
pub fn search(
    pairs: &[LessonPair],
    lang: &str,
    plain: &dyn Fn(&str) -> String,
) -> Vec<SearchEntry> {
    let mut out = Vec::new();
    for p in pairs {
        let doc = if lang == "zh" { &p.zh } else { &p.en };
        let title = doc.front.title.clone();
        let mut heading = title.clone();
        let mut text = String::new();
        let mut push = |heading: &str, text: &mut String| {
            let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                out.push(SearchEntry {
                    slug: doc.front.slug.clone(),
                    title: title.clone(),
                    heading: heading.to_string(),
                    text: t.chars().take(SEARCH_TEXT_MAX).collect(),
                });
            }
            text.clear();
        };
        for part in &doc.parts {
            let Part::Prose { markdown, .. } = part else {
                continue;
            };
            for line in markdown.lines() {
                if let Some(h) = line.strip_prefix("## ").or_else(|| line.strip_prefix("# ")) {
                    push(&heading, &mut text);
                    heading = h.trim().to_string();
                } else {
                    text.push_str(&plain(line));
                    text.push(' ');
                }
            }
        }
        push(&heading, &mut text);
    }
    out
}
