"""The landing page `output/index.html`: every organisation in a compact row, grouped by region (render.html.
landing_rows), saying who chairs now → who next and from when, with a link to subscribe to its feed; each row unfolds
to the rest (the feeds to copy, the next sessions, the office holders, the downloads). A search box narrows the list.

"Now" is the viewer's: every dated item carries `data-start`/`data-end` (ISO days, end exclusive)
and a small script shows the ones running on the viewer's day. Without the script the page shows
what ran on the build day and says so ("as of <build day>"). All text from the data is escaped;
the script only toggles `hidden` and fills in absolute feed URLs, it never writes markup. Only http(s)
addresses become links out (an organisation's site; the feeds' with a base URL, itself http(s) or refused),
every other link is a path relative to the page, and the page's Content-Security-Policy lets only its own
script run (by hash), so even a missed escape could not run a script from the data. Notes for the site's operator
(such as building without --base-url) go to the build's output, not here.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from string import Template
from typing import Protocol

from timeline.core.dates import Period
from timeline.core.model import Term
from timeline.core.query import Timeline
from timeline.render.html import landing_rows as rows
from timeline.render.html import languages, template
from timeline.render.html.landing_rows import upcoming
from timeline.render.html.page import csp, script_json
from timeline.render.html.subscribe import feed_line, instructions
from timeline.render.lang import CODES, Language, folder, language
from timeline.render.view import SiteView, View
from timeline.render.words import base_url as checked_base
from timeline.render.words import esc, holder_name, href, status_tag, web_url

PAGE = "index.html"
"""The landing page's place in the site (in English; languages.site_path places it in another language)."""


class FeedInfo(Protocol):
    """What the page needs of a feed (render.ical.feeds.Feed has it)."""

    name: str
    title: str
    description: str
    events: int


@dataclass(frozen=True)
class OrgSite:
    """One organisation's part of the page: its view and its feeds."""

    view: View
    feeds: Sequence[FeedInfo]

    @property
    def tl(self) -> Timeline:
        return self.view.tl

    @property
    def horizon(self) -> date:
        """Projected terms are shown up to this day (the build's projection horizon)."""
        return self.view.horizon


def feed_urls(org: str, name: str, base_url: str | None, here: str = PAGE, folder: str = "") -> tuple[str, str]:
    """(http(s) URL, webcal URL) of a feed in `folder` (from the site's root: '' or 'ru/'), under its organisation's
    folder (none for `org` ''); both relative to the page at `here` without a base URL (which must be http(s):
    QueryError otherwise)."""
    target = f"{folder}{org}/{name}" if org else f"{folder}{name}"
    path = href(languages.relative(here, target))
    root = checked_base(base_url)
    if not root:
        return path, path
    url = f"{root}/{href(target)}"
    return url, re.sub(r"^https?://", "webcal://", url, flags=re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """Where the page is, its language, and where the feeds it lists are."""

    lang: Language
    base_url: str | None
    feeds: str
    """The feeds' folder from the site's root ('' for the English ones)."""

    @property
    def here(self) -> str:
        return languages.site_path(self.lang, PAGE)

    def now(self) -> str:
        return f'<span class="now">{esc(self.lang("landing.now"))}</span>'


def _when(period: Period, visible_on: date, body: str, tag: str = "li") -> str:
    end = period.end.isoformat() if period.end else ""
    hidden = "" if period.contains(visible_on) else " hidden"
    return f'<{tag} class="when" data-start="{period.start.isoformat()}" data-end="{end}"{hidden}>{body}</{tag}>'


def _span(period: Period, lang: Language) -> str:
    """'23 Nov 2022 – 31 Dec 2023', or 'since 1 Jan 2026, no end recorded'."""
    return lang("landing.open_span", span=lang.period(period)) if period.end is None else lang.period(period)


def _chair_items(tl: Timeline, site: OrgSite, today: date, lang: Language, tag: str = "li") -> tuple[str, list[Term]]:
    """Every chair from the build day to the horizon, each shown only on its own days (by the page's script)."""
    terms = [t for t in tl.terms(tl.org.chair_office, site.horizon) if t.period.end is None or t.period.end > today]
    items = []
    for term in terms:
        persons = ", ".join(lang.name(p) for p in tl.chair_persons(term))
        who = f"<strong>{esc(holder_name(tl, term, lang))}</strong>" + (f" — {esc(persons)}" if persons else "")
        text = f"{who} · {esc(_span(term.period, lang))}{esc(status_tag(term, lang))}"
        items.append(_when(term.period, today, text, tag))
    return "".join(items), terms


def _chairs(tl: Timeline, site: OrgSite, today: date, at: Place) -> str:
    if tl.org.chair_office is None:
        return ""
    lang = at.lang
    items, terms = _chair_items(tl, site, today, lang)
    none = f'<li class="none"{_hidden_if_current(terms, today)}>{esc(lang("landing.no_chair"))}</li>'
    return (
        f"<h3>{lang('landing.who_chairs_html', now=at.now())}</h3>\n"
        f'<p class="sub">{esc(lang.name(tl.chair_office))}</p>\n<ul class="timed">{items}{none}</ul>'
    )


def _hidden_if_current(terms: Sequence[Term], today: date) -> str:
    """The `hidden` attribute of a "nobody" line: hidden when a term runs on the build day."""
    return " hidden" if any(t.period.contains(today) for t in terms) else ""


def _holders(tl: Timeline, site: OrgSite, today: date, at: Place) -> str:
    """The organisation's office holders now, folded (a Security Council has fifteen seats)."""
    lang, rows = at.lang, []
    for office in tl.org.offices:
        if office.id == tl.org.chair_office or office.member is not None:
            continue
        every = tl.terms(office.id, site.horizon)
        terms = [t for t in every if t.period.end is None or t.period.end > today]
        if not every:
            continue
        past = [t for t in every if t not in terms]
        last = ""
        if past:
            name, span = holder_name(tl, past[-1], lang), _span(past[-1].period, lang)
            last = " " + esc(lang("landing.last_recorded", name=name, span=span))
        spans = "".join(
            _when(t.period, today, f"{esc(holder_name(tl, t, lang))} ({esc(_span(t.period, lang))}"
                  f"{esc(status_tag(t, lang))})", "span")
            for t in terms
        )  # fmt: skip
        rows.append(
            f'<li class="timed"><strong>{esc(lang.name(office))}</strong>: {spans}'
            f'<span class="none"{_hidden_if_current(terms, today)}>'
            f"{esc(lang('landing.no_holder'))}{last}</span></li>"
        )
    if not rows:
        return ""
    summary = lang("landing.holders_html", now=at.now())
    return f"<details><summary>{summary}</summary>\n<ul>{''.join(rows)}</ul></details>"


def _feed(org: str, feed: FeedInfo, at: Place) -> str:
    """One line per feed: what it holds, a link that opens the calendar app, the link itself to copy."""
    url, webcal = feed_urls(org, feed.name, at.base_url, at.here, at.feeds)
    path = url if not at.base_url else ""  # completed by the page's script where served over HTTP
    count = at.lang.count("landing.events", feed.events)
    return feed_line(feed.title, feed.name, feed.description, count, (url, webcal, path), at.lang)


def _subscribe(org: str, feed: FeedInfo, at: Place, label: str) -> str:
    """The compact subscribe link of a row: the feed's webcal:// link, named uniquely for screen readers."""
    url, webcal = feed_urls(org, feed.name, at.base_url, at.here, at.feeds)
    path = url if not at.base_url else ""
    return (
        f'<a class="subscribe" href="{esc(webcal)}" data-path="{esc(path)}">{esc(label)}'
        f'<span class="vh">: {esc(feed.title)}</span></a>'
    )


def _details(site: OrgSite, today: date, at: Place) -> str:
    """What a row unfolds: the names in the other languages, the links, who chairs with the spans, the next
    sessions, the office holders and every feed with its copy line."""
    tl, org, lang = site.tl, site.tl.org, at.lang
    others = [(code, language(code).name(org)) for code in CODES if code != lang.code]
    also = "".join(f'<p lang="{code}">{esc(name)}</p>' for code, name in others if name != lang.name(org))
    checked = " " + esc(lang("landing.checked", day=lang.day(org.data_date))) if org.data_date else ""
    url = web_url(org.url)
    home = f' · <a href="{esc(url)}" rel="noopener">{esc(lang("landing.official"))}</a>' if url else ""
    feeds = "\n".join(_feed(org.id, f, at) for f in site.feeds)
    home_folder = esc(href(org.id))
    data = {key: esc(href(languages.relative(at.here, f"{org.id}/{name}"))) for key, name in DOWNLOADS.items()}
    links = {key: f'<a href="{data[key]}">{esc(lang(f"landing.{key}"))}</a>' for key in DOWNLOADS}
    timeline = f'<a class="timeline" href="{home_folder}/timeline.html">{esc(lang("landing.timeline"))}</a>'
    return f"""{also}<p>{timeline}{home}.{checked}
{lang("landing.downloads_html", **links)}</p>
{_chairs(tl, site, today, at)}
{upcoming(tl, today, lang)}
{_holders(tl, site, today, at)}
<h3>{esc(lang("landing.feeds_heading", n=len(site.feeds)))}</h3>
<p class="sub">{esc(lang("landing.feeds_hint"))}</p>
<ul class="feeds">{feeds}</ul>"""


def _org(site: OrgSite, today: date, at: Place) -> str:
    """One organisation's row: its abbreviation (a link to its timeline), who chairs now → next and from when, its
    full name and data-checked day (the summary of the rest), and a link to subscribe to its fullest feed."""
    tl, org, lang = site.tl, site.tl.org, at.lang
    chair = (
        rows.now_and_next(tl, site.horizon, today, lang)
        if org.chair_office
        else f'<span class="none">{esc(lang("landing.no_rotation"))}</span>'
    )
    checked = esc(lang("landing.checked_short", day=lang.day(org.data_date))) if org.data_date else ""
    subscribe = _subscribe(org.id, site.feeds[-1], at, lang("landing.subscribe")) if site.feeds else ""
    return f"""<li class="org" id="{esc(org.id)}" data-find="{esc(rows.finder_text(org))}">{subscribe}
<p class="chair"><a class="abbr" href="{esc(href(org.id))}/timeline.html">{esc(lang.short(org))}</a> \
<span class="timed">{chair}</span></p>
<details><summary>{rows.next_session(tl, today, lang)}<span class="full">{esc(lang.name(org))}</span> \
<span class="checked">{checked}</span></summary>
<div class="more">{_details(site, today, at)}</div></details></li>"""


def org_row(view: View, feeds: Sequence[FeedInfo], base_url: str | None = None) -> str:
    """One organisation's row of the landing page in the view's language (its `feeds` in that language's folder),
    as `render_landing` writes it: worked out with the organisation's part, so that an edit of another organisation
    does not word it again."""
    return _org(OrgSite(view, feeds), view.today, Place(view.lang, base_url, folder(view.lang)))


def _groups(sites: Sequence[OrgSite], today: date, at: Place, kept: Mapping[str, str]) -> Iterator[str]:
    """The organisations by region, global first, each group a compact list (a row in `kept`, by organisation id,
    is taken as it is), in pieces: each row is one, so the page need not be held whole."""
    for number, (key, found) in enumerate(rows.by_region(sites, lambda site: site.tl.org, at.lang)):
        heading = esc(rows.region_name(key, at.lang))
        yield "\n" if number else ""
        yield f'<section class="region" aria-labelledby="region-{key}"><h2 id="region-{key}">{heading}</h2>\n'
        yield '<ul class="orgs">\n'
        for index, site in enumerate(found):
            yield "\n" if index else ""
            yield kept.get(site.tl.org.id) or _org(site, today, at)
        yield "\n</ul></section>"


def _top(combined: FeedInfo | None, at: Place) -> str:
    """Above the list: the search box (shown by the page's script), the overview and the feed of every chair, and
    how to subscribe (with the combined feed's copy line)."""
    lang = at.lang
    find = (
        f'<p class="find" hidden><label for="find">{esc(lang("landing.find"))}</label> '
        f'<input type="search" id="find" autocomplete="off" placeholder="{esc(lang("landing.find_hint"))}"></p>'
        f'<p id="nomatch" hidden>{esc(lang("landing.no_match"))}</p>'
    )
    every = " · " + _subscribe("", combined, at, lang("landing.subscribe_all")) if combined else ""
    howto = f' · <a href="#howto">{esc(lang("landing.howto_link"))}</a>'
    overview = f'<a class="timeline" href="timeline.html">{esc(lang("landing.overview"))}</a>'
    return f'{find}<p class="all">{overview}{every}{howto}</p>'


def _bottom(combined: FeedInfo | None, at: Place) -> str:
    """Below the list: how to subscribe in each calendar app, and the feed of every chair to copy."""
    feed = f'<ul class="feeds">{_feed("", combined, at)}</ul>' if combined else ""
    return instructions(at.lang, feed)


DOWNLOADS = {
    "json": "timeline.json",
    "schema": "timeline.schema.json",
    "terms_csv": "terms.csv",
    "events_csv": "events.csv",
}
"""An organisation's downloads ("landing.<key>" names each), shared by the pages in every language."""


def render_landing(
    view: SiteView,
    feeds: Mapping[str, Sequence[FeedInfo]],
    *,
    base_url: str | None = None,
    combined: FeedInfo | None = None,
    kept: Mapping[str, str] | None = None,
) -> str:
    """The whole landing page of the view's organisations in its language (at index.html, or ru/index.html:
    languages.site_path); its day is the build day (what the page shows when scripts are off); `feeds` are each
    organisation's (by id), `combined` the feed of every chairmanship, all the language's, in its folder
    (render.lang.folder: '' for English, 'ru/' for Russian); `base_url` must be http(s) (QueryError otherwise); `kept`:
    organisation id -> its row already written (`org_row`, with the same feeds and base URL)."""
    return "".join(landing_parts(view, feeds, base_url=base_url, combined=combined, kept=kept))


def landing_parts(
    view: SiteView,
    feeds: Mapping[str, Sequence[FeedInfo]],
    *,
    base_url: str | None = None,
    combined: FeedInfo | None = None,
    kept: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """`render_landing`'s page in pieces, an organisation's row each (a build writes them as they come: the page of
    300 organisations is 6 MB in Russian); the base URL is refused before any piece is given."""
    today, lang = view.today, view.lang
    sites = [OrgSite(org, feeds.get(org.tl.org.id, ())) for org in view]
    checked_base(base_url)  # refused before anything is written
    at = Place(lang, base_url, folder(lang))
    names = ", ".join(lang.short(s.tl.org) for s in sites)
    built = lang.day(today)
    asof = f'<span id="asof" data-built="{today.isoformat()}">{esc(lang("landing.asof", day=built))}</span>'
    words = {
        "now": lang("landing.script_now", today="{today}", built="{built}"),
        "day": lang("landing.script_day"),
        "copied": lang("landing.copied"),
    }
    script = template("landing.js")
    head, tail = template("landing.html").split("$sections", 1)
    head = Template(head).substitute(
        lang=lang.code,
        csp=csp([script], external=False),
        title=esc(lang("landing.title", names=names)),
        switch=languages.switch(lang, PAGE),
        heading=esc(lang("landing.heading")),
        intro=lang("landing.intro_html", asof=asof),
    )
    tail = Template(tail).substitute(
        footer=lang("landing.footer_html", day=esc(built)),
        words=script_json(json.dumps(words, ensure_ascii=False, sort_keys=True)),
        script=script,
    )
    return itertools.chain(
        (head, _top(combined, at), "\n"), _groups(sites, today, at, kept or {}), ("\n", _bottom(combined, at), tail)
    )
