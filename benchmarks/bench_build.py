"""`timeline build` in a fresh process against `python -c "import typer"`: first build, nothing changed, one edit.

Run: python benchmarks/bench_build.py [--runs 5] [--orgs 6,22,300] [--sizes 1000,10000] [--before PATH]

Each case runs in a fresh process, as the console script runs, paired with the yardstick (`import typer`) run
beside it; the script prints the medians, the median of the pair ratios and each case's peak memory (the whole
process's maximum resident set). The cases (issue 25's targets with 22 organisations in brackets):
- first build: into an empty output folder, the load cache warm, as after any query (<= 10x);
- rebuild, nothing changed: what a scheduled build does most days (<= 2x);
- rebuild after one edit: a comment appended to one organisation's events.yaml (the CSTO's) before each build
  (<= 4x); it changes no fact, so the parts keyed on the model (site.reuse) are all reused;
- rebuild after a date moved: the first event's day in that file moved by one, a fact changed (the edited
  organisation's part and the landing pages are rendered again; no chair term changed, so the feed of every
  chairmanship and the overview are reused: site.chair_files). bench_watch.py times the same edit rebuilt in a
  warm process, as `timeline serve --watch` rebuilds.
The data sets: the bundled data (22 organisations, English and Russian), then `--orgs` counts of small synthetic
organisations (as in bench_startup), then `--sizes`: one synthetic organisation of that many terms and events.
`--before PATH` runs the same cases from another checkout of timeline (`git archive <commit> timeline data` into
PATH) in the same run, with its own caches and its own bundled data. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
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
YARDSTICK = [sys.executable, "-c", "import typer"]


def run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """Seconds the command took and its peak memory in bytes (the whole process's maximum resident set)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(command)} exited {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss * 1024  # kilobytes on Linux


def synthetic_one(size: int, folder: Path) -> Path:
    """One synthetic organisation of `size` terms and `size` events, as a data folder."""
    sys.path.insert(0, str(HERE))
    from synthetic_org import synthetic, write_folder

    write_folder(synthetic(size, size), folder)
    return folder


def synthetic_many(count: int, folder: Path) -> Path:
    """`count` small synthetic organisations (as bench_startup writes them)."""
    sys.path.insert(0, str(HERE))
    from bench_startup import synthetic_data

    return synthetic_data(folder, count)


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
        f"rebuild, {edited.parent.name} date moved": (build, lambda _: move_first_event(edited)),
    }


def move_first_event(events: Path) -> None:
    """A fact changed: the first event's day in `events` moved by one, within its month (a comment alone renders
    nothing again)."""
    text = events.read_text(encoding="utf-8")
    found = re.search(r"date: ('?\d{4}-\d\d)-(\d\d)\b", text)
    if found is None:
        raise SystemExit(f"no event date in {events}")
    moved = f"date: {found[1]}-{int(found[2]) % 27 + 1:02d}"
    events.write_text(text[: found.start()] + moved + text[found.end() :], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--orgs", default="", help="numbers of small synthetic organisations, comma-separated")
    parser.add_argument("--sizes", default="", help="one synthetic organisation's sizes, comma-separated")
    parser.add_argument("--before", type=Path, help="another checkout of timeline to time the same cases from")
    parser.add_argument("--no-bundled", action="store_true", help="only the synthetic data sets")
    args = parser.parse_args()
    checkouts = {"now": ROOT, **({"before": args.before.resolve()} if args.before else {})}
    for checkout in checkouts.values():
        compileall.compile_dir(checkout / "timeline", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-build-"))
    datasets: dict[str, dict[str, Path]] = {}
    edited: dict[str, dict[str, Path]] = {}
    if not args.no_bundled:
        bundled = {name: shutil.copytree(c / "data", work / f"data-{name}") for name, c in checkouts.items()}
        datasets["bundled data"] = bundled  # each checkout builds its own bundled data (its loader reads that)
        edited["bundled data"] = {name: data / "csto" / "events.yaml" for name, data in bundled.items()}
    for count in [int(s) for s in args.orgs.split(",") if s]:
        print(f"writing {count} synthetic organisations ...", flush=True)
        folder = synthetic_many(count, work)
        label = f"{count} synthetic organisations"
        datasets[label] = dict.fromkeys(checkouts, folder)
        edited[label] = dict.fromkeys(checkouts, folder / "syn0" / "events.yaml")
    for size in [int(s) for s in args.sizes.split(",") if s]:
        folder = synthetic_one(size, work / f"synthetic-{size}")
        label = f"synthetic {size:,} terms + {size:,} events"
        datasets[label] = dict.fromkeys(checkouts, folder)
        edited[label] = dict.fromkeys(checkouts, next(folder.iterdir()) / "events.yaml")
    print(f"runs: {args.runs}, each paired with `import typer`; medians; peak memory of the whole process")
    try:
        for label, data_of in datasets.items():
            print(f"{label}:", flush=True)
            times: dict[tuple[str, str], list[float]] = {}
            ratios: dict[tuple[str, str], list[float]] = {}
            memory: dict[tuple[str, str], int] = {}
            plans = {}
            for name, checkout in checkouts.items():
                env = {**ENV, "PYTHONPATH": str(checkout), "TIMELINE_CACHE": str(work / f"cache-{name}-{label}")}
                out = work / f"out-{name}"
                shutil.rmtree(out, ignore_errors=True)
                plans[name] = (env, cases(data_of[name], out, edited[label][name]))
                console = [sys.executable, "-c", CONSOLE]
                run([*console, "who-chairs", "2025", "--data", str(data_of[name])], env, work)  # warm the caches
            for number in range(args.runs):
                for name, (env, planned) in plans.items():
                    for case, (command, before_run) in planned.items():
                        before_run(number)
                        base, _ = run(YARDSTICK, ENV, work)
                        took, peak = run([sys.executable, "-c", CONSOLE, *command], env, work)
                        times.setdefault((name, case), []).append(took)
                        ratios.setdefault((name, case), []).append(took / base)
                        memory[(name, case)] = max(memory.get((name, case), 0), peak)
            for name in checkouts:
                for case in plans[name][1]:
                    median, ratio = statistics.median(times[(name, case)]), statistics.median(ratios[(name, case)])
                    print(
                        f"  {name:6s} {case:34s} {median * 1000:7.0f} ms  {ratio:6.2f}x import typer"
                        f"  {memory[(name, case)] >> 20:5d} MB"
                    )
            if args.before:
                for case in plans["now"][1]:
                    ratio = statistics.median(times[("before", case)]) / statistics.median(times[("now", case)])
                    print(f"  before/now {case:30s} {ratio:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("targets with 22 organisations: first build <= 10x, nothing changed <= 2x, one edit <= 4x")


if __name__ == "__main__":
    main()
