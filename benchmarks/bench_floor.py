"""The floor under issue 25's rebuild target: what importing the code a rebuild after a fact changed runs costs,
before any of it works, against `python -c "import typer"`.

Run: python benchmarks/bench_floor.py [--runs 10]

The script builds a copy of the bundled data once, moves the CSTO's first event by a day (bench_build's "date moved"
edit) and rebuilds it with `python -X importtime`, which names every module that rebuild imports. It then times, in
fresh processes, alternating with the yardstick: a process that imports those modules and does nothing else, and
the same rebuild after the next move. The first ratio is the least a cold rebuild after a fact changed can cost with
this code; the second is what it costs (issue 25's target: <= 4x). It also
prints how much of those imports is the standard library's dataclasses writing each class's methods (`exec` of
generated source, about 0.4 ms a class on Python 3.11), counted in one more fresh process. A benchmark, not a test:
it asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from bench_build import CONSOLE, ENV, YARDSTICK, move_first_event, run  # noqa: E402

COUNTED = """
import dataclasses, sys, time
made, spent, original = [0], [0.0], dataclasses._process_class
def counting(*args, **kwargs):
    start = time.perf_counter()
    try:
        return original(*args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - start
        made[0] += 1
dataclasses._process_class = counting
start = time.perf_counter()
{imports}
print(made[0], spent[0], time.perf_counter() - start)
"""


def imported_modules(build: list[str], data: Path, env: dict[str, str]) -> list[str]:
    """The top-level imports (in order) of `build` (of `data`) run again after a fact changed."""
    subprocess.run(build, env=env, check=True, capture_output=True)
    move_first_event(data / "csto" / "events.yaml")
    traced = subprocess.run([sys.executable, "-X", "importtime", *build[1:]], env=env, check=True, capture_output=True)
    names = []
    for line in traced.stderr.decode().splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and not parts[2].startswith("  "):
            name = parts[2].strip()
            if all(part.isidentifier() for part in name.split(".")):  # not the header line
                names.append(name)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-floor-"))
    env = {**ENV, "PYTHONPATH": str(ROOT), "TIMELINE_CACHE": str(work / "cache")}
    try:
        data = shutil.copytree(ROOT / "data", work / "data")
        build = [sys.executable, "-c", CONSOLE, "build", "--data", str(data), "--out", str(work / "out")]
        names = imported_modules(build, data, env)
        imports = "\n".join(f"try:\n    import {name}\nexcept ImportError:\n    pass" for name in names)
        floor = [sys.executable, "-c", imports]
        yardstick, alone, ratios, rebuilt, rebuilt_ratios = [], [], [], [], []
        for _ in range(args.runs):
            (base, _), (took, _) = run(YARDSTICK, env, work), run(floor, env, work)
            move_first_event(data / "csto" / "events.yaml")
            whole, _ = run(build, env, work)
            yardstick.append(base)
            alone.append(took)
            ratios.append(took / base)
            rebuilt.append(whole)
            rebuilt_ratios.append(whole / base)
        counted = subprocess.run(
            [sys.executable, "-c", COUNTED.format(imports=imports)], env=env, check=True, capture_output=True, text=True
        )
        made, spent, total = counted.stdout.split()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"runs: {args.runs}, alternating with `import typer`; medians")
    print(f"  import typer: {statistics.median(yardstick) * 1000:.1f} ms")
    print(
        f"  the {len(names)} imports of a rebuild after a fact changed: {statistics.median(alone) * 1000:.1f} ms,"
        f" {statistics.median(ratios):.2f}x import typer"
    )
    print(
        f"  of which dataclasses writing the methods of {made} classes: {float(spent) * 1000:.1f} ms"
        f" of {float(total) * 1000:.1f} ms of imports (in one process)"
    )
    print(
        f"  the rebuild itself: {statistics.median(rebuilt) * 1000:.1f} ms,"
        f" {statistics.median(rebuilt_ratios):.2f}x import typer (issue 25's target: <= 4x)"
    )


if __name__ == "__main__":
    main()
