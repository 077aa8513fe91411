#!/usr/bin/env bash
# Serve ZooScope on http://127.0.0.1:8080 (installs what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
ZOOSCOPE_NEED_BROWSER=0 ./scripts/setup.sh
exec trunk serve --release --offline --skip-version-check --address 127.0.0.1 --port 8080 "$@"
