//! The lock lab's address: `#/locks?preset=NAME`, and a share link's run —
//! `log` (the learner's scenario lines, one per line), `at` (how many are played) and
//! `sellers` (the 12306 preset's). Read and written through serde_urlencoded, as the
//! election lab's query is.

use serde::{Deserialize, Serialize};
use zooscope_core::scenario::lock_presets::{preset, TICKET_SELLERS_DEFAULT};
use zooscope_core::scenario::lock_run::LOG_MAX;
use zooscope_core::scenario::tickets::SELLERS_MAX;

/// Longest `log` accepted from an address (characters).
pub const LOG_TEXT_MAX: usize = 32_000;

/// The query of `#/locks`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocksQuery {
    /// The preset's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The learner's lines, `\n`-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<String>,
    /// Lines played (None: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<usize>,
    /// Sellers of the 12306 preset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sellers: Option<usize>,
}

impl LocksQuery {
    /// Parse a query string (a bad one reads as empty).
    pub fn parse(query: &str) -> Self {
        serde_urlencoded::from_str(query.trim_start_matches('?')).unwrap_or_default()
    }

    /// The preset asked for, if it exists; `queue` otherwise.
    pub fn preset_name(&self) -> &'static str {
        self.preset
            .as_deref()
            .and_then(preset)
            .map_or("queue", |p| p.name)
    }

    /// The log's lines (bounded).
    pub fn log_lines(&self) -> Vec<String> {
        self.log
            .as_deref()
            .map(|t| {
                t.chars()
                    .take(LOG_TEXT_MAX)
                    .collect::<String>()
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .take(LOG_MAX)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Sellers, clamped to 2..=10.
    pub fn sellers(&self) -> usize {
        self.sellers
            .unwrap_or(TICKET_SELLERS_DEFAULT)
            .clamp(2, SELLERS_MAX)
    }

    /// The link's query (`preset=…&log=…&at=…`).
    pub fn to_query(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips() {
        let q = LocksQuery {
            preset: Some("herd".into()),
            log: Some("c1 unlock /lock\nwait 1s".into()),
            at: Some(1),
            sellers: None,
        };
        let back = LocksQuery::parse(&q.to_query());
        assert_eq!(back, q);
        assert_eq!(back.log_lines(), ["c1 unlock /lock", "wait 1s"]);
        assert_eq!(LocksQuery::parse("preset=nope").preset_name(), "queue");
        assert_eq!(LocksQuery::parse("sellers=99").sellers(), 10);
        assert_eq!(LocksQuery::parse("%%%").preset_name(), "queue");
    }
}
