"""Rotation rules applied: when a rotating office passes, to whom, and what the rule projects."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from timeline.core.dates import Duration, PartialDate
from timeline.core.model import (
    Event,
    EventStatus,
    Handoff,
    Member,
    RotationRule,
    Standing,
    Term,
    TermStatus,
)

PROJECTION_YEARS = 5
"""How far past today renderers show the terms a rotation rule projects."""


@dataclass(frozen=True)
class Anomaly:
    """A recorded term that departs from the rotation rule in force when it began."""

    term: Term
    rule: RotationRule
    expected_holder: str | None
    message: str

    @property
    def acknowledged(self) -> bool:
        """True when the data explains the departure (the term's `anomaly` field)."""
        return self.term.anomaly is not None


def rule_on(rules: Sequence[RotationRule], day: date) -> RotationRule | None:
    """The rule whose in-force period contains the day."""
    return next((rule for rule in rules if rule.in_force.contains(day)), None)


def calendar_handoffs(rule: RotationRule) -> Iterator[date]:
    """The handoff dates of a CALENDAR rule, from its anchor, while it is in force."""
    if rule.anchor is None or rule.every is None:
        return
    step, k = rule.every, 0
    while True:
        day = Duration(step.years * k, step.months * k, step.days * k).after(rule.anchor)
        if rule.in_force.end is not None and day >= rule.in_force.end:
            return
        yield day
        k += 1


def session_handoffs(rule: RotationRule, events: Sequence[Event]) -> list[date]:
    """The days of the regular sessions (held or planned, known to the day) that hand a SESSION rule's office over."""
    days = {
        event.date.earliest
        for event in events
        if event.body == rule.body
        and event.is_regular_session
        and event.date.is_exact
        and event.status in (EventStatus.HELD, EventStatus.PLANNED)
        and rule.in_force.contains(event.date.earliest)
    }
    return sorted(days)


def is_handoff_day(rule: RotationRule, day: date, events: Sequence[Event]) -> bool:
    """True when the rule hands the office over on that day."""
    if rule.handoff is Handoff.SESSION:
        return day in session_handoffs(rule, events)
    for handoff in calendar_handoffs(rule):
        if handoff >= day:
            return handoff == day
    return False


def next_handoff(rules: Sequence[RotationRule], after: date, events: Sequence[Event]) -> date | None:
    """The first handoff strictly after a day, under whichever rule is in force then."""
    candidates = []
    for rule in rules:
        days = session_handoffs(rule, events) if rule.handoff is Handoff.SESSION else calendar_handoffs(rule)
        found = next((day for day in days if day > after and rule.in_force.start <= day), None)
        if found is not None:
            candidates.append(found)
    return min(candidates, default=None)


def next_holder(
    rule: RotationRule, previous: str | None, start: date, members: Mapping[str, Member]
) -> tuple[str | None, list[str]]:
    """Who the rule hands over to after `previous` on `start`, and notes on members skipped."""
    override = next((o for o in rule.overrides if o.start == start), None)
    if override is not None:
        return override.holder, [override.note or f"override of the rule on {start}"]
    order = rule.order
    index = order.index(previous) if previous in order else -1
    notes = []
    for step in range(1, len(order) + 1):
        candidate = order[(index + step) % len(order)]
        member = members.get(candidate)
        standing = member.standing_on(start) if member else Standing.NOT_MEMBER
        if standing is Standing.MEMBER:
            return candidate, notes
        notes.append(_skip_note(candidate, member, standing, start))
    return None, notes


def _skip_note(member_id: str, member: Member | None, standing: Standing, start: date) -> str:
    name = member.name if member else member_id
    change = member.standing_change_before(start) if member else None
    since = f" since {change.date}" if change else ""
    return f"{name} skipped: {standing.value.replace('-', ' ')}{since}"


def with_rule_end(term: Term, rules: Sequence[RotationRule], events: Sequence[Event]) -> Term:
    """An open recorded term with the end its rule gives it (the next handoff), if the rule gives one."""
    if not term.is_open or term.start is None:
        return term
    end = next_handoff(rules, term.start.earliest, events)
    if end is None:
        return term
    note = f"end {end} follows from the rotation rule"
    return replace(term, end=PartialDate.of(end), note=f"{term.note}; {note}" if term.note else note)


def project(
    office: str,
    recorded: Sequence[Term],
    rules: Sequence[RotationRule],
    members: Mapping[str, Member],
    events: Sequence[Event],
    until: date,
) -> list[Term]:
    """Terms the rules project after the last recorded one, up to the day `until`."""
    if recorded:
        holder, cursor = recorded[-1].holder, recorded[-1].period.end
    else:
        first = min((r for r in rules if r.anchor), key=lambda r: r.anchor, default=None)
        holder, cursor = None, first.anchor if first else None
    projected: list[Term] = []
    while cursor is not None and cursor < until:
        rule = rule_on(rules, cursor)
        if rule is None:
            break
        new_holder, notes = next_holder(rule, holder, cursor, members)
        if new_holder is None:
            break
        end = next_handoff(rules, cursor, events)
        projected.append(
            Term(
                id=f"{office}-projected-{cursor.isoformat()}",
                office=office,
                holder=new_holder,
                start=PartialDate.of(cursor),
                end=PartialDate.of(end) if end else None,
                status=TermStatus.PROJECTED,
                sources=rule.sources,
                note="; ".join([f"projected by rule '{rule.id}'", *notes]),
            )
        )
        holder, cursor = new_holder, end
    return projected


def anomalies(
    recorded: Sequence[Term],
    rules: Sequence[RotationRule],
    members: Mapping[str, Member],
    events: Sequence[Event],
) -> list[Anomaly]:
    """Recorded terms whose holder or start departs from the rule in force when they began."""
    found = []
    ordered = sorted(recorded, key=lambda t: t.first_known.sort_key())
    for previous, term in itertools.pairwise(ordered):
        if term.start is None:
            continue
        start = term.start.earliest
        rule = rule_on(rules, start)
        if rule is None:
            continue
        problems = []
        expected, _ = next_holder(rule, previous.holder, start, members)
        if expected != term.holder:
            problems.append(f"expected {expected} after {previous.holder}, recorded {term.holder}")
        if not term.start.is_exact or not is_handoff_day(rule, start, events):
            problems.append(f"starts on {term.start}, not a handoff day of the rule")
        if problems:
            found.append(Anomaly(term, rule, expected, f"term '{term.id}': " + "; ".join(problems)))
    return found
