"""The timeline page in real headless Chromium (Debian's, never a downloaded one), served from a temp folder.

Loads with no console error and no request beyond its own files, draws a bar per term and a marker per
event, shows a bar's label on hover, opens a source on click, hides a legend entry's items on a click, places
today in the browser, fits a phone, and runs nothing from a name like `<img src=x onerror=alert(1)>`: in English
and in Russian (each test runs on both pages: `lang`), the Russian one with plotly.js's Russian locale.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from tests.helpers.browser import BARS, CHROMIUM_ARGS, LANGUAGES, MARKERS, READY, RU, serve, write_site
from tests.helpers.dataset import FIXTURE_ASOF, FIXTURE_HORIZON, FIXTURE_TODAY
from tests.helpers.facts import XSS, term, with_facts
from timeline.core.names import Names
from timeline.core.query import Timeline
from timeline.render.html import items as html_items
from timeline.render.html.languages import folder, relative, site_path
from timeline.render.html.page import PLOTLY_LOCALE, plotly_locale
from timeline.render.lang import EN, Language
from timeline.render.view import View

pytestmark = pytest.mark.browser  # every test drives Chromium

DRAWN = """([selector, metas, id]) => {
  // Each drawn point with its trace (Plotly binds them with d3); those of traces in `metas`, or the one of `id`.
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    const datum = el.__data__ && el.__data__.i !== undefined ? el.__data__ : el.parentNode.__data__;
    const trace = el.closest(".trace").__data__[0].trace;
    if (metas.includes(trace.meta) && (id === null || trace.customdata[datum.i][1] === id)) {
      const r = el.getBoundingClientRect();
      found.push([r.x + r.width / 2, r.y + r.height / 2]);
    }
  }
  return found;
}"""


def xss_timeline(tl: Timeline) -> Timeline:
    """The fixture with a chairmanship of Norland, whose name carries markup (its Russian name too: without one, CLDR
    would name the state of its id, 'no', Норвегия)."""
    from dataclasses import replace

    members = tuple(replace(m, names=Names(ru=m.name)) if m.id == "no" else m for m in tl.org.members)
    tl = Timeline(replace(tl.org, members=members))
    return with_facts(tl, terms=(term("chair-no", "council-chair", "no", "2005-01-01", "2006-01-01"),))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, fixture_tl: Timeline) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    write_site(root, {"testorg": fixture_tl, "xss": xss_timeline(fixture_tl)}, FIXTURE_TODAY, LANGUAGES)
    with serve(root) as url:
        yield url


@pytest.fixture(params=LANGUAGES, ids=[lang.code for lang in LANGUAGES])
def lang(request: pytest.FixtureRequest) -> Language:
    """Each test runs on the English page and on the Russian one."""
    return request.param


def own_files(site: str, lang: Language, path: str) -> list[str]:
    """What a page in `lang` loads: itself, plotly.js and, in a language plotly.js does not speak, its locale."""
    locale = [site + PLOTLY_LOCALE.format(code=lang.code)] if plotly_locale(lang.code) else []
    return sorted([site + "plotly.min.js", site + site_path(lang, path), *locale])


class Visit:
    """One page load, recording console errors, page errors, dialogs and every request."""

    def __init__(self, browser, url: str, **context) -> None:
        self.context = browser.new_context(**context)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)
        self.page.wait_for_selector(READY, timeout=30_000)

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            route.abort()

    def show_all(self) -> None:
        self.page.evaluate("() => Plotly.relayout('timeline-plot', {'xaxis.autorange': true})")
        self.page.wait_for_timeout(200)

    def drawn(self, selector: str, *metas: str, item: str | None = None) -> list[tuple[float, float]]:
        """The centres of the points drawn for traces of these roles (or of one item)."""
        return self.page.evaluate(DRAWN, [selector, list(metas), item])

    def hover(self, selector: str, meta: str, item: str) -> str:
        """Move the mouse onto the item's bar or marker and return the hover label's text."""
        ((x, y),) = self.drawn(selector, meta, item=item)
        self.page.mouse.move(x, y)
        label = self.page.wait_for_selector("#timeline-plot .hoverlayer .hovertext", timeout=5_000)
        return label.text_content()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, site, lang):
    """Opens a page (its English path) in the test's language."""
    visits: list[Visit] = []

    def open_(path: str = "testorg/timeline.html", **context) -> Visit:
        visits.append(Visit(browser, site + site_path(lang, path), **context))
        return visits[-1]

    yield open_
    for v in visits:
        v.close()


def test_loads_without_errors_or_requests_beyond_its_own_files(visit, site, lang):
    v = visit()
    assert v.errors == []
    assert sorted(v.requests) == own_files(site, lang, "testorg/timeline.html")
    assert v.page.evaluate("() => document.documentElement.lang") == lang.code


def test_plotly_speaks_the_page_s_language(visit, lang):
    """The mode bar's buttons say what they do in the page's language (plotly.js's locale for Russian)."""
    v = visit()
    titles = v.page.eval_on_selector_all("#timeline-plot .modebar-btn", "els => els.map(e => e.dataset.title)")
    assert ("Сдвиг" if lang is RU else "Pan") in titles and ("Pan" not in titles) == (lang is RU)
    assert not [t for t in titles if "Share" in t], "no upload button (plotly.js leaves it untranslated)"
    assert v.page.evaluate("() => document.getElementById('timeline-plot')._context.locale") == (
        lang.code if plotly_locale(lang.code) else "en-US"
    )


def test_draws_a_bar_per_term_and_a_marker_per_event(visit, fixture_tl):
    """Expected counts come from the model: bars = terms + uncertain stretches + event windows."""
    it = html_items.collect(View(fixture_tl, FIXTURE_ASOF))
    bars = len(it.bars) + sum(len(b.outer) for b in it.bars) + sum(m.is_window for m in it.events)
    markers = sum(not m.is_window for m in it.events) + len(it.attestations)
    v = visit()
    v.show_all()
    assert len(v.drawn(BARS, "terms", "uncertain", "windows")) == bars
    assert len(v.drawn(MARKERS, "events", "attested")) == markers


def test_hovering_a_bar_shows_its_label_and_details(visit, lang, fixture_tl):
    v = visit()
    v.show_all()
    text = v.hover(BARS, "terms", "chair-cc-2024")
    assert lang.name(fixture_tl.members["cc"]) in text and "Chairmanship of the Council" in text
    assert "Cyril Gammov" in text and f"{lang.day(date(2024, 1, 1))} – {lang.day(date(2024, 12, 31))}" in text
    assert lang("hover.chair", who="Cyril Gammov") in text


def test_a_click_on_a_legend_entry_hides_its_items_and_another_shows_them(visit, lang, fixture_tl):
    v = visit()
    name = lang.name(fixture_tl.members["cc"])
    visible = f"() => document.getElementById('timeline-plot')._fullData.filter(t => t.name === {name!r})" \
        ".map(t => t.visible)"  # fmt: skip
    assert set(v.page.evaluate(visible)) == {True}
    entry = v.page.locator("#timeline-plot .legend .traces", has_text=name).first
    entry.click()
    v.page.wait_for_function(f"() => ({visible})().every(x => x === 'legendonly')", timeout=5_000)
    v.page.wait_for_timeout(400)  # past Plotly's double-click window: the next click is a click of its own
    entry.click()
    v.page.wait_for_function(f"() => ({visible})().every(x => x === true)", timeout=5_000)
    assert v.errors == []


def test_clicking_an_event_opens_its_source_in_a_new_tab(visit):
    v = visit()
    v.show_all()
    ((x, y),) = v.drawn(MARKERS, "events", item="summer-2023")
    with v.context.expect_page() as popup:
        v.page.mouse.click(x, y)
    popup.value.wait_for_timeout(300)
    assert "https://example.org/tos/press/1?a=1&b=2" in v.requests, "the popup asked for the source"


def test_today_is_the_viewers_day_not_the_builds(visit):
    v = visit()
    shown = v.page.evaluate(
        "() => document.getElementById('timeline-plot').layout.shapes.find(s => s.name === 'today').x0"
    )
    assert shown != FIXTURE_TODAY.isoformat()
    assert date.fromisoformat(shown) in {date.today() + timedelta(days=d) for d in (-1, 0, 1)}


def test_fits_a_phone_without_sideways_scrolling(visit):
    v = visit(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    assert v.page.evaluate("() => document.documentElement.scrollWidth") <= 390
    width = v.page.evaluate("() => document.querySelector('#timeline-plot .main-svg').getBoundingClientRect().width")
    assert 300 <= width <= 390
    assert v.errors == []


def test_a_name_with_markup_shows_as_text_and_runs_nothing(visit):
    v = visit("xss/timeline.html")
    v.show_all()
    text = v.hover(BARS, "terms", "chair-no")
    assert XSS in text, "the markup is shown literally"
    legend = v.page.locator("#timeline-plot .legend").text_content()
    assert XSS in legend
    assert v.page.evaluate("() => document.querySelectorAll('#timeline-plot img').length") == 0
    v.page.wait_for_timeout(300)
    assert v.dialogs == [] and v.errors == []


def test_the_tables_sort_by_a_column_and_say_so(visit, lang):
    v = visit()
    table = v.page.locator("#terms-table")
    first = lambda: table.locator("tbody tr").first.locator("td").nth(2).get_attribute("data-sort")  # noqa: E731
    start = table.locator("th", has_text=lang("table.from"))
    start.locator("button").click()
    ascending = first()
    assert start.get_attribute("aria-sort") == "ascending"
    start.locator("button").click()
    assert start.get_attribute("aria-sort") == "descending"
    assert first() > ascending
    assert v.errors == []


def test_drawn_once_in_its_final_margins(visit):
    """The page settles Plotly's margins in a pass without items, then draws them: every trace ends visible, and
    the range buttons start at the plot's left edge (drawn in one pass, Plotly left them where the margin was)."""
    v = visit()
    visible = v.page.evaluate("() => document.getElementById('timeline-plot')._fullData.map(t => t.visible)")
    assert visible and set(visible) == {True}
    buttons = v.page.locator("#timeline-plot .rangeselector").bounding_box()
    plot = v.page.locator("#timeline-plot .cartesianlayer .bglayer rect, #timeline-plot .draglayer .nsewdrag").first
    assert abs(buttons["x"] - plot.bounding_box()["x"]) < 1
    assert v.errors == []


def test_the_plot_fits_the_page_once_the_tables_below_it_bring_a_scrollbar(browser, chromium, site, lang):
    """The script runs before the tables are read: in a window taller than the header and the plot, the tables
    bring a scrollbar (a real one: not hidden as headless does), and the plot is fitted to the narrower page."""
    fits = "() => { const d = document.getElementById('timeline-plot'); return d._fullLayout.width === d.clientWidth; }"
    shown = browser.browser_type.launch(
        executable_path=chromium, args=CHROMIUM_ARGS, ignore_default_args=["--hide-scrollbars"]
    )
    try:
        url = site + site_path(lang, "testorg/timeline.html")
        v = Visit(shown, url, viewport={"width": 1100, "height": 600})
        plot_bottom, page_height = v.page.evaluate(
            "() => [document.getElementById('timeline-plot').getBoundingClientRect().bottom + scrollY,"
            " document.documentElement.scrollHeight]"
        )
        v.close()
        assert page_height > plot_bottom + 200, "the tables make the page longer than the plot"
        v = Visit(shown, url, viewport={"width": 1100, "height": int(plot_bottom) + 100})
        assert v.page.evaluate("() => innerWidth - document.documentElement.clientWidth") > 0, "a scrollbar"
        v.page.wait_for_function(fits, timeout=5_000)
        assert v.page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert v.errors == []
        v.close()
    finally:
        shown.close()


def test_printing_shows_the_tables_not_the_chart(visit):
    v = visit()
    v.page.emulate_media(media="print")
    assert v.page.evaluate("() => getComputedStyle(document.getElementById('timeline-plot')).display") == "none"
    assert v.page.locator("#events-table").is_visible()


def test_the_overview_draws_a_bar_per_chairmanship_turn_of_every_organisation(visit, fixture_tl, site, lang):
    """The site's timeline.html: a lane per organisation, a bar per turn up to the horizon, a row per turn."""
    turns = len(fixture_tl.terms("council-chair", FIXTURE_HORIZON))
    xss = len(xss_timeline(fixture_tl).terms("council-chair", FIXTURE_HORIZON))  # Norland's extra turn
    v = visit("timeline.html")
    v.show_all()
    assert len(v.drawn(BARS, "terms")) == turns + xss
    assert v.page.locator("#chairs-table tbody tr").count() == turns + xss
    assert v.errors == [] and sorted(v.requests) == own_files(site, lang, "timeline.html")


def test_the_switch_leads_to_the_same_page_in_the_other_language_and_back(visit, site, lang):
    """The header's switch: the current language is not a link, the other is, to the counterpart (relative links,
    so the site could be served from any folder)."""
    other = RU if lang is EN else EN
    for path in ("testorg/timeline.html", "timeline.html"):
        v = visit(path)
        assert v.page.locator("nav.languages [aria-current=page]").text_content() == lang("switch.name")
        link = v.page.locator(f"nav.languages a[hreflang={other.code}]")
        assert link.get_attribute("href") == relative(site_path(lang, path), site_path(other, path))
        link.click()
        v.page.wait_for_selector(READY, timeout=30_000)
        assert v.page.url == site + site_path(other, path)
        assert v.page.evaluate("() => document.documentElement.lang") == other.code
        v.page.locator(f"nav.languages a[hreflang={lang.code}]").click()
        v.page.wait_for_selector(READY, timeout=30_000)
        assert v.page.url == site + site_path(lang, path) and v.errors == []
    assert folder(lang) == ("" if lang is EN else "ru/")
