"""The timeline figure's layout: lane bands and titles, the "today" line, labels, axes, legend, and its height.

The page script moves "today" and the opening window to the viewer's day and refits the height to the legend
it draws; `meta` carries what it needs for that.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.render.html.hover import NAME_CHARS, short
from timeline.render.html.items import Items
from timeline.render.lang import EN, Language
from timeline.render.view import SiteView, View
from timeline.render.words import esc_label as esc

YEARS_BEFORE, YEARS_AFTER = 6, 3
"""The page opens on this window around today (ten years)."""
PX_PER_ROW = 34
MIN_PX = 420
"""A figure is never shorter: Plotly drops a hover taller than the figure (a one-lane overview's would vanish)."""
CHROME_PX, LEGEND_ROW_PX, LEGEND_ENTRY_PX = 140, 20, 260
"""The figure's height: lanes, then the axis, buttons and slider, then the legend rows (set again by the page)."""
LABELLED_ATTESTATIONS = 60
"""Beyond this many, attestations are labelled in their hover only (annotations are slow to draw)."""
SLIDER_MAX_ITEMS = 5000
"""The range slider redraws every item a second time: above this many it is left out (buttons remain)."""
WINDOW_ITEMS = SLIDER_MAX_ITEMS
"""Above this many items (where the slider, which would show them all, is left out) the page draws only those near
the range shown, again after each zoom or pan (the page script's window)."""
LABEL_ITEMS = 500
"""Above this many (and up to WINDOW_ITEMS) the page draws every item but labels only the bars near the range shown
(Plotly measures every label it draws)."""
TODAY_COLOUR, INK, MUTED = "#c0392b", "#1f2933", "#6b7280"
BUTTON_YEARS = (10, 25)
"""The range buttons: these many years back, then everything."""
LEGEND = {
    "orientation": "h",
    "x": 0,
    "xref": "container",
    "y": 0,
    "yref": "container",
    "yanchor": "bottom",
    "traceorder": "normal",
    "entrywidth": LEGEND_ENTRY_PX,
    "font": {"size": 11},
    "itemclick": "toggle",
    "itemdoubleclick": "toggleothers",
}


def _note(text: str, x: float | str, y: float, xref: str, yref: str, font: dict, **place: Any) -> dict[str, Any]:
    """A text annotation without an arrow."""
    return {"xref": xref, "yref": yref, "x": x, "y": y, **place, "text": text, "showarrow": False, "font": font}


def buttons(lang: Language = EN) -> list[dict[str, Any]]:
    """The range buttons, labelled in the language: '10 years', '25 years', 'all'."""
    back = [
        {"count": n, "step": "year", "stepmode": "backward", "label": lang.count("figure.years", n)}
        for n in BUTTON_YEARS
    ]
    return [*back, {"step": "all", "label": lang("figure.all")}]


def _notes(it: Items, today: date, lang: Language) -> list[dict[str, Any]]:
    """Lane titles; the holder's name beside the last attested day of a term too short to carry it on its bar;
    small body names at the right end of the event lane's rows; and "today" above its line."""
    font, corner = {"size": 12, "color": INK}, {"xanchor": "left", "yanchor": "top"}
    notes = [
        _note(f"<b>{short(lane.title, NAME_CHARS)}</b>", 0, lane.top + 0.05, "paper", "y", font, **corner)
        for lane in it.lanes
    ]
    labelled = [a for a in it.attestations if a.labelled]
    if len(labelled) <= LABELLED_ATTESTATIONS:
        font = {"size": 11, "color": INK}
        notes += [_note(a.label, a.day.isoformat(), a.y, "x", "y", font, xanchor="left", xshift=7) for a in labelled]
    rows = {m.body: m.y for m in it.events}
    font = {"size": 10, "color": MUTED}
    notes += [_note(short(it.body_labels[b]), 1, y, "paper", "y", font, xanchor="right") for b, y in rows.items()]
    font = {"color": TODAY_COLOUR, "size": 11}
    notes.append(_note(esc(lang("today")), today.isoformat(), 1, "x", "paper", font, name="today", yanchor="bottom"))
    return notes


def _shapes(it: Items, today: date) -> list[dict[str, Any]]:
    """Alternating bands behind the lanes, and the dotted "today" line."""
    bands = [
        {
            "type": "rect",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": lane.top,
            "y1": lane.bottom,
            "fillcolor": "#f4f6f8" if i % 2 == 0 else "#ffffff",
            "line": {"width": 0},
            "layer": "below",
        }
        for i, lane in enumerate(it.lanes)
    ]
    day = today.isoformat()
    line = {"color": TODAY_COLOUR, "width": 2, "dash": "dot"}
    return [
        *bands,
        {
            "type": "line",
            "name": "today",
            "xref": "x",
            "yref": "paper",
            "x0": day,
            "x1": day,
            "y0": 0,
            "y1": 1,
            "line": line,
        },
    ]


def layout(it: Items, view: View | SiteView, legend_entries: int) -> dict[str, Any]:
    """The layout as of the view's day, its words in the view's language; `legend_entries` sets how many legend rows
    to leave room for."""
    today, lang = view.today, view.lang
    bottom = max((lane.bottom for lane in it.lanes), default=1.0)
    items = len(it.bars) + len(it.events) + len(it.attestations)
    start, end = date(today.year - YEARS_BEFORE, 1, 1), date(today.year + YEARS_AFTER, 12, 31)
    slider = {"visible": items <= SLIDER_MAX_ITEMS, "thickness": 0.05, "range": [d.isoformat() for d in it.extent]}
    selector = {"x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "buttons": buttons(lang)}
    return {
        "height": max(MIN_PX, int(PX_PER_ROW * bottom) + CHROME_PX + LEGEND_ROW_PX * -(-legend_entries // 4)),
        "autosize": True,
        "dragmode": "pan",
        "hovermode": "closest",
        "margin": {"l": 8, "r": 8, "t": 40, "b": 12},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 12},
        "barmode": "overlay",
        "shapes": _shapes(it, today),
        "annotations": _notes(it, today, lang),
        "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"size": 12}},
        "legend": LEGEND,
        "yaxis": {"range": [bottom + 0.1, -0.1], "fixedrange": True, "visible": False},
        "xaxis": {
            "type": "date",
            "range": [start.isoformat(), end.isoformat()],
            "showgrid": True,
            "gridcolor": "#e3e7eb",
            "tickformat": "%Y",
            "rangeslider": slider,
            "rangeselector": selector,
        },
        "meta": {
            "today": today.isoformat(),
            "horizon": it.horizon.isoformat(),
            "lanes_px": int(PX_PER_ROW * bottom),
            "min_px": MIN_PX,
            "chrome_px": CHROME_PX,
            "legend_row_px": LEGEND_ROW_PX,
            "legend_entry_px": LEGEND_ENTRY_PX,
            "window": [YEARS_BEFORE, YEARS_AFTER],
            "window_items": WINDOW_ITEMS,
            "label_items": LABEL_ITEMS,
        },
    }
