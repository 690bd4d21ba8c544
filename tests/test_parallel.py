"""A build renders organisations' pieces (one language each) side by side in forked workers (site.parallel): the
same site byte for byte as one process makes, a failure raised whole in the build's process, one process where
forking is unsafe."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.helpers.builds import build
from timeline.site import assembly, parallel


@pytest.fixture
def three_orgs(data_copy: Path) -> Path:
    for name in ("otherorg", "thirdorg"):
        shutil.copytree(data_copy / "testorg", data_copy / name)
    return data_copy


def published(out: Path) -> dict[str, bytes]:
    root = out / ".timeline" / "current"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_workers_and_one_process_build_the_same_site(three_orgs, tmp_path, monkeypatch):
    sites = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv(parallel.JOBS_VARIABLE, jobs)
        report, steps = build(three_orgs, tmp_path / jobs, fresh=True)
        sites[jobs] = (published(tmp_path / jobs), {p: f.what for p, f in report.site.files.items()}, steps)
    assert sites["1"] == sites["2"]
    assert len(sites["2"][0]) > 20


def test_the_pieces_run_in_other_processes(three_orgs, tmp_path, monkeypatch):
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    seen = tmp_path / "pids"
    original = assembly.render_org

    def recording(site, view, **kwargs):
        with seen.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return original(site, view, **kwargs)

    monkeypatch.setattr(assembly, "render_org", recording)
    build(three_orgs, tmp_path / "out", fresh=True)
    pids = seen.read_text().split()
    assert len(pids) == 6 and str(os.getpid()) not in pids and len(set(pids)) == 2


def test_what_workers_word_comes_back_to_the_build_s_process(three_orgs, tmp_path, monkeypatch):
    """The Russian dates Babel worded in the workers are in the build's process afterwards (the command line keeps
    them in its cache folder: cli.phrases), the same as a build in one process words."""
    from timeline.render.lang import CODES, cldr, language

    worded = {}
    for jobs in ("2", "1"):
        monkeypatch.setenv(parallel.JOBS_VARIABLE, jobs)
        monkeypatch.setattr(cldr, "MEMO", {})
        for code in CODES:  # the days each language has worded in this process, forgotten
            monkeypatch.setattr(language(code), "_days", {})
        build(three_orgs, tmp_path / jobs, fresh=True)
        worded[jobs] = dict(cldr.MEMO)
    assert any(key.startswith("date|ru|") for key in worded["2"])
    assert worded["2"] == worded["1"]


class Unpicklable(Exception):
    """An error that cannot cross from a worker to the build's process (pickle calls __init__ with its args)."""

    def __init__(self, org: str, why: str) -> None:
        super().__init__(f"{org}: {why}")


def test_a_piece_failing_in_a_worker_raises_its_own_error_and_publishes_nothing(three_orgs, tmp_path, monkeypatch):
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    out = tmp_path / "out"
    build(three_orgs, out)
    before = published(out)
    original = assembly.render_org

    def failing(site, view, **kwargs):
        if view.tl.org.id == "thirdorg":
            raise Unpicklable("thirdorg", "rendering failed midway")
        return original(site, view, **kwargs)

    monkeypatch.setattr(assembly, "render_org", failing)
    with pytest.raises(Unpicklable, match="thirdorg: rendering failed midway"):
        build(three_orgs, out, fresh=True)
    assert published(out) == before
    assert not [p for p in os.listdir(out / ".timeline") if p.startswith("stage-")]


def test_how_many_processes(monkeypatch):
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "3")
    assert parallel.jobs() == 3
    for asked in ("0", "-1", "two", ""):
        monkeypatch.setenv(parallel.JOBS_VARIABLE, asked)
        assert 1 <= parallel.jobs() <= parallel.MOST_JOBS
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "3")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel.jobs() == 1  # a fork would copy the other thread's locks as they are
    finally:
        stop.set()
        other.join()


def test_each_keeps_the_order_and_runs_everything(monkeypatch):
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    assert parallel.each(lambda i: (i, i * i), 7, weights=[1, 9, 3, 0, 5, 2, 8]) == [(i, i * i) for i in range(7)]
    assert parallel.each(lambda i: i, 0) == []


def test_small_work_is_not_worth_a_fork(monkeypatch):
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    assert parallel.jobs(parallel.WORTH_FORKING - 1) == 1
    seen = parallel.each(lambda _: os.getpid(), 4, weights=[10, 10, 10, 10])
    assert set(seen) == {os.getpid()}


def test_work_in_one_process_does_not_import_multiprocessing():
    """Deciding on one process costs no import of multiprocessing (about 5 ms of a rebuild after an edit)."""
    code = (
        "import sys\nfrom timeline.site import parallel\n"
        "print(parallel.each(lambda i: i, 3, weights=[1, 1, 1]), 'multiprocessing' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k != parallel.JOBS_VARIABLE}
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert found.stdout.split() == ["[0,", "1,", "2]", "False"]


@pytest.mark.slow
def test_ctrl_c_during_a_build_in_workers_stops_it_and_publishes_nothing(tmp_path):
    """Ctrl-C reaches the whole process group: the workers leave it to the build's process, which cancels the
    pieces not started, exits 130 without a traceback, removes its staging folder and leaves the published site."""
    import glob
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    env = {**os.environ, parallel.JOBS_VARIABLE: "2", "TIMELINE_CACHE": str(tmp_path / "cache")}
    console = [sys.executable, "-c", "import sys; sys.argv[0] = 'timeline'; from timeline.cli import main; main()"]
    subprocess.run([*console, "build", "--out", str(out)], env=env, check=True, capture_output=True)
    before = published(out)
    build = subprocess.Popen(
        [*console, "build", "--out", str(out), "--fresh"], env=env, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not glob.glob(str(out / ".timeline" / "stage-*" / "*" / "*")) and build.poll() is None:
        assert time.monotonic() < deadline, "the build staged nothing"
        time.sleep(0.005)
    os.killpg(build.pid, signal.SIGINT)
    _, err = build.communicate(timeout=120)
    if build.returncode == 0:  # it had finished: nothing to interrupt (a fast machine); the site is the fresh one
        pytest.skip("the build finished before Ctrl-C reached it")
    assert build.returncode == 130 and b"Traceback" not in err
    assert not glob.glob(str(out / ".timeline" / "stage-*"))
    assert published(out) == before


def test_a_worker_that_dies_leaves_its_pieces_to_the_build_s_process(three_orgs, tmp_path, monkeypatch):
    """A worker killed mid-piece (out of memory, say) breaks the pool: every piece is rendered again here, and the
    site is the one a single process builds."""
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    build(three_orgs, tmp_path / "one", fresh=True)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    main, original = os.getpid(), assembly.render_org

    def dying(site, view, **kwargs):
        if os.getpid() != main and view.tl.org.id == "otherorg":
            os._exit(9)
        return original(site, view, **kwargs)

    monkeypatch.setattr(assembly, "render_org", dying)
    build(three_orgs, tmp_path / "two", fresh=True)
    assert published(tmp_path / "two") == published(tmp_path / "one")


def test_streamed_hands_a_result_over_before_the_last_piece_is_done(monkeypatch, tmp_path):
    """The build's process takes each piece's result as it comes (and merges it, then lets it go) rather than once
    every piece is done: the last piece waits, in its worker, for a sign that the first result was taken."""
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    taken = tmp_path / "first taken"

    def run(index: int) -> tuple[int, bool]:
        if index < 5:
            return index, True
        deadline = time.monotonic() + 60
        while not taken.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return index, taken.exists()

    with parallel.streamed(run, 6, weights=[6, 5, 4, 3, 2, 1]) as results:
        first = next(results)
        taken.touch()
        rest = list(results)
    assert [first, *rest] == [(i, True) for i in range(6)]


def test_leaving_a_stream_early_cancels_the_pieces_not_started(monkeypatch, tmp_path):
    """An error while the results are taken (a piece that cannot be merged, Ctrl-C) stops the pieces not started,
    and the error is raised once the workers have finished the ones they hold."""
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")

    def run(index: int) -> int:
        (tmp_path / str(index)).touch()
        time.sleep(0.05)
        return index

    with pytest.raises(LookupError), parallel.streamed(run, 40, weights=[1] * 40) as results:
        next(results)
        raise LookupError("not merged")
    started = len(list(tmp_path.iterdir()))
    assert 1 <= started < 40
    time.sleep(0.2)
    assert len(list(tmp_path.iterdir())) == started, "no piece runs after the error was raised"
