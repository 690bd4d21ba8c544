"""Pages in headless Chromium: how it is started, a local server for a folder of pages, and the selectors of a
drawn plot."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from timeline.core.asof import AsOf
from timeline.core.query import Timeline
from timeline.render.html.languages import relative, site_path
from timeline.render.html.overview import render_overview
from timeline.render.html.page import PLOTLY_LOCALE, plotly_js, plotly_locale, render_page
from timeline.render.lang import EN, Language, language
from timeline.render.view import SiteView, View

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
"""Chromium as the browser tests run it: headless, and nothing it would fetch on its own."""

READY = "#timeline-plot[data-ready]"
"""A page's plot, once drawn."""
# Points of the main plot (the range slider draws its own copies, outside .cartesianlayer).
BARS = "#timeline-plot .cartesianlayer .barlayer .point path"
MARKERS = "#timeline-plot .cartesianlayer .scatterlayer .points path"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The stdlib's file server, without its log lines."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """A stdlib HTTP server over `root` on a free loopback port, in a thread; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


RU = language("ru")
LANGUAGES = (EN, RU)
"""The languages of the pages a browser test visits."""


def write_site(root: Path, pages: dict[str, Timeline], today: date, langs: tuple[Language, ...] = (EN,)) -> None:
    """The build's layout: plotly.min.js at the top (and plotly.js's locale of each other language beside it),
    <name>/timeline.html below it and the overview, and the same pages in each other language (ru/...)."""
    (root / "plotly.min.js").write_text(plotly_js(), encoding="utf-8")
    asof = AsOf.on(today)
    for lang in langs:
        if plotly_locale(lang.code):
            (root / PLOTLY_LOCALE.format(code=lang.code)).write_text(plotly_locale(lang.code), encoding="utf-8")
        for name, tl in pages.items():
            here = site_path(lang, f"{name}/timeline.html")
            (root / here).parent.mkdir(parents=True, exist_ok=True)
            feeds = [("All events", relative(here, f"{name}/{name}-all.ics"))]
            html = render_page(View(tl, asof, lang), feeds=feeds, built=today,
                               plotly_src=relative(here, "plotly.min.js"), page=f"{name}/timeline.html")  # fmt: skip
            (root / here).write_text(html, encoding="utf-8")
        here = site_path(lang, "timeline.html")
        plotly = relative(here, "plotly.min.js")
        overview = render_overview(SiteView(tuple(pages.values()), asof, lang), feed=None, built=today,
                                   plotly_src=plotly, page="timeline.html")  # fmt: skip
        (root / here).write_text(overview, encoding="utf-8")
