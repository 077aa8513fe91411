#!/usr/bin/env bash
# Benchmarks that print figures (no pass/fail): native kernel events/s, the same workload
# in wasm in headless Chromium, their ratio, and the gzip size of the release bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
./scripts/setup.sh >/dev/null
cargo build --release -q --bin zooscope
native_out=$(./target/release/zooscope bench)
echo "$native_out"
native=$(awk -F': ' '/native kernel events\/s/{print $2}' <<<"$native_out")
if [[ -x tests/e2e/bench.sh ]]; then
  wasm_out=$(./tests/e2e/bench.sh)
  echo "$wasm_out"
  wasm=$(sed -n 's/.*bench_world.*median \([0-9,]*\) events\/s.*/\1/p' <<<"$wasm_out" | tr -d ,)
  if [[ -n "$wasm" && -n "$native" ]]; then
    awk -v w="$wasm" -v n="$native" 'BEGIN{printf "wasm/native ratio: %.2f\n", w/n}'
  fi
fi
if grep -q '"bench-zk"' crates/zooscope-cli/src/main.rs; then
  ./target/release/zooscope bench-zk
fi
