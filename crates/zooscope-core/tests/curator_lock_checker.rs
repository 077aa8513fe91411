//! The lock checker over fuzz seeds with crashes, partitions and session expiry:
//! InterProcessMutex keeps mutual exclusion among live sessions, grants in sequence
//! order and wakes exactly one waiter per release; the herd lock (which wakes them all)
//! and a mutex watching the wrong node (which wakes none) fail the wake-up property.

use zooscope_core::scenario::lock_fuzz::{run_seed, LockFault, LockFuzzOptions};

#[test]
fn interprocess_mutex_passes_the_checker_under_faults() {
    let opts = LockFuzzOptions::default();
    let mut grants = 0;
    let mut wakeups = 0;
    for seed in 1..=12 {
        let out = run_seed(seed, &opts);
        assert!(
            out.violations.is_empty(),
            "seed {seed}: {:?}\nfaults: {:?}",
            out.violations,
            out.faults
        );
        assert!(out.grants > 5, "seed {seed}: only {} grants", out.grants);
        grants += out.grants;
        wakeups += out.wakeups;
        assert!(!out.faults.is_empty(), "seed {seed}: no faults injected");
    }
    assert!(wakeups > 10, "{wakeups} wake-ups in {grants} grants");
}

#[test]
fn the_herd_lock_fails_the_checker() {
    let opts = LockFuzzOptions {
        kind: "naive".into(),
        faults: false,
        duration: zooscope_core::time::SimDuration::from_secs(60),
        ..LockFuzzOptions::default()
    };
    let out = run_seed(3, &opts);
    assert!(
        out.violations
            .iter()
            .any(|v| v.contains("more than one waiter")),
        "{:?}",
        out.violations
    );
}

#[test]
fn a_mutex_that_watches_the_wrong_node_fails_the_checker() {
    // Off by one: each waiter watches its own node, so a release wakes nobody. At most
    // one waiter is ever woken, so only the "at least one" half catches it (reported as a
    // stall: see `LockFuzzOutcome::stalls`).
    let opts = LockFuzzOptions {
        recipe_fault: Some(LockFault::WatchOwnNode),
        faults: false,
        duration: zooscope_core::time::SimDuration::from_secs(90),
        ..LockFuzzOptions::default()
    };
    let out = run_seed(3, &opts);
    assert!(
        out.stalls.iter().any(|v| v.contains("woke no waiter")),
        "{:?}",
        out.stalls
    );
    assert!(
        !out.violations
            .iter()
            .any(|v| v.contains("more than one waiter")),
        "{:?}",
        out.violations
    );
}
