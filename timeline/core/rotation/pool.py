"""Pools: who takes turns on a handoff day. Each kind is named in the data (`pool: {kind: ...}`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from timeline.core.model import Reason, Standing
from timeline.core.rotation.context import PoolState, RotationContext
from timeline.core.rotation.fields import Field, Office
from timeline.core.rotation.kinds import Kind, Registry


class Pool(Kind, ABC):
    """The members who take turns."""

    @abstractmethod
    def on(self, ctx: RotationContext, day: date) -> PoolState:
        """Who is in the pool on a day, and whether that can be known in full."""

    def passed_over(self, ctx: RotationContext, member: str, day: date) -> Reason | None:
        """Why a member that would have had the turn is not in the pool, or None to say nothing."""
        return None


POOLS: Registry[type[Pool]] = Registry("pool", Pool)
"""Every pool by the kind the data names."""
pool_kind = POOLS.register
"""Class decorator: register a pool kind under its `kind` name."""


@pool_kind
@dataclass(frozen=True)
class MembersPool(Pool):
    """The organisation's members in good standing that day (not frozen, suspended or gone: see `membership` in
    `members.yaml`)."""

    kind: ClassVar[str] = "members"

    def on(self, ctx: RotationContext, day: date) -> PoolState:
        return PoolState(tuple(m for m in ctx.members if ctx.standing(m, day) is Standing.MEMBER))

    def passed_over(self, ctx: RotationContext, member: str, day: date) -> Reason | None:
        found = ctx.members.get(member)
        standing = ctx.standing(member, day)
        change = found.standing_change_before(day) if found else None
        if change is None:
            return None  # never a member yet: nothing to explain
        return Reason.of(f"pool.passed_over.{standing.value}", member=member, day=change.date)


@pool_kind
@dataclass(frozen=True)
class SeatsPool(Pool):
    """The members holding a term of the office that day (the Security Council's 15 seats, recorded as terms of an
    office with `seats: 15`). When fewer terms than `seats` are known for a day, the turn is **undetermined** (the
    members are not elected yet)."""

    kind: ClassVar[str] = "seats"
    fields: ClassVar[dict[str, Field]] = {"office": Office("the office whose terms are the seats")}
    office: str
    """Id of the office whose terms are the seats."""

    def on(self, ctx: RotationContext, day: date) -> PoolState:
        holders = ctx.seat_holders(self.office, day)
        office = ctx.offices.get(self.office)
        seats = office.seats if office else None
        if seats is not None and len(holders) < seats:
            reason = Reason.of("pool.seats_unknown", known=len(holders), seats=seats, office=self.office, day=day)
            return PoolState(holders, complete=False, reason=reason)
        return PoolState(holders)
