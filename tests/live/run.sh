#!/usr/bin/env bash
# Live mode end to end: three real ZooKeeper servers on 127.0.0.1 (tests/live/cluster.sh),
# `zooscope bridge` attached to them, and #/live in headless Chromium through a leader's
# crash and its return (tests/live/live.test.mjs). Every JVM and the bridge are stopped on
# exit, whatever happens.
#
#   tests/live/run.sh              build the bundle (trunk) and the CLI, then test
#   tests/live/run.sh --no-build   use the existing dist/ and release zooscope binary
#
# Ports: ZooKeeper 23181-23183 / 23881-23883 / 23981-23983, the bridge 23190.
set -euo pipefail
LIVE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$LIVE_DIR/../e2e/lib.sh"
started=$(date +%s)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/zooscope"
export LIVE_BRIDGE=127.0.0.1:23190

"$ROOT/scripts/setup.sh" > /dev/null
if [ "${1:-}" != "--no-build" ]; then
  e2e_build
  (cd "$ROOT" && cargo build --release -q --bin zooscope)
fi
[ -x "$BIN" ] || (cd "$ROOT" && cargo build --release -q --bin zooscope)
e2e_npm
e2e_serve

export LIVE_WORK
LIVE_WORK=$(mktemp -d /tmp/zooscope-live.XXXXXX)
bridge_pid=""
cleanup() {
  [ -n "$bridge_pid" ] && kill "$bridge_pid" 2> /dev/null || true
  "$LIVE_DIR/cluster.sh" stop "$LIVE_WORK" || true
  kill "$E2E_SERVER_PID" 2> /dev/null || true
  rm -rf "$LIVE_WORK"
}
trap cleanup EXIT

"$LIVE_DIR/cluster.sh" start "$LIVE_WORK"
"$BIN" bridge --zk 127.0.0.1:23181,127.0.0.1:23182,127.0.0.1:23183 --listen "$LIVE_BRIDGE" \
  --interval 500 > "$LIVE_WORK/bridge.log" 2>&1 &
bridge_pid=$!

cd "$LIVE_DIR"
status=0
node --test --test-concurrency=1 ./live.test.mjs || status=$?
if [ "$status" != 0 ]; then
  echo "--- bridge log"; tail -20 "$LIVE_WORK/bridge.log"
  for id in 1 2 3; do echo "--- server $id"; tail -5 "$LIVE_WORK/zk$id/logs/console.log" || true; done
fi
kill -0 "$bridge_pid" 2> /dev/null || { echo "the bridge is not running any more"; status=1; }
echo "live-mode end-to-end test: $(( $(date +%s) - started ))s"
exit "$status"
