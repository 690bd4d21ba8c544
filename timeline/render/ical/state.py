"""Feed state: what the feeds published, so the next build can raise SEQUENCE and keep removals visible.

Each VEVENT is serialised once. Its text without the four properties that change from build to build (DTSTAMP,
SEQUENCE, CREATED, LAST-MODIFIED) is hashed; those four lines are then spliced into the text in icalendar's
canonical order. The state keeps only what decides SEQUENCE: a hash per UID, shared by every feed that carries the
event, and the UIDs of each feed (version 2)::

    {"version": 2, "grace_days": 90, "stamp": ISO,
     "events": {UID: [hash, sequence, created, modified], …},
     "feeds": {"csto-sessions.ics": {"title": …, "description": …, "items": [0, 3, …],
                                     "withdrawn": {UID: {"removed": ISO, "sequence": …, "created": …,
                                                         "modified": …, "content": VEVENT text}}}}}

`events` are sorted by UID, each a list: a hash of the text, SEQUENCE, CREATED and LAST-MODIFIED (left out when
it is CREATED); `items` are the positions of a feed's events among them. Stored so, the state is a small fraction
of the feeds' size.

- When an event's hash differs from the previous build's, SEQUENCE rises by one and LAST-MODIFIED becomes the
  build's stamp; when it is the same, both stay, so an unchanged rebuild is byte-identical.
- An event that leaves a feed (removed from the data, or moved to another body) is published there once more as
  STATUS:CANCELLED with a higher SEQUENCE, "(withdrawn)" in its title, for GRACE_DAYS days counted on the build
  stamp; after that it is dropped. Its last text comes from the previously published feed (`previous_events`);
  only withdrawn events keep their text in the state. A feed left with only withdrawn events is still published
  until they expire.
- A missing, unreadable or older state counts as a first build (SEQUENCE 0 everywhere).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar

from timeline.render.ical import tz as ical_tz
from timeline.render.words import clean, one_line

STATE_VERSION = 2
GRACE_DAYS = 90
VOLATILE = ("DTSTAMP", "SEQUENCE", "CREATED", "LAST-MODIFIED")
ORDER = {name: i for i, name in enumerate(icalendar.Event.canonical_order)}


@dataclass
class Prepared:
    """A VEVENT serialised once, without its volatile properties, ready to be stamped."""

    uid: str
    text: str
    """CRLF-terminated lines from BEGIN:VEVENT to END:VEVENT."""
    digest: str
    start: tuple[str, str]
    """The sort key: start instant (UTC for a timed event) and UID."""
    zones: dict[str, set[int]] = field(default_factory=dict)
    """TZID -> years of local times, for the VTIMEZONEs the feed needs."""


@dataclass
class Published:
    """One feed's VEVENT texts, stamped and in order, the zones they need, and its part of the next state."""

    texts: list[str]
    zones: dict[str, set[int]]
    uids: list[str]
    withdrawn: dict[str, dict[str, Any]]


def prepare(component: icalendar.Event) -> Prepared:
    """Serialise an event once (icalendar's canonical order and folding) and hash it."""
    text = component.to_ical().decode("utf-8")
    start = component["DTSTART"].dt
    moment = start.astimezone(UTC).isoformat() if isinstance(start, datetime) else start.isoformat()
    uid = str(component["UID"])
    return Prepared(uid, text, _digest(text), (moment, uid), ical_tz.local_years(component))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _stamp_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def previous_state(previous: dict | None) -> dict[str, Any]:
    """A usable previous state (this version's), else an empty one: a first build."""
    if not isinstance(previous, dict) or previous.get("version") != STATE_VERSION:
        return {"events": {}, "feeds": {}}
    events = previous.get("events")
    feeds = previous.get("feeds")
    if not isinstance(events, dict) or not isinstance(feeds, dict):
        return {"events": {}, "feeds": {}}
    keys = list(events)
    events = {uid: _entry(e) for uid, e in events.items()}
    good = {uid: e for uid, e in events.items() if _valid(e, ("hash", str), ("sequence", int))}
    readable = {}
    for name, feed in feeds.items():
        if isinstance(feed, dict):
            items = feed.get("items") if isinstance(feed.get("items"), list) else []
            uids = [keys[i] for i in items if isinstance(i, int) and 0 <= i < len(keys)]
            readable[name] = {**feed, "uids": uids}
    return {"events": good, "feeds": readable}


def _entry(stored: Any) -> dict[str, Any] | None:
    """A stored event, [hash, sequence, created(, modified)], as a dict (None when it is not one)."""
    if not isinstance(stored, list) or len(stored) not in (3, 4):
        return None
    return dict(zip(("hash", "sequence", "created", "modified"), stored + stored[2:3] * (4 - len(stored)), strict=True))


def compact(events: dict[str, dict[str, Any]], feeds: dict[str, dict[str, Any]]) -> tuple[dict, dict]:
    """The state's events sorted by UID, each [hash, sequence, created(, modified when it differs)], and each
    feed's events as positions among them."""
    ordered = dict(sorted(events.items()))
    position = {uid: i for i, uid in enumerate(ordered)}
    stored = {
        uid: [e["hash"], e["sequence"], e["created"], *([e["modified"]] if e["modified"] != e["created"] else [])]
        for uid, e in ordered.items()
    }
    written = {}
    for name, feed in feeds.items():
        rest = {k: v for k, v in feed.items() if k != "uids"}
        written[name] = {**rest, "items": sorted(position[uid] for uid in feed["uids"])}
    return stored, written


def _valid(entry: Any, *keys: tuple[str, type]) -> bool:
    required = (("created", str), ("modified", str), *keys)
    return isinstance(entry, dict) and all(isinstance(entry.get(k), t) for k, t in required)


def stamped(text: str, stamp: str, sequence: int, created: str, modified: str) -> str:
    """The event's text with DTSTAMP, SEQUENCE, CREATED and LAST-MODIFIED spliced in, in canonical order."""
    lines = text.split("\r\n")
    props: list[list[str]] = []
    for line in lines[1:-2]:  # between BEGIN:VEVENT and END:VEVENT (the text ends in CRLF)
        if line.startswith((" ", "\t")) and props:
            props[-1].append(line)
        else:
            props.append([line])
    props = [p for p in props if _name(p[0]) not in VOLATILE]
    props += [[f"DTSTAMP:{stamp}"], [f"SEQUENCE:{sequence}"], [f"CREATED:{created}"], [f"LAST-MODIFIED:{modified}"]]
    props.sort(key=lambda p: _order(_name(p[0])))
    return "\r\n".join([lines[0], *(line for p in props for line in p), lines[-2], ""])


def _name(line: str) -> str:
    return re.split(r"[;:]", line, maxsplit=1)[0].upper()


def _order(name: str) -> tuple[int, str]:
    """icalendar's canonical order: its listed properties first, in that order, then the rest alphabetically."""
    return (ORDER.get(name, len(ORDER)), name if name not in ORDER else "")


def tombstone(content: str, removed: datetime) -> str:
    """The last published text, cancelled and titled as withdrawn (volatile properties left out)."""
    component = icalendar.Event.from_ical(content)
    until = (removed + timedelta(days=GRACE_DAYS)).date()
    summary = one_line(component.get("SUMMARY", ""))  # an older build's text: without control characters now
    description = clean(component.get("DESCRIPTION", ""))
    note = (
        f"Withdrawn: this entry was removed from the data on {removed.date()}. "
        f"It stays here as cancelled until {until}, then disappears."
    )
    for name in ("SUMMARY", "DESCRIPTION", "STATUS", *VOLATILE):
        component.pop(name, None)
    component.add("SUMMARY", f"{summary} (withdrawn)")
    component.add("STATUS", "CANCELLED")
    component.add("DESCRIPTION", f"{note}\n\n{description}" if description else note)
    return component.to_ical().decode("utf-8")


def bare_tombstone(uid: str, removed: datetime) -> str:
    """A withdrawal when the last published text is not at hand (the previous feed file is gone)."""
    event = icalendar.Event()
    event.add("UID", uid)
    event.add("SUMMARY", "(withdrawn)")
    event.add("DTSTART", removed.date())
    event.add("STATUS", "CANCELLED")
    event.add("TRANSP", "TRANSPARENT")
    event.add("DESCRIPTION", f"Withdrawn: this entry was removed from the data on {removed.date()}.")
    return event.to_ical().decode("utf-8")


class Ledger:
    """The events' SEQUENCE bookkeeping across an organisation's feeds for one build (the state's `events`)."""

    def __init__(self, before: dict[str, Any], stamp: datetime) -> None:
        self.before, self.stamp, self.iso = before, stamp, _stamp_text(stamp)
        self.events: dict[str, dict[str, Any]] = {}
        self.withdrawn: dict[str, dict[str, Any]] = {}
        """The last withdrawal of each UID: an event that comes back continues its SEQUENCE."""
        for feed in before["feeds"].values():
            for uid, entry in (feed.get("withdrawn") or {}).items():
                if (
                    _valid(entry, ("sequence", int))
                    and entry["sequence"] >= self.withdrawn.get(uid, {"sequence": -1})["sequence"]
                ):
                    self.withdrawn[uid] = entry

    def entry(self, event: Prepared) -> dict[str, Any]:
        """This build's entry of a live event (new, unchanged, or changed: SEQUENCE up)."""
        if event.uid in self.events:
            return self.events[event.uid]
        old = self.before["events"].get(event.uid)
        gone = self.withdrawn.get(event.uid)
        if old is None and gone is not None:  # back after a withdrawal: a higher SEQUENCE than the cancellation's
            entry = {
                "hash": event.digest,
                "sequence": gone["sequence"] + 1,
                "created": gone["created"],
                "modified": max(self.iso, gone["modified"]),
            }
        elif old is None:
            entry = {"hash": event.digest, "sequence": 0, "created": self.iso, "modified": self.iso}
        elif old["hash"] == event.digest:
            entry = dict(old)
        else:
            entry = {
                "hash": event.digest,
                "sequence": old["sequence"] + 1,
                "created": old["created"],
                "modified": max(self.iso, old["modified"]),
            }
        self.events[event.uid] = entry
        return entry

    def publish(self, name: str, live: Iterable[Prepared], previous_text: Callable[[str], str | None]) -> Published:
        """Stamp a feed's live events; withdraw the ones it published before and no longer has; age withdrawals."""
        old_feed = self.before["feeds"].get(name, {})
        items: list[tuple[tuple[str, str], str]] = []
        zones: dict[str, set[int]] = {}
        uids = []
        for event in live:
            entry = self.entry(event)
            items.append(
                (event.start, stamped(event.text, self.iso, entry["sequence"], entry["created"], entry["modified"]))
            )
            uids.append(event.uid)
            for tzid, years in event.zones.items():
                zones.setdefault(tzid, set()).update(years)
        withdrawn = self._withdrawn(old_feed, set(uids), previous_text)
        for uid, entry in withdrawn.items():
            text = stamped(entry["content"], self.iso, entry["sequence"], entry["created"], entry["modified"])
            items.append((_start_of(text, uid), text))
        items.sort()
        return Published([text for _, text in items], zones, sorted(uids), withdrawn)

    def _withdrawn(self, old_feed: dict[str, Any], live: set[str], previous_text: Callable[[str], str | None]):
        found: dict[str, dict[str, Any]] = {}
        for uid, old in (old_feed.get("withdrawn") or {}).items():
            if uid in live or not _valid(old, ("removed", str), ("content", str), ("sequence", int)):
                continue
            if self.stamp < datetime.fromisoformat(old["removed"]) + timedelta(days=GRACE_DAYS):
                found[uid] = dict(old)
        for uid in old_feed.get("uids") or []:
            old = self.before["events"].get(uid)
            if uid in live or uid in found or old is None:
                continue
            last = previous_text(uid)
            content = tombstone(last, self.stamp) if last else bare_tombstone(uid, self.stamp)
            found[uid] = {
                "removed": self.stamp.isoformat(),
                "sequence": old["sequence"] + 1,
                "created": old["created"],
                "modified": max(self.iso, old["modified"]),
                "content": content,
            }
        return dict(sorted(found.items()))


def _start_of(text: str, uid: str) -> tuple[str, str]:
    """The sort key of a stored event text (its DTSTART value, as written)."""
    found = re.search(r"\r\nDTSTART[^:]*:(\S+)", text)
    value = found.group(1) if found else ""
    if len(value) == 8:
        value = date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    return value, uid


def events_of(feed: bytes | None) -> dict[str, str]:
    """The VEVENT texts of a published feed by UID (to withdraw what left it)."""
    if not feed:
        return {}
    text = feed.decode("utf-8", errors="replace")
    found = {}
    for block in re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, re.S):
        uid = re.search(r"\r\nUID:([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", block)
        if uid:
            found[re.sub(r"\r\n[ \t]", "", uid.group(1))] = block
    return found
