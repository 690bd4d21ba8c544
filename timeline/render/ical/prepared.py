"""A VEVENT serialised once, as UTF-8 bytes cut into five pieces around the four properties that change from build to
build (DTSTAMP, SEQUENCE, CREATED, LAST-MODIFIED), its text without them hashed (`Prepared`); and a feed's bytes in
pieces, its events stamped as they are read (`Stamped`). Stamping puts those four lines between the pieces, in
icalendar's canonical order, so every feed that carries an event shares its bytes. What the next build keeps of
them, and SEQUENCE, are render.ical.state's.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, overload

from timeline.render.ical import tz as ical_tz
from timeline.render.ical.fold import serialise

if TYPE_CHECKING:
    import icalendar

VOLATILE = ("DTSTAMP", "SEQUENCE", "CREATED", "LAST-MODIFIED")
NO_ZONES: dict[str, set[int]] = {}
"""The zones of an event without local times (shared, never changed)."""


class Prepared:
    """A VEVENT serialised once, without its volatile properties, ready to be stamped: its UID, the hash of its text,
    `moment` (the start instant, UTC for a timed event, the day for an all-day one: with the UID, the sort key) and
    `zones` (TZID -> years of local times, for the VTIMEZONEs the feed needs; NO_ZONES for none). Its five pieces
    are slots of their own (a tuple of them would cost 80 bytes more an event)."""

    __slots__ = ("_categories", "_description", "_head", "_tail", "_uid", "digest", "moment", "uid", "zones")

    def __init__(self, uid: str, pieces: tuple[bytes, ...], digest: str, moment: str, zones: dict[str, set[int]]):
        self.uid, self.digest, self.moment, self.zones = uid, digest, moment, zones
        self._head, self._uid, self._categories, self._description, self._tail = pieces

    @property
    def pieces(self) -> tuple[bytes, ...]:
        """The UTF-8 text from BEGIN:VEVENT to END:VEVENT (CRLF lines, folded) in five pieces, cut where DTSTAMP,
        SEQUENCE, CREATED and LAST-MODIFIED go in canonical order: stamping only puts four lines between them, so
        the feeds that carry the event share these bytes."""
        return self._head, self._uid, self._categories, self._description, self._tail


class Stamped(Sequence[bytes]):
    """A feed's bytes in pieces, its VEVENTs stamped as they are read: `head` (the calendar's properties and time
    zones), each event's pieces with its DTSTAMP, SEQUENCE, CREATED and LAST-MODIFIED lines between them, then `tail`.
    A feed holds two pointers an event (the event and its stamp lines, shared by the events stamped alike) instead
    of its nine pieces: 23 MB less at 100,000 items."""

    __slots__ = ("dtstamp", "events", "head", "lines", "tail")

    def __init__(self, dtstamp: bytes, events: list[Prepared], lines: list[tuple[bytes, bytes, bytes]]) -> None:
        self.dtstamp, self.events, self.lines = dtstamp, events, lines
        self.head: list[bytes] = []
        self.tail: list[bytes] = []

    def __iter__(self) -> Iterator[bytes]:
        yield from self.head
        dtstamp = self.dtstamp
        for event, (sequence, created, modified) in zip(self.events, self.lines, strict=True):
            yield from (event._head, dtstamp, event._uid, sequence, event._categories, created)
            yield from (event._description, modified, event._tail)
        yield from self.tail

    def __len__(self) -> int:
        return len(self.head) + 9 * len(self.events) + len(self.tail)

    @overload
    def __getitem__(self, index: int) -> bytes: ...
    @overload
    def __getitem__(self, index: slice) -> list[bytes]: ...
    def __getitem__(self, index: int | slice) -> bytes | list[bytes]:
        return list(self)[index]


@dataclass
class Published:
    """One feed's VEVENTs, stamped and in order, the zones they need, and its part of the next state."""

    chunks: Stamped
    """The VEVENTs' bytes in order, in pieces shared with the other feeds that carry the same events."""
    count: int
    zones: dict[str, set[int]]
    uids: list[str]
    withdrawn: dict[str, dict[str, Any]]


def prepare(component: icalendar.Event) -> Prepared:
    """Serialise an event once (icalendar's canonical order and folding) and hash it."""
    data = serialise(component)
    start = component["DTSTART"].dt
    moment = start.astimezone(UTC).isoformat() if isinstance(start, datetime) else start.isoformat()
    zones = ical_tz.local_years(component) or NO_ZONES
    return Prepared(str(component["UID"]), pieces(data), digest(data), sys.intern(moment), zones)


COMMON: dict[bytes, bytes] = {}
"""Pieces that many events have alike (CATEGORIES; LOCATION, STATUS, TRANSP, URL), kept once; emptied when it grows
past COMMON_MAX (a long-lived process, such as `serve --watch`, sees the data change)."""
COMMON_MAX = 50_000


def common_piece(piece: bytes) -> bytes:
    found = COMMON.get(piece)
    if found is None:
        if len(COMMON) >= COMMON_MAX:
            COMMON.clear()
        found = COMMON[piece] = piece
    return found


def digest(data: bytes) -> str:
    """The hash of an event's text, as the state keeps it."""
    return hashlib.sha256(data).hexdigest()[:16]


def _name(line: bytes) -> str:
    return re.split(rb"[;:]", line, maxsplit=1)[0].decode("utf-8", "replace").upper()


@functools.cache
def _canonical() -> dict[str, int]:
    """icalendar's canonical order of a VEVENT's properties (read once, when an event is cut from icalendar's text:
    a build that writes every event directly does not import icalendar)."""
    import icalendar

    return {name: i for i, name in enumerate(icalendar.Event.canonical_order)}


def _order(name: str) -> tuple[int, str]:
    """icalendar's canonical order: its listed properties first, in that order, then the rest alphabetically."""
    order = _canonical()
    return (order.get(name, len(order)), name if name not in order else "")


@functools.cache
def _slots() -> list[tuple[int, str]]:
    """Where the volatile properties go, in order."""
    return sorted(_order(name) for name in VOLATILE)


def pieces(data: bytes) -> tuple[bytes, ...]:
    """A VEVENT's text cut into the five pieces around its volatile properties (any it has are left out): the
    stamped event is piece, DTSTAMP, piece, SEQUENCE, piece, CREATED, piece, LAST-MODIFIED, piece, with every
    property in icalendar's canonical order."""
    lines = data.split(b"\r\n")
    props: list[list[bytes]] = []
    for line in lines[1:-2]:  # between BEGIN:VEVENT and END:VEVENT (the text ends in CRLF)
        if line[:1] in (b" ", b"\t") and props:
            props[-1].append(line)
        else:
            props.append([line])
    keyed = sorted(
        ((_order(name), p) for p in props if (name := _name(p[0])) not in VOLATILE), key=lambda item: item[0]
    )
    cut: list[list[bytes]] = [[lines[0]]]
    slots = _slots()
    for key, prop in keyed:
        while len(cut) <= len(slots) and key > slots[len(cut) - 1]:
            cut.append([])
        cut[-1] += prop
    cut += [[] for _ in range(len(slots) + 1 - len(cut))]
    cut[-1].append(lines[-2])
    joined = [b"".join(line + b"\r\n" for line in piece) for piece in cut]
    return joined[0], joined[1], common_piece(joined[2]), joined[3], common_piece(joined[4])
