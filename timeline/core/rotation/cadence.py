"""Cadences: when a rotating office passes. Each kind is named in the data (`cadence: {kind: ...}`)."""

from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from timeline.core.dates import Duration, PartialDate
from timeline.core.model import Reason
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
    CSTO until 2022). Past the last known session the handoffs are projected, an interval apart, as approximate
    months with no session (so a `host` order cannot name the holder): `every` when given, else the median interval
    between the body's recorded regular sessions (with at least two)."""

    kind: ClassVar[str] = "session"
    fields: ClassVar[dict[str, Field]] = {
        "body": Body("the body whose regular sessions hand the office over"),
        "at": Text("the office passes at a session's `opening` (its first day) or `closing`", True, AT),
        "every": Length(
            "the usual interval between sessions (whole months or years) that the rule or practice gives, to project "
            "handoffs past the last known session (else the median interval between the recorded sessions)",
            True,
        ),
    }
    gives_sessions: ClassVar[bool] = True
    body: str
    """Id of the body whose regular sessions hand the office over."""
    at: str = "opening"
    """'opening': the office passes on a session's first day; 'closing': on its last day."""
    every: Duration | None = None
    """The usual interval between sessions (P1Y, P6M): whole months or years; None to measure it."""

    def __post_init__(self) -> None:
        if self.at not in AT:
            raise ValueProblem(f"'at' is '{self.at}', expected opening or closing")
        every = self.every
        if every is not None and (every.days or every.years < 0 or every.months < 0 or _months(every) <= 0):
            raise ValueProblem(f"'every' {every} should be whole months or years between sessions (P6M, P1Y)")

    def handoffs_from(self, ctx: RotationContext, day: date) -> Iterator[Handoff]:
        sessions = ctx.sessions(self.body, self.at == "closing")
        yield from sessions[bisect.bisect_left(ctx.session_days(self.body, self.at == "closing"), day) :]
        yield from self.projected(ctx, day)

    def on(self, ctx: RotationContext, day: date) -> Handoff | None:
        for handoff in ctx.sessions(self.body, self.at == "closing"):
            if handoff.day == day or (not handoff.when.is_exact and handoff.when.span.contains(day)):
                return handoff
            if handoff.day > day:
                return None
        found = next(self.projected(ctx, day.replace(day=1)), None)
        return found if found is not None and found.when.span.contains(day) else None

    def interval(self, ctx: RotationContext) -> tuple[int, bool] | None:
        """The months between projected handoffs, and whether the data gives them (else they are measured)."""
        if self.every is not None:
            return _months(self.every), True
        measured = ctx.session_interval(self.body, self.at == "closing")
        return (measured, False) if measured else None

    def projected(self, ctx: RotationContext, day: date) -> Iterator[Handoff]:
        """The handoffs projected past the last known session, on or after a day (approximate months)."""
        days = ctx.session_days(self.body, self.at == "closing")
        interval = self.interval(ctx) if days else None
        if interval is None:
            return
        months, given = interval
        key = "handoff.projected.given" if given else "handoff.projected.measured"
        reason = Reason.of(key, body=self.body, n=months)
        last = 12 * days[-1].year + days[-1].month - 1
        known = ctx.sessions(self.body, self.at == "closing")[-1].when
        coarse = None if known.month is not None else known.year  # known only to the year: project years, not months
        step = max(1, (12 * day.year + day.month - 1 - last) // months)
        while (index := last + step * months) < 12 * _LAST_YEAR:
            found = date(index // 12, index % 12 + 1, 1)
            if found >= day:
                month = found.month if coarse is None else None
                yield Handoff(found, PartialDate(found.year, month, approximate=True), reason=reason)
            step += 1

    def describe(self) -> str:
        every = f", then every {self.every}" if self.every else ""
        return f"at the {self.at} of each regular session of '{self.body}'{every}"


_LAST_YEAR = 9998
"""Projections stop before the calendar's end."""


def _months(every: Duration) -> int:
    return 12 * every.years + every.months
