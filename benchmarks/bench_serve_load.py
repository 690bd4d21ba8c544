"""`timeline serve` under load: many keep-alive clients at once on loopback, for a bounded time.

Run: python benchmarks/bench_serve_load.py [--connections 200] [--duration 10] [--site DIR]
It builds the bundled data into a temporary folder (`timeline build --out`) unless --site names a
built site, starts `timeline serve` on a free loopback port, and opens every connection at once from
this one process (asyncio, standard library only). Each connection then sends request after request
over keep-alive until the time is up: a mix of index.html, the feeds, the timeline pages and JSON
exports (some asking for gzip), conditional requests (304) and a missing file (404).
It prints the requests per second, the p50/p99 latency of a request, the p99/slowest time to open a
connection, and the errors: a connection that failed or timed out, or an unexpected status (the target
is zero). It also reads the server's log: one line per request, and no traceback.
A benchmark, not a test: it asserts nothing; it exits with 1 when there were errors.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REQUEST_TIMEOUT = 30.0  # a request with no answer by then is an error
WARM_UP = 3  # requests made before the load, to learn ETags
REQUEST_LOG = re.compile(r'^\S+ - - \[[^\]]+\] ".*" (\d{3}|-) \S+( \(.*\))?$')


@dataclass
class Ask:
    """One request of the mix: its path and headers, and the status it must get."""

    path: str
    status: int = 200
    gzip: bool = False
    etag: str | None = None

    def request(self) -> bytes:
        lines = [f"GET {self.path} HTTP/1.1", "Host: bench", "User-Agent: bench_serve_load"]
        if self.gzip:
            lines.append("Accept-Encoding: gzip")
        if self.etag:
            lines.append(f"If-None-Match: {self.etag}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    connects: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    body_bytes: int = 0
    reconnects: int = 0


def build(out: Path) -> None:
    print(f"building the bundled data into {out} ...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "timeline", "build", "--out", str(out)], check=True, stdout=subprocess.DEVNULL
    )


def start_server(site: Path, log: Path) -> tuple[subprocess.Popen[str], str, int]:
    command = [sys.executable, "-m", "timeline", "serve", "--out", str(site), "--host", "127.0.0.1", "--port", "0"]
    with log.open("w") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)
    line = process.stdout.readline()
    match = re.search(r" at http://([\d.]+):(\d+)/", line)
    if not match:
        process.kill()
        raise SystemExit(f"timeline serve did not start: {line!r} {log.read_text()}")
    return process, match[1], int(match[2])


def the_mix(site: Path, base: str) -> list[Ask]:
    """What a landing page visitor and a few calendar apps ask for, with validators fetched once."""
    from timeline.render.lang import CODES  # the language folders (ru/) hold pages, not an organisation

    orgs = sorted(p.parent.name for p in site.glob("*/timeline.html") if p.parent.name not in CODES)
    asks = [Ask("/index.html"), Ask("/index.html", gzip=True), Ask("/chairmanships.ics", gzip=True)]
    asks += [Ask("/timeline.html", gzip=True), Ask("/no-such-feed.ics", 404), Ask("/../../etc/passwd", 404)]
    for org in orgs:
        feeds = sorted(p.relative_to(site).as_posix() for p in (site / org).glob("*.ics"))
        asks += [Ask(f"/{org}/timeline.html", gzip=True), Ask(f"/{org}/timeline.json", gzip=True)]
        asks += [Ask(f"/{feed}", gzip=i % 2 == 0) for i, feed in enumerate(feeds[:3])]
    for ask in asks[:WARM_UP]:  # a calendar app that checks for changes: 304 (one request each here first)
        with urllib.request.urlopen(urllib.request.Request(base + ask.path), timeout=REQUEST_TIMEOUT) as response:
            asks.append(Ask(ask.path, 304, etag=response.headers["ETag"]))
    return asks


async def answer(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """Status, body size, and whether the server will close, of one response."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers = {name.lower(): value for name, _, value in (line.partition(": ") for line in lines if line)}
    size = 0 if status == 304 else int(headers["content-length"])
    if size:
        await reader.readexactly(size)
    return status, size, headers.get("connection", "").lower() == "close"


async def connect(host: str, port: int, stats: Stats) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    start = time.perf_counter()
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port, limit=1 << 20), REQUEST_TIMEOUT)
    stats.connects.append(time.perf_counter() - start)
    return reader, writer


async def client(number: int, host: str, port: int, asks: list[Ask], deadline: float, stats: Stats) -> int:
    """Request after request on one keep-alive connection until the deadline; the count of answers."""
    done, turn, streams = 0, number, None
    while time.perf_counter() < deadline:
        ask = asks[turn % len(asks)]
        turn += 1
        try:
            if streams is None:
                streams = await connect(host, port, stats)
            reader, writer = streams
            start = time.perf_counter()
            writer.write(ask.request())
            status, size, closing = await asyncio.wait_for(answer(reader), REQUEST_TIMEOUT)
        except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as error:
            stats.errors.append(f"{ask.path}: {type(error).__name__}: {error}")
            if streams:
                streams[1].close()
            streams = None
            continue
        stats.latencies.append(time.perf_counter() - start)
        stats.body_bytes += size
        done += 1
        if status != ask.status:
            stats.errors.append(f"{ask.path}: {status} (expected {ask.status})")
        if closing:
            streams[1].close()
            streams, stats.reconnects = None, stats.reconnects + 1
    if streams:
        streams[1].close()
    return done


async def load(host: str, port: int, asks: list[Ask], connections: int, duration: float) -> tuple[Stats, float]:
    stats = Stats()
    start = time.perf_counter()
    deadline = start + duration
    await asyncio.gather(*(client(n, host, port, asks, deadline, stats) for n in range(connections)))
    return stats, time.perf_counter() - start


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=200, help="concurrent keep-alive connections")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load")
    parser.add_argument("--site", type=Path, help="a built site to serve (default: build the bundled data)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        site = args.site or Path(tmp) / "out"
        if not args.site:
            build(site)
        log = Path(tmp) / "serve.log"
        process, host, port = start_server(site, log)
        try:
            asks = the_mix(site, f"http://{host}:{port}")
            print(
                f"{args.connections} connections for {args.duration:g} s, {len(asks)} kinds of request ...", flush=True
            )
            stats, elapsed = asyncio.run(load(host, port, asks, args.connections, args.duration))
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
            process.stdout.close()
        lines = log.read_text(errors="replace").splitlines()
    answered = len(stats.latencies)
    logged = sum(1 for line in lines if REQUEST_LOG.match(line)) - WARM_UP
    print(f"requests      : {answered} in {elapsed:.1f} s = {answered / elapsed:.0f} requests/s")
    print(f"bytes         : {stats.body_bytes / 1e6:.0f} MB of bodies = {stats.body_bytes / 1e6 / elapsed:.1f} MB/s")
    if stats.latencies:
        p50, p99, slowest = (
            1000 * x for x in (*(percentile(stats.latencies, p) for p in (50, 99)), max(stats.latencies))
        )
        print(f"latency       : p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {slowest:.1f} ms")
    if stats.connects:
        print(
            f"connect       : {len(stats.connects)} connections, p99 {percentile(stats.connects, 99) * 1000:.1f} ms, "
            f"slowest {max(stats.connects) * 1000:.1f} ms ({stats.reconnects} reconnects after Connection: close)"
        )
    tracebacks = sum("Traceback" in line for line in lines)
    code = process.returncode
    print(f"server log    : {logged} request lines for {answered} answers, {tracebacks} tracebacks, exit {code}")
    print(f"errors        : {len(stats.errors)}")
    for error in sorted(set(stats.errors))[:10]:
        print(f"  {error}")
    bad = stats.errors or tracebacks or logged != answered or code != 0
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
