//! The lesson catalogue: which lessons exist, in which order, and which lab scenario
//! each one opens. Titles and blurbs live in [`crate::i18n`] (`Texts::lessons`, same
//! order), so this file holds only language-neutral facts.

use crate::i18n::{LessonText, Texts, LESSON_COUNT};

/// One catalogue entry.
#[derive(Debug, PartialEq, Eq)]
pub struct Lesson {
    /// URL slug: `#/lesson/<slug>`.
    pub slug: &'static str,
    /// The lab scenario the lesson uses: `#/lab?scenario=<id>`.
    pub scenario: &'static str,
    /// Estimated minutes of hands-on time.
    pub minutes: u32,
}

/// All lessons, in teaching order.
pub const LESSONS: [Lesson; LESSON_COUNT] = [
    Lesson {
        slug: "coordination",
        scenario: "ensemble",
        minutes: 10,
    },
    Lesson {
        slug: "leader-election",
        scenario: "election",
        minutes: 20,
    },
    Lesson {
        slug: "zab-broadcast",
        scenario: "broadcast",
        minutes: 20,
    },
    Lesson {
        slug: "crash-recovery",
        scenario: "recovery",
        minutes: 15,
    },
    Lesson {
        slug: "sessions-watches",
        scenario: "sessions",
        minutes: 15,
    },
    Lesson {
        slug: "distributed-lock",
        scenario: "lock",
        minutes: 20,
    },
    Lesson {
        slug: "partitions",
        scenario: "partition",
        minutes: 15,
    },
    Lesson {
        slug: "commit-protocols",
        scenario: "commit",
        minutes: 25,
    },
];

/// The lesson with this slug, with its 0-based index.
pub fn find(slug: &str) -> Option<(usize, &'static Lesson)> {
    LESSONS.iter().enumerate().find(|(_, l)| l.slug == slug)
}

/// The words of lesson `index` in a language's table.
pub fn text(texts: &'static Texts, index: usize) -> Option<&'static LessonText> {
    texts.lessons.get(index)
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
        assert!(text(crate::i18n::Lang::En.texts(), i)
            .unwrap()
            .title
            .contains("Paxos"));
    }
}
