"""Cold-process start-up: `timeline who-chairs 2025` against `python -c "import typer"`, as organisations are added.

Run: python benchmarks/bench_startup.py [--runs 20] [--sizes 6,22,300] [--before PATH]

Each query runs in a fresh process, as the console script runs it, alternating with the yardstick
(`import typer`) in the same run; the script prints medians, the ratio to the yardstick (issue 25's target: at
most 1.5x with 22 organisations) and each process's peak memory (its maximum resident set, whole process).
The data sets: the bundled data (its Russian answer too, issue 13: within 1.3x of English), then 6, 22 and 300
synthetic organisations (benchmarks/synthetic_org.py, small ones), each asked about all its organisations and
about one (`--org`: what a query about one organisation costs should not grow with the others). The queries
run with their caches warm, as from the second query on: the same question asked again is answered from the
answers cache (timeline.cli.answers), without typer or the model. "nothing answered yet" forgets the answers
before each run, so it times the full path (the load cache and the day's phrases warm), which keeps its answers;
"first query of the day" forgets the day's phrases (and Babel's): arrow words them again. `--before PATH`
adds the same queries (the bundled data's in English, and every data set's with and without `--org`) run from
another checkout of timeline (e.g. a `git worktree` of an older commit), with its own cache folders. A benchmark,
not a test: it asserts nothing.

The package is byte-compiled first and PYTHONDONTWRITEBYTECODE is dropped for the children, as in a regular
`pip install` (which compiles); otherwise an editable checkout re-compiles every module at every start while
typer, installed normally, does not.
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
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
YARDSTICK = "python -c 'import typer'"

Row = tuple[list[str], dict[str, str], Path | None]


def run(command: list[str], env: dict[str, str], forget: Path | None = None) -> tuple[float, int]:
    """Seconds the command took and its peak memory in bytes (the whole process's maximum resident set)."""
    if forget is not None and forget.is_dir():
        shutil.rmtree(forget)
    elif forget is not None:
        forget.unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env, cwd=NEUTRAL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return elapsed, usage.ru_maxrss * 1024  # kilobytes on Linux


def synthetic_data(folder: Path, count: int) -> Path:
    """`count` small synthetic organisations (syn0, syn1, ...) as a data folder."""
    sys.path.insert(0, str(Path(__file__).parent))
    import synthetic_org

    synthetic_org.PEOPLE = 60  # a few heads of delegation per state, as in the bundled data
    data = folder / f"synthetic-{count}"
    template = synthetic_org.synthetic(terms=150, events=60)
    for i in range(count):
        org = dataclasses.replace(template.org, id=f"syn{i}", name=f"Synthetic Organisation {i}", short=f"SYN{i}")
        synthetic_org.write_folder(synthetic_org.Timeline(org), data)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sizes", default="6,22,300", help="numbers of synthetic organisations, comma-separated")
    parser.add_argument("--before", type=Path, help="another checkout of timeline to time the same query from")
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    query = [sys.executable, "-c", CONSOLE, "who-chairs", "2025"]
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-startup-"))
    caches = work / "caches"
    now = {**ENV, "PYTHONPATH": str(here), "TIMELINE_CACHE": str(caches / "now")}
    rows: dict[str, Row] = {
        "bundled data: who-chairs 2025": (query, now, None),
        "  nothing answered yet (the full path)": (
            query,
            {**now, "TIMELINE_CACHE": str(caches / "full")},
            caches / "full" / "answers",
        ),
        "  first query of the day": (query, now, caches / "now" / "phrases.json"),
        "  --org csto": ([*query, "--org", "csto"], now, None),
        "  --lang ru": ([*query, "--lang", "ru"], {**now, "TIMELINE_CACHE": str(caches / "ru")}, None),
        "  --lang ru, nothing kept (Babel, arrow)": (
            [*query, "--lang", "ru"],
            {**now, "TIMELINE_CACHE": str(caches / "ru-cold")},
            caches / "ru-cold" / "phrases.json",
        ),
    }
    if args.before:
        before = {**ENV, "PYTHONPATH": str(args.before.resolve()), "TIMELINE_CACHE": str(caches / "before")}
        rows[f"  the same, from {args.before}"] = (query, before, None)
        rows["  --org csto, from before"] = ([*query, "--org", "csto"], before, None)
    for count in [int(size) for size in args.sizes.split(",") if size.strip()]:
        print(f"writing {count} synthetic organisations ...", flush=True)
        data = synthetic_data(work, count)
        own = {**now, "TIMELINE_CACHE": str(caches / data.name)}  # one cache keeps one folder's syn0, not three
        rows[f"{count} synthetic: who-chairs 2025"] = ([*query, "--data", str(data)], own, None)
        rows[f"  --org syn0 (one of {count})"] = ([*query, "--data", str(data), "--org", "syn0"], own, None)
        if args.before:
            then = {**before, "TIMELINE_CACHE": str(caches / f"before-{data.name}")}
            rows[f"  all {count}, from before"] = ([*query, "--data", str(data)], then, None)
            rows[f"  --org syn0 (one of {count}), from before"] = (
                [*query, "--data", str(data), "--org", "syn0"],
                then,
                None,
            )
    for checkout in {here, args.before or here}:
        compileall.compile_dir(checkout / "timeline", quiet=1)
    yardstick: Row = ([sys.executable, "-c", "import typer"], ENV, None)
    for command, env, _ in [*rows.values(), yardstick]:  # warm the OS file cache and the load caches once
        run(command, env)
    times: dict[str, list[float]] = {name: [] for name in [*rows, YARDSTICK]}
    ratios: dict[str, list[float]] = {name: [] for name in rows}
    memory: dict[str, int] = {}
    for _ in range(args.runs):
        for name, (command, env, forget) in rows.items():  # each query paired with a yardstick run beside it
            base, base_memory = run(*yardstick)
            took, peak = run(command, env, forget)
            times[YARDSTICK].append(base)
            times[name].append(took)
            ratios[name].append(took / base)
            memory[name], memory[YARDSTICK] = max(memory.get(name, 0), peak), max(memory.get(YARDSTICK, 0), base_memory)
    shutil.rmtree(work, ignore_errors=True)
    print(f"runs: {args.runs} pairs each (the query, then `import typer`), medians; peak memory of the whole process")
    base = statistics.median(times[YARDSTICK])
    print(f"{YARDSTICK:42s}: {base * 1000:6.1f} ms          {memory[YARDSTICK] >> 20:4d} MB")
    for name in rows:
        median, ratio = statistics.median(times[name]), statistics.median(ratios[name])
        print(f"{name:42s}: {median * 1000:6.1f} ms  {ratio:5.2f}x  {memory[name] >> 20:4d} MB")
    english = statistics.median(times["bundled data: who-chairs 2025"])
    russian = statistics.median(times["  --lang ru"])
    print(
        f"ratio, bundled data: {statistics.median(ratios['bundled data: who-chairs 2025']):.2f}x (target <= 1.5x); "
        f"Russian / English: {russian / english:.2f}x (<= 1.3x)"
    )


if __name__ == "__main__":
    main()
