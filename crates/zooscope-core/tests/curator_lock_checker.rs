//! The lock checker over fuzz seeds with crashes, partitions and session expiry:
//! InterProcessMutex keeps mutual exclusion among live sessions, grants in sequence
//! order and wakes exactly one waiter per release; the herd lock (which wakes them all)
//! and a mutex whose release wakes nobody (a waiter watching the wrong node, or deaf to
//! its watch) fail the wake-up property, with faults or without.

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

/// Violations of the "at least one woken" half in `seeds` with these options.
fn woke_no_waiter(opts: &LockFuzzOptions, seeds: std::ops::RangeInclusive<u64>) -> Vec<String> {
    let mut found = Vec::new();
    for seed in seeds {
        let out = run_seed(seed, opts);
        assert!(
            !out.violations
                .iter()
                .any(|v| v.contains("more than one waiter")),
            "seed {seed}: {:?}",
            out.violations
        );
        found.extend(
            out.violations
                .into_iter()
                .filter(|v| v.contains("woke no waiter"))
                .map(|v| format!("seed {seed}: {v}")),
        );
    }
    found
}

#[test]
fn a_mutex_that_watches_the_wrong_node_fails_the_checker() {
    // Off by one: each waiter watches its own node, so a release wakes nobody. At most
    // one waiter is ever woken, so only the "at least one" half catches it.
    let opts = LockFuzzOptions {
        recipe_fault: Some(LockFault::WatchOwnNode),
        faults: false,
        duration: zooscope_core::time::SimDuration::from_secs(90),
        ..LockFuzzOptions::default()
    };
    let found = woke_no_waiter(&opts, 3..=3);
    assert!(!found.is_empty(), "no violation found");
}

#[test]
fn a_mutex_whose_release_never_wakes_its_successor_fails_under_faults() {
    // The waiter sets its watch on the right node but ignores the deletion: only a
    // connection-state change or a timed acquire's deadline makes it look again. The
    // nemesis's crashes and cuts wake some waiters that way, which must not hide it.
    let opts = LockFuzzOptions {
        recipe_fault: Some(LockFault::DeafWatcher),
        ..LockFuzzOptions::default()
    };
    let found = woke_no_waiter(&opts, 1..=6);
    assert!(found.len() >= 3, "{found:?}");
    let quiet = LockFuzzOptions {
        faults: false,
        ..opts
    };
    assert!(!woke_no_waiter(&quiet, 1..=2).is_empty());
}
