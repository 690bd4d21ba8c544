"""What a rotation rule needs to know about an organisation, indexed once: members, sessions, seats."""

from __future__ import annotations

import bisect
import itertools
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from timeline.core.dates import PartialDate
from timeline.core.index import Index
from timeline.core.model import Event, EventStatus, Member, Office, Place, Reason, Standing, Term


@dataclass(frozen=True)
class Handoff:
    """A day on which a rotating office passes: a calendar date or a regular session."""

    day: date
    """The first day of the new turn (the earliest day of an imprecise session)."""
    when: PartialDate
    """The same day with its precision (a session known only to the month stays a month)."""
    event: Event | None = None
    """The session that hands over, for session cadences."""
    reason: Reason | None = None
    """What every term beginning on it says of the day (a handoff projected past the last known session)."""


@dataclass(frozen=True)
class PoolState:
    """Who takes turns on a day."""

    members: tuple[str, ...]
    """Member ids in the pool."""
    complete: bool = True
    """False when the pool cannot be known in full (seats not yet filled)."""
    reason: Reason | None = None
    """Why the pool is incomplete."""


def collation_key(name: str) -> str:
    """A name for alphabetical comparison: accents dropped, case folded, Ё sorted as Е."""
    text = name.casefold().replace("ё", "е")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class RotationFacts(Protocol):
    """The facts a rotation reads (an Organisation has them; the rotation package never imports it)."""

    @property
    def events(self) -> tuple[Event, ...]: ...
    @property
    def index(self) -> Index: ...


class RotationContext:
    """The facts rotation rules read, indexed for repeated look-ups (pure: built from an Organisation)."""

    def __init__(self, org: RotationFacts) -> None:
        self.org = org
        self.index = org.index
        self.members: dict[str, Member] = self.index.members
        self.offices: dict[str, Office] = self.index.offices
        self.places: dict[str, Place] = self.index.places
        self._sessions: dict[tuple[str, bool], list[Handoff]] = {}
        self._session_days: dict[tuple[str, bool], list[date]] = {}
        self._sort_keys: dict[tuple[str, str], tuple[str, str]] = {}
        self._ranked: dict[str, list[str]] = {}
        self._ranked_keys: dict[str, list[tuple[str, str]]] = {}
        self._seats: dict[str, tuple[list[date], list[tuple[str, ...]]]] = {}

    def sort_key(self, member: str, language: str) -> tuple[str, str]:
        """How a member sorts in a language: its collated name, then its id (names may coincide)."""
        key = (member, language)
        if key not in self._sort_keys:
            found = self.members.get(member)
            self._sort_keys[key] = (collation_key(found.sort_name(language)) if found else member, member)
        return self._sort_keys[key]

    def ranked(self, language: str) -> list[str]:
        """Every member id in alphabetical order of its name in a language."""
        if language not in self._ranked:
            self._ranked[language] = sorted(self.members, key=lambda m: self.sort_key(m, language))
        return self._ranked[language]

    def ranked_keys(self, language: str) -> list[tuple[str, str]]:
        """The sort keys of `ranked(language)`, for bisecting."""
        if language not in self._ranked_keys:
            self._ranked_keys[language] = [self.sort_key(m, language) for m in self.ranked(language)]
        return self._ranked_keys[language]

    def takes_turn(self, candidate: str, pool: PoolState) -> bool:
        """Whether a member, or a group with a member, in the pool can take the turn."""
        group = self.index.groups.get(candidate)
        if group is not None:
            return any(member in pool.members for member in group.members)
        return candidate in pool.members

    def fits(self, turn_of: str | None, term: Term) -> bool:
        """Whether a recorded term is the turn of a member or group (a group's turn held by one of its members, or
        recorded as the group's); any term fits a turn nobody is named for."""
        if turn_of is None or turn_of == term.holder or turn_of == term.group:
            return True
        group = self.index.groups.get(turn_of)
        return group is not None and term.holder in group.members

    def is_group(self, candidate: str | None) -> bool:
        return candidate is not None and candidate in self.index.groups

    def standing(self, member: str, day: date) -> Standing:
        found = self.members.get(member)
        return found.standing_on(day) if found else Standing.NOT_MEMBER

    def sessions(self, body: str, closing: bool = False) -> list[Handoff]:
        """The regular sessions of a body (held or planned), as handoffs on their first (or last) day, by day."""
        key = (body, closing)
        if key not in self._sessions:
            found = {}
            for event in sorted(self.org.events, key=lambda e: (e.date.sort_key(), e.id), reverse=True):
                if event.body == body and event.is_regular_session and event.status in _HANDING_OVER:
                    when = event.last_day if closing and event.last_day else event.date
                    found[when.earliest] = Handoff(when.earliest, when, event)
            self._sessions[key] = [found[day] for day in sorted(found)]
            self._session_days[key] = sorted(found)
        return self._sessions[key]

    def session_days(self, body: str, closing: bool = False) -> list[date]:
        """The days of `sessions(body, closing)`, for bisecting."""
        self.sessions(body, closing)
        return self._session_days[(body, closing)]

    def session_interval(self, body: str, closing: bool = False) -> int | None:
        """The median number of whole months between a body's regular sessions, or None with fewer than two."""
        days = self.session_days(body, closing)
        gaps = [12 * (b.year - a.year) + b.month - a.month for a, b in itertools.pairwise(days)]
        return round(statistics.median(gaps)) if gaps else None

    def host(self, event: Event | None) -> str | None:
        """The member state hosting an event (from its place), when recorded."""
        place = self.places.get(event.place) if event and event.place else None
        return place.member if place else None

    def seat_holders(self, office: str, day: date) -> tuple[str, ...]:
        """The holders of an office's terms on a day (the members of a body with seats)."""
        if office not in self._seats:
            self._seats[office] = _seat_index(self.index.terms_by_office.get(office, []))
        bounds, holders = self._seats[office]
        return holders[bisect.bisect_right(bounds, day)]


_HANDING_OVER = (EventStatus.HELD, EventStatus.PLANNED)


def _seat_index(terms: Sequence[Term]) -> tuple[list[date], list[tuple[str, ...]]]:
    """The days the set of holders changes, and the holders from each change on (index 0: before the first)."""
    bounds = sorted({t.period.start for t in terms} | {t.period.end for t in terms if t.period.end})
    holders = [()]
    for day in bounds:
        holders.append(tuple(sorted({t.holder for t in terms if t.holder and t.period.contains(day)})))
    return bounds, holders
