"""The CBSS: a presidency from 1 July in the CBSS's stated cycle; Russia's suspension and withdrawal in 2022."""

from __future__ import annotations

from _cli import chair_of, timeline_of

ORG = "cbss"


def test_the_year_runs_from_1_july():
    assert chair_of(ORG, "2025-06-30") == [("ee", "confirmed")]
    assert chair_of(ORG, "2025-07-01") == [("pl", "confirmed")]


def test_russia_held_its_turns_after_germany():
    assert chair_of(ORG, "2001-12-01") == [("ru", "confirmed")]
    assert chair_of(ORG, "2012-12-01") == [("ru", "confirmed")]


def test_russia_passed_over_after_it_left_in_2022():
    assert chair_of(ORG, "2022-12-01") == [("de", "confirmed")]
    assert chair_of(ORG, "2023-12-01") == [("fi", "confirmed")]


def test_iceland_by_the_cycle_after_poland_and_the_eu_never_chairs():
    assert chair_of(ORG, "2026-12-01") == [("is", "scheduled")]
    assert chair_of(ORG, "2027-12-01") == [("se", "projected")]
    holders = [chair_of(ORG, f"{y}-12-01")[0][0] for y in range(2000, 2035)]
    assert "eu" not in holders
    assert "ru" not in holders[22:]


def test_russia_suspended_then_left():
    changes = timeline_of(ORG).members["ru"].changes
    kinds = [(c.kind.value, (c.date.year, c.date.month, c.date.day)) for c in changes]
    assert kinds == [("joined", (1992, 3, 6)), ("suspended", (2022, 3, 3)), ("left", (2022, 5, 17))]
