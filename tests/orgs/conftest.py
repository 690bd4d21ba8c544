"""Every test of a bundled organisation runs on the data's own day."""

import pytest


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-28")
