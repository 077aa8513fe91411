//! The CLI contract of `zooscope compare` and `zooscope compare-fuzz` (outside tools rely
//! on these exact line forms): `> LINE` echoes, `LANE: VERDICT` then `  node K: OUTCOME`,
//! the last line `trace hash: <hex>`, and `compare-fuzz LANE: N seeds, V violations, B
//! blocked` with a reproducing command per violation.

use std::process::Command;

fn zooscope(args: &[&str]) -> (String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_zooscope"))
        .args(args)
        .output()
        .expect("zooscope runs");
    (String::from_utf8(out.stdout).unwrap(), out.status.success())
}

#[test]
fn compare_prints_echoes_verdicts_and_the_trace_hash_last() {
    let dir = std::env::temp_dir().join(format!("zooscope-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("crash.cmp");
    std::fs::write(
        &file,
        "lanes 2pc zab\nnodes 3\npropose x=1\ncrash 1 when phase1-done\nwait 20s\nverdict\n",
    )
    .unwrap();
    let (out, ok) = zooscope(&["compare", file.to_str().unwrap(), "--seed", "3"]);
    assert!(ok, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "> lanes 2pc zab");
    let v = lines.iter().position(|l| *l == "> verdict").unwrap();
    assert_eq!(
        &lines[v + 1..v + 9],
        [
            "2pc: blocked",
            "  node 1: down",
            "  node 2: uncertain",
            "  node 3: uncertain",
            "zab: committed x=1",
            "  node 1: down",
            "  node 2: committed x=1",
            "  node 3: committed x=1",
        ]
    );
    let last = lines.last().unwrap();
    let hex = last.strip_prefix("trace hash: ").unwrap();
    assert!(
        hex.len() == 16 && hex.chars().all(|c| c.is_ascii_hexdigit()),
        "{last}"
    );
    let (again, _) = zooscope(&["compare", file.to_str().unwrap(), "--seed", "3"]);
    assert_eq!(out, again);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn compare_fuzz_ends_with_its_summary_and_reproduces_violations() {
    let (out, ok) = zooscope(&["compare-fuzz", "--lane", "3pc", "--seeds", "60"]);
    assert!(ok, "{out}");
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("compare-fuzz 3pc: 60 seeds, "), "{last}");
    assert!(last.ends_with(" blocked"), "{last}");
    assert!(
        !last.contains(" 0 violations"),
        "3PC should split within 60 seeds: {last}"
    );
    let repro = out
        .lines()
        .find_map(|l| l.strip_prefix("  reproduce: zooscope "))
        .expect("a reproducing command");
    let args: Vec<&str> = repro.split(' ').collect();
    let (again, _) = zooscope(&args);
    assert!(
        again.lines().last().unwrap().contains(", 1 violations, "),
        "{again}"
    );
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let (out, ok) = zooscope(&["compare", "preset:nope"]);
    assert!(!ok && out.is_empty());
    let (_, ok) = zooscope(&["compare-fuzz", "--lane", "raft", "--seeds", "1"]);
    assert!(!ok);
}
