"""The G20: calendar-year chairs 2008-2010, France from the Seoul summit, 1 December to 30 November since
Mexico (2011); hosts decided by the leaders, then undetermined."""

from __future__ import annotations

from _cli import chair_of

ORG = "g20"


def test_the_finance_chairs_of_the_first_leaders_summits():
    # Brazil chaired in 2008 while the US hosted Washington; the UK in 2009 while the US hosted Pittsburgh.
    assert chair_of(ORG, "2008-11-15") == [("br", "confirmed")]
    assert chair_of(ORG, "2009-09-24") == [("gb", "confirmed")]
    assert chair_of(ORG, "2010-06-26") == [("kr", "confirmed")]


def test_nothing_recorded_before_2008():
    assert chair_of(ORG, "2007-06-01") == []


def test_france_from_the_close_of_the_seoul_summit():
    assert chair_of(ORG, "2010-11-11") == [("kr", "confirmed")]
    assert chair_of(ORG, "2010-11-12") == [("fr", "confirmed")]


def test_mexico_from_1_december_2011():
    assert chair_of(ORG, "2011-11-30") == [("fr", "confirmed")]
    assert chair_of(ORG, "2011-12-01") == [("mx", "confirmed")]


def test_the_december_to_november_years():
    # A presidency is named for its summit year but begins the December before.
    assert chair_of(ORG, "2014-11-30") == [("au", "confirmed")]
    assert chair_of(ORG, "2014-12-01") == [("tr", "confirmed")]
    # Buenos Aires met 30 Nov - 1 Dec 2018: Japan's year began on the summit's second day.
    assert chair_of(ORG, "2018-11-30") == [("ar", "confirmed")]
    assert chair_of(ORG, "2018-12-01") == [("jp", "confirmed")]
    assert chair_of(ORG, "2022-01-15") == [("id", "confirmed")]


def test_the_united_states_from_1_december_2025_despite_the_contested_handover():
    # South Africa would not hand the gavel to the US Chargé d'Affaires; the US assumed it on 1 December.
    assert chair_of(ORG, "2025-11-23") == [("za", "confirmed")]
    assert chair_of(ORG, "2025-11-30") == [("za", "confirmed")]
    assert chair_of(ORG, "2025-12-01") == [("us", "confirmed")]
    assert chair_of(ORG, "2026-11-30") == [("us", "confirmed")]


def test_the_uk_2027_presidency_from_1_december_2026_then_korea_then_undetermined():
    assert chair_of(ORG, "2026-12-01") == [("gb", "scheduled")]
    assert chair_of(ORG, "2027-11-30") == [("gb", "scheduled")]
    assert chair_of(ORG, "2027-12-01") == [("kr", "scheduled")]
    assert chair_of(ORG, "2028-06-01") == [("kr", "scheduled")]
    [(holder, status)] = chair_of(ORG, "2028-12-01")
    assert holder is None and status == "undetermined"
