//! What `zooscope lessons build` writes and the lesson page fetches: one JSON file per
//! lesson per language, a course index and a search index per language.
//!
//! Prose arrives as HTML already rendered by the build step (the CLI owns the Markdown
//! renderer, so the app's bundle carries none), live pieces as the typed
//! [`crate::piece::Piece`] values the page plays through [`crate::live`].

use crate::check::LessonPair;
use crate::doc::{Counts, LessonDoc, Part};
use crate::exercise;
use crate::live::{LessonRun, Outcome};
use crate::piece::{Body, Piece};
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
    /// A live piece, with what the simulation gave when the build step ran it.
    Piece {
        /// The piece.
        piece: Box<Piece>,
        /// The run after it (`None` for a piece that needs a pending lab, or failed).
        recorded: Option<Recorded>,
    },
}

/// What running a piece gave, recorded by the build step on the core (the same
/// [`LessonRun`] the checker drives). The page opens `key` in the lab's own session to show
/// and read the world, so a quiz's answer is read in the browser from the simulated world.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// The lab's run right after this piece (for an exercise: its prepared world), as a
    /// reproduction key with its position; for a `compare` lab, the compare script played
    /// so far (the page replays it with the lab's seed).
    pub key: String,
    /// The newest lines of the lab's transcript after this piece.
    pub transcript: Vec<String>,
    /// For a quiz, the output of each `run` line (what `output of line K` reads).
    pub outputs: Vec<Vec<String>>,
}

/// Transcript lines recorded per piece (the newest).
pub const RECORDED_LINES_MAX: usize = 60;

/// Run a lesson's pieces in document order and record what each gave.
pub fn record(pieces: &[Piece]) -> Vec<Option<Recorded>> {
    let mut run = LessonRun::new(pieces.to_vec());
    let tail = |t: &[String]| t[t.len().saturating_sub(RECORDED_LINES_MAX)..].to_vec();
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if p.unchecked.is_some() {
                return None;
            }
            if let Body::Exercise(e) = &p.body {
                let live = exercise::prepared(e).ok()?;
                return Some(Recorded {
                    key: live.key_text()?,
                    transcript: Vec::new(),
                    outputs: Vec::new(),
                });
            }
            let outcome = run.act(i).ok()?;
            let live = run.lab(p.lab_id()?)?;
            Some(Recorded {
                key: live.key_text()?,
                transcript: tail(live.transcript()),
                outputs: match outcome {
                    Outcome::Quiz(q) => q.outputs,
                    _ => Vec::new(),
                },
            })
        })
        .collect()
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

/// Compile lesson `i` of `pairs` in `lang` with `render` (Markdown → HTML) and the
/// `recorded` runs of its pieces (from [`record`]; the code is the same in both languages).
pub fn compile(
    pairs: &[LessonPair],
    i: usize,
    lang: &str,
    render: &dyn Fn(&str) -> String,
    recorded: &[Option<Recorded>],
) -> Option<CompiledLesson> {
    let pair = pairs.get(i)?;
    let doc = if lang == "zh" { &pair.zh } else { &pair.en };
    let mut k = 0;
    let parts = doc
        .parts
        .iter()
        .map(|p| match p {
            Part::Prose { markdown, .. } => CompiledPart::Prose {
                html: render(markdown),
            },
            Part::Piece(piece) => {
                k += 1;
                CompiledPart::Piece {
                    piece: Box::new(piece.clone()),
                    recorded: recorded.get(k - 1).cloned().flatten(),
                }
            }
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
