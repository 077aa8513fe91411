//! Entry point of the ZooScope web app, plus a function exported to JavaScript for the
//! end-to-end suite (`window.wasmBindings.*` under Trunk). The kernel benchmark is a wasm
//! module of its own (`crates/zooscope-wasm-bench`), not part of this bundle.

use wasm_bindgen::prelude::*;

fn main() {
    zooscope_web::start();
}

/// Panic on purpose, so the end-to-end suite can check the error overlay. The message
/// says it was deliberate.
#[wasm_bindgen]
pub fn zooscope_test_panic() {
    panic!("deliberate test panic (zooscope_test_panic)");
}
