"""`timeline build`: the whole site, atomic publishing, reproducible bytes, `--check`."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.render.html.page import plotly_manifest
from timeline.render.view import View

runner = CliRunner()
EPOCH = "1717243200"  # 2024-06-01T12:00:00Z


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def build(data: Path, out: Path, *args: str, code: int = 0):
    """`timeline build --verbose` (every file listed, which these tests read)."""
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(out), "--verbose", *args])
    assert result.exit_code == code, result.output
    return result


def tree(out: Path) -> dict[str, bytes]:
    """Every file under `out` (hidden ones too) with its bytes, and every symlink with its target (not followed)."""
    found = {}
    for root, dirs, files in os.walk(out):
        for name in [*files, *dirs]:
            path = Path(root) / name
            if path.is_symlink():
                found[path.relative_to(out).as_posix()] = b"-> " + os.fsencode(os.readlink(path))
            elif path.is_file():
                found[path.relative_to(out).as_posix()] = path.read_bytes()
    return dict(sorted(found.items()))


def site(out: Path) -> dict[str, bytes]:
    """The published files: what a web server shows (symlinks followed, no hidden files)."""
    found = {}
    for root, dirs, files in os.walk(out, followlinks=True):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                found[(Path(root) / name).relative_to(out).as_posix()] = (Path(root) / name).read_bytes()
    return dict(sorted(found.items()))


FEEDS = ["testorg-all.ics", "testorg-chairmanship.ics", "testorg-sessions.ics"]


def test_build_writes_every_file_and_says_what(fixture_data, tmp_path):
    """Feeds, page, JSON + schema, CSV, feed state per organisation; landing page, plotly.js, the overview page and
    the feed of every chairmanship (with its state) once; the pages in Russian under ru/, with plotly.js's locale."""
    result = build(fixture_data, tmp_path / "out")
    files = [*FEEDS, "timeline.html", "timeline.json", "timeline.schema.json", "terms.csv", "events.csv"]
    once = {"index.html", "plotly.min.js", "timeline.html", "chairmanships.ics", "feed-state.json"}
    russian = {"ru/index.html", "ru/timeline.html", "ru/testorg/timeline.html", "plotly-locale-ru.js"}
    russian |= {"ru/chairmanships.ics", "ru/feed-state.json", "ru/testorg/feed-state.json"}
    russian |= {f"ru/testorg/{name}" for name in FEEDS}  # the feeds in Russian (tests/test_ical_russian.py)
    expected = once | russian | {"testorg/feed-state.json"} | {f"testorg/{name}" for name in files}
    assert set(site(tmp_path / "out")) == expected
    assert "Built " in result.output and "(24 files, 24 changed, 0 removed)" in result.output
    assert "testorg/testorg-sessions.ics" in result.output and "5 event(s)" in result.output
    assert "12 terms, 5 events" in result.output
    page = (tmp_path / "out" / "testorg" / "timeline.html").read_text(encoding="utf-8")
    assert "../plotly.min.js" in page and "testorg-chairmanship.ics" in page
    shipped = hashlib.sha256((tmp_path / "out" / "plotly.min.js").read_bytes()).hexdigest()
    assert shipped == plotly_manifest()["sha256"], "the site's plotly.min.js is the vendored bundle"


def test_build_prints_a_summary_and_lists_every_file_only_with_verbose(fixture_data, tmp_path):
    """By default a few lines: what was built, how many organisations, pages, feeds and data files, where, the notes."""
    summary = runner.invoke(app, ["build", "--data", str(fixture_data), "--out", str(tmp_path / "out")])
    summary = summary.output.splitlines()
    assert summary[0].startswith("Built the site of 1 organisation in ") and "24 changed" in summary[0]
    assert "pages" in summary[0] and "calendar feeds" in summary[0]
    assert any("--base-url" in line for line in summary)  # the build's note, for its operator
    assert summary[-1] == "Every file, with its size: timeline build --verbose" and len(summary) <= 5
    assert "testorg/testorg-sessions.ics" not in "\n".join(summary)
    listed = build(fixture_data, tmp_path / "out").output
    assert "testorg/testorg-sessions.ics" in listed and "(24 files, 0 changed, 0 removed)" in listed


def test_export_validates_against_its_schema(fixture_data, csto, tmp_path):
    """timeline.json names its schema, and the schema (beside it) accepts it and the bundled data's export."""
    jsonschema = pytest.importorskip("jsonschema")
    from datetime import date

    from timeline.render.export.model import export

    build(fixture_data, tmp_path / "out")
    folder = tmp_path / "out" / "testorg"
    model = json.loads((folder / "timeline.json").read_text(encoding="utf-8"))
    schema = json.loads((folder / model["$schema"]).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator.validate(model)
    validator.validate(export(View.of(csto, date(2026, 1, 1))))
    model["events"][0]["surprise"] = 1
    assert not validator.is_valid(model), "the schema must reject unknown keys"


def test_csv_are_spreadsheet_ready(fixture_data, tmp_path):
    """UTF-8 with BOM, CRLF, a header, one row per term/event, and no cell that runs as a formula."""
    from timeline.render.export.tables import safe

    build(fixture_data, tmp_path / "out")
    raw = (tmp_path / "out" / "testorg" / "terms.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    terms = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    model = json.loads((tmp_path / "out" / "testorg" / "timeline.json").read_text(encoding="utf-8"))
    assert len(terms) == sum(len(o["terms"]) for o in model["offices"])
    assert {t["status"] for t in terms} >= {"confirmed", "projected"}
    events = list(csv.DictReader(io.StringIO((tmp_path / "out" / "testorg" / "events.csv").read_text("utf-8-sig"))))
    assert [e["id"] for e in events] == [e["id"] for e in model["events"]]
    autumn = next(e for e in events if e["id"] == "autumn-2024")
    assert (autumn["date"], autumn["precision"], autumn["first_day"], autumn["last_day"]) == (
        "2024-Q4", "quarter", "2024-10-01", "2024-12-31",
    )  # fmt: skip
    assert safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe("Minsk") == "Minsk"
    assert safe("\t=1") == "'\t=1" and safe("-2+3") == "'-2+3" and safe("a\x1b[31m\r\nb") == "a[31m\nb"
    for row in [*terms, *events]:  # every cell, ids and dates included: none starts like a formula
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


def test_same_data_and_source_date_epoch_give_byte_identical_output(fixture_data, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(fixture_data, tmp_path / "a")
    build(fixture_data, tmp_path / "b")
    assert site(tmp_path / "a") == site(tmp_path / "b")
    assert b"DTSTAMP:20240601T120000Z" in (tmp_path / "a" / "testorg" / "testorg-all.ics").read_bytes()


def test_without_source_date_epoch_the_stamp_is_the_data_date(fixture_data, tmp_path):
    build(fixture_data, tmp_path / "out")
    assert b"DTSTAMP:20240601T000000Z" in (tmp_path / "out" / "testorg" / "testorg-all.ics").read_bytes()


def test_source_date_epoch_is_the_build_day_unless_timeline_today_is_set(fixture_data, tmp_path, monkeypatch):
    """A reproducible build does not depend on the day it runs: SOURCE_DATE_EPOCH dates 'as of' too."""
    monkeypatch.delenv("TIMELINE_TODAY")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735732800")  # 2025-01-01T12:00Z
    build(fixture_data, tmp_path / "out")
    assert 'data-built="2025-01-01"' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_rebuild_of_the_same_data_touches_nothing(fixture_data, tmp_path):
    """Unchanged files keep their bytes and mtime (so HTTP validators and syncs stay quiet)."""
    out = tmp_path / "out"
    build(fixture_data, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = build(fixture_data, out)
    assert "(24 files, 0 changed, 0 removed)" in result.output
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before


def test_bad_data_leaves_the_previous_output_byte_identical(data_copy, tmp_path):
    out = tmp_path / "out"
    build(data_copy, out)
    before = tree(out)
    terms = data_copy / "testorg" / "terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8").replace("start: 2024-01-01", "start: 2024-13-01"), "utf-8")
    result = build(data_copy, out, code=2)
    assert "terms.yaml" in result.output and "nothing was changed" in result.output
    assert tree(out) == before


def test_a_renderer_failure_leaves_the_previous_output_byte_identical(fixture_data, tmp_path, monkeypatch):
    """The landing page is rendered last of all: when it fails, no feed has been replaced yet."""
    out = tmp_path / "out"
    build(fixture_data, out)
    (out / "testorg" / "feed-state.json").unlink()  # so the next build would change every feed's state
    before = tree(out)

    def broken(*args, **kwargs):
        raise RuntimeError("renderer bug")

    monkeypatch.setattr("timeline.render.html.landing.landing_parts", broken)
    result = runner.invoke(app, ["build", "--data", str(fixture_data), "--out", str(out), "--fresh"])  # no reuse
    assert isinstance(result.exception, RuntimeError)
    assert tree(out) == before
    assert not list(out.glob(".build-*"))


def test_a_reader_holding_a_feed_open_keeps_the_whole_old_feed(data_copy, tmp_path):
    """Files are replaced by rename: an open handle still reads the complete old version, new opens the new."""
    out = tmp_path / "out"
    build(data_copy, out)
    feed = out / "testorg" / "testorg-sessions.ics"
    old = feed.read_bytes()
    with feed.open("rb") as handle:
        events = data_copy / "testorg" / "events.yaml"
        events.write_text(events.read_text("utf-8").replace("Winter session", "Winter summit"), "utf-8")
        build(data_copy, out)
        assert handle.read() == old
    new = feed.read_bytes()
    assert new != old and new.endswith(b"END:VCALENDAR\r\n") and b"Winter summit" in new


def test_readme_and_files_added_by_hand_stay_and_files_no_longer_built_go(fixture_data, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(fixture_data / "testorg", data / "testorg")
    shutil.copytree(fixture_data / "testorg", data / "other")
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("committed\n", encoding="utf-8")
    build(data, out)
    (out / "CNAME").write_text("example.org\n", encoding="utf-8")
    assert (out / "other" / "timeline.json").is_file()
    shutil.rmtree(data / "other")
    result = build(data, out)
    assert not (out / "other").exists()
    assert (out / "README.md").read_text(encoding="utf-8") == "committed\n" and (out / "CNAME").is_file()
    assert "other/timeline.json  (removed)" in result.output


def test_check_passes_on_fresh_output_and_fails_on_stale(data_copy, tmp_path):
    out = tmp_path / "out"
    build(data_copy, out)
    assert "is up to date" in build(data_copy, out, "--check").output
    events = data_copy / "testorg" / "events.yaml"
    events.write_text(events.read_text("utf-8").replace("Winter session", "Winter summit"), "utf-8")
    before = tree(out)
    result = build(data_copy, out, "--check", code=1)
    assert "is stale" in result.output and "testorg/testorg-sessions.ics" in result.output
    assert "testorg/terms.csv" not in result.output
    assert tree(out) == before, "--check writes nothing"
    build(data_copy, out)
    build(data_copy, out, "--check")


def test_check_on_a_missing_output_is_stale(fixture_data, tmp_path):
    assert "is stale" in build(fixture_data, tmp_path / "nothing", "--check", code=1).output


def test_base_url_makes_links_absolute(fixture_data, tmp_path):
    told = build(fixture_data, tmp_path / "rel").output
    build(fixture_data, tmp_path / "abs", "--base-url", "https://example.org/tl/")
    relative = (tmp_path / "rel" / "index.html").read_text(encoding="utf-8")
    absolute = (tmp_path / "abs" / "index.html").read_text(encoding="utf-8")
    assert 'href="testorg/testorg-all.ics"' in relative and "Built without --base-url" in told
    assert 'href="webcal://example.org/tl/testorg/testorg-all.ics"' in absolute
    assert 'value="https://example.org/tl/testorg/testorg-all.ics"' in absolute
    feed = (tmp_path / "abs" / "testorg" / "testorg-all.ics").read_text(encoding="utf-8")
    assert "SOURCE;VALUE=URI:https://example.org/tl/testorg/testorg-all.ics" in feed.replace("\r\n ", "")


def test_a_base_url_must_be_http(fixture_data, tmp_path):
    result = build(fixture_data, tmp_path / "out", "--base-url", "example.org", code=2)
    assert "--base-url 'example.org' must be an https:// (or http://) address" in result.output
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_is_one_line(fixture_data, tmp_path):
    (tmp_path / "out").write_text("a file, not a folder", encoding="utf-8")
    result = build(fixture_data, tmp_path / "out", code=1)
    assert result.output.startswith("error: cannot write ") and "Traceback" not in result.output


def test_the_feed_of_every_chairmanship_repeats_each_organisations_chairmanship_events(fixture_data, tmp_path):
    """chairmanships.ics holds the same VEVENTs (same UIDs) as each organisation's chairmanship feed."""
    import shutil

    import icalendar

    data = tmp_path / "data"
    shutil.copytree(fixture_data / "testorg", data / "testorg")
    shutil.copytree(fixture_data / "testorg", data / "other")
    build(data, tmp_path / "out")

    def uids(path):
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}

    combined = uids(tmp_path / "out" / "chairmanships.ics")
    per_org = uids(tmp_path / "out" / "testorg" / "testorg-chairmanship.ics")
    per_org |= uids(tmp_path / "out" / "other" / "other-chairmanship.ics")
    assert combined == per_org and any("@other.timeline" in u for u in combined)
    overview = (tmp_path / "out" / "timeline.html").read_text(encoding="utf-8")
    assert overview.count('id="chairs-table"') == 1 and "chairmanships.ics" in overview


def edit(data: Path, old: str = "Winter session", new: str = "Winter summit") -> None:
    events = data / "testorg" / "events.yaml"
    events.write_text(events.read_text("utf-8").replace(old, new), "utf-8")


def test_each_build_is_a_version_behind_one_link_and_unchanged_files_keep_their_inode(data_copy, tmp_path):
    """output/ stays a real folder: its entries are links through .timeline/current, the user's files are real; a
    publish writes only what changed (the rest are hard links: same inode, same mtime) and keeps one version back."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("committed\n", encoding="utf-8")
    build(data_copy, out)
    assert not out.is_symlink() and not (out / "README.md").is_symlink()
    assert os.readlink(out / "index.html") == ".timeline/current/index.html"
    assert os.readlink(out / "testorg") == ".timeline/current/testorg"
    assert os.readlink(out / ".timeline" / "current") == "000001"
    plotly, feed = (out / "plotly.min.js").stat(), (out / "testorg" / "testorg-sessions.ics").stat()
    edit(data_copy)
    result = build(data_copy, out)
    assert " changed, 0 removed)" in result.output and " * testorg/testorg-sessions.ics " in result.output
    assert " * plotly.min.js " not in result.output
    assert os.readlink(out / ".timeline" / "current") == "000002"
    after = (out / "plotly.min.js").stat()
    assert (after.st_ino, after.st_mtime_ns) == (plotly.st_ino, plotly.st_mtime_ns)
    assert (out / "testorg" / "testorg-sessions.ics").stat().st_ino != feed.st_ino
    assert sorted(p.name for p in (out / ".timeline").iterdir()) == ["000001", "000002", "current", "lock"]
    edit(data_copy, "Winter summit", "Winter meeting")
    build(data_copy, out)
    assert sorted(p.name for p in (out / ".timeline").iterdir()) == ["000002", "000003", "current", "lock"]
    assert (out / "README.md").read_text(encoding="utf-8") == "committed\n"


def test_a_file_added_by_hand_inside_a_generated_folder_is_carried_into_each_version(data_copy, tmp_path):
    out = tmp_path / "out"
    build(data_copy, out)
    (out / "testorg" / "notes.txt").write_text("mine\n", encoding="utf-8")
    edit(data_copy)
    result = build(data_copy, out)
    assert "notes.txt" not in result.output
    assert (out / "testorg" / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert os.readlink(out / ".timeline" / "current") == "000002"
    assert "is up to date" in build(data_copy, out, "--check").output


def test_a_site_published_file_by_file_is_adopted_unchanged(fixture_data, tmp_path):
    """The first build over a site published file by file (its list in .manifest.json) makes it a version
    without changing a byte or an mtime, keeps the files added by hand, and removes the old lock and staging."""
    build(fixture_data, tmp_path / "new")
    old = tmp_path / "old"
    for path, content in site(tmp_path / "new").items():
        (old / path).parent.mkdir(parents=True, exist_ok=True)
        (old / path).write_bytes(content)
    (old / ".manifest.json").write_text(json.dumps({"files": sorted(site(tmp_path / "new"))}), encoding="utf-8")
    (old / ".build.lock").touch()
    (old / ".build-abc").mkdir()
    (old / "testorg" / "notes.txt").write_text("mine\n", encoding="utf-8")
    (old / "CNAME").write_text("example.org\n", encoding="utf-8")
    before = site(old)
    mtime = (old / "testorg" / "testorg-all.ics").stat().st_mtime_ns
    result = build(fixture_data, old)
    assert "(24 files, 0 changed, 0 removed)" in result.output
    assert site(old) == before and (old / "testorg" / "testorg-all.ics").stat().st_mtime_ns == mtime
    assert (old / "testorg").is_symlink() and not (old / "CNAME").is_symlink()
    assert not any((old / name).exists() for name in (".manifest.json", ".build.lock", ".build-abc"))


def test_feed_states_restored_into_an_empty_output_are_read_and_adopted(fixture_data, tmp_path):
    """CI may restore only the feed-state.json files before it builds: they are read (SEQUENCE goes on), and the
    folders they are in become the first version's, with any other file found there."""
    build(fixture_data, tmp_path / "first")
    out = tmp_path / "out"
    for path in ("feed-state.json", "testorg/feed-state.json"):
        state = json.loads((tmp_path / "first" / path).read_text("utf-8"))
        for uid, event in state["events"].items():
            digest, _, *moments = event.split(" ")  # "hash SEQUENCE CREATED( LAST-MODIFIED)"
            state["events"][uid] = " ".join([digest, "7", *moments])
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(json.dumps(state), "utf-8")
    (out / "testorg" / "mine.txt").write_text("mine\n", encoding="utf-8")
    build(fixture_data, out)
    assert b"SEQUENCE:7" in (out / "testorg" / "testorg-all.ics").read_bytes()
    assert (out / "testorg").is_symlink() and (out / "testorg" / "mine.txt").read_text("utf-8") == "mine\n"


@pytest.mark.stress
@pytest.mark.parametrize("step", ["adopt-version", "adopt-current", "adopt-link", "adopt-link:2"])
def test_an_adoption_killed_at_any_step_is_finished_by_the_next_build(fixture_data, tmp_path, step):
    """Feed states restored by hand, and the build that adopts them killed (SIGKILL) between two steps: the next
    build finishes the adoption and publishes; a file added by hand stays."""
    import signal
    import subprocess
    import sys

    build(fixture_data, tmp_path / "first")
    out = tmp_path / "out"
    for path in ("feed-state.json", "testorg/feed-state.json"):
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tmp_path / "first" / path, out / path)
    (out / "testorg" / "mine.txt").write_text("mine\n", encoding="utf-8")
    command = [sys.executable, "-m", "timeline", "build", "--data", str(fixture_data), "--out", str(out), "-v"]
    killed = subprocess.run(command, env={**os.environ, "TIMELINE_TEST_KILL_AT": step}, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert (out / "testorg" / "feed-state.json").read_bytes() == (
        tmp_path / "first/testorg/feed-state.json"
    ).read_bytes()
    build(fixture_data, out)
    assert site(out) == {**site(tmp_path / "first"), "testorg/mine.txt": b"mine\n"}
    assert (out / "testorg").is_symlink() and (out / "feed-state.json").is_symlink()


def test_a_folder_the_build_did_not_make_where_the_site_needs_one_is_refused(fixture_data, tmp_path):
    """Once the site is published as versions, a new organisation whose folder is already there (made by hand) is a
    clean refusal: nothing changes, nothing is lost."""
    data = tmp_path / "data"
    shutil.copytree(fixture_data / "testorg", data / "testorg")
    out = tmp_path / "out"
    build(data, out)
    (out / "other").mkdir()
    (out / "other" / "mine.txt").write_text("mine\n", encoding="utf-8")
    before = tree(out)
    shutil.copytree(fixture_data / "testorg", data / "other")
    result = build(data, out, code=1)
    assert "other is a folder the build did not make" in result.output and "move it out" in result.output
    assert tree(out) == before


def test_a_current_link_to_a_missing_version_is_refused(fixture_data, tmp_path):
    out = tmp_path / "out"
    build(fixture_data, out)
    shutil.rmtree(out / ".timeline" / "000001")
    for args in ((), ("--check",)):
        result = build(fixture_data, out, *args, code=1)
        assert "points to a missing version (000001)" in result.output and "SEQUENCE:0" in result.output


def test_check_reports_a_missing_link(fixture_data, tmp_path):
    out = tmp_path / "out"
    build(fixture_data, out)
    (out / "testorg").unlink()
    result = build(fixture_data, out, "--check", code=1)
    assert "is stale" in result.output and "  testorg\n" in result.output
    assert "(24 files, 0 changed, 0 removed)" in build(fixture_data, out).output
    assert (out / "testorg").is_symlink()
    build(fixture_data, out, "--check")


def test_a_build_waiting_for_the_lock_says_so_on_a_terminal(fixture_data, tmp_path):
    """The lock covers the whole build; a second build waits for it, and says so when stderr is a terminal."""
    fcntl, pty, select = pytest.importorskip("fcntl"), pytest.importorskip("pty"), pytest.importorskip("select")
    import subprocess
    import sys

    out = tmp_path / "out"
    build(fixture_data, out)
    command = [sys.executable, "-m", "timeline", "build", "--data", str(fixture_data), "--out", str(out), "-v"]
    leader, follower = pty.openpty()
    with (out / ".timeline" / "lock").open("a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower)
        os.close(follower)
        said = b""
        while b"Waiting for another build of" not in said:
            ready, _, _ = select.select([leader], [], [], 60)  # a bound on waiting, not a timing assertion
            assert ready and process.poll() is None, said.decode(errors="replace")
            said += os.read(leader, 4096)
    with contextlib.suppress(OSError):  # drain the terminal until the build ends (EIO once it has)
        while process.poll() is None or select.select([leader], [], [], 0)[0]:
            if select.select([leader], [], [], 1)[0]:
                os.read(leader, 4096)
    os.close(leader)
    stdout = process.communicate(timeout=120)[0]
    assert process.returncode == 0 and b"(24 files, 0 changed, 0 removed)" in stdout


@pytest.mark.server
def test_serve_follows_each_publish_and_unchanged_files_stay_not_modified(data_copy, tmp_path):
    """Each request resolves the current version; a file the publish did not change keeps its ETag and
    Last-Modified (304), and the versions folder is never served."""
    import threading
    import urllib.error
    import urllib.request

    from timeline.site.serve import make_server

    out = tmp_path / "out"
    build(data_copy, out)
    server = make_server(out, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}"

    def status(path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict]:
        try:
            with urllib.request.urlopen(urllib.request.Request(root + path, headers=headers or {})) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, b"", dict(error.headers)

    try:
        _, _, plotly = status("/plotly.min.js")
        _, feed, _ = status("/testorg/testorg-sessions.ics")
        edit(data_copy)
        build(data_copy, out)
        assert status("/plotly.min.js", {"If-None-Match": plotly["ETag"]})[0] == 304
        assert status("/plotly.min.js", {"If-Modified-Since": plotly["Last-Modified"]})[0] == 304
        code, new, _ = status("/testorg/testorg-sessions.ics")
        assert code == 200 and new != feed and b"Winter summit" in new.replace(b"\r\n ", b"")
        assert status("/.timeline/current/index.html")[0] == 404
        assert status("/.timeline/000002/index.html")[0] == 404
    finally:
        server.shutdown()
        server.server_close()
