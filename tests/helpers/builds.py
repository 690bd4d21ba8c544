"""Builds of the site in a test: the report and the stages a build went through, and what it rendered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timeline.site.build import build_site

DAY = date(2024, 6, 1)
"""The day of a build, unless the test gives another (`today=`)."""


def build(data: Path, out: Path, **options):
    """A build; returns its report, its files' bytes held (to compare with a later build's), and the stages it went
    through ('testorg: feeds', '… (unchanged)')."""
    steps: list[str] = []
    report = build_site(data, out, options.pop("today", DAY), step=steps.append, **options)
    report.site = report.site.held()
    return report, steps


def rendered(steps: list[str]) -> set[str]:
    """The parts a build rendered: organisations, and "site" for the site-wide files."""
    parts = {s.split(":")[0] for s in steps if ":" in s and not s.endswith("(unchanged)")}
    return parts | ({"site"} if "landing page" in steps else set())
