"""Every validation error: one line naming the file, the line and what is wrong; all errors at once."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.errors import DataErrors
from timeline.load import load

ORG = "testorg"


def errors_after(data: Path, file: str, old: str, new: str) -> list[str]:
    path = data / ORG / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as failed:
        load(data, ORG)
    return [str(e) for e in failed.value.errors]


def line_of(data: Path, file: str, needle: str) -> int:
    lines = (data / ORG / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_fixture_data_is_valid(fixture_data):
    assert load(fixture_data, ORG).org.id == ORG


def test_end_before_start_names_file_line_and_dates(data_copy):
    errors = errors_after(
        data_copy, "terms.yaml", "start: 2020-01-01, end: 2023-01-01", "start: 2023-01-01, end: 2022-12-31"
    )
    line = line_of(data_copy, "terms.yaml", "id: sg-ivanov")
    assert any(
        e.endswith(f"terms.yaml:{line}: term 'sg-ivanov' ends before it starts (2023-01-01 > 2022-12-31)")
        for e in errors
    ), errors


def test_unknown_reference(data_copy):
    errors = errors_after(data_copy, "terms.yaml", "holder: ivanov", "holder: ivanoff")
    assert any("term 'sg-ivanov' names unknown person 'ivanoff'" in e for e in errors), errors


def test_unknown_source(data_copy):
    errors = errors_after(data_copy, "places.yaml", "sources: [press-2]}", "sources: [press-9]}")
    assert any("places.yaml:3: place 'astana' names unknown source 'press-9'" in e for e in errors), errors


def test_duplicate_id_points_at_the_first(data_copy):
    errors = errors_after(data_copy, "people.yaml", "id: bbpres", "id: ivanov")
    assert any("person id 'ivanov' is used twice (first at" in e and "people.yaml:1)" in e for e in errors), errors


def test_overlapping_terms_in_a_one_seat_office(data_copy):
    errors = errors_after(data_copy, "terms.yaml", "start: 2023-01-01, length: P3Y", "start: 2022-06-01, length: P3Y")
    assert any(
        "term 'sg-petrova' overlaps term 'sg-ivanov' in one-seat office 'secretary-general'" in e for e in errors
    ), errors


def test_impossible_date(data_copy):
    errors = errors_after(data_copy, "events.yaml", "date: 2024-03-05", "date: 2023-02-29")
    line = line_of(data_copy, "events.yaml", "date: 2023-02-29")
    assert errors == [
        f"{data_copy / ORG / 'events.yaml'}:{line}: event 'cancelled-2024': 'date': impossible date 2023-02-29"
    ]


CALENDAR = "cadence: {kind: calendar, anchor: 2024-01-01, every: P1Y}"
ROTATION_ERRORS = {
    "an order naming a non-member": (
        "members: [aa, bb, cc]}", "members: [aa, bb, zz]}", "rotation 'sessions-rule' order names unknown member 'zz'"),
    "an unknown cadence kind": (CALENDAR, "cadence: {kind: weekly}",
                                "cadence: kind 'weekly' is not one of: calendar, session"),
    "a cadence that never moves": (CALENDAR, "cadence: {kind: calendar, anchor: 2024-01-01, every: P0D}",
                                   "'every' P0D is empty"),
    "a cadence mixing months and days": (CALENDAR, "cadence: {kind: calendar, anchor: 2024-01-01, every: P1M3D}",
                                         "mixes months and days"),
    "an anchor known only to the month": (CALENDAR, "cadence: {kind: calendar, anchor: 2024-01, every: P1Y}",
                                          "'anchor' must be an exact day (YYYY-MM-DD), not 2024-01"),
    "a cadence without its fields": (CALENDAR, "cadence: {kind: calendar}", "cadence has no 'anchor'"),
    "an unknown order kind": ("order: {kind: cycle, members: [aa, bb, cc]}\n  sources: [press-1]",
                              "order: {kind: random}\n  sources: [press-1]",
                              "kind 'random' is not one of: alphabetical"),
    "an unsupported alphabet": ("order: {kind: cycle, members: [aa, bb, cc]}\n  sources: [press-1]",
                                "order: {kind: alphabetical, language: fr}\n  sources: [press-1]",
                                "alphabetical order in 'fr' is not supported"),
    "a host order on a calendar": ("order: {kind: cycle, members: [aa, bb, cc]}\n  sources: [press-1]",
                                   "order: {kind: host}\n  sources: [press-1]", "order 'host' needs a session cadence"),
    "a seats pool naming no office": ("sources: [press-1]", "sources: [press-1]\n  pool: {kind: seats, office: nope}",
                                      "rotation 'calendar-rule' pool names unknown office 'nope'"),
    "an exception naming a non-member": (
        "sources: [press-1]", "sources: [press-1]\n  exceptions: [{kind: swap, start: 2025-01-01, holder: zz, "
        "instead_of: aa}]", "rotation 'calendar-rule' swap exception names unknown member 'zz'"),
    "an exception outside the rule's period": (
        "sources: [press-1]", "sources: [press-1]\n  exceptions: [{kind: skip, start: 2020-01-01, member: aa}]",
        "skip exception on 2020-01-01 lies outside the rule's in_force period"),
    "a skip with both a day and a period": (
        "sources: [press-1]", "sources: [press-1]\n  exceptions: [{kind: skip, start: 2025-01-01, from: 2025-01-01, "
        "member: aa}]", "give 'start' (one handoff) or 'from' and 'until' (a period), not both or neither"),
    "an unknown exception kind": ("sources: [press-1]",
                                  "sources: [press-1]\n  exceptions: [{kind: coup, start: 2025-01-01}]",
                                  "kind 'coup' is not one of: skip, swap, temporary, resequence"),
    "a resequenced alphabet": (
        "order: {kind: cycle, members: [aa, bb, cc]}\n  sources: [press-1]",
        "order: {kind: alphabetical, language: en}\n  sources: [press-1]\n  exceptions: [{kind: resequence, "
        "start: 2025-01-01, members: [aa]}]", "only a cycle or decided order has a list to resequence"),
    "rule versions in force at once": ("in_force: {from: 2023-07-11}", "in_force: {from: 2023-07-01}",
                                       "rotation 'calendar-rule' is in force while 'sessions-rule' still is"),
    "a typo in a rule's field": ("sources: [press-1]", "sources: [press-1]\n  frist: aa", "unknown field 'frist'"),
}  # fmt: skip


@pytest.mark.parametrize("case", ROTATION_ERRORS)
def test_rotation_errors_name_the_problem(data_copy, case):
    old, new, expected = ROTATION_ERRORS[case]
    text = (data_copy / ORG / "rotations.yaml").read_text(encoding="utf-8")
    if old not in text:
        pytest.fail(f"fixture changed: {old!r}")
    if old.startswith("sources: [press-1]"):  # the calendar rule's last line
        head, _, tail = text.rpartition(old)
        (data_copy / ORG / "rotations.yaml").write_text(head + new + tail, encoding="utf-8")
        with pytest.raises(DataErrors) as failed:
            load(data_copy, ORG)
        errors = [str(e) for e in failed.value.errors]
    else:
        errors = errors_after(data_copy, "rotations.yaml", old, new)
    assert any(expected in e and "rotations.yaml:" in e for e in errors), errors


def test_rule_statuses_cannot_be_written_as_data(data_copy):
    errors = errors_after(
        data_copy, "terms.yaml", "start: 2024-01-01, person: ccpres", "start: 2024-01-01, status: derived"
    )
    assert any("status 'derived' comes from rotation rules, not data" in e for e in errors), errors


def test_bad_time_zone(data_copy):
    errors = errors_after(data_copy, "places.yaml", "tz: Europe/Berlin", "tz: Europe/Berlinn")
    assert any("'Europe/Berlinn' is not an IANA time zone" in e for e in errors), errors


def test_unknown_field_is_a_typo(data_copy):
    errors = errors_after(data_copy, "bodies.yaml", "short: CM, sources", "short: CM, sorces")
    assert any("bodies.yaml:2: body 'ministers': unknown field 'sorces'" in e for e in errors), errors


def test_yaml_syntax_error_has_a_line(data_copy):
    errors = errors_after(data_copy, "people.yaml", "- {id: bbpres", "- {id: [bbpres")
    assert len(errors) == 1 and "people.yaml:3: YAML syntax" in errors[0], errors


def test_all_errors_of_a_file_are_reported_at_once(data_copy):
    path = data_copy / ORG / "terms.yaml"
    text = (
        path.read_text(encoding="utf-8")
        .replace("holder: ivanov", "holder: nobody")
        .replace("holder: bbpres", "holder: nobody2")
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as failed:
        load(data_copy, ORG)
    assert len(failed.value.errors) == 2


def test_yaml_11_booleans_stay_text(data_copy):
    """Norway's code NO (and yes/on/off) must not turn into booleans."""
    tl = load(data_copy, ORG)
    assert "no" in tl.members
    path = data_copy / ORG / "members.yaml"
    text = path.read_text(encoding="utf-8").replace('id: "no"', "id: no").replace('name: "Norland', 'name: "NO Norland')
    path.write_text(text.replace("  name: Alphaland", "  name: yes"), encoding="utf-8")
    members = load(data_copy, ORG).members
    assert "no" in members and members["aa"].name == "yes"


def test_cli_reports_one_line_per_error_exit_2_and_no_traceback(data_copy):
    path = data_copy / ORG / "terms.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("end: 2023-01-01", "end: 2019-01-01", 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "term 'sg-ivanov' ends before it starts (2020-01-01 > 2019-01-01)" in result.output
    assert result.output.strip().splitlines()[-1] == "1 error(s) in the data; nothing was changed."


def test_missing_data_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["who-chairs", "2023", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such data folder" in result.output and "Traceback" not in result.output
