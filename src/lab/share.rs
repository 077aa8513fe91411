//! Sharing a run: the link (`#/lab?key=zs1…`), the JSON run file, and the learner-facing
//! wording of every way a link or file can be wrong.
//!
//! A link carries only the reproduction key, which holds the seed, the config, the
//! command log and the position, so opening it replays the run to the same event with
//! the same trace hash. A run file wraps the same key with metadata; on import the
//! replay's trace hash must match the recorded one, so an edited file is caught even
//! when its key is still well-formed.
//!
//! The run file is written with serde_json's pretty printer and read back with serde_json;
//! the query is read with serde_urlencoded, as yew-router reads a route's query.

use super::scenarios::{PreludeGoal, PreludeProblem, UNTIL_MAX_US};
use super::session::{LabError, LabSession, CLIENTS_MAX};
use super::setup::{SetupError, SERVERS_MAX, SERVERS_MIN, ZOO_CFG_MAX};
use crate::i18n::lab_errors as words;
use crate::i18n::{replay, LabTexts, Lang};
use serde::{Deserialize, Serialize};
use zooscope_core::repro::KeyError;

/// `format` of a run file.
pub const RUN_FILE_FORMAT: &str = "zooscope-run";
/// `version` of a run file.
pub const RUN_FILE_VERSION: u32 = 1;
/// Largest run file accepted, bytes.
pub const RUN_FILE_MAX: usize = 2_500_000;

/// Query parameters of the lab route that this module reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ShareQuery {
    /// A reproduction key.
    #[serde(default)]
    pub key: Option<String>,
    /// A scenario id (kept so lesson links keep working).
    #[serde(default)]
    pub scenario: Option<String>,
}

impl ShareQuery {
    /// Read `key` and `scenario` from the route's query string (with or without its
    /// `?`), decoded as a form is: `+` is a space, `%XX` a byte, bad UTF-8 replaced.
    /// Other parameters are ignored; a query that does not read (a parameter given
    /// twice) gives both `None`, so the lab opens fresh.
    pub fn parse(query: &str) -> Self {
        serde_urlencoded::from_str(query.strip_prefix('?').unwrap_or(query)).unwrap_or_default()
    }
}

/// An exported run.
///
/// Only `format`, `version`, `key` and `trace_hash` decide whether a file loads; the
/// other fields are for the reader (the key carries the exact seed and position).
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
    RunFile {
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
    }
    .to_json()
}

impl RunFile {
    /// The file's text: an object with one field a line, indented by two spaces, in
    /// the order of the struct.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("strings and integers always serialize")
    }

    /// Read a run file. Only a JSON object is one (serde alone would also read the
    /// fields from an array, in order); the error is serde_json's own words, with line
    /// and column for text that is not JSON.
    pub fn from_json(text: &str) -> Result<RunFile, FileProblem> {
        let shape = |e: serde_json::Error| FileProblem::Shape(e.to_string());
        let value: serde_json::Value = serde_json::from_str(text).map_err(shape)?;
        if !value.is_object() {
            return Err(FileProblem::NotAnObject);
        }
        RunFile::deserialize(value).map_err(shape)
    }
}

/// A run file's problem (beyond its key's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Larger than [`RUN_FILE_MAX`].
    TooBig {
        /// Its size, bytes.
        bytes: usize,
    },
    /// Not JSON, or a field of the wrong type: serde_json's own words (with line and
    /// column for text that is not JSON).
    Shape(String),
    /// JSON, but not an object.
    NotAnObject,
    /// Another file format or version.
    WrongFormat {
        /// Its `format`.
        format: String,
        /// Its `version`.
        version: u32,
    },
    /// The replay's trace hash differs from the recorded one.
    Hash {
        /// The file's `trace_hash`.
        recorded: String,
        /// The replay's.
        replayed: String,
    },
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileProblem::TooBig { bytes } => write!(f, "too big: {bytes} bytes"),
            FileProblem::Shape(e) => write!(f, "shape: {e}"),
            FileProblem::NotAnObject => f.write_str("shape: not a JSON object"),
            FileProblem::WrongFormat { format, version } => {
                write!(f, "shape: format {format} version {version}")
            }
            FileProblem::Hash { recorded, replayed } => {
                write!(f, "hash: file says {recorded}, replay gives {replayed}")
            }
        }
    }
}

/// Load a run file: parse, replay its key, check the trace hash.
pub fn import(text: &str) -> Result<LabSession, LabError> {
    if text.len() > RUN_FILE_MAX {
        return Err(LabError::File(FileProblem::TooBig { bytes: text.len() }));
    }
    let file = RunFile::from_json(text).map_err(LabError::File)?;
    if file.format != RUN_FILE_FORMAT || file.version != RUN_FILE_VERSION {
        return Err(LabError::File(FileProblem::WrongFormat {
            format: file.format,
            version: file.version,
        }));
    }
    let session = LabSession::from_key_text(&file.key)?;
    if !file
        .trace_hash
        .eq_ignore_ascii_case(&session.trace_hash_hex())
    {
        return Err(LabError::File(FileProblem::Hash {
            recorded: file.trace_hash,
            replayed: session.trace_hash_hex(),
        }));
    }
    Ok(session)
}

/// The learner-facing sentence for an error, in `lang` (technical detail from the core
/// is appended in parentheses where it helps).
pub fn error_text(e: &LabError, lang: Lang) -> String {
    let l = lang.lab();
    match e {
        LabError::Key(k) => key_text(k, l),
        LabError::File(problem) => match problem {
            FileProblem::TooBig { .. } => l.file_too_big.to_string(),
            FileProblem::Hash { .. } => l.file_hash.to_string(),
            // serde_json's words, with where the text goes wrong.
            FileProblem::Shape(e) => format!("{} ({e})", l.file_bad),
            FileProblem::NotAnObject => l.file_bad.to_string(),
            FileProblem::WrongFormat { format, version } => {
                format!("{} (format {format} version {version})", l.file_bad)
            }
        },
        LabError::Setup(e) => format!("{}: {}", l.setup_bad, setup_text(e, lang)),
        LabError::Prelude { scenario, problem } => {
            let why = prelude_text(*problem, lang);
            let why = match scenario {
                Some(id) => words::in_scenario(id, &why, lang),
                None => why,
            };
            format!("{}: {why}", l.setup_bad)
        }
        LabError::Command(e) => replay::command(e, lang),
        LabError::PartitionGroups => words::partition_groups(lang),
        LabError::Console(e) => words::console(e, lang),
        LabError::NoServer(sid) => words::no_server(*sid, lang),
        LabError::NoClient(n) => words::no_client(*n, lang),
        LabError::TooManyClients => words::too_many_clients(CLIENTS_MAX, lang),
        LabError::NoConnectedClient => words::no_connected_client(lang),
    }
}

fn setup_text(e: &SetupError, lang: Lang) -> String {
    match e {
        SetupError::ZooCfgTooLong => words::zoo_cfg_too_long(ZOO_CFG_MAX, lang),
        SetupError::Servers {
            servers,
            from_zoo_cfg,
        } => words::servers_range(SERVERS_MIN, SERVERS_MAX, *servers, *from_zoo_cfg, lang),
        SetupError::NoVoter => words::no_voter(lang),
        SetupError::Config(c) => words::config(c, lang),
    }
}

fn prelude_text(p: PreludeProblem, lang: Lang) -> String {
    let secs = UNTIL_MAX_US / 1_000_000;
    match p {
        PreludeProblem::Timeout(PreludeGoal::ServingLeader) => {
            words::prelude_timeout(true, secs, lang)
        }
        PreludeProblem::Timeout(PreludeGoal::ConnectedClients) => {
            words::prelude_timeout(false, secs, lang)
        }
        PreludeProblem::NoLeaderToCrash => words::prelude_no_leader(true, lang),
        PreludeProblem::NoLeaderToIsolate => words::prelude_no_leader(false, lang),
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

    #[test]
    fn lab_refusals_are_worded_in_each_language() {
        let too_big = LabSetup {
            servers: 12,
            ..LabSetup::default()
        };
        let e = LabSession::new(&too_big).unwrap_err();
        assert_eq!(
            error_text(&e, Lang::Zh),
            "设置无效: 实验室运行 1 到 9 台服务器，不能是 12 台"
        );
        assert_eq!(
            error_text(&e, Lang::En),
            "Invalid setup: the lab runs 1 to 9 servers, not 12"
        );
        let bad_cfg = LabSetup {
            zoo_cfg: Some("tickTime=2000\ninitLimit=0\n".into()),
            ..LabSetup::default()
        };
        let e = LabSession::new(&bad_cfg).unwrap_err();
        assert_eq!(
            error_text(&e, Lang::Zh),
            "设置无效: 第 2 行：initLimit 0 不在 1..1000 个 tick 之内"
        );
        let mut s = session();
        assert_eq!(
            error_text(&s.crash(9).unwrap_err(), Lang::Zh),
            "没有服务器 9"
        );
        s.crash(1).unwrap();
        let e = s.crash(1).unwrap_err();
        assert!(matches!(e, LabError::Command(_)), "{e:?}");
        assert!(
            error_text(&e, Lang::Zh).contains("不是“运行中”状态"),
            "{e:?}"
        );
        assert!(error_text(&e, Lang::En).contains("is not running"), "{e:?}");
    }

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

        let mut file: serde_json::Value = serde_json::from_str(&text).unwrap();
        file["trace_hash"] = "0000000000000000".into();
        let e = import(&file.to_string()).unwrap_err();
        assert!(error_text(&e, Lang::En).contains("different trace hash"));

        for bad in [
            "",
            "{}",
            "[1,2]",
            "not json",
            "{\"format\":\"x\"}",
            "null",
            "7",
        ] {
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
    fn export_is_serde_json_pretty_text() {
        // The format every exported file has had: escapes, field order, indentation.
        let file = RunFile {
            format: "a\"b\\c\n\t\u{1}\u{7f}é😀".into(),
            version: 1,
            key: "k".into(),
            step: u64::MAX,
            time_us: 0,
            trace_hash: "x".into(),
            seed: u64::MAX,
            servers: 3,
            clients: 0,
            app: "z".into(),
        };
        let want = "{\n  \"format\": \"a\\\"b\\\\c\\n\\t\\u0001\u{7f}é😀\",\n  \"version\": 1,\n  \"key\": \"k\",\n  \"step\": 18446744073709551615,\n  \"time_us\": 0,\n  \"trace_hash\": \"x\",\n  \"seed\": 18446744073709551615,\n  \"servers\": 3,\n  \"clients\": 0,\n  \"app\": \"z\"\n}";
        assert_eq!(file.to_json(), want);
        let text = export(&session());
        assert!(text.starts_with(
            "{\n  \"format\": \"zooscope-run\",\n  \"version\": 1,\n  \"key\": \"zs1."
        ));
        assert!(text.ends_with(&format!(
            ",\n  \"app\": \"ZooScope {}\"\n}}",
            env!("CARGO_PKG_VERSION")
        )));
    }

    #[test]
    fn a_seed_beyond_two_to_the_53_still_loads() {
        // Above what a JavaScript number holds exactly; the key and the trace hash
        // decide anyway.
        let setup = LabSetup {
            seed: u64::MAX - 2,
            ..LabSetup::default()
        };
        let mut s = LabSession::new(&setup).unwrap();
        for _ in 0..30 {
            s.step();
        }
        let text = export(&s);
        assert!(text.contains("\"seed\": 18446744073709551613,"), "{text}");
        let back = import(&text).unwrap();
        assert_eq!(back.world().seed(), u64::MAX - 2);
        assert_eq!(back.trace_hash_hex(), s.trace_hash_hex());
    }

    /// A file exported before run files were written with serde_json (seed above 2^53).
    const OLD_FILE: &str = r#"{
  "format": "zooscope-run",
  "version": 1,
  "key": "zs1.CXpvb2tlZXBlctAPCgWgH8C4AhIvdmFyL2xpYi96b29rZWVwZXIDAQkxMjcuMC4wLjHIFrAehREAAgkxMjcuMC4wLjHJFrEehhEAAwkxMjcuMC4wLjHKFrIehxEAAQDoB9APAADAhD2gjQb9__________8BBAAADgECYzEDAQID4NQDAQAADQMCAAAOAQJjMgMBAgPg1AMBAAANBAIBPLvmDT2ijIE",
  "step": 60,
  "time_us": 226107,
  "trace_hash": "138b54beeefb2211",
  "seed": 18446744073709551613,
  "servers": 3,
  "clients": 2,
  "app": "ZooScope 0.1.0"
}"#;

    #[test]
    fn files_exported_before_still_import_and_export_the_same() {
        let s = import(OLD_FILE).unwrap();
        assert_eq!(s.trace_hash_hex(), "138b54beeefb2211");
        assert_eq!(s.steps(), 60);
        assert_eq!(s.world().seed(), u64::MAX - 2);
        let file = RunFile::from_json(OLD_FILE).unwrap();
        assert_eq!(file.to_json(), OLD_FILE);
    }

    /// The shape error `import` gives for `file`.
    fn shape_error(file: &serde_json::Value) -> String {
        match import(&file.to_string()) {
            Err(LabError::File(problem)) => problem.to_string(),
            other => panic!("{file}: {:?}", other.map(|s| s.steps())),
        }
    }

    #[test]
    fn fields_are_checked_for_type_and_range() {
        let good: serde_json::Value = serde_json::from_str(OLD_FILE).unwrap();
        for (name, value, why) in [
            (
                "format",
                1.into(),
                "invalid type: integer `1`, expected a string",
            ),
            (
                "trace_hash",
                serde_json::Value::Null,
                "invalid type: null, expected a string",
            ),
            (
                "version",
                "1".into(),
                "invalid type: string \"1\", expected u32",
            ),
            (
                "version",
                1.5.into(),
                "invalid type: floating point `1.5`, expected u32",
            ),
            (
                "version",
                4294967296u64.into(),
                "invalid value: integer `4294967296`, expected u32",
            ),
            (
                "servers",
                (-1).into(),
                "invalid value: integer `-1`, expected u32",
            ),
            (
                "step",
                3.6893488147419103e19.into(),
                "invalid type: floating point",
            ),
            (
                "clients",
                serde_json::json!([]),
                "invalid type: sequence, expected u32",
            ),
        ] {
            let mut file = good.clone();
            file[name] = value;
            let e = shape_error(&file);
            assert!(e.starts_with(&format!("shape: {why}")), "{name}: {e}");
        }
        for name in ["key", "app"] {
            let mut file = good.clone();
            file.as_object_mut().unwrap().remove(name);
            assert_eq!(shape_error(&file), format!("shape: missing field `{name}`"));
        }
        // Not an object: refused even when the values are there in order.
        let values: Vec<serde_json::Value> = good.as_object().unwrap().values().cloned().collect();
        assert_eq!(shape_error(&values.into()), "shape: not a JSON object");
        // Text that is not JSON: serde_json's words with line and column.
        let e = import("{\n  \"format\": ").unwrap_err();
        assert!(
            error_text(&e, Lang::En).contains("EOF while parsing a value at line 2 column"),
            "{e:?}"
        );
        // Through `import`: the learner reads the detail after the sentence.
        let e = import(r#"{"format":"zooscope-run","version":1}"#).unwrap_err();
        assert!(error_text(&e, Lang::En).contains("(missing field `key`"));
        let e = import(r#"{"format":"zooscope-run","version":2,"key":"k","step":0,"time_us":0,"trace_hash":"","seed":0,"servers":0,"clients":0,"app":""}"#).unwrap_err();
        assert!(error_text(&e, Lang::En).contains("(format zooscope-run version 2)"));
    }

    #[test]
    fn every_kind_of_lab_query_reads_as_before() {
        // What the lab has always read from these queries (yew-router's serde reader,
        // then a hand-written reader checked against it).
        let some = |s: &str| Some(s.to_string());
        for (q, key, scenario) in [
            ("", None, None),
            ("?", None, None),
            ("?key=zs1.CXpvb2_-AA", some("zs1.CXpvb2_-AA"), None),
            (
                "key=zs1.abc&scenario=split-brain",
                some("zs1.abc"),
                some("split-brain"),
            ),
            ("?scenario=split%2Dbrain&lang=en", None, some("split-brain")),
            ("?scenario=a+b%2Bc", None, some("a b+c")),
            ("?key=", some(""), None),
            ("?key", some(""), None),
            ("?key=a&key=b", None, None),
            ("?scenario=x&scenario=x", None, None),
            ("?k%65y=v", some("v"), None),
            ("?scenario=%E4%B8%AD%E6%96%87", None, some("中文")),
            ("?scenario=%FF%zz%4", None, some("\u{fffd}%zz%4")),
            ("?&&key=a&&", some("a"), None),
            ("?key=a=b", some("a=b"), None),
            ("?other=1&key=%20", some(" "), None),
        ] {
            assert_eq!(ShareQuery::parse(q), ShareQuery { key, scenario }, "{q}");
        }
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
