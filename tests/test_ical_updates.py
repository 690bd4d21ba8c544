"""Feeds stay correct across rebuilds: stable UIDs, SEQUENCE and LAST-MODIFIED on change, withdrawals, determinism."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

import icalendar

from tests.helpers.dataset import FIXTURE_ASOF
from tests.helpers.edits import edit_events
from timeline.load import load
from timeline.render.ical import feeds as ical_feeds
from timeline.render.ical.feeds import render_feeds
from timeline.render.ical.state import GRACE_DAYS
from timeline.render.view import View

FIRST = datetime(2024, 6, 1, tzinfo=UTC)
SECOND = datetime(2024, 6, 8, tzinfo=UTC)


PUBLISHED: dict[str, bytes] = {}
"""The feeds as last built by `build` (what a build reads back from the output folder)."""


def build(data: Path, stamp: datetime, previous: dict | None = None):
    tl = load(data, "testorg")
    feeds, state = render_feeds(View(tl, FIXTURE_ASOF), stamp=stamp, previous=previous, published=PUBLISHED.get)
    PUBLISHED.clear()
    PUBLISHED.update({f.name: f.content for f in feeds})
    return {f.name: f for f in feeds}, state


def vevents(feed) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")}


def edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_same_data_gives_byte_identical_feeds_and_state(data_copy):
    first, state = build(data_copy, FIRST)
    again, state_again = build(data_copy, FIRST)
    rebuilt, state_rebuilt = build(data_copy, SECOND, previous=json.loads(json.dumps(state)))
    for name, feed in first.items():
        assert again[name].content == feed.content
        assert rebuilt[name].content.replace(b"DTSTAMP:20240608", b"DTSTAMP:20240601") == feed.content
    assert state_again == state
    assert state_rebuilt["feeds"] == state["feeds"]  # nothing changed: no SEQUENCE, no LAST-MODIFIED moved


def test_an_edit_raises_sequence_and_moves_last_modified_keeping_uids(data_copy):
    first, state = build(data_copy, FIRST)

    def change(entries):
        for entry in entries:
            if entry["id"] == "summer-2023":
                entry["title"] = "Summer session in Minsk"  # title, time and date: none is in the UID
                entry["time"] = "11:00"
            if entry["id"] == "winter-2024":
                entry["date"] = "2024-01-18"
        return entries

    edit_events(data_copy, change)
    second, _ = build(data_copy, SECOND, previous=state)
    before, after = vevents(first["testorg-sessions.ics"]), vevents(second["testorg-sessions.ics"])
    assert set(after) == set(before)
    for uid in ("event/summer-2023@testorg.timeline", "event/winter-2024@testorg.timeline"):
        assert int(after[uid]["SEQUENCE"]) == 1
        assert after[uid].decoded("LAST-MODIFIED") == SECOND
        assert after[uid].decoded("CREATED") == FIRST
    assert str(after["event/summer-2023@testorg.timeline"]["SUMMARY"]) == "CHS: Summer session in Minsk"
    untouched = after["event/berlin-summer-2024@testorg.timeline"]
    assert int(untouched["SEQUENCE"]) == 0 and untouched.decoded("LAST-MODIFIED") == FIRST
    assert untouched.decoded("DTSTAMP") == SECOND


def test_a_change_elsewhere_in_the_data_reaches_every_event_that_shows_it(data_copy):
    """Renaming a person changes the descriptions of the events and terms that name her, nothing else."""
    _, state = build(data_copy, FIRST)
    edit_text(data_copy / "testorg" / "people.yaml", "Мария Петрова", "Мария Ивановна Петрова")
    second, _ = build(data_copy, SECOND, previous=state)
    changed = {uid for uid, e in vevents(second["testorg-all.ics"]).items() if int(e["SEQUENCE"])}
    assert changed == {"event/summer-2023@testorg.timeline", "handover/sg-petrova@testorg.timeline"}


def test_a_removed_event_is_published_cancelled_then_dropped_after_the_grace_period(data_copy):
    _, state = build(data_copy, FIRST)
    edit_events(data_copy, lambda entries: [e for e in entries if e["id"] != "berlin-summer-2024"])
    second, state2 = build(data_copy, SECOND, previous=state)
    uid = "event/berlin-summer-2024@testorg.timeline"
    for name in ("testorg-sessions.ics", "testorg-all.ics"):
        withdrawn = vevents(second[name])[uid]
        assert str(withdrawn["STATUS"]) == "CANCELLED" and int(withdrawn["SEQUENCE"]) == 1
        assert str(withdrawn["SUMMARY"]).endswith("(withdrawn)")
        assert withdrawn.decoded("LAST-MODIFIED") == SECOND
        assert "removed from the data on 2024-06-08" in str(withdrawn["DESCRIPTION"])
    assert uid not in vevents(second["testorg-chairmanship.ics"])
    assert second["testorg-sessions.ics"].events == 5

    later = SECOND + timedelta(days=GRACE_DAYS - 1)
    third, state3 = build(data_copy, later, previous=state2)
    assert uid in vevents(third["testorg-sessions.ics"])  # still there, unchanged
    withdrawn = state3["feeds"]["testorg-sessions.ics"]["withdrawn"][uid]
    assert withdrawn == state2["feeds"]["testorg-sessions.ics"]["withdrawn"][uid]
    assert "Ministers' meeting in Berlin (withdrawn)" in withdrawn["content"], "it shows what was withdrawn"

    fourth, _ = build(data_copy, SECOND + timedelta(days=GRACE_DAYS), previous=state3)
    assert uid not in vevents(fourth["testorg-sessions.ics"])


def test_a_restored_event_comes_back_with_a_higher_sequence(data_copy):
    _, state = build(data_copy, FIRST)
    original = (data_copy / "testorg" / "events.yaml").read_text(encoding="utf-8")
    edit_events(data_copy, lambda entries: [e for e in entries if e["id"] != "winter-2024"])
    _, state2 = build(data_copy, SECOND, previous=state)
    (data_copy / "testorg" / "events.yaml").write_text(original, encoding="utf-8")
    third, _ = build(data_copy, SECOND + timedelta(days=1), previous=state2)
    restored = vevents(third["testorg-sessions.ics"])["event/winter-2024@testorg.timeline"]
    assert str(restored["STATUS"]) == "CONFIRMED" and int(restored["SEQUENCE"]) == 2


def test_an_event_moved_to_another_body_is_withdrawn_from_the_old_body_feed(data_copy, monkeypatch):
    monkeypatch.setattr(ical_feeds, "BODY_FEED_EVENTS", 1)  # every body with sessions has a feed
    _, state = build(data_copy, FIRST)
    edit_text(data_copy / "testorg" / "events.yaml", "body: ministers\n  title: Ministers' meeting in Berlin",
              "body: council\n  title: Ministers' meeting in Berlin")  # fmt: skip
    second, _ = build(data_copy, SECOND, previous=state)
    uid = "event/berlin-summer-2024@testorg.timeline"
    assert str(vevents(second["testorg-sessions-ministers.ics"])[uid]["STATUS"]) == "CANCELLED"
    moved = vevents(second["testorg-sessions-council.ics"])[uid]
    assert str(moved["STATUS"]) == "CONFIRMED" and int(moved["SEQUENCE"]) == 1  # one event, one SEQUENCE: it changed


def test_a_feed_no_longer_listed_is_removed_like_a_file_its_events_kept_elsewhere(data_copy, monkeypatch):
    """A body's feed whose sessions all left is not published again (the build removes its file, and the state
    forgets it); the sessions feed still withdraws them, and a later build does not bring the feed back."""
    monkeypatch.setattr(ical_feeds, "BODY_FEED_EVENTS", 1)
    first, state = build(data_copy, FIRST)
    assert "testorg-sessions-ministers.ics" in first
    edit_events(data_copy, lambda entries: [e for e in entries if e["body"] != "ministers"])
    second, state2 = build(data_copy, SECOND, previous=state)
    assert "testorg-sessions-ministers.ics" not in second and "testorg-sessions-ministers.ics" not in state2["feeds"]
    withdrawn = vevents(second["testorg-sessions.ics"])["event/berlin-summer-2024@testorg.timeline"]
    assert str(withdrawn["STATUS"]) == "CANCELLED"
    third, _ = build(data_copy, SECOND + timedelta(days=1), previous=state2)
    assert "testorg-sessions-ministers.ics" not in third


def test_a_new_id_is_a_new_uid(data_copy):
    """UIDs come from ids: renaming the id (and only that) replaces the event."""
    _, state = build(data_copy, FIRST)
    edit_text(data_copy / "testorg" / "events.yaml", "id: winter-2024", "id: winter-session-2024")
    second, _ = build(data_copy, SECOND, previous=state)
    found = vevents(second["testorg-sessions.ics"])
    assert str(found["event/winter-2024@testorg.timeline"]["STATUS"]) == "CANCELLED"
    assert str(found["event/winter-session-2024@testorg.timeline"]["STATUS"]) == "CONFIRMED"


def test_an_unusable_previous_state_counts_as_a_first_build(data_copy):
    first, _ = build(data_copy, FIRST)
    for junk in ({}, {"version": 99, "feeds": {}}, {"version": 1, "feeds": {"testorg-sessions.ics": {"events": {
            "event/x@testorg.timeline": {"sequence": "one"}}}}}):  # fmt: skip
        again, _ = build(data_copy, FIRST, previous=junk)
        assert {n: f.content for n, f in again.items()} == {n: f.content for n, f in first.items()}


def test_state_is_json_keeps_a_hash_per_event_and_is_small(data_copy):
    feeds, state = build(data_copy, FIRST)
    assert json.loads(json.dumps(state)) == state
    assert state["version"] == 4 and state["grace_days"] == GRACE_DAYS and state["org"] == "testorg"
    assert state["stamps"] == ["20240601T000000Z"], "each CREATED and LAST-MODIFIED once"
    digest, *rest = state["events"]["event/summer-2023@testorg.timeline"].split(" ")
    assert rest == ["0", "0"], '"hash SEQUENCE CREATED", CREATED as a position in stamps: LAST-MODIFIED left out'
    assert len(digest) >= 16 and all(c in "0123456789abcdef" for c in digest)
    position = sorted(state["events"]).index("event/summer-2023@testorg.timeline")
    assert position in accumulate(state["feeds"]["testorg-sessions.ics"]["items"]), "positions as steps"
    size = len(json.dumps(state).encode())
    assert size < 0.3 * sum(len(f.content) for f in feeds.values()), "a fraction of the feeds (<10% at scale)"


def as_version_2(state: dict) -> dict:
    """A state as builds before version 3 wrote it: CREATED and LAST-MODIFIED written out in each entry, each feed's
    positions as they are."""
    stamps = state["stamps"]
    events = {uid: [e[0], e[1], *(stamps[i] for i in e[2:])] for uid, e in as_version_3(state)["events"].items()}
    feeds = {name: {**feed, "items": list(accumulate(feed["items"]))} for name, feed in state["feeds"].items()}
    return {k: v for k, v in state.items() if k != "stamps"} | {"version": 2, "events": events, "feeds": feeds}


def as_version_3(state: dict) -> dict:
    """A state as builds before version 4 wrote it: each event a list [hash, SEQUENCE, CREATED(, LAST-MODIFIED)]."""
    listed = {uid: [e.split(" ")[0], *map(int, e.split(" ")[1:])] for uid, e in state["events"].items()}
    return state | {"version": 3, "events": listed}


def test_an_unchanged_event_keeps_its_stored_string_and_a_version_3_state_is_read(data_copy):
    """A rebuild shares an unchanged event's string with the state it read (the stamps before it stay where they
    were); a state of version 3 (lists) gives the same feeds and state, and an edit raises SEQUENCE across it."""
    first, state = build(data_copy, FIRST)
    _, same = build(data_copy, FIRST, previous=state)
    assert same == state and all(same["events"][uid] is text for uid, text in state["events"].items())
    from_lists, state3 = build(data_copy, FIRST, previous=as_version_3(state))
    assert state3 == state and {n: f.content for n, f in from_lists.items()} == {n: f.content for n, f in first.items()}
    edit_text(data_copy / "testorg" / "events.yaml", '"Summer session, Minsk"', '"Summer meeting, Minsk"')
    second, state2 = build(data_copy, SECOND, previous=as_version_3(state))
    edited = vevents(second["testorg-sessions.ics"])["event/summer-2023@testorg.timeline"]
    assert int(edited["SEQUENCE"]) == 1 and edited.decoded("LAST-MODIFIED") == SECOND
    assert state2["stamps"] == [*state["stamps"], "20240608T000000Z"]
    assert state2["events"]["event/summer-2023@testorg.timeline"].split(" ")[1:] == ["1", "0", "1"]


def test_a_state_written_before_the_stamps_table_is_read_sequence_goes_on(data_copy):
    _, state = build(data_copy, FIRST)
    edit_events(data_copy, lambda entries: [e for e in entries if e["id"] != "berlin-summer-2024"])
    second, state2 = build(data_copy, SECOND, previous=as_version_2(state))
    third, _ = build(data_copy, SECOND + timedelta(days=1), previous=as_version_2(state2))
    withdrawn = vevents(third["testorg-sessions.ics"])["event/berlin-summer-2024@testorg.timeline"]
    assert str(withdrawn["STATUS"]) == "CANCELLED" and int(withdrawn["SEQUENCE"]) == 1
    assert {n: f.content for n, f in third.items()} == {
        n: f.content.replace(b"DTSTAMP:20240608", b"DTSTAMP:20240609") for n, f in second.items()
    }, "read back from version 2, nothing changed"


def test_a_projected_turn_that_is_recorded_is_updated_in_place_not_withdrawn(data_copy):
    """Issue 9: a rotating office's turn keeps its UID from projected to confirmed; the event is updated
    (SEQUENCE up, TENTATIVE -> CONFIRMED), and nothing is published as withdrawn."""
    first, state = build(data_copy, FIRST)
    uid = "turn/council-chair/2025-01-01@testorg.timeline"
    before = vevents(first["testorg-chairmanship.ics"])[uid]
    assert str(before["STATUS"]) == "TENTATIVE" and "projected" in str(before["SUMMARY"])
    holder = "aa"  # the rule's turn for 2025 (Betastan is frozen), now confirmed by a source
    terms = data_copy / "testorg" / "terms.yaml"
    entry = f"- {{id: chair-aa-2025, office: council-chair, holder: {holder}, start: 2025-01-01, sources: [press-2]}}"
    terms.write_text(terms.read_text(encoding="utf-8") + entry + "\n", encoding="utf-8")
    second, _ = build(data_copy, SECOND, previous=state)
    for name in ("testorg-chairmanship.ics", "testorg-all.ics"):
        after = vevents(second[name])
        assert set(after) == set(vevents(first[name])), f"{name}: an event was added or dropped"
        assert not [e for e in after.values() if "withdrawn" in str(e["SUMMARY"])], f"{name}: something was withdrawn"
    now = vevents(second["testorg-chairmanship.ics"])[uid]
    assert str(now["STATUS"]) == "CONFIRMED" and "projected" not in str(now["SUMMARY"])
    assert int(now["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert now.decoded("CREATED") == FIRST and now.decoded("LAST-MODIFIED") == SECOND
