"""Reading a timeline figure or page back: its traces, a hover text, the figure a page carries."""

from __future__ import annotations

import json
import re


def traces(fig, *metas: str) -> list:
    """The traces of a figure with one of the given roles (their `meta`: 'terms', 'events', ...)."""
    return [t for t in fig.data if t.meta in metas]


def hover_of(fig, item_id: str) -> str:
    """The hover text of a term or event, by id."""
    return next(t.hovertext[i] for t in fig.data if t.customdata for i, c in enumerate(t.customdata) if c[1] == item_id)


def figure_of(page: str) -> dict:
    """The figure a timeline page carries, as JSON."""
    match = re.search(r'<script id="timeline-figure" type="application/json">(.*?)</script>', page, re.S)
    assert match, "no figure in the page"
    return json.loads(match.group(1))
