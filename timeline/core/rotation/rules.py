"""A rotation rule version as data, and its dated, sourced exceptions (`exceptions: [{kind: ...}]`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from timeline.core.dates import Period
from timeline.core.model import Confidence, Fact, Reason
from timeline.core.rotation.cadence import Cadence
from timeline.core.rotation.fields import Day, During, Field, Flag, Member, Members
from timeline.core.rotation.kinds import Kind, Registry, RuleParts
from timeline.core.rotation.order import Order
from timeline.core.rotation.pool import MembersPool, Pool
from timeline.errors import ValueProblem

FACT_SCHEMA: dict[str, Any] = {
    "sources": {"type": "array", "items": {"type": "string"}, "description": "Ids of the sources it rests on."},
    "confidence": {"enum": [c.value for c in Confidence], "description": "How sure the curator is (default high)."},
    "note": {"type": "string", "description": "Free text: inferences, caveats; the explanation quotes it."},
}


@dataclass(frozen=True)
class StandIn:
    """A member holding the office at a handoff in place of the member whose turn it is."""

    holder: str
    instead_of: str
    """Whose turn it must be (else the exception does not fit)."""
    owes: bool = False
    """True when `instead_of` then takes `holder`'s next turn (a swap)."""
    returns: bool = False
    """True when the order does not move: the turn comes back to `instead_of` at the next handoff."""


@dataclass(frozen=True, kw_only=True)
class RuleException(Fact, Kind):
    """A dated departure from a rule's order, with its sources.

    The engine calls the hooks below at fixed places of each handoff; each does nothing by default, so a
    kind overrides only those it needs (and never needs the engine to know it).
    """

    extra_schema: ClassVar[dict[str, Any]] = FACT_SCHEMA
    start: date | None = None
    """The handoff day the exception applies to."""

    def applies_on(self, day: date) -> bool:
        return self.start == day

    def first_day(self) -> date | None:
        """The first handoff day it concerns (exceptions are kept in this order)."""
        return self.start

    def holds_over(self) -> bool:
        """True when the office does not pass at this handoff: the holder stays to the next one."""
        return False

    def reorder(self, order: Order) -> Order | None:
        """The order to follow from this handoff on (its list replaced), or None to leave it as it is."""
        return None

    def passes(self, member: str) -> bool:
        """True when the member whose turn it is passes it: the next in order takes it."""
        return False

    def stand_in(self) -> StandIn | None:
        """Who holds the office at this handoff in another's place, or None."""
        return None

    def misfit(self, member: str) -> str | None:
        """Why the exception does not fit this handoff, where it is `member`'s turn and no hook applied it."""
        return None

    def passed_turn(self, member: str | None) -> tuple[date, bool] | None:
        """When this exception had the member pass a turn: its first day, and whether a period of passes starts."""
        return None

    def describe(self) -> Reason:
        """What the exception does, in the catalogue's words (when the data gives no note)."""
        return Reason.of(f"exception.{self.kind}")

    def explained(self) -> Reason:
        """How a term's explanation cites the exception: the data's note as written, else `describe`."""
        return Reason.written(self.note) if self.note else self.describe()


EXCEPTIONS: Registry[type[RuleException]] = Registry("exception", RuleException)
"""Every exception by the kind the data names."""
exception_kind = EXCEPTIONS.register
"""Class decorator: register an exception kind under its `kind` name."""

START = Day("the handoff day it applies to")


@exception_kind
@dataclass(frozen=True, kw_only=True)
class Skip(RuleException):
    """The member passes its turn (at that handoff, or at every handoff in the period); the next in order takes it
    and the order continues from there."""

    kind: ClassVar[str] = "skip"
    fields: ClassVar[dict[str, Field]] = {
        "member": Member("who passes"),
        "start": Day("one handoff (or give a period)", optional=True),
        "period": During("every handoff in the period (instead of `start`)", optional=True),
    }
    member: str
    period: Period | None = None
    """For a skip over a period: every handoff in it (instead of `start`)."""

    def __post_init__(self) -> None:
        if (self.start is None) == (self.period is None):
            raise ValueProblem("give 'start' (one handoff) or 'from' and 'until' (a period), not both or neither")

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {**super().json_schema(), "oneOf": [{"required": ["start"]}, {"required": ["from"]}]}

    def applies_on(self, day: date) -> bool:
        return self.start == day if self.period is None else self.period.contains(day)

    def first_day(self) -> date | None:
        return self.start or (self.period.start if self.period else None)

    def passes(self, member: str) -> bool:
        return member == self.member

    def misfit(self, member: str) -> str | None:
        return f"it is {member}'s turn by the rule, not {self.member}'s" if self.period is None else None

    def passed_turn(self, member: str | None) -> tuple[date, bool] | None:
        first = self.first_day()
        return (first, self.period is not None) if member == self.member and first is not None else None

    def describe(self) -> Reason:
        return Reason.of("exception.skip", member=self.member)


@exception_kind
@dataclass(frozen=True, kw_only=True)
class Swap(RuleException):
    """`holder` takes `instead_of`'s turn on `start`; `instead_of` then takes `holder`'s next turn (ASEAN: Indonesia
    2011 / Brunei 2013)."""

    kind: ClassVar[str] = "swap"
    fields: ClassVar[dict[str, Field]] = {
        "start": START,
        "holder": Member("who holds the office"),
        "instead_of": Member("whose turn it is by the rule"),
    }
    holder: str
    instead_of: str

    def stand_in(self) -> StandIn:
        return StandIn(self.holder, self.instead_of, owes=True)

    def describe(self) -> Reason:
        return Reason.of("exception.swap", holder=self.holder, instead_of=self.instead_of)


@exception_kind
@dataclass(frozen=True, kw_only=True)
class Temporary(RuleException):
    """`holder` holds the office in `instead_of`'s place; with `returns: true` the turn stays with `instead_of`, who
    takes it at the next handoff (CSTO: Russia for Belarus, 2009–2010)."""

    kind: ClassVar[str] = "temporary"
    fields: ClassVar[dict[str, Field]] = {
        "start": START,
        "holder": Member("who holds the office"),
        "instead_of": Member("whose turn it is by the rule"),
        "returns": Flag("whether the turn comes back to `instead_of`"),
    }
    holder: str
    instead_of: str
    returns: bool = True

    def stand_in(self) -> StandIn:
        return StandIn(self.holder, self.instead_of, returns=self.returns)

    def describe(self) -> Reason:
        key = "exception.temporary_returns" if self.returns else "exception.temporary"
        return Reason.of(key, holder=self.holder, instead_of=self.instead_of)


@exception_kind
@dataclass(frozen=True, kw_only=True)
class Resequence(RuleException):
    """From this handoff a new list replaces the order's `members` (`cycle` or `decided`), starting with its first
    entry (the Council of the EU from 1 July 2017)."""

    kind: ClassVar[str] = "resequence"
    fields: ClassVar[dict[str, Field]] = {"start": START, "members": Members("the new list")}
    members: tuple[str, ...]

    def validate(self, rule: RuleParts) -> None:
        if rule.order.relisted(self.members) is None:
            raise ValueProblem("only a cycle or decided order has a list to resequence")

    def reorder(self, order: Order) -> Order | None:
        return order.relisted(self.members)

    def describe(self) -> Reason:
        return Reason.of("exception.resequence", day=self.start, members=self.members)


@exception_kind
@dataclass(frozen=True, kw_only=True)
class Stay(RuleException):
    """The office does not pass at that handoff: the holder keeps it to the next one ("unless the Council decides
    otherwise")."""

    kind: ClassVar[str] = "stay"
    fields: ClassVar[dict[str, Field]] = {"start": START}

    def holds_over(self) -> bool:
        return True

    def describe(self) -> Reason:
        return Reason.of("exception.stay", day=self.start)


@dataclass(frozen=True, kw_only=True)
class RotationRule(Fact):
    """How an office rotates among members while this version of the rule is in force."""

    id: str
    office: str
    """The rotating office (held by member states)."""
    in_force: Period
    """The days on which handoffs follow this version."""
    cadence: Cadence
    """When the office passes."""
    order: Order
    """Whose turn it is."""
    pool: Pool = field(default_factory=MembersPool)
    """Who takes turns on a handoff day."""
    first: str | None = None
    """Who holds the first turn under this version (else the turn after the last one)."""
    basis: str | None = None
    """The legal basis: a charter article, a decision."""
    exceptions: tuple[RuleException, ...] = ()
    """Dated departures from the order, oldest first."""

    def exceptions_on(self, day: date) -> list[RuleException]:
        return [e for e in self.exceptions if e.applies_on(day)]
