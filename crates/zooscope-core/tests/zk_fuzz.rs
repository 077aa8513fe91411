//! Random fault schedules: no invariant breaks, and the checkers do catch a broken rule.

use zooscope_core::scenario::fuzz::{run_seed, FuzzOptions};

#[test]
fn fuzz_seeds_find_no_violations() {
    let opts = FuzzOptions::default();
    let mut failed = Vec::new();
    for seed in 0..24 {
        let o = run_seed(seed, &opts);
        if o.failed() {
            failed.push(format!(
                "seed {seed}: {:?} {:?}\n{}",
                o.violations,
                o.liveness,
                o.schedule.join("\n")
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

#[test]
fn a_leader_committing_without_a_quorum_is_caught() {
    let opts = FuzzOptions {
        commit_without_quorum: true,
        liveness: false,
        ..FuzzOptions::default()
    };
    let found = (0..300).find(|&seed| !run_seed(seed, &opts).violations.is_empty());
    assert!(
        found.is_some(),
        "no seed in 0..300 caught the broken leader"
    );
}
