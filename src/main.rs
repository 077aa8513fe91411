//! Entry point of the ZooScope web app, plus two functions exported to JavaScript for
//! the end-to-end suite (`window.wasmBindings.*` under Trunk).

use wasm_bindgen::prelude::*;

fn main() {
    zooscope_web::start();
}

/// Run the ping-pong kernel workload for `events` events in this page and return the
/// rate in events per second (wall time from `performance.now()`). Used by
/// `tests/e2e/bench-wasm.mjs`; no UI calls it.
#[wasm_bindgen]
pub fn bench_pingpong(events: u32) -> f64 {
    let perf = web_sys::window().and_then(|w| w.performance());
    let now = || perf.as_ref().map_or(0.0, |p| p.now());
    let start = now();
    let (done, _hash) = zooscope_web::demo::run_events(u64::from(events));
    let elapsed_ms = now() - start;
    if elapsed_ms <= 0.0 {
        return f64::INFINITY;
    }
    done as f64 * 1_000.0 / elapsed_ms
}

/// Panic on purpose, so the end-to-end suite can check the error overlay. The message
/// says it was deliberate.
#[wasm_bindgen]
pub fn zooscope_test_panic() {
    panic!("deliberate test panic (zooscope_test_panic)");
}
