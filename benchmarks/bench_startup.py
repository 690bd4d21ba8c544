"""Cold-process start-up: `timeline who-chairs 2025` against `python -c "import typer"`.

Run: python benchmarks/bench_startup.py [--runs 30] [--before PATH]

The commands run alternately in fresh processes, as the console script runs them; the script prints
the medians and their ratios to the baseline (issue 12's target: at most 1.5x). The query runs with
its load cache warm, as it is from the second query on; "first of the day" also has arrow word the
relative phrases ("ended 11 months ago"), as on the day's first query. `--before PATH` adds the same
query run from another checkout of timeline (e.g. a `git worktree` of an older commit), in the same
run, with its own cache folder. A benchmark, not a test: it asserts nothing.

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
import tempfile
import time
from pathlib import Path

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"TIMELINE_TODAY": "2026-11-26"}
CONSOLE = "import sys; sys.argv[0] = 'timeline'; from timeline.cli import main; sys.exit(main())"
"""What the `timeline` console script runs."""
NEUTRAL = tempfile.gettempdir()
"""The children's working folder: `python -c` puts it first on sys.path, so it must hold no checkout."""


def timed(command: list[str], env: dict[str, str], forget: Path | None = None) -> float:
    if forget is not None:
        forget.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=NEUTRAL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--before", type=Path, help="another checkout of timeline to time the same query from")
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    query = [sys.executable, "-c", CONSOLE, "who-chairs", "2025"]
    caches = Path(tempfile.mkdtemp(prefix="timeline-bench-cache-"))
    rows: dict[str, tuple[list[str], dict[str, str], Path | None]] = {
        "timeline who-chairs 2025": (
            query,
            {**ENV, "PYTHONPATH": str(here), "TIMELINE_CACHE": str(caches / "now")},
            None,
        ),
        "  first query of the day": (
            query,
            {**ENV, "PYTHONPATH": str(here), "TIMELINE_CACHE": str(caches / "now")},
            caches / "now" / "phrases.json",
        ),
        "python -c 'import typer'": ([sys.executable, "-c", "import typer"], ENV, None),
    }
    if args.before:
        before = {**ENV, "PYTHONPATH": str(args.before.resolve()), "TIMELINE_CACHE": str(caches / "before")}
        rows[f"the same, from {args.before}"] = (query, before, None)
    for checkout in {here, args.before or here}:
        compileall.compile_dir(checkout / "timeline", quiet=1)
    for command, env, _ in rows.values():  # warm the OS file cache and the load caches once
        timed(command, env)
    samples: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(args.runs):
        for name, (command, env, forget) in rows.items():
            samples[name].append(timed(command, env, forget))
    shutil.rmtree(caches, ignore_errors=True)
    baseline = statistics.median(samples["python -c 'import typer'"])
    print(f"runs: {args.runs} each, alternating")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:40s}: median {median * 1000:6.1f} ms  {median / baseline:.2f}x")
    query_ratio = statistics.median(samples["timeline who-chairs 2025"]) / baseline
    print(f"ratio: {query_ratio:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
