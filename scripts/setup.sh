#!/usr/bin/env bash
# Install what ZooScope's build and tests need, skipping whatever is already present at
# the pinned version. Safe to run again and again. Used by serve.sh and test.sh.
#
#   wasm32 target        rustup target add (a new machine lacks it)
#   trunk 0.21.14        cargo install --locked (0.22 needs a newer rustc; ~17 min to build)
#   wasm-bindgen-cli     the exact wasm-bindgen version in Cargo.lock (no --locked: the
#                        registry lags behind its lock file)
#   chromium + driver    Debian packages, for the browser tests
#   esbuild              npm, pinned in scripts/build-tools/package-lock.json (minifies the
#                        release bundle's JS glue; scripts/post_build.py)
#   playwright-core      npm, pinned in tests/e2e/package-lock.json (drives Debian chromium)
#   zookeeper + JDK      Debian packages, for the live-mode test's real ensemble (tests/live)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

want_trunk="0.21.14"
want_bindgen="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)"
need_browser="${ZOOSCOPE_NEED_BROWSER:-1}"

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $want_trunk" ]]; then
  say "installing trunk $want_trunk (this takes about 17 minutes on 2 cores)"
  cargo install trunk --version "$want_trunk" --locked
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $want_bindgen" ]]; then
  say "installing wasm-bindgen-cli $want_bindgen"
  cargo install wasm-bindgen-cli --version "$want_bindgen" --force
fi

# fonts-noto-cjk: without it headless Chromium draws Chinese text as boxes in screenshots.
if [[ "$need_browser" == 1 ]] && { [[ ! -x /usr/bin/chromium ]] || [[ ! -x /usr/bin/chromedriver ]] \
     || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; }; then
  say "installing Debian chromium, chromium-driver and fonts-noto-cjk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium chromium-driver fonts-noto-cjk
fi

if [[ ! -f /usr/share/java/zookeeper.jar || ! -x /usr/bin/java ]]; then
  say "installing Debian zookeeper and a headless JDK (the live-mode test runs three real servers)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q zookeeper default-jdk-headless
fi

if [[ ! -x scripts/build-tools/node_modules/.bin/esbuild ]]; then
  say "installing the bundle's JS minifier (npm ci in scripts/build-tools)"
  (cd scripts/build-tools && npm ci --no-audit --no-fund --loglevel=error)
fi

if [[ "$need_browser" == 1 && -f tests/e2e/package-lock.json ]]; then
  if [[ ! -d tests/e2e/node_modules/playwright-core ]]; then
    say "installing the end-to-end test driver (npm ci in tests/e2e)"
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
say "ready: $(trunk --version), $(wasm-bindgen --version), $( [[ -x /usr/bin/chromium ]] && /usr/bin/chromium --version 2>/dev/null | head -1 || echo 'no chromium')"
