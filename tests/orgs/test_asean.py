"""ASEAN: a calendar-year chairmanship in English alphabetical order, with its swaps and skips."""

from __future__ import annotations

from _cli import chair_of, timeline_of

ORG = "asean"


def test_2026_is_the_philippines_as_myanmar_passes_its_turn():
    assert chair_of(ORG, "2026") == [("ph", "confirmed")]
    tl = timeline_of(ORG)
    assert any(e.kind == "skip" and e.member == "mm" for r in tl.org.rotations for e in r.exceptions)


def test_the_swaps_of_2011_2013_and_2014_2016():
    assert chair_of(ORG, "2011") == [("id", "confirmed")]
    assert chair_of(ORG, "2013") == [("bn", "confirmed")]
    assert chair_of(ORG, "2014") == [("mm", "confirmed")]
    assert chair_of(ORG, "2016") == [("la", "confirmed")]


def test_thailand_held_the_chair_from_july_2008_to_the_end_of_2009():
    assert chair_of(ORG, "2009-06") == [("th", "confirmed")]
    assert chair_of(ORG, "2010") == [("vn", "confirmed")]
