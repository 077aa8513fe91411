#!/usr/bin/env bash
# Trunk's pre-build hook (and usable by hand): compile lessons/ into the static JSON files the
# lesson page fetches (`zooscope lessons build`: one file per lesson per language, the course
# index, a search index per language and the glossary), into $TRUNK_STAGING_DIR/lessons, or
# into the folder given as $1. The lesson text so never weighs on the wasm bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out="${1:-${TRUNK_STAGING_DIR:?run by Trunk, or give an output folder}/lessons}"
# The CLI's own target folder, so this cargo never waits on (or invalidates) Trunk's wasm build.
cargo run -q --release --bin zooscope -- lessons build --out "$out"
