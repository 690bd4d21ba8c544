"""The Arctic Council: a two-year chairship in a fixed cycle; the 2022 pause, the virtual handovers (2023, 2025)."""

from __future__ import annotations

from _cli import chair_of, cli_json

ORG = "arctic"


def test_the_first_cycle_in_order():
    days = ["1997", "1999", "2001", "2003", "2005", "2008", "2010", "2012"]
    assert [chair_of(ORG, d)[0][0] for d in days] == ["ca", "us", "fi", "is", "ru", "no", "dk", "se"]


def test_norway_held_two_and_a_half_years_to_tromso():
    assert chair_of(ORG, "2009-04-28") == [("no", "confirmed")]
    assert chair_of(ORG, "2009-04-29") == [("dk", "confirmed")]


def test_russia_kept_the_chair_through_the_2022_pause():
    assert chair_of(ORG, "2022-03-04") == [("ru", "confirmed")]
    assert chair_of(ORG, "2023-05-10") == [("ru", "confirmed")]


def test_the_virtual_handovers_of_2023_and_2025():
    assert chair_of(ORG, "2023-05-11") == [("no", "confirmed")]
    assert chair_of(ORG, "2025-05-12") == [("dk", "confirmed")]
    [part] = cli_json("sessions", "--org", ORG)["organisations"]
    online = {s["id"] for s in part["sessions"] if "videoconference" in (s.get("formats") or [])}
    assert online == {"meeting-2023-05-11-salekhard", "meeting-2025-05-12-tromso"}


def test_sweden_projected_after_the_kingdom_of_denmark():
    assert chair_of(ORG, "2026-12-07") == [("dk", "confirmed")]
    assert chair_of(ORG, "2028") == [("se", "projected")]
