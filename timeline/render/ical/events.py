"""The data as VEVENTs, without DTSTAMP/SEQUENCE/CREATED/LAST-MODIFIED (those come from the feed state).

Encodings (documented for users in the README's "How the data is encoded"):
- UIDs are `<kind>/<data id>@<org>.timeline`: `event/…` for sessions and meetings, `term/…` for a
  term shown as a span, `handover/…` for the day a term begins. A rotating office's turn is
  `turn/<office>/<first day>` (and `handover-turn/…`), so the same turn keeps its UID from projected
  to scheduled to confirmed and is updated in place. Nothing else goes into them. A feed in another
  language than English is another calendar: its UIDs start with the language (`ru/event/…`), so the
  two never stand for one event in a client (see the README's "Calendar feeds").
- Every text property of a feed in another language than English carries LANGUAGE=<code> (RFC 5545
  3.2.10); the English feeds carry none, as before.
- A term a source names as held is CONFIRMED; one named in advance (scheduled) or given by a rule
  (derived, projected) is TENTATIVE, its status in the title; an undetermined turn is not published.
- Terms are all-day spans over their outer bounds with an exclusive DTEND; a term with no end
  recorded shows only its first day. Everything is TRANSP:TRANSPARENT (these are other people's
  meetings, never the subscriber's busy time).
- An event known to the day is all-day (DTEND = last day + 1), or timed in its place's zone when
  its local time and place are known (no end time: no DTEND, or midnight after the last day of a
  multi-day event; a time without a place stays all-day, the time in the description).
- A date known only to a month, quarter or year, or hedged ("about"), becomes an all-day span
  over its whole window, STATUS:TENTATIVE, with the precision in the title.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from timeline.core.dates import ONE_DAY
from timeline.core.model import Event, EventStatus, Office, Term, TermStatus
from timeline.core.query import Timeline
from timeline.render import words
from timeline.render.ical import text as ical_text
from timeline.render.lang import EN, Language

if TYPE_CHECKING:
    import icalendar

STATUS = {
    EventStatus.HELD: "CONFIRMED",
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "CANCELLED",
}


def uid(tl: Timeline, kind: str, ident: str, lang: Language = EN) -> str:
    """A UID from the data's stable id only: `event/csc-2022-11-23-yerevan@csto.timeline`, and in another language
    than English with the language first: `ru/event/csc-2022-11-23-yerevan@csto.timeline`."""
    prefix = "" if lang.code == "en" else f"{lang.code}/"
    return f"{prefix}{kind}/{ident}@{tl.org.id}.timeline"


@dataclass(frozen=True, slots=True)
class Fields:
    """What a VEVENT says, before it is written: by icalendar (`component`) or directly (render.ical.direct), the
    same bytes either way. Text is as the data gives it; the writers make it one line or clean it."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None
    status: str
    lines: list[str]
    categories: list[str]
    url: str | None
    location: str | None = None
    lang: Language = EN

    @property
    def description(self) -> str:
        """DESCRIPTION: the lines, line breaks kept, without control characters."""
        return words.clean("\n".join(line for line in self.lines if line is not None))


def component(fields: Fields) -> icalendar.Event:
    """The VEVENT as icalendar's object: STATUS, DESCRIPTION (line breaks kept, escaped by icalendar), CATEGORIES
    (each on one line) and URL (only an http(s) address: icalendar writes a URI as it is, so CR/LF in one would start
    new properties)."""
    import icalendar  # here: a build that writes each event directly (render.ical.direct) does not import it

    text = ical_text.text_parameters(fields.lang)
    event = icalendar.Event()
    event.add("UID", words.one_line(fields.uid))
    event.add("SUMMARY", words.one_line(fields.summary), parameters=text)
    event.add("DTSTART", fields.start)
    if fields.end is not None:
        event.add("DTEND", fields.end)
    event.add("TRANSP", "TRANSPARENT")
    if fields.location:
        event.add("LOCATION", words.one_line(fields.location), parameters=text)
    event.add("STATUS", fields.status)
    event.add("DESCRIPTION", fields.description, parameters=text)
    event.add("CATEGORIES", [words.one_line(name) for name in fields.categories], parameters=text)
    if words.web_url(fields.url):
        event.add("URL", fields.url)
    return event


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def event_timing(tl: Timeline, event: Event) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: timed in the place's zone, all-day, or all-day over an imprecise window."""
    place = tl.place_of(event)
    period = event.period
    if not (event.time and place and ical_text.event_is_exact(event)):
        return period.start, period.end
    zone = ZoneInfo(place.tz)
    start = datetime.combine(event.date.earliest, _clock(event.time), zone)
    last = event.last_day.earliest if event.last_day else event.date.earliest
    if event.end_time:
        end = datetime.combine(last, _clock(event.end_time), zone)
    elif event.last_day:
        end = datetime.combine(last + ONE_DAY, time(0), zone)  # runs to the end of its last day
    else:
        return start, None  # an instant: the end time is not known
    return start, end if end > start else None


def _short(body: object, lang: Language) -> str | None:
    """A body's short name in the language when the data gives it one ('CSC', 'СКБ'), else None."""
    if not (getattr(body, "short", None) or getattr(body, f"short_{lang.code}", None)):
        return None
    return lang.short(body)


def event_fields(tl: Timeline, event: Event, lang: Language = EN) -> Fields:
    """A session or meeting."""
    body = tl.bodies.get(event.body) if event.body else None
    place = tl.place_of(event)
    imprecise = ical_text.precision_words(event.date, event.last_day, lang)
    qualifiers = [] if event.status is EventStatus.HELD else [lang(f"event.{event.status.value}")]
    if imprecise:
        qualifiers.append(imprecise)
    short = _short(body, lang) if body else None
    title = f"{short}: {lang.name(event)}" if short else lang.name(event)
    summary = title + (f" ({'; '.join(qualifiers)})" if qualifiers else "")
    start, end = event_timing(tl, event)
    status = STATUS[event.status]
    if imprecise and status == "CONFIRMED":
        status = "TENTATIVE"
    return Fields(
        uid(tl, "event", event.id, lang),
        summary,
        start,
        end,
        status,
        event_lines(tl, event, lang),
        categories(tl, lang, lang.short(body) if body else None, words.kind_text(event.kind, lang)),
        words.first_web_url(tl, event.sources),
        ical_text.place(tl, place, lang),
        lang,
    )


def event_component(tl: Timeline, event: Event, lang: Language = EN) -> icalendar.Event:
    """A session or meeting, as icalendar's object."""
    return component(event_fields(tl, event, lang))


def categories(tl: Timeline, lang: Language, *names: str | None) -> list[str]:
    """The organisation, then the given names (body, kind, office), without blanks or repeats."""
    found = [lang.short(tl.org)]
    found += [name for name in dict.fromkeys(names) if name and name not in found]
    return found


def event_lines(tl: Timeline, event: Event, lang: Language = EN) -> list[str]:
    """DESCRIPTION of an event: what, when, where, who, decisions, sources."""
    body = tl.bodies.get(event.body) if event.body else None
    place = tl.place_of(event)
    kind = words.kind_text(event.kind, lang)
    lines = [f"{ical_text.names(body, lang)} — {kind}" if body else kind]
    lines.append(lang("ical.status", status=lang(f"event.{event.status.value}")))
    when = words.window(event.date, event.last_day, lang=lang)
    if ical_text.precision_words(event.date, event.last_day, lang):
        exact_day = ical_text.day_unknown(event.date, event.last_day)
        when += lang("ical.when.window") if exact_day else lang("ical.when.approximate")
    if event.time:
        clock = event.time + (f"–{event.end_time}" if event.end_time else "")
        when += lang("ical.when.time", time=clock, zone=place.tz if place else lang("ical.when.no_zone"))
    lines.append(lang("ical.when", when=when))
    if place:
        lines.append(lang("ical.where", place=ical_text.place(tl, place, lang)))
    if event.formats:
        lines.append(lang("ical.format", formats=ical_text.formats(event.formats, lang)))
    if event.chair:
        chair = tl.members.get(event.chair)
        who = ical_text.names(chair, lang) if chair else event.chair
        if event.chair_person:
            who += f" — {ical_text.person(tl, event.chair_person, lang)}"
        lines.append(lang("ical.chair", who=who))
    elif event.chair_person:
        lines.append(lang("ical.chair", who=ical_text.person(tl, event.chair_person, lang)))
    if event.chair_anomaly:
        lines.append(lang("ical.chair_note", note=event.chair_anomaly))
    if event.participants:
        who = ", ".join(ical_text.person(tl, p, lang) or p for p in event.participants)
        lines.append(lang("ical.participants", who=who))
    if event.decisions:
        lines += [lang("ical.decisions"), *(f"- {d.title}" for d in event.decisions)]
    if event.announced:
        a = event.announced
        found = tl.places.get(a.place) if a.place else None
        where = lang("ical.announced.where", place=ical_text.place(tl, found, lang)) if found else ""
        made = lang("ical.announced.made", day=lang.day(a.made_on)) if a.made_on else ""
        lines.append(lang("ical.announced", made=made, date=lang.day(a.date), where=where))
    return _with_sources(tl, lines, event.sources, lang)  # the curator's note stays in the data


def _with_sources(tl: Timeline, lines: list[str], ids: tuple[str, ...], lang: Language = EN) -> list[str]:
    found = ical_text.source_lines(tl, ids, lang)
    return lines + ([lang("ical.sources"), *found] if found else [])


def term_lines(tl: Timeline, office: Office, term: Term, lang: Language = EN) -> list[str]:
    """DESCRIPTION of a term: office, holder, who exercised it, span with caveats, basis, sources."""
    lines = [f"{ical_text.names(office, lang)} — {ical_text.names(tl.org, lang)}"]
    lines.append(lang("ical.holder", holder=ical_text.holder_both(tl, term, lang)))
    persons = [ical_text.names(p, lang) for p in tl.chair_persons(term)] if term.holder in tl.members else []
    if persons:
        lines.append(lang("ical.exercised_by", persons=", ".join(persons)))
    caveats = ical_text.term_caveats(term, lang)
    span = words.period_text(term.period, "period.from", lang)
    lines.append(lang("ical.term", span=span) + (f" ({'; '.join(caveats)})" if caveats else ""))
    lines.append(status_line(term, lang))
    if term.appointed_by and term.appointed_by in tl.events_by_id:
        event = tl.events_by_id[term.appointed_by]
        when = words.window(event.date, event.last_day, lang=lang)
        lines.append(lang("ical.appointed", event=lang.name(event), when=when))
    if term.anomaly:
        lines.append(lang("ical.anomaly", anomaly=words.reader_document(term.anomaly) or ""))
    note = words.term_reasons(tl, term, lang)  # the curator's note stays in the data
    if note:
        lines.append(lang("ical.note", note=note))
    basis = words.rule_basis(tl, term)
    if basis:  # a turn the rule gives: its rule, in words, not a source as if it were evidence
        return [*lines, lang("ical.rule", basis=basis)]
    return _with_sources(tl, lines, term.sources, lang)


def status_line(term: Term, lang: Language = EN) -> str:
    """'Status: projected — the rotation rule's turn, not yet named by a source' (a confirmed term's status needs
    no gloss)."""
    status = term.status.value
    if f"gloss.{status}" in lang.words:
        return lang("ical.status_gloss", status=lang(f"status.{status}"), gloss=lang(f"gloss.{status}"))
    return lang("ical.status", status=lang(f"status.{status}"))


def _term_title(tl: Timeline, office: Office, term: Term, lang: Language = EN) -> str:
    org = lang.short(tl.org)
    holder = words.holder_name(tl, term, lang)
    if office.id == tl.org.chair_office:
        persons = [lang.name(p) for p in tl.chair_persons(term)] if term.person else []
        who = holder + (f" — {', '.join(persons)}" if persons else "")
        return lang("ical.chair_title", org=org, office=lang.name(office), who=who)
    return lang("ical.office_title", org=org, office=lang.name(office), holder=holder)


def term_status(term: Term) -> str:
    """CONFIRMED for a term a source names as held; TENTATIVE for one named in advance or given by a rule."""
    return "CONFIRMED" if term.status in (TermStatus.CONFIRMED, TermStatus.ACTING) else "TENTATIVE"


def term_key(tl: Timeline, office: Office, term: Term) -> str:
    """What identifies a term in the feeds: a rotating office's turn by office and first day (so it keeps its UID
    from projected to scheduled to confirmed), any other term by its data id."""
    if term.start is not None and tl.rules(office.id):
        return f"{office.id}/{term.start}"
    return term.id


def _uid_kind(tl: Timeline, office: Office) -> tuple[str, str]:
    return ("turn", "handover-turn") if tl.rules(office.id) else ("term", "handover")


def term_uid(tl: Timeline, office: Office, term: Term, lang: Language = EN) -> str:
    """The UID of a term's VEVENT (the same in every feed of the language that carries it)."""
    return uid(tl, _uid_kind(tl, office)[0], term_key(tl, office, term), lang)


def _qualifiers(term: Term, lang: Language) -> list[str]:
    return [] if term.status is TermStatus.CONFIRMED else [lang(f"status.{term.status.value}")]


def term_fields(tl: Timeline, office: Office, term: Term, lang: Language = EN) -> Fields:
    """A term as an all-day span over its outer bounds (only its first day when no end is recorded)."""
    qualifiers = _qualifiers(term, lang) + ical_text.term_caveats(term, lang)
    summary = _term_title(tl, office, term, lang) + (f" ({'; '.join(qualifiers)})" if qualifiers else "")
    period = term.period
    end = period.end or period.start + ONE_DAY
    return Fields(
        term_uid(tl, office, term, lang),
        summary,
        period.start,
        end,
        term_status(term),
        term_lines(tl, office, term, lang),
        categories(tl, lang, lang.name(office)),
        words.first_web_url(tl, term.sources),
        lang=lang,
    )


def term_component(tl: Timeline, office: Office, term: Term, lang: Language = EN) -> icalendar.Event:
    """A term, as icalendar's object."""
    return component(term_fields(tl, office, term, lang))


def handover_fields(tl: Timeline, office: Office, term: Term, lang: Language = EN) -> Fields | None:
    """The day a term begins ('Belarus takes over the CSTO chairmanship'); None when its start or holder is unknown."""
    if term.start is None or term.holder is None:
        return None
    org = lang.short(tl.org)
    holder = words.holder_name(tl, term, lang)
    if office.id == tl.org.chair_office:
        summary = lang("ical.takes_over", holder=holder, org=org, office=lang.name(office))
    else:
        summary = lang("ical.takes_office", holder=holder, org=org, office=lang.name(office))
    qualifiers = _qualifiers(term, lang)
    imprecise = ical_text.precision_words(term.start, lang=lang)
    if imprecise:
        qualifiers.append(imprecise)
    summary += f" ({'; '.join(qualifiers)})" if qualifiers else ""
    first = term.start  # its days as they are: `span` would keep a Period on every term's start (13 MB at 100k)
    return Fields(
        uid(tl, _uid_kind(tl, office)[1], term_key(tl, office, term), lang),
        summary,
        first.earliest,
        first.latest + ONE_DAY,
        "TENTATIVE" if imprecise else term_status(term),
        term_lines(tl, office, term, lang),
        categories(tl, lang, lang.name(office)),
        words.first_web_url(tl, term.sources),
        lang=lang,
    )


def handover_component(tl: Timeline, office: Office, term: Term, lang: Language = EN) -> icalendar.Event | None:
    """The day a term begins, as icalendar's object; None when its start or holder is unknown."""
    fields = handover_fields(tl, office, term, lang)
    return component(fields) if fields is not None else None
