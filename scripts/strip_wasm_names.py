#!/usr/bin/env python3
"""Drop the `name` custom section from the release wasm that Trunk has staged.

The name section maps function indices to Rust symbol names. It helps a debugger and
nothing else, yet it is about a quarter of the gzipped bundle, and wasm-bindgen keeps it.
(`strip = "symbols"` in Cargo would remove it too, but also removes the `target_features`
section wasm-bindgen reads.) Trunk runs this as a post_build hook; debug builds keep names.

Usage: strip_wasm_names.py [FILE.wasm ...]   (default: every .wasm in $TRUNK_STAGING_DIR)
"""
import os
import sys
from pathlib import Path

MAGIC = b"\0asm\x01\0\0\0"


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


def main(argv: list[str]) -> int:
    if os.environ.get("TRUNK_PROFILE", "release") != "release":
        return 0
    files = [Path(a) for a in argv[1:]]
    if not files:
        staging = os.environ.get("TRUNK_STAGING_DIR")
        if not staging:
            print("strip_wasm_names: give files or run as a Trunk hook", file=sys.stderr)
            return 2
        files = sorted(Path(staging).glob("*.wasm"))
    for path in files:
        before = path.read_bytes()
        after = without_name_section(before)
        path.write_bytes(after)
        print(f"strip_wasm_names: {path.name} {len(before)} -> {len(after)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
