"""What a build asks the renderers for: one organisation's files in the site's languages (`render_org`), and the
site-wide feed of every chairmanship with the overview pages (`render_all_chairmanships`), each with the feed
states they read back from the published site. site.build decides which parts are rendered and publishes them."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.render.lang import CODES, EN, Language, folder, language
from timeline.site import pieces
from timeline.site.dumps import dump_json, dump_records, dump_state
from timeline.site.files import Site

if TYPE_CHECKING:
    from timeline.render.view import SiteView, View

STATE_FILE = "feed-state.json"
Step = Callable[[str], None]


def previous_state(out: Path, org: str) -> dict | None:
    """The feed state the last build left in the output folder for an organisation ("" for the site-wide feed);
    None for a first build."""
    try:
        state = json.loads((out / org / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def published_feeds(out: Path, org: str):
    """A reader of the feeds as last published in the output folder (for the text of what a build withdraws)."""

    def read(name: str) -> bytes | None:
        try:
            return (out / org / name).read_bytes() if "/" not in name and name.endswith(".ics") else None
        except OSError:
            return None

    return read


def render_org(
    site: Site,
    view: View,
    *,
    epoch: datetime | None,
    base_url: str | None,
    out: Path,
    previous: dict | None,
    step: Step,
    built: dict,
    langs: list[Language] | None = None,
) -> tuple[dict[str, list], dict | None]:
    """Add the view's organisation's files to the site, in every language or in `langs` (the view's day and horizon;
    the JSON and CSV files with English); returns its feeds in each language (by code) and the English feeds' new
    state (None without English; `built` collects its term VEVENTs)."""
    from timeline.render.export import tables
    from timeline.render.export.model import export
    from timeline.render.export.schema import SCHEMA_FILE, schema
    from timeline.render.html import languages
    from timeline.render.html.page import render_page
    from timeline.render.ical.feeds import org_stamp, render_feeds

    tl, today = view.tl, view.today
    org = tl.org.id
    step(f"{org}: {STAGES[0]}")
    langs = langs or site_languages()
    listed, state = {}, None
    for lang in langs:  # each language's feeds in its folder, with its own state, in this part
        where = f"{folder(lang)}{org}"
        listed[lang.code], lang_state = render_feeds(
            view.in_language(lang),
            stamp=org_stamp(tl.org, epoch),
            previous=previous if lang is EN else previous_state(out, where),
            base_url=base_url,
            published=published_feeds(out, where),
            built=built,
        )
        for feed in listed[lang.code]:
            site.add(f"{where}/{feed.name}", feed.chunks, f"{feed.events} event(s): {feed.title}")
        if lang is EN:
            state = lang_state  # written by the caller, with the record of the part
        else:
            site.add(f"{where}/{STATE_FILE}", dump_state(lang_state), ORG_STATE)
    step(f"{org}: {STAGES[1]}")
    page = f"{org}/timeline.html"
    for lang in langs:  # the page in each language, in its folder (csto/…, ru/csto/timeline.html)
        here = languages.site_path(lang, page)
        links = [(f.title, languages.relative(here, f"{folder(lang)}{org}/{f.name}")) for f in listed[lang.code]]
        plotly = languages.relative(here, "plotly.min.js")
        html = render_page(
            view.in_language(lang), feeds=links, plotly_src=plotly, built=today, page=page, base_url=base_url
        )
        site.add(here, html, "interactive timeline" + language_note(lang))
    step(f"{org}: {STAGES[2]}")
    if EN not in langs:
        return listed, state
    model = export(view)
    what = f"{sum(len(o['terms']) for o in model['offices'])} terms, {len(model['events'])} events"
    site.add(f"{org}/timeline.json", dump_records({"$schema": SCHEMA_FILE, **model}) + "\n", what)
    site.add(f"{org}/{SCHEMA_FILE}", _schema_text(schema), "JSON Schema of timeline.json")
    content, rows = tables.terms_csv(view)
    site.add(f"{org}/terms.csv", content, f"{rows} terms")
    content, rows = tables.events_csv(tl)
    site.add(f"{org}/events.csv", content, f"{rows} events")
    return listed, state


@functools.cache
def _schema_text(schema: Callable[[], dict]) -> str:
    """The JSON Schema's text, written once a process (the same beside every organisation's timeline.json)."""
    return dump_json(schema())


def site_languages() -> list[Language]:
    """The site's languages, English first (at the site's root): each other one has the same pages and feeds in its
    folder (`ru/`: render.lang.folder), an organisation's files in every language making one part of the site
    (reused together)."""
    return [language(code) for code in CODES]


def language_note(lang: Language) -> str:
    """What a file's description adds for a language other than English: ' (ru)'."""
    return "" if lang is EN else f" ({lang.code})"


STAGES = ("feeds", "timeline page", "JSON and CSV")
"""What `step` reports for each organisation, in order."""
ORG_STATE = "feed state for the next build (SEQUENCE, withdrawals)"
ROOT_STATE = "feed state of the site-wide feed for the next build"


def render_all_chairmanships(
    site: Site,
    whole: SiteView,
    *,
    epoch: datetime | None,
    base_url: str | None,
    out: Path,
    summaries: Mapping[str, Mapping[str, pieces.Summary]] | None = None,
    langs: list[Language] | None = None,
) -> tuple[dict[str, object] | None, dict | None]:
    """The site-wide feed of every chairmanship in each language and the overview pages; returns the feeds by
    language code (for the landing pages) and the English feed's state, or (None, None) when no organisation has a
    chair. `summaries`: by language code, what the organisations' parts worked out for them (site.pieces.Summary,
    by organisation id); what is not there is worked out here."""
    from timeline.render.html import languages
    from timeline.render.html.overview import render_overview
    from timeline.render.ical.feeds import COMBINED, org_stamp, render_combined

    with_chair = [tl for tl in whole.timelines if tl.org.chair_office]
    if not with_chair:
        return None, None
    langs = langs or site_languages()
    chairs = whole.only(with_chair)
    stamp = epoch or max(org_stamp(tl.org, None) for tl in with_chair)
    combined, state, built, summaries = {}, None, {}, summaries or {}
    for lang in langs:  # chairmanships.ics, ru/chairmanships.ics, each with its state
        where = folder(lang)
        kept = summaries.get(lang.code, {})
        feed, lang_state = render_combined(
            chairs.in_language(lang),
            stamp=stamp,
            previous=previous_state(out, where),
            base_url=base_url,
            published=published_feeds(out, where),
            built=built,
            kept={org: summary.events for org, summary in kept.items()},
        )
        combined[lang.code] = feed
        site.add(where + COMBINED, feed.chunks, f"{feed.events} event(s): {feed.title}")
        if lang is EN:
            state = lang_state  # written by the caller, with the record of the part
        else:
            site.add(where + STATE_FILE, dump_state(lang_state), ROOT_STATE)
    for lang in langs:  # timeline.html, ru/timeline.html
        here, feed = languages.site_path(lang, OVERVIEW), combined[lang.code]
        link = (f"{feed.title} ({feed.name})", languages.relative(here, folder(lang) + feed.name))
        plotly = languages.relative(here, "plotly.min.js")
        words = {org: summary.chair for org, summary in summaries.get(lang.code, {}).items() if summary.chair}
        view = chairs.in_language(lang)
        page = render_overview(view, feed=link, plotly_src=plotly, built=whole.today, page=OVERVIEW, words=words)
        site.add(here, page, "timeline of every chairmanship" + language_note(lang))
    return combined, state


def chair_paths(lang: Language) -> list[str]:
    """The chair files render_all_chairmanships writes in a language: the feed of every chairmanship, its state
    (but English's, which the site-wide part's own state is) and the overview page."""
    from timeline.render.html import languages
    from timeline.render.ical.feeds import COMBINED

    where = folder(lang)
    return [where + COMBINED, *([] if lang is EN else [where + STATE_FILE]), languages.site_path(lang, OVERVIEW)]


OVERVIEW = "timeline.html"
"""The overview page (every organisation's chairmanship) at the root of the site."""
