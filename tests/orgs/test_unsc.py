"""The UN Security Council: the monthly presidency in English alphabetical order over the members of the month."""

from __future__ import annotations

from datetime import date

from _cli import chair_of, cli, cli_json, timeline_of

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


def test_1946_begins_with_australia_on_17_january_and_the_eleven_seats():
    from datetime import date

    assert chair_of(ORG, "1946-01") == [("au", "confirmed")]
    tl = timeline_of(ORG)
    assert len(tl.rotation.seat_holders("unsc-seat-1946", date(1946, 1, 17))) == 11
    assert len(tl.rotation.seat_holders("unsc-seat", date(1966, 1, 1))) == 15


def test_resolution_14_keeps_the_united_states_to_the_end_of_1946_then_calendar_months():
    assert chair_of(ORG, "1946-12") == [("us", "confirmed")]
    assert chair_of(ORG, "1947-01") == [("au", "derived")]
    assert chair_of(ORG, "1947-02") == [("be", "derived")]


def test_the_ussr_sorts_under_u_until_1991_and_the_russian_federation_under_r():
    assert chair_of(ORG, "1991-12") == [("su", "derived")]
    assert chair_of(ORG, "1992-01") == [("gb", "derived")]
    assert chair_of(ORG, "1997-06") == [("ru", "confirmed")]
    assert chair_of(ORG, "1997-07") == [("se", "confirmed")]


def test_democratic_yemen_under_d_puts_malaysia_in_july_and_romania_in_august_1990():
    assert chair_of(ORG, "1990-03") == [("yd", "derived")]
    assert chair_of(ORG, "1990-07") == [("my", "confirmed")]
    assert chair_of(ORG, "1990-08") == [("ro", "confirmed")]


def test_the_rule_replayed_from_1946_reaches_the_united_states_in_january_2000():
    assert chair_of(ORG, "1999-12") == [("gb", "derived")]
    assert chair_of(ORG, "2000-01") == [("us", "confirmed")]


def _presiding(when: str) -> list[tuple[str | None, str | None]]:
    """(member id, person id) of the month's presidency, through the CLI's JSON."""
    [part] = cli_json("who-chairs", when, "--org", ORG)["organisations"]
    return [
        (c["member"]["id"] if c["member"] else None, (c["term"].get("person") or {}).get("id")) for c in part["chairs"]
    ]


def test_the_presiding_representative_is_recorded_for_sourced_months():
    assert _presiding("2019-08") == [("pl", "wronecka")]
    assert _presiding("2025-01") == [("dz", "bendjama")]
    assert _presiding("2026-02") == [("gb", "kariuki")]


def test_the_same_representative_presides_again_in_a_later_month():
    assert _presiding("2018-05") == [("pl", "wronecka")]
    assert _presiding("2018-04") == [("pe", "meza-cuadra")]
    assert _presiding("2019-07") == [("pe", "meza-cuadra")]
    assert _presiding("2019-10") == [("za", "matjila")]
    assert _presiding("2021-10") == [("ke", "kimani")]
    assert _presiding("2020-12") == [("za", "matjila")]


def test_a_month_announced_in_advance_is_confirmed_once_a_report_of_the_month_names_it():
    [part] = cli_json("who-chairs", "2016-06", "--org", ORG)["organisations"]
    [chair] = part["chairs"]
    assert chair["term"]["status"] == "confirmed"
    assert (chair["member"]["id"], chair["term"]["person"]["id"]) == ("fr", "delattre")
    assert _presiding("2015-10") == _presiding("2016-12") == [("es", "oyarzun")]


def test_a_month_with_no_sourced_representative_names_no_person():
    assert _presiding("2026-06") == [("co", None)]
    assert _presiding("2015-05") == [("lt", "murmokaite")]


def test_months_once_sourced_only_from_aggregators_now_name_their_representative():
    assert _presiding("2023-10") == [("br", "danese")]
    assert _presiding("2024-10") == [("ch", "baeriswyl")]
    assert _presiding("2025-12") == [("si", "zbogar")]


def test_the_uk_presidency_s_meetings_of_february_2026_are_held():
    tl = timeline_of(ORG)
    events = {e.id: e for e in tl.org.events}
    assert events["council-2026-02-19-sudan"].status.value == "held"
    assert events["council-2026-02-24-ukraine"].status.value == "held"


def test_a_signature_event_records_who_actually_chaired_it():
    events = {e.id: e for e in timeline_of(ORG).org.events}
    assert events["council-2025-09-24-ai"].chair_person == "lee-jae-myung"
    assert events["council-2025-11-17-food-insecurity"].chair_person == "bio"
    # announced for Somalia's President, chaired by its ambassador when the trip was cancelled
    assert events["council-2026-01-26-rule-of-law"].chair_person == "dahir-osman"


def test_the_month_the_rule_alone_gives_today_is_listed_by_review():
    """No source names December 2026's president yet: the rule's turn (Liberia, derived) is today's answer, and
    review lists it as a term that has begun without a source."""
    from timeline.core.review import begun

    tl = timeline_of(ORG)
    [today] = begun(tl, date(2026, 12, 7))
    assert (today.holder, today.status.value) == ("lr", "derived")


def test_heads_of_state_and_government_who_chaired_a_summit_level_meeting():
    events = {e.id: e for e in timeline_of(ORG).org.events}
    trump = events["council-2018-09-26-non-proliferation"]
    assert (trump.chair, trump.chair_person, trump.place, trump.status.value) == ("us", "trump", "new-york", "held")
    assert events["council-2017-09-20-peacekeeping-reform"].chair_person == "hailemariam-desalegn"
    assert events["council-2023-09-20-ukraine"].chair_person == "rama"
    # the same foreign minister chaired China's meetings of February 2015 and May 2021
    assert events["council-2015-02-23-un-charter"].chair_person == "wang-yi"
    assert events["council-2021-05-07-multilateralism"].chair_person == "wang-yi"


def test_a_meeting_held_by_video_link_has_no_place():
    events = {e.id: e for e in timeline_of(ORG).org.events}
    modi = events["council-2021-08-09-maritime-security"]
    assert (modi.chair_person, modi.place, modi.formats) == ("modi", None, ("videoconference",))
    assert events["council-2021-02-23-climate-security"].place is None


def test_every_meeting_is_chaired_by_the_month_s_presiding_member():
    """A minister or head of state chairs for the presidency: the event's member is the month's president."""
    events = timeline_of(ORG).org.events
    assert len(events) >= 40
    for event in events:
        assert chair_of(ORG, event.date.earliest.strftime("%Y-%m"))[0][0] == event.chair, event.id


def test_a_month_with_a_high_level_meeting_keeps_its_ambassador_as_the_month_s_person():
    # Duda and Czaputowicz chaired meetings in May 2018; the month's president is still Ambassador Wronecka
    assert _presiding("2018-05") == [("pl", "wronecka")]
    events = {e.id: e for e in timeline_of(ORG).org.events}
    assert events["council-2018-05-17-international-law"].chair_person == "duda"
    assert events["council-2018-05-22-protection-of-civilians"].chair_person == "czaputowicz"
