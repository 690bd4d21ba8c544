"""The EAEU: the chairmanship passes on 1 January in the Russian alphabetical order of the members."""

from __future__ import annotations

from _cli import chair_of

ORG = "eaeu"


def test_2026_is_kazakhstan():
    assert chair_of(ORG, "2026") == [("kz", "confirmed")]


def test_the_russian_alphabet_from_belarus_in_2015():
    years = [chair_of(ORG, str(y))[0][0] for y in range(2015, 2027)]
    assert years == ["by", "kz", "kg", "ru", "am", "by", "kz", "kg", "ru", "am", "by", "kz"]


def test_2027_goes_to_kyrgyzstan_next_in_the_alphabet():
    assert chair_of(ORG, "2027") in ([("kg", "projected")], [("kg", "scheduled")])
