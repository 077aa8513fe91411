//! The cross-target determinism check: the core's golden reproduction key, replayed in
//! wasm32 inside headless Chromium, must give the trace hash pinned natively in
//! `pingpong::GOLDEN_TRACE_HASH`, and the comparison lab's golden preset the hash pinned
//! in `compare::GOLDEN_TRACE_HASH`. Run by `scripts/test.sh` with wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn golden_trace_hash_matches_native() {
    let (expected, actual) = zooscope_wasm_bench::golden_check().unwrap();
    assert_eq!(
        actual, expected,
        "wasm trace hash {actual:#018x} differs from the native golden {expected:#018x}"
    );
}

#[wasm_bindgen_test]
fn experiments_print_the_same_numbers_as_natively() {
    let (expected, actual) = zooscope_wasm_bench::experiment_check().unwrap();
    assert_eq!(
        actual, expected,
        "wasm experiment CSV {actual:#018x} differs from the native {expected:#018x}"
    );
}

#[wasm_bindgen_test]
fn the_benchmark_workload_runs_in_the_browser() {
    let (done, hash) = zooscope_wasm_bench::run_events(10_000);
    assert_eq!(done, 10_000);
    assert_eq!((done, hash), zooscope_wasm_bench::run_events(10_000));
    assert!(zooscope_wasm_bench::bench_pingpong(1_000) > 0.0);
}

#[wasm_bindgen_test]
fn the_comparison_lab_hashes_alike_in_wasm() {
    use zooscope_core::compare;
    let preset = compare::presets::preset(compare::GOLDEN_PRESET).unwrap();
    let report = compare::run_text(preset.script, 1).unwrap();
    assert_eq!(
        report.trace_hash,
        compare::GOLDEN_TRACE_HASH,
        "wasm trace hash {:#018x} differs from the native {:#018x}",
        report.trace_hash,
        compare::GOLDEN_TRACE_HASH
    );
}
