"""A rebuild that changes nothing is found by stat and keys alone (site.unchanged): no load, no render, no write;
anything that makes the published site differ from its record means the ordinary build."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.builds import build, rendered
from tests.helpers.edits import edit
from timeline.load import cache as load_cache
from timeline.site import keyed

load = importlib.import_module("timeline.load")  # the package (timeline.load is also a function)


@pytest.fixture
def two_orgs(data_copy: Path) -> Path:
    shutil.copytree(data_copy / "testorg", data_copy / "otherorg")
    return data_copy


def test_nothing_changed_loads_nothing_and_reports_the_published_site(two_orgs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first, _ = build(two_orgs, out)
    current = os.readlink(out / ".timeline" / "current")
    for module, name in ((load, "load_many"), (load, "load_organisation"), (load_cache, "kept"), (keyed, "load_many")):
        monkeypatch.setattr(module, name, lambda *_, name=name: pytest.fail(f"the data was loaded ({name})"))
    again, steps = build(two_orgs, out)
    assert steps == [] and again.changed == [] and again.removed == []
    assert dict(again.site.contents) == dict(first.site.contents)
    assert {p: f.what for p, f in again.site.files.items()} == {p: f.what for p, f in first.site.files.items()}
    assert {p: f.size for p, f in again.site.files.items()} == {p: f.size for p, f in first.site.files.items()}
    assert os.readlink(out / ".timeline" / "current") == current


def test_an_edit_a_fresh_build_or_check_goes_the_ordinary_way(two_orgs, tmp_path):
    out = tmp_path / "out"
    build(two_orgs, out)
    _, steps = build(two_orgs, out, fresh=True)
    assert rendered(steps) == {"testorg", "otherorg", "site"}
    _, steps = build(two_orgs, out, check=True)
    assert rendered(steps) == {"testorg", "otherorg", "site"}
    edit(two_orgs, "otherorg")
    _, steps = build(two_orgs, out)
    assert rendered(steps) == {"otherorg", "site"}
    _, steps = build(two_orgs, out)
    assert steps == []


def test_without_the_cache_every_build_goes_the_ordinary_way(two_orgs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(two_orgs, out)
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    _, steps = build(two_orgs, out)
    assert steps != []


@pytest.mark.parametrize("damage", ["altered", "removed", "link removed", "leftover version", "leftover link"])
def test_a_published_site_unlike_its_record_is_built_the_ordinary_way(two_orgs, tmp_path, damage):
    out = tmp_path / "out"
    first, _ = build(two_orgs, out)
    page = (out / "testorg" / "timeline.html").resolve()
    home = out / ".timeline"
    if damage == "altered":
        page.write_bytes(page.read_bytes().replace(b"</html>", b"<!-- altered --></html>"))
    elif damage == "removed":
        page.unlink()
    elif damage == "link removed":
        (out / "testorg").unlink()
    elif damage == "leftover version":
        shutil.copytree(home / os.readlink(home / "current"), home / "000099", symlinks=True)
    else:
        os.symlink(".timeline/current/testorg", out / ".timeline-tmp-testorg")
    again, steps = build(two_orgs, out)
    assert steps != [] or damage in ("link removed", "leftover version", "leftover link")
    assert dict(again.site.contents) == dict(first.site.contents)
    published = (out / "testorg" / "timeline.html").read_bytes()
    assert (out / "testorg").is_symlink() and published == first.site.contents["testorg/timeline.html"]
    assert not (home / "000099").exists() and not os.path.lexists(out / ".timeline-tmp-testorg")


def test_the_console_script_rebuilds_nothing_without_defining_the_model(two_orgs, tmp_path, monkeypatch):
    """The nothing-changed path is cheap because it imports neither the model, the loader nor a renderer."""
    run = console_build(two_orgs, tmp_path)
    first, again = run(), run()
    imported = [imports_of(first), imports_of(again)]
    heavy = {"timeline.core.model", "timeline.load.parse", "timeline.render.ical.feeds", "timeline.render.html.page"}
    assert heavy <= imported[0]  # the first build renders: the set names real modules
    assert not {m for m in imported[0] if m.split(".")[0] in ("plotly", "_plotly_utils")}  # its files suffice
    assert not heavy & imported[1]
    assert "(0 changed, 0 removed)" in again.stdout.decode() and "(0 changed" not in first.stdout.decode()


def test_a_rebuild_after_a_comment_starts_no_worker_processes(two_orgs, tmp_path):
    """An edit that changes no fact loads the edited organisation to digest it and reuses every part: nothing is
    rendered, so neither a renderer nor the process pool (site.parallel, multiprocessing) is imported. (Nor does a
    build too small to fork for import multiprocessing: test_parallel.)"""
    run = console_build(two_orgs, tmp_path)
    first = run()
    events = two_orgs / "testorg" / "events.yaml"
    events.write_text(events.read_text("utf-8") + "\n# a comment\n", "utf-8")
    again = run()
    imported = [imports_of(first), imports_of(again)]
    rendering = {"timeline.site.parallel", "timeline.render.ical.feeds", "timeline.render.html.page"}
    assert rendering <= imported[0]  # the first build renders: the set names real modules
    assert "timeline.load.parse" in imported[1] and not (rendering | {"multiprocessing"}) & imported[1]
    assert "(0 changed, 0 removed)" in again.stdout.decode()


def console_build(data: Path, tmp_path: Path):
    """A `timeline build` of `data` into tmp_path/out by the console script in a fresh process, reporting its imports
    (-X importtime), with a cache folder of its own; each call runs it once."""
    env = {**os.environ, "PYTHONPATH": str(Path(load.__file__).parents[2]), "TIMELINE_TODAY": "2024-06-01"}
    env["TIMELINE_CACHE"] = str(tmp_path / "cache")
    console = "import sys; sys.argv[0] = 'timeline'; from timeline.cli import main; main()"
    out = tmp_path / "out"
    args = [sys.executable, "-X", "importtime", "-c", console, "build", "--data", str(data), "--out", str(out)]
    return lambda: subprocess.run(args, capture_output=True, env=env, check=True)


def imports_of(result: subprocess.CompletedProcess) -> set[str]:
    """The modules a process imported, from its -X importtime report."""
    return {line.split("|")[-1].strip() for line in result.stderr.decode().splitlines()}


def test_a_rebuild_without_local_times_writes_its_feeds_without_icalendar(data_copy, tmp_path):
    """Events and calendars without a local time are written directly (render.ical.direct): with the fixture's
    clock times taken out, neither the first build nor a rebuild after an event moved imports icalendar, and the
    feeds still hold every event."""
    events = data_copy / "testorg" / "events.yaml"
    text = "\n".join(line for line in events.read_text("utf-8").splitlines() if "time:" not in line) + "\n"
    events.write_text(text, "utf-8")
    run = console_build(data_copy, tmp_path)
    first = run()
    events.write_text(text.replace("date: 2024-07-02", "date: 2024-07-03"), "utf-8")
    again = run()
    assert "timeline.render.ical.feeds" in imports_of(again), "the moved event's feeds were written again"
    assert not any(m.split(".")[0] == "icalendar" for m in imports_of(first) | imports_of(again))
    feed = (tmp_path / "out" / "testorg" / "testorg-all.ics").read_bytes().decode("utf-8")
    assert feed.startswith("BEGIN:VCALENDAR\r\n") and "DTSTART;VALUE=DATE:20240703" in feed
