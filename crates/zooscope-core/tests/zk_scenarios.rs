//! Scenario scripts against recordings of a real ZooKeeper 3.8.0 ensemble.

use std::path::PathBuf;
use zooscope_core::scenario;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Output lines grouped by the command echo (`> LINE`) that precedes them.
fn sections(lines: &[String]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for l in lines {
        if let Some(cmd) = l.strip_prefix("> ") {
            out.push((cmd.to_string(), Vec::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push(l.clone());
        }
    }
    out
}

/// Lines the oracle comparison looks at: everything but what depends on the wall clock
/// or the host (dates, latencies, session ids, ports, the real runner's own notes).
fn relevant(l: &str) -> bool {
    const SKIP: [&str; 14] = [
        "trace hash: ",
        "Latency min/avg/max",
        "ctime = ",
        "mtime = ",
        "ephemeralOwner = ",
        "Connecting to ",
        "(skipped on the real ensemble)",
        "EXIT ",
        "EXPECT FAILED",
        " /127.0.0.1:",
        "clientPort=",
        "dataDir",
        "dataLog",
        "zk_uptime",
    ];
    !SKIP.iter().any(|p| l.starts_with(p))
}

/// The first difference between two sections' relevant lines, if any: the line number
/// (1-based) and both sides (`None` where one side has run out of lines).
fn first_difference<'a>(
    ours: &[&'a String],
    real: &[&'a String],
) -> Option<(usize, Option<&'a String>, Option<&'a String>)> {
    (0..ours.len().max(real.len()))
        .map(|i| (i, ours.get(i).copied(), real.get(i).copied()))
        .find(|(_, a, b)| a != b)
        .map(|(i, a, b)| (i + 1, a, b))
}

/// What differs between our run of `name` and the real ensemble's recording: every
/// section whose relevant lines differ (with its first differing line), and any command
/// section one side has and the other lacks.
fn compare_with_real(name: &str, seed: u64) -> (Vec<String>, scenario::Report) {
    let dir = repo().join("tests/scenarios");
    let script = std::fs::read_to_string(dir.join(format!("{name}.scn"))).unwrap();
    let real = std::fs::read_to_string(dir.join(format!("real/{name}.out"))).unwrap();
    let report = scenario::run_text(&script, seed).unwrap();
    let real_lines: Vec<String> = real.lines().map(str::to_string).collect();
    let ours = sections(&report.lines);
    let theirs = sections(&real_lines);
    let mut problems = Vec::new();
    for ((c1, o1), (c2, o2)) in ours.iter().zip(theirs.iter()) {
        if c1 != c2 {
            problems.push(format!(
                "scripts diverge: ours runs '{c1}', real ran '{c2}'"
            ));
            break;
        }
        let a: Vec<&String> = o1.iter().filter(|l| relevant(l)).collect();
        let b: Vec<&String> = o2.iter().filter(|l| relevant(l)).collect();
        if let Some((line, x, y)) = first_difference(&a, &b) {
            problems.push(format!(
                "after '{c1}' ({} lines ours, {} real), first difference at line {line}:\n  ours: {x:?}\n  real: {y:?}",
                a.len(),
                b.len()
            ));
        }
    }
    if ours.len() != theirs.len() {
        let extra = |s: &[(String, Vec<String>)]| {
            s.iter()
                .skip(ours.len().min(theirs.len()))
                .map(|(c, _)| c.clone())
                .collect::<Vec<_>>()
        };
        problems.push(format!(
            "{} command sections ours, {} real; only ours: {:?}; only real: {:?}",
            ours.len(),
            theirs.len(),
            extra(&ours),
            extra(&theirs)
        ));
    }
    (problems, report)
}

/// Each scenario script with a recording of the real ensemble: (case, script name).
const CASES: [(&str, &str); 6] = [
    ("the course drill", "course-drill"),
    ("leader failover", "leader-failover"),
    ("observers and quorum", "observers-and-quorum"),
    ("a standalone server", "standalone"),
    ("watches across a reconnect", "watch-reconnect"),
    ("session expiry", "session-expiry"),
];

#[test]
fn scenarios_match_the_real_ensemble() {
    let mut failed = Vec::new();
    for (case, name) in CASES {
        for seed in [1, 2, 3] {
            let (problems, report) = compare_with_real(name, seed);
            if !report.failures.is_empty() {
                failed.push(format!(
                    "{case} ({name}.scn), seed {seed}: expectations failed: {:?}",
                    report.failures
                ));
            }
            if !problems.is_empty() {
                failed.push(format!(
                    "{case} ({name}.scn), seed {seed}:\n{}",
                    problems.join("\n")
                ));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

#[test]
fn a_missing_section_or_line_is_a_difference() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<String>>();
    let (a, b) = (s(&["x", "y"]), s(&["x"]));
    let (ra, rb): (Vec<&String>, Vec<&String>) = (a.iter().collect(), b.iter().collect());
    assert_eq!(first_difference(&ra, &rb), Some((2, Some(&a[1]), None)));
    assert_eq!(first_difference(&rb, &ra), Some((2, None, Some(&a[1]))));
    assert_eq!(first_difference(&ra, &ra), None);
}
