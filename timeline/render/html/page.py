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
import math
import posixpath
import re
from datetime import date, datetime
from importlib.resources import files
from string import Template
from typing import TYPE_CHECKING, Any

from timeline.render.html import languages, template
from timeline.render.html.answer import answer
from timeline.render.html.figure import figure_spec
from timeline.render.html.subscribe import feed_line, instructions
from timeline.render.html.table import facts_tables
from timeline.render.lang import EN, Language
from timeline.render.view import SiteView, View
from timeline.render.words import base_url as checked_base
from timeline.render.words import both, esc, href, web_url

if TYPE_CHECKING:
    import plotly.graph_objects as go

SCRIPT_SAFE = {c: f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}
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
    for character, escape in SCRIPT_SAFE.items():  # five passes of str.replace: 3x faster than str.translate
        text = text.replace(character, escape)
    return text


def figure_json(fig: dict[str, Any] | go.Figure) -> str:
    """The figure as compact JSON, as plotly.io writes it (dates in ISO form, a NaN or an infinity as null), but with
    every character as UTF-8 rather than a \\uXXXX escape (a Russian page is then about the English one's size);
    `script_json` makes it safe inside the page. Written by the json module alone: plotly's encoder costs a build
    about 50 ms to import, for a figure that holds only JSON's own types."""
    spec = fig if isinstance(fig, dict) else fig.to_plotly_json()
    try:
        return json.dumps(spec, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_iso)
    except ValueError:  # a NaN or an infinity: null, as plotly's encoder writes it
        return json.dumps(_finite(spec), ensure_ascii=False, separators=(",", ":"), default=_iso)


def _iso(value: object) -> str:
    """A date or a datetime in a figure, as plotly's encoder writes it."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"a figure holds a {type(value).__name__}, which JSON cannot write")


def _finite(value: Any) -> Any:
    """The figure with every NaN or infinity replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def lede(view: View) -> str:
    tl, lang = view.tl, view.lang
    return lang("page.lede_html", org=esc(lang.short(tl.org)))


def meta_line(view: View, built: date | None) -> str:
    tl, lang = view.tl, view.lang
    parts = []
    if tl.org.data_date is not None:
        parts.append(esc(lang("page.checked", day=lang.day(tl.org.data_date))))
    if built is not None:
        parts.append(esc(lang("page.built", day=lang.day(built))))
    parts.append(esc(lang("page.hint")))
    return " · ".join(parts) + "."


def _links(target: str, here: str, base_url: str | None) -> tuple[str, str, str]:
    """A feed's (http(s) URL, webcal:// URL, path for the page's script to complete) from its link relative to the
    page at `here`: absolute with a base URL, else relative (the script completes them where the page is served)."""
    root = checked_base(base_url)
    if not root:
        return href(target), href(target), href(target)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(here), target))
    url = f"{root}/{href(path)}"
    return url, re.sub(r"^https?://", "webcal://", url, flags=re.IGNORECASE), ""


def subscribe_link(feeds: list[tuple[str, str]], here: str, base_url: str | None, lang: Language = EN) -> str:
    """The line under the answer: subscribe to the first feed (the chair's, or the sessions'), and how."""
    if not feeds:
        return ""
    title, target = feeds[0]
    _, webcal, path = _links(target, here, base_url)
    link = (
        f'<a class="subscribe" href="{esc(webcal)}" data-path="{esc(path)}">{esc(lang("landing.subscribe"))}'
        f'<span class="vh">: {esc(title)}</span></a>'
    )
    return f'<p class="subscribe-line">{link} · <a href="#feeds">{esc(lang("page.feeds", n=len(feeds)))}</a></p>'


def feed_list(
    feeds: list[tuple[str, str]], lang: Language = EN, here: str = "timeline.html", base_url: str | None = None
) -> str:
    """The feeds' section after the chart: per feed a subscribe link, its file and a copy line, then how to
    subscribe in each calendar app (the landing page's parts)."""
    if not feeds:
        return ""
    items = "".join(
        feed_line(title, posixpath.basename(target), title, "", _links(target, here, base_url), lang)
        for title, target in feeds
    )
    heading = f'<h2 id="feeds">{esc(lang("page.feeds", n=len(feeds)))}</h2>'
    return f'<section class="feeds-section">{heading}<ul class="feeds">{items}</ul>{instructions(lang)}</section>'


def footer(view: View) -> str:
    tl, lang = view.tl, view.lang
    url = web_url(tl.org.url)
    link = f'<a href="{esc(url)}" rel="noopener">{esc(url)}</a>'
    home = " " + lang("page.official_html", link=link) if url else ""
    return lang("page.footer_html", official=home)


def render_page(
    view: View,
    *,
    feeds: list[tuple[str, str]],
    plotly_src: str | None = "../plotly.min.js",
    built: date | None = None,
    page: str | None = None,
    base_url: str | None = None,
) -> str:
    """The full HTML page in the view's language. feeds: (label, href) links to show. plotly_src: a relative URL of
    plotly.js shipped next to the page (one file shared by all pages, with the plotly.js locale of its language beside
    it); None inlines plotly.js (and the locale) into the page. page: where the page is in the site, as the English
    page's path from the site's root ('csto/timeline.html'): the page then links to itself in the other languages
    (`languages`); None for a page that stands alone. base_url: the site's public address (http(s)), for the feeds'
    absolute links."""
    fig, tables = figure_spec(view), facts_tables(view)
    return document(
        view, fig, feeds=feeds, plotly_src=plotly_src, built=built, tables=tables, page=page, base_url=base_url
    )


def document(
    view: View,
    fig: dict[str, Any] | go.Figure,
    *,
    feeds: list[tuple[str, str]],
    plotly_src: str | None,
    built: date | None,
    tables: str = "",
    page: str | None = None,
    base_url: str | None = None,
) -> str:
    """The whole HTML document around one organisation's figure: the answer above it (the chair now and next, the
    next sessions), the explanation, the feeds and the facts' tables after it."""
    tl, lang = view.tl, view.lang
    name = both(lang.name(tl.org), lang.short(tl.org))
    texts = {
        "title": esc(lang("page.title", org=lang.short(tl.org))),
        "description": esc(lang("page.description", name=name)),
        "heading": esc(lang("page.heading", name=name)),
        "lede": lede(view),
        "aria": esc(lang("page.aria", name=name)),
    }
    here = languages.site_path(lang, page) if page is not None else "timeline.html"
    extra = {
        "answer": answer(view) + subscribe_link(feeds, here, base_url, lang),
        "meta": meta_line(view, built),
        "footer": footer(view),
        "feeds": feed_list(feeds, lang, here, base_url),
        "tables": tables,
    }
    return page_html(texts | extra, fig, view, plotly_src=plotly_src, page=page)


def plotly_scripts(plotly_src: str | None, code: str) -> tuple[list[str], str]:
    """The inline scripts (for the CSP) and the markup that bring plotly.js and, for a language that plotly.js
    does not speak itself, its vendored locale, made the default of every plot: linked next to `plotly_src`, or
    inlined with plotly.js when `plotly_src` is None."""
    locale = plotly_locale(code)
    if plotly_src is None:
        inline = [plotly_js(), *([locale] if locale else [])]
        tags = [f"<script>{text}</script>" for text in inline]
    else:
        inline, tags = [], [f'<script src="{esc(plotly_src)}"></script>']
        if locale:
            beside = posixpath.join(posixpath.dirname(plotly_src), PLOTLY_LOCALE.format(code=code))
            tags.append(f'<script src="{esc(beside)}"></script>')
    if locale:
        chosen = f'if (typeof Plotly !== "undefined") {{ Plotly.setPlotConfig({{ locale: {json.dumps(code)} }}); }}'
        inline.append(chosen)
        tags.append(f"<script>{chosen}</script>")
    return inline, "".join(tags)


def page_html(
    texts: dict[str, str],
    fig: dict[str, Any] | go.Figure,
    view: View | SiteView,
    *,
    plotly_src: str | None,
    page: str | None = None,
) -> str:
    """The timeline template filled in: `texts` gives title, description, heading, answer, lede, aria, meta, footer,
    feeds and tables (all escaped HTML); the figure's JSON and the page script go in, plotly.js linked or inlined; the
    page's language, its switch to the others (`page`: see render_page) and its no-script note."""
    today, lang = view.today, view.lang
    script, timed = template("timeline.js"), template("landing.js")
    inline, plotly_tags = plotly_scripts(plotly_src, lang.code)
    words = {"now": "", "day": lang("landing.script_day"), "copied": lang("landing.copied")}
    json_path = "timeline.json"
    if page is not None:
        here = languages.site_path(lang, page)
        json_path = languages.relative(here, posixpath.join(posixpath.dirname(page), json_path))
    if isinstance(view, SiteView):  # the overview: each organisation's folder has its timeline.json, the site none
        noscript = lang("page.noscript_site_html")
    else:
        noscript = lang("page.noscript_html", json=f'<a href="{esc(href(json_path))}">timeline.json</a>')
    return Template(template("timeline.html")).substitute(
        **texts,
        lang=lang.code,
        switch=languages.switch(lang, page),
        noscript=noscript,
        csp=csp([script, timed, *inline], external=plotly_src is not None),
        words=script_json(json.dumps(words, ensure_ascii=False, sort_keys=True)),
        timed=timed,
        div_id=DIV_ID,
        today=today.isoformat(),
        plotly=plotly_tags,
        figure=script_json(figure_json(fig)),
        script=script,
    )
