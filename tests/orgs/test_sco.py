"""The SCO: the chair passes at each summit in Russian alphabetical order, with dated, sourced departures."""

from __future__ import annotations

from _cli import chair_of, timeline_of

from timeline.core.audit import anomalies

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
