"""Orders: whose turn it is. Each kind is named in the data (`order: {kind: ...}`).

An order moves a `Position` — whose turn it was last, and where that stands in a list — apart from
who actually held the office, so a swap or a temporary chair does not shift the turns after it.
"""

from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import ClassVar

from timeline.core.model import Reason
from timeline.core.rotation.context import Handoff, PoolState, RotationContext
from timeline.core.rotation.fields import Field, Language, Members
from timeline.core.rotation.kinds import Kind, Registry, RuleParts
from timeline.errors import ValueProblem


@dataclass(frozen=True)
class Position:
    """Whose turn it was last (a member id), and for list orders its index in the list."""

    member: str | None = None
    index: int = -1


START = Position()
"""Before the first turn: the order begins with its first member."""


@dataclass(frozen=True)
class Turn:
    """The member whose turn it is, the position after it, and who was passed over to get there."""

    member: str
    position: Position
    passed: tuple[str, ...] = ()


class Order(Kind, ABC):
    """Who comes next."""

    schedules: ClassVar[bool] = False
    """True when the order names each turn in advance (an adopted list): its turns are scheduled, not projected."""

    @abstractmethod
    def next_turn(self, ctx: RotationContext, after: Position, pool: PoolState, handoff: Handoff) -> Turn | None:
        """The next turn after a position among the pool; None when the order cannot say (it ran out)."""

    def position_of(self, member: str, after: Position) -> Position:
        """The position once a member has held the turn following `after` (to follow a recorded holder)."""
        return Position(member)

    def end_reason(self, ctx: RotationContext, after: Position) -> Reason:
        """Why next_turn gave nothing."""
        return Reason.of("order.nobody_named")

    def relisted(self, members: tuple[str, ...]) -> Order | None:
        """The same kind of order over another list of members, or None when the order has no list."""
        return None


ORDERS: Registry[type[Order]] = Registry("order", Order)
"""Every order by the kind the data names."""
order_kind = ORDERS.register
"""Class decorator: register an order kind under its `kind` name."""


@dataclass(frozen=True)
class ListOrder(Order):
    """An order given as a list of member ids (a `resequence` exception can replace the list)."""

    members: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueProblem("the order lists no member")

    def relisted(self, members: tuple[str, ...]) -> ListOrder:
        """The same kind of order over another list."""
        return replace(self, members=members)


@order_kind
@dataclass(frozen=True)
class AlphabeticalOrder(Order):
    """The pool sorted by the members' names in that language (the English `name` for `en`, the Russian one,
    `name: {ru: ...}` or `name_ru`, for `ru`; `sort_as: {en: ...}` on a member overrides). The turn passes to the
    next name after the last turn, wrapping round; when the pool changes, the next name in the new pool."""

    kind: ClassVar[str] = "alphabetical"
    fields: ClassVar[dict[str, Field]] = {"language": Language("which names decide the order")}
    language: str
    """'en' or 'ru': which names decide the order."""

    def __post_init__(self) -> None:
        if self.language not in ("en", "ru"):
            raise ValueProblem(f"alphabetical order in '{self.language}' is not supported (use en or ru)")

    def next_turn(self, ctx: RotationContext, after: Position, pool: PoolState, handoff: Handoff) -> Turn | None:
        in_pool = set(pool.members)
        ranked = [m for m in ctx.ranked(self.language) if m in in_pool]
        ranked += sorted((m for m in in_pool if m not in ctx.members), key=lambda m: ctx.sort_key(m, self.language))
        if not ranked:
            return None
        if after.member is None:
            return Turn(ranked[0], Position(ranked[0]))
        last = ctx.sort_key(after.member, self.language)
        chosen = next((m for m in ranked if ctx.sort_key(m, self.language) > last), ranked[0])
        return Turn(chosen, Position(chosen), self._passed(ctx, last, chosen, in_pool))

    def _passed(self, ctx: RotationContext, last: tuple[str, str], chosen: str, in_pool: set[str]) -> tuple[str, ...]:
        """The members whose names fall between the last turn and the chosen one, going round: passed over."""
        everyone, keys = ctx.ranked(self.language), ctx.ranked_keys(self.language)
        start = bisect.bisect_right(keys, last)
        passed = []
        for step in range(len(everyone)):
            member = everyone[(start + step) % len(everyone)]
            if member == chosen:
                break
            if member not in in_pool:
                passed.append(member)
        return tuple(passed)

    def end_reason(self, ctx: RotationContext, after: Position) -> Reason:
        return Reason.of("order.pool_empty")


@order_kind
@dataclass(frozen=True)
class CycleOrder(ListOrder):
    """A fixed list that wraps round; members not in the pool are passed over (with a note)."""

    kind: ClassVar[str] = "cycle"
    fields: ClassVar[dict[str, Field]] = {"members": Members("the turns, in order")}

    def _index(self, after: Position) -> int:
        if 0 <= after.index < len(self.members) and self.members[after.index] == after.member:
            return after.index
        return self.members.index(after.member) if after.member in self.members else -1

    def next_turn(self, ctx: RotationContext, after: Position, pool: PoolState, handoff: Handoff) -> Turn | None:
        index, passed = self._index(after), []
        for step in range(1, len(self.members) + 1):
            candidate = (index + step) % len(self.members)
            member = self.members[candidate]
            if ctx.takes_turn(member, pool):
                return Turn(member, Position(member, candidate), tuple(passed))
            passed.append(member)
        return None

    def position_of(self, member: str, after: Position) -> Position:
        return Position(member, self.members.index(member)) if member in self.members else Position(member)

    def end_reason(self, ctx: RotationContext, after: Position) -> Reason:
        return Reason.of("order.none_in_pool")


@order_kind
@dataclass(frozen=True)
class DecidedOrder(ListOrder):
    """An adopted list, one entry per turn, that does **not** wrap: past its end the turn is undetermined (the Council
    of the EU beyond the adopted order)."""

    kind: ClassVar[str] = "decided"
    fields: ClassVar[dict[str, Field]] = {"members": Members("one entry per turn, in order")}
    schedules: ClassVar[bool] = True

    def next_turn(self, ctx: RotationContext, after: Position, pool: PoolState, handoff: Handoff) -> Turn | None:
        passed = []
        for index in range(after.index + 1, len(self.members)):
            member = self.members[index]
            if ctx.takes_turn(member, pool):
                return Turn(member, Position(member, index), tuple(passed))
            passed.append(member)
        return None

    def position_of(self, member: str, after: Position) -> Position:
        return Position(member, after.index + 1)

    def end_reason(self, ctx: RotationContext, after: Position) -> Reason:
        return Reason.of("order.used_up", member=self.members[-1], n=len(self.members))


@order_kind
@dataclass(frozen=True)
class HostOrder(Order):
    """The member hosting the regular session that hands over (needs `cadence: session` and places with
    `member`)."""

    kind: ClassVar[str] = "host"

    def validate(self, rule: RuleParts) -> None:
        if not rule.cadence.gives_sessions:
            raise ValueProblem("order 'host' needs a session cadence (the host of the session that hands over)")

    def next_turn(self, ctx: RotationContext, after: Position, pool: PoolState, handoff: Handoff) -> Turn | None:
        host = ctx.host(handoff.event)
        return Turn(host, Position(host)) if host else None

    def end_reason(self, ctx: RotationContext, after: Position) -> Reason:
        return Reason.of("order.no_host")
