"""The fixture dataset (the synthetic organisation 'testorg'), the fixed 'today' its tests use, its horizon, and the
as-of day renderers are given (FIXTURE_ASOF)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timeline.core.asof import AsOf, projection_horizon

FIXTURE_DATA = Path(__file__).resolve().parent.parent / "fixtures" / "data"
FIXTURE_TODAY = date(2024, 6, 1)
FIXTURE_HORIZON = projection_horizon(FIXTURE_TODAY)
FIXTURE_ASOF = AsOf(FIXTURE_TODAY, FIXTURE_HORIZON)

__all__ = ["FIXTURE_ASOF", "FIXTURE_DATA", "FIXTURE_HORIZON", "FIXTURE_TODAY"]
