"""The page around the figure: title, explanation, dates, feed links, plotly.js and the small script.

The page is deterministic (fixed div id, the figure's JSON written by the stdlib encoder) and carries a
Content-Security-Policy that lets only its own scripts run: the inline ones by hash, plotly.js from the
page's own site (or inlined), so even a missed escape could not run a script from the data.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from datetime import date
from importlib.resources import files
from string import Template
from typing import TYPE_CHECKING, Any

from timeline.core.query import Timeline
from timeline.render.html import template
from timeline.render.html.figure import build_figure
from timeline.render.html.table import facts_tables
from timeline.render.words import both, day_text, esc, href, org_label, web_url

if TYPE_CHECKING:
    import plotly.graph_objects as go

SCRIPT_SAFE = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"})
"""JSON escapes of the characters that could end or bend a script element, or a JavaScript string."""
DIV_ID = "timeline-plot"
"""The figure's div: fixed, so the page is deterministic (the script and the tests find it by this id)."""


PLOTLY_BUNDLE = "plotly-basic.min.js"
"""plotly.js's basic bundle (scatter, bar, pie: all the pages draw), vendored in render/html/vendor/ with its
licence and a manifest (plotly-basic.json: version, sha256, origin); scripts/update_plotly_bundle.py updates it."""


@functools.cache
def plotly_js() -> str:
    """The plotly.js the pages use: written once by the build as plotly.min.js, or inlined in a page."""
    return files("timeline.render.html").joinpath("vendor", PLOTLY_BUNDLE).read_text(encoding="utf-8")


PLOTLY_LOCALE = "plotly-locale-{code}.js"
"""plotly.js's locale of a language (its menus' and messages' words; English is plotly.js's own), vendored beside
the bundle from the same plotly.js version with its licence and a manifest (plotly-locales.json); the build writes
it next to plotly.min.js, and `timeline html` inlines it."""


@functools.cache
def plotly_locale(code: str) -> str | None:
    """The vendored plotly.js locale script of a language, None when plotly.js needs none (English) or has none."""
    found = files("timeline.render.html").joinpath("vendor", PLOTLY_LOCALE.format(code=code))
    return found.read_text(encoding="utf-8") if found.is_file() else None


def plotly_manifest() -> dict[str, Any]:
    """What vendor/plotly-basic.json says of the bundle: package, version, sha256, bytes, licence, source."""
    return json.loads(files("timeline.render.html").joinpath("vendor", "plotly-basic.json").read_text("utf-8"))


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: list[str], external: bool) -> str:
    """Only the page's own scripts; no network, no plug-ins, no forms (file: lets a saved copy work)."""
    sources = " ".join([*(["'self'", "file:"] if external else []), *map(script_hash, scripts)])
    return (
        f"default-src 'none'; script-src {sources}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def script_json(text: str) -> str:
    """JSON made safe inside `<script type="application/json">`: no '<', '>' or '&' (so neither `</script>` nor
    `<!--` in the data can end or bend the element) and no raw U+2028/U+2029; JSON.parse reads it unchanged."""
    return text.translate(SCRIPT_SAFE)


def lede(tl: Timeline) -> str:
    org = esc(org_label(tl))
    return (
        f"Who held the {org}'s offices and its rotating chairmanship, and when its bodies met. "
        "Bars are terms of office, one colour per member state (grey: the data records no state); "
        "symbols are sessions and meetings, hollow when planned. <strong>Hatched</strong>: not recorded as held — "
        "scheduled in advance, derived or projected by the rotation rules, or undetermined (the key says which). "
        "<strong>Faded and dotted</strong>: a date known only to the month, quarter or year, drawn over its whole "
        "window. Hover or tap an item for its details and source; the table below lists the same facts."
    )


def meta_line(tl: Timeline, today: date, built: date | None) -> str:
    parts = []
    if tl.org.data_date is not None:
        parts.append(f"Data checked against the sources up to {esc(tl.org.data_date.describe())}")
    if built is not None:
        parts.append(f"page built {esc(day_text(built))}")
    parts.append("the dotted red line is today; click a legend entry to hide it, double-click to show it alone")
    return " · ".join(parts) + "."


def feed_list(feeds: list[tuple[str, str]]) -> str:
    if not feeds:
        return ""
    items = "".join(f'<li><a href="{esc(href(target))}">{esc(label)}</a></li>' for label, target in feeds)
    summary = f"Calendar feeds ({len(feeds)}): subscribe in your calendar app"
    return f"<details><summary>{summary}</summary><ul>{items}</ul></details>"


def footer(tl: Timeline) -> str:
    url = web_url(tl.org.url)
    home = f' Official site: <a href="{esc(url)}" rel="noopener">{esc(url)}</a>.' if url else ""
    return (
        f"Each item links to the source it rests on.{home} Built with timeline; works offline "
        "(plotly.js ships with the page)."
    )


def render_page(
    tl: Timeline,
    *,
    today: date,
    horizon: date,
    feeds: list[tuple[str, str]],
    plotly_src: str | None = "../plotly.min.js",
    built: date | None = None,
) -> str:
    """The full HTML page. feeds: (label, href) links to show. plotly_src: a relative URL of plotly.js shipped
    next to the page (one file shared by all pages); None inlines plotly.js into the page."""
    fig = build_figure(tl, today=today, horizon=horizon)
    tables = facts_tables(tl, horizon)
    return document(tl, fig, today=today, feeds=feeds, plotly_src=plotly_src, built=built, tables=tables)


def document(
    tl: Timeline,
    fig: go.Figure,
    *,
    today: date,
    feeds: list[tuple[str, str]],
    plotly_src: str | None,
    built: date | None,
    tables: str = "",
) -> str:
    """The whole HTML document around one organisation's figure (and the facts' tables after it)."""
    name = both(tl.org.name, tl.org.short)
    texts = {
        "title": esc(f"{org_label(tl)}: governance timeline"),
        "description": esc(f"Terms of office, chairmanship and sessions of the {name}, with sources."),
        "heading": esc(name) + ": governance timeline",
        "lede": lede(tl),
        "aria": esc(f"Timeline of the {name}'s offices and sessions"),
    }
    extra = {"meta": meta_line(tl, today, built), "footer": footer(tl), "feeds": feed_list(feeds), "tables": tables}
    return page_html(texts | extra, fig, today=today, plotly_src=plotly_src)


def page_html(texts: dict[str, str], fig: go.Figure, *, today: date, plotly_src: str | None) -> str:
    """The timeline template filled in: `texts` gives title, description, heading, lede, aria, meta, footer, feeds
    and tables (all escaped HTML); the figure's JSON and the page script go in, plotly.js linked or inlined."""
    import plotly.io as pio

    script = template("timeline.js")
    if plotly_src is None:
        bundle = plotly_js()
        inline, plotly_tag = [script, bundle], f"<script>{bundle}</script>"
    else:
        inline, plotly_tag = [script], f'<script src="{esc(plotly_src)}"></script>'
    return Template(template("timeline.html")).substitute(
        **texts,
        csp=csp(inline, external=plotly_src is not None),
        div_id=DIV_ID,
        today=today.isoformat(),
        plotly=plotly_tag,
        figure=script_json(pio.to_json(fig, validate=False, engine="json")),
        script=script,
    )
