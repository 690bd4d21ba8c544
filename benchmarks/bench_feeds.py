"""Feed rendering against icalendar writing plain VEVENTs, per event and per byte, with peak memory and state size.

Run: python benchmarks/bench_feeds.py [--sizes 1000,10000,100000]
For each size, a fresh process builds the synthetic organisation (that many terms and events) and renders all its
feeds (`render_feeds`, as `timeline build` does, first build then a rebuild against the state), then writes the
same number of plain VEVENTs with icalendar (UID, SUMMARY, DTSTART/DTEND, DTSTAMP, a DESCRIPTION of the same
mean length) in the same process, and reports time per event and per byte, their ratios, the peak resident memory
of the process, and the size of the feed state against the feeds'. A benchmark: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(size: int) -> dict:
    sys.path.insert(0, str(HERE))
    import icalendar
    from synthetic_org import synthetic

    from timeline.render.ical.feeds import render_feeds

    tl = synthetic(size, size)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    start = time.perf_counter()
    feeds, state = render_feeds(tl, horizon=date(2031, 1, 1), stamp=stamp)
    first = time.perf_counter() - start
    start = time.perf_counter()
    render_feeds(tl, horizon=date(2031, 1, 1), stamp=stamp, previous=json.loads(json.dumps(state)))
    again = time.perf_counter() - start
    events = sum(f.events for f in feeds)
    feed_bytes = sum(len(f.content) for f in feeds)
    from timeline.site.build import dump_state

    state_bytes = len(dump_state(state).encode())
    description = "x" * max(1, feed_bytes // max(events, 1) - 200)
    start = time.perf_counter()
    plain = 0
    for i in range(events):
        event = icalendar.Event()
        event.add("UID", f"plain/{i}@bench")
        event.add("SUMMARY", f"Plain event {i}")
        event.add("DTSTART", date(2000 + i % 30, 1, 1))
        event.add("DTEND", date(2000 + i % 30, 1, 2))
        event.add("DTSTAMP", stamp)
        event.add("DESCRIPTION", description)
        plain += len(event.to_ical())
    baseline = time.perf_counter() - start
    return {
        "size": size, "events": events, "first_s": first, "rebuild_s": again, "feed_bytes": feed_bytes,
        "state_bytes": state_bytes, "plain_s": baseline, "plain_bytes": plain,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(f"{'size':>7} {'VEVENTs':>8} {'µs/event':>9} {'plain':>7} {'x/event':>8} {'x/byte':>7} {'rebuild':>8} "
          f"{'peak MB':>8} {'state/feeds':>11}")  # fmt: skip
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout)
        per_event, plain_event = r["first_s"] / r["events"], r["plain_s"] / r["events"]
        per_byte, plain_byte = r["first_s"] / r["feed_bytes"], r["plain_s"] / r["plain_bytes"]
        print(f"{r['size']:>7} {r['events']:>8} {per_event * 1e6:>9.0f} {plain_event * 1e6:>7.0f} "
              f"{per_event / plain_event:>8.2f} {per_byte / plain_byte:>7.2f} {r['rebuild_s']:>7.1f}s "
              f"{r['peak_mb']:>8.0f} {r['state_bytes'] / r['feed_bytes']:>10.0%}")  # fmt: skip


if __name__ == "__main__":
    main()
