"""Mercosur: a semestral presidency in alphabetical order; the joint 2016 term, Venezuela's suspension, Bolivia."""

from __future__ import annotations

from _cli import chair_of, cli_json

ORG = "mercosur"


def test_the_second_half_of_2016_was_one_term_held_by_the_four_founders():
    [part] = cli_json("who-chairs", "2016-10-01", "--org", ORG)["organisations"]
    [chair] = part["chairs"]
    assert chair["term"]["id"] == "ppt-joint-2016"
    assert chair_of(ORG, "2016-07-28") == [("uy", "confirmed")]


def test_argentina_after_venezuela_was_suspended():
    assert chair_of(ORG, "2016-12-14") == [("ar", "confirmed")]
    assert chair_of(ORG, "2017-08") == [("br", "confirmed")]


def test_the_alphabetical_order_2022_to_2025():
    days = ["2022-10", "2023-03", "2023-10", "2024-03", "2024-10", "2025-03", "2025-10", "2026-03"]
    assert [chair_of(ORG, d)[0][0] for d in days] == ["uy", "ar", "br", "py", "uy", "ar", "br", "py"]


def test_bolivia_not_yet_in_the_rotation_and_venezuela_never_returns():
    assert chair_of(ORG, "2025-10-01") == [("br", "confirmed")]
    holders = {chair_of(ORG, f"{y}-{m}")[0][0] for y in range(2017, 2031) for m in ("03", "09")}
    assert "ve" not in holders


def test_the_virtual_summits_of_the_pandemic():
    [part] = cli_json("sessions", "--org", ORG)["organisations"]
    online = {s["id"] for s in part["sessions"] if "videoconference" in (s.get("formats") or [])}
    assert online == {
        "cmc-2020-07-02-virtual",
        "cmc-2020-12-16-virtual",
        "cmc-2021-07-08-virtual",
        "cmc-2021-12-virtual",
    }


def test_2026_uruguay_scheduled_after_paraguay_no_summit_report_found():
    assert chair_of(ORG, "2026-03-01") == [("py", "confirmed")]
    assert chair_of(ORG, "2026-09-01") == [("uy", "scheduled")]
