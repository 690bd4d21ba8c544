"""Helpers for the end-to-end tests: build a site and run `timeline serve` as a real process on loopback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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


@dataclass
class Served:
    """A running `timeline serve`: its base URL and process."""

    url: str
    process: subprocess.Popen[str]
    banner: list[str]

    @property
    def host_port(self) -> tuple[str, int]:
        host, port = self.url.removeprefix("http://").split(":")
        return host, int(port)

    def get(self, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
        """A real HTTP request; returns the response (HTTPError for 4xx/5xx is raised)."""
        request = urllib.request.Request(self.url + path, headers=headers or {}, method=method)
        return urllib.request.urlopen(request, timeout=30)


@contextmanager
def serving(out: Path, *args: str) -> Iterator[Served]:
    """`timeline serve --out OUT --port 0` on 127.0.0.1 until the block ends (then Ctrl-C)."""
    command = [sys.executable, "-m", "timeline", "serve", "--out", str(out), "--host", "127.0.0.1", "--port", "0"]
    process = subprocess.Popen(
        [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(), bufsize=1
    )
    try:
        banner = []
        while not any(line.startswith("Serving ") for line in banner):
            line = process.stdout.readline()
            if not line:
                raise AssertionError(f"timeline serve exited: {process.wait()} {process.stderr.read()}")
            banner.append(line.rstrip("\n"))
        url = banner[-1].split(" at ")[1].split("/ ")[0]
        feeds = len(list(out.glob("*/*.ics")))  # built before the banner: "Subscribe ..." and one line per feed follow
        banner += [process.stdout.readline().rstrip("\n") for _ in range(feeds + 1 if feeds else 0)]
        yield Served(url, process, banner)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()
        process.stderr.close()
