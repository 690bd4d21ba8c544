"""`timeline build`: the whole site, atomic publishing, reproducible bytes, `--check`."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

runner = CliRunner()
EPOCH = "1717243200"  # 2024-06-01T12:00:00Z


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def build(data: Path, out: Path, *args: str, code: int = 0):
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(out), *args])
    assert result.exit_code == code, result.output
    return result


def tree(out: Path) -> dict[str, bytes]:
    """Every file under `out` (hidden ones too) with its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def site(out: Path) -> dict[str, bytes]:
    """The published files: what a web server shows (no hidden files)."""
    return {path: data for path, data in tree(out).items() if not any(part.startswith(".") for part in path.split("/"))}


FEEDS = [
    "testorg-all.ics", "testorg-chairmanship.ics", "testorg-office-secretary-general.ics",
    "testorg-sessions-council.ics", "testorg-sessions-ministers.ics", "testorg-sessions.ics",
]  # fmt: skip


def test_build_writes_every_file_and_says_what(fixture_data, tmp_path):
    """Feeds, page, JSON + schema, CSV, feed state per organisation; landing page, plotly.js, the overview page and
    the feed of every chairmanship (with its state) once."""
    result = build(fixture_data, tmp_path / "out")
    files = [*FEEDS, "timeline.html", "timeline.json", "timeline.schema.json", "terms.csv", "events.csv"]
    once = {"index.html", "plotly.min.js", "timeline.html", "chairmanships.ics", "feed-state.json"}
    expected = once | {"testorg/feed-state.json"} | {f"testorg/{name}" for name in files}
    assert set(site(tmp_path / "out")) == expected
    assert "Built " in result.output and "(17 files, 17 changed, 0 removed)" in result.output
    assert "testorg/testorg-sessions.ics" in result.output and "5 event(s)" in result.output
    assert "12 terms, 5 events" in result.output
    page = (tmp_path / "out" / "testorg" / "timeline.html").read_text(encoding="utf-8")
    assert "../plotly.min.js" in page and "testorg-chairmanship.ics" in page


def test_export_validates_against_its_schema(fixture_data, csto, tmp_path):
    """timeline.json names its schema, and the schema (beside it) accepts it and the bundled data's export."""
    jsonschema = pytest.importorskip("jsonschema")
    from datetime import date

    from timeline.render.export.model import export
    from timeline.site.build import projection_horizon

    build(fixture_data, tmp_path / "out")
    folder = tmp_path / "out" / "testorg"
    model = json.loads((folder / "timeline.json").read_text(encoding="utf-8"))
    schema = json.loads((folder / model["$schema"]).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator.validate(model)
    validator.validate(export(csto, projection_horizon(date(2026, 1, 1))))
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
    assert "(17 files, 0 changed, 0 removed)" in result.output
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

    monkeypatch.setattr("timeline.render.html.landing.render_landing", broken)
    result = runner.invoke(app, ["build", "--data", str(fixture_data), "--out", str(out)])
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
    build(fixture_data, tmp_path / "rel")
    build(fixture_data, tmp_path / "abs", "--base-url", "https://example.org/tl/")
    relative = (tmp_path / "rel" / "index.html").read_text(encoding="utf-8")
    absolute = (tmp_path / "abs" / "index.html").read_text(encoding="utf-8")
    assert 'href="testorg/testorg-all.ics"' in relative and "built without <code>--base-url</code>" in relative
    assert 'href="webcal://example.org/tl/testorg/testorg-all.ics"' in absolute
    assert 'value="https://example.org/tl/testorg/testorg-all.ics"' in absolute
    feed = (tmp_path / "abs" / "testorg" / "testorg-all.ics").read_text(encoding="utf-8")
    assert "SOURCE;VALUE=URI:https://example.org/tl/testorg/testorg-all.ics" in feed.replace("\r\n ", "")


def test_a_base_url_must_be_http(fixture_data, tmp_path):
    result = build(fixture_data, tmp_path / "out", "--base-url", "example.org", code=1)
    assert "--base-url 'example.org' must start with https://" in result.output
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
