"""`timeline serve`: a small HTTP server over the output folder, good enough for calendar apps to subscribe.

- The folder is resolved again for every request, so the server keeps working while a build swaps
  files in, or when the whole folder is replaced by another.
- Only files inside the folder are served: the path is decoded once (`%2e%2e` is `..`), any `.`,
  `..` or hidden segment is refused, and the resolved real path (symlinks followed) must lie inside.
- `ETag` (a hash of the bytes, so it survives a rebuild that changed nothing) and `Last-Modified`,
  with `304` for `If-None-Match` / `If-Modified-Since`; `HEAD`; gzip when asked (`Vary: Accept-Encoding`).
- A thread per connection (`ThreadingHTTPServer`), HTTP/1.1 keep-alive, one log line per request on stderr.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import os
import socket
import threading
from collections import OrderedDict
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from timeline.errors import ServeError

TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".js": "application/javascript",
    ".css": "text/css; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")
GZIP_MIN = 256
CACHE_ENTRIES = 64


@dataclass
class Entry:
    """A file as served: its bytes, validators, and the gzip variant once asked for."""

    body: bytes
    etag: str
    mtime: float
    gz: bytes | None = None


class FileCache:
    """Bytes and hashes of recently served files, keyed by inode, size and mtime (a swapped file is a new key)."""

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, path: Path) -> Entry:
        with path.open("rb") as handle:  # stat and read the same inode, even if a build replaces the file now
            stat = os.fstat(handle.fileno())
            key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key]
            body = handle.read()
        entry = Entry(body, f'"{hashlib.sha256(body).hexdigest()[:24]}"', stat.st_mtime)
        with self._lock:
            self._entries[key] = entry
            while len(self._entries) > CACHE_ENTRIES:
                self._entries.popitem(last=False)
        return entry

    def gzipped(self, entry: Entry) -> bytes:
        if entry.gz is None:
            entry.gz = gzip.compress(entry.body, compresslevel=6, mtime=0)
        return entry.gz


def resolve(root: Path, target: str) -> Path | None:
    """The real file or folder a request target names inside `root`, or None when it must be refused."""
    path = urlsplit(target).path
    try:
        text = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not text.startswith("/") or "\x00" in text or "\\" in text:
        return None
    parts = [part for part in text.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") for part in parts):
        return None
    real_root = root.resolve()
    try:
        real = real_root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real == real_root or real.is_relative_to(real_root) else None


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (q=0 refuses it)."""
    if not header:
        return False
    allowed: dict[str, bool] = {}
    for item in header.lower().split(","):
        name, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        allowed[name.strip()] = q > 0
    if "gzip" in allowed or "x-gzip" in allowed:
        return allowed.get("gzip", False) or allowed.get("x-gzip", False)
    return allowed.get("*", False)


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower(), "application/octet-stream")


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD of files under the server's output folder."""

    server: Server
    server_version = "timeline"
    protocol_version = "HTTP/1.1"
    timeout = 60

    def do_GET(self) -> None:
        self.respond(with_body=True)

    def do_HEAD(self) -> None:
        self.respond(with_body=False)

    def do_POST(self) -> None:
        self.close_connection = True  # the request body is not read
        self.refuse(HTTPStatus.METHOD_NOT_ALLOWED, True, {"Allow": "GET, HEAD", "Connection": "close"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def refuse(self, status: HTTPStatus, with_body: bool, headers: dict[str, str] | None = None) -> None:
        body = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def respond(self, with_body: bool) -> None:
        real = resolve(self.server.out, self.path)
        if real is not None and real.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                location = urlsplit(self.path).path + "/"
                return self.refuse(HTTPStatus.MOVED_PERMANENTLY, with_body, {"Location": location})
            real = real / "index.html" if (real / "index.html").is_file() else None
        if real is None or not real.is_file():
            return self.refuse(HTTPStatus.NOT_FOUND, with_body)
        try:
            entry = self.server.files.get(real)
        except OSError:
            return self.refuse(HTTPStatus.NOT_FOUND, with_body)
        kind = content_type(real)
        compressible = kind.startswith(COMPRESSIBLE) and len(entry.body) >= GZIP_MIN
        use_gzip = compressible and accepts_gzip(self.headers.get("Accept-Encoding"))
        etag = entry.etag[:-1] + '-gzip"' if use_gzip else entry.etag
        headers = {"ETag": etag, "Last-Modified": formatdate(entry.mtime, usegmt=True), "Cache-Control": "no-cache"}
        if compressible:
            headers["Vary"] = "Accept-Encoding"
        if self.not_modified(etag, entry.mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_headers(headers)
            return None
        body = self.server.files.gzipped(entry) if use_gzip else entry.body
        self.send_response(HTTPStatus.OK)
        headers |= {
            "Content-Type": kind,
            "Content-Length": str(len(body)),
            "X-Content-Type-Options": "nosniff",
            "Access-Control-Allow-Origin": "*",
        }
        if use_gzip:
            headers["Content-Encoding"] = "gzip"
        self.send_headers(headers)
        if with_body:
            self.wfile.write(body)
        return None

    def send_headers(self, headers: dict[str, str]) -> None:
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def not_modified(self, etag: str, mtime: float) -> bool:
        """RFC 9110: If-None-Match wins over If-Modified-Since; weak comparison for the former."""
        match = self.headers.get("If-None-Match")
        if match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
            return "*" in tags or etag in tags
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return int(mtime) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False

    def log_error(self, format: str, *args: object) -> None:
        """Silenced: every request already gets its one line from log_request."""


class Server(ThreadingHTTPServer):
    """A thread per connection over one output folder."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], out: Path, family: int = socket.AF_INET) -> None:
        self.address_family = family
        self.out = out
        self.files = FileCache()
        super().__init__(address, Handler)


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000) -> Server:
    """A server bound to host:port (port 0: any free port); ServeError when it cannot listen there."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror:
        raise ServeError(f"unknown host '{host}' (try --host 127.0.0.1)") from None
    try:
        return Server((host, port), out, family)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is in use (try --port {port + 1}, or stop the other server)"
            ) from None
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def base_url(server: Server) -> str:
    """http://host:port of a bound server (brackets for IPv6; a wildcard host shown as loopback)."""
    host, port = server.server_address[:2]
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1" if host == "0.0.0.0" else "::1"
    return f"http://[{host}]:{port}" if ":" in str(host) else f"http://{host}:{port}"


def feed_paths(out: Path) -> list[str]:
    """The feeds in an output folder, as paths relative to it."""
    if not out.is_dir():
        return []
    return sorted(p.relative_to(out).as_posix() for p in out.glob("*/*.ics") if not p.name.startswith("."))
