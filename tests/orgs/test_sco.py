"""The SCO: the chair passes at each summit in Russian alphabetical order, with dated, sourced departures."""

from __future__ import annotations

from datetime import date

from _cli import chair_of, timeline_of

from timeline.core.audit import anomalies
from timeline.core.review import begun

ORG = "sco"


def test_the_tianjin_declaration_hands_the_chair_to_kyrgyzstan():
    assert chair_of(ORG, "2025-08-31") == [("cn", "confirmed")]
    assert chair_of(ORG, "2025-09-02") == [("kg", "confirmed")]


def test_tajikistan_took_russias_turn_in_2013_and_russia_took_it_back_in_2014():
    assert chair_of(ORG, "2013-10-01") == [("tj", "confirmed")]
    assert chair_of(ORG, "2014-10-01") == [("ru", "confirmed")]
    assert chair_of(ORG, "2015-08-01") == [("uz", "confirmed")]


def test_russia_after_kyrgyzstan_in_2019_with_pakistan_passed_over():
    assert chair_of(ORG, "2019-07-01") == [("ru", "confirmed")]
    tl = timeline_of(ORG)
    skips = {(e.kind, getattr(e, "member", None)) for r in tl.org.rotations for e in r.exceptions}
    assert ("skip", "pk") in skips and ("skip", "ir") in skips


def test_india_chaired_from_samarkand_to_the_virtual_new_delhi_summit():
    assert chair_of(ORG, "2023-01-01") == [("in", "confirmed")]
    assert chair_of(ORG, "2023-07-05") == [("kz", "confirmed")]


def test_no_recorded_term_is_an_unexplained_departure():
    assert not anomalies(timeline_of(ORG))


def test_members_enter_the_pool_from_their_joins():
    tl = timeline_of(ORG)
    from datetime import date

    assert tl.members["in"].standing_on(date(2017, 6, 1)).value != "member"
    assert tl.members["by"].standing_on(date(2024, 7, 5)).value == "member"


def test_a_turn_handed_over_at_a_summit_known_only_to_the_year_has_not_surely_begun_before_that_year_ends():
    """The 2026 summit in Kyrgyzstan has no day yet: Pakistan's computed turn may start on any day of 2026, so review
    does not call it begun in December 2026 (Kyrgyzstan may still chair), only once 2026 is over."""
    tl = timeline_of(ORG)
    assert [t.holder for t in begun(tl, date(2026, 12, 7))] == []
    assert [t.holder for t in begun(tl, date(2027, 1, 1))] == ["pk"]


def test_a_handover_known_only_to_the_year_is_worded_as_maybe_not_as_a_count_of_months(monkeypatch):
    """In December 2026 the Bishkek summit's day is not recorded: Kyrgyzstan may have handed over, Pakistan may have
    taken over, and the turn after it is 'in about 2027', not '1 Jan 2027'."""
    from _cli import cli

    monkeypatch.setenv("TIMELINE_TODAY", "2026-12-07")
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    out = cli("who-chairs", "now", "--org", ORG)
    assert "(began a year ago, may have ended) [end known only as 2026]" in out
    assert "(may have begun, ends in a year) [start known only as 2026" in out
    assert "next: Russia · projected, taking over in about 2027" in out
    assert "began 11 months ago" not in out and "from 1 Jan 2027" not in out
