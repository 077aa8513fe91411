#!/usr/bin/env bash
# The in-browser kernel benchmark (its own wasm module), bundle size and the
# election-lab frame times, 1,000 seeded elections in the app's wasm (figures only, no
# assertions).
#
#   tests/e2e/bench.sh [--no-build] [events]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ "${1:-}" = "--no-build" ]; then
  shift
else
  e2e_build
fi
e2e_build_bench
e2e_npm
e2e_serve
cd "$E2E_DIR"
node bench-wasm.mjs "$DIST" "$BENCH_DIR" "${1:-2000000}"
node bench-lab.mjs "${ZOOSCOPE_LAB_SECONDS:-6}"
node bench-elections.mjs 1000 5
