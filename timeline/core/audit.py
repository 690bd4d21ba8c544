"""Checks of data quality beyond validity: facts without sources."""

from __future__ import annotations

from collections.abc import Iterator

from timeline.core.model import Fact, Organisation


def facts(org: Organisation) -> Iterator[tuple[str, Fact]]:
    """Every fact of an organisation with a short description of it."""
    for kind, items in (
        ("member", org.members), ("body", org.bodies), ("office", org.offices), ("person", org.people),
        ("place", org.places), ("term", org.terms), ("event", org.events), ("rotation", org.rotations),
    ):  # fmt: skip
        for item in items:
            yield f"{kind} '{item.id}'", item
    for member in org.members:
        for change in member.changes:
            yield f"member '{member.id}' {change.kind.value} {change.date}", change
        for rep in member.representation:
            yield f"member '{member.id}' representation by '{rep.office}'", rep
    for event in org.events:
        for decision in event.decisions:
            yield f"event '{event.id}' decision '{decision.title[:40]}'", decision


def unsourced(org: Organisation) -> list[tuple[str, Fact]]:
    """Facts that cite no source (decisions may rely on their event's sources)."""
    events = {e.id: e for e in org.events}
    found = []
    for what, fact in facts(org):
        if fact.sources:
            continue
        if what.startswith("event '") and " decision " in what and events[what.split("'")[1]].sources:
            continue
        found.append((what, fact))
    return found
