"""The data as VEVENTs, without DTSTAMP/SEQUENCE/CREATED/LAST-MODIFIED (those come from the feed state).

Encodings (documented for users in the README's "How the data is encoded"):
- UIDs are `<kind>/<data id>@<org>.timeline`: `event/…` for sessions and meetings, `term/…` for a
  term shown as a span, `handover/…` for the day a term begins. A rotating office's turn is
  `turn/<office>/<first day>` (and `handover-turn/…`), so the same turn keeps its UID from projected
  to scheduled to confirmed and is updated in place. Nothing else goes into them.
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

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import icalendar

from timeline.core.dates import ONE_DAY
from timeline.core.model import Event, EventStatus, Office, Term, TermStatus
from timeline.core.query import Timeline
from timeline.render import words
from timeline.render.ical import text as ical_text

STATUS = {
    EventStatus.HELD: "CONFIRMED",
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "CANCELLED",
}


def uid(tl: Timeline, kind: str, ident: str) -> str:
    """A UID from the data's stable id only: `event/csc-2022-11-23-yerevan@csto.timeline`."""
    return f"{kind}/{ident}@{tl.org.id}.timeline"


def _base(uid_: str, summary: str, start: date | datetime, end: date | datetime | None) -> icalendar.Event:
    component = icalendar.Event()
    component.add("UID", words.one_line(uid_))
    component.add("SUMMARY", words.one_line(summary))
    component.add("DTSTART", start)
    if end is not None:
        component.add("DTEND", end)
    component.add("TRANSP", "TRANSPARENT")
    return component


def _finish(component: icalendar.Event, status: str, lines: list[str], categories: list[str], url: str | None):
    """STATUS, DESCRIPTION (line breaks kept, escaped by icalendar), CATEGORIES (each on one line) and URL (only an
    http(s) address: icalendar writes a URI as it is, so CR/LF in one would start new properties)."""
    component.add("STATUS", status)
    component.add("DESCRIPTION", words.clean("\n".join(line for line in lines if line is not None)))
    component.add("CATEGORIES", [words.one_line(name) for name in categories])
    if words.web_url(url):
        component.add("URL", url)
    return component


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


def event_component(tl: Timeline, event: Event) -> icalendar.Event:
    """A session or meeting."""
    body = tl.bodies.get(event.body) if event.body else None
    place = tl.place_of(event)
    imprecise = ical_text.precision_words(event.date, event.last_day)
    qualifiers = [] if event.status is EventStatus.HELD else [event.status.value]
    if imprecise:
        qualifiers.append(imprecise)
    title = f"{body.short}: {event.title}" if body and body.short else event.title
    summary = title + (f" ({'; '.join(qualifiers)})" if qualifiers else "")
    start, end = event_timing(tl, event)
    component = _base(uid(tl, "event", event.id), summary, start, end)
    if ical_text.place(place):
        component.add("LOCATION", words.one_line(ical_text.place(place)))
    status = STATUS[event.status]
    if imprecise and status == "CONFIRMED":
        status = "TENTATIVE"
    return _finish(
        component,
        status,
        event_lines(tl, event),
        categories(tl, words.body_label(body) if body else None, words.kind_text(event.kind)),
        ical_text.first_url(tl, event.sources),
    )


def categories(tl: Timeline, *names: str | None) -> list[str]:
    """The organisation, then the given names (body, kind, office), without blanks or repeats."""
    found = [words.org_label(tl)]
    found += [name for name in dict.fromkeys(names) if name and name not in found]
    return found


def event_lines(tl: Timeline, event: Event) -> list[str]:
    """DESCRIPTION of an event: what, when, where, who, decisions, sources."""
    body = tl.bodies.get(event.body) if event.body else None
    place = tl.place_of(event)
    lines = [f"{words.both(body.name, body.name_ru)} — {words.kind_text(event.kind)}" if body else event.kind]
    lines.append(f"Status: {event.status.value}")
    when = words.window(event.date, event.last_day)
    precision = ical_text.precision_words(event.date, event.last_day)
    if precision and "day not known" in precision:
        when += " (the exact day is not known; shown over the whole window)"
    elif precision:
        when += " (approximate)"
    if event.time:
        when += f", {event.time}" + (f"–{event.end_time}" if event.end_time else "") + " local time"
        when += f" ({place.tz})" if place else " (time zone unknown: no place recorded)"
    lines.append(f"When: {when}")
    if place:
        lines.append(f"Where: {ical_text.place(place)}")
    if event.formats:
        lines.append(f"Format: {', '.join(event.formats)}")
    if event.chair:
        chair = tl.members.get(event.chair)
        who = words.both(chair.name, chair.name_ru) if chair else event.chair
        lines.append(f"Chair: {who}" + (f" — {ical_text.person(tl, event.chair_person)}" if event.chair_person else ""))
    elif event.chair_person:
        lines.append(f"Chair: {ical_text.person(tl, event.chair_person)}")
    if event.chair_anomaly:
        lines.append(f"Chair note: {event.chair_anomaly}")
    if event.participants:
        lines.append("Participants: " + ", ".join(ical_text.person(tl, p) or p for p in event.participants))
    if event.decisions:
        lines += ["Decisions:", *(f"- {d.title}" for d in event.decisions)]
    if event.announced:
        a = event.announced
        where = f" in {ical_text.place(tl.places.get(a.place))}" if a.place and a.place in tl.places else ""
        made = f" on {a.made_on.describe()}" if a.made_on else ""
        lines.append(f"Announced{made}: {a.date.describe()}{where}")
    if event.note:
        lines.append(f"Note: {event.note}")
    return _with_sources(tl, lines, event.sources)


def _with_sources(tl: Timeline, lines: list[str], ids: tuple[str, ...]) -> list[str]:
    found = ical_text.source_lines(tl, ids)
    return lines + (["Sources:", *found] if found else [])


def term_lines(tl: Timeline, office: Office, term: Term) -> list[str]:
    """DESCRIPTION of a term: office, holder, who exercised it, span with caveats, basis, sources."""
    lines = [f"{words.both(office.name, office.name_ru)} — {words.both(tl.org.name, tl.org.name_ru)}"]
    lines.append(f"Holder: {ical_text.holder_both(tl, term)}")
    persons = [words.both(p.name, p.name_ru) for p in tl.chair_persons(term)] if term.holder in tl.members else []
    if persons:
        lines.append(f"Exercised by: {', '.join(persons)}")
    caveats = ical_text.term_caveats(term)
    span = words.period_text(term.period, "period.from")
    lines.append(f"Term: {span}" + (f" ({'; '.join(caveats)})" if caveats else ""))
    lines.append(f"Status: {term.status.value}")
    if term.appointed_by and term.appointed_by in tl.events_by_id:
        event = tl.events_by_id[term.appointed_by]
        lines.append(f"Appointed at: {event.title}, {words.window(event.date, event.last_day)}")
    if term.anomaly:
        lines.append(f"Departs from the rotation rule: {term.anomaly}")
    if term.note:
        lines.append(f"Note: {term.note}")
    return _with_sources(tl, lines, term.sources)


def _term_title(tl: Timeline, office: Office, term: Term) -> str:
    org = words.org_label(tl)
    if office.id == tl.org.chair_office:
        persons = [p.name for p in tl.chair_persons(term)] if term.person else []
        who = tl.holder_name(term) + (f" — {', '.join(persons)}" if persons else "")
        return f"{org} chairmanship: {who}"
    return f"{org} {office.name}: {tl.holder_name(term)}"


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


def term_uid(tl: Timeline, office: Office, term: Term) -> str:
    """The UID of a term's VEVENT (the same in every feed that carries it)."""
    return uid(tl, _uid_kind(tl, office)[0], term_key(tl, office, term))


def term_component(tl: Timeline, office: Office, term: Term) -> icalendar.Event:
    """A term as an all-day span over its outer bounds (only its first day when no end is recorded)."""
    qualifiers = [] if term.status is TermStatus.CONFIRMED else [term.status.value]
    qualifiers += ical_text.term_caveats(term)
    summary = _term_title(tl, office, term) + (f" ({'; '.join(qualifiers)})" if qualifiers else "")
    period = term.period
    component = _base(term_uid(tl, office, term), summary, period.start, period.end or period.start + ONE_DAY)
    return _finish(
        component,
        term_status(term),
        term_lines(tl, office, term),
        categories(tl, office.name),
        ical_text.first_url(tl, term.sources),
    )


def handover_component(tl: Timeline, office: Office, term: Term) -> icalendar.Event | None:
    """The day a term begins ('Belarus takes over the CSTO chairmanship'); None when its start or holder is unknown."""
    if term.start is None or term.holder is None:
        return None
    org = words.org_label(tl)
    name = tl.holder_name(term)
    if office.id == tl.org.chair_office:
        summary = f"{name} takes over the {org} chairmanship"
    else:
        summary = f"{name} takes office as {org} {office.name}"
    qualifiers = [] if term.status is TermStatus.CONFIRMED else [term.status.value]
    imprecise = ical_text.precision_words(term.start)
    if imprecise:
        qualifiers.append(imprecise)
    summary += f" ({'; '.join(qualifiers)})" if qualifiers else ""
    span = term.start.span
    component = _base(uid(tl, _uid_kind(tl, office)[1], term_key(tl, office, term)), summary, span.start, span.end)
    status = "TENTATIVE" if imprecise else term_status(term)
    return _finish(
        component,
        status,
        term_lines(tl, office, term),
        categories(tl, office.name),
        ical_text.first_url(tl, term.sources),
    )
