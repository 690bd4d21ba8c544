"""Feed state: what the feeds published, so the next build can raise SEQUENCE and keep removals visible.

Each VEVENT is serialised once, as UTF-8 bytes cut into five pieces around the four properties that change from
build to build (DTSTAMP, SEQUENCE, CREATED, LAST-MODIFIED); its text without them is hashed
(render.ical.prepared). Stamping an event puts those four lines between its pieces, in icalendar's canonical
order, so every feed that carries the event shares its bytes and nothing is copied until a feed is written. The
state keeps only what decides SEQUENCE: a hash per UID, shared by every feed that carries the event, and the UIDs
of each feed (version 4)::

    {"version": 4, "grace_days": 90, "stamp": ISO, "stamps": ["20240601T000000Z", …],
     "events": {UID: "hash sequence created modified", …},
     "feeds": {"csto-sessions.ics": {"title": …, "description": …, "items": [0, 3, 1, 1, …],
                                     "withdrawn": {UID: {"removed": ISO, "sequence": …, "created": …,
                                                         "modified": …, "content": VEVENT text}}}}}

`events` are sorted by UID, each one string (read back as one object, not a list and a hash: 17 MB less at 100,000
items): a hash of the text, SEQUENCE, and CREATED and LAST-MODIFIED as positions in `stamps` (LAST-MODIFIED left out
when it is CREATED), separated by spaces; an unchanged event keeps the previous state's string when the stamps
before stay where they were; `items` are the positions of a feed's events among them,
in order, each after the first as the step from the one before (mostly 1: small numbers, read back as shared
objects). Stored so, the state is a small fraction of the feeds' size. Versions 3 (each event a list) and 2 (CREATED and
LAST-MODIFIED written out in each entry, positions as they are) are still read, so SEQUENCE goes on across the
change.

- When an event's hash differs from the previous build's, SEQUENCE rises by one and LAST-MODIFIED becomes the
  build's stamp; when it is the same, both stay, so an unchanged rebuild is byte-identical.
- An event that leaves a feed (removed from the data, or moved to another body) is published there once more as
  STATUS:CANCELLED with a higher SEQUENCE, "(withdrawn)" in its title, for GRACE_DAYS days counted on the build
  stamp; after that it is dropped. Its last text comes from the previously published feed (`previous_events`);
  only withdrawn events keep their text in the state. A feed left with only withdrawn events is still published
  until they expire.
- A missing or unreadable state, or one older than version 2, counts as a first build (SEQUENCE 0 everywhere).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from operator import attrgetter
from typing import Any, NamedTuple

from timeline.render.ical import text as ical_text
from timeline.render.ical.prepared import NO_ZONES, VOLATILE, Prepared, Published, Stamped, pieces
from timeline.render.lang import EN, Language
from timeline.render.words import clean, one_line

STATE_VERSION = 4
READABLE = (2, 3, 4)
"""The state versions a build reads: version 3 wrote each event as a list, version 2 its CREATED and LAST-MODIFIED
out."""
GRACE_DAYS = 90


class Entry(NamedTuple):
    """What the state keeps of a live event: the hash of its text, SEQUENCE, CREATED and LAST-MODIFIED."""

    hash: str
    sequence: int
    created: str
    modified: str


def _stamp_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def previous_state(previous: dict | None) -> dict[str, Any]:
    """A usable previous state (this version's or the one before), else an empty one: a first build. Its events
    are read as Entry tuples by UID (`Stored`), each feed's events a list of UIDs."""
    empty = {"events": {}, "feeds": {}}
    if not isinstance(previous, dict) or previous.get("version") not in READABLE:
        return empty
    events, feeds = previous.get("events"), previous.get("feeds")
    stamps = previous.get("stamps") if previous["version"] >= 3 else None
    if not isinstance(events, dict) or not isinstance(feeds, dict):
        return empty
    if previous["version"] >= 3 and not isinstance(stamps, list):
        return empty
    keys = list(events)
    readable = {}
    for name, feed in feeds.items():
        if isinstance(feed, dict):
            items = feed.get("items") if isinstance(feed.get("items"), list) else []
            if previous["version"] >= 3:  # each position after the first as the step from the one before
                items = list(accumulate(i if isinstance(i, int) else len(keys) for i in items))
            uids = [keys[i] for i in items if isinstance(i, int) and 0 <= i < len(keys)]
            readable[name] = {**feed, "uids": uids}
    return {"events": Stored(events, stamps, keys), "feeds": readable}


class Stored:
    """The previous state's events, each read as an Entry when asked for (None when it is not one): the stored
    lists are not copied."""

    def __init__(self, events: dict[str, Any], stamps: list | None, keys: list[str] | None = None) -> None:
        self._events, self._stamps, self._keys = events, stamps, keys or []
        self._shared: dict[str, str] = {}

    def get(self, uid: str) -> Entry | None:
        return _entry(self._events.get(uid), self._stamps, self._shared)

    def same_uid(self, uid: str) -> str:
        """The state's own string for a UID it holds (its keys, sorted as written), else `uid`: a rebuild then holds
        each UID once, not once in the state read and once in its events (16 MB at 100,000 items)."""
        keys = self._keys
        at = bisect_left(keys, uid)
        return keys[at] if at < len(keys) and keys[at] == uid else uid

    def raw(self, uid: str) -> Any:
        """The event as stored (a version 4 string is kept by an unchanged event)."""
        return self._events.get(uid)

    @property
    def stamps(self) -> list | None:
        return self._stamps


def _entry(stored: Any, stamps: list | None, shared: dict[str, str]) -> Entry | None:
    """A stored event as an Entry (None when it is not one): "hash sequence created( modified)" (version 4) or
    [hash, sequence, created(, modified)], where CREATED and LAST-MODIFIED are positions in `stamps` (versions 3 and
    4) or the stamps themselves (version 2)."""
    if isinstance(stored, str):
        parts = stored.split(" ")
        if not all(part.isascii() and part.isdigit() for part in parts[1:]):
            return None
        stored = [parts[0], *map(int, parts[1:])]
    if not isinstance(stored, list | tuple) or len(stored) not in (3, 4):
        return None
    digest, sequence, *moments = stored
    if len(moments) == 1:
        moments.append(moments[0])
    if stamps is not None:
        if not all(isinstance(i, int) and 0 <= i < len(stamps) for i in moments):
            return None
        moments = [stamps[i] for i in moments]
    if not (isinstance(digest, str) and isinstance(sequence, int) and all(isinstance(m, str) for m in moments)):
        return None
    created, modified = (shared.setdefault(m, m) for m in moments)  # one string per stamp, not one per event
    return Entry(digest, sequence, created, modified)


def compact(
    events: dict[str, Entry | str], feeds: dict[str, dict[str, Any]], before: list | None = None
) -> tuple[list[str], dict, dict]:
    """The state's stamps (every CREATED and LAST-MODIFIED, sorted), its events sorted by UID, each "hash sequence
    created( modified when it differs)" with the stamps as positions in that list, and each feed's events as
    positions among the events, each after the first as the step from the one before. `events`: the ledger's, an
    unchanged event's as the previous state stored it (a string over the stamps `before`), kept as it is when those
    stamps stay where they were; emptied as it goes (the ledger is done with them)."""
    shared: dict[str, str] = {}

    def entry(value: Entry | str) -> Entry:
        return value if isinstance(value, Entry) else _entry(value, before, shared)  # type: ignore[return-value]

    uids = sorted(events)
    stamps = sorted({moment for value in events.values() for moment in entry(value)[2:]})
    index = {moment: i for i, moment in enumerate(stamps)}
    same = before is not None and stamps[: len(before)] == before
    stored = {}
    for uid in uids:
        value = events.pop(uid)
        if isinstance(value, str) and same:
            stored[uid] = value
            continue
        e = entry(value)
        modified = f" {index[e.modified]}" if e.modified != e.created else ""
        stored[uid] = f"{e.hash} {e.sequence} {index[e.created]}{modified}"
    written = {}
    for name, feed in feeds.items():
        steps, last = [], 0
        for uid in feed["uids"]:  # sorted: positions in order
            at = bisect_left(uids, uid)
            steps.append(at - last)
            last = at
        written[name] = {**{k: v for k, v in feed.items() if k != "uids"}, "items": steps}
    return stamps, stored, written


def _valid(entry: Any, *keys: tuple[str, type]) -> bool:
    required = (("created", str), ("modified", str), *keys)
    return isinstance(entry, dict) and all(isinstance(entry.get(k), t) for k, t in required)


def tombstone(content: str, removed: datetime, lang: Language = EN) -> str:
    """The last published text, cancelled and titled as withdrawn (volatile properties left out)."""
    import icalendar

    component = icalendar.Event.from_ical(content)
    until = (removed + timedelta(days=GRACE_DAYS)).date()
    summary = one_line(component.get("SUMMARY", ""))  # an older build's text: without control characters now
    description = clean(component.get("DESCRIPTION", ""))
    note = lang("ical.withdrawn.note", removed=removed.date().isoformat(), until=until.isoformat())
    for name in ("SUMMARY", "DESCRIPTION", "STATUS", *VOLATILE):
        component.pop(name, None)
    text = ical_text.text_parameters(lang)
    component.add("SUMMARY", lang("ical.withdrawn", summary=summary), parameters=text)
    component.add("STATUS", "CANCELLED")
    component.add("DESCRIPTION", f"{note}\n\n{description}" if description else note, parameters=text)
    return component.to_ical().decode("utf-8")


def bare_tombstone(uid: str, removed: datetime, lang: Language = EN) -> str:
    """A withdrawal when the last published text is not at hand (the previous feed file is gone)."""
    import icalendar

    text = ical_text.text_parameters(lang)
    event = icalendar.Event()
    event.add("UID", uid)
    event.add("SUMMARY", lang("ical.withdrawn.bare"), parameters=text)
    event.add("DTSTART", removed.date())
    event.add("STATUS", "CANCELLED")
    event.add("TRANSP", "TRANSPARENT")
    event.add("DESCRIPTION", lang("ical.withdrawn.bare_note", removed=removed.date().isoformat()), parameters=text)
    return event.to_ical().decode("utf-8")


class Ledger:
    """The events' SEQUENCE bookkeeping across an organisation's feeds for one build (the state's `events`)."""

    def __init__(self, before: dict[str, Any], stamp: datetime, lang: Language = EN) -> None:
        self.before, self.stamp, self.iso, self.lang = before, stamp, _stamp_text(stamp), lang
        self.events: dict[str, Entry | str] = {}
        """This build's entries by UID: an unchanged event's as the previous state stored it (`compact`)."""
        self.withdrawn: dict[str, dict[str, Any]] = {}
        """The last withdrawal of each UID: an event that comes back continues its SEQUENCE."""
        for feed in before["feeds"].values():
            for uid, entry in (feed.get("withdrawn") or {}).items():
                if (
                    _valid(entry, ("sequence", int))
                    and entry["sequence"] >= self.withdrawn.get(uid, {"sequence": -1})["sequence"]
                ):
                    self.withdrawn[uid] = entry
        self._lines: dict[tuple[str, object], bytes] = {}
        self._triples: dict[tuple[int, str, str], tuple[bytes, bytes, bytes]] = {}

    def entry(self, event: Prepared) -> Entry:
        """This build's entry of a live event (new, unchanged, or changed: SEQUENCE up)."""
        found = self.events.get(event.uid)
        if found is not None:
            return found if isinstance(found, Entry) else self.before["events"].get(event.uid)
        old = self.before["events"].get(event.uid)
        gone = self.withdrawn.get(event.uid)
        if old is None and gone is not None:  # back after a withdrawal: a higher SEQUENCE than the cancellation's
            entry = Entry(event.digest, gone["sequence"] + 1, gone["created"], max(self.iso, gone["modified"]))
        elif old is None:
            entry = Entry(event.digest, 0, self.iso, self.iso)
        elif old.hash == event.digest:
            raw = self.before["events"].raw(event.uid)
            self.events[event.uid] = raw if isinstance(raw, str) else old  # shared with the previous state
            return old
        else:
            entry = Entry(event.digest, old.sequence + 1, old.created, max(self.iso, old.modified))
        self.events[event.uid] = entry
        return entry

    def _line(self, name: str, value: object) -> bytes:
        """A volatile property's line, one bytes object per value for every event of the build."""
        key = (name, value)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = f"{name}:{value}\r\n".encode()
        return found

    def _stamp_lines(self, sequence: int, created: str, modified: str) -> tuple[bytes, bytes, bytes]:
        """An event's SEQUENCE, CREATED and LAST-MODIFIED lines, one tuple for the events stamped alike."""
        key = (sequence, created, modified)
        found = self._triples.get(key)
        if found is None:
            lines = self._line("SEQUENCE", sequence), self._line("CREATED", created)
            found = self._triples[key] = (*lines, self._line("LAST-MODIFIED", modified))
        return found

    def publish(self, name: str, live: Iterable[Prepared], previous_text: Callable[[str], str | None]) -> Published:
        """Stamp a feed's live events; withdraw the ones it published before and no longer has; age withdrawals."""
        events = list(live)
        zones: dict[str, set[int]] = {}
        for event in events:
            for tzid, years in event.zones.items():
                zones.setdefault(tzid, set()).update(years)
        uids = sorted(event.uid for event in events)
        withdrawn = self._withdrawn(self.before["feeds"].get(name, {}), uids, previous_text)
        for uid, entry in withdrawn.items():
            content = entry["content"]
            events.append(Prepared(uid, pieces(content.encode("utf-8")), "", _start_of(content), NO_ZONES))
        events.sort(key=attrgetter("uid"))  # then by moment, stably: by (moment, UID) without a key tuple an event
        events.sort(key=attrgetter("moment"))
        lines = []
        for event in events:
            gone = withdrawn.get(event.uid)
            lines.append(self._stamp_lines(*(_moments(gone) if gone is not None else self.entry(event)[1:])))
        chunks = Stamped(self._line("DTSTAMP", self.iso), events, lines)
        return Published(chunks, len(events), zones, uids, withdrawn)

    def _withdrawn(self, old_feed: dict[str, Any], uids: list[str], previous_text: Callable[[str], str | None]):
        """The feed's withdrawn events, by UID: those still in their grace days and those that left it now (`uids`:
        the live ones, sorted)."""
        found: dict[str, dict[str, Any]] = {}

        def live(uid: str) -> bool:
            at = bisect_left(uids, uid)
            return at < len(uids) and uids[at] == uid

        for uid, old in (old_feed.get("withdrawn") or {}).items():
            if live(uid) or not _valid(old, ("removed", str), ("content", str), ("sequence", int)):
                continue
            if self.stamp < datetime.fromisoformat(old["removed"]) + timedelta(days=GRACE_DAYS):
                found[uid] = dict(old)
        for uid in old_feed.get("uids") or []:
            old = self.before["events"].get(uid)
            if uid in found or old is None or live(uid):
                continue
            last = previous_text(uid)
            content = tombstone(last, self.stamp, self.lang) if last else bare_tombstone(uid, self.stamp, self.lang)
            found[uid] = {
                "removed": self.stamp.isoformat(),
                "sequence": old.sequence + 1,
                "created": old.created,
                "modified": max(self.iso, old.modified),
                "content": content,
            }
        return dict(sorted(found.items()))


def _moments(entry: dict[str, Any]) -> tuple[int, str, str]:
    return entry["sequence"], entry["created"], entry["modified"]


def _start_of(text: str) -> str:
    """The start of a stored event text, for sorting (its DTSTART value, as written)."""
    found = re.search(r"\r\nDTSTART[^:]*:(\S+)", text)
    value = found.group(1) if found else ""
    if len(value) == 8:
        value = date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    return value


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
