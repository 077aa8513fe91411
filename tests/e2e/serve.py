#!/usr/bin/env python3
"""Serve a built dist/ on 127.0.0.1 the way a static host serves it: HTTP/1.1 with
keep-alive, and text and wasm files gzip-compressed (level 9, the budget's measure) for a
browser that accepts it. The browser tests and the benchmark load the bundle through it, so
the time to an interactive lab at 10 Mbit/s counts the bytes a learner's browser downloads
(`python3 -m http.server` sends the wasm uncompressed, about 2.8 times as many bytes).

  serve.py DIR PORT
"""
import functools
import gzip
import http.server
import sys
from pathlib import Path

COMPRESSED = {".wasm", ".js", ".css", ".html", ".json", ".svg", ".txt"}


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # (path, mtime) -> gzip bytes; dist/ holds a few dozen files.
    cache: dict[tuple[str, float], bytes] = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        key = (str(path.resolve()), path.stat().st_mtime)
        body = self.cache.get(key)
        if body is None:
            body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
            self.cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Bytes(body)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        sys.stderr.write("%s %s\n" % (self.address_string(), format % args))


class _Bytes:
    """What send_head returns: a file-like object copyfile reads the body from."""

    def __init__(self, data: bytes):
        self.data, self.done = data, False

    def read(self, _size: int = -1) -> bytes:
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self) -> None:
        pass


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(argv[1])
    # Compress everything once up front, so no first request waits on gzip -9 of the wasm.
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSED:
            key = (str(path.resolve()), path.stat().st_mtime)
            Handler.cache[key] = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
    handler = functools.partial(Handler, directory=argv[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(argv[2])), handler)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
