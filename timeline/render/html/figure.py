"""The interactive timeline's figure: the items of `items` -> Plotly traces and layout (pure; `page` wraps it).

plotly is imported inside `build_figure` only, so `import timeline` and the query commands stay light.
Traces carry `meta` naming their role ("terms", "uncertain", "attested", "events", "windows", "key"),
which the tests and the page script rely on.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from timeline.core.model import EventStatus
from timeline.core.query import Timeline
from timeline.render.html import items as items_
from timeline.render.words import esc_label as esc

if TYPE_CHECKING:
    import plotly.graph_objects as go

YEARS_BEFORE, YEARS_AFTER = 6, 3
"""The page opens on this window around today (ten years)."""
PX_PER_ROW = 34
CHROME_PX, LEGEND_ROW_PX, LEGEND_ENTRY_PX = 140, 20, 260
"""The figure's height: lanes, then the axis, buttons and slider, then the legend rows (set again by the page)."""
LABELLED_ATTESTATIONS = 60
SLIDER_MAX_ITEMS = 5000
"""The range slider redraws every item a second time: above this many it is left out (buttons remain)."""
"""Beyond this many, attestations are labelled in their hover only (annotations are slow to draw)."""
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "hexagon", "pentagon", "triangle-down",
           "hourglass", "bowtie", "cross", "star-diamond")  # fmt: skip
EVENT_COLOUR, CANCELLED_COLOUR, TODAY_COLOUR = "#2b3a55", "#9aa0a6", "#c0392b"
PROJECTED = {"shape": "/", "opacity": 0.5}
UNCERTAIN = {"shape": ".", "opacity": 0.35}
MS_PER_DAY = 86_400_000
HOVER = "%{hovertext}<extra></extra>"
BUTTONS = [
    {"count": 10, "step": "year", "stepmode": "backward", "label": "10 years"},
    {"count": 25, "step": "year", "stepmode": "backward", "label": "25 years"},
    {"step": "all", "label": "all"},
]
DARK = "#1f2933"


def ink(colour: str) -> str:
    """Dark or white text, whichever reads better on a '#rrggbb' fill."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return DARK if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _bar(name: str, meta: str, group: str, rows: list[tuple[float, date, date]], **extra: Any) -> dict[str, Any]:
    """A horizontal bar trace on a date axis: `base` is the first day, `x` the length in milliseconds."""
    return {
        "type": "bar", "orientation": "h", "name": name, "meta": meta, "legendgroup": group,
        "y": [y for y, _, _ in rows], "base": [s.isoformat() for _, s, _ in rows],
        "x": [(e - s).days * MS_PER_DAY for _, s, e in rows], "hovertemplate": HOVER, **extra,
    }  # fmt: skip


def _terms_trace(name: str, group: str, bars: list[items_.TermBar], colour: str, legend: bool,
                 rank: int) -> dict[str, Any]:  # fmt: skip
    """Bars of one state, all recorded or all projected (hatched, faded): one style per trace draws fast."""
    projected = bars[0].term.is_projected
    marker: dict[str, Any] = {"color": colour, "line": {"width": 1, "color": "#ffffff"}}
    if projected:
        marker |= {
            "opacity": PROJECTED["opacity"],
            "pattern": {"shape": PROJECTED["shape"], "fillmode": "overlay", "fgcolor": "#ffffff", "size": 8},
        }
    return _bar(name, "terms", group, [(b.y, b.start, b.end) for b in bars], text=[b.label for b in bars],
                textposition=["inside" if b.label else "none" for b in bars], insidetextanchor="end",
                textfont={"size": 11, "color": DARK if projected else ink(colour)}, hovertext=[b.hover for b in bars],
                customdata=[[b.link, b.term.id] for b in bars], width=0.66, legendrank=rank, showlegend=legend,
                cliponaxis=True, marker=marker)  # fmt: skip


def _term_traces(it: items_.Items) -> list[dict[str, Any]]:
    """Per state (and one for unknown states): its term bars, their uncertain stretches, attestations."""
    traces = []
    groups = [*it.states.items(), (None, "State not recorded")]
    for rank, (state, name) in enumerate(groups):
        colour = it.colours.get(state, items_.NO_STATE) if state else items_.NO_STATE
        group = f"state-{state or 'none'}"
        bars = [b for b in it.bars if b.state == state]
        recorded = [b for b in bars if not b.term.is_projected]
        projected = [b for b in bars if b.term.is_projected]
        for i, part in enumerate(p for p in (recorded, projected) if p):
            traces.append(_terms_trace(esc(name), group, part, colour, legend=i == 0, rank=100 + rank))
        outer = [(b, s, e) for b in bars for s, e in b.outer]
        if outer:
            traces.append(_bar(esc(name), "uncertain", group, [(b.y, s, e) for b, s, e in outer],
                hovertext=[b.hover for b, _, _ in outer], customdata=[[b.link, b.term.id] for b, _, _ in outer],
                width=0.66, showlegend=False, marker={"color": colour, "opacity": UNCERTAIN["opacity"], "pattern":
                {"shape": UNCERTAIN["shape"], "fillmode": "overlay", "fgcolor": "#ffffff", "size": 5}}))  # fmt: skip
        seen = [a for a in it.attestations if a.state == state]
        if seen:
            traces.append({"type": "scatter", "mode": "markers", "name": esc(name), "meta": "attested",
                "legendgroup": group, "showlegend": not bars, "x": [a.day.isoformat() for a in seen],
                "y": [a.y for a in seen], "hovertext": [a.hover for a in seen], "hovertemplate": HOVER,
                "customdata": [[a.link, a.term.id] for a in seen], "cliponaxis": True,
                "marker": {"symbol": "diamond-tall", "size": 12, "color": colour,
                           "line": {"width": 1, "color": "#333333"}}})  # fmt: skip
    return traces


def _event_traces(it: items_.Items) -> list[dict[str, Any]]:
    """Per body: markers for events known to the day, bars over the window of the others."""
    traces = []
    for rank, (body, name) in enumerate(it.bodies.items()):
        symbol = SYMBOLS[rank % len(SYMBOLS)]
        group = f"body-{body or 'none'}"
        marks = [m for m in it.events if m.body == body and not m.is_window]
        windows = [m for m in it.events if m.body == body and m.is_window]
        hollow = [m.status is not EventStatus.HELD for m in marks]
        traces.append({"type": "scatter", "mode": "markers", "name": _short(name, 36), "meta": "events",
            "legendgroup": group, "legendrank": 200 + rank, "x": [m.start.isoformat() for m in marks],
            "y": [m.y for m in marks], "hovertext": [m.hover for m in marks], "hovertemplate": HOVER,
            "customdata": [[m.link, m.event.id] for m in marks], "cliponaxis": True,
            "marker": {"symbol": [symbol + ("-open" if h else "") for h in hollow], "size": 11,
                       "color": [CANCELLED_COLOUR if m.status is EventStatus.CANCELLED else EVENT_COLOUR
                                 for m in marks], "line": {"width": [2 if h else 0.5 for h in hollow],
                                                           "color": "#ffffff"}}})  # fmt: skip
        for part in ([m for m in windows if m.status is EventStatus.HELD],
                     [m for m in windows if m.status is not EventStatus.HELD]):  # fmt: skip
            if part:
                shape = UNCERTAIN["shape"] if part[0].status is EventStatus.HELD else PROJECTED["shape"]
                traces.append(_bar(esc(name), "windows", group, [(m.y, m.start, m.end) for m in part],
                    hovertext=[m.hover for m in part], customdata=[[m.link, m.event.id] for m in part],
                    width=0.42, showlegend=False, marker={"color": EVENT_COLOUR, "opacity": UNCERTAIN["opacity"],
                    "pattern": {"shape": shape, "fillmode": "overlay", "fgcolor": "#ffffff", "size": 6}}))  # fmt: skip
    return traces


def _key_traces() -> list[dict[str, Any]]:
    """Legend entries that explain the styles (they draw nothing)."""
    grey = "#6b7280"
    empty = {"x": [None], "y": [None], "meta": "key", "legendgroup": "key", "hoverinfo": "skip"}
    pattern = {"fillmode": "overlay", "fgcolor": "#ffffff"}
    return [
        {"type": "bar", "name": "Projected by the rotation rule", "legendrank": 300, **empty,
         "marker": {"color": grey, "opacity": PROJECTED["opacity"], "pattern": {"shape": "/", **pattern}}},
        {"type": "bar", "name": "Date not known to the day: the whole window", "legendrank": 301, **empty,
         "marker": {"color": grey, "opacity": UNCERTAIN["opacity"], "pattern": {"shape": ".", **pattern}}},
        {"type": "scatter", "mode": "markers", "name": "Planned (hollow)", "legendrank": 302, **empty,
         "marker": {"symbol": "circle-open", "size": 11, "color": EVENT_COLOUR, "line": {"width": 2}}},
        {"type": "scatter", "mode": "markers", "name": "Cancelled", "legendrank": 303, **empty,
         "marker": {"symbol": "circle-open", "size": 11, "color": CANCELLED_COLOUR, "line": {"width": 2}}},
    ]  # fmt: skip


def _attestation_labels(it: items_.Items) -> list[dict[str, Any]]:
    """The holder's name beside the last attested day of a term too short to carry it on its bar."""
    labelled = [a for a in it.attestations if a.labelled]
    if len(labelled) > LABELLED_ATTESTATIONS:
        return []
    return [{"xref": "x", "yref": "y", "x": a.day.isoformat(), "y": a.y, "xanchor": "left", "xshift": 7,
             "text": a.label, "showarrow": False, "font": {"size": 11, "color": "#1f2933"}}
            for a in labelled]  # fmt: skip


def _body_labels(it: items_.Items) -> list[dict[str, Any]]:
    """Small names at the right end of the event lane's rows, one per body."""
    rows = {m.body: m.y for m in it.events}
    return [{"xref": "paper", "yref": "y", "x": 1, "y": y, "xanchor": "right", "text": _short(it.body_labels[b]),
             "showarrow": False, "font": {"size": 10, "color": "#6b7280"}} for b, y in rows.items()]  # fmt: skip


def legend_entries(it: items_.Items) -> int:
    """How many entries the legend lists: states (and 'not recorded'), bodies, and the key."""
    return len(it.states) + 1 + len(it.bodies) + len(_key_traces())


def _short(text: str, limit: int = 28) -> str:
    return esc(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _layout(it: items_.Items, today: date) -> dict[str, Any]:
    bottom = max((lane.bottom for lane in it.lanes), default=1.0)
    items = len(it.bars) + len(it.events) + len(it.attestations)
    shapes: list[dict[str, Any]] = [
        {"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": lane.top, "y1": lane.bottom,
         "fillcolor": "#f4f6f8" if i % 2 == 0 else "#ffffff", "line": {"width": 0}, "layer": "below"}
        for i, lane in enumerate(it.lanes)
    ]  # fmt: skip
    shapes.append({"type": "line", "name": "today", "xref": "x", "yref": "paper", "x0": today.isoformat(),
                   "x1": today.isoformat(), "y0": 0, "y1": 1, "line": {"color": TODAY_COLOUR, "width": 2,
                   "dash": "dot"}})  # fmt: skip
    notes: list[dict[str, Any]] = [
        {"xref": "paper", "yref": "y", "x": 0, "y": lane.top + 0.05, "xanchor": "left", "yanchor": "top",
         "text": f"<b>{esc(lane.title)}</b>", "showarrow": False, "font": {"size": 12, "color": "#1f2933"}}
        for lane in it.lanes
    ]  # fmt: skip
    notes += _attestation_labels(it) + _body_labels(it)
    notes.append({"name": "today", "xref": "x", "yref": "paper", "x": today.isoformat(), "y": 1, "yanchor": "bottom",
                  "text": "today", "showarrow": False, "font": {"color": TODAY_COLOUR, "size": 11}})  # fmt: skip
    start, end = date(today.year - YEARS_BEFORE, 1, 1), date(today.year + YEARS_AFTER, 12, 31)
    return {
        "height": int(PX_PER_ROW * bottom) + CHROME_PX + LEGEND_ROW_PX * -(-legend_entries(it) // 4),
        "autosize": True, "dragmode": "pan", "hovermode": "closest",
        "margin": {"l": 8, "r": 8, "t": 40, "b": 12}, "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff",
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 12},
        "barmode": "overlay", "shapes": shapes, "annotations": notes,
        "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"size": 12}},
        "legend": {"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container", "yanchor": "bottom",
                   "traceorder": "normal", "entrywidth": LEGEND_ENTRY_PX,
                   "font": {"size": 11}, "itemclick": "toggle", "itemdoubleclick": "toggleothers"},
        "yaxis": {"range": [bottom + 0.1, -0.1], "fixedrange": True, "visible": False},
        "xaxis": {"type": "date", "range": [start.isoformat(), end.isoformat()],
                  "showgrid": True, "gridcolor": "#e3e7eb", "tickformat": "%Y",
                  "rangeslider": {"visible": items <= SLIDER_MAX_ITEMS, "thickness": 0.05,
                                  "range": [it.extent[0].isoformat(), it.extent[1].isoformat()]},
                  "rangeselector": {"x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "buttons": BUTTONS}},
        "meta": {"today": today.isoformat(), "horizon": it.horizon.isoformat(), "lanes_px": int(PX_PER_ROW * bottom),
                 "chrome_px": CHROME_PX, "legend_row_px": LEGEND_ROW_PX, "legend_entry_px": LEGEND_ENTRY_PX,
                 "window": [YEARS_BEFORE, YEARS_AFTER]},
    }  # fmt: skip


def build_figure(tl: Timeline, *, today: date, horizon: date) -> go.Figure:
    """The timeline figure of one organisation, for a build made on `today` (pure: no clock, no files)."""
    import plotly.graph_objects as go

    it = items_.collect(tl, today, horizon)
    data = [*_event_traces(it), *_term_traces(it), *_key_traces()]
    return go.Figure({"data": data, "layout": _layout(it, today)}, skip_invalid=False)
