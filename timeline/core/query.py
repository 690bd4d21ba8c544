"""Questions asked of one organisation: who chairs, who holds, what meets when."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from timeline.core import rotation
from timeline.core.dates import LAST_YEAR, ONE_DAY, PartialDate, Period
from timeline.core.intervals import IntervalIndex
from timeline.core.model import (
    Body,
    Event,
    EventStatus,
    Member,
    Office,
    Person,
    Place,
    Source,
    Term,
)
from timeline.core.organisation import Organisation
from timeline.core.rotation import Resolution, RotationContext, RotationRule
from timeline.errors import QueryError, ValueProblem

When = date | PartialDate | Period | str
HORIZON_LIMIT = date(LAST_YEAR + 10, 1, 1)
"""Rotations are never worked out past this day, whatever a caller asks."""
SESSION_KINDS = ("session", "extraordinary-session")


def as_period(when: When) -> Period:
    """A half-open span for a year, quarter, month or day (text, PartialDate or date), or a Period."""
    if isinstance(when, Period):
        return when
    if isinstance(when, date):
        return PartialDate.of(when).span
    if isinstance(when, str):
        try:
            when = PartialDate.parse(when)
        except ValueProblem as problem:
            raise QueryError(str(problem)) from None
    return when.span


@dataclass(frozen=True)
class Chairmanship:
    """A chairmanship term that overlaps the span asked about, with who exercised it then."""

    term: Term
    member: Member | None
    """The member state holding the chair; None for an undetermined turn."""
    persons: tuple[Person, ...]
    """The chair persons during the overlap (heads of the member's delegation)."""


def _matches(ref: str, *names: str | None) -> bool:
    wanted = ref.strip().casefold()
    return any(name is not None and name.casefold() == wanted for name in names)


class Timeline:
    """Query façade over one organisation; pure, so `today` is always passed in."""

    def __init__(self, org: Organisation) -> None:
        self.org = org
        index = org.index
        self.members = index.members
        self.bodies = index.bodies
        self.offices = index.offices
        self.people = index.people
        self.places = index.places
        self.sources = org.sources_by_id
        self.events_by_id = index.events
        self._terms = index.terms_by_office
        self._rules: dict[str, list[RotationRule]] = {}
        for rule in sorted(org.rotations, key=lambda r: r.in_force.start):
            self._rules.setdefault(rule.office, []).append(rule)
        self.rotation = RotationContext(org)
        self._resolved: dict[tuple[str, date | None], Resolution] = {}
        self._indexes: dict[object, IntervalIndex[Term]] = {}
        self._event_index: IntervalIndex[Event] | None = None

    # Look-ups -------------------------------------------------------------

    def office(self, ref: str) -> Office:
        """An office by id or case-insensitive name in any language."""
        if ref in self.offices:
            return self.offices[ref]
        for office in self.offices.values():
            if _matches(ref, office.id, office.name, *office.names.values()):
                return office
        raise QueryError(f"no office '{ref}' in {self.org.id} (try one of: {', '.join(sorted(self.offices))})")

    def body(self, ref: str) -> Body:
        """A body by id, or case-insensitive abbreviation or name in any language."""
        if ref in self.bodies:
            return self.bodies[ref]
        for body in self.bodies.values():
            if _matches(ref, body.id, body.name, *body.names.values(), body.short, *body.shorts.values()):
                return body
        raise QueryError(f"no body '{ref}' in {self.org.id} (try one of: {', '.join(sorted(self.bodies))})")

    def source_list(self, ids: Iterable[str]) -> list[Source]:
        """The sources cited by a fact, in the order cited."""
        return [self.sources[i] for i in ids if i in self.sources]

    def holder(self, term: Term) -> Person | Member | None:
        """Who holds a term: the person or the member state the data knows by its id (None when undetermined)."""
        return (self.people.get(term.holder) or self.members.get(term.holder)) if term.holder else None

    def place_of(self, event: Event) -> Place | None:
        return self.places.get(event.place) if event.place else None

    # Terms ------------------------------------------------------------------

    def rules(self, office_ref: str) -> list[RotationRule]:
        """The rotation rules of an office, oldest first (empty for an office that does not rotate)."""
        return self._rules.get(self.office(office_ref).id, [])

    def resolution(self, office_ref: str, until: date | None = None) -> Resolution:
        """A rotating office resolved: recorded terms checked, gaps derived, turns computed up to `until`."""
        office = self.office(office_ref)
        if until is not None:
            until = min(until, HORIZON_LIMIT)
        key = (office.id, until)
        history = self._resolved.get((office.id, None))
        if history is not None and until is not None and until <= self._settled(office.id):
            return history  # nothing to project before the last recorded term ends: the history answers
        if key not in self._resolved:
            rules = self._rules.get(office.id, [])
            recorded = self._terms.get(office.id, [])
            present = self.org.data_date.earliest if self.org.data_date else None
            self._resolved[key] = rotation.resolve(office.id, rules, self.rotation, recorded, until, present)
        return self._resolved[key]

    def _settled(self, office: str) -> date:
        """The day the office's recorded terms reach (the last end, or start of an open term)."""
        terms = self._terms.get(office, [])
        return max((t.period.end or t.period.start for t in terms), default=date.min)

    @property
    def rotating_offices(self) -> list[str]:
        """The ids of the offices that have rotation rules, in order of their first rule's start."""
        return list(self._rules)

    def warm(self) -> Timeline:
        """Resolve every rotating office's recorded history now (before caching this Timeline); returns self."""
        for office in self._rules:
            self.resolution(office)
        return self

    def recorded_terms(self, office_ref: str) -> list[Term]:
        """The terms the data records for an office, in order of start (a rotating office's last open one ends
        on the rule's next handoff)."""
        office = self.office(office_ref)
        if office.id not in self._rules:
            return self._terms.get(office.id, [])
        return [t for t in self.resolution(office.id).terms if t.is_recorded]

    def terms(self, office_ref: str, until: date | None = None) -> list[Term]:
        """Every term of an office in order; a rotating office adds the turns its rules give: derived between
        recorded terms, and up to `until` projected, scheduled or undetermined."""
        office = self.office(office_ref)
        if office.id not in self._rules:
            return self._terms.get(office.id, [])
        return list(self.resolution(office.id, until).terms)

    def _index(self, office: Office, until: date) -> IntervalIndex[Term]:
        """The interval index of an office's terms (a rotating office's up to `until`)."""
        if office.id not in self._rules:
            key: object = office.id
            if key not in self._indexes:
                self._indexes[key] = IntervalIndex(self._terms.get(office.id, []), _span_of)
            return self._indexes[key]
        resolution = self.resolution(office.id, min(until, HORIZON_LIMIT))
        key = (office.id, id(resolution))
        if key not in self._indexes:
            self._indexes[key] = IntervalIndex(resolution.terms, _span_of)
        return self._indexes[key]

    def terms_during(self, office_ref: str, when: When) -> list[Term]:
        """Every term (recorded or computed) of an office that overlaps a span."""
        span = as_period(when)
        return self._index(self.office(office_ref), span.end or span.start).overlapping(span.start, span.end)

    def holders(self, office_ref: str, on: date) -> list[Term]:
        """The terms of an office running on a day."""
        return self._index(self.office(office_ref), on + ONE_DAY).containing(on)

    # Chairmanship -----------------------------------------------------------

    @property
    def chair_office(self) -> Office:
        """The organisation's rotating chairmanship."""
        if self.org.chair_office is None:
            raise QueryError(f"{self.org.id} has no rotating chairmanship in its data")
        return self.office(self.org.chair_office)

    def chairs(self, when: When) -> list[Chairmanship]:
        """Every chairmanship term overlapping a year, quarter, month, day or period."""
        span = as_period(when)
        return [
            Chairmanship(term, self.members.get(term.holder or ""), tuple(self.chair_persons(term, span)))
            for term in self.terms_during(self.chair_office.id, span)
        ]

    def last_recorded_head(self, member_id: str | None, day: date) -> tuple[Person, date] | None:
        """The latest head of a member's delegation the data shows in office before a day, and the last such day.

        For a projected chairmanship whose chair person the data cannot name yet: a hint, not a fact.
        """
        member = self.members.get(member_id or "")
        if member is None:
            return None
        offices = {rep.office for rep in member.representation if rep.period.start <= day}
        offices = offices or {o.id for o in self.offices.values() if o.member == member_id}
        known = [(t.period.last_day or t.period.start, t) for o in offices for t in self._terms.get(o, [])]
        known = [(min(last, day - ONE_DAY), t) for last, t in known if t.period.start < day]
        if not known:
            return None
        last, term = max(known, key=lambda pair: pair[0])
        return self.people[term.holder], last

    @property
    def tracks_chair_persons(self) -> bool:
        """True when the data records who heads members' delegations (else chair persons are not looked for)."""
        return any(m.representation for m in self.org.members) or any(o.member for o in self.org.offices)

    def outgoing_chairs(self, day: date) -> list[Term]:
        """Chairmanship terms that end on a day: the outgoing chair on a handoff day."""
        return [t for t in self.terms(self.chair_office.id, day) if t.period.end == day]

    def chair_persons(self, term: Term, span: Period | None = None) -> list[Person]:
        """Who exercised a state-held term: the recorded person, else the heads of delegation then."""
        if term.person:
            return [self.people[term.person]]
        overlap = _intersection(term.period, span) if span else term.period
        member = self.members.get(term.holder or "")
        if member is None or overlap is None:
            return []
        offices = [rep.office for rep in member.representation if rep.period.overlaps(overlap)]
        if not member.representation:
            offices = [o.id for o in self.offices.values() if o.member == member.id]
        persons: list[Person] = []
        for office in offices:
            for national in self._terms.get(office, []):
                if national.period.overlaps(overlap) and national.holder not in {p.id for p in persons}:
                    persons.append(self.people[national.holder])
        return persons

    def forecast(self, start: date, years: int) -> list[Term]:
        """The chairmanship terms overlapping `years` years from `start`, projected where not recorded."""
        end = date(start.year + years, start.month, min(start.day, 28))
        return self.terms_during(self.chair_office.id, Period(start, end))

    # Events -----------------------------------------------------------------

    def events(
        self,
        when: When | None = None,
        body: str | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[Event]:
        """Events overlapping a span (all when None), optionally of one body and some kinds, by date."""
        span = as_period(when) if when is not None else None
        body_id = self.body(body).id if body else None
        wanted = set(kinds) if kinds is not None else None
        if self._event_index is None:  # in date order: what it finds comes back in that order
            self._event_index = IntervalIndex(
                sorted(self.org.events, key=lambda e: (e.date.sort_key(), e.id)), _span_of
            )
        index = self._event_index
        candidates = index.overlapping(span.start, span.end) if span is not None else index.overlapping(date.min, None)
        return [
            e for e in candidates if (body_id is None or e.body == body_id) and (wanted is None or e.kind in wanted)
        ]

    def sessions(self, year: int | None = None, body: str | None = None) -> list[Event]:
        """Regular and extraordinary sessions, optionally of one year and one body."""
        return self.events(str(year) if year is not None else None, body, SESSION_KINDS)

    def next_events(self, after: date, count: int = 5) -> list[Event]:
        """The next `count` events not cancelled that may still take place on or after a day."""
        upcoming = [e for e in self.events() if e.status is not EventStatus.CANCELLED and e.period.end > after]
        return upcoming[:count]


def _span_of(fact: Term | Event) -> tuple[date, date | None]:
    period = fact.period
    return period.start, period.end


def _intersection(a: Period, b: Period) -> Period | None:
    if not a.overlaps(b):
        return None
    start = max(a.start, b.start)
    ends = [e for e in (a.end, b.end) if e is not None]
    return Period(start, min(ends) if ends else None)
