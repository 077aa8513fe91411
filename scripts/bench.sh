#!/usr/bin/env bash
# Benchmarks that print figures (no pass/fail): native kernel events/s, the same workload
# in wasm in headless Chromium, their ratio, the gzip size of the release bundle, and how
# long 1,000 seeded 5-server elections take in the browser and natively.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
./scripts/setup.sh >/dev/null
cargo build --release -q --bin zooscope
bin="${CARGO_TARGET_DIR:-target}/release/zooscope"
native_out=$("$bin" bench)
echo "$native_out"
native=$(awk -F': ' '/native kernel events\/s/{print $2}' <<<"$native_out")
if [[ -x tests/e2e/bench.sh ]]; then
  wasm_out=$(./tests/e2e/bench.sh) || { echo "$wasm_out"; exit 1; }
  echo "$wasm_out"
  # The ratio compares like with like: the wasm build with the native build's profile.
  # The app bundle's size-optimised build is printed beside it.
  for profile in release web; do
    wasm=$(sed -n "s/.*bench_world \[$profile:.*median \([0-9,]*\) events\/s.*/\1/p" <<<"$wasm_out" | tr -d ,)
    if [[ -n "$wasm" && -n "$native" ]]; then
      case $profile in
        release) label="wasm/native ratio (both opt-level 3)" goal="" ;;
        web) label="wasm/native ratio of the app bundle's build (web profile: opt-level z)" goal=" (goal >= 0.6)" ;;
      esac
      awk -v w="$wasm" -v n="$native" -v l="$label" -v g="$goal" 'BEGIN{printf "%s: %.2f%s\n", l, w/n, g}'
    fi
  done
fi
if grep -q '"bench-zk"' crates/zooscope-cli/src/main.rs; then
  "$bin" bench-zk
fi
# 1,000 seeded 5-server elections natively (tests/e2e/bench.sh above printed the same
# in the browser: the app's wasm module, the same core function).
"$bin" bench-elections --count 1000 --servers 5
