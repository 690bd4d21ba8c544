"""Words for iCalendar events: names in Latin and Cyrillic, places, sources, precision.

Nothing here depends on the day of the build, so an event's text changes only with its data.
"""

from __future__ import annotations

from timeline.core.dates import PartialDate
from timeline.core.model import Event, Place, Term
from timeline.core.query import Timeline
from timeline.render import words
from timeline.render.words import both


def person(tl: Timeline, person_id: str | None) -> str | None:
    """A person's name in Latin and Cyrillic ('Nikol Pashinyan (Никол Пашинян)'); the id when unknown."""
    found = tl.people.get(person_id) if person_id else None
    if found is None:
        return person_id
    return both(found.name, found.name_ru)


def holder_both(tl: Timeline, term: Term) -> str:
    """The holder (a person or a member state) in Latin and Cyrillic."""
    found = tl.people.get(term.holder) or tl.members.get(term.holder)
    return both(found.name, found.name_ru) if found else term.holder


def place(found: Place | None) -> str | None:
    """'Minsk (Минск), Belarus'."""
    return None if found is None else f"{both(found.city, found.city_ru)}, {found.country}"


def source_lines(tl: Timeline, ids: tuple[str, ...]) -> list[str]:
    """One line per cited source: title, date, and the http(s) URL or the document reference."""
    lines = []
    for source in tl.source_list(ids):
        where = words.web_url(source.url) or source.document
        lines.append(f"- {words.source_title(source)}" + (f": {where}" if where else ""))
    return lines


def first_url(tl: Timeline, ids: tuple[str, ...]) -> str | None:
    """The URL of the first cited source that has an http(s) one (never a `javascript:` or `data:` URL)."""
    return next((s.url for s in tl.source_list(ids) if words.web_url(s.url)), None)


def event_is_exact(event: Event) -> bool:
    """True when the event's first (and last) day are known to the day, not hedged."""
    return event.date.is_exact and (event.last_day is None or event.last_day.is_exact)


def precision_words(first: PartialDate, last: PartialDate | None = None) -> str | None:
    """None for an exact date, else e.g. 'Q4 2023, day not known' or 'about 5 Nov 2023'."""
    dates = [first] if last is None else [first, last]
    if all(d.is_exact for d in dates):
        return None
    if all(d.precision == d.precision.DAY for d in dates):
        return words.window(first, last)  # known to the day, but hedged: 'about ...'
    return f"{words.window(first, last)}, day not known"


def term_caveats(term: Term) -> list[str]:
    """What is not known exactly about a term's bounds; a feed also says when no end is recorded."""
    caveats = words.term_caveats(term)
    if term.is_open:
        caveats.append("no end recorded")
    return caveats
