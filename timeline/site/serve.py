"""`timeline serve`: a small HTTP server over the output folder, good enough for calendar apps to subscribe.

- The folder is resolved again for every request, so the server keeps working while a build swaps
  files in, or when the whole folder is replaced by another.
- Only files inside the folder are served: the path is decoded once (`%2e%2e` is `..`), any `.`,
  `..` or hidden segment is refused, and the resolved real path (symlinks followed) must lie inside.
- `ETag` (a hash of the bytes, so it survives a rebuild that changed nothing) and `Last-Modified`,
  with `304` for `If-None-Match` / `If-Modified-Since`; `HEAD`; gzip when asked (`Vary: Accept-Encoding`).
- A thread per connection (`ThreadingHTTPServer`, daemon threads), HTTP/1.1 keep-alive, one log line
  per request on stderr and nothing else: a client that hangs up or stops reading is dropped quietly.
- Hostile or careless clients get a status line and a short plain-text body, then the connection is
  closed: a request head must arrive whole within the timeout (`408`; slowloris), a request line over
  8 KiB is `414`, a header over 8 KiB or a head over 64 KiB or 100 headers is `431`, HTTP/0.9 and 2+
  are `505`, any method but GET and HEAD is `405`, and a request that carries a body is answered and
  the connection closed, so the body can never be read as another request. `Range` is ignored (`200`).
- At most 512 connections at once (more get `503` and are closed); a listen backlog of 1024, so a
  burst of clients waits in the kernel's queue, not in SYN retries.

Here: the request handler, the server and its start. The files as served (paths, types, cache, gzip) are in
`serve_files`, a connection's bounded reads and writes and its log line in `serve_io`.
"""

from __future__ import annotations

import errno
import io
import socket
import sys
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from timeline.errors import ServeError
from timeline.site.serve_files import COMPRESSIBLE, GZIP_MIN, FileCache, accepts_gzip, content_type, resolve
from timeline.site.serve_io import MAX_LINE, DeadlineIO, HeadReader, Writer, log_line

TIMEOUT = 30  # seconds for a request head to arrive whole, for an idle keep-alive connection, for each write
MAX_HEAD = 64 * 1024  # the request line and all its headers
MAX_CONNECTIONS = 512
LISTEN_BACKLOG = 1024  # the kernel caps it (net.core.somaxconn)
LINGER_SECONDS, LINGER_BYTES = 2.0, 1024 * 1024
LOG_REQUEST_LINE = 300
STOP_POLL = 0.1  # seconds between two looks for a stop signal
TLS_HANDSHAKE = b"\x16"
BUSY = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"


EMPTY_LINES = 4
"""Empty lines a request may be preceded by (a client's stray CRLF after the previous request)."""


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD of files under the server's output folder; everything else refused, on one log line."""

    server: Server
    server_version = "timeline"
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.0"  # never "HTTP/0.9": every answer has a status line

    def setup(self) -> None:
        self.connection = self.request
        self.timeout = self.server.client_timeout
        self.connection.settimeout(self.timeout)
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)  # no 40 ms wait for a small body
        self.reader = DeadlineIO(self.connection, "rb")
        self.rfile = io.BufferedReader(self.reader)
        self.wfile = Writer(self.connection)
        self.linger = False

    def finish(self) -> None:
        if self.linger:
            self.drain()
        self.wfile.close()
        self.rfile.close()

    def drain(self) -> None:
        """Read what the client still sends, briefly, after our last byte: closing with unread input makes
        the kernel reset the connection, and the client may lose the answer (a 414, 431, 405) it was sent."""
        try:
            self.connection.shutdown(socket.SHUT_WR)
            deadline, left = time.monotonic() + LINGER_SECONDS, LINGER_BYTES
            while left > 0 and (remaining := deadline - time.monotonic()) > 0:
                self.connection.settimeout(remaining)
                chunk = self.connection.recv(65536)
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):  # the client hung up or stopped reading: nothing to report
            self.close_connection = True

    def handle_one_request(self) -> None:
        self.requestline, self.command, self.request_version = "", "", self.default_request_version
        self.responded, self.note = False, ""
        self.reader.deadline, self.reader.received = time.monotonic() + self.timeout, 0
        try:
            if self.rfile.peek(1)[:1] == TLS_HANDSHAKE:  # https:// to this plain-HTTP server: no newline will come
                self.requestline = "(a TLS handshake)"
                self.send_error(HTTPStatus.BAD_REQUEST)
                return
            self.raw_requestline = self.rfile.readline(MAX_LINE + 1)
            for _ in range(EMPTY_LINES):  # RFC 9112 2.2: empty lines before a request line are ignored
                if self.raw_requestline not in (b"\r\n", b"\n"):
                    break
                self.raw_requestline = self.rfile.readline(MAX_LINE + 1)
            if self.raw_requestline in (b"\r\n", b"\n"):  # more empty lines than a client sends by mistake
                self.send_error(HTTPStatus.BAD_REQUEST)
                return
            if len(self.raw_requestline) <= MAX_LINE and not self.raw_requestline.endswith(b"\n"):
                self.close_connection = True  # the client closed (mid-line, or between requests): no request
                return
            if len(self.raw_requestline) > MAX_LINE:
                self.requestline = self.raw_requestline[:LOG_REQUEST_LINE].decode("latin-1")
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return
            if not self.parse_request():
                return
            self.dispatch()
        except TimeoutError:
            self.close_connection = True
            if self.reader.received and not self.responded:  # part of a request, never finished: slowloris
                self.connection.settimeout(self.timeout)
                self.send_error(HTTPStatus.REQUEST_TIMEOUT)  # an idle keep-alive connection just closes

    def parse_request(self) -> bool:
        """The stdlib's parsing, with HTTP/0.9 refused before reading headers, and the head's size bounded."""
        try:
            words = self.raw_requestline.split()
            if len(words) == 2 or (len(words) == 3 and words[2].startswith(b"HTTP/0.")):
                self.requestline = self.raw_requestline.decode("latin-1").rstrip("\r\n")
                self.command = words[0].decode("latin-1")
                self.send_error(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED)
                return False
            rfile = self.rfile
            self.rfile = HeadReader(rfile, MAX_HEAD - len(self.raw_requestline))  # type: ignore[assignment]
            try:
                return super().parse_request()
            finally:
                self.rfile = rfile
        finally:  # the head is read (or refused): each write of the answer now has the whole timeout
            self.reader.deadline = float("inf")
            self.connection.settimeout(self.timeout)

    def handle_expect_100(self) -> bool:
        """No `100 Continue`: no request body is ever read, the final answer comes at once."""
        return True

    def dispatch(self) -> None:
        lengths = [value.strip() for value in self.headers.get_all("Content-Length", [])]
        if any(length != "0" for length in lengths) or "Transfer-Encoding" in self.headers:
            self.close_connection = self.linger = True  # the body is unread: it must not pass for a next request
        if self.command not in ("GET", "HEAD"):
            self.close_connection = True
            self.refuse(HTTPStatus.METHOD_NOT_ALLOWED, True, {"Allow": "GET, HEAD"})
            return
        try:
            self.respond(with_body=self.command == "GET")
        except (ConnectionError, TimeoutError):
            raise
        except Exception as error:  # a bug or an odd file system: a 500 and its one log line, no traceback
            self.note = f"{type(error).__name__}: {error}"
            self.close_connection = True
            if not self.responded:
                self.refuse(HTTPStatus.INTERNAL_SERVER_ERROR, self.command == "GET")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's refusals (400, 414, 431, 505, ...) as ours: plain text, nothing of the request echoed."""
        self.close_connection = True
        self.refuse(HTTPStatus(code), self.command != "HEAD")

    def refuse(self, status: HTTPStatus, with_body: bool, headers: dict[str, str] | None = None) -> None:
        body = f"{status.value} {status.phrase}\n".encode()
        if self.close_connection and status >= 400:
            self.linger = True
        self.send_response(status)
        self.send_headers(
            {**(headers or {}), "Content-Type": "text/plain; charset=utf-8", "Content-Length": str(len(body))}
        )
        if with_body:
            self.wfile.write(body)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.responded = True
        super().send_response(code, message)

    def respond(self, with_body: bool) -> None:
        try:
            real = resolve(self.server.out, self.path)
            if real is not None and real.is_dir():
                if not urlsplit(self.path).path.endswith("/"):
                    location = urlsplit(self.path).path + "/"
                    return self.refuse(HTTPStatus.MOVED_PERMANENTLY, with_body, {"Location": location})
                real = real / "index.html" if (real / "index.html").is_file() else None
            if real is None or not real.is_file():
                return self.refuse(HTTPStatus.NOT_FOUND, with_body)
            entry = self.server.files.get(real)
        except (OSError, ValueError):
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
        if self.close_connection:
            headers = {**headers, "Connection": "close"}
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

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """The request's one line: its request line (cut when absurdly long), status, and a 500's cause."""
        line = self.requestline
        if len(line) > LOG_REQUEST_LINE:
            line = line[:LOG_REQUEST_LINE] + "..."
        note = f" ({self.note})" if self.note else ""
        self.log_message('"%s" %s %s%s', line, int(code) if isinstance(code, int) else code, size, note)

    def log_message(self, format: str, *args: object) -> None:
        log_line(self.address_string(), (format % args).translate(self._control_char_table))

    def log_error(self, format: str, *args: object) -> None:
        """Silenced: every request already gets its one line from log_request."""


class Server(ThreadingHTTPServer):
    """A thread per connection over one output folder, at most `max_connections` at once."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = LISTEN_BACKLOG

    def __init__(
        self,
        address: tuple[str, int],
        out: Path,
        family: int = socket.AF_INET,
        timeout: float = TIMEOUT,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self.address_family = family
        self.out = out
        self.files = FileCache()
        self.client_timeout = timeout
        self.slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, Handler)

    def process_request(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not self.slots.acquire(blocking=False):
            return self.turn_away(request, client_address)
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise
        return None

    def process_request_thread(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def turn_away(self, request: socket.socket, client_address: tuple) -> None:
        """Too many connections: a 503 if the socket takes it at once (never waiting for it), then close."""
        try:
            request.setblocking(False)
            request.send(BUSY)
        except OSError:
            pass
        log_line(str(client_address[0]), '"-" 503 - (too many connections)')
        self.shutdown_request(request)

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        """A client that went away is no error; anything else is one line, never a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            log_line(str(client_address[0]), f'"-" - - (error: {type(error).__name__}: {error})')


def serve_until_stopped(server: Server) -> None:
    """Serve until SIGINT (Ctrl-C) or SIGTERM, even when started with SIGINT ignored (a background job); then stop
    the serving loop between two connections and return (connections still open are left to their threads).

    The loop runs in a thread of its own and the signal only wakes the main thread: a handler raising
    KeyboardInterrupt in the loop could land while a connection is being handed to its thread, and socketserver
    would then close that connection under the thread (which logged "Bad file descriptor" after "Stopped.").
    Outside the main thread, where no signal handler can be set, it serves until the loop ends."""
    import signal

    stopping: list[int] = []  # the handler only appends: taking a lock in it could wait for the main thread itself
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, lambda signum, frame: stopping.append(signum))
    serving = threading.Thread(target=server.serve_forever, name="timeline-serve", daemon=True)
    try:
        serving.start()
        while serving.is_alive() and not stopping:
            serving.join(STOP_POLL)
        server.shutdown()
    finally:
        for signum, handler in previous.items():
            if handler is not None:  # None: a handler not set from Python, which cannot be put back
                signal.signal(signum, handler)


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000, timeout: float = TIMEOUT) -> Server:
    """A server bound to host:port (port 0: any free port); ServeError when it cannot listen there."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (socket.gaierror, UnicodeError, ValueError, OverflowError):
        raise ServeError(f"unknown host '{host}' (try --host 127.0.0.1)") from None
    try:
        return Server((host, port), out, family, timeout)
    except OverflowError:
        raise ServeError(f"port {port} is not a port (0 to 65535)") from None
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
    """The English feeds in an output folder (every chairmanship's, then each organisation's), as paths relative to
    it; another language's are in its folder (ru/…), which its landing page lists."""
    from timeline.render.lang import CODES

    if not out.is_dir():
        return []
    found = [*out.glob("*.ics"), *(p for p in out.glob("*/*.ics") if p.parent.name not in CODES)]
    return sorted(p.relative_to(out).as_posix() for p in found if not p.name.startswith("."))
