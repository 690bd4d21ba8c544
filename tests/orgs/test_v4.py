"""The Visegrad Group: a year from 1 July in the written cycle Czechia, Poland, Hungary, Slovakia."""

from __future__ import annotations

from _cli import chair_of, cli_json

ORG = "v4"


def test_the_first_presidency_began_at_the_bratislava_summit_of_1999():
    assert chair_of(ORG, "1999-05-13") == []
    assert chair_of(ORG, "1999-05-14") == [("cz", "confirmed")]
    assert chair_of(ORG, "2000-06-30") == [("cz", "confirmed")]
    assert chair_of(ORG, "2000-07-01") == [("pl", "confirmed")]


def test_the_cycle_every_first_of_july():
    years = [chair_of(ORG, f"{y}-12-01")[0][0] for y in range(2010, 2026)]
    assert years == ["sk", "cz", "pl", "hu"] * 4


def test_the_year_runs_to_30_june():
    assert chair_of(ORG, "2025-06-30") == [("pl", "confirmed")]
    assert chair_of(ORG, "2025-07-01") == [("hu", "confirmed")]


def test_slovakia_2026_is_scheduled_by_the_order_and_the_cycle_is_projected_after():
    assert chair_of(ORG, "2026-12-07") == [("sk", "scheduled")]
    assert chair_of(ORG, "2027-07-01") == [("cz", "projected")]
    assert chair_of(ORG, "2030-01-01") == [("hu", "projected")]


def test_the_2010_closing_summit_came_after_the_handover():
    [part] = cli_json("sessions", "--org", ORG)["organisations"]
    dates = {s["id"]: s["date"] for s in part["sessions"]}
    assert dates["v4-summit-2010-07-20-budapest"].startswith("2010-07-20")
    assert chair_of(ORG, "2010-07-20") == [("sk", "confirmed")]
