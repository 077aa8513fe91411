#!/usr/bin/env bash
# Run every ZooScope test (installs what is missing first):
#   1. formatting and clippy (-D warnings)
#   2. native tests of the whole workspace (core kernel, ZooKeeper stack, CLI, recordings)
#   3. a seed sweep of the ZooKeeper fuzzer with every invariant checked, and one of the
#      Curator lock workloads with the lock checker
#   4. wasm tests in headless Chromium (wasm-bindgen-test): the app, and the kernel's
#      cross-target determinism check (crates/zooscope-wasm-bench)
#   5. end-to-end tests: release bundle built with trunk, served on 127.0.0.1, driven in
#      headless Chromium (screenshots go to $ZOOSCOPE_SHOTS, default /tmp/zooscope-shots)
# Set FUZZ_SEEDS to change the sweep size (default 300).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

./scripts/setup.sh

started=$(date +%s)
stage() { printf '\n===== %s (%ss) =====\n' "$1" "$(( $(date +%s) - started ))"; }

stage "format"
cargo fmt --all --check

stage "clippy"
cargo clippy --workspace --all-targets -- -D warnings

stage "native tests"
cargo test --workspace

if grep -q '"fuzz"' crates/zooscope-cli/src/main.rs; then
  stage "fuzz sweep"
  cargo build --release -q --bin zooscope
  ./target/release/zooscope fuzz --seeds "${FUZZ_SEEDS:-300}"
  ./target/release/zooscope fuzz --seeds "${LOCK_FUZZ_SEEDS:-100}" --locks mutex
fi

stage "wasm tests in headless Chromium"
web_tests=()
for f in tests/web*.rs; do web_tests+=(--test "$(basename "$f" .rs)"); done
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p zooscope-web --target wasm32-unknown-unknown "${web_tests[@]}"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p zooscope-wasm-bench --target wasm32-unknown-unknown --test golden

stage "end-to-end tests in headless Chromium"
./tests/e2e/run.sh

stage "all tests passed"
