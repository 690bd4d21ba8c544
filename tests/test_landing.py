"""The landing page, in English and in Russian: what it says without scripts, escaping, its links, and in headless
Chromium over `timeline serve`."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.helpers.serving import serving, timeline
from timeline.core.asof import AsOf
from timeline.load import load
from timeline.render.html.landing import render_landing
from timeline.render.lang import EN, Language, language
from timeline.render.view import SiteView

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
BUILT = date(2024, 6, 1)


class Visible(HTMLParser):
    """The text a browser without scripts shows (elements with `hidden` left out), and the links."""

    VOID = frozenset({"meta", "link", "input", "br", "img"})

    def __init__(self) -> None:
        super().__init__()
        self.hidden_depth, self.stack, self.text, self.links = 0, [], [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        hidden = "hidden" in dict(attrs) or tag in ("script", "style")
        self.stack.append(hidden)
        self.hidden_depth += hidden
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.hidden_depth -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.text.append(data)


def visible(page: str) -> str:
    parser = Visible()
    parser.feed(page)
    return re.sub(r"\s+", " ", "".join(parser.text))


RU = language("ru")


def landing(tl, today: date = BUILT, base_url: str | None = None, lang: Language = EN, **options) -> str:
    feeds = [SimpleNamespace(name="testorg-all.ics", title="TOS — Everything", description="All.", events=3)]
    view = SiteView((tl,), AsOf(today, date(today.year + 5, 1, 1)), lang)
    return render_landing(view, {tl.org.id: feeds}, base_url=base_url, **options)


def test_without_scripts_it_shows_the_build_day_and_says_so(fixture_tl):
    text = visible(landing(fixture_tl))
    assert "as of 1 Jun 2024, the day this site was built" in text
    assert "Gammaria — Cyril Gammov · 1 Jan 2024 – 31 Dec 2024" in text
    assert "Gammaria → Alphaland (projected) from 1 Jan 2025" in text, "the row says who chairs now and who next"
    chairs = text.split("Who chairs now")[-1].split("Next sessions")[0]
    assert "Alphaland" not in chairs, "only the chair on the build day is shown"
    assert "Secretary General: Maria Petrova" in text
    assert "Ministers' meeting in Berlin" in text and "Q4 2024 — CHS: Autumn session, Minsk · planned" in text
    assert "Winter session" not in text, "past sessions are not 'next'"


def test_the_page_lists_every_later_chair_for_the_viewer_s_script(fixture_tl):
    page = landing(fixture_tl)
    assert re.search(r'data-start="2025-01-01" data-end="2026-01-01" hidden><strong>Alphaland</strong>', page)


def test_text_from_data_is_escaped(data_copy):
    members = data_copy / "testorg" / "members.yaml"
    members.write_text(members.read_text("utf-8").replace("Gammaria", "<script>alert(1)</script>"), "utf-8")
    offices = data_copy / "testorg" / "offices.yaml"
    offices.write_text(offices.read_text("utf-8").replace("name: Secretary General", 'name: "S\\"G <b>"'), "utf-8")
    page = landing(load(data_copy, "testorg"))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page and "S&quot;G &lt;b&gt;" in page


def test_content_security_policy_lets_only_the_page_s_own_script_run(fixture_tl):
    """The landing page's one script runs by its hash; nothing inline or from elsewhere could."""
    from timeline.render.html.page import script_hash

    page = landing(fixture_tl)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert re.search(r"script-src 'sha256-[^']+';", policy) and script_hash(script) in policy
    assert "default-src 'none'" in policy and "base-uri 'none'" in policy and "form-action 'none'" in policy
    assert not re.search(r"\son[a-z]+=", page), "no inline event handler"


def test_only_an_http_official_site_is_a_link(fixture_tl):
    from dataclasses import replace

    from timeline.core.query import Timeline

    for url in ("javascript:alert(1)", "data:text/html,x", "https://example.org/\r\nx"):
        page = landing(Timeline(replace(fixture_tl.org, url=url)))
        assert "official site" not in page and url not in page
    assert '<a href="https://example.org/tos" rel="noopener">official site</a>' in landing(fixture_tl)


def test_links_are_relative_without_base_url_and_absolute_with_it(fixture_tl):
    relative = landing(fixture_tl)
    assert 'class="webcal" href="testorg/testorg-all.ics"' in relative
    assert "--base-url" not in relative, "notes for the operator go to the build's output"
    absolute = landing(fixture_tl, base_url="https://example.org/cal")
    assert 'href="webcal://example.org/cal/testorg/testorg-all.ics"' in absolute
    assert 'value="https://example.org/cal/testorg/testorg-all.ics"' in absolute
    assert "relative" not in visible(absolute)
    for app in ("Google Calendar", "Apple Calendar", "Outlook", "Thunderbird"):
        assert app in absolute


def test_in_russian_without_scripts_it_says_everything_in_russian(fixture_tl):
    page = landing(fixture_tl, lang=RU)
    text = visible(page)
    assert '<html lang="ru">' in page and "<title>Календари председательств и сессий — " in page
    assert "«сейчас» — 1 июня 2024 — день сборки сайта" in text
    assert (
        "Кто председательствует сейчас" in text and "Гаммария — Cyril Gammov · 1 января 2024 – 31 декабря 2024" in text
    )
    assert "Гаммария → Альфаленд (прогноз) с 1 января 2025" in text
    chairs = text.split("Кто председательствует сейчас")[-1].split("Ближайшие сессии")[0]
    assert "Альфаленд" not in chairs, "only the chair on the build day is shown"
    assert "Генеральный секретарь: Мария Петрова" in text
    assert "4-й квартал 2024 — Совет глав государств: Autumn session, Минск · запланировано" in text
    assert (
        '<span class="full">Тестовая организация государств</span>' in page
        and '<p lang="en">Test Organisation of States</p>' in page
    )
    assert (
        "3 события" in text and "Копировать ссылку" in text and "Данные сверены с источниками по 1 июня 2024." in text
    )
    for app in ("Google Календарь", "Календарь Apple", "Outlook", "Thunderbird"):
        assert app in text
    words = re.search(r'<script id="landing-words" type="application/json">(.*?)</script>', page).group(1)
    assert json.loads(words) == {
        "copied": "Скопировано",
        "day": "d MMMM y",
        "now": "сегодня, {today} (сайт собран {built})",
    }


def test_the_russian_landing_page_links_up_to_the_shared_files_and_to_its_own_feeds(fixture_tl):
    """ru/index.html: the Russian timelines beside it, the downloads one folder up, the Russian feeds beside it
    (ru/testorg/…), and absolute links with a base URL."""
    page = landing(fixture_tl, lang=RU)
    assert '<a class="timeline" href="testorg/timeline.html">' in page and 'href="timeline.html"' in page
    assert '<a href="../testorg/timeline.json">JSON</a>' in page and 'href="../testorg/events.csv"' in page
    assert 'class="webcal" href="testorg/testorg-all.ics"' in page and "../testorg/testorg-all.ics" not in page
    assert '<a href="../index.html" hreflang="en" lang="en">English</a>' in page
    absolute = landing(fixture_tl, base_url="https://example.org/cal", lang=RU)
    assert 'href="webcal://example.org/cal/ru/testorg/testorg-all.ics"' in absolute
    assert 'class="subscribe" href="webcal://example.org/cal/ru/testorg/testorg-all.ics"' in absolute
    english = landing(fixture_tl)
    assert '<a href="ru/index.html" hreflang="ru" lang="ru">Русский</a>' in english
    assert landing(fixture_tl, lang=EN) == english, "English is the default"


# In Chromium ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(fixture_data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("landing") / "out"
    result = timeline("build", "--data", str(fixture_data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def open_page(chromium: str, url: str, viewer_day: str | None = None):
    """Load `url` in headless Chromium; returns (playwright, browser, page, console problems)."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    if viewer_day:
        page.clock.set_fixed_time(f"{viewer_day}T12:00:00")
    page.goto(url)
    return playwright, browser, page, problems


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize("folder", ["", "ru/"], ids=["en", "ru"])
def test_in_chromium_no_console_errors_and_every_subscribe_link_resolves(chromium, site, folder):
    with serving(site) as server:
        playwright, browser, page, problems = open_page(chromium, f"{server.url}/{folder}")
        try:
            webcal = page.eval_on_selector_all("a.webcal", "els => els.map(e => e.href)")
            rows = page.eval_on_selector_all("a.subscribe", "els => els.map(e => e.href)")
            https = page.eval_on_selector_all("a.https", "els => els.map(e => e.href)")
            copied = page.eval_on_selector_all("input.url", "els => els.map(e => e.value)")
            others = page.eval_on_selector_all("a.timeline, section a[href$='.json'], section a[href$='.csv'], nav a",
                                               "els => els.map(e => e.href)")  # fmt: skip
            lang = RU if folder else EN
            page.locator("#howto button.copy").click()
            assert page.locator("#howto button.copy").text_content() in (lang("landing.copied"), lang("landing.copy"))
            page.locator("a.timeline").first.click()  # the timeline page loads plotly.js from the site root
            page.wait_for_load_state("load")
            assert page.evaluate("typeof Plotly") == "object"
            assert page.evaluate("document.documentElement.lang") == lang.code
        finally:
            browser.close()
            playwright.stop()
        assert problems == []
        feeds = len(list(site.glob(f"{folder}testorg/*.ics"))) + len(list(site.glob(f"{folder}*.ics")))
        assert len(webcal) == len(https) == len(copied) == feeds  # each organisation's and every chairmanship's
        here = f"webcal://{server.url.removeprefix('http://')}/{folder}"  # the feeds in the page's language
        assert all(link.startswith((f"{here}testorg/", f"{here}chairmanships.ics")) for link in webcal)
        assert copied == https
        assert rows and set(rows) <= set(webcal), "each row's subscribe link is one of the feeds"
        for link in [*webcal, *https, *others]:
            url = re.sub(r"^webcal:", "http:", link)
            with urllib.request.urlopen(url, timeout=30) as response:
                assert response.status == 200
                relative = url.removeprefix(server.url + "/")
                assert response.read() == (site / relative).read_bytes()


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize(
    ("folder", "chair", "gone", "today", "none"),
    [
        ("", "Alphaland", "Gammaria", "today, 2025-03-01 (this site was built on 2024-06-01)",
         "No session is recorded for the days ahead."),
        ("ru/", "Альфаленд", "Гаммария", "сегодня, 1 марта 2025 (сайт собран 1 июня 2024)",
         "Предстоящих сессий не записано."),
    ],
    ids=["en", "ru"],
)  # fmt: skip
def test_in_chromium_now_is_the_viewer_s_day(chromium, site, folder, chair, gone, today, none):
    """A page built on 1 June 2024 and viewed on 1 March 2025 shows the 2025 chair and says 'today' (in Russian, the
    days as CLDR writes them, by the browser's Intl: what the page writes itself)."""
    with serving(site) as server:
        playwright, browser, page, problems = open_page(chromium, f"{server.url}/{folder}", viewer_day="2025-03-01")
        try:
            row = page.locator("li#testorg .chair").inner_text()
            page.locator("li#testorg > details > summary").click()
            chairs = page.locator("li#testorg ul.timed").first.inner_text()
            asof = page.locator("#asof").inner_text()
            upcoming = page.locator("li#testorg ol.upcoming").inner_text()
        finally:
            browser.close()
            playwright.stop()
    assert problems == []
    assert chair in chairs and gone not in chairs
    now = row.split(" → ")[0]
    assert chair in now and gone not in now, "the row's 'now' is the viewer's"
    assert asof == today
    assert none in upcoming and "Autumn session" not in upcoming
    if folder:
        assert RU.day(date(2025, 3, 1)) in asof and RU.day(date(2024, 6, 1)) in asof


def test_the_build_tells_its_operator_about_relative_links_and_the_page_does_not(fixture_data, tmp_path):
    result = timeline("build", "--data", str(fixture_data), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Built without --base-url" in result.stdout
    assert "--base-url" not in (tmp_path / "out" / "index.html").read_text("utf-8")
    fixed = timeline(
        "build", "--data", str(fixture_data), "--out", str(tmp_path / "out"), "--base-url", "https://e.org"
    )
    assert "Built without --base-url" not in fixed.stdout


def test_a_handover_known_only_to_the_month_still_names_who_comes_next():
    """A chair whose end is a session expected 'about Dec 2026' is followed by the turn after it (not 'no successor
    recorded'), and each day shows one answer."""
    import re
    from datetime import date

    from timeline.core.asof import projection_horizon
    from timeline.load import default_data_dir, load
    from timeline.render.html.landing_rows import now_and_next
    from timeline.render.lang import EN

    today = date(2026, 12, 7)
    for org, now, following in (("gcc", "Bahrain", "undetermined"), ("au", "Burundi", "Western Africa")):
        html = now_and_next(load(default_data_dir(), org), projection_horizon(today), today, EN)
        shown = [span for span in re.findall(r'<span class="when"([^>]*)>(.*?)</span>(?=<span|$)', html)]
        visible = [text for attrs, text in shown if "hidden" not in attrs]
        assert len(visible) == 1, visible
        assert now in visible[0] and following in visible[0] and "no successor" not in visible[0]


def test_each_row_names_its_next_session_first_on_its_second_line():
    """A reader sees the next session of each organisation without unfolding its row: the G20's Miami summit (14 Dec
    2026) on the build day; an organisation with no session ahead says nothing there."""
    from datetime import date

    from timeline.load import default_data_dir, load
    from timeline.render.html.landing_rows import next_session
    from timeline.render.lang import EN

    today = date(2026, 12, 7)
    shown = next_session(load(default_data_dir(), "g20"), today, EN)
    assert '<span class="when" data-end="2026-12-16">next session 14 Dec 2026</span>' in shown
    assert next_session(load(default_data_dir(), "nordic"), today, EN) == ""
