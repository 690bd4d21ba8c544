"""A rebuild after a fact changed in a warm process, as `timeline serve --watch` rebuilds, against
`python -c "import typer"`.

Run: python benchmarks/bench_watch.py [--runs 12]

One process copies the bundled data into a temporary folder and builds it once; then, `--runs` times, it moves the
CSTO's first event by a day and rebuilds in the same process (site.build.build_site within the command line's kept
words, as the server's watcher calls it, with the same build day as bench_build), the yardstick run in a fresh
process beside each rebuild. It prints the median rebuild and the median of the pair ratios; the same edit in a
fresh process (`timeline build`) is bench_build's "date moved" case. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YARDSTICK = [sys.executable, "-c", "import typer"]
DAY = date(2026, 11, 26)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-watch-"))
    os.environ["TIMELINE_CACHE"] = str(work / "cache")
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    from bench_build import move_first_event

    from timeline.cli.phrases import kept
    from timeline.site.build import build_site

    try:
        data, out = shutil.copytree(ROOT / "data", work / "data"), work / "out"
        times, ratios = [], []
        with kept():
            build_site(data, out, DAY)
            for _ in range(args.runs):
                move_first_event(data / "csto" / "events.yaml")
                start = time.perf_counter()
                build_site(data, out, DAY)
                took = time.perf_counter() - start
                start = time.perf_counter()
                subprocess.run(YARDSTICK, check=True)
                base = time.perf_counter() - start
                times.append(took)
                ratios.append(took / base)
        print(f"runs: {args.runs}, each paired with `import typer`; medians")
        print(
            f"bundled data, a warm process, rebuild after the CSTO's first event moved: "
            f"{statistics.median(times) * 1000:.0f} ms, {statistics.median(ratios):.2f}x import typer"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
