"""Words for iCalendar events in a feed's language: names in both scripts, places, sources, precision.

A feed names a fact in its language first and in the other in brackets: 'Minsk (Минск)' in English, 'Минск
(Minsk)' in Russian (`names`). Nothing here depends on the day of the build, so an event's text changes only with
its data.
"""

from __future__ import annotations

from timeline.core.dates import PartialDate
from timeline.core.model import Event, Named, Place, Term
from timeline.core.query import Timeline
from timeline.render import words
from timeline.render.lang import EN, Language
from timeline.render.words import both, country, holder_name


def text_parameters(lang: Language) -> dict[str, str]:
    """The parameters of a text property (RFC 5545 3.2.10): LANGUAGE in another language than English; none in
    English, whose feeds were written without it."""
    return {} if lang.code == "en" else {"LANGUAGE": lang.code}


def names(fact: Named, lang: Language = EN) -> str:
    """A fact's name in the language, with its name in the other one in brackets when the data has it: 'Minsk
    (Минск)' in English; 'Минск (Minsk)' in Russian, where a state the data names only in English takes CLDR's
    name."""
    if lang.code != "en":
        return both(lang.name(fact), EN.name(fact))
    return both(lang.name(fact), fact.names.get("ru"))


def person(tl: Timeline, person_id: str | None, lang: Language = EN) -> str | None:
    """A person's name in both scripts ('Nikol Pashinyan (Никол Пашинян)'); the id when unknown."""
    found = tl.people.get(person_id) if person_id else None
    if found is None:
        return person_id
    return names(found, lang)


def holder_both(tl: Timeline, term: Term, lang: Language = EN) -> str:
    """The holder (a person or a member state) in both scripts; every holder of a term held jointly, or the group whose
    turn it is, in the language."""
    if term.joint or term.holder is None:
        return holder_name(tl, term, lang)
    found = tl.holder(term)
    return names(found, lang) if found else term.holder


def place(tl: Timeline, found: Place | None, lang: Language = EN) -> str | None:
    """'Minsk (Минск), Belarus'; 'Минск (Minsk), Беларусь'."""
    return None if found is None else f"{names(found, lang)}, {country(tl, found, lang)}"


def source_lines(tl: Timeline, ids: tuple[str, ...], lang: Language = EN) -> list[str]:
    """One line per cited source: title, date, and the http(s) URL or the document reference."""
    lines = []
    for source in tl.source_list(ids):
        where = words.web_url(source.url) or words.reader_document(source.document)
        lines.append(f"- {words.citation(source, lang)}" + (f" — {where}" if where else ""))
    return lines


def event_is_exact(event: Event) -> bool:
    """True when the event's first (and last) day are known to the day, not hedged."""
    return event.date.is_exact and (event.last_day is None or event.last_day.is_exact)


def day_unknown(first: PartialDate, last: PartialDate | None = None) -> bool:
    """True when a date is known only to its month, quarter or year (not merely hedged)."""
    return not all(d.precision == d.precision.DAY for d in ([first] if last is None else [first, last]))


def precision_words(first: PartialDate, last: PartialDate | None = None, lang: Language = EN) -> str | None:
    """None for an exact date, else e.g. 'Q4 2023, day not known' or 'about 5 Nov 2023'."""
    dates = [first] if last is None else [first, last]
    if all(d.is_exact for d in dates):
        return None
    window = words.window(first, last, lang=lang)
    return lang("ical.day_unknown", window=window) if day_unknown(first, last) else window  # hedged: 'about ...'


def term_caveats(term: Term, lang: Language = EN) -> list[str]:
    """What is not known exactly about a term's bounds; a feed also says when no end is recorded."""
    caveats = words.term_caveats(term, lang)
    if term.is_open:
        caveats.append(lang("ical.no_end"))
    return caveats


def formats(values: tuple[str, ...], lang: Language = EN) -> str:
    """An event's formats in words ('restricted, plenary'); one the catalogue does not know stays as written."""
    return ", ".join(lang(f"ical.format.{v}") if f"ical.format.{v}" in lang.words else v for v in values)
