//! Sharing a run: the link (`#/lab?key=zs1…`), the JSON run file, and the learner-facing
//! wording of every way a link or file can be wrong.
//!
//! A link carries only the reproduction key, which holds the seed, the config, the
//! command log and the position, so opening it replays the run to the same event with
//! the same trace hash. A run file wraps the same key with metadata; on import the
//! replay's trace hash must match the recorded one, so an edited file is caught even
//! when its key is still well-formed.

use super::session::{LabError, LabSession};
use crate::i18n::{LabTexts, Lang};
use serde::{Deserialize, Serialize};
use zooscope_core::repro::KeyError;

/// `format` of a run file.
pub const RUN_FILE_FORMAT: &str = "zooscope-run";
/// `version` of a run file.
pub const RUN_FILE_VERSION: u32 = 1;
/// Largest run file accepted, bytes.
pub const RUN_FILE_MAX: usize = 2_500_000;

/// Query parameters of the lab route that this module reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareQuery {
    /// A reproduction key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// A scenario id (kept so lesson links keep working).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

/// An exported run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunFile {
    /// Always [`RUN_FILE_FORMAT`].
    pub format: String,
    /// Always [`RUN_FILE_VERSION`].
    pub version: u32,
    /// The reproduction key (position included).
    pub key: String,
    /// Events processed at the position.
    pub step: u64,
    /// Simulated time at the position, µs.
    pub time_us: u64,
    /// Trace hash at the position (16 hex digits).
    pub trace_hash: String,
    /// The run's seed.
    pub seed: u64,
    /// Servers in the ensemble.
    pub servers: u32,
    /// Clients.
    pub clients: u32,
    /// Which app wrote it.
    pub app: String,
}

/// The link of the session's current moment, given the page's address before the
/// `#` (e.g. `http://127.0.0.1:8080/?lang=en`).
pub fn link(base: &str, session: &LabSession) -> String {
    let base = base.split('#').next().unwrap_or_default();
    format!("{base}#/lab?key={}", session.key_text())
}

/// The run file of the session's current moment, as pretty JSON.
pub fn export(session: &LabSession) -> String {
    let file = RunFile {
        format: RUN_FILE_FORMAT.into(),
        version: RUN_FILE_VERSION,
        key: session.key_text(),
        step: session.steps(),
        time_us: session.world().now().0,
        trace_hash: session.trace_hash_hex(),
        seed: session.world().seed(),
        servers: session.server_ids().len() as u32,
        clients: session.client_ids().len() as u32,
        app: format!("ZooScope {}", env!("CARGO_PKG_VERSION")),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// A run file's problem (beyond its key's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Not JSON of the right shape.
    Shape,
    /// Too big.
    TooBig,
    /// The replay's trace hash differs from the recorded one.
    Hash,
}

/// Load a run file: parse, replay its key, check the trace hash.
pub fn import(text: &str) -> Result<LabSession, LabError> {
    if text.len() > RUN_FILE_MAX {
        return Err(LabError::File("too-big".into()));
    }
    let file: RunFile =
        serde_json::from_str(text).map_err(|e| LabError::File(format!("shape: {e}")))?;
    if file.format != RUN_FILE_FORMAT || file.version != RUN_FILE_VERSION {
        return Err(LabError::File(format!(
            "shape: format {} version {}",
            file.format, file.version
        )));
    }
    let session = LabSession::from_key_text(&file.key)?;
    if !file
        .trace_hash
        .eq_ignore_ascii_case(&session.trace_hash_hex())
    {
        return Err(LabError::File(format!(
            "hash: file says {}, replay gives {}",
            file.trace_hash,
            session.trace_hash_hex()
        )));
    }
    Ok(session)
}

fn file_problem(detail: &str) -> FileProblem {
    if detail.starts_with("too-big") {
        FileProblem::TooBig
    } else if detail.starts_with("hash") {
        FileProblem::Hash
    } else {
        FileProblem::Shape
    }
}

/// The learner-facing sentence for an error, in `lang` (technical detail from the core
/// is appended in parentheses where it helps).
pub fn error_text(e: &LabError, lang: Lang) -> String {
    let l = lang.lab();
    match e {
        LabError::Key(k) => key_text(k, l),
        LabError::File(detail) => match file_problem(detail) {
            FileProblem::TooBig => l.file_too_big.to_string(),
            FileProblem::Hash => l.file_hash.to_string(),
            FileProblem::Shape => format!("{} ({detail})", l.file_bad),
        },
        LabError::Setup(why) => format!("{}: {why}", l.setup_bad),
        other => other.to_string(),
    }
}

fn key_text(k: &KeyError, l: &LabTexts) -> String {
    match k {
        KeyError::Empty => l.key_empty.into(),
        KeyError::TooLong(_) => l.key_too_long.into(),
        KeyError::WrongPrefix => l.key_prefix.into(),
        KeyError::NotBase64 => l.key_base64.into(),
        KeyError::Truncated => l.key_truncated.into(),
        KeyError::Checksum => l.key_checksum.into(),
        KeyError::Malformed(why) => format!("{} ({why})", l.key_malformed),
        KeyError::WrongProtocol { found, .. } => format!("{} ({found})", l.key_protocol),
        KeyError::Replay(why) => format!("{} ({why})", l.key_replay),
    }
}

/// Is this error about a link or file the learner brought (as opposed to an action)?
pub fn is_input_error(e: &LabError) -> bool {
    matches!(e, LabError::Key(_) | LabError::File(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::setup::LabSetup;

    fn session() -> LabSession {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        for _ in 0..400 {
            s.advance(1_000, 10_000);
        }
        s
    }

    #[test]
    fn link_carries_the_key() {
        let s = session();
        let url = link("http://127.0.0.1:1/?lang=en#/lab", &s);
        assert!(
            url.starts_with("http://127.0.0.1:1/?lang=en#/lab?key=zs1."),
            "{url}"
        );
        let key = url.split("key=").nth(1).unwrap();
        let copy = LabSession::from_key_text(key).unwrap();
        assert_eq!(copy.trace_hash_hex(), s.trace_hash_hex());
    }

    #[test]
    fn run_file_round_trips_and_catches_tampering() {
        let s = session();
        let text = export(&s);
        let back = import(&text).unwrap();
        assert_eq!(back.trace_hash_hex(), s.trace_hash_hex());
        assert_eq!(back.steps(), s.steps());

        let mut file: RunFile = serde_json::from_str(&text).unwrap();
        file.trace_hash = "0000000000000000".into();
        let e = import(&serde_json::to_string(&file).unwrap()).unwrap_err();
        assert!(error_text(&e, Lang::En).contains("different trace hash"));

        for bad in ["", "{}", "[1,2]", "not json", "{\"format\":\"x\"}"] {
            let e = import(bad).unwrap_err();
            assert!(is_input_error(&e));
            assert!(error_text(&e, Lang::Zh).contains("文件"), "{bad}");
        }
        let huge = "x".repeat(RUN_FILE_MAX + 1);
        assert_eq!(
            error_text(&import(&huge).unwrap_err(), Lang::En),
            Lang::En.lab().file_too_big
        );
    }

    #[test]
    fn key_errors_read_well_in_both_languages() {
        for text in ["", "abc", "zs1.!!", "zs1.AA", "zs1.AAAAAAAAAAAAAAAA"] {
            let e = LabSession::from_key_text(text).unwrap_err();
            let en = error_text(&e, Lang::En);
            let zh = error_text(&e, Lang::Zh);
            assert!(
                !en.is_empty() && !zh.is_empty() && en != zh,
                "{text}: {en} / {zh}"
            );
        }
        let e = LabSession::from_key_text("abc").unwrap_err();
        assert!(error_text(&e, Lang::En).contains("zs1."));
    }
}
