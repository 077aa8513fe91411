//! The in-browser half of the kernel benchmark, and the cross-target determinism check,
//! as a wasm module of their own.
//!
//! `zooscope bench` (native) runs the core's ping-pong workload
//! ([`pingpong::bench_world`]) and prints events per second. The same workload compiled to
//! wasm and run in headless Chromium gives the wasm/native ratio. It used to be exported
//! from the app bundle; it lives here so the learner's download carries no benchmark and
//! no second instantiation of the kernel (`World<PingPongNode>` beside the ZooKeeper one).
//!
//! `tests/e2e/bench.sh` builds this crate twice and calls [`bench_pingpong`] from a page of
//! its own: with the profile the native benchmark is built with (`release`, opt-level 3),
//! which gives the like-for-like wasm/native ratio, and with the app bundle's `web`
//! profile (opt-level "z" throughout, the core included), which shows the kernel as learners
//! run it. The wasm test `tests/golden.rs` replays the core's golden key in the
//! browser and compares the trace hash with the native golden value, and runs the
//! experiments' golden plans to compare their CSV with the native one.

use wasm_bindgen::prelude::*;
use zooscope_core::protocols::pingpong::{self, PingPongNode};
use zooscope_core::repro::ReproKey;

/// Longest benchmark run accepted, events.
pub const BENCH_EVENTS_MAX: u64 = 50_000_000;

/// Run the core's benchmark workload for `events` events (capped at
/// [`BENCH_EVENTS_MAX`]) and return how many ran and the trace hash at the end.
pub fn run_events(events: u64) -> (u64, u64) {
    let events = events.min(BENCH_EVENTS_MAX);
    let mut world = pingpong::bench_world();
    let mut done = 0;
    while done < events && world.step() {
        done += 1;
    }
    (done, world.trace_hash())
}

/// Replay the core's golden key and return (expected, actual) trace hashes.
pub fn golden_check() -> Result<(u64, u64), String> {
    let (key, expected) = pingpong::golden();
    let world = ReproKey::<PingPongNode>::decode(&key)
        .and_then(|k| k.replay())
        .map_err(|e| e.to_string())?;
    Ok((expected, world.trace_hash()))
}

/// Run the experiments' golden plans and return (expected, actual) CSV fingerprints.
pub fn experiment_check() -> Result<(u64, u64), String> {
    let actual = zooscope_core::experiment::golden_csv_hash().map_err(|e| e.to_string())?;
    Ok((zooscope_core::experiment::GOLDEN_CSV_HASH, actual))
}

/// Run the workload for `events` events in this page and return the rate in events per
/// second (wall time from `performance.now()`). Called by `tests/e2e/bench-wasm.mjs`.
#[wasm_bindgen]
pub fn bench_pingpong(events: u32) -> f64 {
    let perf = web_sys::window().and_then(|w| w.performance());
    let now = || perf.as_ref().map_or(0.0, |p| p.now());
    let start = now();
    let (done, _hash) = run_events(u64::from(events));
    let elapsed_ms = now() - start;
    if elapsed_ms <= 0.0 {
        return f64::INFINITY;
    }
    done as f64 * 1_000.0 / elapsed_ms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workload_is_deterministic_and_capped() {
        let (a_done, a_hash) = run_events(5_000);
        let (b_done, b_hash) = run_events(5_000);
        assert_eq!((a_done, a_hash), (b_done, b_hash));
        assert_eq!(a_done, 5_000);
        let (c_done, c_hash) = run_events(4_000);
        assert_eq!(c_done, 4_000);
        assert_ne!(c_hash, a_hash, "a longer run has a longer trace");
    }

    #[test]
    fn the_golden_key_replays_natively() {
        let (expected, actual) = golden_check().unwrap();
        assert_eq!(actual, expected);
    }
}
