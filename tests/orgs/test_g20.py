"""The G20: 1 December to 30 November since Mexico (2011); hosts decided by the leaders, then undetermined."""

from __future__ import annotations

from _cli import chair_of

ORG = "g20"


def test_mexico_from_1_december_2011():
    assert chair_of(ORG, "2011-11-30") == [("fr", "confirmed")]
    assert chair_of(ORG, "2011-12-01") == [("mx", "confirmed")]


def test_the_united_states_from_1_december_2025_despite_the_contested_handover():
    assert chair_of(ORG, "2025-11-30") == [("za", "confirmed")]
    assert chair_of(ORG, "2025-12-01") == [("us", "confirmed")]


def test_the_decided_hosts_then_undetermined():
    assert chair_of(ORG, "2027-01-15") == [("gb", "scheduled")]
    assert chair_of(ORG, "2028-06-01") == [("kr", "scheduled")]
    [(holder, status)] = chair_of(ORG, "2029-06-01")
    assert holder is None and status == "undetermined"
