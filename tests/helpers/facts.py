"""The fixture organisation with a few more facts, written in a line each."""

from __future__ import annotations

from dataclasses import replace

from timeline.core.dates import PartialDate
from timeline.core.model import Event, Term
from timeline.core.query import Timeline

XSS = "<img src=x onerror=alert(1)>"
"""A name that would run a script if a page ever used it as markup."""


def with_facts(tl: Timeline, terms: tuple[Term, ...] = (), events: tuple[Event, ...] = (), rotations=None) -> Timeline:
    """The fixture organisation with a few more facts (or other rotation rules)."""
    org = replace(tl.org, terms=tl.org.terms + terms, events=tl.org.events + events)
    return Timeline(replace(org, rotations=rotations) if rotations is not None else org)


def term(id: str, office: str, holder: str, start: str | None, end: str | None = None, **more) -> Term:
    return Term(id=id, office=office, holder=holder, start=PartialDate.parse(start) if start else None,
                end=PartialDate.parse(end) if end else None, **more)  # fmt: skip
