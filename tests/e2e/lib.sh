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

# The kernel benchmark's own wasm module (crates/zooscope-wasm-bench), built with the
# app's `web` profile so the figure describes the kernel as learners run it. Sets
# BENCH_DIR: the module, its JS glue and a page that loads them.
e2e_build_bench() {
  BENCH_DIR="$ROOT/target/wasm-bench"
  (cd "$ROOT" && cargo build -q --target wasm32-unknown-unknown --profile web -p zooscope-wasm-bench)
  rm -rf "$BENCH_DIR"
  mkdir -p "$BENCH_DIR"
  wasm-bindgen --target web --no-typescript --remove-name-section --out-dir "$BENCH_DIR" \
    "$ROOT/target/wasm32-unknown-unknown/web/zooscope_wasm_bench.wasm"
  cat >"$BENCH_DIR/index.html" <<'HTML'
<!doctype html>
<meta charset="utf-8">
<title>ZooScope kernel benchmark</title>
<script type="module">
  import init, * as bench from './zooscope_wasm_bench.js';
  await init();
  window.bench = bench;
  document.title = 'ready';
</script>
HTML
}
