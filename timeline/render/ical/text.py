"""Words for iCalendar events: names in Latin and Cyrillic, places, sources, precision.

Nothing here depends on the day of the build, so an event's text changes only with its data.
"""

from __future__ import annotations

from timeline.core.dates import PartialDate
from timeline.core.model import Event, Place, Term
from timeline.core.query import Timeline
from timeline.render import text


def both(name: str, name_ru: str | None) -> str:
    """'Minsk (Минск)', or the name alone when there is no Russian one (or it is the same)."""
    return f"{name} ({name_ru})" if name_ru and name_ru != name else name


def org_label(tl: Timeline) -> str:
    return tl.org.short or tl.org.name


def person(tl: Timeline, person_id: str | None) -> str | None:
    found = tl.people.get(person_id) if person_id else None
    if found is None:
        return person_id
    return both(found.name, found.name_ru)


def holder(tl: Timeline, term: Term) -> str:
    """The holder's English name (a person or a member state)."""
    return tl.holder_name(term)


def holder_both(tl: Timeline, term: Term) -> str:
    found = tl.people.get(term.holder) or tl.members.get(term.holder)
    return both(found.name, found.name_ru) if found else term.holder


def place(found: Place | None) -> str | None:
    """'Minsk (Минск), Belarus'."""
    return None if found is None else f"{both(found.city, found.city_ru)}, {found.country}"


def source_lines(tl: Timeline, ids: tuple[str, ...]) -> list[str]:
    """One line per cited source: title, date, and the URL or document reference."""
    lines = []
    for source in tl.source_list(ids):
        dated = f" ({source.date.describe()})" if source.date else ""
        where = source.url or source.document
        lines.append(f"- {source.title}{dated}" + (f": {where}" if where else ""))
    return lines


def first_url(tl: Timeline, ids: tuple[str, ...]) -> str | None:
    """The URL of the first cited source that has one."""
    return next((s.url for s in tl.source_list(ids) if s.url), None)


def window(first: PartialDate, last: PartialDate | None = None) -> str:
    """'Q4 2023', '10 Jul 2023 – 12 Jul 2023', 'about 5 Nov 2023'."""
    text = first.describe()
    return f"{text} – {last.describe()}" if last is not None and last != first else text


def event_is_exact(event: Event) -> bool:
    """True when the event's first (and last) day are known to the day, not hedged."""
    return event.date.is_exact and (event.last_day is None or event.last_day.is_exact)


def precision_words(first: PartialDate, last: PartialDate | None = None) -> str | None:
    """None for an exact date, else e.g. 'Q4 2023, day not known' or 'about 5 Nov 2023'."""
    dates = [first] if last is None else [first, last]
    if all(d.is_exact for d in dates):
        return None
    if all(d.precision == d.precision.DAY for d in dates):
        return window(first, last)  # known to the day, but hedged: 'about ...'
    return f"{window(first, last)}, day not known"


def term_caveats(term: Term) -> list[str]:
    """What is not known exactly about a term's bounds; a feed also says when no end is recorded."""
    caveats = text.term_caveats(term)
    if term.is_open:
        caveats.append("no end recorded")
    return caveats


def term_span(term: Term) -> str:
    """'23 Nov 2022 – 31 Dec 2023' (outer bounds, last day inclusive) or 'from 1 Sep 2019'."""
    period = term.period
    first = PartialDate.of(period.start).describe()
    if period.last_day is None:
        return f"from {first}"
    return f"{first} – {PartialDate.of(period.last_day).describe()}"
