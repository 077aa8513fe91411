//! The comparison lab's share link: `#/compare?s=SCRIPT&seed=N&step=K` (or a preset by
//! id, `p=ID`), read with serde_urlencoded as the lab reads its links. Opening it
//! replays the script with that seed to that step, so it shows exactly what was shared.

use serde::{Deserialize, Serialize};
use zooscope_core::compare::presets::{preset, PRESETS};
use zooscope_core::compare::script::LINES_MAX;

/// Longest script a link may carry, in bytes (a script has at most `LINES_MAX` lines).
pub const LINK_SCRIPT_MAX: usize = LINES_MAX * 120;

/// What the address asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkQuery {
    /// The script's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s: Option<String>,
    /// A preset's id (when there is no script).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<String>,
    /// The seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<u64>,
}

impl LinkQuery {
    /// Read a query string (with or without its `?`); anything unreadable is ignored.
    pub fn parse(query: &str) -> Self {
        serde_urlencoded::from_str(query.strip_prefix('?').unwrap_or(query)).unwrap_or_default()
    }

    /// The script, seed and step to open: the link's, else the first preset at step 0.
    pub fn start(&self) -> (String, u64, u64) {
        let text = match (&self.s, &self.p) {
            (Some(s), _) if s.len() <= LINK_SCRIPT_MAX => s.clone(),
            (_, Some(id)) => preset(id)
                .map_or(PRESETS[0].script, |p| p.script)
                .to_string(),
            _ => PRESETS[0].script.to_string(),
        };
        (text, self.seed.unwrap_or(1), self.step.unwrap_or(0))
    }
}

/// The link to `text` with `seed` at `step`, given the page's address (`base`, whose
/// part after `#` is replaced).
pub fn link(base: &str, text: &str, seed: u64, step: u64) -> String {
    let base = base.split('#').next().unwrap_or_default();
    let q = LinkQuery {
        s: Some(text.to_string()),
        p: None,
        seed: Some(seed),
        step: Some(step),
    };
    let query = serde_urlencoded::to_string(&q).unwrap_or_default();
    format!("{base}#/compare?{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_back_as_it_was_written() {
        let text = "lanes 2pc 3pc\nnodes 5\npropose x=1 # a & b\n";
        let url = link("http://h/?lang=en#/lab", text, 7, 42);
        assert!(url.starts_with("http://h/?lang=en#/compare?"), "{url}");
        let q = LinkQuery::parse(url.split_once("#/compare").unwrap().1);
        assert_eq!(q.start(), (text.to_string(), 7, 42));
        assert_eq!(
            LinkQuery::parse("?p=3pc-partition").start().0,
            preset("3pc-partition").unwrap().script
        );
        assert_eq!(LinkQuery::parse("garbage=%%").start().1, 1);
    }
}
