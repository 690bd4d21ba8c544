"""The end-to-end tests' server: run `timeline` as a child process, and `timeline serve` on loopback with its log."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from timeline.site.serve import feed_paths

TODAY = "2024-06-01"
EPOCH = "1717243200"  # 2024-06-01T12:00:00Z


def env(**extra: str) -> dict[str, str]:
    """The environment of a child `timeline`: a fixed today and stamp, no load cache."""
    values = {**os.environ, "TIMELINE_TODAY": TODAY, "SOURCE_DATE_EPOCH": EPOCH, "TIMELINE_NO_CACHE": "1"}
    return {**values, **extra}


def timeline(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m timeline ARGS` and return its result."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args], capture_output=True, text=True, env=env(**extra), timeout=120
    )


REQUEST_LOG = re.compile(r'^\S+ - - \[[^\]]+\] "(?P<line>.*)" (?P<status>\d{3}|-) \S+( \(.*\))?$')
"""A request's one log line: client, date, request line (control characters escaped), status, size."""


class Log:
    """The server's stderr, read line by line by a thread as it comes (a full pipe would stall the server)."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self.ended = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self.ended = True
            self._changed.notify_all()

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """The first line containing `text`, waiting for it (a bound on waiting, not a timing assertion)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = next((line for line in self.lines if text in line), None)
                if found is not None:
                    return found
                if self.ended or time.monotonic() > deadline:
                    raise AssertionError(f"no line with {text!r} on stderr: {self.lines}")
                self._changed.wait(0.2)

    def join(self, timeout: float = 20) -> list[str]:
        """Every line, once the server has exited and its stderr is closed."""
        self._thread.join(timeout)
        return list(self.lines)

    @property
    def requests(self) -> list[str]:
        return [line for line in self.lines if REQUEST_LOG.match(line)]


@dataclass
class Served:
    """A running `timeline serve`: its base URL, process, and stderr."""

    url: str
    process: subprocess.Popen[str]
    banner: list[str]
    log: Log

    @property
    def host_port(self) -> tuple[str, int]:
        host, port = self.url.removeprefix("http://").split(":")
        return host, int(port)

    def get(self, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
        """A real HTTP request; returns the response (HTTPError for 4xx/5xx is raised)."""
        request = urllib.request.Request(self.url + path, headers=headers or {}, method=method)
        return urllib.request.urlopen(request, timeout=30)

    def stop(self, sig: int = signal.SIGINT) -> int:
        """Send `sig` (Ctrl-C by default) and wait for the exit: its return code; the log is then complete."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        self.log.join()
        return code


@contextmanager
def serving(out: Path, *args: str) -> Iterator[Served]:
    """`timeline serve --out OUT --port 0` on 127.0.0.1 until the block ends (then Ctrl-C)."""
    command = [sys.executable, "-m", "timeline", "serve", "--out", str(out), "--host", "127.0.0.1", "--port", "0"]
    process = subprocess.Popen(
        [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(), bufsize=1
    )
    log = Log(process.stderr)
    try:
        banner = []
        while not any(line.startswith("Serving ") for line in banner):
            line = process.stdout.readline()
            if not line:
                raise AssertionError(f"timeline serve exited: {process.wait()} {log.join()}")
            banner.append(line.rstrip("\n"))
        url = banner[-1].split(" at ")[1].split("/ ")[0]
        feeds = len(feed_paths(out))  # built before the banner: "Subscribe ..." and one line per feed follow
        banner += [process.stdout.readline().rstrip("\n") for _ in range(feeds + 1 if feeds else 0)]
        yield Served(url, process, banner, log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.join()
        process.stdout.close()
        process.stderr.close()
