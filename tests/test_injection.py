"""Hostile and careless text in every text field of every kind of fact, through every output: nothing runs, nothing
is injected, no parser chokes, nothing is lost, and the text still shows, literally.

The loader refuses control characters and addresses other than http(s); these organisations are built in code, as
the library API allows, so the renderers are checked on their own: every feed (icalendar and the strict `ical`,
and ical.js where node is installed), the timeline page, the overview page, the landing page (each in English and
in Russian), timeline.json with its schema, both CSV files and the terminal's lines; then the pages in real
Chromium.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from types import SimpleNamespace

import icalendar
import pytest

from tests.helpers.dataset import FIXTURE_ASOF, FIXTURE_HORIZON, FIXTURE_TODAY
from tests.helpers.hostile import (
    ACCEPTED,
    BASE,
    EVERY,
    PAYLOADS,
    REJECTED,
    URLS,
    check_feed,
    controls,
    poisoned,
)
from tests.helpers.parsers import with_ical, with_icalendar, with_icaljs
from timeline.core.across import chairs_of
from timeline.core.audit import audit
from timeline.core.dates import Period
from timeline.core.query import Timeline
from timeline.errors import QueryError
from timeline.render import text as terminal
from timeline.render.export.model import export
from timeline.render.export.schema import SCHEMA_FILE, schema
from timeline.render.export.tables import FORMULA_START, events_csv, terms_csv
from timeline.render.html.landing import render_landing
from timeline.render.html.languages import folder, relative
from timeline.render.html.overview import render_overview
from timeline.render.html.page import render_page, script_hash
from timeline.render.ical.feeds import render_combined, render_feeds
from timeline.render.json import audit_dict, org_summary
from timeline.render.lang import EN, language
from timeline.render.view import SiteView, View
from timeline.render.words import clean, esc, href, term_note, web_url
from timeline.site.dumps import dump_json

STAMP = datetime(2024, 6, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def hostile(fixture_tl):
    """name -> the variant's organisation and its feeds (with the base URL), each made once."""
    made: dict[str, SimpleNamespace] = {}

    def get(name: str) -> SimpleNamespace:
        if name not in made:
            tl, _ = poisoned(fixture_tl, name)
            made[name] = SimpleNamespace(tl=tl, feeds=feeds_of(tl))
        return made[name]

    return get


@pytest.fixture(scope="module")
def clean_counts(fixture_tl):
    """What the untouched fixture publishes: VEVENTs per feed, CSV rows."""
    feeds, _ = render_feeds(View(fixture_tl, FIXTURE_ASOF), stamp=STAMP)
    combined, _ = render_combined(SiteView((fixture_tl,), FIXTURE_ASOF), stamp=STAMP)
    return SimpleNamespace(
        feeds={f.name: f.events for f in [*feeds, combined]},
        terms=terms_csv(View(fixture_tl, FIXTURE_ASOF))[1],
        events=events_csv(fixture_tl)[1],
    )


def test_every_text_field_of_every_kind_of_fact_is_reached(fixture_tl):
    """The poison reaches each kind of fact and each of its text fields (the counts in the report come from here)."""
    _, poison = poisoned(fixture_tl, "script")
    reached = set(poison.fields)
    assert reached >= {
        "Organisation.name", "Organisation.names", "Organisation.short", "Organisation.url", "Organisation.note",
        "Member.name", "Member.names", "Member.note", "MembershipChange.note", "Representation.note",
        "Organisation.shorts", "Body.shorts", "Event.names",
        "Body.name", "Body.names", "Body.short", "Office.name", "Office.names", "Person.name", "Person.names",
        "Place.city", "Place.names", "Place.country", "Event.title", "Event.note", "Event.formats",
        "Event.decisions", "Decision.title", "Event.chair_anomaly", "Announcement.note", "Term.note", "Term.anomaly",
        "Source.title", "Source.url", "Source.document", "Source.publisher", "Source.note", "RotationRule.basis",
        "RotationRule.note", "RotationRule.exceptions", "Skip.note",
    }  # fmt: skip
    tl, _ = poisoned(fixture_tl, "script")
    notes = [term_note(tl, t) or "" for t in tl.terms("council-chair", FIXTURE_HORIZON)]
    assert any(note.count("<script>") >= 1 and "Skip.note" in note for note in notes), "it reaches projected turns"


# Feeds -------------------------------------------------------------------------------------------------------


def feeds_of(tl: Timeline, base_url: str | None = BASE) -> list:
    feeds, _ = render_feeds(View(tl, FIXTURE_ASOF), stamp=STAMP, base_url=base_url)
    combined, _ = render_combined(SiteView((tl,), FIXTURE_ASOF), stamp=STAMP, base_url=base_url)
    return [*feeds, combined]


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_feeds_parse_strictly_with_every_event_and_nothing_more(hostile, clean_counts, name):
    feeds = hostile(name).feeds
    assert {f.name: f.events for f in feeds} == clean_counts.feeds
    for feed in feeds:
        check_feed(feed, clean_counts.feeds[feed.name])
    events = [e for f in feeds for e in icalendar.Calendar.from_ical(f.content).walk("VEVENT")]
    web = {s.url for s in hostile(name).tl.org.sources_by_id.values() if web_url(s.url)}
    urls = {str(e["URL"]) for e in events if "URL" in e}
    assert urls <= web and bool(urls) == bool(web), "an event's URL is its first http(s) source's, as it is"
    summaries = [str(e["SUMMARY"]) for e in events]
    shown = clean(PAYLOADS[name]).split()
    assert all(word in " ".join(summaries) for word in shown[:3]), "the text is still there, on one line"


def test_feeds_agree_in_three_parsers_with_every_payload(hostile, icaljs, tmp_path):
    """ical.js (Thunderbird's parser) reads the same UIDs, times, statuses and titles as the two Python parsers
    (every variant's feeds in one run of node)."""
    paths, rows = [], {}
    for index, name in enumerate(PAYLOADS):
        for feed in hostile(name).feeds:
            paths.append(tmp_path / f"{index}-{feed.name}")
            paths[-1].write_bytes(feed.content)
            rows[paths[-1].name] = with_icalendar(feed.content)
            assert with_ical(feed.content) == rows[paths[-1].name], f"{name}: {feed.name}"
            assert len(rows[paths[-1].name]) == feed.events
    assert with_icaljs(paths) == rows


@pytest.mark.parametrize("bad", [URLS[0], URLS[8], "ftp://example.org/", "example.org"])
def test_a_base_url_that_is_not_http_is_refused_by_every_renderer(fixture_tl, bad):
    with pytest.raises(QueryError, match="http"):
        render_feeds(View(fixture_tl, FIXTURE_ASOF), stamp=STAMP, base_url=bad)
    with pytest.raises(QueryError, match="http"):
        render_combined(SiteView((fixture_tl,), FIXTURE_ASOF), stamp=STAMP, base_url=bad)
    with pytest.raises(QueryError, match="http"):
        render_landing(SiteView((fixture_tl,), FIXTURE_ASOF), {}, base_url=bad)


# Pages -------------------------------------------------------------------------------------------------------

LINKING = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc", "background"})


class Markup(HTMLParser):
    """Every element, every attribute that links or runs, inline scripts and the figure's JSON."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.links: list[str] = []
        self.handlers: list[str] = []
        self.inline: list[str] = []
        self.json: list[tuple[str | None, str]] = []
        """(id, text) of each JSON block: the figure's, the page's words."""
        self.csp: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        found = dict(attrs)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.links += [value or "" for name, value in attrs if name in LINKING]
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.csp.append(found.get("content") or "")
        if tag == "script":
            self._script = {"attrs": found, "text": []}

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script["text"].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            body, attrs = "".join(self._script["text"]), self._script["attrs"]
            if attrs.get("type") == "application/json":
                self.json.append((attrs.get("id"), body))
            elif "src" not in attrs:
                self.inline.append(body)
            self._script = None


def check_page(page: str, scripts: int, figure: bool = True) -> Markup:
    """Nothing injected: no control character, only the page's own elements and scripts (each allowed by hash in
    its CSP), no event handler, every link http(s), webcal or relative, the figure's JSON whole."""
    assert controls(page, allowed="\t\n") == []  # HTML text may hold TAB
    assert REJECTED not in page
    found = Markup()
    found.feed(page)
    found.close()
    assert found.tags["script"] == scripts and found.tags["img"] == 0 and found.tags["iframe"] == 0
    assert found.handlers == []
    for link in [link for link in found.links if link != "data:,"]:  # the landing page's empty icon
        scheme = re.match(r"^\s*([a-z][a-z0-9+.-]*):", link, re.I)
        assert scheme is None or scheme.group(1).lower() in ("http", "https", "webcal"), link
        assert scheme is None or web_url(re.sub("^webcal:", "https:", link)), link
    (policy,) = found.csp
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert found.inline and all(script_hash(s) in policy for s in found.inline)
    assert [ident for ident, _ in found.json] == (["timeline-figure", "landing-words"] if figure else ["landing-words"])
    for _, text in found.json:
        assert "<" not in text and ">" not in text
    for text in [text for ident, text in found.json if ident == "timeline-figure"]:
        fig = json.loads(text)
        links = [point[0] for trace in fig["data"] for point in trace.get("customdata") or []]
        assert all(link is None or web_url(link) for link in links)
    return found


RU = language("ru")
SCRIPTS = {("page", "en"): 5, ("page", "ru"): 7, ("landing", "en"): 2, ("landing", "ru"): 2}
"""The script elements of each kind of page: plotly.js, the figure's JSON and the page's script, the timed lines'
words and script (and in Russian, plotly.js's locale and the line that chooses it); the landing page's words and
script."""


def pages(tl: Timeline, feeds: list) -> dict[str, str]:
    """Every page of the site, in English and in Russian ("timeline (ru)"...), where the build puts them (the Russian
    pages list the English feeds, as the build does until the Russian feeds are wired)."""
    found = {}
    for lang in (EN, RU):
        tag, up = ("", "") if lang is EN else (f" ({lang.code})", "../" * folder(lang).count("/"))
        here = f"{folder(lang)}testorg/timeline.html"
        links = [(f.title, relative(here, f"testorg/{f.name}")) for f in feeds[:-1]]
        found["timeline" + tag] = render_page(
            View(tl, FIXTURE_ASOF, lang), feeds=links, built=FIXTURE_TODAY,
            plotly_src=f"{up}../plotly.min.js", page="testorg/timeline.html",
        )  # fmt: skip
        found["overview" + tag] = render_overview(
            SiteView((tl,), FIXTURE_ASOF, lang), plotly_src=f"{up}plotly.min.js",
            feed=(feeds[-1].title, relative(f"{folder(lang)}timeline.html", feeds[-1].name)), page="timeline.html",
        )  # fmt: skip
        site, listed = SiteView((tl,), FIXTURE_ASOF, lang), {tl.org.id: feeds[:-1]}
        found["landing" + tag] = render_landing(site, listed, base_url=BASE, combined=feeds[-1])
        found["landing, relative links" + tag] = render_landing(site, listed, combined=feeds[-1])
    return found


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_pages_escape_every_payload_and_link_only_to_the_web(hostile, name):
    tl = hostile(name).tl
    rendered = pages(tl, hostile(name).feeds)
    assert len(rendered) == 8
    for page_name, page in rendered.items():
        lang = RU if page_name.endswith("(ru)") else EN
        kind = "landing" if page_name.startswith("landing") else "page"
        check_page(page, scripts=SCRIPTS[kind, lang.code], figure=kind == "page")
        assert esc(lang.short(tl.org)) in page, f"{page_name}: the organisation's name shows, escaped"
    org_url = tl.org.url
    shown = [p for p in rendered.values() if f'href="{esc(org_url)}"' in p]
    assert len(shown) == (6 if web_url(org_url) else 0), "the official site is a link on the pages and the landings"


def test_a_link_target_that_is_not_http_becomes_a_relative_path():
    assert href("javascript:alert(1)") == "javascript%3Aalert%281%29"
    assert href("testorg/testorg-all.ics") == "testorg/testorg-all.ics"
    assert href("https://example.org/a b") == "https%3A//example.org/a%20b"
    assert href("//evil.example/x").startswith("./")
    assert web_url(ACCEPTED) == ACCEPTED and not any(web_url(url) for url in URLS)


# JSON, CSV, terminal -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_json_keeps_the_data_exactly_and_validates(hostile, name):
    """timeline.json is data: every text as it is (control characters as JSON escapes), valid against its schema."""
    jsonschema = pytest.importorskip("jsonschema")
    tl = hostile(name).tl
    text = dump_json({"$schema": SCHEMA_FILE, **export(View(tl, FIXTURE_ASOF))})
    # C0 controls are JSON escapes; DEL and C1 are valid JSON as they are, and the build writes them so.
    assert controls(text, allowed="\n" + "".join(map(chr, range(0x7F, 0xA0)))) == []
    model = json.loads(text)
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(model)
    assert model["name"] == tl.org.name and model["url"] == tl.org.url
    assert [e["title"] for e in model["events"]] == [e.title for e in tl.events()]
    assert [s["url"] for s in model["sources"]] == [s.url for s in tl.org.sources_by_id.values()]
    assert model["rotations"][0]["basis"] == tl.org.rotations[0].basis


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_every_csv_cell_is_neutralised_and_nothing_is_lost(hostile, clean_counts, name):
    tl = hostile(name).tl
    for (content, count), expected in (
        (terms_csv(View(tl, FIXTURE_ASOF)), clean_counts.terms),
        (events_csv(tl), clean_counts.events),
    ):
        raw = content.decode("utf-8-sig")
        assert count == expected and controls(raw.replace("\r\n", ""), allowed="\t\n") == []
        rows = list(csv.DictReader(io.StringIO(raw, newline="")))
        assert len(rows) == expected
        for row in rows:
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_START), f"{column}: {cell[:40]!r}"
            assert all(web_url(url) for url in row["source_urls"].split("; ") if url)
    events = list(csv.DictReader(io.StringIO(events_csv(tl)[0].decode("utf-8-sig"), newline="")))
    for row, event in zip(events, tl.events(), strict=True):
        assert row["title"].removeprefix("'") == clean(event.title), "the title is all there"


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_terminal_lines_carry_no_control_character(hostile, name):
    tl = hostile(name).tl
    today = FIXTURE_TODAY
    office = tl.offices["secretary-general"]
    lines = [
        *terminal.chair_lines(View.of(tl, today), tl.chairs("2024"), "2024"),
        *terminal.chair_lines(View.of(tl, today), tl.chairs("2023"), "2023"),
        *terminal.forecast_lines(View.of(tl, today), tl.terms("council-chair", FIXTURE_HORIZON)[-4:], 3),
        terminal.office_label(tl, office, 2),
        *terminal.term_lines(View.of(tl, today), tl.terms("secretary-general")),
        *(terminal.event_line(View.of(tl, today), e, org=True) for e in tl.events()),
        *terminal.org_summary_lines([org_summary(tl, today)]),
        *terminal.audit_lines(audit_dict(tl, audit(tl, today)), strict=True),
        *terminal.held_lines("Gammaria", chairs_of([tl], "cc", Period(today.replace(year=2000))), today),
    ]
    for line in lines:
        assert controls(line, allowed="\t\n") == [], line[:80]
        assert REJECTED not in line
    assert any(clean(tl.org.short) in line for line in lines)


# In Chromium -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, fixture_tl) -> Iterator[str]:
    """A site of the organisation with every payload in every field: the build's layout, served over HTTP."""
    from tests.helpers.browser import serve
    from timeline.render.html.page import plotly_js, plotly_locale

    root = tmp_path_factory.mktemp("hostile")
    tl, _ = poisoned(fixture_tl, "every")
    sources = dict(tl.org.sources_by_id)  # one source a click opens, two it must not
    for ident, url in (("charter", URLS[0]), ("press-1", ACCEPTED), ("press-2", URLS[8])):
        sources[ident] = dataclasses.replace(sources[ident], url=url)
    tl = Timeline(dataclasses.replace(tl.org, url=ACCEPTED, sources_by_id=sources))
    (root / "plotly.min.js").write_text(plotly_js(), encoding="utf-8")
    (root / "testorg").mkdir()
    feeds = feeds_of(tl, base_url=None)
    for feed in feeds[:-1]:
        (root / "testorg" / feed.name).write_bytes(feed.content)
    (root / feeds[-1].name).write_bytes(feeds[-1].content)
    (root / "plotly-locale-ru.js").write_text(plotly_locale("ru"), encoding="utf-8")
    (root / "ru" / "testorg").mkdir(parents=True)
    built = pages(tl, feeds)
    for tag, lang in (("", EN), (" (ru)", RU)):
        (root / folder(lang) / "testorg" / "timeline.html").write_text(built["timeline" + tag], encoding="utf-8")
        (root / folder(lang) / "timeline.html").write_text(built["overview" + tag], encoding="utf-8")
        (root / folder(lang) / "index.html").write_text(built["landing, relative links" + tag], encoding="utf-8")
    with serve(root) as url:
        yield url


VISIBLE = [p for key, p in PAYLOADS.items() if key not in ("ical-lines", "tab", "esc", "bel", "nul", "del", "c1")]
VISIBLE = [p for p in VISIBLE if p.strip() and p not in (EVERY, PAYLOADS["10 kB"])]
"""Payloads a reader sees as they are (control characters are left out, white space folds)."""


class Visit:
    """One page in Chromium: dialogs, console errors and page errors, and every request it makes."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 2400})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.popups: list = []
        self.page.on("popup", lambda popup: self.popups.append(popup))
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            route.abort()

    def text(self) -> str:
        return " ".join(self.page.inner_text("body").split())

    def outside(self, site: str) -> list[str]:
        """The requests for anything but the site's own files."""
        return [url for url in self.requests if not url.startswith(site)]

    def accepted(self) -> str:
        """ACCEPTED as the browser writes it (percent-encoded)."""
        return self.page.evaluate("url => new URL(url).href", ACCEPTED)


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["testorg/timeline.html", "timeline.html", "ru/testorg/timeline.html", "ru/timeline.html"]
)
def test_in_chromium_the_timeline_pages_run_nothing_and_show_the_text(browser, hostile_site, path):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from tests.helpers.browser import BARS, MARKERS, READY

    v = Visit(browser, hostile_site + path)
    try:
        v.page.wait_for_selector(READY, timeout=30_000)
        # Room for the hovers: Plotly shows none taller than the figure, and every field here is ~250 characters.
        v.page.evaluate("() => Plotly.relayout('timeline-plot', {'xaxis.autorange': true, height: 1500})")
        v.page.wait_for_timeout(200)
        labels = []
        for selector in (BARS, MARKERS):
            for box in v.page.locator(selector).all()[:4]:
                shape = box.bounding_box()
                if not shape:
                    continue
                v.page.mouse.move(shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2)
                try:
                    hovered = v.page.wait_for_selector("#timeline-plot .hoverlayer .hovertext", timeout=500)
                    labels.append(hovered.text_content())
                except PlaywrightTimeout:
                    pass
                v.page.mouse.click(shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2)
        v.page.wait_for_timeout(500)
        accepted = v.accepted()
        text = v.text()
        legend = v.page.locator("#timeline-plot .legend").text_content()
        images = v.page.evaluate("() => document.querySelectorAll('img, iframe, object, embed').length")
        scripts = v.page.evaluate("() => document.scripts.length")
    finally:
        v.context.close()
    assert v.dialogs == [] and v.errors == []
    russian = path.startswith("ru/")
    own = {url for url in v.requests if url.startswith(hostile_site)}
    locale = {hostile_site + "plotly-locale-ru.js"} if russian else set()
    assert own == {hostile_site + "plotly.min.js", hostile_site + path, *locale}
    opened = v.outside(hostile_site)
    assert v.popups and set(opened) == {accepted}, "a click opens the http(s) source, and nothing else"
    assert images == 0 and scripts == SCRIPTS["page", "ru" if russian else "en"]
    for payload in VISIBLE:
        assert payload in text, f"{payload!r} shows literally in the tables"
    assert labels, "hovering shows the details"
    assert any("<script>alert(1)</script>" in label for label in labels), "a hover shows the markup as text"
    if "testorg/" in path:
        assert '"><img src=x onerror=alert(1)>' in legend


@pytest.mark.browser
@pytest.mark.parametrize(("path", "lang"), [("", EN), ("ru/", RU)], ids=["en", "ru"])
def test_in_chromium_the_landing_page_runs_only_its_own_script(browser, hostile_site, path, lang):
    v = Visit(browser, hostile_site + path)
    try:
        asof = v.page.locator("#asof").inner_text()
        webcal = v.page.eval_on_selector_all("a.webcal", "els => els.map(e => e.href)")
        copied = v.page.eval_on_selector_all("input.url", "els => els.map(e => e.value)")
        v.page.locator("#howto button.copy").click()
        v.page.wait_for_timeout(300)
        button = v.page.locator("#howto button.copy").text_content()
        text = v.text()
        images = v.page.evaluate("() => document.querySelectorAll('img, iframe, object, embed').length")
        hrefs = v.page.eval_on_selector_all("a", "els => els.map(e => e.href)")
        accepted = v.accepted()
    finally:
        v.context.close()
    assert v.dialogs == [] and v.errors == []
    today = lang("landing.script_now", today="", built="").split(",")[0]
    assert asof.startswith(f"{today}, "), "the page's own script ran under its Content-Security-Policy"
    assert webcal and all(link.startswith("webcal://127.0.0.1:") for link in webcal)
    assert copied and all(link.startswith("http://127.0.0.1:") for link in copied)
    assert button in (lang("landing.copied"), lang("landing.copy"))
    assert images == 0
    assert all(re.match(r"^(https?|webcal)://", link) for link in hrefs), hrefs
    assert accepted in hrefs, "the organisation's http(s) site is a link, its markup escaped"
    assert v.outside(hostile_site) == []
    for payload in VISIBLE:
        assert payload in text, f"{payload!r} shows literally"
