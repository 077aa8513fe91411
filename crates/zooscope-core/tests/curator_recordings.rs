//! The simulated Curator against recordings of real Curator 5.4.0 + ZooKeeper 3.8.0
//! (`tests/curator/`): each `*.cur` script runs through the scenario runner, its output
//! is masked by the recordings' own `mask.pl` (with our clients' session ids), and must
//! equal `real/*.out` line for line. The one exception is the known race of
//! `03e-caches-one-session` (tests/curator/README.md): four caches on one client run on
//! their own Curator threads, so between caches the order of one script line's events
//! differs from recording to recording; there each script line's output is compared as
//! a sorted list (same lines, same count, in the same script-line section).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use zooscope_core::scenario;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/curator")
}

/// Our masked transcript of `name`.
fn ours(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir().join(format!("{name}.cur"))).unwrap();
    let script = scenario::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut runner = scenario::Runner::new(1);
    let report = runner
        .run(&script)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let raw: String = report
        .lines
        .iter()
        .filter(|l| !l.starts_with("trace hash: "))
        .map(|l| format!("{l}\n"))
        .collect();
    let sessions: String = runner
        .curator
        .host
        .clients
        .iter()
        .map(|(n, c)| format!("{n} {:x} {}\n", c.session, c.session))
        .collect();
    let tmp = std::env::temp_dir().join(format!(
        "zooscope-curator-{}-{name}.sessions",
        std::process::id()
    ));
    std::fs::write(&tmp, sessions).unwrap();
    let mut child = Command::new("perl")
        .arg(dir().join("mask.pl"))
        .arg(&tmp)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("perl runs mask.pl");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(raw.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let _ = std::fs::remove_file(&tmp);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn real(name: &str) -> Vec<String> {
    std::fs::read_to_string(dir().join("real").join(format!("{name}.out")))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Scripts whose events race between caches in real Curator.
const RACY: [&str; 1] = ["03e-caches-one-session"];

/// Each section (an echo `> LINE` and what follows it) with its output sorted.
fn sorted_sections(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut section: Vec<String> = Vec::new();
    for l in lines {
        if l.starts_with("> ") {
            section.sort();
            out.append(&mut section);
            out.push(l.clone());
        } else {
            section.push(l.clone());
        }
    }
    section.sort();
    out.append(&mut section);
    out
}

fn scripts() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            if p.extension()? != "cur" {
                return None;
            }
            Some(p.file_stem()?.to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_simulated_script_matches_its_recording_line_for_line() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for name in scripts() {
        ran += 1;
        let (mut a, mut b) = (ours(&name), real(&name));
        if RACY.contains(&name.as_str()) {
            (a, b) = (sorted_sections(&a), sorted_sections(&b));
        }
        if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
            failures.push(format!(
                "{name}: line {}: ours {:?}, real {:?} ({} vs {} lines)",
                i + 1,
                a.get(i),
                b.get(i),
                a.len(),
                b.len()
            ));
        }
    }
    assert!(ran >= 14, "only {ran} scripts ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_racy_comparison_still_sees_a_missing_or_moved_event() {
    let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let real = l(&["> a", "x", "y", "> b", "z"]);
    assert_eq!(
        sorted_sections(&l(&["> a", "y", "x", "> b", "z"])),
        sorted_sections(&real)
    );
    assert_ne!(
        sorted_sections(&l(&["> a", "x", "> b", "y", "z"])),
        sorted_sections(&real)
    );
    assert_ne!(
        sorted_sections(&l(&["> a", "x", "y", "> b"])),
        sorted_sections(&real)
    );
    for n in RACY {
        assert!(scripts().iter().any(|s| s == n), "{n} is not a script");
    }
}
