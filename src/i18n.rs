//! Every user-visible string of the app, in zh-CN and English.
//!
//! The table is a struct of `&'static str` fields with one static instance per language
//! (`zh.rs`, `en.rs`), so a string missing in one language is a compile error, not a
//! blank on screen. Components read it through [`Lang::texts`]. Which language is active
//! is decided in [`crate::lang_pref`].

mod compare;
pub mod compare_errors;
pub mod compare_notes;
pub mod course;
mod en;
pub mod events;
pub mod experiments;
pub mod frame;
#[cfg(test)]
mod glossary;
mod lab;
pub mod lab_errors;
pub mod live;
pub mod locks;
pub mod notes;
pub mod panels;
pub mod reasons;
pub mod replay;
mod scenarios;
mod zh;

pub use compare::CompareTexts;
pub use frame::FrameTexts;
pub use lab::LabTexts;
pub use live::LiveTexts;
pub use locks::LockTexts;
pub use panels::PanelTexts;
pub use scenarios::{ScenarioText, ScenarioTexts};

/// A UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese (most of our learners).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, in toggle order.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The message table of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &zh::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }

    /// The short code used in `?lang=` and in storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language (what the header toggle switches to).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// Read a language code or tag ("zh", "zh-CN", "zh-Hant", "en", "en-GB", any case).
    /// Anything else is `None`.
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or("");
        match primary {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

impl Lang {
    /// The election lab's strings of this language.
    pub fn lab(self) -> &'static LabTexts {
        match self {
            Lang::Zh => &lab::LAB_ZH,
            Lang::En => &lab::LAB_EN,
        }
    }

    /// The lab scenarios' words in this language.
    pub fn scenarios(self) -> &'static ScenarioTexts {
        match self {
            Lang::Zh => &scenarios::SCENARIOS_ZH,
            Lang::En => &scenarios::SCENARIOS_EN,
        }
    }

    /// The live page's strings in this language.
    pub fn live(self) -> &'static LiveTexts {
        match self {
            Lang::Zh => &live::LIVE_ZH,
            Lang::En => &live::LIVE_EN,
        }
    }

    /// The lock lab's strings in this language.
    pub fn locks(self) -> &'static LockTexts {
        match self {
            Lang::Zh => &locks::LOCKS_ZH,
            Lang::En => &locks::LOCKS_EN,
        }
    }

    /// The lab frame's strings in this language.
    pub fn frame(self) -> &'static FrameTexts {
        match self {
            Lang::Zh => &frame::FRAME_ZH,
            Lang::En => &frame::FRAME_EN,
        }
    }

    /// The comparison lab's strings in this language.
    pub fn compare(self) -> &'static CompareTexts {
        match self {
            Lang::Zh => &compare::COMPARE_ZH,
            Lang::En => &compare::COMPARE_EN,
        }
    }

    /// The course pages' strings in this language.
    pub fn course(self) -> &'static course::CourseTexts {
        match self {
            Lang::Zh => &course::ZH,
            Lang::En => &course::EN,
        }
    }

    /// The strings of the lab's ZooKeeper panels in this language.
    pub fn panels(self) -> &'static PanelTexts {
        match self {
            Lang::Zh => &panels::ZH,
            Lang::En => &panels::EN,
        }
    }
}

/// A titled paragraph (topic tiles, "how it works" steps).
#[derive(Debug)]
pub struct Topic {
    /// Short label above the title.
    pub tag: &'static str,
    /// Heading.
    pub title: &'static str,
    /// One paragraph.
    pub body: &'static str,
}

/// The words of one catalogue entry; the entry itself is in [`crate::catalogue`].
#[derive(Debug)]
pub struct LessonText {
    /// Lesson title.
    pub title: &'static str,
}

/// Number of topic tiles on the home page.
pub const TOPIC_COUNT: usize = 5;
/// Number of lessons in the catalogue (matches [`crate::catalogue::LESSONS`]).
pub const LESSON_COUNT: usize = 8;
/// Rows of the comparison table.
pub const COMPARE_ROWS: usize = 6;

/// All strings of one language.
#[derive(Debug)]
pub struct Texts {
    // ----- page chrome -----
    /// `document.title`.
    pub doc_title: &'static str,
    /// Small line next to the logo.
    pub brand_tagline: &'static str,
    /// Keyboard "skip to content" link.
    pub skip_link: &'static str,
    /// Accessible name of the main navigation.
    pub nav_label: &'static str,
    /// Nav: home.
    pub nav_home: &'static str,
    /// Nav: lab.
    pub nav_lab: &'static str,
    /// Nav: the lock lab.
    pub nav_locks: &'static str,
    /// Nav: compare.
    pub nav_compare: &'static str,
    /// Text on the language toggle (names the language it switches *to*).
    pub toggle_label: &'static str,
    /// Tooltip and accessible name of the toggle.
    pub toggle_title: &'static str,
    /// Footer line.
    pub footer: &'static str,

    // ----- home: hero -----
    /// Line above the hero title.
    pub hero_kicker: &'static str,
    /// Hero title.
    pub hero_title: &'static str,
    /// Hero paragraph.
    pub hero_lead: &'static str,
    /// The lab's call to action (the hero's second, the page's last).
    pub cta_lab: &'static str,
    /// The hero's main call to action: down to the course catalogue.
    pub cta_catalogue: &'static str,
    /// Three short facts under the calls to action.
    pub hero_facts: [&'static str; 3],

    // ----- home: ensemble figure -----
    /// Caption under the figure.
    pub fig_caption: &'static str,
    /// Accessible description of the figure.
    pub fig_aria: &'static str,
    /// Role label of the leader.
    pub fig_leader: &'static str,
    /// Role label of a follower.
    pub fig_follower: &'static str,
    /// Label of the quorum bracket.
    pub fig_quorum: &'static str,

    // ----- home: topics -----
    /// Section title.
    pub topics_title: &'static str,
    /// Section lead.
    pub topics_lead: &'static str,
    /// The tiles.
    pub topics: [Topic; TOPIC_COUNT],

    // ----- the lab's scenario catalogue (`crate::catalogue`) -----
    /// One entry per lesson, in catalogue order.
    pub lessons: [LessonText; LESSON_COUNT],

    // ----- home: how it works -----
    /// Section title.
    pub how_title: &'static str,
    /// The three steps.
    pub how_steps: [Topic; 3],

    // ----- lab -----
    /// Lab page title.
    pub lab_title: &'static str,
    /// Label of the requested scenario.
    pub lab_scenario: &'static str,
    /// Shown when no scenario was requested.
    pub lab_scenario_none: &'static str,

    // ----- compare -----
    /// Page title.
    pub compare_title: &'static str,
    /// Page lead.
    pub compare_lead: &'static str,
    /// Badge next to the title.
    pub compare_badge: &'static str,
    /// Table header: first column (the aspect compared).
    pub compare_aspect: &'static str,
    /// Table rows: aspect, 2PC, 3PC, Paxos.
    pub compare_rows: [[&'static str; 4]; COMPARE_ROWS],
    /// Note under the table.
    pub compare_note: &'static str,

    // ----- lesson page -----
    /// Link back to the catalogue.
    pub lesson_back: &'static str,
    /// Title when the slug is unknown.
    pub lesson_unknown_title: &'static str,
    /// Body when the slug is unknown.
    pub lesson_unknown_body: &'static str,

    // ----- not found -----
    /// Title.
    pub nf_title: &'static str,
    /// Body.
    pub nf_body: &'static str,
    /// Link home.
    pub nf_home: &'static str,

    // ----- panic overlay (built without Yew) -----
    /// Overlay title.
    pub panic_title: &'static str,
    /// Overlay paragraph.
    pub panic_lead: &'static str,
    /// Label of the panic message.
    pub panic_message: &'static str,
    /// Label of the reproduction key.
    pub panic_key: &'static str,
    /// Shown when the lab set no key.
    pub panic_key_none: &'static str,
    /// Reload button.
    pub panic_reload: &'static str,
}

impl Texts {
    /// Every string of the table, for completeness checks.
    pub fn all_strings(&self) -> Vec<&'static str> {
        let mut v = vec![
            self.doc_title,
            self.brand_tagline,
            self.skip_link,
            self.nav_label,
            self.nav_home,
            self.nav_lab,
            self.nav_locks,
            self.nav_compare,
            self.toggle_label,
            self.toggle_title,
            self.footer,
            self.hero_kicker,
            self.hero_title,
            self.hero_lead,
            self.cta_lab,
            self.cta_catalogue,
            self.fig_caption,
            self.fig_aria,
            self.fig_leader,
            self.fig_follower,
            self.fig_quorum,
            self.topics_title,
            self.topics_lead,
            self.how_title,
            self.lab_title,
            self.lab_scenario,
            self.lab_scenario_none,
            self.compare_title,
            self.compare_lead,
            self.compare_badge,
            self.compare_aspect,
            self.compare_note,
            self.lesson_back,
            self.lesson_unknown_title,
            self.lesson_unknown_body,
            self.nf_title,
            self.nf_body,
            self.nf_home,
            self.panic_title,
            self.panic_lead,
            self.panic_message,
            self.panic_key,
            self.panic_key_none,
            self.panic_reload,
        ];
        v.extend(self.hero_facts);
        for t in self.topics.iter().chain(&self.how_steps) {
            v.extend([t.tag, t.title, t.body]);
        }
        for l in &self.lessons {
            v.push(l.title);
        }
        for row in &self.compare_rows {
            v.extend(row.iter().copied());
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_codes_and_tags() {
        assert_eq!(Lang::parse("zh"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("ZH_tw"), Some(Lang::Zh));
        assert_eq!(Lang::parse(" en-GB "), Some(Lang::En));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse("zhx"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
            assert_eq!(Lang::parse(lang.html_tag()), Some(lang));
            assert_eq!(lang.other().other(), lang);
            assert_ne!(lang.other(), lang);
        }
    }

    #[test]
    fn no_string_is_blank() {
        for lang in Lang::ALL {
            for s in lang.texts().all_strings() {
                assert!(!s.trim().is_empty(), "{lang:?} has a blank string");
            }
        }
    }

    #[test]
    fn languages_really_differ() {
        let zh = Lang::Zh.texts().all_strings();
        let en = Lang::En.texts().all_strings();
        assert_eq!(zh.len(), en.len());
        // Prose must be translated; identical entries are only allowed for short
        // technical labels such as "Leader" or "2PC".
        for (a, b) in zh.iter().zip(&en) {
            if a == b {
                assert!(a.chars().count() <= 12, "untranslated string: {a}");
            }
        }
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(cjk(Lang::Zh.texts().hero_title));
        assert!(!cjk(Lang::En.texts().hero_title));
        // The toggle names the *other* language.
        assert!(cjk(Lang::En.texts().toggle_label));
        assert!(!cjk(Lang::Zh.texts().toggle_label));
    }
}
