"""Every feed parses alike in five parsers written by others: icalendar, the strict `ical`, vobject, ical.js
and node-ical.

ical.js (Mozilla's, the parser Thunderbird uses) and node-ical run under Node from tests/js. ical.js and vobject
read the feed's own VTIMEZONEs, while icalendar, ical and node-ical resolve TZIDs through the IANA database, so
"every timed event resolves to the same UTC instant in all five" tests the VTIMEZONEs we write. Without node/npm
the Node half is skipped, except in CI (CI=true), where it fails.

Each test runs on the English feeds and on the Russian ones: the same instants, statuses and SEQUENCEs, the
Russian UIDs with their `ru/` prefix, and LANGUAGE=ru on every text property read alike by the five parsers
(node-ical keeps no parameters of CATEGORIES).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import yaml
from ical.calendar_stream import IcsCalendarStream
from ical.store import EventStore

from tests.helpers.dataset import FIXTURE_ASOF
from tests.helpers.parsers import (
    as_node_ical_reads,
    with_ical,
    with_icalendar,
    with_icaljs,
    with_node_ical,
    with_vobject,
)
from timeline.load import load
from timeline.render.ical.feeds import render_feeds
from timeline.render.lang import language
from timeline.render.view import View

STAMP = datetime(2024, 6, 1, tzinfo=UTC)
LANGUAGES = ["en", "ru"]


def data_id(uid: str, code: str) -> str:
    """The data id in a UID of either language ('ru/event/summer-2023@testorg.timeline' -> 'summer-2023')."""
    return uid.removeprefix(f"{code}/").split("/", 1)[1].split("@")[0]


def uid_of(english: str, code: str) -> str:
    """An English UID as the language writes it."""
    return english if code == "en" else f"{code}/{english}"


# A copy of the fixture with more timed events: winter and summer in DST zones, just after the
# spring-forward, after the fall-back, a zone that changed its standard offset (Almaty, 1 Mar 2024),
# a timed multi-day event without an end time, a timed event without any end, and a time without a
# place (so without a zone: all-day, the time in the description) of an event with no body.
EXTRA_EVENTS = [
    {"id": "berlin-winter", "body": "ministers", "title": "Winter meeting", "kind": "meeting",
     "date": "2024-01-15", "time": "09:30", "end_time": "11:00", "place": "berlin", "sources": ["press-2"]},
    {"id": "berlin-spring", "body": "ministers", "title": "Spring meeting", "kind": "meeting",
     "date": "2024-03-31", "time": "03:30", "end_time": "05:00", "place": "berlin", "sources": ["press-2"]},
    {"id": "berlin-autumn", "body": "ministers", "title": "Autumn meeting", "kind": "meeting",
     "date": "2024-11-05", "time": "10:00", "place": "berlin", "status": "planned", "sources": ["press-2"]},
    {"id": "almaty-before", "body": "council", "title": "Almaty before the change", "kind": "meeting",
     "date": "2024-02-10", "time": "10:00", "end_time": "12:00", "place": "astana", "sources": ["press-2"]},
    {"id": "almaty-after", "body": "council", "title": "Almaty after the change", "kind": "meeting",
     "date": "2024-06-10", "last_day": "2024-06-11", "time": "10:00", "place": "astana", "sources": ["press-2"]},
    {"id": "no-body-no-place", "title": "Consultations, place not announced", "kind": "consultation",
     "date": "2024-05-05", "time": "12:00", "sources": ["press-2"]},
]  # fmt: skip

EXPECTED_EXTRA = {
    "berlin-winter": ("2024-01-15T08:30:00Z", "2024-01-15T10:00:00Z"),
    "berlin-spring": ("2024-03-31T01:30:00Z", "2024-03-31T03:00:00Z"),
    "berlin-autumn": ("2024-11-05T09:00:00Z", None),
    "almaty-before": ("2024-02-10T04:00:00Z", "2024-02-10T06:00:00Z"),
    "almaty-after": ("2024-06-10T05:00:00Z", "2024-06-11T19:00:00Z"),
    "summer-2023": ("2023-07-10T07:00:00Z", "2023-07-10T10:30:00Z"),
    "berlin-summer-2024": ("2024-07-02T13:00:00Z", "2024-07-02T15:00:00Z"),
}


def extended_data(data_copy: Path) -> Path:
    events = data_copy / "testorg" / "events.yaml"
    entries = yaml.safe_load(events.read_text(encoding="utf-8"))
    events.write_text(yaml.safe_dump(entries + EXTRA_EVENTS, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data_copy


def write_feeds(feeds, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for feed in feeds:
        (folder / feed.name).write_bytes(feed.content)
        paths.append(folder / feed.name)
    return paths


def check_parsers(feeds, folder: Path, code: str = "en") -> dict[str, list[tuple]]:
    """Parse every feed with the five parsers; they must agree exactly, on the LANGUAGE of every text property
    too, which is the feed's (none in English). Returns the rows per feed."""
    paths = write_feeds(feeds, folder)
    names: dict[str, tuple] = {}
    js, node = with_icaljs(paths, names), with_node_ical(paths)
    expected = None if code == "en" else code
    rows = {}
    for feed in feeds:
        python_rows = with_icalendar(feed.content)
        assert with_ical(feed.content) == python_rows, feed.name
        assert js[feed.name] == python_rows, feed.name
        assert with_vobject(feed.content) == python_rows, feed.name
        assert node[feed.name] == [as_node_ical_reads(row) for row in python_rows], feed.name
        assert len(python_rows) == feed.events
        assert {lang for row in python_rows for _, lang in row[-1]} == {expected}, feed.name
        assert all(row[0].startswith(f"{code}/") == (code != "en") for row in python_rows), feed.name
        name = icalendar.Calendar.from_ical(feed.content)["X-WR-CALNAME"]
        assert names[feed.name] == (feed.title, expected) == (str(name), name.params.get("LANGUAGE"))
        rows[feed.name] = python_rows
    return rows


@pytest.mark.parametrize("code", LANGUAGES)
def test_fixture_feeds_agree_in_five_parsers(fixture_tl, icaljs, tmp_path, code):
    feeds, _ = render_feeds(View(fixture_tl, FIXTURE_ASOF, language(code)), stamp=STAMP)
    rows = check_parsers(feeds, tmp_path, code)
    sessions = {data_id(uid, code): (start, end, status) for uid, start, end, status, *_ in
                rows["testorg-sessions.ics"]}  # fmt: skip
    assert sessions == {
        "summer-2023": ("2023-07-10T07:00:00Z", "2023-07-10T10:30:00Z", "CONFIRMED"),
        "berlin-summer-2024": ("2024-07-02T13:00:00Z", "2024-07-02T15:00:00Z", "CONFIRMED"),
        "winter-2024": ("2024-01-19", "2024-01-21", "CONFIRMED"),
        "autumn-2024": ("2024-10-01", "2025-01-01", "TENTATIVE"),
        "cancelled-2024": ("2024-03-05", "2024-03-06", "CANCELLED"),
    }


@pytest.mark.parametrize("code", LANGUAGES)
def test_extra_timed_events_resolve_to_the_same_instant_everywhere(data_copy, icaljs, tmp_path, code):
    """Winter and summer, around DST changes and an offset change: the UTC instants are the true ones."""
    tl = load(extended_data(data_copy), "testorg")
    feeds, _ = render_feeds(View(tl, FIXTURE_ASOF, language(code)), stamp=STAMP)
    rows = check_parsers(feeds, tmp_path, code)
    timed = {data_id(uid, code): (start, end) for uid, start, end, *_ in rows["testorg-sessions.ics"]
             if "T" in start}  # fmt: skip
    assert timed == EXPECTED_EXTRA
    untimed = next(r for r in rows["testorg-sessions.ics"] if "no-body-no-place" in r[0])
    assert untimed[1:3] == ("2024-05-05", "2024-05-06")
    assert "no-body-no-place" in str(rows["testorg-all.ics"])
    assert not [name for name, found in rows.items() if "sessions-" in name and "no-body-no-place" in str(found)]


@pytest.mark.parametrize("code", LANGUAGES)
def test_bundled_csto_feeds_agree_in_five_parsers(csto, icaljs, tmp_path, code):
    today = csto.org.data_date.earliest
    feeds, _ = render_feeds(View.of(csto, today, language(code)), stamp=STAMP, base_url="https://example.org/timeline")
    rows = check_parsers(feeds, tmp_path, code)
    sessions = {r[0] for r in rows["csto-sessions.ics"]}
    assert sessions == {uid_of(f"event/{e.id}@csto.timeline", code) for e in csto.org.events}
    chair = {r[0]: r[1:4] for r in rows["csto-chairmanship.ics"]}
    turn = uid_of("turn/csc-chairmanship/2022-11-23@csto.timeline", code)
    assert chair[turn] == ("2022-11-23", "2024-01-01", "CONFIRMED")
    minsk = csto.events_by_id["csc-2023-minsk"]  # announced for Q4 2023; the data may record the day it was held
    status = {"held": "CONFIRMED", "planned": "TENTATIVE"}[minsk.status.value]
    session_2023 = next(r for r in rows["csto-sessions.ics"] if "csc-2023-minsk" in r[0])
    assert session_2023[1:4] == (minsk.period.start.isoformat(), minsk.period.end.isoformat(), status)


def test_both_languages_side_by_side_share_no_uid(fixture_tl, icaljs, tmp_path):
    """Someone may subscribe to the English and the Russian feed, or import both files into one calendar. Every
    Russian event is an English one (same instants, status, SEQUENCE) under its own UID, in all five parsers, so
    a calendar that keys events by UID keeps both; with one UID for both, editing one would take the other along
    (ical's EventStore, as a CalDAV-backed calendar or an import does)."""
    feeds = {code: render_feeds(View(fixture_tl, FIXTURE_ASOF, language(code)), stamp=STAMP)[0]
             for code in LANGUAGES}  # fmt: skip
    rows = {code: check_parsers(feeds[code], tmp_path / code, code) for code in LANGUAGES}
    for name, english in rows["en"].items():
        russian = rows["ru"][name]
        assert not {r[0] for r in english} & {r[0] for r in russian}, name
        assert sorted((r[0], *r[1:5]) for r in russian) == sorted((uid_of(r[0], "ru"), *r[1:5]) for r in english)

    def one_calendar(shared_uids: bool):
        contents = [next(f.content for f in feeds[code] if f.name == "testorg-all.ics") for code in LANGUAGES]
        if shared_uids:  # what the Russian feed would be with the English UIDs
            contents[1] = contents[1].replace(b"UID:ru/", b"UID:")
        [first, second] = [IcsCalendarStream.calendar_from_ics(c.decode("utf-8")) for c in contents]
        first.events.extend(second.events)
        return first

    uid = "event/summer-2023@testorg.timeline"
    for shared in (False, True):
        calendar = one_calendar(shared)
        count = len(calendar.events)
        english = next(e for e in calendar.events if e.uid == uid)
        EventStore(calendar).edit(uid, english.model_copy(update={"summary": "Edited in English"}))
        russian = [e for e in calendar.events if e.summary.startswith("Совет глав государств: Summer session")]
        kept = len(calendar.events) == count and len(russian) == 1
        assert kept != shared, "distinct UIDs keep both languages; shared ones lose the Russian event"
