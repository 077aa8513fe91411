#!/usr/bin/env python3
"""Trunk's post-build step for release bundles: make the staged wasm and JS smaller, then
make index.html's integrity hashes true again.

1. Drop the `name` custom section of every staged .wasm. It maps function indices to Rust
   symbol names, helps a debugger and nothing else, yet is about a quarter of the gzipped
   bundle, and wasm-bindgen keeps it. (`strip = "symbols"` in Cargo would also remove the
   `target_features` section wasm-bindgen reads.)
2. Minify every staged .js (wasm-bindgen's ES-module glue) with esbuild, installed by
   scripts/setup.sh from the npm registry into scripts/build-tools/. Trunk 0.21's own JS
   minifier fails on that output, so Trunk.toml keeps it off. Without esbuild the step is
   skipped with a warning: the bundle works, it is only larger.
3. Join the stylesheets index.html links (static/*.css, one file per room so that each
   stays small to edit) into one minified file, in their order, and link that one instead:
   each stylesheet is a request the first paint waits for, and on a 40 ms round trip six of
   them took the browser's six connections per host before the wasm could start
   (`tests/e2e/bench.sh` prints the time to an interactive lab). Also esbuild.
4. Trunk wrote `integrity="sha384-..."` for the preloaded wasm and JS before this hook
   changed them; a browser that enforces it would refuse the preload. Each changed file's
   old digest in the staged index.html is replaced by the new one.

Debug builds (TRUNK_PROFILE != release) are left alone.

Usage: post_build.py                 (as a Trunk hook: works on $TRUNK_STAGING_DIR)
       post_build.py --strip FILE... (only step 1, on the given files)
"""
import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

MAGIC = b"\0asm\x01\0\0\0"
ESBUILD = Path(__file__).resolve().parent / "build-tools" / "node_modules" / ".bin" / "esbuild"


def read_leb128(data: bytes, pos: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated LEB128")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def without_name_section(data: bytes) -> bytes:
    if not data.startswith(MAGIC):
        raise ValueError("not a wasm module (version 1)")
    out = bytearray(MAGIC)
    pos = len(MAGIC)
    while pos < len(data):
        start = pos
        section_id = data[pos]
        size, body = read_leb128(data, pos + 1)
        end = body + size
        if end > len(data):
            raise ValueError("section runs past the end of the file")
        if section_id == 0:
            name_len, name_at = read_leb128(data, body)
            if data[name_at:name_at + name_len] == b"name":
                pos = end
                continue
        out += data[start:end]
        pos = end
    return bytes(out)


def sri(data: bytes) -> str:
    """The Subresource Integrity value Trunk writes (sha384, base64)."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def minified(path: Path, *flags: str) -> bytes | None:
    if not ESBUILD.exists():
        print(f"post_build: esbuild not installed ({ESBUILD}); {path.name} left unminified "
              "(run scripts/setup.sh)", file=sys.stderr)
        return None
    result = subprocess.run(
        [str(ESBUILD), str(path), "--minify", "--log-level=warning", *flags],
        capture_output=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode(errors="replace"))
        raise RuntimeError(f"esbuild failed on {path.name}")
    return result.stdout


def rewrite(path: Path, new: bytes, digests: dict[str, str]) -> None:
    old = path.read_bytes()
    if new == old:
        return
    digests[sri(old)] = sri(new)
    path.write_bytes(new)
    print(f"post_build: {path.name} {len(old)} -> {len(new)} bytes")


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "--strip":
        for name in argv[2:]:
            path = Path(name)
            path.write_bytes(without_name_section(path.read_bytes()))
        return 0
    if os.environ.get("TRUNK_PROFILE", "release") != "release":
        return 0
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("post_build: run as a Trunk hook (TRUNK_STAGING_DIR unset)", file=sys.stderr)
        return 2
    staging = Path(staging)
    digests: dict[str, str] = {}
    for path in sorted(staging.glob("*.wasm")):
        rewrite(path, without_name_section(path.read_bytes()), digests)
    for path in sorted(staging.glob("*.js")):
        small = minified(path, "--format=esm")
        if small is not None:
            rewrite(path, small, digests)
    index = staging / "index.html"
    if not index.exists():
        return 0
    html = join_stylesheets(staging, index.read_text(encoding="utf-8"))
    if digests:
        for old, new in digests.items():
            html = html.replace(f'integrity="{old}"', f'integrity="{new}"')
    index.write_text(html, encoding="utf-8")
    return 0


STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="([^"]+\.css)"[^>]*/?>\n?')


def join_stylesheets(staging: Path, html: str) -> str:
    """Step 3: the staged index.html with its stylesheet links replaced by one link to
    their joined, minified text (named by its content, as Trunk names files)."""
    links = list(STYLESHEET.finditer(html))
    if len(links) < 2:
        return html
    files = [staging / Path(m.group(1)).name for m in links]
    joined = staging / "joined.css"
    joined_bytes = b"\n".join(f.read_bytes() for f in files)
    joined.write_bytes(joined_bytes)
    small = minified(joined)
    joined.unlink()
    if small is None:
        return html
    name = f"zooscope-{hashlib.sha256(small).hexdigest()[:16]}.css"
    (staging / name).write_bytes(small)
    for f in files:
        f.unlink()
    href = links[0].group(1).rsplit("/", 1)[0] + "/" + name
    indent = re.match(r"[ \t]*", links[0].group(0)).group(0)
    one = f'{indent}<link rel="stylesheet" href="{href}" integrity="{sri(small)}"/>\n'
    print(f"post_build: {len(files)} stylesheets, {len(joined_bytes)} bytes -> {name} "
          f"{len(small)} bytes")
    out, last = [], 0
    for i, m in enumerate(links):
        out.append(html[last:m.start()])
        if i == 0:
            out.append(one)
        last = m.end()
    out.append(html[last:])
    return "".join(out)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
