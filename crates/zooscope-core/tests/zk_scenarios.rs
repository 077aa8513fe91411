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
        assert_eq!(c1, c2, "scripts diverge");
        let a: Vec<&String> = o1.iter().filter(|l| relevant(l)).collect();
        let b: Vec<&String> = o2.iter().filter(|l| relevant(l)).collect();
        if a != b {
            problems.push(format!("after '{c1}':\n  ours: {a:?}\n  real: {b:?}"));
        }
    }
    (problems, report)
}

#[test]
fn course_drill_matches_the_real_ensemble() {
    for seed in [1, 2, 3] {
        let (problems, report) = compare_with_real("course-drill", seed);
        assert!(
            report.failures.is_empty(),
            "seed {seed}: {:?}",
            report.failures
        );
        assert!(problems.is_empty(), "seed {seed}:\n{}", problems.join("\n"));
    }
}

#[test]
fn leader_failover_matches_the_real_ensemble() {
    for seed in [1, 2, 3] {
        let (problems, report) = compare_with_real("leader-failover", seed);
        assert!(
            report.failures.is_empty(),
            "seed {seed}: {:?}",
            report.failures
        );
        assert!(problems.is_empty(), "seed {seed}:\n{}", problems.join("\n"));
    }
}

#[test]
fn observers_and_quorum_match_the_real_ensemble() {
    for seed in [1, 2, 3] {
        let (problems, report) = compare_with_real("observers-and-quorum", seed);
        assert!(
            report.failures.is_empty(),
            "seed {seed}: {:?}",
            report.failures
        );
        assert!(problems.is_empty(), "seed {seed}:\n{}", problems.join("\n"));
    }
}

#[test]
fn standalone_matches_the_real_server() {
    for seed in [1, 2, 3] {
        let (problems, report) = compare_with_real("standalone", seed);
        assert!(
            report.failures.is_empty(),
            "seed {seed}: {:?}",
            report.failures
        );
        assert!(problems.is_empty(), "seed {seed}:\n{}", problems.join("\n"));
    }
}

#[test]
fn watches_survive_a_reconnect_like_the_real_ensemble() {
    for seed in [1, 2, 3] {
        let (problems, report) = compare_with_real("watch-reconnect", seed);
        assert!(
            report.failures.is_empty(),
            "seed {seed}: {:?}",
            report.failures
        );
        assert!(problems.is_empty(), "seed {seed}:\n{}", problems.join("\n"));
    }
}

#[test]
fn sessions_expire_like_the_real_ensemble() {
    for seed in [1, 2, 3] {
        let (problems, report) = compare_with_real("session-expiry", seed);
        assert!(
            report.failures.is_empty(),
            "seed {seed}: {:?}",
            report.failures
        );
        assert!(problems.is_empty(), "seed {seed}:\n{}", problems.join("\n"));
    }
}
