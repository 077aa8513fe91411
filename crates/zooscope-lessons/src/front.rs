//! Front matter: the `---` block at the top of a lesson file (`docs/lessons-format.md` §1).
//!
//! Five keys, all required, in a fixed order, one line each, no quoting.

use crate::LessonError;
use serde::{Deserialize, Serialize};

/// The keys, in the order a file must give them.
pub const KEYS: [&str; 5] = ["slug", "title", "minutes", "prerequisites", "summary"];
/// The shortest and longest lesson, in minutes.
pub const MINUTES: std::ops::RangeInclusive<u32> = 5..=30;

/// A lesson's front matter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Front {
    /// `[a-z0-9-]+`, the file name after `NN-`.
    pub slug: String,
    /// The title, in the file's language.
    pub title: String,
    /// Estimated minutes.
    pub minutes: u32,
    /// Slugs of earlier lessons.
    pub prerequisites: Vec<String>,
    /// One line for the catalogue card and the print summary.
    pub summary: String,
}

/// Whether `s` is a valid slug.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parse the front matter at the top of `lines`; returns it and the index of the first
/// line after the closing `---`.
pub fn parse(lines: &[&str]) -> Result<(Front, usize), LessonError> {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(LessonError::at(
            1,
            "a lesson starts with front matter: a line '---'",
        ));
    }
    let mut values: Vec<String> = Vec::new();
    let mut end = None;
    for (i, raw) in lines.iter().enumerate().skip(1) {
        let n = i + 1;
        if raw.trim_end() == "---" {
            end = Some(i + 1);
            break;
        }
        let Some(key) = KEYS.get(values.len()) else {
            return Err(LessonError::at(
                n,
                "front matter has only the keys slug, title, minutes, prerequisites, summary",
            ));
        };
        let Some((k, v)) = raw.split_once(':') else {
            return Err(LessonError::at(n, format!("expected '{key}: value'")));
        };
        if k.trim() != *key {
            return Err(LessonError::at(
                n,
                format!("expected key '{key}', found '{}'", k.trim()),
            ));
        }
        let v = v.trim();
        if v.is_empty() && *key != "prerequisites" {
            return Err(LessonError::at(n, format!("'{key}' is empty")));
        }
        values.push(v.to_string());
    }
    let end = end.ok_or_else(|| LessonError::at(1, "the front matter has no closing '---'"))?;
    if values.len() != KEYS.len() {
        return Err(LessonError::at(
            end,
            format!("front matter misses '{}'", KEYS[values.len()]),
        ));
    }
    let line_of = |key: &str| 2 + KEYS.iter().position(|k| *k == key).unwrap_or(0);
    let slug = values[0].clone();
    if !is_slug(&slug) {
        return Err(LessonError::at(
            line_of("slug"),
            format!("'{slug}' is not a slug ([a-z0-9-]+)"),
        ));
    }
    let minutes = values[2]
        .parse::<u32>()
        .ok()
        .filter(|m| MINUTES.contains(m))
        .ok_or_else(|| {
            LessonError::at(line_of("minutes"), "minutes is a whole number from 5 to 30")
        })?;
    let pre = values[3].as_str();
    let inner = pre
        .strip_prefix('[')
        .and_then(|p| p.strip_suffix(']'))
        .ok_or_else(|| {
            LessonError::at(
                line_of("prerequisites"),
                "prerequisites is a list: [slug, slug] or []",
            )
        })?;
    let prerequisites: Vec<String> = inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(bad) = prerequisites.iter().find(|p| !is_slug(p)) {
        return Err(LessonError::at(
            line_of("prerequisites"),
            format!("'{bad}' is not a slug"),
        ));
    }
    Ok((
        Front {
            slug,
            title: values[1].clone(),
            minutes,
            prerequisites,
            summary: values[4].clone(),
        },
        end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<&str> {
        s.lines().collect()
    }

    #[test]
    fn parses_and_reports_lines() {
        let ok = "---\nslug: a-b\ntitle: T: x\nminutes: 10\nprerequisites: [x, y]\nsummary: S\n---\nbody";
        let (f, end) = parse(&lines(ok)).unwrap();
        assert_eq!(f.title, "T: x");
        assert_eq!(f.prerequisites, ["x", "y"]);
        assert_eq!(end, 7);
        let bad = ok.replace("minutes: 10", "minutes: 99");
        assert_eq!(parse(&lines(&bad)).unwrap_err().line, 4);
        let swapped = ok.replace("title", "titel");
        assert_eq!(parse(&lines(&swapped)).unwrap_err().line, 3);
        assert!(parse(&lines("slug: x")).is_err());
        assert!(parse(&lines("---\nslug: x\n")).is_err());
    }
}
