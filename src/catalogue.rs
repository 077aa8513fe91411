//! The lab's scenario catalogue: the eight scenarios the lab opens by name
//! (`#/lab?scenario=<id>`), each with the old lesson slug it once stood for and the course
//! lesson that teaches it now. Titles live in [`crate::i18n`] (`Texts::lessons`, same
//! order), so this file holds only language-neutral facts.

use crate::i18n::LESSON_COUNT;

/// One catalogue entry.
#[derive(Debug, PartialEq, Eq)]
pub struct Lesson {
    /// The old URL slug: `#/lesson/<slug>` (links made before the course was written).
    pub slug: &'static str,
    /// The course lesson (`lessons/*/NN-<course>.md`) that teaches it now: the old
    /// address leads there.
    pub course: &'static str,
    /// The lab scenario the lesson uses: `#/lab?scenario=<id>`.
    pub scenario: &'static str,
    /// Estimated minutes of hands-on time.
    pub minutes: u32,
}

/// All lessons, in teaching order.
pub const LESSONS: [Lesson; LESSON_COUNT] = [
    Lesson {
        slug: "coordination",
        course: "why-coordination",
        scenario: "ensemble",
        minutes: 10,
    },
    Lesson {
        slug: "leader-election",
        course: "election-startup",
        scenario: "election",
        minutes: 20,
    },
    Lesson {
        slug: "zab-broadcast",
        course: "zab-broadcast",
        scenario: "broadcast",
        minutes: 20,
    },
    Lesson {
        slug: "crash-recovery",
        course: "zab-recovery",
        scenario: "recovery",
        minutes: 15,
    },
    Lesson {
        slug: "sessions-watches",
        course: "sessions-ephemeral",
        scenario: "sessions",
        minutes: 15,
    },
    Lesson {
        slug: "distributed-lock",
        course: "locks",
        scenario: "lock",
        minutes: 20,
    },
    Lesson {
        slug: "partitions",
        course: "why-coordination",
        scenario: "partition",
        minutes: 15,
    },
    Lesson {
        slug: "commit-protocols",
        course: "comparing-protocols",
        scenario: "commit",
        minutes: 25,
    },
];

/// The lesson with this slug, with its 0-based index.
pub fn find(slug: &str) -> Option<(usize, &'static Lesson)> {
    LESSONS.iter().enumerate().find(|(_, l)| l.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn slugs_and_scenarios_are_unique_and_url_safe() {
        let slugs: BTreeSet<_> = LESSONS.iter().map(|l| l.slug).collect();
        assert_eq!(slugs.len(), LESSONS.len());
        let scenarios: BTreeSet<_> = LESSONS.iter().map(|l| l.scenario).collect();
        assert_eq!(scenarios.len(), LESSONS.len());
        for l in &LESSONS {
            for s in [l.slug, l.scenario] {
                assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s}");
            }
            assert!(l.minutes > 0 && l.minutes <= 60);
        }
    }

    #[test]
    fn find_returns_index() {
        assert_eq!(find("leader-election").map(|(i, _)| i), Some(1));
        assert!(find("nope").is_none());
        let (i, _) = find("commit-protocols").unwrap();
        assert!(crate::i18n::Lang::En.texts().lessons[i]
            .title
            .contains("Paxos"));
    }

    /// Every old slug leads to a lesson the course has, in both languages.
    #[test]
    fn every_old_slug_leads_to_a_course_lesson() {
        for lang in ["en", "zh"] {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/").to_string() + lang;
            let names: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            for l in &LESSONS {
                let file = names
                    .iter()
                    .find(|n| n.get(3..) == Some(&format!("{}.md", l.course)));
                assert!(
                    file.is_some(),
                    "{lang}: no lesson {} for {}",
                    l.course,
                    l.slug
                );
            }
        }
    }
}
