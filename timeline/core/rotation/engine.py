"""Resolution of a rotating office, like an on-call tool's final schedule: records, then exceptions, then the rule.

The engine walks the office's handoffs in time order. At each one it asks the rule in force whose
turn it is (tracking the position in the order apart from who held the office), applies the rule's
exceptions for that day, and either checks a recorded term against that expectation or, where
nothing is recorded, makes the turn a term of its own: `derived` before the last recorded term,
`projected` after it, `scheduled` when an adopted order or exception names the holder, and
`undetermined` when the inputs run out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from timeline.core.dates import PartialDate
from timeline.core.model import Confidence, Reason, Term, TermStatus
from timeline.core.rotation.context import Handoff, RotationContext
from timeline.core.rotation.order import START, Order, Position
from timeline.core.rotation.rules import RotationRule, RuleException


@dataclass(frozen=True)
class Anomaly:
    """A recorded term that departs from the rule in force when it began, with no exception to explain it."""

    term: Term
    rule: RotationRule
    expected_holder: str | None
    message: str

    @property
    def acknowledged(self) -> bool:
        """True when the data says why (the term's `anomaly` field)."""
        return self.term.anomaly is not None


@dataclass(frozen=True)
class RuleProblem:
    """An exception that does not fit its rule: it names a member whose turn it is not, or no handoff."""

    rule: RotationRule
    exception: RuleException
    message: str


@dataclass
class Resolution:
    """An office's terms in time order (recorded and computed), and what the check found."""

    terms: list[Term] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    problems: list[RuleProblem] = field(default_factory=list)


@dataclass
class _Expected:
    holder: str | None
    position: Position | None
    notes: list[Reason]
    applied: list[RuleException]
    reason: Reason | None = None


@dataclass
class _Walk:
    """The engine's state while it walks one office's handoffs."""

    office: str
    rules: list[RotationRule]
    ctx: RotationContext
    position: Position | None = START
    """Whose turn it was last; None once it cannot be known (after an undetermined turn)."""
    rule_id: str | None = None
    orders: dict[str, Order] = field(default_factory=dict)
    list_sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """For a rule whose list an exception replaced: that exception's sources (they name the turns now)."""
    owed: dict[str, str] = field(default_factory=dict)
    """Turns owed by a swap: when the key member's turn comes, the value member holds the office."""
    applied: set[int] = field(default_factory=set)
    assumed: dict[str, Reason] = field(default_factory=dict)
    """By rule id: once a projected turn passed over a member whose standing may change back, the reason every later
    projected turn of that rule carries (its place in the order rests on the same assumption)."""
    result: Resolution = field(default_factory=Resolution)

    def rule_on(self, day: date) -> RotationRule | None:
        return next((rule for rule in self.rules if rule.in_force.contains(day)), None)

    def next_handoff(self, after: date) -> date | None:
        """The first handoff strictly after a day, under whichever rule is in force then."""
        found = []
        for rule in self.rules:
            if rule.in_force.end is not None and rule.in_force.end <= after:
                continue
            handoff = rule.cadence.next_after(self.ctx, max(after, rule.in_force.start - _DAY))
            while handoff is not None and (stays := [e for e in rule.exceptions_on(handoff.day) if e.holds_over()]):
                self.applied |= {id(e) for e in stays}
                handoff = rule.cadence.next_after(self.ctx, handoff.day)
            if handoff is not None and rule.in_force.contains(handoff.day):
                found.append(handoff.day)
        return min(found, default=None)

    def when(self, day: date) -> PartialDate:
        """A turn's bound as its handoff gives it (a session known to the month stays a month), else the exact day."""
        rule = self.rule_on(day)
        handoff = rule.cadence.on(self.ctx, day) if rule is not None else None
        return handoff.when if handoff is not None and handoff.day == day else PartialDate.of(day)

    def expect(self, rule: RotationRule, day: date) -> _Expected:
        """Whose turn it is on a day under a rule, exceptions applied (and the walk's state moved on).

        The day's exceptions act through their hooks, in this order: `reorder` (a new list before the turn),
        `passes` (the member whose turn it is passes it), `stand_in` (another holds the office), then `misfit`
        for those nothing applied. `holds_over` acts in `next_handoff`, `passed_turn` in projections.
        """
        handoff = rule.cadence.on(self.ctx, day) or Handoff(day, PartialDate.of(day))
        exceptions = rule.exceptions_on(day)
        first = None
        if rule.id != self.rule_id:  # a new version of the rule: lists restart, `first` may name the first turn
            self.rule_id, first = rule.id, rule.first
            if self.position is not None:
                self.position = Position(self.position.member)
        order = self.orders.get(rule.id, rule.order)
        notes: list[Reason] = [handoff.reason] if handoff.reason else []
        applied: list[RuleException] = []
        for exception in exceptions:
            reordered = exception.reorder(order)
            if reordered is not None:
                order = self.orders[rule.id] = reordered
                self.list_sources[rule.id] = exception.sources
                self.position = START if self.position is not None else None
                applied.append(exception)
                notes.append(exception.explained())
        pool = rule.pool.on(self.ctx, day)
        if not pool.complete:
            return _Expected(None, None, notes, applied, pool.reason)
        if first is not None:
            turn_member, position = first, order.position_of(first, START)
            passed: tuple[str, ...] = ()
        else:
            if self.position is None:
                return _Expected(None, None, notes, applied, Reason.of("order.position_unknown"))
            turn = order.next_turn(self.ctx, self.position, pool, handoff)
            if turn is None:
                return _Expected(None, None, notes, applied, order.end_reason(self.ctx, self.position))
            turn_member, position, passed = turn.member, turn.position, turn.passed
        for member in passed:
            note = rule.pool.passed_over(self.ctx, member, day)
            if note:
                notes.append(note)
        for exception in exceptions:
            if not exception.passes(turn_member):
                continue
            applied.append(exception)
            notes.append(exception.explained())
            turn = order.next_turn(self.ctx, position, pool, handoff)
            if turn is None:
                return _Expected(None, None, notes, applied, order.end_reason(self.ctx, position))
            turn_member, position = turn.member, turn.position
        holder = turn_member
        if turn_member in self.owed:
            holder = self.owed.pop(turn_member)
            notes.append(Reason.of("swap.owed", holder=holder, turn_of=turn_member))
        for exception in exceptions:
            stand_in = exception.stand_in()
            if stand_in is None:
                continue
            if stand_in.instead_of != turn_member:
                self._problem(rule, exception, f"it is {turn_member}'s turn by the rule, not {stand_in.instead_of}'s")
                continue
            holder = stand_in.holder
            applied.append(exception)
            notes.append(exception.explained())
            if stand_in.owes:
                self.owed[stand_in.holder] = stand_in.instead_of
            elif stand_in.returns:
                position = self.position
        for exception in exceptions:
            why = exception.misfit(turn_member) if exception not in applied else None
            if why is not None:
                self._problem(rule, exception, why)
        self.applied |= {id(e) for e in applied}
        return _Expected(holder, position, notes, applied)

    def _problem(self, rule: RotationRule, exception: RuleException, why: str) -> None:
        self.applied.add(id(exception))
        message = f"rotation '{rule.id}': {exception.kind} on {exception.start} does not fit: {why}"
        self.result.problems.append(RuleProblem(rule, exception, message))


_DAY = date(2000, 1, 2) - date(2000, 1, 1)
_HELD = (TermStatus.CONFIRMED, TermStatus.ACTING)


def resolve(
    office: str,
    rules: Sequence[RotationRule],
    ctx: RotationContext,
    recorded: Sequence[Term],
    until: date | None,
    present: date | None = None,
) -> Resolution:
    """The office's terms from its first recorded term or handoff: recorded ones checked, the rest computed.

    Computed turns fill every gap between recorded terms and continue up to `until`; without `until`
    nothing is projected beyond the last recorded term. A computed turn that began before `present`
    (the day the data was last checked) is `derived`, a later one `projected` (or `scheduled` when an
    adopted order or an exception names it, `undetermined` when nothing can); without `present`, the
    end of the last term recorded as held stands for it.
    """
    walk = _Walk(office, sorted(rules, key=lambda r: r.in_force.start), ctx)
    records = sorted(recorded, key=lambda t: (t.first_known.sort_key(), t.id))
    settled = max((_end_or_start(t) for t in records), default=None)
    held = present or max((_end_or_start(t) for t in records if t.status in _HELD), default=None)
    limit = max(d for d in (until, settled) if d is not None) if (until or settled) else None
    cursor = _first_day(walk, records)
    index = 0
    while cursor is not None:
        record = records[index] if index < len(records) and records[index].first_known.earliest <= cursor else None
        if record is None and (limit is None or cursor >= limit) and index >= len(records):
            break
        rule = walk.rule_on(cursor)
        upcoming = records[index].first_known.earliest if index < len(records) else None
        if record is not None:
            cursor = _take_record(walk, rule, record, cursor)
            index += 1
            continue
        if rule is None:
            cursor = min((d for d in (_next_rule_start(walk, cursor), upcoming) if d is not None), default=None)
            continue
        boundary = walk.next_handoff(cursor)
        if upcoming is not None and (boundary is None or upcoming < boundary):
            boundary = upcoming
        _add_turn(walk, rule, cursor, boundary, derived=held is not None and walk.when(cursor).latest < held)
        cursor = boundary
    walk.result.terms = _merge_undetermined(walk.result.terms)
    for rule in walk.rules:
        for exception in rule.exceptions:
            reached = limit is not None and exception.start is not None and exception.start < limit
            if reached and id(exception) not in walk.applied:
                message = (
                    f"rotation '{rule.id}': {exception.kind} on {exception.start} falls on no turn it could change"
                )
                walk.result.problems.append(RuleProblem(rule, exception, message))
    return walk.result


def _end_or_start(term: Term) -> date:
    return term.period.end or term.period.start


def _first_day(walk: _Walk, records: Sequence[Term]) -> date | None:
    starts = [records[0].first_known.earliest] if records else []
    if walk.rules:
        first = walk.rules[0]
        handoff = first.cadence.on(walk.ctx, first.in_force.start) or first.cadence.next_after(
            walk.ctx, first.in_force.start
        )
        if handoff is not None and first.in_force.contains(handoff.day):
            starts.append(handoff.day)
    return min(starts, default=None)


def _next_rule_start(walk: _Walk, after: date) -> date | None:
    return min((r.in_force.start for r in walk.rules if r.in_force.start > after), default=None)


def _take_record(walk: _Walk, rule: RotationRule | None, record: Term, cursor: date) -> date | None:
    """Check a recorded term against the rule, follow its holder, and return the day after it."""
    if rule is not None and record.start is not None:
        expected = walk.expect(rule, cursor)
        problems = []
        if not walk.ctx.fits(expected.holder, record):
            previous = walk.result.terms[-1].holder if walk.result.terms else None
            after = f" after {previous}" if previous else ""
            problems.append(f"expected {expected.holder}{after}, recorded {record.holder}")
        matched = _matching_handoff(rule, walk.ctx, record)
        if matched is None:
            problems.append(f"starts on {record.start}, not a handoff day of the rule")
        passed = walk.next_handoff(matched or cursor)
        if passed is not None and record.end is not None and passed < record.end.earliest:
            problems.append(f"runs through the handoff on {passed}")
        if problems:
            message = f"term '{record.id}': " + "; ".join(problems)
            walk.result.anomalies.append(Anomaly(record, rule, expected.holder, message))
        order = walk.orders.get(rule.id, rule.order)
        if expected.holder is not None and walk.ctx.fits(expected.holder, record) and expected.position is not None:
            walk.position = expected.position
        elif record.holder is not None:
            walk.position = order.position_of(record.holder, walk.position or START)
    elif record.holder is not None:  # before any rule: the first rule continues after this holder
        walk.position = Position(record.holder)
    if record.end is not None:
        walk.result.terms.append(record)
        return record.end.earliest
    if record.end_unknown:
        walk.result.terms.append(record)
        return record.period.end
    end = walk.next_handoff(cursor)
    if end is not None:
        when = walk.when(end)
        reason = Reason.of("end.by_rule", day=end if when.is_exact else when)
        record = replace(record, end=when, reasons=(*record.reasons, reason))
    walk.result.terms.append(record)
    return end


def _matching_handoff(rule: RotationRule, ctx: RotationContext, record: Term) -> date | None:
    """The handoff a recorded term starts on: its day, or for a start known only roughly, a handoff it may be."""
    start = record.start
    if start is None:
        return None
    handoff = rule.cadence.on(ctx, start.earliest)
    if handoff is not None and (start.is_exact or start == handoff.when or handoff.when.span.covers(start.span)):
        return handoff.day
    if not start.is_exact:
        found = next(rule.cadence.handoffs_from(ctx, start.earliest), None)
        if found is not None and start.span.contains(found.day):
            return found.day
    return None


ASSUMED_STANDINGS = ("pool.passed_over.frozen", "pool.passed_over.suspended")
"""Reasons of a projected turn that passed over a member whose standing may change back: the turn assumes it will
not, so its confidence is at most medium."""


def _add_turn(walk: _Walk, rule: RotationRule, start: date, end: date | None, *, derived: bool) -> None:
    """A turn no recorded term covers, computed from the rule."""
    expected = walk.expect(rule, start)
    walk.position = expected.position
    group = expected.holder if walk.ctx.is_group(expected.holder) else None
    if group is not None:  # a group's turn: its member is chosen by the group, not by the rule
        status, basis = TermStatus.UNDETERMINED, "group_turn"
    elif expected.holder is None:
        status, basis = TermStatus.UNDETERMINED, "no_holder"
    elif walk.orders.get(rule.id, rule.order).schedules:
        status, basis = TermStatus.SCHEDULED, "adopted_order"
    elif derived:
        status, basis = TermStatus.DERIVED, "derived"
    elif expected.applied:
        status, basis = TermStatus.SCHEDULED, "exception"
    else:
        status, basis = TermStatus.PROJECTED, "projected"
    rule_reason = (
        Reason.of("rule.group_turn", rule=rule.id, group=group) if group else Reason.of(f"rule.{basis}", rule=rule.id)
    )
    notes = [rule_reason, *([expected.reason] if expected.reason else []), *expected.notes]
    confidence = rule.confidence
    assumed = [n for n in expected.notes if n.key in ASSUMED_STANDINGS] if status is TermStatus.PROJECTED else []
    if assumed:  # the turn holds only while the members passed over keep their standing: never sure
        notes.append(Reason.of("assumes_standing"))
        confidence = Confidence.LOW if confidence is Confidence.LOW else Confidence.MEDIUM
        walk.assumed.setdefault(
            rule.id, Reason.of("follows_assumption", members=tuple(_member_of(a) for a in assumed), day=start)
        )
    elif status is TermStatus.PROJECTED and rule.id in walk.assumed:  # placed by the order after that turn
        notes.append(walk.assumed[rule.id])
        confidence = Confidence.LOW if confidence is Confidence.LOW else Confidence.MEDIUM
    passed_before = _passed_before(rule, expected.holder, start) if status is TermStatus.PROJECTED else []
    if passed_before:
        notes.append(Reason.of("passed_before", member=expected.holder, days=tuple(passed_before)))
        confidence = Confidence.LOW
    cited = [*(s for e in expected.applied for s in e.sources), *walk.list_sources.get(rule.id, ()), *rule.sources]
    sources = tuple(dict.fromkeys(cited))
    walk.result.terms.append(
        Term(
            id=f"{walk.office}-{start.isoformat()}",
            office=walk.office,
            holder=None if group else expected.holder,
            group=group,
            start=walk.when(start),
            end=walk.when(end) if end else None,
            status=status,
            sources=sources,
            confidence=confidence,
            reasons=tuple(notes),
            rule=rule.id,
        )
    )


def _member_of(reason: Reason) -> str:
    return str(dict(reason.values)["member"])


def _passed_before(rule: RotationRule, member: str | None, day: date) -> list[tuple[date, bool]]:
    """When the member passed its turn under this rule before a day (skip exceptions): each first day, and whether
    it starts a period of skips."""
    passed = (e.passed_turn(member) for e in rule.exceptions)
    return [found for found in passed if found is not None and found[0] < day]


def _merge_undetermined(terms: list[Term]) -> list[Term]:
    """Consecutive undetermined turns as one span (nothing distinguishes them)."""
    merged: list[Term] = []
    for term in terms:
        previous = merged[-1] if merged else None
        if previous is not None and previous.is_undetermined and term.is_undetermined and previous.group == term.group:
            merged[-1] = replace(previous, end=term.end)
        else:
            merged.append(term)
    return merged


def close_open_terms(
    office: str, rules: Sequence[RotationRule], ctx: RotationContext, terms: Sequence[Term]
) -> list[Term]:
    """Terms of a rotating office where an open term followed by a later one ends on the rule's next handoff.

    Recording Tajikistan from 1 Jan 2027 then closes Russia's open 2026 term without an edit, when
    the rule hands over on that day; any other later term is left to the overlap check.
    """
    walk = _Walk(office, sorted(rules, key=lambda r: r.in_force.start), ctx)
    ordered = sorted(terms, key=lambda t: (t.first_known.sort_key(), t.id))
    closed = []
    for index, term in enumerate(ordered):
        successor = ordered[index + 1] if index + 1 < len(ordered) else None
        if successor is not None and term.is_open and term.start is not None and successor.start is not None:
            handoff = walk.next_handoff(term.start.earliest)
            if handoff is not None and handoff == successor.start.earliest:
                reason = Reason.of("end.next_recorded", day=handoff)
                term = replace(term, end=successor.start, reasons=(*term.reasons, reason))
        closed.append(term)
    return closed
