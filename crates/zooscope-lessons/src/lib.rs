//! The course's lesson files (`lessons/{zh,en}/NN-slug.md`, format in
//! `docs/lessons-format.md`) as typed values, and everything that runs their live pieces.
//!
//! The crate is pure like `zooscope-core`, which it runs: no I/O, no clock. The native CLI
//! reads the files and calls [`check::check_course`] (`zooscope lessons check`) or compiles
//! them to JSON ([`compiled`], `zooscope lessons build`); the web app fetches that JSON and
//! plays the same pieces through [`live`], so a quiz's answer in the browser is the very
//! value the checker read.
//!
//! Reading order: [`front`] (front matter) → [`piece`] (the four block kinds) → [`doc`]
//! (a whole file: prose and pieces) → [`readable`] (what a quiz reads, what a step waits
//! for) → [`live`] (a lab's live world) → [`exercise`] → [`check`] (parity, runs, the
//! explicit list of pending features) → [`compiled`] (what the app fetches).

pub mod check;
pub mod compiled;
pub mod doc;
pub mod exercise;
pub mod front;
pub mod live;
pub mod piece;
pub mod readable;

use serde::{Deserialize, Serialize};
use std::fmt;

/// Most lessons a course may have.
pub const LESSONS_MAX: usize = 99;
/// Longest lesson file accepted, in lines.
pub const FILE_LINES_MAX: usize = 5_000;
/// Most pieces in one lesson.
pub const PIECES_MAX: usize = 200;

/// One line of a file with its 1-based line number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// 1-based line number in the lesson file.
    pub line: usize,
    /// The text, trimmed.
    pub text: String,
}

/// A problem at a line of a lesson file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    /// 1-based line number in the lesson file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl LessonError {
    /// An error at `line`.
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        LessonError {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LessonError {}
