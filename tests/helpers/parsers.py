"""Five parsers written by others read a feed: icalendar, the strict `ical`, vobject, and under Node ical.js
(Mozilla's, Thunderbird's parser) and node-ical; each gives comparable rows (UID, start, end, status, SEQUENCE,
summary, the LANGUAGE of each text property)."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import vobject
from ical.calendar_stream import IcsCalendarStream
from ical.parsing.component import parse_content

JS = Path(__file__).resolve().parent.parent / "js"
"""The Node half: tests/js (its package.json, the scripts and node_modules)."""
TEXT = ("CATEGORIES", "DESCRIPTION", "LOCATION", "SUMMARY")
"""The text properties of a VEVENT: in a Russian feed each carries LANGUAGE=ru, in an English one none."""


def instant(value: date | datetime | None) -> str | None:
    """A DTSTART/DTEND as compared across parsers: YYYY-MM-DD, or a UTC instant ending in Z."""
    if value is None:
        return None
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def languages_icalendar(event: icalendar.Event) -> tuple:
    return tuple(sorted((name, event[name].params.get("LANGUAGE")) for name in TEXT if name in event))


def with_icalendar(content: bytes) -> list[tuple]:
    cal = icalendar.Calendar.from_ical(content)
    return sorted(
        (str(e["UID"]), instant(e.decoded("DTSTART")), instant(e.decoded("DTEND")) if "DTEND" in e else None,
         str(e["STATUS"]), int(e["SEQUENCE"]), str(e["SUMMARY"]), languages_icalendar(e))
        for e in cal.walk("VEVENT")
    )  # fmt: skip


def raw_languages(content: bytes) -> dict[str, tuple]:
    """The LANGUAGE of each text property by UID, as ical's content parser reads them (its model keeps no
    parameters)."""
    [calendar] = parse_content(content.decode("utf-8"))
    found = {}
    for event in (c for c in calendar.components if c.name == "vevent"):
        props = {p.name.upper(): p for p in event.properties}
        found[props["UID"].value] = tuple(
            sorted(
                (name, next((q.values[0] for q in props[name].params or [] if q.name == "LANGUAGE"), None))
                for name in TEXT
                if name in props
            )
        )
    return found


def with_ical(content: bytes) -> list[tuple]:
    cal = IcsCalendarStream.calendar_from_ics(content.decode("utf-8"))
    languages = raw_languages(content)
    return sorted(
        (e.uid, instant(e.dtstart), instant(e.dtend), str(e.status.value), e.sequence, e.summary, languages[e.uid])
        for e in cal.events
    )


def with_vobject(content: bytes) -> list[tuple]:
    calendar = vobject.readOne(content.decode("utf-8"))
    rows = []
    for e in calendar.contents.get("vevent", []):
        languages = tuple(
            sorted((name, (e.contents[name.lower()][0].params.get("LANGUAGE") or [None])[0])
                   for name in TEXT if name.lower() in e.contents)
        )  # fmt: skip
        end = instant(e.dtend.value) if "dtend" in e.contents else None
        row = (e.uid.value, instant(e.dtstart.value), end, e.status.value, int(e.sequence.value), e.summary.value)
        rows.append((*row, languages))
    return sorted(rows)


def as_node_ical_reads(row: tuple) -> tuple:
    """A row as node-ical gives it: no parameters of CATEGORIES, and a timed event without DTEND ending when it
    starts (RFC 5545 3.6.1, which node-ical writes out)."""
    uid, start, end, *rest, languages = row
    end = start if end is None and "T" in start else end
    return (uid, start, end, *rest, tuple(p for p in languages if p[0] != "CATEGORIES"))


def with_node_ical(paths: list[Path]) -> dict[str, list[tuple]]:
    """The rows of each feed as node-ical reads them (the LANGUAGE of SUMMARY, DESCRIPTION and LOCATION)."""
    result = subprocess.run(
        ["node", str(JS / "parse-feeds-node-ical.mjs"), *map(str, paths)],
        capture_output=True, text=True, check=True, env={**os.environ, "TZ": "America/Los_Angeles"},
    )  # fmt: skip
    out = {}
    for path, events in json.loads(result.stdout).items():
        rows = []
        for e in events:
            start = e["start"] if e["all_day"] else e["start"].replace(".000Z", "Z")
            end = e["end"] if e["end"] is None or e["all_day"] else e["end"].replace(".000Z", "Z")
            languages = tuple(tuple(pair) for pair in e["languages"])
            rows.append((e["uid"], start, end, e["status"], e["sequence"], e["summary"], languages))
        out[Path(path).name] = sorted(rows)
    return out


def with_icaljs(paths: list[Path], names: dict | None = None) -> dict[str, list[tuple]]:
    """The rows of each feed as ical.js reads them; `names` (when given) gets each feed's calendar name and its
    LANGUAGE."""
    result = subprocess.run(
        ["node", str(JS / "parse-feeds.mjs"), *map(str, paths)],
        capture_output=True, text=True, check=True, env={**os.environ, "TZ": "America/Los_Angeles"},
    )  # fmt: skip  # a TZ far from every feed zone: a TZID ical.js failed to resolve would show
    parsed = json.loads(result.stdout)
    out = {}
    for path, calendar in parsed.items():
        rows = []
        for e in calendar["events"]:
            if not e["all_day"]:
                assert e["zone"] not in (None, "floating"), f"{e['uid']}: ical.js did not resolve the TZID"
            start = e["start"] if e["all_day"] else e["start"].replace(".000Z", "Z")
            end = e["end"] if e["end"] is None or e["all_day"] else e["end"].replace(".000Z", "Z")
            languages = tuple(tuple(pair) for pair in e["languages"])
            rows.append((e["uid"], start, end, e["status"], e["sequence"], e["summary"], languages))
        out[Path(path).name] = sorted(rows)
        if names is not None:
            names[Path(path).name] = (calendar["name"], calendar["name_language"])
    return out
