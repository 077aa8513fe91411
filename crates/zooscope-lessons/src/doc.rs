//! A whole lesson file: front matter, then prose (CommonMark) cut by live blocks.
//!
//! Fenced code blocks whose info string starts with a [`crate::piece::KINDS`] word are
//! live pieces; any other fenced block stays in the prose as code. A fence closes with a
//! line of at least as many backticks as opened it (CommonMark's rule), so a ```` block
//! may show ``` blocks as examples.

use crate::front::{self, Front};
use crate::piece::{self, Body, Piece};
use crate::{LessonError, Line, FILE_LINES_MAX, PIECES_MAX};
use serde::{Deserialize, Serialize};

/// One part of a lesson, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    /// CommonMark text, starting at `line`.
    Prose {
        /// Line of its first line.
        line: usize,
        /// The Markdown.
        markdown: String,
    },
    /// A live block.
    Piece(Piece),
}

/// A parsed lesson file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonDoc {
    /// The course position from the file name.
    pub nn: u32,
    /// Front matter.
    pub front: Front,
    /// Prose and pieces in order.
    pub parts: Vec<Part>,
}

impl LessonDoc {
    /// The live pieces in order.
    pub fn pieces(&self) -> impl Iterator<Item = &Piece> {
        self.parts.iter().filter_map(|p| match p {
            Part::Piece(x) => Some(x),
            Part::Prose { .. } => None,
        })
    }

    /// Counts of labs, quizzes, exercises and steps.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for p in self.pieces() {
            match p.body {
                Body::Lab(_) => c.labs += 1,
                Body::Quiz(_) => c.quizzes += 1,
                Body::Exercise(_) => c.exercises += 1,
                Body::Step(_) => c.steps += 1,
            }
        }
        c
    }
}

/// How many pieces of each kind a lesson has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Labs.
    pub labs: usize,
    /// Quizzes.
    pub quizzes: usize,
    /// Exercises.
    pub exercises: usize,
    /// Steps.
    pub steps: usize,
}

/// `NN-slug.md` → (NN, slug).
pub fn split_file_name(name: &str) -> Option<(u32, &str)> {
    let stem = name.strip_suffix(".md")?;
    let (nn, slug) = stem.split_once('-')?;
    if nn.len() != 2 || !nn.bytes().all(|b| b.is_ascii_digit()) || !front::is_slug(slug) {
        return None;
    }
    Some((nn.parse().ok()?, slug))
}

fn fence_of(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let ticks = t.bytes().take_while(|&b| b == b'`').count();
    (ticks >= 3).then(|| (ticks, t[ticks..].trim()))
}

/// Parse `text`, the content of the file `name` (`NN-slug.md`).
pub fn parse(name: &str, text: &str) -> Result<LessonDoc, LessonError> {
    let (nn, slug) = split_file_name(name)
        .ok_or_else(|| LessonError::at(1, format!("'{name}' is not named NN-slug.md")))?;
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() > FILE_LINES_MAX {
        return Err(LessonError::at(
            FILE_LINES_MAX + 1,
            format!("a lesson is limited to {FILE_LINES_MAX} lines"),
        ));
    }
    let (front, mut i) = front::parse(&lines)?;
    if front.slug != slug {
        return Err(LessonError::at(
            2,
            format!(
                "slug '{}' differs from the file name's '{slug}'",
                front.slug
            ),
        ));
    }
    let mut parts = Vec::new();
    let mut prose: Vec<&str> = Vec::new();
    let mut prose_start = i + 1;
    let mut labs = 0;
    let mut last_lab: Option<String> = None;
    let flush = |prose: &mut Vec<&str>, start: usize, parts: &mut Vec<Part>| {
        let md = prose.join("\n");
        if !md.trim().is_empty() {
            parts.push(Part::Prose {
                line: start,
                markdown: md.trim_matches('\n').to_string(),
            });
        }
        prose.clear();
    };
    while i < lines.len() {
        let raw = lines[i];
        let Some((ticks, info)) = fence_of(raw) else {
            prose.push(raw);
            i += 1;
            continue;
        };
        let open = i + 1;
        let close = lines[i + 1..]
            .iter()
            .position(|l| fence_of(l).is_some_and(|(t, rest)| t >= ticks && rest.is_empty()))
            .map(|p| i + 1 + p)
            .ok_or_else(|| LessonError::at(open, "this fenced block is never closed"))?;
        if piece::is_live(info) {
            flush(&mut prose, prose_start, &mut parts);
            let body: Vec<Line> = (i + 1..close)
                .map(|k| Line {
                    line: k + 1,
                    text: lines[k].trim().to_string(),
                })
                .collect();
            let p = piece::parse(open, info, &body, labs, last_lab.as_deref())?;
            if let Body::Lab(l) = &p.body {
                labs += 1;
                last_lab = Some(l.id.clone());
            }
            parts.push(Part::Piece(p));
            if parts.len() > PIECES_MAX * 2 {
                return Err(LessonError::at(
                    open,
                    format!("a lesson is limited to {PIECES_MAX} pieces"),
                ));
            }
            prose_start = close + 2;
        } else {
            prose.extend_from_slice(&lines[i..=close]);
        }
        i = close + 1;
    }
    flush(&mut prose, prose_start, &mut parts);
    Ok(LessonDoc { nn, front, parts })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "---\nslug: demo\ntitle: Demo\nminutes: 5\nprerequisites: []\nsummary: S\n---\n\n# Hi\n\n```text\nnot live\n```\n\n```lab election\nensemble 1\nstart 1\n```\n\nMore.\n\n````text\n```quiz\nshown only\n```\n````\n\n```step\ntext: t\nuntil: stable\n```\n";

    #[test]
    fn splits_prose_and_pieces_with_lines() {
        let d = parse("03-demo.md", FILE).unwrap();
        assert_eq!(d.nn, 3);
        let kinds: Vec<&str> = d
            .parts
            .iter()
            .map(|p| match p {
                Part::Prose { .. } => "prose",
                Part::Piece(p) => p.kind(),
            })
            .collect();
        assert_eq!(kinds, ["prose", "lab", "prose", "step"]);
        let Part::Prose { markdown, .. } = &d.parts[2] else {
            panic!()
        };
        assert!(markdown.contains("shown only"));
        let lab = d.pieces().next().unwrap();
        assert_eq!(lab.line, 15);
        let Body::Step(s) = &d.pieces().nth(1).unwrap().body else {
            panic!()
        };
        assert_eq!(s.lab, "lab1");
        assert_eq!(s.until_line, 30);
    }

    #[test]
    fn bad_files_name_a_line() {
        assert!(parse("3-demo.md", FILE).is_err());
        assert_eq!(parse("03-other.md", FILE).unwrap_err().line, 2);
        let open = format!("{FILE}\n```lab election\nensemble 1\n");
        assert!(parse("03-demo.md", &open)
            .unwrap_err()
            .message
            .contains("never closed"));
    }
}
