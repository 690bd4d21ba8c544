"""`timeline build` in a fresh process: first build, rebuild with nothing changed, rebuild after one edit.

Run: python benchmarks/bench_build.py [--runs 5] [--sizes 1000,10000] [--before PATH]

On a copy of the bundled data (and, with --sizes, on synthetic organisations of that many terms and events,
written as data folders), each case runs alternately in fresh processes, as the console script runs:
- first build: into an empty output folder (the load cache warm, as after any query);
- rebuild: the same build again, nothing changed (what a scheduled build does most days);
- one org edited: a comment appended to one organisation's events.yaml before each build;
- who-chairs 2025 on the same data, for the ratio the issue quotes (build / who-chairs).
Medians are printed with their ratio to who-chairs. `--before PATH` runs the same cases from another checkout of
timeline (a `git worktree` of an older commit) in the same run, with its own caches, on its own bundled data
(its loader may not read fields the data gained since). Issue 12's target: a build of
the bundled data in at most 0.4 s. A benchmark, not a test: it asserts nothing.
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
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONSOLE = "import sys; sys.argv[0] = 'timeline'; from timeline.cli import main; sys.exit(main())"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"TIMELINE_TODAY": "2026-11-26"}


def run(args: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", CONSOLE, *args], check=True, stdout=subprocess.DEVNULL, env=env, cwd=cwd)
    return time.perf_counter() - start


def synthetic_data(size: int, folder: Path) -> Path:
    sys.path.insert(0, str(HERE))
    from synthetic_org import synthetic, write_folder

    write_folder(synthetic(size, size), folder)
    return folder


def cases(data: Path, out: Path, edited: Path) -> dict[str, tuple[list[str], Callable[[int], None]]]:
    """Each case: the command's arguments and what to do before each run."""
    build = ["build", "--data", str(data), "--out", str(out)]

    def empty(_: int) -> None:
        shutil.rmtree(out, ignore_errors=True)

    def edit(run_number: int) -> None:
        with edited.open("a", encoding="utf-8") as handle:
            handle.write(f"# benchmark edit {run_number}\n")

    return {
        "first build": (build, empty),
        "rebuild, nothing changed": (build, lambda _: None),
        f"rebuild, {edited.parent.name} edited": (build, edit),
        "who-chairs 2025": (["who-chairs", "2025", "--data", str(data)], lambda _: None),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="", help="synthetic organisations' sizes, comma-separated")
    parser.add_argument("--before", type=Path, help="another checkout of timeline to time the same cases from")
    args = parser.parse_args()
    checkouts = {"now": ROOT, **({"before": args.before.resolve()} if args.before else {})}
    for checkout in checkouts.values():
        compileall.compile_dir(checkout / "timeline", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-build-"))
    bundled = {name: shutil.copytree(checkout / "data", work / f"data-{name}") for name, checkout in checkouts.items()}
    datasets = {"bundled data": bundled}  # each checkout builds its own bundled data (its loader reads that)
    edited = {"bundled data": {name: data / "csto" / "events.yaml" for name, data in bundled.items()}}
    for size in [int(s) for s in args.sizes.split(",") if s]:
        folder = synthetic_data(size, work / f"synthetic-{size}")
        label = f"synthetic {size:,} terms + {size:,} events"
        datasets[label] = dict.fromkeys(checkouts, folder)
        edited[label] = dict.fromkeys(checkouts, next(folder.iterdir()) / "events.yaml")
    try:
        for label, data_of in datasets.items():
            print(f"{label}:")
            results: dict[tuple[str, str], list[float]] = {}
            plans = {}
            for name, checkout in checkouts.items():
                env = {**ENV, "PYTHONPATH": str(checkout), "TIMELINE_CACHE": str(work / f"cache-{name}")}
                out = work / f"out-{name}"
                shutil.rmtree(out, ignore_errors=True)
                plans[name] = (env, cases(data_of[name], out, edited[label][name]))
                run(["who-chairs", "2025", "--data", str(data_of[name])], env, work)  # warm the caches once
            for number in range(args.runs):
                for name, (env, planned) in plans.items():
                    for case, (command, before_run) in planned.items():
                        before_run(number)
                        results.setdefault((name, case), []).append(run(command, env, work))
            for name in checkouts:
                base = statistics.median(results[(name, "who-chairs 2025")])
                for case in plans[name][1]:
                    median = statistics.median(results[(name, case)])
                    print(f"  {name:6s} {case:32s} median {median * 1000:8.0f} ms  {median / base:5.1f}x who-chairs")
            if args.before:
                for case in plans["now"][1]:
                    ratio = statistics.median(results[("before", case)]) / statistics.median(results[("now", case)])
                    print(f"  before/now {case:28s} {ratio:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"medians of {args.runs} runs; target: a build of the bundled data in at most 0.4 s")


if __name__ == "__main__":
    main()
