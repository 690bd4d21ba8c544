"""The African Union: the chair passes at the Assembly's session, by region; Sudan passed over in 2006 and 2007."""

from __future__ import annotations

from datetime import date

from _cli import chair_of, cli_json, timeline_of

from timeline.core.audit import anomalies

ORG = "au"


def test_the_first_chairs_took_over_at_the_july_summits():
    assert chair_of(ORG, "2002-12") == [("za", "confirmed")]
    assert chair_of(ORG, "2004-01") == [("mz", "confirmed")]


def test_obasanjo_stayed_through_the_sirte_session_until_january_2006():
    assert chair_of(ORG, "2005-08") == [("ng", "confirmed")]
    assert chair_of(ORG, "2006-01-23") == [("ng", "confirmed")]


def test_sudan_was_passed_over_in_2006_and_2007():
    assert chair_of(ORG, "2006-06") == [("cg", "confirmed")]
    assert chair_of(ORG, "2007-06") == [("gh", "confirmed")]
    assert chair_of(ORG, "2008-06") == [("tz", "confirmed")]
    acknowledged = {a.term.id for a in anomalies(timeline_of(ORG))}
    assert {"chair-cg-2006", "chair-gh-2007", "chair-ng-2004"} <= acknowledged


def test_the_chair_passes_at_the_session_at_the_start_of_the_year():
    assert chair_of(ORG, "2021-02-05") == [("za", "confirmed")]
    assert chair_of(ORG, "2021-02-06") == [("cd", "confirmed")]
    assert chair_of(ORG, "2026-02-14") == [("bi", "confirmed")]


def test_burundi_chairs_on_the_data_day_and_2027_is_west_africas_turn_without_a_state():
    assert chair_of(ORG, "2026-12-07") == [("bi", "confirmed")]
    assert chair_of(ORG, "2027-06") == [(None, "undetermined")]
    [part] = cli_json("who-chairs", "2027-06", "--org", ORG)["organisations"]
    assert part["chairs"][0]["term"]["group"] == "west"
    assert all(status == "undetermined" for _, status in chair_of(ORG, "2028-06"))


def test_members_join_and_are_suspended_on_their_days():
    tl = timeline_of(ORG)
    assert tl.members["ma"].standing_on(date(2016, 6, 1)).value != "member"
    assert tl.members["ma"].standing_on(date(2017, 6, 1)).value == "member"
    assert tl.members["ss"].standing_on(date(2012, 1, 1)).value == "member"
    assert tl.members["ne"].standing_on(date(2024, 1, 1)).value == "suspended"
