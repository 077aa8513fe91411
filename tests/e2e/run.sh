#!/usr/bin/env bash
# End-to-end tests: build the release bundle, serve it on 127.0.0.1, drive it with
# headless Chromium (playwright-core + /usr/bin/chromium) under node's test runner.
#
#   tests/e2e/run.sh              build, then test
#   tests/e2e/run.sh --no-build   test the existing dist/
#
# Env: ZOOSCOPE_SHOTS (screenshot dir, default /tmp/zooscope-shots),
#      CHROMIUM (browser binary, default /usr/bin/chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ "${1:-}" != "--no-build" ]; then
  e2e_build
fi
e2e_npm
e2e_serve
echo "serving $DIST at $ZOOSCOPE_URL"
cd "$E2E_DIR"
node --test --test-concurrency=1 ./*.test.mjs
