"""The landing page's list of organisations: grouped by region (global first), one compact row each, and in each
row who chairs now and who next, from when.

Like the rest of the landing page, "now" is the viewer's: the row holds one `.when` element per stretch of days
(a term and the one after it, or a gap before the next), each with `data-start`/`data-end`, and the page's script
shows the one running on the viewer's day. Without the script the build day's shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TypeVar

from timeline.core.dates import Period
from timeline.core.model import Event, EventStatus, Term
from timeline.core.organisation import Organisation, Region
from timeline.core.query import Timeline
from timeline.render.lang import CODES, Language, language
from timeline.render.words import esc, holder_name, window

UPCOMING_SHOWN = 5
UPCOMING_CANDIDATES = 40
REGIONS: tuple[Region | None, ...] = (*Region, None)
"""The order of the groups: the global organisations first, then each region, then those that name none."""

T = TypeVar("T")


def by_region(items: Iterable[T], org_of: Callable[[T], Organisation], lang: Language) -> list[tuple[str, list[T]]]:
    """The items grouped by their organisation's region in `REGIONS` order, each group sorted by the organisations'
    short names in the language; a group is (its key: the region's value or 'other', its items); empty groups left
    out."""
    groups: dict[Region | None, list[T]] = {region: [] for region in REGIONS}
    for item in items:
        groups[org_of(item).region].append(item)
    return [
        (region.value if region else "other", sorted(found, key=lambda item: lang.short(org_of(item)).casefold()))
        for region, found in groups.items()
        if found
    ]


def region_name(key: str, lang: Language) -> str:
    """A group's heading: 'Global', 'Europe', 'Other' (from `by_region`'s key)."""
    return lang(f"region.{key}")


def finder_text(org: Organisation) -> str:
    """What the page's search box matches an organisation by: its id, names and abbreviations in every language."""
    words = {org.id}
    for code in CODES:
        lang = language(code)
        words |= {lang.name(org), lang.short(org)}
    return " ".join(sorted(words)).lower()


def _when(period: Period, today: date, body: str) -> str:
    end = period.end.isoformat() if period.end else ""
    hidden = "" if period.contains(today) else " hidden"
    return f'<span class="when" data-start="{period.start.isoformat()}" data-end="{end}"{hidden}>{body}</span>'


def _who(tl: Timeline, term: Term, lang: Language, strong: bool = False) -> str:
    name = esc(holder_name(tl, term, lang))
    status = term.status.value
    plain = status in ("confirmed", "undetermined")  # the name of an undetermined turn says so already
    tag = "" if plain else f' <span class="st">({esc(lang(f"status.{status}"))})</span>'
    return (f"<strong>{name}</strong>" if strong else name) + tag


def _from(term: Term, lang: Language) -> str:
    return esc(lang.day(term.start if term.start is not None else term.period.start))


def _successor(terms: Sequence[Term], i: int) -> Term | None:
    """The first term after terms[i] (None while it is open, or when nothing follows): one that may begin once
    terms[i] may have ended, so that a handover known only to the month still names who comes next."""
    end = terms[i].certain.end if terms[i].end is not None or terms[i].end_unknown else None
    if end is None:
        return None
    return next((t for t in terms[i + 1 :] if t.period.start >= end), None)


def now_and_next(tl: Timeline, horizon: date, today: date, lang: Language) -> str:
    """The chair line's timed parts: 'Kazakhstan → Russia from 1 Jan 2027 · projected', one per stretch of days from
    the build day to the horizon, and 'nobody recorded' for a day none covers; each shown on its own days."""
    assert tl.org.chair_office is not None
    every = tl.terms(tl.org.chair_office, horizon)
    terms = sorted((t for t in every if t.period.end is None or t.period.end > today), key=lambda t: t.period.start)
    parts: list[tuple[Period, str]] = []
    if terms and terms[0].period.start > today:
        first = terms[0]
        text = lang("landing.gap_next_html", next=_who(tl, first, lang), day=_from(first, lang))
        parts.append((Period(today, first.period.start), text))
    shown_until: date | None = None
    for i, term in enumerate(terms):
        successor, now = _successor(terms, i), _who(tl, term, lang, strong=True)
        start = term.period.start if shown_until is None else max(term.period.start, shown_until)
        end = successor.certain.start if successor is not None else term.period.end
        if end is not None and end <= start:
            continue  # a turn whose days all fall in the uncertain handover before and after it
        shown_until = end
        if successor is not None:
            text = lang("landing.now_next_html", now=now, next=_who(tl, successor, lang), day=_from(successor, lang))
        elif term.period.end is None:
            text = lang("landing.now_open_html", now=now)
        else:
            text = lang("landing.now_last_html", now=now, day=esc(lang.day(term.period.last_day)))
        parts.append(
            (Period(start, end), text)
        )  # each day shows one answer: this turn until its successor surely began
        if successor is not None and term.period.end and successor.period.start > term.period.end:
            gap = lang("landing.gap_next_html", next=_who(tl, successor, lang), day=_from(successor, lang))
            parts.append((Period(term.period.end, successor.period.start), gap))
    running = any(period.contains(today) for period, _ in parts)
    none = f'<span class="none"{" hidden" if running else ""}>{esc(lang("landing.nobody"))}</span>'
    return "".join(_when(period, today, text) for period, text in parts) + none


def upcoming(tl: Timeline, today: date, lang: Language, shown: int = UPCOMING_SHOWN, heading: bool = True) -> str:
    """The next `shown` sessions after the build day (the page's script shows the viewer's), under a heading."""
    items = []
    events = _ahead(tl, today)
    for count, event in enumerate(events[:UPCOMING_CANDIDATES]):
        place = tl.place_of(event)
        body = tl.bodies.get(event.body) if event.body else None
        when = window(event.date, event.last_day, lang=lang)
        who = f"{esc(lang.short(body))}: " if body else ""
        where = f", {esc(lang.name(place))}" if place else ""
        status = f" · {esc(lang(f'event.{event.status.value}'))}" if event.status is not EventStatus.HELD else ""
        text = f"<time>{esc(when)}</time> — {who}{esc(lang.name(event))}{where}{status}"
        hidden = "" if count < shown else " hidden"
        items.append(f'<li class="when" data-end="{event.period.end.isoformat()}"{hidden}>{text}</li>')
    none = f'<li class="none"{"" if not items else " hidden"}>{esc(lang("landing.no_session"))}</li>'
    title = f"<h3>{esc(lang('landing.next_sessions'))}</h3>\n" if heading else ""
    return f'{title}<ol class="upcoming" data-shown="{shown}">{"".join(items)}{none}</ol>'


def next_session(tl: Timeline, today: date, lang: Language) -> str:
    """'next session 14 Dec 2026' for a row's summary line: the sessions ahead of the build day, the first shown
    (the page's script shows the first one still ahead on the viewer's day); nothing when none is recorded."""
    events = [ev for ev in _ahead(tl, today) if ev.is_regular_session][:UPCOMING_CANDIDATES]
    if not events:
        return ""
    items = []
    for count, event in enumerate(events):
        text = esc(lang("landing.next_session_short", when=lang.day(event.date)))
        hidden = "" if count == 0 else " hidden"
        items.append(f'<span class="when" data-end="{event.period.end.isoformat()}"{hidden}>{text}</span>')
    return f'<span class="upcoming next" data-shown="1">{"".join(items)}</span>'


def _ahead(tl: Timeline, today: date) -> list[Event]:
    """The events not cancelled that end after the build day, by date: what the sessions ahead of a row and of a
    page are chosen from."""
    return [ev for ev in tl.events() if ev.status is not EventStatus.CANCELLED and ev.period.end > today]
