"""`timeline ics` as a user sees it: the list of feeds with counts, one feed to stdout or a file."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from timeline.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("TIMELINE_DATA", raising=False)


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_without_a_feed_it_lists_the_feeds_with_event_counts(fixture_data):
    out = run("ics", "--data", str(fixture_data)).output
    assert out.splitlines()[0].startswith("Feeds of TOS (3 feeds;")
    assert "testorg-chairmanship.ics" in out and "TOS — Chairmanship of the Council" in out
    line = next(line for line in out.splitlines() if "testorg-sessions.ics" in line)
    assert "5 events" in line


def test_in_russian_the_list_and_the_feeds_are_the_russian_ones(fixture_data, tmp_path: Path):
    """--lang ru lists the Russian feeds in Russian and writes them as `timeline build` publishes them under ru/."""
    out = run("ics", "--data", str(fixture_data), "--lang", "ru").output
    assert out.splitlines()[0].startswith("Календари ") and "3 календаря;" in out
    line = next(line for line in out.splitlines() if "testorg-sessions.ics" in line)
    assert "5 событий" in line and "event" not in line
    target = tmp_path / "chair.ics"
    result = run("ics", "chairmanship", "--data", str(fixture_data), "--lang", "ru", "-o", str(target))
    assert "testorg-chairmanship.ics (8 событий) записан в" in result.output
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == 8 and all(uid.startswith("ru/") for uid in uids)
    assert calendar["X-WR-CALNAME"].params["LANGUAGE"] == "ru"
    english = run("ics", "chairmanship", "--data", str(fixture_data), "--lang", "en").stdout_bytes
    assert b"UID:ru/" not in english and english != target.read_bytes()


def test_the_bundled_feeds_are_listed_per_organisation(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-26")
    out = run("ics", "--org", "csto,unsc").output
    for name in ("csto-chairmanship.ics", "csto-sessions.ics", "csto-all.ics", "unsc-chairmanship.ics"):
        assert name in out
    assert out.index("Feeds of CSTO") < out.index("Feeds of UNSC")


def test_a_short_feed_name_shared_by_organisations_asks_for_the_organisation(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-26")
    result = runner.invoke(app, ["ics", "chairmanship", "--org", "csto,eaeu"])
    assert result.exit_code != 0 and "several organisations have a feed 'chairmanship'" in result.output
    assert run("ics", "eaeu-chairmanship", "--org", "csto,eaeu").stdout_bytes.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("name", ["testorg-sessions.ics", "testorg-sessions", "sessions"])
def test_a_feed_by_any_of_its_names_goes_to_stdout(fixture_data, name):
    content = run("ics", name, "--data", str(fixture_data)).stdout_bytes
    assert content.startswith(b"BEGIN:VCALENDAR\r\n") and content.endswith(b"END:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(content)
    assert str(cal["X-WR-CALNAME"]) == "TOS — Sessions and meetings of all bodies"
    assert len(cal.walk("VEVENT")) == 5
    assert b"DTSTAMP:20240601T000000Z" in content  # the data's date, not the wall clock


def test_source_date_epoch_sets_dtstamp(fixture_data, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718000000")  # 2024-06-10T06:13:20Z
    content = run("ics", "sessions", "--data", str(fixture_data)).stdout_bytes
    assert b"DTSTAMP:20240610T061320Z" in content and b"DTSTAMP:20240601" not in content


def test_output_file_holds_the_same_bytes(fixture_data, tmp_path: Path):
    target = tmp_path / "chair.ics"
    result = run("ics", "chairmanship", "--data", str(fixture_data), "-o", str(target))
    assert "Wrote testorg-chairmanship.ics (8 events)" in result.output
    assert target.read_bytes() == run("ics", "chairmanship", "--data", str(fixture_data)).stdout_bytes


def test_base_url_adds_source_and_url(fixture_data):
    content = run("ics", "all", "--data", str(fixture_data), "--base-url", "https://cal.example.org/").stdout_bytes
    assert b"SOURCE;VALUE=URI:https://cal.example.org/testorg/testorg-all.ics\r\n" in content


def test_an_unknown_feed_is_one_line_naming_the_feeds(fixture_data):
    result = runner.invoke(app, ["ics", "nope", "--data", str(fixture_data)])
    assert result.exit_code != 0
    assert result.output.startswith("error: no feed 'nope' (try one of: testorg-chairmanship, testorg-sessions,")
    assert "Traceback" not in result.output


def test_a_bad_source_date_epoch_is_one_line(fixture_data, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = runner.invoke(app, ["ics", "--data", str(fixture_data)])
    assert result.exit_code != 0 and "SOURCE_DATE_EPOCH" in result.output


def test_feeds_are_byte_identical_across_processes(fixture_data):
    """Nothing depends on hash seeds or the clock: two fresh processes write the same bytes."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "TIMELINE_TODAY": "2024-06-01", "TIMELINE_NO_CACHE": "1"}
        env.pop("SOURCE_DATE_EPOCH", None)
        command = [sys.executable, "-m", "timeline", "ics", "all", "--data", str(fixture_data)]
        outputs.append(subprocess.run(command, capture_output=True, check=True, env=env).stdout)
    assert outputs[0] == outputs[1] and outputs[0].startswith(b"BEGIN:VCALENDAR")
