"""The overview page: every organisation's rotating chairmanship on one timeline, a lane per organisation.

A member state has one colour in every lane (Russia chairing the CSTO, the EAEU, the CIS and the Security
Council reads as one colour), from the sorted union of the organisations' member ids. The state legend is left
out (a Security Council has over a hundred states): names are on the bars and in the hovers; the key explains
the styles, and each lane's title links nothing but names its organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from timeline.core.query import Timeline
from timeline.render.html import items as items_
from timeline.render.html.figure import STYLES, key_traces, style_of, term_traces
from timeline.render.html.layout import layout
from timeline.render.words import day_text, esc, href, org_label


def overview_colours(timelines: Sequence[Timeline]) -> dict[str, str]:
    """One colour per member id across organisations (the sorted union of their member ids)."""
    ids = sorted({m.id for tl in timelines for m in tl.org.members})
    return {ident: items_.PALETTE[i % len(items_.PALETTE)] for i, ident in enumerate(ids)}


def collect(timelines: Sequence[Timeline], today: date, horizon: date) -> items_.Items:
    """A lane per organisation with a chairmanship, its terms up to `horizon` as bars."""
    lanes, bars, cursor = [], [], 0.0
    states: dict[str, str] = {}
    for tl in timelines:
        if tl.org.chair_office is None:
            continue
        office = tl.chair_office
        terms = tl.terms(office.id, horizon)
        if not terms:
            continue
        known = max(tl.org.data_date.latest if tl.org.data_date else today, today)
        y = cursor + items_.TITLE + items_.ROW * 0.5
        lane = items_.Lane(f"{org_label(tl)}: {office.name}", cursor, [y])
        lanes.append(lane)
        cursor = lane.bottom + 0.15
        for term in terms:
            state = term.holder if term.holder in tl.members else None
            bar, _ = items_.term_items(tl, office, term, y, state, items_.term_span(term, known, horizon))
            bars.append(bar)
            if state:
                states.setdefault(state, tl.members[state].name)
    drawn = [d for b in bars for d in (b.start, b.end, *(x for o in b.outer for x in o))]
    extent = (min(drawn, default=today), max(drawn, default=today))
    colours = overview_colours(timelines)
    return items_.Items(lanes, bars, [], [], dict(sorted(states.items())), colours, {}, {}, horizon, extent)


def build_overview_figure(timelines: Sequence[Timeline], *, today: date, horizon: date) -> Any:
    """The figure: the chairmanship bars of every organisation, coloured by state, without a state legend."""
    import plotly.graph_objects as go

    it = collect(timelines, today, horizon)
    terms = term_traces(it)
    for trace in terms:
        trace["showlegend"] = trace.get("legendgroup") == "undetermined"
    keys = key_traces([status for status in STYLES if any(style_of(b.term) == status for b in it.bars)])
    keys = keys[:-2]  # no events here: the planned and cancelled keys say nothing
    return go.Figure({"data": [*terms, *keys], "layout": layout(it, today, len(keys) + 1)})


def overview_texts(timelines: Sequence[Timeline]) -> dict[str, str]:
    """The overview page's words (title, heading, explanation), escaped."""
    names = ", ".join(org_label(tl) for tl in timelines if tl.org.chair_office)
    return {
        "title": "All chairmanships: governance timeline",
        "heading": "Who chairs what, when: every rotating chairmanship",
        "description": esc(f"The rotating chairmanships of {names}, with sources."),
        "lede": (
            "One lane per organisation; each bar is a turn in the chair, labelled with the state and coloured by "
            "it, the same colour in every lane. Plain bars are recorded from sources; <strong>hatched</strong> "
            "ones are scheduled in advance, derived or projected by a rotation rule, or undetermined. Hover or tap "
            "a bar for its details and source; each organisation's own page has its offices and sessions."
        ),
        "aria": esc(f"Timeline of the rotating chairmanships of {names}"),
    }


def render_overview(
    timelines: Sequence[Timeline],
    *,
    today: date,
    horizon: date,
    feed: tuple[str, str] | None,
    plotly_src: str | None = "plotly.min.js",
    built: date | None = None,
) -> str:
    """The overview page: the figure, then the same turns as a table. feed: (label, href) of the combined feed."""
    from timeline.render.html.page import page_html
    from timeline.render.html.table import chair_table

    fig = build_overview_figure(timelines, today=today, horizon=horizon)
    texts = overview_texts(timelines)
    built_text = f"Page built {esc(day_text(built))} · " if built else ""
    texts["meta"] = built_text + "the dotted red line is today; each bar links to its source."
    texts["feeds"] = f'<p><a href="{esc(href(feed[1]))}">{esc(feed[0])}</a></p>' if feed else ""
    texts["footer"] = "Each turn links to the source it rests on. Built with timeline; works offline."
    texts["tables"] = chair_table(timelines, horizon)
    return page_html(texts, fig, today=today, plotly_src=plotly_src)
