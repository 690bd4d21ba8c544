"""`timeline next`: what is next from today on, across the organisations: the chairs that change hands and the
sessions and meetings ahead, in time order, each with its status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

import typer

from timeline.cli.common import (
    DataOption,
    JsonOption,
    LangOption,
    OrgsOption,
    app,
    emit,
    emit_json,
    friendly_errors,
    language_of,
    open_timelines,
    today,
)
from timeline.core.model import Event, Term
from timeline.core.query import Timeline

HANDOVER_YEARS = 2
"""How far ahead the chair handovers are looked for."""
LEFT_OUT = frozenset({"training", "consultation"})
"""Event kinds `next` leaves out: working contacts, not sessions a reader follows."""


@dataclass(frozen=True)
class Handover:
    """A chair changing hands on a day: the incoming turn and, when known, the outgoing one."""

    day: date
    incoming: Term
    outgoing: Term | None


def handovers(tl: Timeline, now: date) -> list[Handover]:
    """The days from `now` on when the organisation's chair passes, with who takes over and who hands over."""
    if tl.org.chair_office is None:
        return []
    terms = tl.forecast(now, HANDOVER_YEARS)
    found = []
    for term in terms:
        start = term.period.start
        if start >= now:
            outgoing = next((t for t in terms if t.period.end == start and t.id != term.id), None)
            found.append(Handover(start, term, outgoing))
    return found


def upcoming(timelines: list[Timeline], now: date, count: int) -> tuple[list[tuple[Timeline, object]], int]:
    """The first `count` handovers and events from `now` on, in time order (never cutting a day in two), and how many
    more were found."""
    items: list[tuple[tuple, Timeline, object]] = []
    for tl in timelines:
        items += [((h.day, 0, tl.org.id, h.incoming.id), tl, h) for h in handovers(tl, now)]
        events = [e for e in tl.next_events(now, count + 50) if e.kind not in LEFT_OUT]
        items += [((max(e.date.earliest, now), 1, tl.org.id, e.id), tl, e) for e in events]
    items.sort(key=lambda item: item[0])
    shown = items[:count]
    while shown and len(shown) < len(items) and items[len(shown)][0][0] == shown[-1][0][0]:
        shown.append(items[len(shown)])
    return [(tl, item) for _, tl, item in shown], len(items) - len(shown)


@app.command("next")
@friendly_errors
def next_up(
    count: Annotated[
        int, typer.Argument(min=1, max=1000, help="How many handovers and events (a day is never cut in two).")
    ] = 10,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """What is next: the chairs that change hands and the sessions ahead, from today on, in time order, with their
    status (recorded, scheduled or projected by the rotation rule)."""
    from timeline.render import text

    timelines, now, words = open_timelines(data, org), today(), language_of(lang)
    found, more = upcoming(timelines, now, count)
    if as_json:
        _emit_json(timelines, found, now, count)
        return
    if not found:
        emit([words("next.none", day=words.day(now))])
        return
    several = len(timelines) > 1
    lines = [words("next.heading", day=words.day(now))]
    for tl, item in found:
        if isinstance(item, Handover):
            lines.append(text.handover_line(tl, item.incoming, item.outgoing, now, words))
        else:
            lines.append(text.event_line(text.View.of(tl, now, words), item, org=several))
    if more:
        lines.append("  " + words.count("next.more", more, more=len(found) + more))
    terms = [item.incoming for _, item in found if isinstance(item, Handover)]
    events = [item for _, item in found if isinstance(item, Event)]
    emit(lines + text.gloss_lines(terms, words, events))


def _emit_json(timelines: list[Timeline], found: list, now: date, count: int) -> None:
    from timeline.render.json import answer, event_dict, org_part, term_dict

    parts = []
    for tl in timelines:
        mine = [item for t, item in found if t is tl]
        changes = [
            {
                "day": h.day.isoformat(),
                "office": tl.org.chair_office,
                "status": h.incoming.status.value,
                "incoming": term_dict(tl, h.incoming),
                "outgoing": term_dict(tl, h.outgoing) if h.outgoing else None,
            }
            for h in mine
            if isinstance(h, Handover)
        ]
        events = [event_dict(tl, e) for e in mine if isinstance(e, Event)]
        parts.append(org_part(tl, handovers=changes, events=events))
    emit_json(answer({"today": now.isoformat(), "count": count}, parts))
