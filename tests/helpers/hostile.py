"""Hostile and careless text: payloads for every text field, addresses for every URL field, an organisation
poisoned with them, and what a feed carrying them must still be."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

import icalendar
from ical.calendar_stream import IcsCalendarStream

from timeline.core.names import Names
from timeline.core.organisation import FACT_KINDS
from timeline.core.query import Timeline
from timeline.core.rotation.rules import Skip
from timeline.render.words import web_url

BASE = "https://example.org/cal"


PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "script-end": "</script><script>alert(1)</script>",
    "comment": "<!--",
    "ical-lines": "\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:evil",
    "hyperlink": '=HYPERLINK("http://x")',
    "plus": "+cmd",
    "minus": "-2+3",
    "at": "@SUM(1)",
    "tab": "\t=1+1",
    "javascript": "javascript:alert(1)",
    "esc": "\x1b[31m",
    "bel": "\x07",
    "nul": "\x00",
    "del": "\x7f",
    "c1": "\x9b31m\x85",
    "line-separator": "\u2028",
}
EVERY = "".join(PAYLOADS.values())
PAYLOADS["10 kB"] = (EVERY * (10_000 // len(EVERY) + 1))[:10_000]
PAYLOADS["every"] = EVERY
"""Text payloads: each variant of the organisation carries one of them at the start of every text field."""

REJECTED = "rejected-url"
"""In every address that must never become a link, a URL property or a click target (so: nowhere but the JSON)."""
URLS = [
    f"javascript:alert('{REJECTED}')",
    f"JaVaScRiPt:alert('{REJECTED}')",
    f" javascript:alert('{REJECTED}')",
    f"\x01javascript:alert('{REJECTED}')",
    f"java\tscript:alert('{REJECTED}')",
    f"data:text/html,<script>alert('{REJECTED}')</script>",
    f"vbscript:msgbox('{REJECTED}')",
    f"file:///etc/{REJECTED}",
    f"https://example.org/\r\nUID:{REJECTED}",
    f"https://example.org/ {REJECTED}",
    f"https:{REJECTED}",
    f"//evil.example/{REJECTED}",
]
ACCEPTED = "https://example.org/?q=\"'><script>alert('accepted-url')</script>&x=<!--"
"""An http(s) address that is a link, but carries markup: escaped wherever it goes."""

TEXT_FIELDS = frozenset({
    "name", "short", "city", "country", "title", "note", "anomaly", "basis", "document", "publisher", "chair_anomaly",
})  # fmt: skip
"""Every free-text field of the model (ids, dates, times, zones and enumerations are not free text); names in other
languages (`names`, `shorts`) are poisoned in Russian, the outputs' other language."""
NESTED = frozenset({"changes", "representation", "decisions", "announced", "exceptions"})
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def controls(text: str, allowed: str = "\n") -> list[str]:
    """The control characters in `text`, but those `allowed`."""
    return sorted({repr(c) for c in CONTROL.findall(text) if c not in allowed})


class Poison:
    """Puts a payload at the start of every text field, and an address from URLS (or ACCEPTED) in every URL field;
    counts the (kind, field) pairs it reached."""

    def __init__(self, payload: str, offset: int) -> None:
        self.payload, self.urls = payload, self._urls(offset)
        self.fields: Counter[str] = Counter()

    @staticmethod
    def _urls(offset: int) -> Iterator[str]:
        every = [ACCEPTED, *URLS]
        while True:
            yield every[offset % len(every)]
            offset += 1

    def __call__(self, fact):
        kind = type(fact).__name__
        changes = {}
        for field in dataclasses.fields(fact):
            value = getattr(fact, field.name)
            if field.name in TEXT_FIELDS and (value is None or isinstance(value, str)):
                changes[field.name] = f"{self.payload} {kind}.{field.name}"
            elif isinstance(value, Names):
                changes[field.name] = Names(value, ru=f"{self.payload} {kind}.{field.name}")
            elif field.name == "url":
                changes[field.name] = next(self.urls)
            elif field.name == "formats" and value:
                changes[field.name] = tuple(f"{self.payload} {kind}.format" for _ in value)
            elif field.name in NESTED and value:
                changes[field.name] = self(value) if dataclasses.is_dataclass(value) else tuple(map(self, value))
            else:
                continue
            self.fields[f"{kind}.{field.name}"] += 1
        return dataclasses.replace(fact, **changes)

    def org(self, tl: Timeline) -> Timeline:
        """The organisation poisoned; its calendar rule gets an exception (Alphaland passes its 2027 turn), so that
        an exception's note reaches the projected turns too."""
        org = tl.org
        skip = Skip(member="aa", start=date(2027, 1, 1), sources=("press-2",), note="skipped")
        rules = tuple(
            dataclasses.replace(r, exceptions=(skip,)) if r.id == "calendar-rule" else r for r in org.rotations
        )
        org = dataclasses.replace(org, rotations=rules)
        kinds = {attribute: tuple(map(self, getattr(org, attribute))) for _, attribute in FACT_KINDS}
        sources = {ident: self(source) for ident, source in org.sources_by_id.items()}
        return Timeline(dataclasses.replace(self(org), sources_by_id=sources, **kinds))


def poisoned(tl: Timeline, name: str) -> tuple[Timeline, Poison]:
    poison = Poison(PAYLOADS[name], list(PAYLOADS).index(name))
    return poison.org(tl), poison


PROPERTIES = frozenset({
    "BEGIN", "END", "PRODID", "VERSION", "CALSCALE", "METHOD", "NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC",
    "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "SOURCE", "URL", "UID", "SUMMARY", "DTSTART", "DTEND", "DTSTAMP",
    "CREATED", "LAST-MODIFIED", "SEQUENCE", "TRANSP", "STATUS", "CATEGORIES", "LOCATION", "TZID", "TZOFFSETFROM",
    "TZOFFSETTO", "TZNAME", "RDATE", "RRULE",
})  # fmt: skip


def check_feed(feed, expected: int) -> None:
    raw = feed.content.decode("utf-8")
    assert controls(raw.replace("\r\n", ""), allowed="\t") == [], f"{feed.name}: control characters"  # TEXT allows TAB
    lines = raw.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]
    names = Counter(re.split("[;:]", line, maxsplit=1)[0] for line in lines)
    assert set(names) <= PROPERTIES, f"{feed.name}: unexpected properties {set(names) - PROPERTIES}"
    assert lines.count("BEGIN:VEVENT") == expected == feed.events, feed.name
    for line in lines:
        name, _, value = line.partition(":")
        if name.split(";")[0] in ("URL", "SOURCE"):
            assert web_url(value), f"{feed.name}: {line}"
    assert REJECTED not in raw and "UID:evil" not in lines
    parsed = icalendar.Calendar.from_ical(feed.content)
    events = parsed.walk("VEVENT")
    assert len(events) == expected
    assert all(str(e["UID"]).endswith("@testorg.timeline") for e in events)
    assert len(IcsCalendarStream.calendar_from_ics(raw).events) == expected, f"{feed.name}: the strict parser"
