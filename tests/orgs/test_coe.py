"""The Council of Europe: the Chairmanship of the Committee of Ministers, six months in English alphabetical order,
handed over in mid-May and mid-November, with its exchanged turns and Russia's expulsion."""

from __future__ import annotations

from _cli import chair_of

ORG = "coe"


def test_estonia_took_croatias_turn_in_2016():
    assert chair_of(ORG, "2016-05-17") == [("bg", "derived")]
    assert chair_of(ORG, "2016-05-18") == [("ee", "confirmed")]
    assert chair_of(ORG, "2016-11-22") == [("cy", "confirmed")]


def test_croatia_took_estonias_turn_in_2018():
    assert chair_of(ORG, "2018-05-17") == [("dk", "confirmed")]
    assert chair_of(ORG, "2018-05-18") == [("hr", "confirmed")]
    assert chair_of(ORG, "2018-11-21") == [("fi", "confirmed")]


def test_greece_and_germany_exchanged_their_turns_in_2020():
    assert chair_of(ORG, "2020-05-14") == [("ge", "confirmed")]
    assert chair_of(ORG, "2020-05-15") == [("gr", "confirmed")]
    assert chair_of(ORG, "2020-11-18") == [("de", "confirmed")]
    assert chair_of(ORG, "2021-05-21") == [("hu", "confirmed")]


def test_italy_took_icelands_turn_and_ireland_kept_its_place():
    assert chair_of(ORG, "2021-11-16") == [("hu", "confirmed")]
    assert chair_of(ORG, "2021-11-17") == [("it", "confirmed")]
    assert chair_of(ORG, "2022-05-19") == [("it", "confirmed")]
    assert chair_of(ORG, "2022-05-20") == [("ie", "confirmed")]
    assert chair_of(ORG, "2022-11-09") == [("is", "confirmed")]
    assert chair_of(ORG, "2023-05-17") == [("lv", "confirmed")]


def test_italy_chaired_when_russia_was_expelled():
    assert chair_of(ORG, "2022-03-16") == [("it", "confirmed")]


def test_the_republic_of_moldova_is_sorted_under_m():
    assert chair_of(ORG, "2025-06-01") == [("mt", "confirmed")]
    assert chair_of(ORG, "2025-12-01") == [("md", "confirmed")]


def test_monaco_and_montenegro_are_scheduled_then_the_alphabet_is_projected():
    assert chair_of(ORG, "2026-06-01") == [("mc", "scheduled")]
    assert chair_of(ORG, "2026-12-07") == [("me", "scheduled")]
    assert chair_of(ORG, "2027-07-01") == [("nl", "projected")]


def test_russia_expelled_in_2022_is_passed_over():
    turns = [chair_of(ORG, f"{year}-{month}-01")[0][0] for year in range(2028, 2031) for month in ("01", "07")]
    assert turns == ["mk", "no", "pl", "pt", "ro", "sm"]
