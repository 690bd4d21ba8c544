"""A rotation rule version as data, and its dated, sourced exceptions (`exceptions: [{kind: ...}]`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from timeline.core.dates import Period
from timeline.core.model import Fact, Reason
from timeline.core.rotation.cadence import Cadence
from timeline.core.rotation.order import Order
from timeline.core.rotation.pool import MembersPool, Pool


@dataclass(frozen=True, kw_only=True)
class RuleException(Fact):
    """A dated departure from a rule's order, with its sources."""

    kind: ClassVar[str]
    fields: ClassVar[dict[str, str]]
    start: date | None = None
    """The handoff day the exception applies to."""

    def applies_on(self, day: date) -> bool:
        return self.start == day

    def describe(self) -> Reason:
        """What the exception does, in the catalogue's words (when the data gives no note)."""
        return Reason.of(f"exception.{self.kind}")

    def explained(self) -> Reason:
        """How a term's explanation cites the exception: the data's note as written, else `describe`."""
        return Reason.written(self.note) if self.note else self.describe()


@dataclass(frozen=True, kw_only=True)
class Skip(RuleException):
    """A member passes its turn (at one handoff, or at every handoff of a period); the next in order takes it."""

    kind: ClassVar[str] = "skip"
    fields: ClassVar[dict[str, str]] = {"member": "member", "start": "day?", "from": "day?", "until": "day?"}
    member: str
    period: Period | None = None
    """For a skip over a period: every handoff in it (instead of `start`)."""

    def applies_on(self, day: date) -> bool:
        return self.start == day if self.period is None else self.period.contains(day)

    def describe(self) -> Reason:
        return Reason.of("exception.skip", member=self.member)


@dataclass(frozen=True, kw_only=True)
class Swap(RuleException):
    """`holder` takes `instead_of`'s turn on `start`; `instead_of` then takes `holder`'s next turn."""

    kind: ClassVar[str] = "swap"
    fields: ClassVar[dict[str, str]] = {"start": "day", "holder": "member", "instead_of": "member"}
    holder: str
    instead_of: str

    def describe(self) -> Reason:
        return Reason.of("exception.swap", holder=self.holder, instead_of=self.instead_of)


@dataclass(frozen=True, kw_only=True)
class Temporary(RuleException):
    """`holder` holds the office in `instead_of`'s place; with `returns`, the turn then comes back to `instead_of`."""

    kind: ClassVar[str] = "temporary"
    fields: ClassVar[dict[str, str]] = {"start": "day", "holder": "member", "instead_of": "member", "returns": "flag"}
    holder: str
    instead_of: str
    returns: bool = True

    def describe(self) -> Reason:
        key = "exception.temporary_returns" if self.returns else "exception.temporary"
        return Reason.of(key, holder=self.holder, instead_of=self.instead_of)


@dataclass(frozen=True, kw_only=True)
class Resequence(RuleException):
    """From `start`, a new list replaces the order's members (a cycle or a decided order), from its first entry."""

    kind: ClassVar[str] = "resequence"
    fields: ClassVar[dict[str, str]] = {"start": "day", "members": "members"}
    members: tuple[str, ...]

    def describe(self) -> Reason:
        return Reason.of("exception.resequence", day=self.start, members=self.members)


@dataclass(frozen=True, kw_only=True)
class Stay(RuleException):
    """The office does not pass at the handoff on `start` ("unless the Council decides otherwise"): the holder stays."""

    kind: ClassVar[str] = "stay"
    fields: ClassVar[dict[str, str]] = {"start": "day"}

    def describe(self) -> Reason:
        return Reason.of("exception.stay", day=self.start)


EXCEPTIONS: dict[str, type[RuleException]] = {kind.kind: kind for kind in (Skip, Swap, Temporary, Resequence, Stay)}
"""Every exception by the kind the data names."""


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
