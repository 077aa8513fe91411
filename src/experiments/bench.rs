//! The in-browser half of `scripts/bench.sh`'s election figure: the same core function
//! as `zooscope bench-elections` (`election_time::cold_start`, what every
//! `election-time` run starts with), in the app's own wasm module, timed by the browser.

use wasm_bindgen::prelude::*;
use zooscope_core::experiment::election_time::{cold_start, Cell};
use zooscope_core::experiment::network::Network;

/// Most elections one call runs.
pub const COUNT_MAX: u32 = 100_000;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Run `count` seeded cold-start elections of `servers` servers (seeds 1..=count);
/// the wall time in ms, or -1 for counts or sizes out of range.
#[wasm_bindgen]
pub fn zooscope_bench_elections(count: u32, servers: u32) -> f64 {
    if !(1..=COUNT_MAX).contains(&count) || !(2..=9).contains(&servers) {
        return -1.0;
    }
    let cell = Cell {
        servers: u64::from(servers),
        observers: 0,
        tick_ms: 2_000,
        finalize_ms: 200,
        network: Network::Lab,
    };
    let start = now_ms();
    let mut finished = 0u32;
    for seed in 1..=u64::from(count) {
        if cold_start(&cell, seed).1.all.is_some() {
            finished += 1;
        }
    }
    let ms = now_ms() - start;
    if finished < count {
        -1.0
    } else {
        ms
    }
}
