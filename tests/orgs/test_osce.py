"""The OSCE: a Chairpersonship designated year by year, with no order; its notable years through the CLI."""

from __future__ import annotations

from _cli import chair_of, cli, cli_json, timeline_of

from timeline.core.audit import anomalies

ORG = "osce"


def test_the_2014_2015_package_switzerland_then_serbia():
    assert chair_of(ORG, "2014") == [("ch", "confirmed")]
    assert chair_of(ORG, "2015") == [("rs", "confirmed")]
    out = cli("who-chairs", "2015-01-01", "--org", ORG)
    assert "Serbia — Ivica Dačić" in out


def test_malta_2024_after_estonia_was_blocked_and_finland_2025():
    assert chair_of(ORG, "2024-06") == [("mt", "confirmed")]
    assert chair_of(ORG, "2025") == [("fi", "confirmed")]
    term = next(t for t in timeline_of(ORG).org.terms if t.id == "chair-mt-2024")
    assert "Estonia" in (term.note or "")


def test_switzerland_chairs_2026_with_cassis_in_english_and_russian():
    [part] = cli_json("who-chairs", "2026-06-01", "--org", ORG)["organisations"]
    [chair] = part["chairs"]
    assert chair["member"]["name"] == "Switzerland" and chair["persons"][0]["name"] == "Ignazio Cassis"
    assert "Швейцария — Иньяцио Кассис" in cli("who-chairs", "2026-06-01", "--org", ORG, "--lang", "ru")


def test_past_the_last_decision_the_chair_is_undetermined_not_projected():
    assert chair_of(ORG, "2027") == [(None, "undetermined")]
    assert chair_of(ORG, "2030") == [(None, "undetermined")]


def test_a_minister_who_changed_during_the_year_leaves_the_person_empty():
    [part] = cli_json("who-chairs", "2018-07-01", "--org", ORG)["organisations"]
    [chair] = part["chairs"]
    assert chair["member"]["name"] == "Italy" and chair["persons"] == []


def test_austria_chaired_twice_and_no_term_is_an_anomaly():
    assert chair_of(ORG, "2000") == [("at", "confirmed")]
    assert chair_of(ORG, "2017") == [("at", "confirmed")]
    assert not anomalies(timeline_of(ORG))


def test_the_2020_ministerial_council_met_by_videoconference():
    [part] = cli_json("sessions", "--year", "2020", "--org", ORG)["organisations"]
    [mc] = part["sessions"]
    assert mc["id"] == "mc-2020-12-03-videoconference"
