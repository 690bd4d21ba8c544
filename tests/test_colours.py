"""A member state keeps its colour on every page and in both languages; one page never shows two states alike; a
bar's label reads on its bar (WCAG contrast of at least 4.5:1)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.dataset import FIXTURE_ASOF
from timeline.core.asof import AsOf
from timeline.load import default_data_dir, load
from timeline.render.html import colours
from timeline.render.html.figure import STYLES, figure_spec
from timeline.render.html.items import collect
from timeline.render.html.overview import overview_spec
from timeline.render.lang import EN, language
from timeline.render.view import SiteView, View

ORGS = ("csto", "cis", "eaeu", "unsc")
RU = language("ru")


@pytest.fixture(scope="module")
def bundled() -> dict:
    return {org: load(default_data_dir(), org) for org in ORGS}


def state_colours(spec: dict, view: View | None = None) -> dict[str, str]:
    """legendgroup 'state-<id>' -> the colour its term bars take, from a figure; in a trace of all states (a figure
    whose legend leaves them out) each bar's, its state found through its term (the view's)."""
    found: dict[str, set[str]] = {}
    states = {b.term.id: b.state or "none" for b in collect(view).bars} if view else {}
    for trace in spec["data"]:
        if trace.get("meta") == "terms" and trace["legendgroup"].startswith("state-"):
            colour = trace["marker"]["color"]
            if isinstance(colour, list):
                for each, (_, term) in zip(colour, trace["customdata"], strict=True):
                    found.setdefault(states[term], set()).add(each)
            else:
                found.setdefault(trace["legendgroup"].removeprefix("state-"), set()).add(colour)
    assert all(len(c) == 1 for c in found.values())
    return {state: c.pop() for state, c in found.items() if state != "none"}


def test_a_state_has_one_colour_on_every_page_and_in_both_languages(bundled):
    day = AsOf.on(date(2026, 12, 7))
    views = [View(tl, day, lang) for tl in bundled.values() for lang in (EN, RU)]
    pages = [state_colours(figure_spec(view), view) for view in views]
    pages.append(state_colours(overview_spec(SiteView(tuple(bundled.values()), day, EN))))
    russia = {page["ru"] for page in pages if "ru" in page}
    assert len([p for p in pages if "ru" in p]) >= 7 and len(russia) == 1


def test_no_two_states_of_a_page_share_a_colour_even_the_security_council_s(bundled):
    it = collect(View(bundled["unsc"], FIXTURE_ASOF))
    drawn = [it.colours[state] for state in it.states]
    assert len(it.states) > 100 and len(set(drawn)) == len(drawn)


def test_assign_takes_the_next_free_place_on_a_collision():
    first = "aa"
    clash = next(f"x{i}" for i in range(10_000) if colours.place(f"x{i}") == colours.place(first))
    found = colours.assign([first, clash])
    assert found[first] != found[clash] and colours.assign([first])[first] == colours.PALETTE[colours.place(first)]


def test_every_bar_label_contrasts_at_least_4_5_to_1(bundled):
    checked = 0
    for tl in bundled.values():
        for trace in figure_spec(View(tl, FIXTURE_ASOF))["data"]:
            if trace.get("meta") != "terms" or not any(trace.get("text", [])):
                continue
            opacity = trace["marker"].get("opacity", 1.0)
            fills, inks = trace["marker"]["color"], trace["textfont"]["color"]
            if isinstance(fills, str):  # one state's trace; else one of all states, a colour per bar
                fills, inks = [fills], [inks]
            for fill, ink, text in zip(fills, inks, trace["text"] * (len(fills) > 1) or [True], strict=True):
                if text:
                    assert colours.contrast(ink, colours.faded(fill, opacity)) >= 4.5, (tl.org.id, trace["name"])
                    checked += 1
    assert checked > 50
    assert {style["opacity"] for style in STYLES.values()} <= {0.35, 0.5, 0.75}


def test_black_or_white_reads_on_every_colour_of_the_palette():
    assert len(set(colours.PALETTE)) == colours.PALETTE_SIZE
    assert min(colours.contrast(colours.ink(c), c) for c in colours.PALETTE) >= 4.5
