"""The Council of the EU: six-month presidencies in the order the Council decided, changed from 1 July 2017."""

from __future__ import annotations

from _cli import chair_of, cli

ORG = "eu-council"


def test_march_2027_is_lithuania_scheduled_by_the_adopted_order():
    assert chair_of(ORG, "2027-03") == [("lt", "scheduled")]


def test_estonia_took_the_second_half_of_2017_instead_of_the_united_kingdom():
    assert chair_of(ORG, "2017-09") == [("ee", "confirmed")]


def test_recent_presidencies():
    assert chair_of(ORG, "2024") == [("be", "confirmed"), ("hu", "confirmed")]
    assert chair_of(ORG, "2025") == [("pl", "confirmed"), ("dk", "confirmed")]


def test_beyond_the_adopted_order_the_presidency_is_undetermined():
    assert chair_of(ORG, "2031-03") == [(None, "undetermined")]
    out = cli("forecast", "--org", ORG, "--years", "10")
    assert "scheduled" in out and "undetermined" in out and "the adopted order ends with Malta" in out
