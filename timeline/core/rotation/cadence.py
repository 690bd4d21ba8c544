"""Cadences: when a rotating office passes. Each kind is named in the data (`cadence: {kind: ...}`)."""

from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from timeline.core.dates import Duration, PartialDate
from timeline.core.rotation.context import Handoff, RotationContext
from timeline.core.rotation.fields import Body, Day, Field, Length, Text
from timeline.core.rotation.kinds import Kind, Registry
from timeline.errors import ValueProblem


class Cadence(Kind, ABC):
    """The days a rotating office passes on."""

    gives_sessions: ClassVar[bool] = False
    """True when each handoff is a session of a body (`Handoff.event`), as a host order needs."""

    @abstractmethod
    def handoffs_from(self, ctx: RotationContext, day: date) -> Iterator[Handoff]:
        """Every handoff on or after a day, in order (possibly without end)."""

    def next_after(self, ctx: RotationContext, day: date) -> Handoff | None:
        """The first handoff strictly after a day."""
        return next((h for h in self.handoffs_from(ctx, day) if h.day > day), None)

    def on(self, ctx: RotationContext, day: date) -> Handoff | None:
        """The handoff falling on a day (or a session known only to a month, quarter or year that may)."""
        found = next(self.handoffs_from(ctx, day), None)
        return found if found is not None and found.day == day else None

    def describe(self) -> str:
        """A few words for notes and pages."""
        return self.kind


AT = ("opening", "closing")
"""Where in a session the office passes."""
CADENCES: Registry[type[Cadence]] = Registry("cadence", Cadence)
"""Every cadence by the kind the data names."""
cadence_kind = CADENCES.register
"""Class decorator: register a cadence kind under its `kind` name."""


@cadence_kind
@dataclass(frozen=True)
class CalendarCadence(Cadence):
    """Handoffs on the anchor and every step after it: a calendar month (UN Security Council), a semester (Council
    of the EU), a calendar year (EAEU, CSTO since 2024), N years."""

    kind: ClassVar[str] = "calendar"
    fields: ClassVar[dict[str, Field]] = {
        "anchor": Day("the first handoff"),
        "every": Length("the time between handoffs"),
    }
    anchor: date
    """The first handoff."""
    every: Duration
    """The time between handoffs (P1M, P6M, P1Y, P2Y, P10D...)."""
    _known: list[Handoff] = field(default_factory=list, init=False, compare=False, repr=False)
    """Handoffs worked out so far, from the anchor on (a cache: each is computed once)."""

    def __post_init__(self) -> None:
        if self.every.years < 0 or self.every.months < 0 or self.every.days < 0:
            raise ValueProblem(f"'every' {self.every} must be positive")
        if not (self.every.years or self.every.months or self.every.days):
            raise ValueProblem(f"'every' {self.every} is zero: the office would never pass")
        if (self.every.years or self.every.months) and self.every.days:
            raise ValueProblem(f"'every' {self.every} mixes months and days; use one unit (P6M, P1Y or P14D)")

    def _nth(self, k: int) -> date:
        step = self.every
        return Duration(step.years * k, step.months * k, step.days * k).after(self.anchor)

    def handoffs_from(self, ctx: RotationContext, day: date) -> Iterator[Handoff]:
        k = self._first_index(day)
        while True:
            yield self._handoff(k)
            k += 1

    def _handoff(self, k: int) -> Handoff:
        known = self._known
        while len(known) <= k:
            found = self._nth(len(known))
            known.append(Handoff(found, PartialDate.of(found)))
        return known[k]

    def _first_index(self, day: date) -> int:
        """The smallest k whose handoff falls on or after the day (found by arithmetic, not by walking)."""
        if day <= self.anchor:
            return 0
        known = self._known
        if known and known[-1].day >= day:
            return bisect.bisect_left(known, day, key=lambda h: h.day)
        months = 12 * self.every.years + self.every.months
        if months:
            elapsed = 12 * (day.year - self.anchor.year) + day.month - self.anchor.month
            k = max(0, elapsed // months - 1)
        else:
            k = max(0, (day - self.anchor).days // self.every.days - 1)
        while self._handoff(k).day < day:
            k += 1
        return k

    def describe(self) -> str:
        return f"every {self.every} from {self.anchor}"


@cadence_kind
@dataclass(frozen=True)
class SessionCadence(Cadence):
    """At each regular session (`kind: session`, held or planned) of the body: "until the next regular session" (the
    CSTO until 2022)."""

    kind: ClassVar[str] = "session"
    fields: ClassVar[dict[str, Field]] = {
        "body": Body("the body whose regular sessions hand the office over"),
        "at": Text("the office passes at a session's `opening` (its first day) or `closing`", True, AT),
    }
    gives_sessions: ClassVar[bool] = True
    body: str
    """Id of the body whose regular sessions hand the office over."""
    at: str = "opening"
    """'opening': the office passes on a session's first day; 'closing': on its last day."""

    def __post_init__(self) -> None:
        if self.at not in AT:
            raise ValueProblem(f"'at' is '{self.at}', expected opening or closing")

    def handoffs_from(self, ctx: RotationContext, day: date) -> Iterator[Handoff]:
        sessions = ctx.sessions(self.body, self.at == "closing")
        yield from sessions[bisect.bisect_left(ctx.session_days(self.body, self.at == "closing"), day) :]

    def on(self, ctx: RotationContext, day: date) -> Handoff | None:
        for handoff in ctx.sessions(self.body, self.at == "closing"):
            if handoff.day == day or (not handoff.when.is_exact and handoff.when.span.contains(day)):
                return handoff
            if handoff.day > day:
                return None
        return None

    def describe(self) -> str:
        return f"at the {self.at} of each regular session of '{self.body}'"
