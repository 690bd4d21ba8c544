"""The fixture dataset (the synthetic organisation 'testorg'), the fixed 'today' its tests use, and its horizon.

The one module of tests/helpers that imports the projection horizon: the other helpers take it from here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timeline.site.build import projection_horizon

FIXTURE_DATA = Path(__file__).resolve().parent.parent / "fixtures" / "data"
FIXTURE_TODAY = date(2024, 6, 1)
FIXTURE_HORIZON = projection_horizon(FIXTURE_TODAY)

__all__ = ["FIXTURE_DATA", "FIXTURE_HORIZON", "FIXTURE_TODAY", "projection_horizon"]
