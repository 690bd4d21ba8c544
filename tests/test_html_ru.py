"""The pages in Russian (issue 13): the timeline page and the overview speak the page's language everywhere (the
`lang` attribute, titles and explanations, legend, lanes, range buttons, hovers, tables; names from the data's
Russian names or CLDR, dates from CLDR), plotly.js gets its Russian locale, and each page links to its counterpart.
English pages are unchanged but for that link (tests/test_html*.py keep their English expectations)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from tests.helpers.dataset import FIXTURE_ASOF, FIXTURE_TODAY
from tests.helpers.pages import figure_of, hover_of, traces
from timeline.render.html.figure import build_figure
from timeline.render.html.languages import relative, site_path, switch
from timeline.render.html.overview import render_overview
from timeline.render.html.page import plotly_js, plotly_locale, render_page, script_hash
from timeline.render.lang import EN, language
from timeline.render.lang import en as en_catalogue
from timeline.render.view import SiteView, View

RU = language("ru")
FEEDS = [("All events", "../../testorg/testorg-all.ics")]
PAGE_KEYS = ("switch.", "page.", "figure.", "hover.", "table.", "overview.", "landing.")
"""The catalogue's sections of the pages."""


def page_of(tl, lang=RU, **options) -> str:
    options = {"plotly_src": "../../plotly.min.js", "page": "testorg/timeline.html", **options}
    return render_page(View(tl, FIXTURE_ASOF, lang), feeds=FEEDS, built=FIXTURE_TODAY, **options)  # fmt: skip


@pytest.fixture(scope="module")
def fig(fixture_tl):
    return build_figure(View(fixture_tl, FIXTURE_ASOF, RU))


@pytest.fixture(scope="module")
def page(fixture_tl) -> str:
    return page_of(fixture_tl)


def english_phrases() -> Iterator[tuple[str, str]]:
    """(key, phrase): the pieces of the English catalogue's page words between placeholders and markup, of two words
    or more (a single word, 'Organisation', may be the data's)."""
    for key, value in en_catalogue.WORDS.items():
        if not key.startswith(PAGE_KEYS) or key == "switch.name":
            continue
        for form in value.values() if isinstance(value, dict) else [value]:
            for piece in re.split(r"\{[a-z_]+\}|<[^>]+>", form):
                if len(piece.strip(" .,:;()–—")) >= 10 and " " in piece.strip():
                    yield key, piece.strip()


def test_the_figure_speaks_russian(fixture_tl, fig):
    lanes = [a.text for a in fig.layout.annotations if a.yref == "y" and a.xref == "paper" and a.xanchor == "left"]
    assert lanes == ["<b>Сессии и заседания</b>", "<b>Chairmanship of the Council</b>", "<b>Генеральный секретарь</b>"]
    assert [b.label for b in fig.layout.xaxis.rangeselector.buttons] == ["10 лет", "25 лет", "всё"]
    assert [a.text for a in fig.layout.annotations if a.name == "today"] == ["сегодня"]
    names = [t.name for t in fig.data]
    assert {"Альфаленд", "Гаммария", "Государство не указано", "Прогноз по правилу ротации"} <= set(names)
    assert "Дата известна не до дня: показан весь возможный срок" in [t.name for t in traces(fig, "key")]
    assert "Совет глав государств" in [t.name for t in traces(fig, "events")]
    english = build_figure(View(fixture_tl, FIXTURE_ASOF))
    assert [(t.meta, t.customdata) for t in fig.data] == [(t.meta, t.customdata) for t in english.data], (
        "the same items, only their words change"
    )


def test_hovers_say_dates_names_statuses_and_caveats_in_russian(fig):
    term = hover_of(fig, "chair-cc-2024")
    for part in ("<b>Гаммария</b>", "Chairmanship of the Council", "1 января 2024 – 31 декабря 2024",
                 "Председатель: Cyril Gammov", "Источник (официальный): 20 января 2024: Press release: winter",
                 "Документ: TOS press release no. 2"):  # fmt: skip
        assert part in term, part
    projected = hover_of(fig, "council-chair-2025-01-01")
    assert "Прогноз по правилу ротации, а не записанный факт" in projected and "1 января 2025" in projected
    event = hover_of(fig, "summer-2023")
    for part in ("<b>Summer session, Minsk</b>", "Совет глав государств: сессия", "Минск, Беларусь",
                 "10 июля 2023, 10:00–13:30 по местному времени", "Статус: состоялось", "Решения (1):",
                 "Председатель: Альфаленд – Иван Иванов", "Щёлкните, чтобы открыть источник"):  # fmt: skip
        assert part in event, part
    planned = hover_of(fig, "autumn-2024")
    assert "4-й квартал 2024 (известно с точностью до квартала)" in planned
    assert "Статус: запланировано (объявлено 20 января 2024 на 4-й квартал 2024)" in planned
    assert "Статус: отменено" in hover_of(fig, "cancelled-2024")
    assert "Берлин" not in hover_of(fig, "berlin-summer-2024") and "Berlin, Германия" in hover_of(
        fig, "berlin-summer-2024"
    ), "a city without a Russian name keeps its own; its country is CLDR's"


def test_the_page_is_russian_with_the_org_s_russian_name_and_russian_dates(page):
    assert '<html lang="ru">' in page
    assert "<title>Тестовая организация государств: хронология председательства, должностей и сессий</title>" in page
    assert "Данные сверены с источниками по 1 июня 2024 · страница собрана 1 июня 2024" in page
    assert '<h2 id="feeds">Календарные подписки (1)</h2>' in page
    assert 'Официальный сайт: <a href="https://example.org/tos" rel="noopener">' in page
    assert '<a href="../../testorg/timeline.json">timeline.json</a>' in page, "the data beside the English page"
    tables = page.split('<section class="facts"')[1]
    for part in ("<caption>Сроки полномочий (", '<button type="button">Начало</button>', "<td>Гаммария (Cyril Gammov)",
                 '<td data-sort="2024-01-01">1 января 2024</td>', "<td>подтверждено</td>", "<td>прогноз</td>",
                 "<td>Совет глав государств</td>", "<td>Минск</td>", "<td>запланировано</td>",
                 '<td data-sort="2024-01-19">19 января 2024 – 20 января 2024</td>'):  # fmt: skip
        assert part in tables, part


def test_no_english_word_of_the_page_is_left_in_the_russian_one(page, fixture_tl):
    """Every phrase of the English catalogue's pages is gone from the Russian page (data stays as it is)."""
    overview = render_overview(SiteView((fixture_tl,), FIXTURE_ASOF, RU), feed=None)
    phrases = list(english_phrases())
    assert len(phrases) > 50
    for text in (page, overview):
        left = [(key, phrase) for key, phrase in phrases if phrase in text]
        assert left == []


def test_plotly_js_gets_its_russian_locale_beside_it_or_inlined(fixture_tl, page):
    assert re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page) == ["../../plotly.min.js", "../../plotly-locale-ru.js"]
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    inline = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(inline) == 3 and all(script_hash(s) in policy for s in inline)
    assert 'Plotly.setPlotConfig({ locale: "ru" })' in inline[0]
    alone = page_of(fixture_tl, plotly_src=None, page=None)
    assert "<script src=" not in alone and plotly_js() in alone and plotly_locale("ru") in alone
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', alone).group(1)
    assert all(script_hash(s) in policy for s in re.findall(r"<script>(.*?)</script>", alone, re.S))
    english = page_of(fixture_tl, lang=EN, plotly_src="../plotly.min.js")
    assert "locale" not in english.split('<script id="timeline-figure"')[0], "English is plotly.js's own"


def test_each_page_links_to_its_counterpart_the_current_one_not_a_link(fixture_tl, page):
    english = page_of(fixture_tl, lang=EN, plotly_src="../plotly.min.js")
    assert '<a href="../ru/testorg/timeline.html" hreflang="ru" lang="ru">Русский</a>' in english
    assert '<span lang="en" aria-current="page">English</span>' in english and 'hreflang="en"' not in english
    assert '<a href="../../testorg/timeline.html" hreflang="en" lang="en">English</a>' in page
    assert '<span lang="ru" aria-current="page">Русский</span>' in page
    assert '<nav class="languages" aria-label="Язык"' in page and 'aria-label="Language"' in english
    assert "<nav" not in page_of(fixture_tl, page=None), "a page that stands alone has no counterpart"


@pytest.mark.parametrize(
    ("page", "english", "russian"),
    [
        ("index.html", "ru/index.html", "../index.html"),
        ("timeline.html", "ru/timeline.html", "../timeline.html"),
        ("csto/timeline.html", "../ru/csto/timeline.html", "../../csto/timeline.html"),
    ],
)
def test_the_switch_links_are_relative_both_ways(page, english, russian):
    assert site_path(RU, page) == f"ru/{page}" and site_path(EN, page) == page
    assert relative(page, site_path(RU, page)) == english
    assert relative(site_path(RU, page), page) == russian
    assert f'href="{english}"' in switch(EN, page) and f'href="{russian}"' in switch(RU, page)


def test_the_overview_speaks_russian(fixture_tl):
    page = render_overview(
        SiteView((fixture_tl,), FIXTURE_ASOF, RU), feed=("Все", "../chairmanships.ics"),
        plotly_src="../plotly.min.js", built=FIXTURE_TODAY, page="timeline.html",
    )  # fmt: skip
    assert '<html lang="ru">' in page and "<title>Все председательства: хронология</title>" in page
    assert "Страница собрана 1 июня 2024 · красная пунктирная линия — сегодня" in page
    assert '<a href="../timeline.html" hreflang="en" lang="en">English</a>' in page
    assert re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page) == ["../plotly.min.js", "../plotly-locale-ru.js"]
    assert "<caption>Сроки председательства (" in page and "<td>Тестовая организация государств</td>" in page
    lanes = [a["text"] for a in figure_of(page)["layout"]["annotations"] if a.get("xanchor") == "left"]
    assert lanes == ["<b>Тестовая организация государств: Chairmanship of the Council</b>"]


# A built site ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(fixture_data, tmp_path_factory):
    """The fixture's site as `timeline build` writes it, without and with a base URL: (output folder, its files)."""
    from timeline.site.build import build_site

    found = {}
    for name, base in (("relative", None), ("absolute", "https://example.org/timeline/")):
        out = tmp_path_factory.mktemp(name) / "out"
        build_site(fixture_data, out, FIXTURE_TODAY, base_url=base)
        found[name] = (out, (out / ".timeline" / "current").resolve())
    return found


LINKS = re.compile(r'<nav class="languages"[^>]*>(.*?)</nav>|<script src="([^"]+)"', re.S)


@pytest.mark.parametrize("variant", ["relative", "absolute"])
def test_in_a_built_site_each_page_s_switch_and_scripts_lead_to_files_that_are_there(built, variant):
    """Every page, English and Russian, links to its counterpart, which links back; plotly.js and its locale are
    where the pages look for them; the same with or without --base-url (the links stay relative)."""
    _, root = built[variant]
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    assert pages == ["index.html", "ru/index.html", "ru/testorg/timeline.html", "ru/timeline.html",
                     "testorg/timeline.html", "timeline.html"]  # fmt: skip
    for page in pages:
        text = (root / page).read_text(encoding="utf-8")
        russian = page.startswith("ru/")
        assert f'<html lang="{"ru" if russian else "en"}">' in text
        (nav,) = [m.group(1) for m in LINKS.finditer(text) if m.group(1)]
        (target,) = re.findall(r'href="([^"]+)" hreflang="(?:en|ru)"', nav)
        counterpart = (root / page).parent.joinpath(target).resolve().relative_to(root).as_posix()
        assert counterpart == (page.removeprefix("ru/") if russian else f"ru/{page}")
        back = re.search(r'<nav class="languages"[^>]*>(.*?)</nav>', (root / counterpart).read_text("utf-8"), re.S)
        (home,) = re.findall(r'href="([^"]+)" hreflang=', back.group(1))
        assert (root / counterpart).parent.joinpath(home).resolve() == (root / page).resolve()
        scripts = [m.group(2) for m in LINKS.finditer(text) if m.group(2)]
        assert all((root / page).parent.joinpath(src).resolve().is_file() for src in scripts), page
        assert len(scripts) == (0 if page.endswith("index.html") else 2 if russian else 1)


def test_the_russian_pages_are_reused_with_their_part_and_come_out_the_same(fixture_data, tmp_path):
    """A rebuild on the same day takes the Russian pages from the published version with the rest of their part."""
    from timeline.site.build import build_site
    from timeline.site.unchanged import record_path

    out, steps = tmp_path / "out", []
    first = build_site(fixture_data, out, FIXTURE_TODAY)
    record_path(out.resolve()).unlink()  # not the whole site found unchanged at once (site.unchanged): part by part
    again = build_site(fixture_data, out, FIXTURE_TODAY, step=steps.append)
    assert steps and all(step.endswith("(unchanged)") for step in steps)
    russian = {path for path in first.site.contents if path.startswith("ru/")}
    assert {"ru/index.html", "ru/timeline.html", "ru/testorg/timeline.html", "ru/chairmanships.ics"} <= russian
    assert {p: again.site.contents[p] for p in russian} == {p: first.site.contents[p] for p in russian}


@pytest.mark.browser
def test_served_from_a_subfolder_the_switch_goes_both_ways(built, chromium, tmp_path):
    """The site served under /sub/: from the Russian landing page to the English one and back, and from the
    Russian timeline page to the English one, each drawn with no error."""
    from playwright.sync_api import sync_playwright

    from tests.helpers.browser import CHROMIUM_ARGS, READY, serve

    out, _ = built["relative"]
    (tmp_path / "sub").symlink_to(out, target_is_directory=True)
    with sync_playwright() as p, serve(tmp_path) as base:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page, errors = browser.new_page(), []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "sub/ru/index.html")
        page.locator("nav.languages a[hreflang=en]").click()
        page.wait_for_load_state("load")
        assert page.url == base + "sub/index.html" and page.locator("h1").text_content() == "Governance calendars"
        page.locator("nav.languages a[hreflang=ru]").click()
        page.wait_for_load_state("load")
        assert page.url == base + "sub/ru/index.html" and page.evaluate("document.documentElement.lang") == "ru"
        page.locator("li#testorg a.abbr").click()  # the row's name opens its timeline
        page.wait_for_selector(READY, timeout=30_000)
        assert page.url == base + "sub/ru/testorg/timeline.html"
        page.locator("nav.languages a[hreflang=en]").click()
        page.wait_for_selector(READY, timeout=30_000)
        assert page.url == base + "sub/testorg/timeline.html" and errors == []
        browser.close()


def test_timeline_html_lang_ru_writes_the_russian_page_alone(fixture_data, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from timeline.cli import app

    monkeypatch.setenv("TIMELINE_TODAY", "2024-03-15")
    target = tmp_path / "page.html"
    result = CliRunner().invoke(
        app, ["html", "--data", str(fixture_data), "--org", "testorg", "-o", str(target), "--lang", "ru"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Записано {target} (") and "plotly.js встроен" in result.output
    page = target.read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "страница собрана 15 марта 2024" in page
    assert "<script src=" not in page and plotly_locale("ru") in page, "plotly.js and its locale are inlined"
    assert "<nav" not in page, "a page alone has no counterpart to switch to"
    monkeypatch.setenv("TIMELINE_LANG", "ru")
    english = CliRunner().invoke(app, ["html", "--data", str(fixture_data), "-o", str(target), "--lang", "en"])
    assert english.exit_code == 0 and '<html lang="en">' in target.read_text(encoding="utf-8")
    russian = CliRunner().invoke(app, ["html", "--data", str(fixture_data), "-o", str(target)])
    assert russian.exit_code == 0 and '<html lang="ru">' in target.read_text(encoding="utf-8"), "TIMELINE_LANG"


@pytest.mark.parametrize("lang", [EN, RU], ids=["en", "ru"])
def test_the_landing_script_s_day_pattern_is_a_cldr_pattern_it_can_write(lang):
    """The pattern the landing page's script writes the viewer's day in: one Babel formats, with only the fields
    the script knows (English keeps the ISO day it always showed; Russian writes it as the page's other days)."""
    from babel.dates import format_date

    pattern = lang("landing.script_day")
    assert re.fullmatch(r"(y+|M{1,4}|L{1,4}|d{1,2}|[ .,/-])+", pattern), pattern
    day = date(2025, 3, 1)
    expected = "2025-03-01" if lang is EN else RU.day(day)
    assert format_date(day, pattern, locale=lang.code) == expected


@pytest.mark.parametrize("variant", ["relative", "absolute"])
def test_each_page_lists_the_feeds_in_its_language(built, variant):
    """The Russian pages list the Russian feeds (under ru/), with their Russian titles; the English pages the English
    ones; every feed link leads to a published file."""
    from html import escape as esc

    from icalendar import Calendar

    from timeline.render.ical.feeds import folder

    _, root = built[variant]
    for page in sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")):
        lang = RU if page.startswith("ru/") else EN
        text = (root / page).read_text(encoding="utf-8")
        links = {link for link in re.findall(r'href="([^"]+\.ics)"', text)}
        assert links, page
        for link in links:
            if "://" in link:  # --base-url: the published address, in https:// or webcal://
                target = root / link.split("://", 1)[1].removeprefix("example.org/timeline/")
            else:
                target = (root / page).parent / link
            path = target.resolve().relative_to(root).as_posix()
            assert path.startswith(folder(lang)) and (root / path).is_file(), (page, link)
            assert (lang is RU) == path.startswith("ru/"), (page, link)
    russian = (root / "ru" / "testorg" / "timeline.html").read_text("utf-8")
    title = str(Calendar.from_ical((root / "ru/testorg/testorg-all.ics").read_bytes())["X-WR-CALNAME"])
    english = (root / "testorg" / "timeline.html").read_text("utf-8")
    assert re.search("[а-я]", title) and esc(title) in russian and esc(title) not in english
