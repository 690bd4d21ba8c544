"""Cross-file checks of one organisation: references, duplicates, dates that cannot be."""

from __future__ import annotations

import functools
import itertools
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import replace

from timeline.core.model import Fact, HolderKind, Term
from timeline.core.names import ISO_639_1, not_a_language
from timeline.core.organisation import Organisation
from timeline.core.rotation import RotationContext, RotationRule
from timeline.core.rotation import close_open_terms as close_office_terms
from timeline.core.rotation.fields import Known
from timeline.errors import DataError

NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
"""Files of the time zone database that are no place's zone (the machine's own zone, a template, a placeholder)."""


@functools.cache
def _zone_names() -> frozenset[str]:
    """Every zone name of the database, listed once a process (the listing walks its folders: about 10 ms)."""
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def is_time_zone(name: str) -> bool:
    """True for an IANA zone name (Europe/Minsk, UTC): not a folder of the database (Europe), nor the machine's own
    zone (localtime), nor a path."""
    if name in NOT_ZONES or name not in _zone_names():
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


class Checker:
    """Collects every cross-reference problem of an organisation, each with its file and line."""

    def __init__(self, org: Organisation) -> None:
        self.org, self.errors = org, []
        index = org.index
        self.members, self.people, self.bodies = index.members, index.people, index.bodies
        self.offices, self.places, self.events = index.offices, index.places, index.events
        self.groups = index.groups

    def fail(self, fact: object, message: str) -> None:
        self.errors.append(
            DataError(getattr(fact, "file", "") or self.org.id, getattr(fact, "line", 0) or None, message)
        )

    def ref(self, fact: object, what: str, value: str | None, known: Iterable[str], kind: str) -> None:
        if value is not None and value not in known:
            self.fail(fact, f"{what} names unknown {kind} '{value}'")

    def run(self) -> list[DataError]:
        self.sources()
        self.organisation()
        self.members_and_offices()
        self.terms()
        self.events_()
        self.rotations()
        return self.errors

    def sources(self) -> None:
        facts: list[tuple[object, str, Sequence[str]]] = []
        for kind, items in self.kinds():
            facts += [(f, f"{kind} '{getattr(f, 'id', '')}'", f.sources) for f in items]
        for rule in self.org.rotations:
            facts += [(x, f"rotation '{rule.id}' {x.kind} exception", x.sources) for x in rule.exceptions]
        for member in self.org.members:
            facts += [(c, f"member '{member.id}' {c.kind.value}", c.sources) for c in member.changes]
            facts += [(r, f"member '{member.id}' representation", r.sources) for r in member.representation]
        for event in self.org.events:
            facts += [(d, f"event '{event.id}' decision", d.sources) for d in event.decisions]
            if event.announced:
                facts.append((event.announced, f"event '{event.id}' announcement", event.announced.sources))
        for fact, what, cited in facts:
            for source in cited:
                self.ref(fact, what, source, self.org.sources_by_id, "source")

    def kinds(self) -> list[tuple[str, Sequence[Fact]]]:
        return self.org.fact_kinds()

    def organisation(self) -> None:
        self.ref(self.org, "organisation's chair_office", self.org.chair_office, self.offices, "office")
        for language in self.org.languages:
            if language not in ISO_639_1:
                self.fail(self.org, f"organisation's languages: {not_a_language(language)}")
        for place in self.org.places:
            if not is_time_zone(place.tz):
                self.fail(place, f"place '{place.id}': '{place.tz}' is not an IANA time zone (e.g. Europe/Minsk)")
            self.ref(place, f"place '{place.id}'", place.member, self.members, "member")
        for person in self.org.people:
            self.ref(person, f"person '{person.id}'", person.member, self.members, "member")
        for group in self.org.groups:
            for member in group.members:
                self.ref(group, f"group '{group.id}'", member, self.members, "member")
            if group.id in self.members:
                self.fail(group, f"group '{group.id}' has the id of a member: a turn could not say which it is")

    def members_and_offices(self) -> None:
        for member in self.org.members:
            for rep in member.representation:
                self.ref(rep, f"member '{member.id}' representation", rep.office, self.offices, "office")
        for office in self.org.offices:
            self.ref(office, f"office '{office.id}'", office.body, self.bodies, "body")
            self.ref(office, f"office '{office.id}'", office.member, self.members, "member")

    def terms(self) -> None:
        valid: list[Term] = []
        for term in self.org.terms:
            what = f"term '{term.id}'"
            office = self.offices.get(term.office)
            self.ref(term, what, term.office, self.offices, "office")
            holders = self.members if office and office.holder_kind is HolderKind.MEMBER else self.people
            kind = "member" if holders is self.members else "person"
            for holder in term.holders:
                self.ref(term, what, holder, holders, kind)
            self.ref(term, what, term.group, self.groups, "group")
            if term.group in self.groups and term.holder and term.holder not in self.groups[term.group].members:
                self.fail(term, f"{what}: holder '{term.holder}' is not in group '{term.group}'")
            self.ref(term, what, term.person, self.people, "person")
            self.ref(term, what, term.appointed_by, self.events, "event")
            self.sought_by_data_date(term, what)
            if term.start and term.end and term.end.latest < term.start.earliest:
                self.fail(term, f"{what} ends before it starts ({term.start} > {term.end})")
            elif office is not None:
                valid.append(term)
        self.one_seat_overlaps(valid)
        self.seats_overfilled(valid)

    def sought_by_data_date(self, term: Term, what: str) -> None:
        """A search for an official text (`official_sought`) is dated no later than the data's `data_date`."""
        checked, sought = self.org.data_date, term.official_sought
        if checked is not None and sought is not None and sought > checked.latest:
            self.fail(term, f"{what}: 'official_sought' {sought} is after the data's data_date ({checked})")

    def seats_overfilled(self, terms: list[Term]) -> None:
        """An office of N > 1 seats holds no more than N terms on any day (the most overlap where a term starts)."""
        by_office: dict[str, list[Term]] = {}
        for term in terms:
            if (self.offices[term.office].seats or 0) > 1:  # None: as many seats as it takes
                by_office.setdefault(term.office, []).append(term)
        for office, held in by_office.items():
            seats = self.offices[office].seats
            held = [t for t in held if not t.certain.is_empty]
            for term in held:
                day = term.certain.start
                sharing = [t for t in held if t.certain.contains(day)]
                if len(sharing) > seats:
                    others = ", ".join(f"'{t.id}'" for t in sharing if t is not term)
                    self.fail(
                        term,
                        f"term '{term.id}' is one of {len(sharing)} terms held on {day} in office '{office}' of "
                        f"{seats} seats (with {others})",
                    )

    def one_seat_overlaps(self, terms: list[Term]) -> None:
        by_office: dict[str, list[Term]] = {}
        for term in terms:
            if self.offices[term.office].seats == 1:
                by_office.setdefault(term.office, []).append(term)
        for office, held in by_office.items():
            held.sort(key=lambda t: t.certain.start)
            for i, term in enumerate(held):
                for earlier in held[:i]:
                    if earlier.certain.overlaps(term.certain):
                        self.fail(
                            term,
                            f"term '{term.id}' overlaps term '{earlier.id}' in one-seat office '{office}' "
                            f"({term.certain} vs {earlier.certain})",
                        )

    def events_(self) -> None:
        for event in self.org.events:
            what = f"event '{event.id}'"
            self.ref(event, what, event.body, self.bodies, "body")
            self.ref(event, what, event.place, self.places, "place")
            self.ref(event, what, event.chair, self.members, "member")
            self.ref(event, what, event.chair_person, self.people, "person")
            for person in event.participants:
                self.ref(event, f"{what} participant", person, self.people, "person")
            if event.announced:
                self.ref(event.announced, f"{what} announcement", event.announced.place, self.places, "place")
            if event.last_day and event.last_day.latest < event.date.earliest:
                self.fail(event, f"{what} ends before it starts ({event.date} > {event.last_day})")

    def rotations(self) -> None:
        takers = [*self.members, *self.groups]  # a member or a group of members takes a turn
        known = Known(members=takers, bodies=self.bodies, offices=self.offices.keys())
        for rule in self.org.rotations:
            what = f"rotation '{rule.id}'"
            self.ref(rule, what, rule.office, self.offices, "office")
            office = self.offices.get(rule.office)
            if office is not None and office.holder_kind is not HolderKind.MEMBER:
                self.fail(rule, f"{what}: office '{rule.office}' is held by persons; a rotation needs holder: member")
            for key, part in (("cadence", rule.cadence), ("pool", rule.pool), ("order", rule.order)):
                for problem in part.reference_problems(known):
                    self.fail(rule, f"{what} {key} {problem}")
            self.ref(rule, f"{what} first", rule.first, self.members, "member")
            for exception in rule.exceptions:
                where = f"{what} {exception.kind} exception"
                for problem in exception.reference_problems(known):
                    self.fail(exception, f"{where} {problem}")
                outside = exception.start is not None and not rule.in_force.contains(exception.start)
                if outside:
                    self.fail(exception, f"{where} on {exception.start} lies outside the rule's in_force period")
        self.overlapping_rules()

    def overlapping_rules(self) -> None:
        by_office: dict[str, list[RotationRule]] = {}
        for rule in self.org.rotations:
            by_office.setdefault(rule.office, []).append(rule)
        for rules in by_office.values():
            rules.sort(key=lambda r: r.in_force.start)
            for earlier, later in itertools.pairwise(rules):
                if earlier.in_force.overlaps(later.in_force):
                    self.fail(later, f"rotation '{later.id}' is in force while '{earlier.id}' still is")


def duplicate_ids(org: Organisation) -> list[DataError]:
    """Ids used twice within one kind of fact."""
    errors = []
    for kind, items in Checker(org).kinds():
        seen: dict[str, Fact] = {}
        for item in items:
            ident = getattr(item, "id", "")
            if ident in seen:
                first = seen[ident]
                message = f"{kind} id '{ident}' is used twice (first at {first.file}:{first.line})"
                errors.append(DataError(item.file, item.line or None, message))
            else:
                seen[ident] = item
    return errors


def close_open_terms(org: Organisation) -> Organisation:
    """The organisation with each rotating office's open terms closed where the next recorded term begins on
    the rule's next handoff (so a curator adds the next chair without editing the previous term)."""
    offices = {rule.office for rule in org.rotations}
    if not offices:
        return org
    ctx = RotationContext(org)
    others = [t for t in org.terms if t.office not in offices]
    closed = []
    for office in sorted(offices):
        rules = [r for r in org.rotations if r.office == office]
        closed += close_office_terms(office, rules, ctx, [t for t in org.terms if t.office == office])
    by_id = {id(t): t for t in others}
    order = {t.id: i for i, t in enumerate(org.terms)}
    terms = sorted([*by_id.values(), *closed], key=lambda t: order.get(t.id, 0))
    return replace(org, terms=tuple(terms))
