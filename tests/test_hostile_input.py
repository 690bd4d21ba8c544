"""Careless and hostile input beyond the catalogue: files that are not files, random values in every field, random
command-line arguments. Each is refused cleanly (the project's own error, one line, no traceback) or accepted."""

from __future__ import annotations

import os
import shutil
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from timeline.cli import app
from timeline.core.dates import Duration, PartialDate
from timeline.errors import DataError, DataErrors, TimelineError, ValueProblem
from timeline.load import load_organisation
from timeline.load.yamlfile import MAX_BYTES

runner = CliRunner()


@pytest.fixture
def data(fixture_data: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(fixture_data, target)
    return target


def refusals(folder: Path) -> list[str]:
    with pytest.raises(DataErrors) as failed:
        load_organisation(folder)
    return [str(e) for e in failed.value.errors]


# Files that are not regular files -----------------------------------------------------------------------------------


def test_a_folder_in_place_of_a_data_file(data):
    (data / "testorg" / "terms-extra.yaml").mkdir()
    assert any(e.endswith("terms-extra.yaml: is a folder, not a regular file") for e in refusals(data / "testorg"))


def test_a_dangling_link_and_a_looping_link(data):
    (data / "testorg" / "terms-gone.yaml").symlink_to(data / "nowhere.yaml")
    (data / "testorg" / "events-loop.yaml").symlink_to(data / "testorg" / "events-loop.yaml")
    errors = refusals(data / "testorg")
    assert any("terms-gone.yaml: a link to nothing" in e for e in errors), errors
    assert any("events-loop.yaml: cannot be read: a symbolic link that loops" in e for e in errors), errors


def test_a_link_to_a_regular_file_is_read(data, tmp_path):
    shutil.move(data / "testorg" / "places.yaml", tmp_path / "places.yaml")
    (data / "testorg" / "places.yaml").symlink_to(tmp_path / "places.yaml")
    assert load_organisation(data / "testorg").places


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(data):
    os.mkfifo(data / "testorg" / "people-pipe.yaml")
    assert any("people-pipe.yaml: is a pipe, socket or device" in e for e in refusals(data / "testorg"))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_without_reading_it(data):
    (data / "testorg" / "terms-zero.yaml").symlink_to("/dev/zero")
    assert any("terms-zero.yaml: is a pipe, socket or device" in e for e in refusals(data / "testorg"))


def test_a_file_over_the_size_limit(data):
    with (data / "testorg" / "events-huge.yaml").open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert any("events-huge.yaml: is 8 MB: data files must stay under 8 MB" in e for e in refusals(data / "testorg"))


def test_organisation_yaml_that_is_a_folder_is_reported_not_skipped(data):
    (data / "testorg" / "organisation.yaml").unlink()
    (data / "testorg" / "organisation.yaml").mkdir()
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 2 and "organisation.yaml: is a folder, not a regular file" in result.output


def test_an_organisation_folder_whose_name_is_no_id(data):
    (data / "testorg").rename(data / "Test Org")
    assert any("folder name 'Test Org' is not an organisation id" in e for e in refusals(data / "Test Org"))


def test_a_deeply_nested_file_is_refused_in_one_line(data):
    (data / "testorg" / "people-deep.yaml").write_text("- " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    errors = refusals(data / "testorg")
    assert any("people-deep.yaml" in e for e in errors) and all("\n" not in e for e in errors)


def test_the_cli_on_a_data_path_that_is_a_file(tmp_path):
    (tmp_path / "data").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(tmp_path / "data")])
    assert result.exit_code == 2 and "no such data folder" in result.output and "Traceback" not in result.output


# Dates and durations ------------------------------------------------------------------------------------------------

DATE_TEXT = st.one_of(
    st.text(max_size=16),
    st.from_regex(r"\A-?\d{1,6}(-(Q\d|\d{1,3})(-\d{1,3})?)?~?\Z"),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
)


@settings(max_examples=400, deadline=None)
@given(DATE_TEXT)
def test_the_date_parser_accepts_a_date_or_says_why(text):
    try:
        parsed = PartialDate.parse(text)
    except ValueProblem as problem:
        assert str(problem) and "\n" not in str(problem)
        return
    assert 1800 <= parsed.year <= 2200
    assert PartialDate.parse(str(parsed)) == parsed, "a date reads back from its own text"
    assert parsed.earliest <= parsed.latest


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=12), st.from_regex(r"\AP(\d{1,7}Y)?(\d{1,7}M)?(\d{1,7}W)?(\d{1,7}D)?\Z")))
def test_the_duration_parser_accepts_a_duration_or_says_why(text):
    try:
        found = Duration.parse(text)
    except ValueProblem:
        return
    assert found.after(PartialDate.parse("2000-01-31").earliest).year <= 2400


# Random values in every field ----------------------------------------------------------------------------------------

FIELDS = {
    "sources": ["id", "title", "url", "document", "date", "publisher", "note"],
    "members": ["id", "name", "name_ru", "sort_as", "membership", "representation", "sources", "confidence", "note"],
    "bodies": ["id", "name", "name_ru", "short", "kind", "sources"],
    "offices": ["id", "name", "body", "holder", "seats", "term_length", "member", "sources"],
    "people": ["id", "name", "name_ru", "member", "sources"],
    "places": ["id", "city", "country", "tz", "member", "sources"],
    "terms": ["id", "office", "holder", "start", "end", "length", "attested", "status", "person", "appointed_by",
              "anomaly", "sources", "confidence"],
    "events": ["id", "body", "title", "kind", "date", "last_day", "time", "end_time", "place", "formats", "status",
               "chair", "chair_person", "participants", "decisions", "announced", "sources"],
    "rotations": ["id", "office", "in_force", "cadence", "pool", "order", "first", "basis", "exceptions", "sources"],
}  # fmt: skip
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12),
    st.text(alphabet=string.printable + "ЁёАя\u2028\x00\x1b\x7f", max_size=12),
    st.sampled_from(["2024-01-01", "2024-Q4", "P1Y", "P0D", "aa", "council-chair", "charter", "10:00", "javascript:x",
                     "https://example.org/x", "NO", "null", "~", "9999-12-31", "0000-01-01"]),
)  # fmt: skip
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
    ["kind", "date", "from", "until", "anchor", "every", "members", "body", "office", "start", "holder", "sources"]),
    inner, max_size=3), max_leaves=8)  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(FIELDS)), values=st.data())
def test_random_values_in_every_field_give_the_projects_own_errors_only(data, kind, values):
    entry = {field: values.draw(VALUES, label=field) for field in FIELDS[kind] if values.draw(st.booleans())}
    path = data / "testorg" / f"{kind}-random.yaml"
    path.write_text(yaml.safe_dump([entry], allow_unicode=True), encoding="utf-8")
    try:
        load_organisation(data / "testorg")
    except DataErrors as failed:
        assert all(isinstance(e, DataError) and "\n" not in str(e) for e in failed.errors)
    except TimelineError as error:  # pragma: no cover - a project error that is not a data error would be a bug
        pytest.fail(f"{type(error).__name__}: {error}")
    finally:
        path.unlink()


# Random command-line arguments --------------------------------------------------------------------------------------

ARGS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "-1",
            "0",
            "99999999999",
            "",
            " ",
            "2025",
            "2025-Q5",
            "9999",
            "1799-12-31",
            "2200-12-31",
            "--",
            "nan",
            "1e9",
            "2025-02-30",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from([
    ["who-chairs", "{}"], ["who-holds", "secretary-general", "--on", "{}"], ["events", "--from", "{}"],
    ["next", "{}"], ["forecast", "--years", "{}"], ["sessions", "--year", "{}"], ["chairs", "--member", "{}"],
    ["chairs", "--member", "ru", "--to", "{}"], ["terms", "{}"], ["who-chairs", "--org", "{}"],
    ["terms", "csc-chairmanship", "--projected-years", "{}"],
]), value=ARGS)  # fmt: skip
@pytest.mark.slow
def test_any_argument_is_answered_or_refused_in_one_line_with_exit_2(command, value, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-28")
    result = runner.invoke(app, [value if part == "{}" else part for part in command])
    assert result.exit_code in (0, 2), (command, value, result.output)
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert len(result.output.strip().splitlines()) == 1, result.output
