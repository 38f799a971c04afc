"""Serve a built site on 127.0.0.1 the way a static host does: gzip and cache headers.

Python's http.server sends every file uncompressed and without caching rules, so a reader's
weight measured behind it is not what a reader of the published site (GitHub Pages: gzip,
max-age=600) gets. This handler compresses text types when the browser asks for it, answers
conditional requests with 304, and counts what it sends, so tests and benchmarks can measure
the bytes a visit really costs. `make serve` uses it too.

    python -m briefing.site.server _build/html [--port 8000]
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import gzip
import hashlib
import http.server
import io
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".txt", ".csv", ".map", ".xml", ".ttf", ".inv"}
CACHE_CONTROL = "public, max-age=600"  # what GitHub Pages sends


@dataclass
class Transfer:
    path: str
    status: int
    raw_bytes: int  # the file's size
    sent_bytes: int  # the body on the wire (gzipped when compressed, 0 for a 304)


@dataclass
class TransferLog:
    transfers: list[Transfer] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, transfer: Transfer) -> None:
        with self.lock:
            self.transfers.append(transfer)

    def count(self) -> int:
        with self.lock:
            return len(self.transfers)

    def clear(self) -> None:
        with self.lock:
            self.transfers.clear()

    def sent(self) -> int:
        with self.lock:
            return sum(t.sent_bytes for t in self.transfers)

    def raw(self) -> int:
        with self.lock:
            return sum(t.raw_bytes for t in self.transfers if t.status == 200)


@functools.lru_cache(maxsize=512)
def _compressed(path: str, mtime_ns: int, size: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    log: TransferLog | None = None
    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts do (every response has a Content-Length)

    def log_message(self, *args):  # quiet: tests and benchmarks print their own findings
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            index = path / "index.html"
            if not urlsplit(self.path).path.endswith("/") or not index.is_file():
                return super().send_head()  # redirect to the slash, or the directory listing / 404
            path = index
        if not path.is_file():
            return super().send_head()  # 404
        stat = path.stat()
        etag = '"' + hashlib.sha1(f"{stat.st_mtime_ns}-{stat.st_size}".encode()).hexdigest()[:16] + '"'
        compressible = path.suffix in COMPRESSIBLE
        wants_gzip = compressible and "gzip" in self.headers.get("Accept-Encoding", "")
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self._common_headers(etag, stat.st_mtime, compressible)
            self.end_headers()
            self._record(304, stat.st_size, 0)
            return None
        body = _compressed(str(path), stat.st_mtime_ns, stat.st_size) if wants_gzip else path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        if wants_gzip:
            self.send_header("Content-Encoding", "gzip")
        self._common_headers(etag, stat.st_mtime, compressible)
        self.end_headers()
        self._record(200, stat.st_size, len(body))
        return io.BytesIO(body)

    def _common_headers(self, etag: str, mtime: float, compressible: bool) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
        if compressible:  # a cache must not hand a gzip body to a client that did not ask for one
            self.send_header("Vary", "Accept-Encoding")

    def _record(self, status: int, raw: int, sent: int) -> None:
        if self.log is not None:
            self.log.add(Transfer(unquote(urlsplit(self.path).path), status, raw, sent))


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that closes a connection early (navigating on) is normal, not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(site: Path, port: int = 0, log: TransferLog | None = None) -> SiteServer:
    handler = type("BoundSiteHandler", (SiteHandler,), {"log": log})
    return SiteServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))


@contextlib.contextmanager
def serve(site: Path, log: TransferLog | None = None):
    """Serve `site` on a free port of 127.0.0.1 in a thread; yields the base URL."""
    server = make_server(site, 0, log)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the built site on 127.0.0.1 with gzip and cache headers.")
    parser.add_argument("site", type=Path, nargs="?", default=Path("_build/html"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"No site in {args.site}: run 'make book' first.", file=sys.stderr)
        return 1
    server = make_server(args.site, args.port)
    print(f"Serving {args.site} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
