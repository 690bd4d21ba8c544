"""Cold-process start-up: `timeline who-chairs 2025` against `python -c "import typer"`.

Run: python benchmarks/bench_startup.py [--runs 30]
Both commands run alternately in fresh processes; the script prints the medians and their ratio
(the target is at most 2.5x). A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "TIMELINE_TODAY": "2026-11-26"})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("timeline")
    query = [script, "who-chairs", "2025"] if script else [sys.executable, "-m", "timeline", "who-chairs", "2025"]
    baseline = [sys.executable, "-c", "import typer"]
    for command in (query, baseline):  # warm the OS file cache once
        timed(command)
    samples: dict[str, list[float]] = {"query": [], "baseline": []}
    for _ in range(args.runs):
        samples["query"].append(timed(query))
        samples["baseline"].append(timed(baseline))
    q, b = statistics.median(samples["query"]), statistics.median(samples["baseline"])
    print(f"runs: {args.runs} each, alternating")
    print(f"timeline who-chairs 2025 : median {q * 1000:.1f} ms")
    print(f"python -c 'import typer' : median {b * 1000:.1f} ms")
    print(f"ratio: {q / b:.2f}x (target <= 2.5x)")


if __name__ == "__main__":
    main()
