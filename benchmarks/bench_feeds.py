"""Feed rendering against icalendar writing plain VEVENTs, per event and per byte, with its memory and state size.

Run: python benchmarks/bench_feeds.py [--sizes 1000,10000,100000] [--before PATH]

For each size, two fresh processes each build the synthetic organisation (that many terms and events) and render
all its feeds with `render_feeds`, as `timeline build` does:
- first build: no previous state; the process then writes the same number of plain VEVENTs with icalendar (UID,
  SUMMARY, DTSTART/DTEND, DTSTAMP, a DESCRIPTION of the same mean length), for the time ratios;
- rebuild: reads the first build's feed state back from JSON, as the next build does, and renders again.
Two processes, so the rebuild's memory does not sit on top of the first build's.

Memory is the resident set (Linux /proc/self/status), in MB:
- org: what building the synthetic organisation added (its own footprint, not the feeds');
- idx: what its first queries add, which any output pays once and every other output shares: the Timeline's
  indexes and cached spans (every office's terms up to the horizon, every event, with their periods);
- render, rebuild: the peak while rendering (the rebuild from reading the state on) above what the process held
  just before: what rendering the feeds needs, its result included (the high-water mark is reset first). On an
  organisation not queried before, render would also pay idx;
- peak: the whole process's peak (Python, libraries, the organisation and the render) as it reads it itself;
- process: the same as the kernel counted it (ru_maxrss of each child, the larger of the two): issue 25's measure,
  target below 400 MB at 100k;
- feeds: the size of the feeds written out, for scale.
state/feeds is the size of the feed state (as the build writes it) against the feeds'. `--before PATH` runs the same
children from another checkout of timeline (a `git worktree` of an older commit) in the same run, one line each.
Issue 12's targets at 100k: render below 600 MB, state below 10% of the feeds. A benchmark: it asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from timeline.core.asof import AsOf
from timeline.render.view import View

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
HORIZON = date(2031, 1, 1)
MB = 1024 * 1024
HEADER = [
    ["", "size", "VEVENTs", "µs/event", "plain", "x/event", "x/byte", "rebuild", "feeds", "org", "idx", "render",
     "rebuild", "peak", "process", "state/feeds"],
    ["", "", "", "", "µs", "", "", "", "MB", "MB", "MB", "MB", "MB", "MB", "MB", ""],
]  # fmt: skip
WIDTHS = [6, 7, 8, 9, 6, 8, 7, 8, 6, 5, 5, 7, 8, 6, 8, 11]


def line(cells: list) -> str:
    """One row of the table: the checkout's name to the left, the figures to the right."""
    return f"{cells[0]:<{WIDTHS[0]}} " + " ".join(f"{c:>{w}}" for c, w in zip(cells[1:], WIDTHS[1:], strict=True))


def memory() -> tuple[float, float]:
    """The process's resident set now and its high-water mark, in MB (0, 0 where /proc is missing)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0.0, 0.0
    found = {k: int(v) / 1024 for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M)}
    return found.get("VmRSS", 0.0), found.get("VmHWM", 0.0)


def reset_peak() -> float:
    """Reset the high-water mark to the current resident set (Linux 4.0+); returns the peak so far."""
    peak = memory()[1]
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return peak


def _organisation(size: int):
    """The synthetic organisation, queried once as every output queries it; its footprint and its indexes', MB."""
    sys.path.insert(0, str(HERE))
    from synthetic_org import synthetic

    gc.collect()
    before = memory()[0]
    tl = synthetic(size, size)
    gc.collect()
    built = memory()[0]
    for office in tl.org.offices:
        for term in tl.terms(office.id, HORIZON):
            _ = term.period
    for event in tl.events():
        _ = event.period
    gc.collect()
    return tl, built - before, memory()[0] - built


def _feed_bytes(feeds) -> int:
    """The feeds' size, from their pieces (joining each feed's text would add its size to the peak)."""
    return sum(len(chunk) for f in feeds for chunk in getattr(f, "chunks", None) or (f.content,))


def first(size: int, state_file: Path) -> dict:
    """The first build: render, write the state for the rebuild, then the plain icalendar baseline."""
    import icalendar

    import timeline
    from timeline.render.ical.feeds import render_feeds

    try:
        from timeline.site.build import dump_state
    except ImportError:  # a checkout from before the compact state wrote it as indented JSON
        from timeline.site.build import dump_json as dump_state

    tl, org_mb, index_mb = _organisation(size)
    held = memory()[0]
    peak = reset_peak()
    start = time.perf_counter()
    feeds, state = render_feeds(View(tl, AsOf(STAMP.date(), HORIZON)), stamp=STAMP)
    seconds = time.perf_counter() - start
    high = memory()[1]
    events, feed_bytes = sum(f.events for f in feeds), _feed_bytes(feeds)
    del feeds  # as in a build, which writes the state once the organisation's feeds are written and let go
    state_text = dump_state(state)
    state_file.write_text(state_text, encoding="utf-8")
    state_bytes = len(state_text.encode())
    del state, state_text
    gc.collect()
    description = "x" * max(1, feed_bytes // max(events, 1) - 200)
    start = time.perf_counter()
    plain = 0
    for i in range(events):
        event = icalendar.Event()
        event.add("UID", f"plain/{i}@bench")
        event.add("SUMMARY", f"Plain event {i}")
        event.add("DTSTART", date(2000 + i % 30, 1, 1))
        event.add("DTEND", date(2000 + i % 30, 1, 2))
        event.add("DTSTAMP", STAMP)
        event.add("DESCRIPTION", description)
        plain += len(event.to_ical())
    baseline = time.perf_counter() - start
    return {
        "code": str(Path(timeline.__file__).parent), "size": size, "events": events, "first_s": seconds,
        "feed_bytes": feed_bytes, "state_bytes": state_bytes, "plain_s": baseline, "plain_bytes": plain,
        "org_mb": org_mb, "index_mb": index_mb, "render_mb": high - held, "peak_mb": max(peak, memory()[1]),
    }  # fmt: skip


def rebuild(size: int, state_file: Path) -> dict:
    """The rebuild: the state read back from JSON (as the next build reads it), then everything rendered again."""
    from timeline.render.ical.feeds import render_feeds

    tl, _, _ = _organisation(size)
    held = memory()[0]
    peak = reset_peak()
    previous = json.loads(state_file.read_text(encoding="utf-8"))
    start = time.perf_counter()
    feeds, _state = render_feeds(View(tl, AsOf(STAMP.date(), HORIZON)), stamp=STAMP, previous=previous)
    seconds = time.perf_counter() - start
    high = memory()[1]
    return {"rebuild_s": seconds, "rebuild_mb": high - held, "peak_mb": max(peak, high), "bytes": _feed_bytes(feeds)}


def child(checkout: Path, *args: str) -> dict:
    """One measuring process; its result, with `process_mb`: its whole peak resident set as the kernel counted it
    (ru_maxrss of the process reaped, Python, libraries and all, whatever the child reset or missed)."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([sys.executable, __file__, *args], stdout=out, stderr=err, text=True, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise SystemExit(f"{checkout}: {' '.join(args)} failed:\n{err.read()}")
        return {**json.loads(out.read()), "process_mb": usage.ru_maxrss / 1024}


def measure(checkout: Path, size: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="timeline-bench-feeds-") as work:
        state = Path(work) / "feed-state.json"
        result = child(checkout, "--first", str(size), "--state", str(state))
        again = child(checkout, "--rebuild", str(size), "--state", str(state))
    if again["bytes"] != result["feed_bytes"]:
        raise SystemExit(f"{checkout}: the rebuild wrote {again['bytes']} bytes, the first {result['feed_bytes']}")
    peaks = {
        "peak_mb": max(result["peak_mb"], again["peak_mb"]),
        "process_mb": max(result["process_mb"], again["process_mb"]),
    }
    return {**result, **again, **peaks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--before", type=Path, help="another checkout of timeline to measure in the same run")
    parser.add_argument("--first", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rebuild", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--state", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first:
        print(json.dumps(first(args.first, args.state)))
        return
    if args.rebuild:
        print(json.dumps(rebuild(args.rebuild, args.state)))
        return
    checkouts = {"now": ROOT, **({"before": args.before.resolve()} if args.before else {})}
    code = {}
    for row in HEADER:
        print(line(row))
    for size in (int(s) for s in args.sizes.split(",")):
        for name, checkout in checkouts.items():
            r = measure(checkout, size)
            code[name] = r["code"]
            per_event, plain_event = r["first_s"] / r["events"], r["plain_s"] / r["events"]
            per_byte, plain_byte = r["first_s"] / r["feed_bytes"], r["plain_s"] / r["plain_bytes"]
            cells = [
                name, r["size"], r["events"], f"{per_event * 1e6:.0f}", f"{plain_event * 1e6:.0f}",
                f"{per_event / plain_event:.2f}", f"{per_byte / plain_byte:.2f}", f"{r['rebuild_s']:.1f}s",
                f"{r['feed_bytes'] / MB:.0f}", f"{r['org_mb']:.0f}", f"{r['index_mb']:.0f}", f"{r['render_mb']:.0f}",
                f"{r['rebuild_mb']:.0f}", f"{r['peak_mb']:.0f}", f"{r['process_mb']:.0f}",
                f"{r['state_bytes'] / r['feed_bytes']:.1%}",
            ]  # fmt: skip
            print(line(cells), flush=True)
    for name, found in code.items():
        print(f"{name}: timeline from {found}")


if __name__ == "__main__":
    main()
