"""Pools: who takes turns on a handoff day. Each kind is named in the data (`pool: {kind: ...}`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from timeline.core.model import Reason, Standing
from timeline.core.rotation.context import PoolState, RotationContext


class Pool(ABC):
    """The members who take turns."""

    kind: ClassVar[str]
    fields: ClassVar[dict[str, str]]

    @abstractmethod
    def on(self, ctx: RotationContext, day: date) -> PoolState:
        """Who is in the pool on a day, and whether that can be known in full."""

    def passed_over(self, ctx: RotationContext, member: str, day: date) -> Reason | None:
        """Why a member that would have had the turn is not in the pool, or None to say nothing."""
        return None


@dataclass(frozen=True)
class MembersPool(Pool):
    """The organisation's members in good standing on the day (not frozen, suspended or gone)."""

    kind: ClassVar[str] = "members"
    fields: ClassVar[dict[str, str]] = {}

    def on(self, ctx: RotationContext, day: date) -> PoolState:
        return PoolState(tuple(m for m in ctx.members if ctx.standing(m, day) is Standing.MEMBER))

    def passed_over(self, ctx: RotationContext, member: str, day: date) -> Reason | None:
        found = ctx.members.get(member)
        standing = ctx.standing(member, day)
        change = found.standing_change_before(day) if found else None
        if change is None:
            return None  # never a member yet: nothing to explain
        return Reason.of(f"pool.passed_over.{standing.value}", member=member, day=change.date)


@dataclass(frozen=True)
class SeatsPool(Pool):
    """The members holding a term of an office on the day (a body's seats, such as the Security Council's 15)."""

    kind: ClassVar[str] = "seats"
    fields: ClassVar[dict[str, str]] = {"office": "office"}
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


POOLS: dict[str, type[Pool]] = {kind.kind: kind for kind in (MembersPool, SeatsPool)}
"""Every pool by the kind the data names."""
