"""Stress `timeline build` on one output folder: concurrent builds, and builds killed with SIGKILL.

Run: python scripts/stress_builds.py [--concurrent 16] [--kills 3] [--random-kills 40] [--adoptions 2] [--seed 1]

Every build runs the fixture data with one event's title changed to a marker of its own
("Meeting marker-00007"), which lands in the landing page, the pages, the feeds, the JSON, the CSV
and the feed states. So every file says which build wrote it, and every build changes one event.

- Concurrent: one build, then N builds of N different markers started at once. Each must see what
  the one before it published, so that event's SEQUENCE ends at N in every feed that has it (and
  every other event at 0); a lost increment shows as less.
- Killed: builds killed with SIGKILL at each step of publishing (TIMELINE_TEST_KILL_AT, `--kills`
  rounds over every step) and after random delays (`--random-kills`), alternately adding and
  removing a second organisation so that top-level links come and go, while a reader thread keeps
  reading the site. After each kill the site must be wholly one build's: the one before, or the
  killed one if it got past the swap; the next build must clean up and succeed, and the SEQUENCE must
  count exactly the builds that were published.
- Adoption: a site published file by file (before versions) whose first versioned build is killed at
  each step of adopting it: the site stays the old one, whole, and the next build finishes the job.

The reader reads in three ways: pinned (opens output/.timeline/current once and reads every file
below it: must be one build), locked (holds output/.timeline/lock shared, as `flock -s` does, and
reads through output/: must be one build), and plain (each file through output/: each file must be
whole, but a pass may straddle a publish, which is counted, not a failure).

tests/test_publish_stress.py runs these functions at a small size. The random delays live here; the
checks are on what was published, never on how long anything took.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "data"
TITLE = "Ministers' meeting in Berlin"
UID = "event/berlin-summer-2024@testorg.timeline"
MARKER = re.compile(rb"marker-(\d{5})")
HOME, CURRENT, LOCK = ".timeline", "current", "lock"
STEPS = ["locked", "rendered", "recovered", "file", "file:9", "written", "link", "swapped", "unlink", "pruned"]
"""Every checkpoint of a build (timeline.site.publish.checkpoint); `file:9` is the ninth file written."""
ADOPTION_STEPS = ["adopt-version", "adopt-current", "adopt-link", "adopt-link:3"]


def variant(workdir: Path, number: int, other: bool = False) -> Path:
    """A copy of the fixture data whose Berlin meeting is titled with `number`'s marker; with `other`, a second
    organisation too (a copy under another id), so that the site's top-level entries change."""
    data = workdir / f"data-{number:05d}"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(FIXTURE, data)
    events = data / "testorg" / "events.yaml"
    events.write_text(events.read_text("utf-8").replace(TITLE, f"Meeting marker-{number:05d}"), "utf-8")
    if other:
        shutil.copytree(data / "testorg", data / "other")
    return data


def environment(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "TIMELINE_TEST_KILL_AT")}
    return env | {"TIMELINE_TODAY": "2024-06-01", "TIMELINE_CACHE": str(workdir / "cache")}


def command(data: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "timeline", "build", "--data", str(data), "--out", str(out)]


def build(workdir: Path, data: Path, out: Path) -> None:
    """A build that must succeed (and not hang on a lock a killed build held)."""
    done = subprocess.run(command(data, out), env=environment(workdir), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise AssertionError(f"build of {data.name} failed ({done.returncode}): {done.stderr}")


def markers(content: bytes) -> set[int]:
    """The markers in a file, its folded lines (feeds, and feeds quoted in JSON) unfolded first."""
    return {int(m) for m in MARKER.findall(content.replace(b"\r\n ", b"").replace(b"\\r\\n ", b""))}


def whole(path: str, content: bytes) -> bool:
    """Whether a file read is complete (not cut off): how each kind of file ends."""
    if path.endswith(".ics"):
        return content.endswith(b"END:VCALENDAR\r\n")
    if path.endswith(".html"):
        return content.endswith(b"</html>\n")
    if path.endswith(".json"):
        try:
            json.loads(content)
        except ValueError:
            return False
    return bool(content)


def visible(out: Path) -> dict[str, bytes]:
    """What a web server shows: every file through output/ (symlinks followed), hidden ones left out."""
    found = {}
    for root, dirs, files in os.walk(out, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(root) / name
                try:
                    found[path.relative_to(out).as_posix()] = path.read_bytes()
                except FileNotFoundError:  # removed between the listing and the read
                    continue
    return found


def sequences(feed: bytes) -> dict[str, int]:
    """UID -> SEQUENCE of every VEVENT of a feed."""
    text = feed.replace(b"\r\n ", b"").decode("utf-8")
    found = {}
    for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", text, re.S):
        uid = re.search(r"^UID:(.*?)\r?$", block, re.M).group(1)
        sequence = re.search(r"^SEQUENCE:(\d+)", block, re.M)
        found[uid] = int(sequence.group(1)) if sequence else 0
    return found


@dataclass
class Reading:
    """What the reader thread saw."""

    pinned: int = 0
    locked: int = 0
    plain: int = 0
    files: int = 0
    vanished: int = 0
    straddled: int = 0
    problems: list[str] = field(default_factory=list)


class Reader(threading.Thread):
    """Reads the site over and over, pinned, locked and plain, until stopped; `once()` reads it once each way."""

    def __init__(self, out: Path) -> None:
        super().__init__(name="site-reader", daemon=True)
        self.out, self.seen = out, Reading()
        self._halt = threading.Event()
        self._lock = threading.Lock()

    def run(self) -> None:
        while not self._halt.is_set():
            self.once()
            time.sleep(0.002)

    def stop(self) -> Reading:
        self._halt.set()
        self.join()
        return self.seen

    def once(self) -> None:
        with self._lock:
            self._pinned()
            self._locked()
            self._plain()

    def _one_build(self, how: str, files: dict[str, bytes]) -> None:
        """Every file of a pass whole, and every marker in it the same."""
        found = set()
        for path, content in files.items():
            self.seen.files += 1
            if not whole(path, content):
                self.seen.problems.append(f"{how} read: {path} is not whole ({len(content)} bytes)")
            found |= markers(content)
        if len(found) > 1:
            self.seen.problems.append(f"{how} read saw a mix of builds {sorted(found)}")

    def _pinned(self) -> None:
        try:
            fd = os.open(self.out / HOME / CURRENT, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except FileNotFoundError:
            return
        try:
            files = {}
            for root, _dirs, names, root_fd in os.fwalk(".", dir_fd=fd):
                for name in names:
                    if name.startswith("."):
                        continue
                    handle = os.open(name, os.O_RDONLY, dir_fd=root_fd)
                    with os.fdopen(handle, "rb") as stream:
                        files[os.path.normpath(os.path.join(root, name))] = stream.read()
        except FileNotFoundError:  # two more builds published and removed this version meanwhile
            self.seen.vanished += 1
            return
        finally:
            os.close(fd)
        self.seen.pinned += 1
        self._one_build("pinned", files)

    def _locked(self) -> None:
        import fcntl

        lock = self.out / HOME / LOCK
        if not lock.exists():
            return
        with lock.open("rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)
            files = visible(self.out)
        self.seen.locked += 1
        self._one_build("locked", files)

    def _plain(self) -> None:
        files = visible(self.out)
        self.seen.plain += 1
        found = set()
        for path, content in files.items():
            self.seen.files += 1
            if not whole(path, content) or len(markers(content)) > 1:
                self.seen.problems.append(f"plain read: {path} is not whole, or not one build's")
            found |= markers(content)
        self.seen.straddled += len(found) > 1


@dataclass
class Concurrent:
    builds: int
    sequence: int = -1
    problems: list[str] = field(default_factory=list)


def concurrent_builds(workdir: Path, builds: int) -> Concurrent:
    """One build, then `builds` builds of distinct markers into the same folder at once."""
    out, result = workdir / "out-concurrent", Concurrent(builds)
    build(workdir, variant(workdir, 0), out)
    datas = [variant(workdir, number) for number in range(1, builds + 1)]
    env = environment(workdir)
    running = [
        subprocess.Popen(command(d, out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for d in datas
    ]
    for process in running:
        _, stderr = process.communicate(timeout=600)
        if process.returncode != 0:
            result.problems.append(f"a concurrent build failed ({process.returncode}): {stderr.decode()}")
    site = visible(out)
    for path, content in site.items():
        if path.endswith(".ics"):
            for uid, sequence in sequences(content).items():
                changed = uid in (UID, f"ru/{UID}")  # the Russian feeds carry the same event under its own UID
                expected = builds if changed else 0
                if changed:
                    result.sequence = sequence
                if sequence != expected:
                    result.problems.append(f"{path}: {uid} has SEQUENCE {sequence}, expected {expected}")
    state = json.loads(site["testorg/feed-state.json"])
    stored = state["events"].get(UID)  # "hash SEQUENCE CREATED[ LAST-MODIFIED]" (feed state version 4)
    recorded = int(stored.split(" ")[1]) if isinstance(stored, str) else None
    if recorded != builds:
        result.problems.append(f"feed-state.json records SEQUENCE {recorded} for {UID}, expected {builds}")
    live = set().union(*(markers(content) for content in site.values()))
    if len(live) != 1 or not live <= set(range(1, builds + 1)):
        result.problems.append(f"the site after the concurrent builds carries markers {sorted(live)}")
    return result


@dataclass
class Killed:
    attempts: int = 0
    killed: int = 0
    published: int = 0
    steps: dict[str, int] = field(default_factory=dict)
    build_seconds: float = 0.0
    reading: Reading = field(default_factory=Reading)
    problems: list[str] = field(default_factory=list)


class KillRun:
    """Builds of one output folder, each of a new marker, killed at a step or after a delay."""

    def __init__(self, workdir: Path, seed: int) -> None:
        self.workdir, self.out = workdir, workdir / "out-killed"
        self.random = random.Random(seed)
        self.result = Killed()
        self.number = 100
        self.live, self.live_other, self.changes = 100, False, 0
        started = time.perf_counter()
        build(workdir, variant(workdir, self.number), self.out)
        self.result.build_seconds = time.perf_counter() - started

    def next_data(self, other: bool) -> tuple[int, Path]:
        self.number += 1
        return self.number, variant(self.workdir, self.number, other)

    def publish(self, other: bool) -> None:
        """A build that must succeed."""
        number, data = self.next_data(other)
        build(self.workdir, data, self.out)
        self.after(number, other, published=True)

    def attempt(self, step: str | None, delay: float | None = None, other: bool | None = None) -> None:
        """A build killed at `step` (TIMELINE_TEST_KILL_AT) or after `delay` seconds, then the site checked."""
        other = (not self.live_other) if other is None else other
        number, data = self.next_data(other)
        env = environment(self.workdir) | ({"TIMELINE_TEST_KILL_AT": step} if step else {})
        process = subprocess.Popen(command(data, self.out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if delay is not None:
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate(timeout=300)
        self.result.attempts += 1
        if process.returncode == -signal.SIGKILL:
            self.result.killed += 1
            if step:
                self.result.steps[step] = self.result.steps.get(step, 0) + 1
        elif process.returncode != 0:
            self.result.problems.append(f"build {number} failed ({process.returncode}): {stderr.decode()}")
        self.after(number, other)

    def after(self, number: int, other: bool, published: bool = False) -> None:
        """The site is wholly one build's: the live one, or `number`'s when it was published."""
        site = visible(self.out)
        found = set().union(*(markers(content) for content in site.values()))
        if found == {number}:
            self.live, self.live_other = number, other
            self.changes += 1
            self.result.published += 1
        elif found != {self.live} or published:
            self.result.problems.append(f"after build {number}: markers {sorted(found)}, live was {self.live}")
        current = self.out / HOME / CURRENT
        listed = json.loads((current / ".manifest.json").read_text("utf-8"))["files"]
        if sorted(site) != sorted(listed):
            extra, missing = sorted(set(site) - set(listed)), sorted(set(listed) - set(site))
            self.result.problems.append(f"after build {number}: shows {extra} too, lacks {missing}")
        if any(not whole(path, content) for path, content in site.items()):
            self.result.problems.append(f"after build {number}: a file is cut off")

    def leftovers(self) -> list[str]:
        """What a finished build must not leave: versions beyond the current and the previous, temp names."""
        home = self.out / HOME
        versions = [p.name for p in home.iterdir() if p.name.isdigit()]
        left = [p.name for p in self.out.iterdir() if p.name.startswith(".timeline-tmp-")]
        left += [p.name for p in home.iterdir() if not p.name.isdigit() and p.name not in (CURRENT, LOCK)]
        return left + (versions if len(versions) > 2 else [])

    def check_sequence(self) -> None:
        feeds = {p: c for p, c in visible(self.out).items() if p.startswith("testorg/") and p.endswith(".ics")}
        for path, content in feeds.items():
            sequence = sequences(content).get(UID)
            if sequence is not None and sequence != self.changes:
                self.result.problems.append(f"{path}: SEQUENCE {sequence} after {self.changes} published change(s)")


def killed_builds(workdir: Path, rounds: int, random_kills: int, seed: int) -> Killed:
    """Every step killed `rounds` times, then `random_kills` builds killed after a random delay, a reader running;
    then a build that must succeed and leave nothing behind."""
    run = KillRun(workdir, seed)
    reader = Reader(run.out)
    reader.start()
    try:
        for _ in range(rounds):
            for step in STEPS:
                if (step == "link" and run.live_other) or (step == "unlink" and not run.live_other):
                    run.publish(other=not run.live_other)  # so that this build adds (or removes) a top-level link
                run.attempt(step)
                reader.once()
        for _ in range(random_kills):
            run.attempt(None, delay=run.random.uniform(0, 1.5 * run.result.build_seconds))
            reader.once()
        run.publish(other=False)
        reader.once()
    finally:
        run.result.reading = reader.stop()
    run.check_sequence()
    run.result.problems += [f"left behind: {name}" for name in run.leftovers()]
    run.result.problems += run.result.reading.problems
    return run.result


@dataclass
class Adoption:
    attempts: int = 0
    killed: int = 0
    problems: list[str] = field(default_factory=list)


def legacy_site(workdir: Path, number: int, folder: Path) -> dict[str, bytes]:
    """A site as builds before versions published it: real files, output/.manifest.json, .build.lock, a staging
    folder a killed build left, a file added by hand inside a generated folder, and CNAME."""
    built = workdir / f"out-for-legacy-{number}"
    build(workdir, variant(workdir, number), built)
    site = visible(built)
    shutil.rmtree(folder, ignore_errors=True)
    for path, content in site.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(content)
    (folder / ".manifest.json").write_text(json.dumps({"files": sorted(site)}), "utf-8")
    (folder / ".build.lock").touch()
    (folder / ".build-x1y2").mkdir()
    (folder / "testorg" / "notes.txt").write_text("added by hand\n", "utf-8")
    (folder / "CNAME").write_text("example.org\n", "utf-8")
    return visible(folder)


def adoption_kills(workdir: Path, rounds: int) -> Adoption:
    """For each step of adopting a site published file by file: a build killed there leaves the old site whole,
    and the next build adopts it, keeps the hand-made files and publishes."""
    result = Adoption()
    number = 500
    for _ in range(rounds):
        for step in ADOPTION_STEPS:
            number += 2
            out = workdir / "out-legacy"
            before = legacy_site(workdir, number, out)
            env = environment(workdir) | {"TIMELINE_TEST_KILL_AT": step}
            data = variant(workdir, number + 1)
            done = subprocess.run(command(data, out), env=env, capture_output=True, timeout=300)
            result.attempts += 1
            result.killed += done.returncode == -signal.SIGKILL
            if done.returncode != -signal.SIGKILL:
                result.problems.append(f"{step}: the build was not killed there ({done.returncode})")
            if visible(out) != before:
                result.problems.append(f"{step}: the site changed after a kill while adopting it")
            build(workdir, data, out)
            after = visible(out)
            if set().union(*(markers(c) for c in after.values())) != {number + 1}:
                result.problems.append(f"{step}: the build after the kill did not publish its site")
            if after.get("testorg/notes.txt") != b"added by hand\n" or after.get("CNAME") != b"example.org\n":
                result.problems.append(f"{step}: a file added by hand was lost")
            if (out / ".manifest.json").exists() or (out / ".build.lock").exists() or (out / ".build-x1y2").exists():
                result.problems.append(f"{step}: what the builds before versions left is still there")
            if not all((out / name).is_symlink() for name in ("index.html", "testorg")):
                result.problems.append(f"{step}: the top-level entries are not links into the versions")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=16, help="builds started at once (default 16)")
    parser.add_argument("--kills", type=int, default=3, help="rounds of a kill at every step (default 3)")
    parser.add_argument("--random-kills", type=int, default=40, help="builds killed after a random delay")
    parser.add_argument("--adoptions", type=int, default=2, help="rounds of a kill at every step of adoption")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep the folders here (default: a temporary folder)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="timeline-stress-"))
    workdir.mkdir(parents=True, exist_ok=True)
    problems = []

    concurrent = concurrent_builds(workdir, args.concurrent)
    problems += concurrent.problems
    print(f"concurrent: {args.concurrent} builds at once; the changed event's SEQUENCE is {concurrent.sequence}")

    killed = killed_builds(workdir, args.kills, args.random_kills, args.seed)
    problems += killed.problems
    read = killed.reading
    steps = ", ".join(f"{step} {count}" for step, count in sorted(killed.steps.items()))
    print(
        f"killed: {killed.attempts} builds, {killed.killed} killed (at steps: {steps}; the rest after a random delay "
        f"under {1.5 * killed.build_seconds:.2f} s), {killed.published} published; reader: {read.pinned} pinned, "
        f"{read.locked} locked and {read.plain} plain passes, {read.files} files read, {read.straddled} plain "
        f"passes straddled a publish, {read.vanished} pinned versions removed under the reader"
    )

    adoption = adoption_kills(workdir, args.adoptions)
    problems += adoption.problems
    print(f"adoption: {adoption.attempts} builds killed while adopting a site published file by file")

    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("nothing lost, nothing mixed" if not problems else f"{len(problems)} problem(s)")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
