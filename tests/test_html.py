"""The timeline figure, built from the model without a browser: bars, markers, colours, styling, hovers, today."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date, datetime

import pytest

from tests.helpers.dataset import FIXTURE_ASOF, FIXTURE_HORIZON, FIXTURE_TODAY
from tests.helpers.facts import XSS, term, with_facts
from tests.helpers.pages import hover_of, traces
from timeline.core.asof import AsOf, projection_horizon
from timeline.core.dates import PartialDate
from timeline.core.model import Event, EventStatus, Term
from timeline.core.query import Timeline
from timeline.render.html import items as html_items
from timeline.render.html.figure import STYLES, build_figure
from timeline.render.html.items import NO_STATE
from timeline.render.lang import EN
from timeline.render.view import SiteView, View


def ids(fig, *metas: str) -> Counter:
    """How often each term or event id is drawn by traces of the given roles."""
    return Counter(point[1] for t in traces(fig, *metas) for point in t.customdata)


def expected_terms(tl: Timeline, today: date) -> list[Term]:
    horizon = projection_horizon(today)
    return [t for o in html_items.drawn_offices(tl) for t in tl.terms(o.id, horizon)]


@pytest.fixture(scope="module")
def fig(fixture_tl):
    return build_figure(View(fixture_tl, FIXTURE_ASOF))


def test_one_bar_per_term_recorded_and_projected(fixture_tl, fig):
    """Every term of every drawn office (projected ones included) is exactly one bar of a 'terms' trace."""
    terms = expected_terms(fixture_tl, FIXTURE_TODAY)
    assert any(t.is_projected for t in terms), "the fixture should project terms"
    assert ids(fig, "terms") == Counter(t.id for t in terms)


def test_national_offices_get_no_lane(fixture_tl, fig):
    """Heads of state are not the organisation's offices: no lane, no bar (they appear as chair persons)."""
    lanes = [a.text for a in fig.layout.annotations if a.yref == "y" and a.xref == "paper" and a.xanchor == "left"]
    assert lanes == ["<b>Sessions and meetings</b>", "<b>Chairmanship of the Council</b>", "<b>Secretary General</b>"]
    assert "bb-president-betov" not in ids(fig, "terms")


def test_one_marker_per_event_and_windows_for_imprecise_dates(fixture_tl, fig):
    """Events known to the day are markers; the 2024-Q4 session is a bar over the whole quarter, never a day."""
    events = fixture_tl.events()
    assert ids(fig, "events", "windows") == Counter(e.id for e in events)
    assert ids(fig, "windows") == Counter(e.id for e in events if not e.date.is_exact)
    (window,) = traces(fig, "windows")
    assert window.base == ("2024-10-01",)
    assert window.x == ((date(2025, 1, 1) - date(2024, 10, 1)).days * 86_400_000,)


def test_a_symbol_per_body_and_planned_or_cancelled_hollow(fixture_tl, fig):
    markers = traces(fig, "events")
    symbols = {t.legendgroup: {s.removesuffix("-open") for s in t.marker.symbol} for t in markers}
    assert all(len(s) == 1 for s in symbols.values()) and len({min(s) for s in symbols.values()}) == len(symbols)
    for t in markers:
        for (_, event_id), symbol in zip(t.customdata, t.marker.symbol, strict=True):
            held = fixture_tl.events_by_id[event_id].status is EventStatus.HELD
            assert symbol.endswith("-open") != held, event_id


def test_each_status_has_its_own_style_and_a_key_entry(fixture_tl, fig):
    """Recorded terms are plain; a rule's turns (projected here) are hatched and faded, a trace per style."""
    statuses = {t.id: t.status.value for t in fixture_tl.terms("council-chair", FIXTURE_HORIZON)}
    statuses |= {t.id: t.status.value for t in fixture_tl.org.terms}
    for t in traces(fig, "terms"):
        found = {statuses[term_id] for _, term_id in t.customdata}
        assert len(found) == 1, f"a trace mixes {found}"
        style = (t.marker.pattern.shape, t.marker.opacity) if t.marker.pattern.shape else ("", None)
        status = found.pop()
        expected = (STYLES[status]["shape"], STYLES[status]["opacity"]) if status in STYLES else ("", None)
        assert style == expected, t.name
    assert "projected" in statuses.values() and "Projected by the rotation rule" in [t.name for t in traces(fig, "key")]
    assert "Undetermined: the rule cannot name the holder yet" not in [t.name for t in traces(fig, "key")]


def test_undetermined_turns_are_grey_and_named_in_the_legend(fixture_tl):
    """A decided order that runs out leaves its later turns undetermined: drawn in grey, with a key entry."""

    from timeline.core.rotation.order import DecidedOrder

    rule = fixture_tl.org.rotations[1]
    tl = with_facts(fixture_tl, rotations=(fixture_tl.org.rotations[0], replace(rule, order=DecidedOrder(("cc",)))))
    fig = build_figure(View(tl, FIXTURE_ASOF))
    (grey,) = [t for t in traces(fig, "terms") if t.legendgroup == "undetermined"]
    assert grey.name == "Undetermined" and grey.marker.color == NO_STATE and grey.marker.pattern.shape == "x"
    assert "Undetermined: the rule cannot name the holder yet" in grey.hovertext[0]


def test_one_colour_per_state_the_same_in_every_lane(fixture_tl):
    """Betastan's chairmanship and a Secretary General from Betastan (he held its presidency) share a colour."""
    tl = with_facts(fixture_tl, terms=(term("sg-betov", "secretary-general", "bbpres", "2010-01-01", "2013-01-01"),))
    fig = build_figure(View(tl, FIXTURE_ASOF))
    colours = {}
    for t in traces(fig, "terms", "uncertain", "attested"):
        for _, term_id in t.customdata:
            colours.setdefault(t.legendgroup, set()).add(t.marker.color)
            assert t.legendgroup == ("state-bb" if term_id in {"sg-betov", "chair-bb-2023"} else t.legendgroup)
    assert all(len(c) == 1 for c in colours.values())
    states = [c for group, c in colours.items() if group != "state-none"]
    assert len({min(c) for c in states}) == len(states), "two states share a colour"
    rows = {y for t in traces(fig, "terms") if t.legendgroup == "state-bb" for y in t.y}
    assert len(rows) == 2, "Betastan should appear in two lanes"


def test_imprecise_start_is_drawn_over_its_whole_window(fixture_tl):
    """A term starting 'in 2010' is sure only from 31 Dec 2010; the year before is an uncertain stretch."""
    tl = with_facts(fixture_tl, terms=(term("sg-early", "secretary-general", "ivanov", "2010", "2012-01-01"),))
    fig = build_figure(View(tl, FIXTURE_ASOF))
    (bar,) = [(t, i) for t in traces(fig, "terms") for i, c in enumerate(t.customdata) if c[1] == "sg-early"]
    assert bar[0].base[bar[1]] == "2010-12-31"
    (stretch,) = [(t, i) for t in traces(fig, "uncertain") for i, c in enumerate(t.customdata) if c[1] == "sg-early"]
    assert stretch[0].base[stretch[1]] == "2010-01-01"
    assert stretch[0].x[stretch[1]] == 364 * 86_400_000
    assert stretch[0].marker.pattern.shape == "." and stretch[0].marker.opacity < 1


def test_overlapping_terms_of_one_office_get_separate_rows(fixture_tl):
    tl = with_facts(fixture_tl, terms=(term("sg-second", "secretary-general", "bbpres", "2022-01-01", "2024-01-01"),))
    fig = build_figure(View(tl, FIXTURE_ASOF))
    rows = {c[1]: t.y[i] for t in traces(fig, "terms") for i, c in enumerate(t.customdata)}
    assert rows["sg-second"] != rows["sg-ivanov"] and rows["sg-petrova"] == rows["sg-ivanov"]


def test_attested_terms_get_a_marker_per_attested_day(fixture_tl):
    tl = with_facts(fixture_tl, terms=(term("sg-seen", "secretary-general", "ccpres", None, attested=(
        PartialDate.parse("2015-03-01"), PartialDate.parse("2015-09-01")), end_unknown=True),))  # fmt: skip
    fig = build_figure(View(tl, FIXTURE_ASOF))
    (marks,) = traces(fig, "attested")
    assert marks.x == ("2015-03-01", "2015-09-01") and marks.legendgroup == "state-cc"
    assert "start not recorded (in office on 1 Mar 2015, 1 Sep 2015)" in marks.hovertext[0]
    assert [a.text for a in fig.layout.annotations if a.x == "2015-09-01"] == ["Cyril Gammov"]


def test_hover_of_a_term_says_who_when_status_and_source(fig):
    text = hover_of(fig, "chair-cc-2024")
    parts = ["<b>Gammaria</b>", "Chairmanship of the Council", "1 Jan 2024 – 31 Dec 2024", "Chair: Cyril Gammov",
             "Source (official): 20 Jan 2024: Press release: winter session",
             "Document: TOS press release no. 2"]  # fmt: skip
    for part in parts:
        assert part in text, part
    projected = hover_of(fig, "council-chair-2025-01-01")
    assert "Projected by the rotation rule" in projected and "1 Jan 2025 – 31 Dec 2025" in projected


def test_hover_of_an_event_says_what_when_where_status_decisions_source(fig):
    text = hover_of(fig, "summer-2023")
    for part in ("<b>Summer session, Minsk</b>", "Council of Heads of State: session", "10 Jul 2023, 10:00–13:30",
                 "Minsk, Belarus", "Status: held", "Decisions (1):", "Budget for 2024; approved",
                 "Chair: Alphaland – Ivan Ivanov", "&amp; more", "Click to open the source"):  # fmt: skip
        assert part in text, part
    planned = hover_of(fig, "autumn-2024")
    assert "Q4 2024 (known to the quarter)" in planned
    assert "Status: planned (announced on 20 Jan 2024 for Q4 2024)" in planned
    assert "Status: cancelled" in hover_of(fig, "cancelled-2024")


def test_a_click_opens_only_web_sources(fig):
    links = {c[1]: c[0] for t in fig.data if t.customdata for c in t.customdata}
    assert links["summer-2023"] == "https://example.org/tos/press/1?a=1&b=2"
    assert links["winter-2024"] is None, "press-2 has only a document reference"


def test_today_line_and_opening_window(fig):
    (line,) = [s for s in fig.layout.shapes if s.name == "today"]
    assert line.x0 == line.x1 == FIXTURE_TODAY.isoformat()
    assert fig.layout.meta["today"] == FIXTURE_TODAY.isoformat()
    start, end = (date.fromisoformat(d) for d in fig.layout.xaxis.range)
    assert start < FIXTURE_TODAY < end and 9 <= (end - start).days / 365 <= 11
    assert [b.label for b in fig.layout.xaxis.rangeselector.buttons] == ["10 years", "25 years", "all"]
    assert fig.layout.xaxis.rangeslider.visible


def test_text_from_the_data_is_escaped(fixture_tl):
    """A state named with markup shows it as text: no raw '<img' reaches labels, hovers or the legend."""
    tl = with_facts(fixture_tl, terms=(term("chair-no", "council-chair", "no", "2005-01-01", "2006-01-01"),),
                    events=(Event(id="xss", body="council", title=f"Talks {XSS}", date=PartialDate.parse("2005-05-05"),
                                  note=XSS, sources=("charter",)),))  # fmt: skip
    fig = build_figure(View(tl, FIXTURE_ASOF))
    dump = json.dumps(fig.to_plotly_json())
    assert "<img" not in dump and "onerror=alert(1)&gt;" in dump
    assert "Norland &lt;img src=x onerror=alert(1)&gt;" in [t.name for t in fig.data]
    assert "Talks &lt;img" in hover_of(fig, "xss")


def test_same_data_same_figure(fixture_tl):
    a = build_figure(View(fixture_tl, FIXTURE_ASOF)).to_json()
    assert a == build_figure(View(fixture_tl, FIXTURE_ASOF)).to_json()


def test_csto_figure_draws_every_term_and_event(csto):
    """Counts come from the model (the CSTO data grows), not from constants."""
    today = csto.org.data_date.earliest
    fig = build_figure(View.of(csto, today))
    assert ids(fig, "terms") == Counter(t.id for t in expected_terms(csto, today))
    assert ids(fig, "events", "windows") == Counter(e.id for e in csto.events())


def test_building_the_module_does_not_import_plotly_until_called():
    code = "import sys, timeline.render.html.figure, timeline.render.html.page; print('plotly' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


@pytest.mark.parametrize("code", ["en", "ru"])
def test_the_page_s_unvalidated_figure_is_the_validated_one(fixture_tl, code):
    """The pages write figure_spec and overview_spec without plotly's validation; through go.Figure (which raises on
    any property plotly.js does not know) they give the same JSON, plotly's default template included. On the
    fixture and on the bundled organisations, in both languages."""
    import plotly.io as pio

    from timeline.load import load_many
    from timeline.render.html.figure import figure_spec
    from timeline.render.html.overview import build_overview_figure, overview_spec
    from timeline.render.lang import language

    lang, today = language(code), date(2026, 11, 26)
    bundled = load_many(None, None)
    cases = [(fixture_tl, FIXTURE_TODAY, FIXTURE_HORIZON), *((tl, today, projection_horizon(today)) for tl in bundled)]
    for tl, day, horizon in cases:
        spec = figure_spec(View(tl, AsOf(day, horizon), lang))
        validated = build_figure(View(tl, AsOf(day, horizon), lang))
        assert json.loads(pio.to_json(spec, validate=False)) == json.loads(validated.to_json()), tl.org.id
        assert spec["layout"]["template"]["layout"], "the default template, as go.Figure adds it"
    horizon = projection_horizon(today)
    spec = overview_spec(SiteView(tuple(bundled), AsOf(today, horizon), lang))
    validated = build_overview_figure(SiteView(tuple(bundled), AsOf(today, horizon), lang))
    assert json.loads(pio.to_json(spec, validate=False)) == json.loads(validated.to_json())


def test_figure_json_writes_what_plotly_s_encoder_writes_without_escapes():
    """The pages' JSON is written without plotly's encoder (costly to import), to the same values: dates in ISO form,
    a NaN or an infinity as null; and Cyrillic as UTF-8, not as escapes."""
    from _plotly_utils.utils import PlotlyJSONEncoder

    from timeline.render.html.page import figure_json

    spec = {"x": [date(2024, 1, 2), datetime(2024, 1, 2, 3, 4)], "y": [1.5, float("nan"), float("-inf")], "t": "Минск"}
    written = figure_json(spec)
    assert json.loads(written) == json.loads(json.dumps(spec, cls=PlotlyJSONEncoder))
    assert json.loads(written)["y"] == [1.5, None, None] and "Минск" in written
    assert json.loads(figure_json({"x": [1, 2]})) == {"x": [1, 2]}
    with pytest.raises(TypeError, match="a figure holds a set"):
        figure_json({"x": {1}})


def test_plotly_s_template_is_asked_for_where_its_file_is_not_found(monkeypatch):
    """The default template is read from the file plotly ships; a plotly that keeps it elsewhere is asked."""
    import plotly.io as pio

    from timeline.render.html import figure

    assert figure._shipped_template() is not None
    shipped = figure.default_template()
    figure._template_text.cache_clear()
    monkeypatch.setattr(figure, "_shipped_template", lambda: None)
    try:
        assert figure.default_template() == shipped == pio.templates["plotly"].to_plotly_json()
    finally:
        figure._template_text.cache_clear()


def test_the_overview_draws_each_timeline_it_is_given_even_two_of_one_organisation(fixture_tl):
    """render_overview as a library call: each timeline of the view is its own lane and rows, even when two are of
    the same organisation (the build keeps what it worked out by organisation id; a caller's view may not)."""
    from timeline.render.html.overview import collect, render_overview

    more = with_facts(fixture_tl, terms=(term("chair-extra", "council-chair", "no", "2005-01-01", "2006-01-01"),))
    site = SiteView((fixture_tl, more), FIXTURE_ASOF)
    turns = len(fixture_tl.terms("council-chair", FIXTURE_HORIZON))
    assert len(collect(site).bars) == 2 * turns + 1
    page = render_overview(site, feed=None)
    caption = page.split('id="chairs-table"><caption>')[1].split("</caption>")[0]
    assert caption == EN("table.chairs_caption", n=2 * turns + 1)
