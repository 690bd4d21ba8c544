""" "As of": the day a question is asked and how far ahead the answer looks (pure: the caller gives the day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from timeline.core.dates import Duration

PROJECTION_YEARS = 5
"""How far past today renderers show the terms a rotation rule projects."""


def projection_horizon(today: date) -> date:
    """The day an answer on `today` projects rotations up to: PROJECTION_YEARS ahead."""
    return Duration(years=PROJECTION_YEARS).after(today)


@dataclass(frozen=True)
class AsOf:
    """The day an answer is given on (`today`: what is past, current, upcoming) and the day its projections stop."""

    today: date
    horizon: date

    @classmethod
    def on(cls, today: date) -> AsOf:
        """As of `today`, projecting PROJECTION_YEARS ahead."""
        return cls(today, projection_horizon(today))
