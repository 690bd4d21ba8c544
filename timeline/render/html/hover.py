"""The words on the timeline page: bar labels and hover texts, every piece of data escaped.

Plotly renders a few HTML tags in labels and hovers (<b>, <br>, <a>, ...), so text from the data goes
through `words.esc_label` and only the markup written here survives; Plotly shows `&lt;` as a literal '<'.
"""

from __future__ import annotations

import textwrap

from timeline.core.dates import ONE_DAY, PartialDate, Precision
from timeline.core.model import Event, EventStatus, Office, Term, TermStatus
from timeline.core.query import Timeline
from timeline.render.words import esc_label as esc
from timeline.render.words import kind_text, source_title, web_url, window

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
    text = " ".join(str(text).split())
    if len(text) <= width:
        return esc(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width) or [""])


def short(text: str, limit: int = 28) -> str:
    """A name for a legend entry or a row label: escaped, cut to `limit` characters with '…'."""
    return esc(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def day_and_precision(value: PartialDate) -> str:
    """'23 Nov 2022', or 'Q4 2023 (known to the quarter)': the precision is always said."""
    text = value.describe()
    if value.precision is Precision.DAY:
        return text
    return f"{text} (known to the {value.precision.name.lower()})"


def last_day_text(end: PartialDate) -> str:
    """The last day in office from an exclusive end."""
    if end.precision is Precision.DAY:
        return day_and_precision(PartialDate.of(end.earliest - ONE_DAY))
    return f"{day_and_precision(end)}, before the handover"


def term_dates(term: Term) -> str:
    """A term's dates, saying where a bound is imprecise, unknown or open."""
    seen = ", ".join(d.describe() for d in term.attested)
    start = f"start not recorded (in office on {seen})" if term.start is None else day_and_precision(term.start)
    if term.end is not None:
        end = last_day_text(term.end)
    elif term.end_unknown:
        end = "end not recorded"
    else:
        end = "ongoing, no end recorded"
    return f"{start} – {end}" if term.start is not None else f"{start}; {end}"


STATUS_LINES = {
    TermStatus.PROJECTED: "Projected by the rotation rule, not a recorded fact",
    TermStatus.DERIVED: "Derived from the rotation rule: no source read names this holder",
    TermStatus.SCHEDULED: "Scheduled: named in advance, not yet confirmed as held",
    TermStatus.UNDETERMINED: "Undetermined: the rule cannot name the holder yet",
}
"""What the hover says of a term the data does not record as held."""


def term_label(tl: Timeline, term: Term) -> str:
    """The text on a term's bar: the holding state or person."""
    return short(tl.holder_name(term), NAME_CHARS)


def term_hover(tl: Timeline, office: Office, term: Term) -> str:
    """What a term is, its dates, holder, status, how it came about, and its source."""
    lines = [f"<b>{wrap(tl.holder_name(term), limit=NAME_CHARS)}</b>", wrap(office.name, limit=NAME_CHARS)]
    lines.append(term_dates(term))
    if term.holder in tl.members:
        persons = tl.chair_persons(term)
        if persons:
            lines.append(wrap("Chair: " + ", ".join(p.name for p in persons), limit=NAME_CHARS))
    if term.status in STATUS_LINES:
        lines.append(f"<i>{STATUS_LINES[term.status]}</i>")
    elif term.status is TermStatus.ACTING:
        lines.append("Status: acting")
    if term.confidence.value != "high":
        lines.append(f"Confidence: {esc(term.confidence.value)}")
    appointed = tl.events_by_id.get(term.appointed_by) if term.appointed_by else None
    if appointed is not None:
        lines.append(wrap(f"Appointed at: {appointed.title}, {appointed.date.describe()}", limit=NAME_CHARS))
    if term.anomaly:
        lines.append(wrap(f"Departs from the rule: {term.anomaly}", limit=NOTE_CHARS))
    if term.note:
        lines.append("<i>" + wrap(term.note, limit=NOTE_CHARS) + "</i>")
    return "<br>".join([*lines, *source_lines(tl, term.sources)])


def event_dates(event: Event) -> str:
    """An event's day or days, each with its precision, and its local time."""
    text = window(event.date, event.last_day, day_and_precision)
    if event.time:
        text += f", {esc(event.time)}" + (f"–{esc(event.end_time)}" if event.end_time else "") + " local time"
    return text


def event_hover(tl: Timeline, event: Event) -> str:
    """What an event is, when and where, its status, chair, decisions and source."""
    body = tl.bodies.get(event.body) if event.body else None
    kind = kind_text(event.kind)
    what = f"{body.name}: {kind}" if body else kind
    lines = [f"<b>{wrap(event.title, limit=NAME_CHARS)}</b>", wrap(what, limit=NAME_CHARS), event_dates(event)]
    place = tl.place_of(event)
    if place is not None:
        lines.append(wrap(f"{place.city}, {place.country}", limit=NAME_CHARS))
    status = f"Status: {event.status.value}"
    if event.announced is not None and event.status is EventStatus.PLANNED:
        made = f" on {event.announced.made_on.describe()}" if event.announced.made_on else ""
        status += f" (announced{made} for {event.announced.date.describe()})"
    lines.append(esc(status))
    chair = tl.members.get(event.chair) if event.chair else None
    person = tl.people.get(event.chair_person) if event.chair_person else None
    if chair or person:
        who = " – ".join(x.name for x in (chair, person) if x is not None)
        lines.append(wrap(f"Chair: {who}", limit=NAME_CHARS))
    if event.decisions:
        lines.append(f"Decisions ({len(event.decisions)}):")
        for decision in event.decisions[:DECISIONS_SHOWN]:
            lines.append("• " + wrap(decision.title, limit=NOTE_CHARS).replace("<br>", "<br>   "))
        if len(event.decisions) > DECISIONS_SHOWN:
            lines.append(f"  … and {len(event.decisions) - DECISIONS_SHOWN} more")
    if event.note:
        lines.append("<i>" + wrap(event.note, limit=NOTE_CHARS) + "</i>")
    return "<br>".join([*lines, *source_lines(tl, event.sources)])


def source_lines(tl: Timeline, ids: tuple[str, ...]) -> list[str]:
    """'Source: title (date)' and what a click does."""
    sources = tl.source_list(ids)
    if not sources:
        return ["Source: none recorded"]
    first = sources[0]
    lines = [wrap(f"Source: {source_title(first)}", limit=SOURCE_CHARS)]
    if len(sources) > 1:
        lines.append(f"  and {len(sources) - 1} more")
    url = source_url(tl, ids)
    document = f"Document: {first.document or 'no link'}"
    lines.append("<i>Click to open the source</i>" if url else wrap(document, limit=NAME_CHARS))
    return lines


def source_url(tl: Timeline, ids: tuple[str, ...]) -> str | None:
    """The first cited source's web address, when it is http(s) (never a javascript: or data: URL)."""
    return next((s.url for s in tl.source_list(ids) if web_url(s.url)), None)
