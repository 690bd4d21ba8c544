"""The landing page `output/index.html`: per organisation who chairs now, the next sessions, the office
holders, links to the timeline and the downloads, and a block to subscribe to each feed.

"Now" is the viewer's: every dated item carries `data-start`/`data-end` (ISO days, end exclusive)
and a small script shows the ones running on the viewer's day. Without the script the page shows
what ran on the build day and says so ("as of <build day>"). All text from the data is escaped;
the script only toggles `hidden` and fills in absolute feed URLs, it never writes markup. Only http(s)
addresses become links out (an organisation's site; the feeds' with a base URL, itself http(s) or refused),
every other link is a path relative to the page, and the page's Content-Security-Policy lets only its own
script run (by hash), so even a missed escape could not run a script from the data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from string import Template
from typing import Protocol

from timeline.core.dates import Period
from timeline.core.model import EventStatus, Term
from timeline.core.query import Timeline
from timeline.render.html import template
from timeline.render.html.page import csp
from timeline.render.words import base_url as checked_base
from timeline.render.words import (
    body_label,
    both,
    day_text,
    esc,
    href,
    org_label,
    period_text,
    status_tag,
    web_url,
    window,
)

UPCOMING_SHOWN = 5
UPCOMING_CANDIDATES = 40


class FeedInfo(Protocol):
    """What the page needs of a feed (render.ical.feeds.Feed has it)."""

    name: str
    title: str
    description: str
    events: int


@dataclass(frozen=True)
class OrgSite:
    """One organisation's part of the site."""

    tl: Timeline
    feeds: Sequence[FeedInfo]
    horizon: date
    """Projected terms are shown up to this day (the build's projection horizon)."""


def feed_urls(org: str, name: str, base_url: str | None) -> tuple[str, str]:
    """(http(s) URL, webcal URL) of a feed; both relative to the landing page without a base URL (which must be
    http(s): QueryError otherwise)."""
    path = href(f"{org}/{name}" if org else name)
    root = checked_base(base_url)
    if not root:
        return path, path
    url = f"{root}/{path}"
    return url, re.sub(r"^https?://", "webcal://", url, flags=re.IGNORECASE)


def _when(period: Period, visible_on: date, body: str, tag: str = "li") -> str:
    end = period.end.isoformat() if period.end else ""
    hidden = "" if period.contains(visible_on) else " hidden"
    return f'<{tag} class="when" data-start="{period.start.isoformat()}" data-end="{end}"{hidden}>{body}</{tag}>'


def _span(period: Period) -> str:
    """'23 Nov 2022 – 31 Dec 2023', or 'since 1 Jan 2026, no end recorded'."""
    return period_text(period) + (", no end recorded" if period.end is None else "")


def _chair_items(tl: Timeline, site: OrgSite, today: date, tag: str = "li") -> tuple[str, list[Term]]:
    """Every chair from the build day to the horizon, each shown only on its own days (by the page's script)."""
    terms = [t for t in tl.terms(tl.org.chair_office, site.horizon) if t.period.end is None or t.period.end > today]
    items = []
    for term in terms:
        persons = ", ".join(p.name for p in tl.chair_persons(term))
        who = f"<strong>{esc(tl.holder_name(term))}</strong>" + (f" — {esc(persons)}" if persons else "")
        items.append(_when(term.period, today, f"{who} · {esc(_span(term.period))}{esc(status_tag(term))}", tag))
    return "".join(items), terms


def _chairs(tl: Timeline, site: OrgSite, today: date) -> str:
    if tl.org.chair_office is None:
        return ""
    items, terms = _chair_items(tl, site, today)
    none = f'<li class="none"{_hidden_if_current(terms, today)}>No chair is recorded or projected for this day.</li>'
    return (
        f'<h3>Who chairs <span class="now">now</span></h3>\n<p class="sub">{esc(tl.chair_office.name)}</p>\n'
        f'<ul class="timed">{items}{none}</ul>'
    )


def _glance(sites: Sequence[OrgSite], today: date, combined: FeedInfo | None, base_url: str | None) -> str:
    """The top of the page: who chairs each organisation now, the overview timeline and the feed of them all."""
    rows = []
    for site in sites:
        tl = site.tl
        if tl.org.chair_office is None:
            continue
        items, terms = _chair_items(tl, site, today, "span")
        none = f'<span class="none"{_hidden_if_current(terms, today)}>nobody recorded for this day</span>'
        rows.append(
            f'<li class="timed"><a href="#{esc(href(tl.org.id))}">{esc(org_label(tl))}</a>, '
            f"{esc(tl.chair_office.name)}: {items}{none}</li>"
        )
    every = f'<ul class="feeds">{_feed("", combined, base_url)}</ul>' if combined else ""
    return (
        '<section class="glance"><h2>Who chairs <span class="now">now</span></h2>'
        f'<ul class="glance-list">{"".join(rows)}</ul>'
        '<p><a class="timeline" href="timeline.html">Every chairmanship on one timeline</a> '
        "(and as a table), or subscribe to all of them at once:</p>"
        f"{every}</section>"
    )


def _hidden_if_current(terms: Sequence[Term], today: date) -> str:
    """The `hidden` attribute of a "nobody" line: hidden when a term runs on the build day."""
    return " hidden" if any(t.period.contains(today) for t in terms) else ""


def _holders(tl: Timeline, site: OrgSite, today: date) -> str:
    """The organisation's office holders now, folded (a Security Council has fifteen seats)."""
    rows = []
    for office in tl.org.offices:
        if office.id == tl.org.chair_office or office.member is not None:
            continue
        every = tl.terms(office.id, site.horizon)
        terms = [t for t in every if t.period.end is None or t.period.end > today]
        if not every:
            continue
        past = [t for t in every if t not in terms]
        last = f" (last recorded: {esc(tl.holder_name(past[-1]))}, {esc(_span(past[-1].period))})" if past else ""
        spans = "".join(
            _when(t.period, today, f"{esc(tl.holder_name(t))} ({esc(_span(t.period))}{esc(status_tag(t))})", "span")
            for t in terms
        )
        rows.append(
            f'<li class="timed"><strong>{esc(office.name)}</strong>: {spans}'
            f'<span class="none"{_hidden_if_current(terms, today)}>'
            f"no holder recorded for this day{last}</span></li>"
        )
    if not rows:
        return ""
    return (
        f'<details><summary>Office holders <span class="now">now</span></summary>\n<ul>{"".join(rows)}</ul></details>'
    )


def _upcoming(tl: Timeline, today: date) -> str:
    items = []
    events = [ev for ev in tl.events() if ev.status is not EventStatus.CANCELLED and ev.period.end > today]
    for shown, event in enumerate(events[:UPCOMING_CANDIDATES]):
        place = tl.place_of(event)
        body = tl.bodies.get(event.body) if event.body else None
        when = window(event.date, event.last_day)
        who = f"{esc(body_label(body))}: " if body else ""
        where = f", {esc(place.city)}" if place else ""
        status = f" · {esc(event.status.value)}" if event.status is not EventStatus.HELD else ""
        text = f"<time>{esc(when)}</time> — {who}{esc(event.title)}{where}{status}"
        hidden = "" if shown < UPCOMING_SHOWN else " hidden"
        items.append(f'<li class="when" data-end="{event.period.end.isoformat()}"{hidden}>{text}</li>')
    none = '<li class="none"{}>No session is recorded for the days ahead.</li>'.format("" if not items else " hidden")
    return f'<h3>Next sessions</h3>\n<ol class="upcoming" data-shown="{UPCOMING_SHOWN}">{"".join(items)}{none}</ol>'


INSTRUCTIONS = (
    (
        "Google Calendar",
        "on the web, <em>Other calendars</em> → <em>+</em> → <em>From URL</em>, paste the link "
        "(the site must be public).",
    ),
    ("Apple Calendar", "open the calendar link, or <em>File</em> → <em>New Calendar Subscription…</em> and paste."),
    ("Outlook", "<em>Add calendar</em> → <em>Subscribe from web</em> (classic: <em>From Internet…</em>), paste."),
    ("Thunderbird", "<em>New Calendar…</em> → <em>On the Network</em>, paste the link as Location."),
)


def _feed(org: str, feed: FeedInfo, base_url: str | None) -> str:
    """One line per feed: what it holds, a link that opens the calendar app, the link itself to copy."""
    url, webcal = feed_urls(org, feed.name, base_url)
    path = url if not base_url else ""  # completed by the page's script where served over HTTP
    return f"""<li class="feed" title="{esc(feed.description)}"><span class="what">{esc(feed.title)}
<span class="count">{feed.events} event(s)</span></span>
<a class="webcal" href="{esc(webcal)}" data-path="{esc(path)}">Subscribe</a>
<a class="https" href="{esc(url)}">{esc(feed.name)}</a>
<span class="copyline"><input class="url" readonly value="{esc(url)}" aria-label="Link of {esc(feed.name)}">
<button type="button" class="copy">Copy link</button></span></li>"""


def _instructions() -> str:
    how = "".join(f"<li><strong>{app}</strong>: {text}</li>" for app, text in INSTRUCTIONS)
    return (
        '<details class="howto"><summary>How to subscribe in Google Calendar, Apple Calendar, Outlook or '
        f"Thunderbird</summary><ul>{how}</ul><p>Each feed updates itself in your calendar app as the data "
        "changes.</p></details>"
    )


def _org(site: OrgSite, today: date, base_url: str | None) -> str:
    tl, org = site.tl, site.tl.org
    label = both(org.name, org.short)
    ru = f'<p lang="ru">{esc(org.name_ru)}</p>' if org.name_ru else ""
    checked = f" Data checked against sources up to {esc(org.data_date.describe())}." if org.data_date else ""
    url = web_url(org.url)
    home = f' · <a href="{esc(url)}" rel="noopener">official site</a>' if url else ""
    feeds = "\n".join(_feed(org.id, f, base_url) for f in site.feeds)
    count = len(site.feeds)
    folder = esc(href(org.id))
    return f"""<section class="org" id="{esc(org.id)}">
<h2>{esc(label)}</h2>
{ru}<p><a class="timeline" href="{folder}/timeline.html">Open the interactive timeline</a>{home}.{checked}
Downloads: <a href="{folder}/timeline.json">JSON</a> (<a href="{folder}/timeline.schema.json">schema</a>),
<a href="{folder}/terms.csv">terms (CSV)</a>, <a href="{folder}/events.csv">events (CSV)</a>.</p>
{_chairs(tl, site, today)}
{_upcoming(tl, today)}
{_holders(tl, site, today)}
<h3>Calendar feeds ({count})</h3>
<p class="sub">Not sure? Take the last one, with everything.</p>
<ul class="feeds">{feeds}</ul>
</section>"""


def render_landing(
    sites: Sequence[OrgSite], *, today: date, base_url: str | None = None, combined: FeedInfo | None = None
) -> str:
    """The whole landing page; `today` is the build day (what the page shows when scripts are off); `combined`
    is the feed of every chairmanship at the site's root; `base_url` must be http(s) (QueryError otherwise)."""
    root = checked_base(base_url)
    if root:
        links = f"Feed links point to {esc(root)}/."
    else:
        links = (
            "This site was built without <code>--base-url</code>, so its links are relative to this page: "
            "your browser completes them where the page is served (copy the completed link). "
            "Rebuild with <code>--base-url https://…</code> to publish fixed links."
        )
    sections = "\n".join(
        [_glance(sites, today, combined, base_url), _instructions(), *(_org(site, today, base_url) for site in sites)]
    )
    names = ", ".join(org_label(s.tl) for s in sites)
    script = template("landing.js")
    return Template(template("landing.html")).substitute(
        csp=csp([script], external=False),
        names=esc(names),
        built=today.isoformat(),
        built_text=esc(day_text(today)),
        links=links,
        sections=sections,
        script=script,
    )
