"""The landing page with the 22 organisations the site grows to, on a phone (390×844 in headless Chromium): each
organisation's chair and its feed within one screen of scrolling beyond the first, in English and in Russian."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers.browser import CHROMIUM_ARGS, serve
from tests.helpers.many_orgs import ORGANISATIONS, many_feeds, many_timelines
from timeline.render.html.landing import render_landing
from timeline.render.lang import EN, language
from timeline.render.view import SiteView

PHONE = {"width": 390, "height": 844}
BOUND = 2 * PHONE["height"]
"""Issue 20: every organisation's chair and feed within one phone screen of scrolling beyond the first."""
TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def many_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("many")
    timelines = many_timelines()
    for lang in (EN, language("ru")):
        page = render_landing(SiteView.of(timelines, TODAY, lang), many_feeds(timelines))
        path = root / ("index.html" if lang is EN else "ru/index.html")
        path.parent.mkdir(exist_ok=True)
        path.write_text(page, "utf-8")
    return root


MEASURE = """() => [...document.querySelectorAll('li.org')].map(org => {
  const chair = org.querySelector('.chair .when:not([hidden])');
  const feed = org.querySelector('a.subscribe');
  return {id: org.id, chair: chair ? chair.innerText : '', feed: feed ? feed.href : '',
          feedShown: feed ? feed.getBoundingClientRect().height > 0 : false,
          bottom: Math.max(chair ? chair.getBoundingClientRect().bottom : 0,
                           feed ? feed.getBoundingClientRect().bottom : 0) + window.scrollY};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("folder", ["", "ru/"], ids=["en", "ru"])
def test_on_a_phone_every_chair_and_feed_of_22_organisations_is_within_two_screens(chromium, many_site, folder):
    from playwright.sync_api import sync_playwright

    with serve(many_site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE)
            page.clock.set_fixed_time(f"{TODAY.isoformat()}T12:00:00")
            page.goto(url + folder)
            rows = page.evaluate(MEASURE)
            width = page.evaluate("document.documentElement.scrollWidth")
            regions = page.eval_on_selector_all("section.region h2", "els => els.map(e => e.textContent)")
            page.fill("#find", "csto" if not folder else "одкб")
            shown = page.eval_on_selector_all("li.org:not([hidden])", "els => els.map(e => e.id)")
            page.fill("#find", "zzz")
            nomatch = page.locator("#nomatch").is_visible()
        finally:
            browser.close()
    assert sorted(row["id"] for row in rows) == sorted(org[0] for org in ORGANISATIONS)
    for row in rows:
        assert " → " in row["chair"], f"{row['id']}: who chairs now and who next"
        assert row["feed"].startswith("webcal://127.0.0.1:") and row["feed"].endswith(f"/{row['id']}-all.ics")
        assert row["feedShown"], row["id"]
    assert max(row["bottom"] for row in rows) <= BOUND, "the last chair and feed within one screen of scrolling"
    assert width <= PHONE["width"], "nothing wider than the phone"
    lang = language("ru") if folder else EN
    assert regions[0] == lang("region.global") and len(regions) == 7
    assert shown == ["csto"] and nomatch
