"""The interactive timeline's figure: the items of `items` -> Plotly traces, with `layout` around them.

Pure; `page` writes it into the HTML page. `figure_spec` gives the figure as plotly.js reads it (a dict, with
plotly's default template, as `go.Figure` would complete it); `build_figure` is the same figure as a validated
`go.Figure` (the tests check every spec through it: the build skips plotly's validation, 15% of its time).
plotly is imported inside them only, so `import timeline` and the query commands stay light. Traces carry
`meta` naming their role ("terms", "uncertain", "attested", "events", "windows", "key"), which the tests and the
page script rely on.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.core.model import EventStatus, Term
from timeline.render.html import items as items_
from timeline.render.html.colours import ink
from timeline.render.html.hover import NAME_CHARS, short
from timeline.render.html.layout import layout
from timeline.render.lang import EN, Language
from timeline.render.view import View
from timeline.render.words import esc_label as esc

if TYPE_CHECKING:
    import plotly.graph_objects as go

# A table of values, kept in rows: formatted one value a line it would run to 14 lines.
SYMBOLS = (
    "circle", "square", "diamond", "triangle-up", "star", "hexagon", "pentagon", "triangle-down",
    "hourglass", "bowtie", "cross", "star-diamond",
)  # fmt: skip
"""The event markers, one per body in turn."""
EVENT_COLOUR, CANCELLED_COLOUR, KEY_GREY, WHITE, DARK = "#2b3a55", "#9aa0a6", "#6b7280", "#ffffff", "#1f2933"
PROJECTED = {"shape": "/", "opacity": 0.5}
UNCERTAIN = {"shape": ".", "opacity": 0.35}
STYLES = {
    "scheduled": {"shape": "|", "opacity": 0.75},
    "derived": {"shape": "\\", "opacity": 0.75},
    "projected": PROJECTED,
    "undetermined": {"shape": "x", "opacity": 0.35},
}
"""How a term the data does not record as held is drawn, by its status (the key says it: "figure.key.<status>");
recorded terms are plain."""
UNDETERMINED = "undetermined"
"""The legend group of undetermined turns, which have no state."""
LEGEND_STATES = 15
"""A figure with more states than this leaves them out of its legend (the page leaves them out on a phone)."""
MS_PER_DAY = 86_400_000
HOVER = "%{hovertext}<extra></extra>"

Span = tuple[float, date, date, str, str | None, str]
"""A bar: (y, first day, exclusive end, hover text, source link, term or event id)."""
Point = tuple[float, date, str, str | None, str]
"""A marker: (y, day, hover text, source link, term or event id)."""


def _pattern(shape: str, size: int | None = None) -> dict[str, Any]:
    """A white pattern over the fill: '/' hatches what is projected, '.' dots what is uncertain."""
    return {"shape": shape, "fillmode": "overlay", "fgcolor": WHITE} | ({"size": size} if size else {})


def _trace(name: str, meta: str, group: str, items: list[tuple[str, str | None, str]], **fields: Any) -> dict:
    """What every drawn trace has: its legend name and group, its role, and per item a hover text and the
    [source link, term or event id] the page script opens on a click."""
    hover = {"hovertext": [text for text, _, _ in items], "customdata": [[link, ident] for _, link, ident in items]}
    return {"name": name, "meta": meta, "legendgroup": group, **hover, "hovertemplate": HOVER, **fields}


def _bar(name: str, meta: str, group: str, spans: list[Span], **extra: Any) -> dict[str, Any]:
    """A horizontal bar trace on a date axis: `base` is the first day, `x` the length in milliseconds."""
    days = {
        "y": [y for y, *_ in spans],
        "base": [start.isoformat() for _, start, *_ in spans],
        "x": [(end - start).days * MS_PER_DAY for _, start, end, *_ in spans],
    }
    return _trace(name, meta, group, [span[3:] for span in spans], type="bar", orientation="h", **days, **extra)


def _markers(name: str, meta: str, group: str, points: list[Point], **extra: Any) -> dict[str, Any]:
    """A trace of markers on their days."""
    days = {"x": [day.isoformat() for _, day, *_ in points], "y": [y for y, *_ in points]}
    markers = {"type": "scatter", "mode": "markers", **days, "cliponaxis": True}
    return _trace(name, meta, group, [point[2:] for point in points], **markers, **extra)


def style_of(term: Term) -> str | None:
    """The drawing style of a term: None for a recorded one, else its status (a key of STYLES)."""
    status = term.status.value
    return status if status in STYLES else None


def _terms_trace(
    name: str, group: str, bars: list[items_.TermBar], colour: str | list[str], rank: int, legend: bool
) -> dict:
    """Bars of one state (or of many, `colour` then one per bar) and one style (recorded plain; scheduled, derived,
    projected, undetermined hatched and faded, each its own way): one style per trace draws fast."""
    style = STYLES.get(style_of(bars[0].term) or "")
    marker: dict[str, Any] = {"color": colour, "line": {"width": 1, "color": WHITE}}
    if style:
        marker |= {"opacity": style["opacity"], "pattern": _pattern(style["shape"], 8)}
    spans = [(b.y, b.start, b.end, b.hover, b.link, b.term.id) for b in bars]
    text = {"text": [b.label for b in bars], "textposition": ["inside" if b.label else "none" for b in bars]}
    opacity = style["opacity"] if style else 1.0
    inks = ink(colour, opacity) if isinstance(colour, str) else [ink(c, opacity) for c in colour]
    font = {"size": 11, "color": inks}
    return _bar(
        name,
        "terms",
        group,
        spans,
        **text,
        insidetextanchor="middle",
        textfont=font,
        width=0.66,
        legendrank=rank,
        showlegend=legend,
        cliponaxis=True,
        marker=marker,
    )


def _colour(it: items_.Items, state: str | None) -> str:
    return it.colours.get(state, items_.NO_STATE) if state else items_.NO_STATE


def merged_term_traces(it: items_.Items) -> list[dict[str, Any]]:
    """The states' term bars, uncertain stretches and attestations in one trace of each kind and style, each item
    in its state's colour: for a figure whose legend leaves the states out (a trace per state would be some 300
    traces on the Security Council's page, most of its drawing time). Their hovers and labels name the states."""
    order = {state: rank for rank, state in enumerate([*it.states, None])}
    bars = sorted((b for b in it.bars if not b.term.is_undetermined), key=lambda b: order.get(b.state, len(order)))
    traces, name, group = [], "", "state-all"
    for style in sorted({style_of(b.term) or "" for b in bars}):
        part = [b for b in bars if (style_of(b.term) or "") == style]
        traces.append(_terms_trace(name, group, part, [_colour(it, b.state) for b in part], 100, legend=False))
    outer = [(b, start, end) for b in bars for start, end in b.outer]
    if outer:
        colours = [_colour(it, b.state) for b, _, _ in outer]
        fill = {"color": colours, "opacity": UNCERTAIN["opacity"], "pattern": _pattern(UNCERTAIN["shape"], 5)}
        spans = [(b.y, start, end, b.hover, b.link, b.term.id) for b, start, end in outer]
        traces.append(_bar(name, "uncertain", group, spans, width=0.66, showlegend=False, marker=fill))
    seen = sorted(it.attestations, key=lambda a: order.get(a.state, len(order)))
    if seen:
        colours = [_colour(it, a.state) for a in seen]
        marker = {"symbol": "diamond-tall", "size": 12, "color": colours, "line": {"width": 1, "color": "#333333"}}
        points = [(a.y, a.day, a.hover, a.link, a.term.id) for a in seen]
        traces.append(_markers(name, "attested", group, points, showlegend=False, marker=marker))
    return traces


def term_traces(it: items_.Items, lang: Language = EN, merged: bool = False) -> list[dict[str, Any]]:
    """Per state (and one for unknown states): its term bars, their uncertain stretches, attestations; `merged`:
    all states' in one trace of each kind and style (`merged_term_traces`)."""
    traces = []
    undetermined = [b for b in it.bars if b.term.is_undetermined]
    if undetermined:
        name = esc(lang("figure.undetermined"))
        traces.append(_terms_trace(name, UNDETERMINED, undetermined, items_.NO_STATE, 99, legend=True))
    if merged:
        return traces + merged_term_traces(it)
    for rank, (state, name) in enumerate([*it.states.items(), (None, lang("figure.no_state"))]):
        colour = _colour(it, state)
        group, label = f"state-{state or 'none'}", short(name, NAME_CHARS)
        bars = [b for b in it.bars if b.state == state and not b.term.is_undetermined]
        styles = sorted({style_of(b.term) or "" for b in bars})
        parts = [[b for b in bars if (style_of(b.term) or "") == style] for style in styles]
        traces += [_terms_trace(label, group, part, colour, 100 + rank, legend=i == 0) for i, part in enumerate(parts)]
        outer = [(b.y, start, end, b.hover, b.link, b.term.id) for b in bars for start, end in b.outer]
        if outer:
            fill = {"color": colour, "opacity": UNCERTAIN["opacity"], "pattern": _pattern(UNCERTAIN["shape"], 5)}
            traces.append(_bar(label, "uncertain", group, outer, width=0.66, showlegend=False, marker=fill))
        seen = [(a.y, a.day, a.hover, a.link, a.term.id) for a in it.attestations if a.state == state]
        if seen:
            marker = {"symbol": "diamond-tall", "size": 12, "color": colour, "line": {"width": 1, "color": "#333333"}}
            traces.append(_markers(label, "attested", group, seen, showlegend=not bars, marker=marker))
    return traces


def _event_traces(it: items_.Items) -> list[dict[str, Any]]:
    """Per body: markers for events known to the day, bars over the window of the others."""
    traces = []
    for rank, (body, name) in enumerate(it.bodies.items()):
        group = f"body-{body or 'none'}"
        marks = [m for m in it.events if m.body == body and not m.is_window]
        hollow = [m.status is not EventStatus.HELD for m in marks]
        marker = {
            "symbol": [SYMBOLS[rank % len(SYMBOLS)] + ("-open" if h else "") for h in hollow],
            "size": 11,
            "color": [CANCELLED_COLOUR if m.status is EventStatus.CANCELLED else EVENT_COLOUR for m in marks],
            "line": {"width": [2 if h else 0.5 for h in hollow], "color": WHITE},
        }
        points = [(m.y, m.start, m.hover, m.link, m.event.id) for m in marks]
        if points:  # a trace with no point would be left invisible, and Plotly says so
            traces.append(_markers(short(name, 36), "events", group, points, legendrank=200 + rank, marker=marker))
        windows = [m for m in it.events if m.body == body and m.is_window]
        legend = not points  # a body whose events are all windows: its first bar carries the legend entry
        for held in (True, False):
            part = [
                (m.y, m.start, m.end, m.hover, m.link, m.event.id)
                for m in windows
                if (m.status is EventStatus.HELD) == held
            ]
            if part:
                shape = UNCERTAIN["shape"] if held else PROJECTED["shape"]
                fill = {"color": EVENT_COLOUR, "opacity": UNCERTAIN["opacity"], "pattern": _pattern(shape, 6)}
                shown = {"legendrank": 200 + rank} if legend else {}
                label = short(name, 36) if legend else esc(name)
                traces.append(_bar(label, "windows", group, part, width=0.42, showlegend=legend, marker=fill, **shown))
                legend = False
    return traces


def key_traces(used: list[str], lang: Language = EN) -> list[dict[str, Any]]:
    """Legend entries that explain the styles the figure uses (they draw nothing)."""
    empty = {"x": [None], "y": [None], "meta": "key", "legendgroup": "key", "hoverinfo": "skip"}
    hollow = {"type": "scatter", "mode": "markers", **empty}
    return [
        *(
            {
                "type": "bar",
                "name": esc(lang(f"figure.key.{status}")),
                "legendrank": 300 + rank,
                **empty,
                "marker": {
                    "color": KEY_GREY,
                    "opacity": STYLES[status]["opacity"],
                    "pattern": _pattern(STYLES[status]["shape"]),
                },
            }
            for rank, status in enumerate(used)
        ),
        {
            "type": "bar",
            "name": esc(lang("figure.key.window")),
            "legendrank": 310,
            **empty,
            "marker": {"color": KEY_GREY, "opacity": UNCERTAIN["opacity"], "pattern": _pattern(".")},
        },
        {
            "name": esc(lang("figure.key.planned")),
            "legendrank": 311,
            **hollow,
            "marker": {"symbol": "circle-open", "size": 11, "color": EVENT_COLOUR, "line": {"width": 2}},
        },
        {
            "name": esc(lang("figure.key.cancelled")),
            "legendrank": 312,
            **hollow,
            "marker": {"symbol": "circle-open", "size": 11, "color": CANCELLED_COLOUR, "line": {"width": 2}},
        },
    ]


def build_figure(view: View) -> go.Figure:
    """The timeline figure of one organisation as of the view's day, in its language (pure: no clock, no files),
    validated by plotly."""
    import plotly.graph_objects as go

    return go.Figure(figure_spec(view), skip_invalid=False)


def _shipped_template() -> Path | None:
    """The file of plotly's default template ('plotly') as the plotly package ships it, None where it has none."""
    spec = importlib.util.find_spec("plotly")
    folder = Path(spec.origin).with_name("package_data") if spec and spec.origin else None
    shipped = folder / "templates" / "plotly.json" if folder else None
    return shipped if shipped is not None and shipped.is_file() else None


@functools.cache
def _template_text() -> str:
    """plotly's default template, read from its file without importing plotly (importing plotly.io costs a build
    that renders one page about 60 ms); a plotly that keeps it elsewhere is asked."""
    shipped = _shipped_template()
    if shipped is not None:
        return shipped.read_text("utf-8")
    import plotly.io as pio

    return json.dumps(pio.templates["plotly"].to_plotly_json())


def default_template() -> dict[str, Any]:
    """plotly's default template as a figure's JSON carries it (what `go.Figure` adds to a layout without one: the
    same JSON, tests/test_html.py checks it), a new copy each time."""
    return json.loads(_template_text())


def figure_spec(view: View) -> dict[str, Any]:
    """The figure of `build_figure` as plotly.js reads it, unvalidated."""
    it, lang = items_.collect(view), view.lang
    keys = key_traces([status for status in STYLES if any(style_of(b.term) == status for b in it.bars)], lang)
    listed = len(it.states) <= LEGEND_STATES
    terms = term_traces(it, lang, merged=not listed)  # a Security Council's hundred states: labels and hovers name them
    states = len(it.states) + 1 if listed else 0  # and 'not recorded'
    entries = states + 1 + len(it.bodies) + len(keys)  # states, 'undetermined', bodies, key
    data = [*_event_traces(it), *terms, *keys]
    return {"data": data, "layout": {**layout(it, view, entries), "template": default_template()}}
