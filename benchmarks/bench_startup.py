"""Cold-process start-up: `timeline who-chairs 2025` against `python -c "import typer"`.

Run: python benchmarks/bench_startup.py [--runs 30]
Both commands run alternately in fresh processes; the script prints the medians and their ratio
(the target is at most 2.5x). A benchmark, not a test: it asserts nothing.

The package is byte-compiled first and PYTHONDONTWRITEBYTECODE is dropped for the children, as
in a regular `pip install` (which compiles); otherwise an editable checkout re-compiles every
module at every start while typer, installed normally, does not.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"TIMELINE_TODAY": "2026-11-26"}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    import timeline

    compileall.compile_dir(os.path.dirname(timeline.__file__), quiet=1)
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
