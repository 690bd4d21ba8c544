"""A VEVENT written straight to its bytes, without icalendar's object model: the same bytes as
`prepared.prepare(events.component(fields))`, at a fraction of the cost (icalendar builds, types and parses each
property back; feeds are most of a build).

Written here: text escaped as icalendar escapes it (RFC 5545 3.3.11: backslash, semicolon, comma, line breaks),
the LANGUAGE parameter, all-day dates, and each line folded by render.ical.fold; the lines in icalendar's
canonical order, already cut into the five pieces around the volatile properties (prepared.pieces). An event with a
local time (a datetime: TZID, UTC) is left to icalendar, as are parameter values that would need quoting.
tests/test_ical_direct.py checks the two writers byte for byte over the bundled data.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import date, datetime, timedelta

from timeline.render import words
from timeline.render.ical import prepared as ical_prepared
from timeline.render.ical.events import Fields, component
from timeline.render.ical.fold import fold

SIMPLE_PARAMETER = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


def escape(text: str) -> str:
    """A TEXT value as icalendar writes it (parser.string._escape_char, in its order)."""
    if not any(c in text for c in "\\;,\n\r"):
        return text
    return (
        text.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _day(value: date) -> str:
    return f"{value.year:04}{value.month:02}{value.day:02}"


def prepare(fields: Fields) -> ical_prepared.Prepared:
    """The event serialised once and hashed, as prepared.prepare does with icalendar's object."""
    start, end, code = fields.start, fields.end, fields.lang.code
    if isinstance(start, datetime) or isinstance(end, datetime) or not set(code) <= SIMPLE_PARAMETER:
        return ical_prepared.prepare(component(fields))
    text = "" if code == "en" else f";LANGUAGE={code}"
    head = [
        "BEGIN:VEVENT",
        f"SUMMARY{text}:{escape(words.one_line(fields.summary))}",
        f"DTSTART;VALUE=DATE:{_day(start)}",
    ]
    if end is not None:
        head.append(f"DTEND;VALUE=DATE:{_day(end)}")
    categories = ",".join(escape(words.one_line(name)) for name in fields.categories)
    tail = [f"LOCATION{text}:{escape(words.one_line(fields.location))}"] if fields.location else []
    tail += [f"STATUS:{escape(fields.status)}", "TRANSP:TRANSPARENT"]
    if words.web_url(fields.url):
        tail.append(f"URL:{fields.url}")
    tail.append("END:VEVENT")
    uid = words.one_line(fields.uid)
    cut = (
        _lines(head),
        _lines([f"UID:{escape(uid)}"]),
        ical_prepared.common_piece(_lines([f"CATEGORIES{text}:{categories}"])),
        _lines([f"DESCRIPTION{text}:{escape(fields.description)}"]),
        ical_prepared.common_piece(_lines(tail)),
    )
    digest = hashlib.sha256(b"".join(cut)).hexdigest()[:16]
    return ical_prepared.Prepared(uid, cut, digest, sys.intern(start.isoformat()), ical_prepared.NO_ZONES)


def _lines(lines: list[str]) -> bytes:
    return b"".join(fold(line) + b"\r\n" for line in lines)


def calendar_head(
    properties: tuple[str, str, str, str], refresh: timedelta, code: str, source: str | None, home: str | None
) -> bytes | None:
    """A VCALENDAR's first lines, before its VTIMEZONEs and events, as icalendar writes them
    (render.ical.feeds.calendar), for a calendar without local times: `properties` are its PRODID, its title (one
    line, NAME and X-WR-CALNAME), its description (DESCRIPTION and X-WR-CALDESC), then its METHOD; `refresh`
    (REFRESH-INTERVAL and X-PUBLISHED-TTL) whole hours; `source` and `home` (SOURCE, URL) only when they are http(s)
    addresses. None when the language's code or the refresh would need icalendar."""
    prodid, title, description, method = properties
    hours, rest = divmod(refresh, timedelta(hours=1))
    if not set(code) <= SIMPLE_PARAMETER or rest or hours <= 0:
        return None
    text = "" if code == "en" else f";LANGUAGE={code}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape(prodid)}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{escape(method)}",
        f"DESCRIPTION{text}:{escape(description)}",
        f"X-WR-CALDESC{text}:{escape(description)}",
        f"NAME{text}:{escape(title)}",
        f"X-WR-CALNAME{text}:{escape(title)}",
        f"REFRESH-INTERVAL;VALUE=DURATION:PT{hours}H",
    ]
    if words.web_url(source):
        lines.append(f"SOURCE;VALUE=URI:{source}")
    if words.web_url(home):
        lines.append(f"URL;VALUE=URI:{home}")
    lines.append(f"X-PUBLISHED-TTL:PT{hours}H")
    return _lines(lines)
