"""SADC: the chair passes to the host of the August Summit; South Africa was interim chair from November 2025."""

from __future__ import annotations

from datetime import date

from _cli import chair_of, timeline_of

from timeline.core.audit import anomalies

ORG = "sadc"


def test_the_host_of_the_august_summit_takes_the_chair():
    assert chair_of(ORG, "2006-12") == [("ls", "confirmed")]
    assert chair_of(ORG, "2010-12") == [("na", "confirmed")]
    assert chair_of(ORG, "2016-12") == [("sz", "confirmed")]
    assert chair_of(ORG, "2024-12") == [("zw", "confirmed")]


def test_the_2009_summit_met_in_september_in_kinshasa():
    assert chair_of(ORG, "2009-09-06") == [("za", "confirmed")]
    assert chair_of(ORG, "2009-09-07") == [("cd", "confirmed")]


def test_madagascar_took_the_chair_in_august_2025_and_gave_it_up_in_november():
    assert chair_of(ORG, "2025-08-16") == [("zw", "confirmed")]
    assert chair_of(ORG, "2025-10-01") == [("mg", "confirmed")]
    assert chair_of(ORG, "2025-11-06") == [("mg", "confirmed")]


def test_south_africa_is_interim_chair_from_the_extraordinary_summit():
    assert chair_of(ORG, "2025-11-07") == [("za", "acting")]
    assert chair_of(ORG, "2026-06") == [("za", "acting")]
    acknowledged = {a.term.id for a in anomalies(timeline_of(ORG))}
    assert acknowledged == {"chair-za-2025-interim"}


def test_the_chair_from_the_46th_summit_is_only_scheduled_and_then_undetermined():
    assert chair_of(ORG, "2026-12") == [("za", "scheduled")]
    assert all(status == "undetermined" for _, status in chair_of(ORG, "2027-12"))


def test_madagascar_was_suspended_from_2009_to_2014_but_not_in_2025():
    members = timeline_of(ORG).members
    assert members["mg"].standing_on(date(2010, 6, 1)).value == "suspended"
    assert members["mg"].standing_on(date(2014, 6, 1)).value == "member"
    assert members["mg"].standing_on(date(2025, 12, 1)).value == "member"


def test_seychelles_left_in_2004_and_came_back_in_2008_and_comoros_joined_in_2017():
    members = timeline_of(ORG).members
    assert members["sc"].standing_on(date(2006, 1, 1)).value != "member"
    assert members["sc"].standing_on(date(2009, 1, 1)).value == "member"
    assert members["km"].standing_on(date(2017, 1, 1)).value != "member"
    assert members["km"].standing_on(date(2018, 1, 1)).value == "member"
    assert len([m for m in members.values() if m.standing_on(date(2026, 1, 1)).value == "member"]) == 16
