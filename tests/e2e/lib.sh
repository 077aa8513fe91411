# Shared steps of run.sh and bench.sh (sourced, not executed).
# Builds the release bundle with Trunk, installs the pinned npm packages and serves
# dist/ on 127.0.0.1 (a free port) until the calling script exits.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$E2E_DIR/../.." && pwd)
DIST="$ROOT/dist"

e2e_build() {
  command -v trunk >/dev/null || { echo "trunk not found (cargo install trunk --version 0.21.14 --locked)" >&2; exit 2; }
  (cd "$ROOT" && trunk build --release --offline --skip-version-check)
}

e2e_npm() {
  if [ ! -d "$E2E_DIR/node_modules/playwright-core" ]; then
    (cd "$E2E_DIR" && npm ci --no-audit --no-fund)
  fi
}

# Sets ZOOSCOPE_URL and stops the server when the shell exits.
e2e_serve() {
  [ -f "$DIST/index.html" ] || { echo "no $DIST/index.html: build first" >&2; exit 2; }
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$DIST" >/tmp/zooscope-e2e-http.log 2>&1 &
  E2E_SERVER_PID=$!
  trap 'kill "$E2E_SERVER_PID" 2>/dev/null || true' EXIT
  export ZOOSCOPE_URL="http://127.0.0.1:$port/"
  for _ in $(seq 1 50); do
    if curl -fs -o /dev/null "$ZOOSCOPE_URL"; then
      return 0
    fi
    sleep 0.2
  done
  echo "the static server on port $port did not come up" >&2
  exit 2
}
