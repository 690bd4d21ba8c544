"""The two sides of one `timeline serve` connection, each bounded in time and size, and its log line."""

from __future__ import annotations

import http.client
import io
import socket
import sys
import threading
import time

MAX_LINE = 8 * 1024  # the request line, and each header line
WRITE_CHUNK = 64 * 1024


class DeadlineIO(socket.SocketIO):
    """The reading side of a connection: every read ends by `deadline` (the request head's), so a client
    that trickles a byte now and then cannot hold a thread past it. `received` counts the bytes read."""

    deadline = float("inf")
    received = 0

    def readinto(self, buffer) -> int | None:  # type: ignore[override]
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request head did not arrive in time")
        self._sock.settimeout(remaining)
        count = super().readinto(buffer)
        self.received += count or 0
        return count


class Writer(io.BufferedIOBase):
    """The writing side: each chunk must be taken by the client within the socket's timeout."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        with memoryview(data) as view:
            for start in range(0, view.nbytes, WRITE_CHUNK):
                self._sock.sendall(view[start : start + WRITE_CHUNK])
            return view.nbytes


class HeadReader:
    """The header lines of one request for `http.client.parse_headers`, within MAX_LINE and a byte budget."""

    def __init__(self, rfile: io.BufferedReader, budget: int) -> None:
        self.rfile = rfile
        self.budget = budget

    def readline(self, limit: int = -1) -> bytes:
        line = self.rfile.readline(MAX_LINE + 1)
        self.budget -= len(line)
        if len(line) > MAX_LINE or self.budget < 0:
            raise http.client.LineTooLong("header line")
        if not line.endswith(b"\n"):  # the client closed before the end of its headers: nothing to answer
            raise ConnectionAbortedError("the request head ended early")
        return line


LOG_LOCK = threading.Lock()


def log_line(client: str, message: str) -> None:
    """One line on stderr, in the common log format of http.server (a broken stderr is ignored)."""
    line = f"{client} - - [{time.strftime('%d/%b/%Y %H:%M:%S')}] {message}\n"
    with LOG_LOCK:
        try:
            sys.stderr.write(line)
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
