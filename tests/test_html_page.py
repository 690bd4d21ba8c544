"""The page around the figure and `timeline html`: offline, deterministic, escaped, today from the CLI."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from tests.helpers.dataset import FIXTURE_ASOF, FIXTURE_HORIZON, FIXTURE_TODAY
from tests.helpers.facts import XSS, term, with_facts
from tests.helpers.pages import figure_of
from timeline.cli import app
from timeline.render.html.page import DIV_ID, plotly_js, render_page, script_hash
from timeline.render.view import View

FEEDS = [("All events", "testorg-all.ics"), ("Sessions <b>&</b>", "testorg-sessions.ics")]


def test_same_data_same_page_with_a_fixed_div_id(fixture_tl):
    a = render_page(View(fixture_tl, FIXTURE_ASOF), feeds=FEEDS, built=FIXTURE_TODAY)
    assert a == render_page(View(fixture_tl, FIXTURE_ASOF), feeds=FEEDS, built=FIXTURE_TODAY)
    assert f'<div id="{DIV_ID}"' in a and a.count("<div id=") == 1


def test_plotly_js_comes_from_next_to_the_page_never_a_cdn(fixture_tl):
    page = render_page(View(fixture_tl, FIXTURE_ASOF), feeds=FEEDS)
    assert re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page) == ["../plotly.min.js"]
    assert "cdn" not in page.lower() and "http://" not in page
    inlined = render_page(View(fixture_tl, FIXTURE_ASOF), feeds=FEEDS, plotly_src=None)
    assert "<script src=" not in inlined and plotly_js() in inlined


def test_plotly_js_is_the_vendored_basic_bundle():
    """plotly.js's basic bundle (scatter, bar, pie), a quarter of the full one (tests/test_plotly_bundle.py)."""
    bundle = plotly_js()
    assert bundle.startswith("/**\n* plotly.js (basic - minified) v") and 1_000_000 < len(bundle) < 2_000_000


def test_the_scripts_come_before_the_tables_so_the_plot_is_drawn_first(fixture_tl):
    page = render_page(View(fixture_tl, FIXTURE_ASOF), feeds=FEEDS)
    assert f'<div id="{DIV_ID}"' in page and "<table" in page
    order = [page.index(mark) for mark in (f'<div id="{DIV_ID}"', "../plotly.min.js", "<script>", "<table")]
    assert order == sorted(order)


def test_content_security_policy_allows_only_the_pages_own_scripts(fixture_tl):
    """Inline scripts run only by hash: an <img onerror> slipped into the page could not run."""
    page = render_page(View(fixture_tl, FIXTURE_ASOF), feeds=FEEDS)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2 and all(script_hash(script) in policy for script in scripts)  # the plot's, the timed
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "default-src 'none'" in policy


def test_page_has_language_title_explanation_dates_and_feed_links(fixture_tl):
    page = render_page(View(fixture_tl, FIXTURE_ASOF), feeds=FEEDS, built=FIXTURE_TODAY)
    assert '<html lang="en">' in page and 'name="viewport"' in page
    assert "<title>TOS: governance timeline</title>" in page
    assert "Hatched" in page and "projected by the rotation rules" in page.replace("the \n", "the ")
    assert "Data checked against the sources up to 1 Jun 2024" in page and "page built 1 Jun 2024" in page
    assert '<a class="https" href="testorg-all.ics">testorg-all.ics</a>' in page
    webcal = '<a class="webcal" href="testorg-all.ics" data-path="testorg-all.ics">'
    assert webcal + 'Subscribe<span class="vh">: All events</span>' in page
    assert "Sessions &lt;b&gt;&amp;&lt;/b&gt;" in page, "feed labels are escaped"


def test_page_escapes_names_everywhere(fixture_tl):
    tl = with_facts(fixture_tl, terms=(term("chair-no", "council-chair", "no", "2005-01-01", "2006-01-01"),))
    page = render_page(View(tl, FIXTURE_ASOF), feeds=[])
    assert XSS not in page and "<img" not in page
    names = [t["name"] for t in figure_of(page)["data"]]
    assert "Norland &lt;img src=x onerror=alert(1)&gt;" in names


def test_timeline_html_writes_one_offline_page_with_the_clis_today(fixture_data, tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-03-15")
    target = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["html", "--data", str(fixture_data), "--org", "testorg", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}" in result.output
    page = target.read_text(encoding="utf-8")
    assert "<script src=" not in page, "plotly.js is inlined: the page works alone"
    figure = figure_of(page)
    (line,) = [s for s in figure["layout"]["shapes"] if s.get("name") == "today"]
    assert line["x0"] == "2024-03-15" and figure["layout"]["meta"]["today"] == "2024-03-15"


def test_timeline_html_errors_are_one_line(fixture_data, tmp_path):
    result = CliRunner().invoke(app, ["html", "--data", str(fixture_data), "--org", "nope", "-o", str(tmp_path / "x")])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_the_facts_are_also_tables_a_row_per_term_and_event(fixture_tl):
    """Every term drawn and every event is a row of a captioned table with scoped headers (no JavaScript needed)."""
    from html.parser import HTMLParser

    from timeline.render.html.items import drawn_offices

    page = render_page(View(fixture_tl, FIXTURE_ASOF), feeds=[], built=FIXTURE_TODAY)

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.table, self.rows, self.headers, self.captions = None, {}, [], 0

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "table":
                self.table = attrs.get("id")
                self.rows[self.table] = 0
            elif tag == "tr" and self.table:
                self.rows[self.table] += 1
            elif tag == "th":
                self.headers.append(attrs.get("scope"))
            elif tag == "caption":
                self.captions += 1

    found = Rows()
    found.feed(page)
    terms = sum(len(fixture_tl.terms(o.id, FIXTURE_HORIZON)) for o in drawn_offices(fixture_tl))
    assert found.rows == {"terms-table": terms + 1, "events-table": len(fixture_tl.events()) + 1}  # + the head row
    assert found.captions == 2 and set(found.headers) == {"col"}
    assert 'data-sort="2023-07-10"' in page, "dates sort by their ISO value"
    assert "@media print" in page


def test_table_links_are_web_sources_only(fixture_tl):
    from dataclasses import replace

    from timeline.core.query import Timeline

    source = next(iter(fixture_tl.org.sources_by_id.values()))
    bad = replace(source, url="javascript:alert(1)")
    tl = Timeline(replace(fixture_tl.org, sources_by_id={**fixture_tl.org.sources_by_id, source.id: bad}))
    page = render_page(View(tl, FIXTURE_ASOF), feeds=[], built=FIXTURE_TODAY)
    assert 'href="javascript:' not in page
