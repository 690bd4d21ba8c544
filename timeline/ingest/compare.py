"""Each reading's status against the data: recorded (and where), new, or conflict (what the data says, where)."""

from __future__ import annotations

from datetime import date, timedelta

from timeline.core.dates import Period
from timeline.core.model import Event, Fact, Term
from timeline.core.organisation import Organisation
from timeline.ingest.model import Finding, Reading

NEAR = timedelta(days=31)
"""How far apart a release's session and the data's may be and still be one session stated differently."""


def where(fact: Fact, ident: str) -> str:
    """file:line (id) of a fact in the data, the file named within its organisation's folder."""
    parts = fact.file.replace("\\", "/").split("/")
    return f"{'/'.join(parts[-2:])}:{fact.line} ({ident})"


def compare(findings: list[Finding], orgs: dict[str, Organisation]) -> None:
    """Set the status of every reading of every finding (in place)."""
    for finding in findings:
        anchor = finding.doc_date
        finding.readings = [status_of(r, orgs[r.org], anchor) for r in finding.readings]


def status_of(reading: Reading, org: Organisation, anchor: date | None) -> Reading:
    if reading.kind in ("session", "planned_session"):
        return _session(reading, org)
    if reading.kind == "chair":
        return _term(reading, org, reading.member, anchor)
    return _term(reading, org, reading.person or reading.person_name, anchor)


def _session(reading: Reading, org: Organisation) -> Reading:
    if reading.date is None:
        return reading
    span = reading.date.span
    if reading.last_day is not None:
        span = Period(span.start, reading.last_day.latest + timedelta(days=1))
    events = [e for e in org.events if e.body == reading.body]
    for event in events:
        planned = event.announced.date.span if event.announced else None
        if event.period.overlaps(span) or (reading.kind == "planned_session" and planned and planned.overlaps(span)):
            return _same_session(reading, event)
    near = [e for e in events if e.period.start - NEAR < span.end and span.start < e.period.end + NEAR]
    if near and reading.date.is_exact:
        day = reading.date.earliest
        event = min(near, key=lambda e: (reading.place not in (None, e.place), abs((e.date.earliest - day).days)))
        return reading.with_status("conflict", where(event, event.id), f"the data has it on {event.date}")
    return reading


def _same_session(reading: Reading, event: Event) -> Reading:
    at = where(event, event.id)
    if reading.place and event.place and reading.place != event.place:
        return reading.with_status("conflict", at, f"the data has it in {event.place}")
    if reading.kind == "session" and event.status.value == "planned":
        return reading.with_status("conflict", at, "the data still has it as planned")
    if reading.kind == "session" and reading.member and event.chair and reading.member != event.chair:
        return reading.with_status("conflict", at, f"the data has {event.chair} in the chair")
    if reading.kind == "session" and event.date.is_exact and reading.date and reading.date.is_exact and (
            reading.date != event.date):  # fmt: skip
        return reading.with_status("conflict", at, f"the data has it on {event.date}")
    return reading.with_status("recorded", at)


def _window(reading: Reading, anchor: date | None) -> Period | None:
    """The days a chair or appointment speaks of: its stated start to end, else the document's date."""
    if reading.start is None and reading.end is None:
        return Period(anchor, anchor + timedelta(days=1)) if anchor else None
    first = (reading.start or reading.end).earliest  # type: ignore[union-attr]
    last = reading.end.latest if reading.end else first
    return Period(first, last + timedelta(days=1))


def _term(reading: Reading, org: Organisation, holder: str | None, anchor: date | None) -> Reading:
    window = _window(reading, anchor)
    terms = [t for t in org.terms if t.office == reading.office]
    if holder is None or window is None:
        return reading
    mine = [t for t in terms if holder in t.holders]
    for term in mine:
        if _fits(reading, term, window, anchor):
            return _same_term(reading, term)
    others = [t for t in terms if holder not in t.holders and t.holders and t.period.overlaps(window)]
    single = next((o.seats == 1 for o in org.offices if o.id == reading.office), True)
    if others and single and reading.start is not None:
        term = others[0]
        until = f"until {term.end}" if term.end else "with no end"
        return reading.with_status("conflict", where(term, term.id), f"the data has {term.holders[0]} then ({until})")
    near = [t for t in mine if t.period.overlaps(Period(window.start - NEAR * 12, window.end + NEAR * 12))]
    if near:
        term = near[0]
        return reading.with_status("conflict", where(term, term.id), f"the data has it from {term.first_known}")
    return reading


def _fits(reading: Reading, term: Term, window: Period, anchor: date | None) -> bool:
    if reading.start is not None and term.start is not None and not reading.start.span.overlaps(term.start.span):
        return False
    if reading.start is None and reading.end is None and anchor is not None:  # no date stated: near the release
        near = Period(anchor - NEAR * 2, anchor + NEAR * 13)
        return term.period.overlaps(near)
    if reading.end is not None and term.end is not None:
        last = term.end.latest - timedelta(days=1) if term.end.is_exact else term.end.latest
        if not reading.end.span.contains(last):
            return False
    return term.period.overlaps(window)


def _same_term(reading: Reading, term: Term) -> Reading:
    at = where(term, term.id)
    stated = _length_of(term)
    if reading.length and stated and reading.length != stated:
        return reading.with_status("conflict", at, f"the data gives the term as {stated}")
    return reading.with_status("recorded", at)


def _length_of(term: Term) -> str | None:
    if term.start is None or term.end is None or not (term.start.is_exact and term.end.is_exact):
        return None
    years = term.end.year - term.start.year
    same_day = (term.end.month, term.end.day) == (term.start.month, term.start.day)
    return f"P{years}Y" if same_day else None
