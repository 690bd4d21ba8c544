"""The CSTO: facts from the seed press releases and the rules they describe, checked through the CLI."""

from __future__ import annotations

from datetime import date

from _cli import chair_of, cli, cli_json, timeline_of

from timeline.core.audit import anomalies

ORG = "csto"


def test_the_seed_session_of_23_november_2022_in_yerevan():
    out = cli("sessions", "--year", "2022", "--org", ORG)
    assert "23 Nov 2022, Yerevan" in out
    [part] = cli_json("sessions", "--year", "2022", "--org", ORG)["organisations"]
    assert "csc-2022-11-23-yerevan" in [s["id"] for s in part["sessions"]]
    assert all(
        s["date"].startswith("2022") and s["kind"] in ("session", "extraordinary-session") for s in part["sessions"]
    )


def test_the_next_session_was_announced_for_q4_2023_in_minsk():
    tl = timeline_of(ORG)
    minsk = [e for e in tl.sessions(2023) if e.place == "minsk"]
    assert minsk and minsk[0].announced is not None and str(minsk[0].announced.date) == "2023-Q4"


def test_2022_had_two_chairs_armenia_then_belarus_handing_over_at_the_session():
    out = cli("who-chairs", "2022", "--org", ORG)
    assert "Armenia — Nikol Pashinyan" in out and out.index("Armenia") < out.index("Belarus")
    out = cli("who-chairs", "2022-11-23", "--org", ORG)
    assert "Belarus — Alexander Lukashenko" in out and "Handover day: Armenia's term ended that day." in out
    assert "Armenia — Nikol Pashinyan" in cli("who-chairs", "2022-11-22", "--org", ORG)


def test_belarus_chaired_2023_and_the_chair_passes_on_1_january_since():
    [part] = cli_json("who-chairs", "2023", "--org", ORG)["organisations"]
    assert [c["member"]["name"] for c in part["chairs"]] == ["Belarus"]
    assert part["chairs"][0]["persons"][0]["name"] == "Alexander Lukashenko"
    assert part["chairs"][0]["term"]["sources"]
    assert chair_of(ORG, "2024") == [("kz", "confirmed")]
    assert chair_of(ORG, "2025") == [("kg", "confirmed")]
    assert chair_of(ORG, "2026") == [("ru", "confirmed")]


def test_the_secretary_general_from_1_january_2023_for_three_years():
    [part] = cli_json("who-holds", "Secretary General", "--on", "2023-06-01", "--org", ORG)["organisations"]
    [term] = part["terms"]
    assert term["holder"] == "tasmagambetov" and term["period"]["start"] == "2023-01-01"
    assert term["period"]["end"] == "2026-01-01"


def test_the_icmec_chairman_serves_three_years():
    tl = timeline_of(ORG)
    [term] = tl.holders("icmec-chairman", date(2023, 6, 1))
    assert term.holder == "manturov" and (term.period.end.year - term.period.start.year) == 3


def test_armenia_is_frozen_and_passed_over_by_the_projection():
    tl = timeline_of(ORG)
    assert tl.members["am"].standing_on(date(2028, 1, 1)).value == "frozen"
    assert chair_of(ORG, "2027") == [("tj", "projected")]
    assert chair_of(ORG, "2028") == [("by", "projected")]


def test_russia_chaired_temporarily_for_belarus_in_2009_2010_by_an_exception_not_an_anomaly():
    tl = timeline_of(ORG)
    assert chair_of(ORG, "2010-06") == [("ru", "confirmed")]
    assert "csc-chair-ru-2009" not in {a.term.id for a in anomalies(tl)}
    assert any(e.kind == "temporary" for r in tl.org.rotations for e in r.exceptions)


def test_a_projected_chair_names_the_last_recorded_head_as_a_hint_only():
    [part] = cli_json("who-chairs", "2027", "--org", ORG)["organisations"]
    [chair] = part["chairs"]
    assert chair["term"]["status"] == "projected" and chair["persons"] == []
    head = chair["last_recorded_head"]
    assert head["name"] and head["on"] < "2027-01-01"
    assert f"last recorded head of delegation: {head['name']}" in cli("who-chairs", "2027", "--org", ORG)


def test_secretaries_general_are_coloured_by_their_state():
    tl = timeline_of(ORG)
    assert tl.people["tasmagambetov"].member == "kz" and tl.people["zas"].member == "by"


def test_turns_placed_after_a_passed_over_member_share_its_assumption():
    """Armenia's frozen participation moves every later turn a year; if it came back, Belarus would not chair in
    2028 nor Kazakhstan in 2029. So each turn after the skip is at most medium and says what it assumes."""
    tl = timeline_of(ORG)
    [before] = tl.terms_during("csc-chairmanship", date(2027, 6, 1))
    assert before.confidence.value == "high"
    for year in (2028, 2029, 2030):
        [turn] = tl.terms_during("csc-chairmanship", date(year, 6, 1))
        assert turn.confidence.value == "medium", year
        assert {"assumes_standing", "follows_assumption"} & {r.key for r in turn.reasons}, year
    assert "assumes those skipped at the turn of 1 Jan 2028 (Uzbekistan, Armenia)" in cli(
        "who-chairs", "2029", "--org", ORG
    )
