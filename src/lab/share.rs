//! Sharing a run: the link (`#/lab?key=zs1…`), the JSON run file, and the learner-facing
//! wording of every way a link or file can be wrong.
//!
//! A link carries only the reproduction key, which holds the seed, the config, the
//! command log and the position, so opening it replays the run to the same event with
//! the same trace hash. A run file wraps the same key with metadata; on import the
//! replay's trace hash must match the recorded one, so an edited file is caught even
//! when its key is still well-formed.
//!
//! The page carries no JSON library for the file: it is written with the small writer in
//! [`super::json`] and read with the browser's own `JSON.parse` (natively, in tests and
//! tools, with serde_json); either way [`run_file`] checks the fields, so both read the
//! same files the same way.

use super::json::{to_string, write_str};
use super::session::{LabError, LabSession};
use crate::i18n::{LabTexts, Lang};
use zooscope_core::repro::KeyError;

/// `format` of a run file.
pub const RUN_FILE_FORMAT: &str = "zooscope-run";
/// `version` of a run file.
pub const RUN_FILE_VERSION: u32 = 1;
/// Largest run file accepted, bytes.
pub const RUN_FILE_MAX: usize = 2_500_000;

/// Query parameters of the lab route that this module reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareQuery {
    /// A reproduction key.
    pub key: Option<String>,
    /// A scenario id (kept so lesson links keep working).
    pub scenario: Option<String>,
}

impl ShareQuery {
    /// Read `key` and `scenario` from the route's query string (with or without its
    /// `?`), decoded as a form is: `+` is a space, `%XX` a byte, bad UTF-8 replaced.
    /// Other parameters are ignored; a parameter given twice makes the whole query
    /// unreadable (both `None`, so the lab opens fresh), as the serde reader this
    /// replaces did.
    pub fn parse(query: &str) -> Self {
        let mut out = ShareQuery::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let slot = match form_decode(name).as_str() {
                "key" => &mut out.key,
                "scenario" => &mut out.scenario,
                _ => continue,
            };
            if slot.is_some() {
                return ShareQuery::default();
            }
            *slot = Some(form_decode(value));
        }
        out
    }
}

/// One `application/x-www-form-urlencoded` name or value, decoded.
fn form_decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    String::from_utf8_lossy(&urlencoding::decode_binary(spaced.as_bytes())).into_owned()
}

/// An exported run.
///
/// Only `format`, `version`, `key` and `trace_hash` decide whether a file loads; the
/// other fields are for the reader. JSON numbers reach the page as JavaScript numbers
/// (`f64`), so a `seed` above 2^53 (a learner can type any `u64`) is read back rounded:
/// it is checked to be a whole number, never compared (the key carries the exact seed).
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// the order of the struct (what serde_json's pretty printer wrote).
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n");
        let mut text = |name: &str, value: &str, last: bool| {
            out.push_str("  ");
            write_str(&mut out, name);
            out.push_str(": ");
            out.push_str(value);
            out.push_str(if last { "\n}" } else { ",\n" });
        };
        text("format", &to_string(&self.format), false);
        text("version", &self.version.to_string(), false);
        text("key", &to_string(&self.key), false);
        text("step", &self.step.to_string(), false);
        text("time_us", &self.time_us.to_string(), false);
        text("trace_hash", &to_string(&self.trace_hash), false);
        text("seed", &self.seed.to_string(), false);
        text("servers", &self.servers.to_string(), false);
        text("clients", &self.clients.to_string(), false);
        text("app", &to_string(&self.app), true);
        out
    }
}

/// One field of a parsed run file, as the JSON layer found it.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// Not there.
    Missing,
    /// A string.
    Text(String),
    /// A number (JSON numbers are read as `f64`, as JavaScript reads them).
    Number(f64),
    /// Anything else (`null`, `true`, an array, an object).
    Other,
}

/// The run file whose fields `get` returns, each checked for its type: strings, and
/// whole numbers in range for the numbers. `Err` is the detail after `shape: `.
pub fn run_file(get: impl Fn(&str) -> Field) -> Result<RunFile, String> {
    let text = |name: &str| match get(name) {
        Field::Text(s) => Ok(s),
        Field::Missing => Err(format!("missing field `{name}`")),
        _ => Err(format!("`{name}` should be a string")),
    };
    // `max` is the largest value as an f64: for u64 that is 2^64 itself, which an
    // exported u64 near the top rounds to, so it is accepted and saturates.
    let whole = |name: &str, max: f64| match get(name) {
        Field::Number(n) if n.fract() == 0.0 && (0.0..=max).contains(&n) => Ok(n),
        Field::Missing => Err(format!("missing field `{name}`")),
        _ => Err(format!("`{name}` should be a whole number from 0")),
    };
    let small = |name: &str| whole(name, f64::from(u32::MAX)).map(|n| n as u32);
    let big = |name: &str| whole(name, u64::MAX as f64).map(|n| n as u64);
    Ok(RunFile {
        format: text("format")?,
        version: small("version")?,
        key: text("key")?,
        step: big("step")?,
        time_us: big("time_us")?,
        trace_hash: text("trace_hash")?,
        seed: big("seed")?,
        servers: small("servers")?,
        clients: small("clients")?,
        app: text("app")?,
    })
}

/// Parse `text` as JSON and read a run file from it (the browser's `JSON.parse`).
#[cfg(target_arch = "wasm32")]
fn parse_run_file(text: &str) -> Result<RunFile, String> {
    use wasm_bindgen::{JsCast, JsValue};
    let value = js_sys::JSON::parse(text).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => "not JSON".to_string(),
    })?;
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err("not a JSON object".into());
    }
    run_file(|name| {
        let v = js_sys::Reflect::get(&value, &JsValue::from_str(name)).unwrap_or_default();
        if v.is_undefined() {
            Field::Missing
        } else if let Some(s) = v.as_string() {
            Field::Text(s)
        } else if let Some(n) = v.as_f64() {
            Field::Number(n)
        } else {
            Field::Other
        }
    })
}

/// Parse `text` as JSON and read a run file from it (serde_json outside the browser).
#[cfg(not(target_arch = "wasm32"))]
fn parse_run_file(text: &str) -> Result<RunFile, String> {
    use serde_json::Value;
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Value::Object(map) = value else {
        return Err("not a JSON object".into());
    };
    run_file(|name| match map.get(name) {
        None => Field::Missing,
        Some(Value::String(s)) => Field::Text(s.clone()),
        Some(Value::Number(n)) => n.as_f64().map_or(Field::Other, Field::Number),
        Some(_) => Field::Other,
    })
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
    let file = parse_run_file(text).map_err(|e| LabError::File(format!("shape: {e}")))?;
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
        // What `serde_json::to_string_pretty` printed for this file before the page
        // dropped serde_json.
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
        // JSON numbers are read as f64: the seed comes back rounded, and only the key
        // (which holds the exact seed) and the trace hash decide.
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

    fn fields<'a>(pairs: &'a [(&'static str, Field)]) -> impl Fn(&str) -> Field + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(Field::Missing, |(_, f)| f.clone())
        }
    }

    fn good() -> Vec<(&'static str, Field)> {
        let t = |s: &str| Field::Text(s.into());
        vec![
            ("format", t(RUN_FILE_FORMAT)),
            ("version", Field::Number(1.0)),
            ("key", t("zs1.x")),
            ("step", Field::Number(40.0)),
            ("time_us", Field::Number(135_834.0)),
            ("trace_hash", t("c5addf11a444efbc")),
            ("seed", Field::Number(18446744073709551615.0)),
            ("servers", Field::Number(3.0)),
            ("clients", Field::Number(2.0)),
            ("app", t("ZooScope 0.1.0")),
        ]
    }

    #[test]
    fn fields_are_checked_for_type_and_range() {
        let file = run_file(fields(&good())).unwrap();
        assert_eq!(file.step, 40);
        assert_eq!(file.seed, u64::MAX);
        assert_eq!(file.key, "zs1.x");

        for (name, value, why) in [
            ("key", Field::Missing, "missing field `key`"),
            ("app", Field::Missing, "missing field `app`"),
            ("format", Field::Number(1.0), "`format` should be a string"),
            (
                "trace_hash",
                Field::Other,
                "`trace_hash` should be a string",
            ),
            (
                "version",
                Field::Text("1".into()),
                "`version` should be a whole number",
            ),
            (
                "version",
                Field::Number(1.5),
                "`version` should be a whole number",
            ),
            (
                "version",
                Field::Number(4294967296.0),
                "`version` should be a whole",
            ),
            (
                "servers",
                Field::Number(-1.0),
                "`servers` should be a whole",
            ),
            ("step", Field::Number(f64::NAN), "`step` should be a whole"),
            (
                "step",
                Field::Number(f64::INFINITY),
                "`step` should be a whole",
            ),
            (
                "seed",
                Field::Number(36893488147419103232.0),
                "`seed` should be a whole",
            ),
            ("clients", Field::Other, "`clients` should be a whole"),
        ] {
            let mut f = good();
            f.iter_mut().find(|(n, _)| *n == name).unwrap().1 = value;
            let e = run_file(fields(&f)).unwrap_err();
            assert!(e.starts_with(why), "{name}: {e}");
        }
        // Through `import`: the learner reads the detail after the sentence.
        let e = import(r#"{"format":"zooscope-run","version":1}"#).unwrap_err();
        assert!(error_text(&e, Lang::En).contains("(shape: missing field `key`)"));
        let e = import(r#"{"format":"zooscope-run","version":2,"key":"k","step":0,"time_us":0,"trace_hash":"","seed":0,"servers":0,"clients":0,"app":""}"#).unwrap_err();
        assert!(error_text(&e, Lang::En).contains("shape: format zooscope-run version 2"));
    }

    /// The query as yew-router's serde reader (serde_urlencoded) read it.
    #[derive(serde::Deserialize, Default)]
    struct SerdeQuery {
        #[serde(default)]
        key: Option<String>,
        #[serde(default)]
        scenario: Option<String>,
    }

    #[test]
    fn query_is_read_as_the_serde_reader_read_it() {
        for q in [
            "",
            "?",
            "?key=zs1.CXpvb2_-AA",
            "key=zs1.abc&scenario=split-brain",
            "?scenario=split%2Dbrain&lang=en",
            "?scenario=a+b%2Bc",
            "?key=",
            "?key",
            "?key=a&key=b",
            "?scenario=x&scenario=x",
            "?k%65y=v",
            "?scenario=%E4%B8%AD%E6%96%87",
            "?scenario=%FF%zz%4",
            "?&&key=a&&",
            "?key=a=b",
            "?other=1&key=%20",
        ] {
            let ours = ShareQuery::parse(q);
            let theirs: SerdeQuery =
                serde_urlencoded::from_str(q.strip_prefix('?').unwrap_or(q)).unwrap_or_default();
            assert_eq!(ours.key, theirs.key, "{q}");
            assert_eq!(ours.scenario, theirs.scenario, "{q}");
        }
        assert_eq!(
            ShareQuery::parse("?scenario=a+b%2Bc").scenario.as_deref(),
            Some("a b+c")
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
