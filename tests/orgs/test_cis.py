"""The CIS: the chairmanship of its Council of Heads of State, a calendar year per state, Russian alphabet."""

from __future__ import annotations

from _cli import chair_of

ORG = "cis"


def test_2026_is_turkmenistan():
    assert chair_of(ORG, "2026") == [("tm", "confirmed")]


def test_recent_years_follow_the_russian_alphabet_skipping_those_who_pass():
    years = {y: chair_of(ORG, str(y))[0][0] for y in range(2022, 2026)}
    assert years == {2022: "kz", 2023: "kg", 2024: "ru", 2025: "tj"}


def test_2027_is_uzbekistan():
    assert chair_of(ORG, "2027")[0][0] == "uz"
