//! `zooscope fuzz` fails when it finds violations (scripts/test.sh relies on the exit
//! status), and passes when it finds none.

use std::process::Command;

fn fuzz(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zooscope"))
        .arg("fuzz")
        .args(args)
        .output()
        .expect("zooscope runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_broken_leader_makes_the_fuzzer_fail() {
    // Seed 23 is one where the quorum-less commit shows (found by a 60-seed sweep).
    let (ok, out) = fuzz(&["--seeds", "2", "--from", "22", "--broken"]);
    assert!(!ok, "{out}");
    assert!(!out.contains(", 0 violations"), "{out}");
}

#[test]
fn a_clean_sweep_passes() {
    let (ok, out) = fuzz(&["--seeds", "2"]);
    assert!(ok, "{out}");
    assert!(out.contains("fuzz: 2 seeds, 0 violations"), "{out}");
}

#[test]
fn the_herd_lock_makes_the_lock_fuzzer_fail() {
    let (ok, out) = fuzz(&["--seeds", "3", "--locks", "naive"]);
    assert!(!ok, "{out}");
}
