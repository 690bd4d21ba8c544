"""The UN Security Council: the monthly presidency in English alphabetical order over the members of the month."""

from __future__ import annotations

from _cli import chair_of, cli, timeline_of

ORG = "unsc"


def test_april_2024_malta_presided():
    assert chair_of(ORG, "2024-04") == [("mt", "confirmed")]


def test_a_year_lists_all_twelve_presidents_in_order():
    chairs = chair_of(ORG, "2024")
    assert [m for m, _ in chairs] == ["fr", "gy", "jp", "mt", "mz", "kr", "ru", "sl", "si", "ch", "gb", "us"]
    out = cli("who-chairs", "2024", "--org", ORG)
    assert "Apr 2024: Malta" in out or "1 Apr 2024 – 30 Apr 2024: Malta" in out


def test_the_order_continues_into_a_new_membership_after_the_last_president():
    assert chair_of(ORG, "2023-12") == [("ec", "confirmed")]
    assert chair_of(ORG, "2024-01") == [("fr", "confirmed")]


def test_the_pool_is_the_fifteen_seats_of_the_month():
    tl = timeline_of(ORG)
    from datetime import date

    assert len(tl.rotation.seat_holders("unsc-seat", date(2024, 4, 1))) == 15


def test_months_beyond_the_elected_members_are_undetermined():
    chairs = chair_of(ORG, "2029-03")
    assert chairs == [(None, "undetermined")]
