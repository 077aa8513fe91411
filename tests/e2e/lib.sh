# Shared steps of run.sh and bench.sh (sourced, not executed).
# Builds the release bundle with Trunk, installs the pinned npm packages and serves
# dist/ on 127.0.0.1 (a free port, gzip-compressed as a static host serves it: serve.py)
# until the calling script exits.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$E2E_DIR/../.." && pwd)
DIST="$ROOT/dist"

e2e_build() {
  command -v trunk >/dev/null || { echo "trunk not found (cargo install trunk --version 0.21.14 --locked)" >&2; exit 2; }
  (cd "$ROOT" && trunk build --release --offline --skip-version-check)
}

e2e_npm() {
  if [ ! -d "$E2E_DIR/node_modules/playwright-core" ] || [ ! -d "$E2E_DIR/node_modules/jsqr" ]; then
    (cd "$E2E_DIR" && npm ci --no-audit --no-fund)
  fi
}

# Sets ZOOSCOPE_URL and stops the server when the shell exits.
e2e_serve() {
  [ -f "$DIST/index.html" ] || { echo "no $DIST/index.html: build first" >&2; exit 2; }
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  python3 "$E2E_DIR/serve.py" "$DIST" "$port" >/tmp/zooscope-e2e-http.log 2>&1 &
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

# The kernel benchmark's own wasm module (crates/zooscope-wasm-bench), built twice:
#   release  the profile the native benchmark is built with (opt-level 3): the
#            like-for-like wasm/native comparison;
#   web      the app bundle's profile (opt-level "z"): the kernel as learners run it.
# Sets BENCH_DIR; each build goes to $BENCH_DIR/<profile>/ with a page that loads it.
e2e_build_bench() {
  local target="${CARGO_TARGET_DIR:-$ROOT/target}"
  BENCH_DIR="$target/wasm-bench"
  rm -rf "$BENCH_DIR"
  local profile
  for profile in release web; do
    (cd "$ROOT" && cargo build -q --target wasm32-unknown-unknown --profile "$profile" -p zooscope-wasm-bench)
    mkdir -p "$BENCH_DIR/$profile"
    wasm-bindgen --target web --no-typescript --remove-name-section --out-dir "$BENCH_DIR/$profile" \
      "$target/wasm32-unknown-unknown/$profile/zooscope_wasm_bench.wasm"
    cat >"$BENCH_DIR/$profile/index.html" <<'HTML'
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
  done
}
