"""The words on the timeline page: bar labels and hover texts, every piece of data escaped, in the page's language
(the catalogue's "hover." words; names, dates and statuses through `Language`).

Plotly renders a few HTML tags in labels and hovers (<b>, <br>, <a>, ...), so text from the data goes
through `words.esc_label` and only the markup written here survives; Plotly shows `&lt;` as a literal '<'.
"""

from __future__ import annotations

import functools
import textwrap

from timeline.core.dates import ONE_DAY, PartialDate, Precision
from timeline.core.model import Event, EventStatus, Office, Term, TermStatus
from timeline.core.query import Timeline
from timeline.render.lang import EN, Language
from timeline.render.words import (
    citation,
    country,
    first_web_url,
    holder_name,
    kind_text,
    reader_document,
    rule_basis,
    term_reasons,
    window,
)
from timeline.render.words import esc_label as esc

WIDTH = 64
"""Hover lines wrap at this many characters (a phone is about 40 em wide)."""
DECISIONS_SHOWN = 4
NOTE_CHARS = 240
NAME_CHARS = 120
"""A name, title or place in a hover or on a bar is cut to this many characters ('…'): the full text is in the
tables, the feeds and the exports, and Plotly shows no hover label at all that is taller than the figure."""
SOURCE_CHARS = 400
"""A source's title and date in a hover are cut to this many characters (a Council Decision's title runs to 300)."""


def wrap(text: str, width: int = WIDTH, limit: int | None = None) -> str:
    """Data text escaped, cut to `limit` characters and wrapped into <br>-separated lines."""
    return _wrapped(str(text), width, limit)


@functools.lru_cache(maxsize=4096)
def _wrapped(text: str, width: int, limit: int | None) -> str:
    """`wrap`, worded once a process for each text (a rule's basis, a source's title, an office's name recur in
    hundreds of hovers)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return esc(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width) or [""])


def short(text: str, limit: int = 28) -> str:
    """A name for a legend entry or a row label: escaped, cut to `limit` characters with '…'."""
    return esc(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def day_and_precision(value: PartialDate, lang: Language = EN) -> str:
    """'23 Nov 2022', or 'Q4 2023 (known to the quarter)': the precision is always said."""
    text = lang.day(value)
    if value.precision is Precision.DAY:
        return text
    return lang(f"hover.known.{value.precision.name.lower()}", date=text)


def last_day_text(end: PartialDate, lang: Language = EN) -> str:
    """The last day in office from an exclusive end."""
    if end.precision is Precision.DAY:
        return day_and_precision(PartialDate.of(end.earliest - ONE_DAY), lang)
    return lang("hover.before_handover", date=day_and_precision(end, lang))


def term_dates(term: Term, lang: Language = EN) -> str:
    """A term's dates, saying where a bound is imprecise, unknown or open."""
    seen = ", ".join(lang.day(d) for d in term.attested)
    start = lang("hover.start_unrecorded", days=seen) if term.start is None else day_and_precision(term.start, lang)
    if term.end is not None:
        end = last_day_text(term.end, lang)
    elif term.end_unknown:
        end = lang("hover.end_unrecorded")
    else:
        end = lang("hover.ongoing")
    return f"{start} – {end}" if term.start is not None else f"{start}; {end}"


STATUS_LINES = (TermStatus.PROJECTED, TermStatus.DERIVED, TermStatus.SCHEDULED, TermStatus.UNDETERMINED)
"""The statuses of a term the data does not record as held: the hover says which ("hover.status.<status>")."""


def term_label(tl: Timeline, term: Term, lang: Language = EN) -> str:
    """The text on a term's bar: the holding state or person."""
    return short(holder_name(tl, term, lang), NAME_CHARS)


def term_hover(tl: Timeline, office: Office, term: Term, lang: Language = EN) -> str:
    """What a term is, its dates, holder, status, how it came about, and its source."""
    lines = [f"<b>{wrap(holder_name(tl, term, lang), limit=NAME_CHARS)}</b>", wrap(lang.name(office), limit=NAME_CHARS)]
    lines.append(term_dates(term, lang))
    if term.holder in tl.members:
        persons = tl.chair_persons(term)
        if persons:
            lines.append(wrap(lang("hover.chair", who=", ".join(lang.name(p) for p in persons)), limit=NAME_CHARS))
    if term.status in STATUS_LINES:
        lines.append(f"<i>{esc(lang(f'hover.status.{term.status.value}'))}</i>")
    elif term.status is TermStatus.ACTING:
        lines.append(esc(lang("hover.status", status=lang("status.acting"))))
    if term.confidence.value != "high":
        lines.append(esc(lang("hover.confidence", level=lang(f"hover.confidence.{term.confidence.value}"))))
    appointed = tl.events_by_id.get(term.appointed_by) if term.appointed_by else None
    if appointed is not None:
        text = lang("hover.appointed", event=lang.name(appointed), date=lang.day(appointed.date))
        lines.append(wrap(text, limit=NAME_CHARS))
    if term.anomaly:
        lines.append(wrap(lang("hover.anomaly", why=reader_document(term.anomaly) or ""), limit=NOTE_CHARS))
    note = term_reasons(tl, term, lang)
    if note:
        lines.append("<i>" + wrap(note, limit=NOTE_CHARS) + "</i>")
    basis = rule_basis(tl, term)
    if basis:  # a turn the rule gives: its rule, in words, not a source as if it were evidence
        return "<br>".join([*lines, wrap(lang("hover.rule", basis=basis), limit=SOURCE_CHARS)])
    return "<br>".join([*lines, *source_lines(tl, term.sources, lang)])


def event_dates(event: Event, lang: Language = EN) -> str:
    """An event's day or days, each with its precision, and its local time."""
    text = window(event.date, event.last_day, lambda day: day_and_precision(day, lang))
    if event.time:
        span = esc(event.time) + (f"–{esc(event.end_time)}" if event.end_time else "")
        text += ", " + lang("hover.local_time", time=span)
    return text


def event_hover(tl: Timeline, event: Event, lang: Language = EN) -> str:
    """What an event is, when and where, its status, chair, decisions and source."""
    body = tl.bodies.get(event.body) if event.body else None
    kind = kind_text(event.kind, lang)
    what = f"{lang.name(body)}: {kind}" if body else kind
    title = f"<b>{wrap(lang.name(event), limit=NAME_CHARS)}</b>"
    lines = [title, wrap(what, limit=NAME_CHARS), event_dates(event, lang)]
    place = tl.place_of(event)
    if place is not None:
        lines.append(wrap(f"{lang.name(place)}, {country(tl, place, lang)}", limit=NAME_CHARS))
    status = lang("hover.status", status=lang(f"event.{event.status.value}"))
    if event.announced is not None and event.status is EventStatus.PLANNED:
        day, made = lang.day(event.announced.date), event.announced.made_on
        announced = (
            lang("hover.announced_on", made=lang.day(made), date=day) if made else lang("hover.announced", date=day)
        )
        status += f" {announced}"
    lines.append(esc(status))
    chair = tl.members.get(event.chair) if event.chair else None
    person = tl.people.get(event.chair_person) if event.chair_person else None
    if chair or person:
        who = " – ".join(lang.name(x) for x in (chair, person) if x is not None)
        lines.append(wrap(lang("hover.chair", who=who), limit=NAME_CHARS))
    if event.decisions:
        lines.append(esc(lang("hover.decisions", n=len(event.decisions))))
        for decision in event.decisions[:DECISIONS_SHOWN]:
            lines.append("• " + wrap(decision.title, limit=NOTE_CHARS).replace("<br>", "<br>   "))
        if len(event.decisions) > DECISIONS_SHOWN:
            lines.append("  " + esc(lang("hover.more_decisions", n=len(event.decisions) - DECISIONS_SHOWN)))
    return "<br>".join([*lines, *source_lines(tl, event.sources, lang)])


def source_lines(tl: Timeline, ids: tuple[str, ...], lang: Language = EN) -> list[str]:
    """'Source (its kind): title (date)' and what a click does."""
    sources = tl.source_list(ids)
    if not sources:
        return [esc(lang("hover.no_source"))]
    first = sources[0]
    kind = lang(f"kind.{first.kind.value}")
    lines = [wrap(lang("hover.source", source=citation(first, lang), kind=kind), limit=SOURCE_CHARS)]
    if len(sources) > 1:
        lines.append("  " + esc(lang("hover.more_sources", n=len(sources) - 1)))
    url = first_web_url(tl, ids)
    document = lang("hover.document", document=reader_document(first.document) or lang("hover.no_link"))
    lines.append(f"<i>{esc(lang('hover.click'))}</i>" if url else wrap(document, limit=NAME_CHARS))
    return lines
