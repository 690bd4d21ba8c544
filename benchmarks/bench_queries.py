"""Queries on a large organisation: who holds an office on a day, and what happens in a year, against a scan.

Run: python benchmarks/bench_queries.py [--terms 100000 --events 100000 --queries 2000]
Builds the synthetic organisation in memory, then times `Timeline.holders(office, day)` and `Timeline.events(year)`
on random days and years (first call excluded: it builds the index) against the same answers by a plain scan of
every term or event, in the same run, and prints microseconds per query and the ratio. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_org import synthetic

from timeline.core.dates import PartialDate


def per_query(calls: list, run) -> float:
    start = time.perf_counter()
    for args in calls:
        run(*args)
    return (time.perf_counter() - start) / len(calls) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    args = parser.parse_args()
    tl = synthetic(args.terms, args.events)
    rng = random.Random(7)
    offices = [o.id for o in tl.org.offices if o.member is None and o.id != "chair"]
    days = [
        (rng.choice(offices), date(1950, 1, 1) + timedelta(days=rng.randrange(29_000))) for _ in range(args.queries)
    ]
    tl.holders(offices[0], days[0][1])
    for office in offices:
        tl.holders(office, days[0][1])  # build each office's index once, as a long-running process would
    by_office = {o: tl.terms(o) for o in offices}
    indexed = per_query(days, tl.holders)
    scan = per_query(days, lambda o, d: [t for t in by_office[o] if t.period.contains(d)])
    print(f"holders(office, day), {len(tl.org.terms)} terms: {indexed:.1f} µs indexed, {scan:.1f} µs scan "
          f"({scan / indexed:.0f}x)")  # fmt: skip
    years = [(str(rng.randrange(1950, 2030)),) for _ in range(args.queries // 10)]
    tl.events(years[0][0])
    indexed = per_query(years, tl.events)
    events = tl.org.events

    def scanned(year: str) -> list:
        span = PartialDate.parse(year).span
        return sorted((e for e in events if e.period.overlaps(span)), key=lambda e: (e.date.sort_key(), e.id))

    scan = per_query(years, scanned)
    found = sum(len(tl.events(y)) for (y,) in years) / len(years)
    print(f"events(year), {len(events)} events (~{found:.0f} a year): {indexed / 1000:.2f} ms indexed, "
          f"{scan / 1000:.2f} ms scan ({scan / indexed:.0f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
