//! The lock checker over fuzz seeds with crashes, partitions and session expiry:
//! InterProcessMutex keeps mutual exclusion among live sessions, grants in sequence
//! order and wakes one waiter per release; the herd lock fails the wake-up property.

use zooscope_core::scenario::lock_fuzz::{run_seed, LockFuzzOptions};

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
