"""Turns that are not one member: a term held jointly (one term, several holders) and a group's turn whose member is
not chosen yet (a region's turn), on the fixture 'regions' (tests/fixtures/turns) and through the loader's checks."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.core import audit
from timeline.core.across import chairs_of
from timeline.core.dates import Period
from timeline.core.model import TermStatus
from timeline.errors import DataErrors
from timeline.load import load
from timeline.render.lang import EN, language
from timeline.render.words import holder_name, term_note

TURNS = Path(__file__).parent / "fixtures" / "turns"
TODAY = date(2024, 6, 1)


@pytest.fixture(scope="module")
def regions():
    return load(TURNS, "regions")


def chair_on(tl, day: date):
    (term,) = tl.holders("chair", day)
    return term


def test_a_term_held_jointly_is_one_term_with_every_holder(regions):
    term = chair_on(regions, date(2022, 6, 1))
    assert term.holders == ("qm", "aa") and term.holder == "qm" and term.status is TermStatus.CONFIRMED
    assert holder_name(regions, term, EN) == "Betaland and Alphaland"
    assert holder_name(regions, term, language("ru")).count(" и ") == 1


def test_each_joint_holder_finds_the_term_among_its_chairs(regions):
    span = Period(date(2022, 1, 1), date(2023, 1, 1))
    assert [h.term.id for h in chairs_of([regions], "aa", span)] == ["chair-2022"]
    assert [h.term.id for h in chairs_of([regions], "qm", span)] == ["chair-2022"]


def test_a_group_s_turn_recorded_before_its_state_is_chosen(regions):
    term = chair_on(regions, date(2025, 6, 1))
    assert term.holder is None and term.holders == () and term.group == "south"
    assert term.status is TermStatus.SCHEDULED and term.is_recorded
    assert holder_name(regions, term, EN) == "the South's turn (state not yet chosen)"


def test_past_the_record_the_rule_names_the_group_whose_turn_it_is_never_a_state(regions):
    terms = [t for t in regions.terms("chair", date(2030, 1, 1)) if t.first_known.earliest >= date(2026, 1, 1)]
    assert [(t.group, t.holder, t.status) for t in terms[:3]] == [
        ("north", None, TermStatus.UNDETERMINED),
        ("south", None, TermStatus.UNDETERMINED),
        ("north", None, TermStatus.UNDETERMINED),
    ], "consecutive group turns stay apart, each with its group"
    assert "the turn of the North" in term_note(regions, terms[0], EN)
    assert holder_name(regions, terms[0], EN) == "the North's turn (state not yet chosen)"


def test_members_holding_their_group_s_turn_are_no_anomaly(regions):
    assert audit.anomalies(regions) == [] and audit.rule_problems(regions) == []


def test_the_json_lists_every_holder_and_the_group(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", TODAY.isoformat())
    result = CliRunner().invoke(app, ["terms", "chair", "--org", "regions", "--data", str(TURNS), "--json"])
    assert result.exit_code == 0, result.output
    terms = {t["id"]: t for t in json.loads(result.output)["organisations"][0]["terms"]}
    assert terms["chair-2022"]["holders"] == ["qm", "aa"] and terms["chair-2022"]["group"] is None
    assert terms["chair-2025"]["holders"] == [] and terms["chair-2025"]["group"] == "south"


def test_a_member_out_of_the_group_s_turn_is_an_anomaly(tmp_path):
    data = _copy(tmp_path)
    terms = data / "regions" / "terms.yaml"
    terms.write_text(terms.read_text().replace("holder: qp, start: 2023", "holder: aa, start: 2023"))
    tl = load(data, "regions")
    (anomaly,) = audit.anomalies(tl)
    assert anomaly.term.id == "chair-2023" and "expected south" in anomaly.message


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("{id: t, office: chair, holder: [], start: 2030-01-01}", "'holder' is an empty list"),
        ("{id: t, office: chair, holder: [aa, aa], start: 2030-01-01}", "'holder' names a holder twice"),
        ("{id: t, office: chair, holder: [aa, zz], start: 2030-01-01}", "names unknown member 'zz'"),
        ("{id: t, office: chair, group: west, status: scheduled, start: 2030-01-01}", "names unknown group 'west'"),
        ("{id: t, office: chair, group: south, start: 2030-01-01}", "only a scheduled term can"),
        ("{id: t, office: chair, holder: aa, group: south, start: 2030-01-01}", "holder 'aa' is not in group 'south'"),
        ("{id: t, office: chair, start: 2030-01-01}", "has no 'holder'"),
    ],
)
def test_a_holder_or_group_that_cannot_be_is_an_error_at_its_line(tmp_path, term, message):
    data = _copy(tmp_path)
    terms = data / "regions" / "terms.yaml"
    lines = terms.read_text().splitlines()
    terms.write_text("\n".join([*lines, f"- {term}"]) + "\n")
    with pytest.raises(DataErrors) as raised:
        load(data, "regions")
    found = [e for e in raised.value.errors if message in str(e)]
    assert found and found[0].line == len(lines) + 1 and found[0].file.endswith("terms.yaml")


def test_a_group_naming_an_unknown_member_is_an_error(tmp_path):
    data = _copy(tmp_path)
    groups = data / "regions" / "groups.yaml"
    groups.write_text(groups.read_text().replace("[qn, qo, qp]", "[qn, qo, zz]"))
    with pytest.raises(DataErrors, match="group 'south' names unknown member 'zz'"):
        load(data, "regions")


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(TURNS, target)
    return target
