"""Large pages in Chromium: a page of more items than layout.WINDOW_ITEMS draws those near the range shown, every
item once the whole range is asked for, and the items of a range zoomed to later; hover works on them. The
Security Council's page (its states in one trace of each kind) draws every term and names its state on hover."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from tests.helpers.browser import READY, serve, write_site
from tests.helpers.dataset import FIXTURE_TODAY
from tests.helpers.facts import with_facts
from timeline.core.dates import PartialDate
from timeline.core.model import Event, EventStatus
from timeline.core.query import Timeline
from timeline.load import default_data_dir, load
from timeline.render.html.layout import WINDOW_ITEMS

pytestmark = pytest.mark.browser

EXTRA = WINDOW_ITEMS + 1000
FIRST = date(1950, 1, 1)
DRAWN_IDS = """() => {
  // The term or event id of every bar and marker drawn in the main plot (Plotly binds them with d3).
  const ids = [];
  const drawn = ['.barlayer .point path', '.scatterlayer .points path']
    .map((s) => `#timeline-plot .cartesianlayer ${s}`);
  for (const el of document.querySelectorAll(drawn.join(', '))) {
    const datum = el.__data__ && el.__data__.i !== undefined ? el.__data__ : el.parentNode.__data__;
    const trace = el.closest('.trace').__data__[0].trace;
    if (trace.meta !== 'key') {  // the key's entries draw nothing in the plot
      ids.push(datum && datum.i !== undefined && trace.customdata[datum.i] ? trace.customdata[datum.i][1] : null);
    }
  }
  return ids;
}"""
FIGURE_IDS = """(range) => {
  // The ids of the items of the page's figure (its JSON) that reach into the x range shown, or all with null.
  const fig = JSON.parse(document.getElementById('timeline-figure').textContent);
  const ms = (v) => {
    const s = String(v);
    return s.length <= 10 ? Date.parse(s) : Date.parse(s.replace(' ', 'T') + 'Z');
  };
  const shown = range && document.getElementById('timeline-plot')._fullLayout.xaxis.range.map(ms);
  const ids = [];
  for (const t of fig.data) {
    if (t.meta === 'key') { continue; }
    for (let i = 0; i < t.x.length; i++) {
      const lo = ms(t.type === 'bar' ? t.base[i] : t.x[i]), hi = t.type === 'bar' ? lo + t.x[i] : lo;
      if (!shown || (hi >= shown[0] && lo <= shown[1])) { ids.push(t.customdata[i][1]); }
    }
  }
  return ids;
}"""


def many_events(tl: Timeline, count: int) -> Timeline:
    """The fixture with `count` more council sessions, one every few days from 1950 on."""
    step = (date(2030, 1, 1) - FIRST).days / count
    events = tuple(
        Event(id=f"bulk-{i}", body="council", title=f"Bulk session {i}", kind="session",
              date=PartialDate.of(FIRST + timedelta(days=int(i * step))), status=EventStatus.HELD)
        for i in range(count)
    )  # fmt: skip
    return with_facts(tl, events=events)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, fixture_tl: Timeline) -> Iterator[str]:
    root = tmp_path_factory.mktemp("large")
    pages = {"big": many_events(fixture_tl, EXTRA), "unsc": load(default_data_dir(), "unsc")}
    write_site(root, pages, FIXTURE_TODAY)
    with serve(root) as url:
        yield url


@pytest.fixture
def page(browser, site):
    opened = []

    def open_(name: str):
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        errors: list[str] = []
        tab = context.new_page()
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(f"{site}{name}/timeline.html")
        tab.wait_for_selector(READY, timeout=60_000)
        opened.append((context, errors))
        return tab

    yield open_
    for context, errors in opened:
        context.close()
        assert errors == []


def drawn_ids(tab) -> list[str]:
    """The items drawn (a trace with no item in the window keeps one empty point, as the key's entries have)."""
    return [ident for ident in tab.evaluate(DRAWN_IDS) if ident is not None]


def relayout(tab, change: str, redraw: bool = True) -> None:
    """A zoom or pan as the page sees it (plotly_relayout), then (`redraw`) the page's redraw of the items near it."""
    redrawn = "() => Number(document.getElementById('timeline-plot').dataset.redrawn || 0)"
    before = tab.evaluate(redrawn)
    tab.evaluate(f"() => Plotly.relayout('timeline-plot', {change})")
    if redraw:
        tab.wait_for_function(f"() => ({redrawn})() > {before}", timeout=30_000)


def test_a_large_page_draws_the_items_of_the_range_shown_then_every_item(page):
    tab = page("big")
    every, shown = tab.evaluate(FIGURE_IDS, None), tab.evaluate(FIGURE_IDS, True)
    assert len(every) > EXTRA and 0 < len(shown) < len(every) // 4
    first = drawn_ids(tab)
    assert set(shown) <= set(first) and len(first) < len(every) // 2, "the items near the range, not all"
    relayout(tab, "{'xaxis.autorange': true}")
    assert sorted(drawn_ids(tab)) == sorted(every)
    relayout(tab, "{'xaxis.range': ['1960-01-01', '1964-12-31']}")
    later = drawn_ids(tab)
    assert "bulk-900" in tab.evaluate(FIGURE_IDS, True)
    assert set(tab.evaluate(FIGURE_IDS, True)) <= set(later) and len(later) < len(every) // 4


def test_hover_works_on_an_item_drawn_after_a_zoom(page):
    tab = page("big")
    relayout(tab, "{'xaxis.range': ['1961-12-01', '1962-01-31']}")  # bulk-900 about New Year 1962, alone
    box = tab.evaluate("""() => {
      for (const el of document.querySelectorAll('#timeline-plot .cartesianlayer .points path')) {
        const bound = el.closest('.trace').__data__, trace = bound && bound[0] && bound[0].trace;
        if (trace && ((trace.customdata || [])[el.__data__.i] || [])[1] === 'bulk-900') {
          const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2];
        }
      }
      return null;
    }""")
    assert box is not None
    tab.mouse.move(*box)
    label = tab.wait_for_selector("#timeline-plot .hoverlayer .hovertext", timeout=5_000)
    assert "Bulk session 900" in label.text_content()


LABELS = """() => [
  document.querySelectorAll('#timeline-plot .cartesianlayer .barlayer text.bartext').length,
  JSON.parse(document.getElementById('timeline-figure').textContent).data
    .reduce((n, t) => n + (t.text || []).filter((x) => x).length, 0),
]"""


def test_the_security_council_page_draws_every_term_labels_those_shown_and_names_the_states(page):
    tab = page("unsc")
    labelled, labels = tab.evaluate(LABELS)
    assert 0 < labelled < labels // 2, "labels on the bars near the range shown only"
    relayout(tab, "{'xaxis.autorange': true}")
    every = tab.evaluate(FIGURE_IDS, None)
    assert len(every) > 1000 and sorted(drawn_ids(tab)) == sorted(every)
    assert tab.evaluate(LABELS)[0] > labelled, "every label once everything is shown"
    relayout(tab, "{'xaxis.range': ['1951-01-01', '1954-12-31']}")
    assert 0 < tab.evaluate(LABELS)[0] < labelled and sorted(drawn_ids(tab)) == sorted(every)
    names = tab.evaluate("""() => document.getElementById('timeline-plot')._fullData
      .filter((t) => t.meta === 'terms' && t.legendgroup === 'state-all').map((t) => t.hovertext.join(' '))""")
    assert names and "United States" in " ".join(names), "one trace of all states, each bar's hover naming its state"


def test_a_trace_hidden_from_the_legend_stays_hidden_when_the_window_moves(page):
    tab = page("big")
    council = "() => document.getElementById('timeline-plot')._fullData.filter((t) => t.legendgroup === 'body-council')"
    tab.locator("#timeline-plot .legend .traces", has_text="Council").first.click()
    tab.wait_for_function(f"() => ({council})().every((t) => t.visible === 'legendonly')", timeout=5_000)
    relayout(tab, "{'xaxis.range': ['1961-12-01', '1962-01-31']}")
    assert set(tab.evaluate(f"() => ({council})().map((t) => t.visible)")) == {"legendonly"}
    assert not [i for i in drawn_ids(tab) if i.startswith("bulk-")]
