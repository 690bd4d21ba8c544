"""The Nordic Council of Ministers: a calendar-year presidency on an agreed rota, three swaps, joint presidencies."""

from __future__ import annotations

from _cli import chair_of

ORG = "nordic"


def test_finland_moved_from_2006_to_2007_for_its_eu_presidency():
    assert chair_of(ORG, "2006") == [("no", "confirmed")]
    assert chair_of(ORG, "2007") == [("fi", "confirmed")]
    assert chair_of(ORG, "2008") == [("se", "confirmed")]


def test_iceland_and_sweden_swapped_2023_and_2024():
    assert chair_of(ORG, "2023") == [("is", "confirmed")]
    assert chair_of(ORG, "2024") == [("se", "confirmed")]


def test_2025_finland_with_aland_and_2026_denmark_with_the_faroes_each_one_term():
    assert chair_of(ORG, "2025-06-01") == [("fi", "confirmed")]
    assert chair_of(ORG, "2026-06-01") == [("dk", "confirmed")]
    assert chair_of(ORG, "2020-06-01") == [("dk", "confirmed")]


def test_the_rota_projects_norway_in_2027_and_fills_unrecorded_years():
    assert chair_of(ORG, "2027") == [("no", "projected")]
    assert chair_of(ORG, "2012") == [("no", "derived")]
