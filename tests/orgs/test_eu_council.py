"""The Council of the EU: six-month presidencies from 1958 (alphabetical rounds, then orders the Council decided,
changed from 1 July 2017), and the European Council's meetings."""

from __future__ import annotations

from datetime import date

from _cli import chair_of, cli, timeline_of
from typer.testing import CliRunner

from timeline.cli import app

ORG = "eu-council"


def test_march_2027_is_lithuania_scheduled_by_the_adopted_order():
    assert chair_of(ORG, "2027-03") == [("lt", "scheduled")]


def test_estonia_took_the_second_half_of_2017_instead_of_the_united_kingdom():
    assert chair_of(ORG, "2017-09") == [("ee", "confirmed")]


def test_recent_presidencies():
    assert chair_of(ORG, "2024") == [("be", "confirmed"), ("hu", "confirmed")]
    assert chair_of(ORG, "2025") == [("pl", "confirmed"), ("dk", "confirmed")]


def test_beyond_the_adopted_order_the_presidency_is_undetermined():
    assert chair_of(ORG, "2031-03") == [(None, "undetermined")]
    out = cli("forecast", "--org", ORG, "--years", "10")
    assert "scheduled" in out and "undetermined" in out and "the adopted order ends with Malta" in out


def test_belgium_held_the_first_presidency_in_1958_and_germany_the_second():
    assert chair_of(ORG, "1958") == [("be", "confirmed"), ("de", "confirmed")]


def test_the_1973_enlargement_restarted_the_alphabetical_round_with_belgium():
    tl = timeline_of(ORG)
    assert tl.members["gb"].standing_on(date(1972, 12, 31)).value == "not-member"
    assert tl.members["gb"].standing_on(date(1973, 1, 1)).value == "member"
    assert chair_of(ORG, "1972-09") == [("nl", "confirmed")]
    assert chair_of(ORG, "1973") == [("be", "confirmed"), ("dk", "confirmed")]


def test_the_rule_alone_reproduces_the_alphabetical_and_decided_orders_before_2007():
    tl = timeline_of(ORG)
    rules = {r.id for r in tl.org.rotations}
    assert {"presidency-eec-six", "presidency-ec-twelve-second-cycle", "presidency-1995-order"} <= rules
    # Greece entered after Germany (Ellas); the second cycle of the twelve swapped the pairs (Denmark first).
    assert chair_of(ORG, "1983") == [("de", "confirmed"), ("gr", "confirmed")]
    assert chair_of(ORG, "1993") == [("dk", "confirmed"), ("be", "confirmed")]
    # 2005/902/EC: Finland took the second half of 2006, Germany January-June 2007.
    assert chair_of(ORG, "2006") == [("at", "confirmed"), ("fi", "confirmed")]


def test_the_united_kingdom_left_on_31_january_2020_after_giving_up_its_2017_turn():
    tl = timeline_of(ORG)
    assert tl.members["gb"].standing_on(date(2020, 1, 31)).value == "member"
    assert tl.members["gb"].standing_on(date(2020, 2, 1)).value == "not-member"
    assert chair_of(ORG, "2020") == [("hr", "confirmed"), ("de", "confirmed")]


def test_the_european_council_met_in_brussels_on_27_and_28_june_2024():
    out = cli("sessions", "--year", "2024", "--org", ORG)
    assert "27 Jun 2024 – 28 Jun 2024, Brussels — European Council" in out
    assert "1 Feb 2024, Brussels — European Council: Special European Council" in out
    tl = timeline_of(ORG)
    assert tl.events_by_id["euco-2025-12-18"].status.value == "held"


def test_the_cypriot_presidency_held_its_first_informal_meetings_in_nicosia():
    tl = timeline_of(ORG)
    jha = tl.events_by_id["cy2026-informal-jha"]
    assert (jha.status.value, jha.place, jha.chair) == ("held", "nicosia", "cy")
    # The presidency's calendar said 21-23 January; the ministers met on 22-23 January.
    assert (str(jha.date), str(jha.last_day)) == ("2026-01-22", "2026-01-23")
    held = {e.id for e in tl.org.events if e.id.startswith("cy2026-") and e.status.value == "held"}
    assert held == {"cy2026-informal-jha", "cy2026-informal-education", "cy2026-informal-compet-internal-market"}


def test_the_re_dated_cypriot_meetings_without_a_report_are_still_overdue():
    result = CliRunner().invoke(app, ["review", "--org", ORG], env={"TIMELINE_TODAY": "2026-12-07"})
    assert "cy2026-informal-defence" in result.output and "cy2026-informal-jha" not in result.output
    assert "euco-2026-02-12-retreat" not in result.output


def test_informal_meetings_of_each_presidency_are_chaired_by_it_except_the_high_representative_s():
    tl = timeline_of(ORG)
    by_chair: dict[str | None, set[str]] = {}
    for e in tl.org.events:
        if e.body and e.body.startswith("informal-"):
            by_chair.setdefault(e.chair, set()).add(e.id[:6])
    assert {"be2024", "hu2024", "pl2025", "dk2025", "cy2026"} <= {p for ids in by_chair.values() for p in ids}
    for chair, prefixes in by_chair.items():
        if chair is not None:
            assert all(p.startswith(chair) for p in prefixes)
    # Gymnich and the defence ministers' meetings are chaired by the High Representative: no presidency chair.
    assert tl.events_by_id["dk2025-gymnich"].chair is None


def test_the_hungarian_presidency_s_gymnich_was_moved_to_brussels():
    tl = timeline_of(ORG)
    gymnich = tl.events_by_id["hu2024-gymnich"]
    assert (gymnich.place, gymnich.status.value, str(gymnich.date)) == ("brussels", "held", "2024-08-29")
    assert tl.events_by_id["hu2024-informal-ecofin"].place == "budapest"


def test_the_european_council_s_informal_meetings_away_from_brussels():
    tl = timeline_of(ORG)
    places = {e.id: e.place for e in tl.org.events if e.body == "european-council" and e.kind == "meeting"}
    assert places["euco-2024-11-08-budapest"] == "budapest"
    assert places["euco-2025-10-01-copenhagen"] == "copenhagen"
    assert places["euco-2026-02-12-retreat"] == "bilzen"
    assert tl.events_by_id["euco-2026-02-12-retreat"].status.value == "held"


def test_each_presidency_hosts_its_informal_meetings_in_its_own_cities_unless_moved():
    tl = timeline_of(ORG)
    places = {p.id: p for p in tl.org.places}
    presidencies = {"be2024": "be", "hu2024": "hu", "pl2025": "pl", "dk2025": "dk"}
    hosted: dict[str, int] = {}
    for e in tl.org.events:
        prefix = e.id[:6]
        if prefix in presidencies and e.place:
            if e.id in {"hu2024-gymnich", "hu2024-informal-defence"}:
                assert places[e.place].member == "be"  # moved from Budapest to Brussels by the High Representative
                continue
            assert places[e.place].member == presidencies[prefix], e.id
            hosted[prefix] = hosted.get(prefix, 0) + 1
    assert hosted["be2024"] >= 12 and hosted["dk2025"] >= 10 and hosted["pl2025"] >= 7
    # The Belgian presidency met beyond Brussels: Namur, Genk, Mons, Ghent, Louvain-la-Neuve.
    be_cities = {tl.events_by_id[i].place for i in tl.events_by_id if i.startswith("be2024-")}
    assert {"namur", "genk", "mons", "ghent", "louvain-la-neuve", "brussels"} <= be_cities


def test_the_hungarian_presidency_s_defence_ministers_also_met_in_brussels_on_30_august_2024():
    tl = timeline_of(ORG)
    defence = tl.events_by_id["hu2024-informal-defence"]
    assert (defence.place, str(defence.date), defence.chair) == ("brussels", "2024-08-30", None)
    assert tl.events_by_id["hu2024-informal-transport"].place == "budapest"


def test_informal_meetings_known_only_indirectly_carry_medium_confidence():
    tl = timeline_of(ORG)
    for event_id in ("hu2024-informal-environment", "hu2024-informal-health", "dk2025-informal-epsco"):
        assert tl.events_by_id[event_id].confidence.value == "medium", event_id
    aalborg = tl.events_by_id["dk2025-informal-environment"]
    assert (str(aalborg.date), str(aalborg.last_day), aalborg.confidence.value) == ("2025-07-10", "2025-07-11", "high")
