"""The overview page: every organisation's rotating chairmanship on one timeline, a lane per organisation.

A member state has one colour in every lane (Russia chairing the CSTO, the EAEU, the CIS and the Security
Council reads as one colour), the one it has on every page (render.html.colours). The state legend is left
out (a Security Council has over a hundred states): names are on the bars and in the hovers; the key explains
the styles, and each lane's title links nothing but names its organisation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from timeline.core.query import Timeline
from timeline.render.html import items as items_
from timeline.render.html import landing_rows as rows
from timeline.render.html.figure import STYLES, default_template, key_traces, style_of, term_traces
from timeline.render.html.layout import layout
from timeline.render.html.table import chair_rows, chair_table
from timeline.render.lang import Language
from timeline.render.view import SiteView
from timeline.render.words import esc, href


def by_region(site: SiteView) -> list[tuple[str, Timeline]]:
    """The view's timelines grouped by region (global first), sorted by short name within each: (the region's
    heading where a group starts and there are several groups, else '', the timeline)."""
    grouped = rows.by_region(site.timelines, lambda tl: tl.org, site.lang)
    named = len(grouped) > 1
    return [
        (rows.region_name(key, site.lang) if named and i == 0 else "", tl)
        for key, found in grouped
        for i, tl in enumerate(found)
    ]


@dataclass(frozen=True)
class ChairWords:
    """What the overview page shows of one organisation's chair terms up to the horizon, in one language: its lane's
    title, its bars (drawn at y 0: `collect` places the lane), the states they name in order, and its rows of the
    table (worked out once per organisation: the site keeps them with its part, so that an edit of one organisation
    draws only its own lane again)."""

    title: str
    bars: tuple[items_.TermBar, ...]
    states: dict[str, str]
    rows: str


def chair_words(tl: Timeline, today: date, horizon: date, lang: Language) -> ChairWords | None:
    """The organisation's `ChairWords` as of `today`, up to `horizon`; None without a chairmanship."""
    office = tl.chair_office
    if office is None:
        return None
    known = max(tl.org.data_date.latest if tl.org.data_date else today, today)
    bars, states = [], {}
    for term in tl.terms(office.id, horizon):
        state = term.holder if term.holder in tl.members else None
        bar, _ = items_.term_items(tl, office, term, 0.0, state, items_.term_span(term, known, horizon), lang)
        bars.append(bar)
        if state:
            states.setdefault(state, lang.name(tl.members[state]))
    return ChairWords(f"{lang.short(tl.org)}: {lang.name(office)}", tuple(bars), states, chair_rows(tl, horizon, lang))


def every_chair(site: SiteView, words: Mapping[str, ChairWords] | None = None) -> dict[Timeline, ChairWords]:
    """Each timeline's `ChairWords` for those with a chairmanship, taken from `words` (by organisation id, in the
    view's language) where given, else worked out."""
    kept, found = words or {}, {}
    for tl in site.timelines:
        chair = kept.get(tl.org.id) or chair_words(tl, site.today, site.horizon, site.lang)
        if chair is not None:
            found[tl] = chair
    return found


def collect(site: SiteView, chairs: Mapping[Timeline, ChairWords] | None = None) -> items_.Items:
    """A lane per organisation with a chairmanship, grouped by region (the first lane of each region names it), its
    terms up to the view's horizon as bars, worded in its language. `chairs`: every timeline's `ChairWords`
    (`every_chair`), worked out here when not given."""
    today, horizon = site.today, site.horizon
    chairs = every_chair(site) if chairs is None else chairs
    lanes, bars, cursor = [], [], 0.0
    states: dict[str, str] = {}
    region = ""
    for heading, tl in by_region(site):
        region = heading or region  # a region without a chair's lane yet names the next lane
        chair = chairs.get(tl)
        if chair is None or not chair.bars:
            continue
        y = cursor + items_.TITLE + items_.ROW * 0.5
        lane = items_.Lane(f"{region.upper()} · {chair.title}" if region else chair.title, cursor, [y])
        region = ""
        lanes.append(lane)
        cursor = lane.bottom + 0.15
        bars += [replace(bar, y=y) for bar in chair.bars]
        for state, name in chair.states.items():
            states.setdefault(state, name)
    drawn = [d for b in bars for d in (b.start, b.end, *(x for o in b.outer for x in o))]
    extent = (min(drawn, default=today), max(drawn, default=today))
    colours = items_.colours(states)
    return items_.Items(lanes, bars, [], [], dict(sorted(states.items())), colours, {}, {}, horizon, extent)


def build_overview_figure(site: SiteView) -> Any:
    """The figure: the chairmanship bars of every organisation, coloured by state, without a state legend; a
    validated `go.Figure` of `overview_spec`."""
    import plotly.graph_objects as go

    return go.Figure(overview_spec(site))


def overview_spec(site: SiteView, chairs: Mapping[Timeline, ChairWords] | None = None) -> dict[str, Any]:
    """The figure of `build_overview_figure` as plotly.js reads it, unvalidated (figure.figure_spec); `chairs`: see
    `collect`."""
    it, lang = collect(site, chairs), site.lang
    terms = term_traces(it, lang)
    for trace in terms:
        trace["showlegend"] = trace.get("legendgroup") == "undetermined"
    keys = key_traces([status for status in STYLES if any(style_of(b.term) == status for b in it.bars)], lang)
    keys = keys[:-2]  # no events here: the planned and cancelled keys say nothing
    figure_layout = {**layout(it, site, len(keys) + 1), "template": default_template()}
    return {"data": [*terms, *keys], "layout": figure_layout}


def overview_texts(site: SiteView) -> dict[str, str]:
    """The overview page's words (title, heading, explanation), escaped."""
    lang = site.lang
    names = ", ".join(lang.short(tl.org) for tl in site.timelines if tl.org.chair_office)
    return {
        "title": esc(lang("overview.title")),
        "heading": esc(lang("overview.heading")),
        "description": esc(lang("overview.description", names=names)),
        "lede": lang("overview.lede_html"),
        "aria": esc(lang("overview.aria", names=names)),
    }


def render_overview(
    site: SiteView,
    *,
    feed: tuple[str, str] | None,
    plotly_src: str | None = "plotly.min.js",
    built: date | None = None,
    page: str | None = None,
    words: Mapping[str, ChairWords] | None = None,
) -> str:
    """The overview page in the view's language: the figure, then the same turns as a table. feed: (label, href) of
    the combined feed. page: where the page is in the site (the English page's path, 'timeline.html': see
    page.render_page). words: organisation id -> its `ChairWords` in the view's language, kept from its part
    (`every_chair`)."""
    from timeline.render.html.page import page_html

    chairs, lang = every_chair(site, words), site.lang
    fig = overview_spec(site, chairs)
    texts = overview_texts(site)
    built_text = esc(lang("overview.built", day=lang.day(built))) + " · " if built else ""
    texts["meta"] = built_text + esc(lang("overview.hint"))
    texts["feeds"] = f'<p><a href="{esc(href(feed[1]))}">{esc(feed[0])}</a></p>' if feed else ""
    texts["footer"] = esc(lang("overview.footer"))
    texts["answer"] = ""
    shown = [chairs[tl] for _, tl in by_region(site) if tl in chairs]
    texts["tables"] = chair_table(lang, [c.rows for c in shown], sum(len(c.bars) for c in shown))
    return page_html(texts, fig, site, plotly_src=plotly_src, page=page)
