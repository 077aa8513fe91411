#!/usr/bin/env bash
# Run every ZooScope test (installs what is missing first):
#   1. formatting and clippy (-D warnings)
#   2. native tests of the whole workspace (core kernel, ZooKeeper stack, CLI, recordings)
#   3. `zooscope lessons check`: every lesson parsed in both languages and every lab, step,
#      quiz and exercise in it run on the core
#   4. a seed sweep of the ZooKeeper fuzzer with every invariant checked, and one of the
#      comparison lab's fuzzer per lane (2PC, 3PC, Paxos, ZAB) with its expected findings, and
#      the Curator lock workloads with the lock checker
#   5. wasm tests in headless Chromium (wasm-bindgen-test): the app, and the kernel's
#      cross-target determinism check (crates/zooscope-wasm-bench)
#   6. end-to-end tests: release bundle built with trunk, served on 127.0.0.1, driven in
#      headless Chromium (screenshots go to $ZOOSCOPE_SHOTS, default /tmp/zooscope-shots)
#   7. live mode: three real ZooKeeper servers, `zooscope bridge`, #/live through a crash
#      of the leader (tests/live/run.sh, on the bundle and binary built above)
# Set FUZZ_SEEDS to change the sweep size (default 300), COMPARE_SEEDS the comparison
# sweep's (default 300 per lane).
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

stage "lessons check (every lesson piece run on the core, both languages)"
cargo run -q --release --bin zooscope -- lessons check

if grep -q '"fuzz"' crates/zooscope-cli/src/main.rs; then
  stage "fuzz sweep"
  cargo build --release -q --bin zooscope
  zooscope="${CARGO_TARGET_DIR:-target}/release/zooscope"
  "$zooscope" fuzz --seeds "${FUZZ_SEEDS:-300}"
  "$zooscope" fuzz --seeds "${LOCK_FUZZ_SEEDS:-100}" --locks mutex
fi

if grep -q '"compare-fuzz"' crates/zooscope-cli/src/main.rs; then
  stage "comparison fuzz sweep"
  cargo build --release -q --bin zooscope
  sweep_started=$(date +%s%N)
  # Expected: no violations in 2PC (but some blocked runs), Paxos and ZAB; 3PC splits.
  for lane in 2pc 3pc paxos zab multipaxos; do
    last=$("${CARGO_TARGET_DIR:-target}/release/zooscope" compare-fuzz --lane "$lane" --seeds "${COMPARE_SEEDS:-300}" | tail -n 1)
    echo "$last"
    violations=$(sed -E 's/.* ([0-9]+) violations.*/\1/' <<<"$last")
    blocked=$(sed -E 's/.* ([0-9]+) blocked$/\1/' <<<"$last")
    case "$lane" in
      3pc) [ "$violations" -gt 0 ] || { echo "3PC never split"; exit 1; } ;;
      2pc) [ "$violations" -eq 0 ] && [ "$blocked" -gt 0 ] || { echo "2PC: $last"; exit 1; } ;;
      *) [ "$violations" -eq 0 ] || { echo "$lane: $last"; exit 1; } ;;
    esac
  done
  echo "comparison sweep took $(( ($(date +%s%N) - sweep_started) / 1000000 )) ms"
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

stage "live mode against a real ZooKeeper ensemble"
./tests/live/run.sh --no-build

stage "all tests passed"
