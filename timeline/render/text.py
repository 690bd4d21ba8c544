"""Query results as JSON-ready dicts (a stable, documented shape) and as lines for a terminal."""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.core.audit import Audit
from timeline.core.dates import PartialDate, Period
from timeline.core.model import Event, Term
from timeline.core.query import Chairmanship, Timeline

JSON_VERSION = 1


# JSON-ready dicts -------------------------------------------------------------


def partial(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def period_dict(period: Period) -> dict[str, Any]:
    """A period as first day, exclusive end and last day (ISO dates; None when open)."""
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat() if period.end else None,
        "last_day": period.last_day.isoformat() if period.last_day else None,
    }


def sources_list(tl: Timeline, ids: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"id": s.id, "title": s.title, "url": s.url, "document": s.document, "date": partial(s.date)}
        for s in tl.source_list(ids)
    ]


def person_dict(tl: Timeline, person_id: str | None) -> dict[str, Any] | None:
    person = tl.people.get(person_id) if person_id else None
    return None if person is None else {"id": person.id, "name": person.name, "name_ru": person.name_ru}


def term_dict(tl: Timeline, term: Term) -> dict[str, Any]:
    """One term, recorded or projected."""
    return {
        "id": term.id,
        "office": term.office,
        "holder": term.holder,
        "holder_name": tl.holder_name(term),
        "start": partial(term.start),
        "end": partial(term.end),
        "end_unknown": term.end_unknown,
        "attested": [str(d) for d in term.attested],
        "period": period_dict(term.period),
        "status": term.status.value,
        "person": person_dict(tl, term.person),
        "appointed_by": term.appointed_by,
        "anomaly": term.anomaly,
        "confidence": term.confidence.value,
        "note": term.note,
        "sources": sources_list(tl, term.sources),
    }


def chair_dict(tl: Timeline, chair: Chairmanship) -> dict[str, Any]:
    """A chairmanship; when no chair person is known, the last recorded head of the member's delegation."""
    hint = None if chair.persons else tl.last_recorded_head(chair.member.id, chair.term.period.start)
    return {
        "member": {"id": chair.member.id, "name": chair.member.name, "name_ru": chair.member.name_ru},
        "persons": [person_dict(tl, p.id) for p in chair.persons],
        "last_recorded_head": None if hint is None else {**person_dict(tl, hint[0].id), "on": hint[1].isoformat()},
        "term": term_dict(tl, chair.term),
    }


def event_dict(tl: Timeline, event: Event) -> dict[str, Any]:
    """One event with its place, people and decisions resolved to names."""
    place = tl.place_of(event)
    body = tl.bodies.get(event.body) if event.body else None
    return {
        "id": event.id,
        "body": event.body,
        "body_name": body.name if body else None,
        "title": event.title,
        "kind": event.kind,
        "date": str(event.date),
        "precision": event.date.precision.name.lower(),
        "last_day": partial(event.last_day),
        "period": period_dict(event.period),
        "time": event.time,
        "end_time": event.end_time,
        "place": None
        if place is None
        else {"id": place.id, "city": place.city, "country": place.country, "tz": place.tz},
        "formats": list(event.formats),
        "status": event.status.value,
        "chair": event.chair,
        "chair_person": person_dict(tl, event.chair_person),
        "participants": [person_dict(tl, p) for p in event.participants],
        "decisions": [{"title": d.title, "sources": sources_list(tl, d.sources)} for d in event.decisions],
        "announced": None
        if event.announced is None
        else {
            "date": str(event.announced.date),
            "place": event.announced.place,
            "made_on": partial(event.announced.made_on),
            "sources": sources_list(tl, event.announced.sources),
        },
        "confidence": event.confidence.value,
        "note": event.note,
        "sources": sources_list(tl, event.sources),
    }


def envelope(tl: Timeline, **payload: Any) -> dict[str, Any]:
    """Every --json answer: the format version, the organisation, then the payload."""
    return {"version": JSON_VERSION, "org": tl.org.id, **payload}


# Human lines --------------------------------------------------------------------


def relative(day: date, today: date) -> str:
    """'11 months ago', 'in 5 weeks', 'today' (arrow's words, imported only when needed)."""
    if day == today:
        return "today"
    import arrow

    return arrow.get(day).humanize(arrow.get(today))


def day_text(day: date) -> str:
    return PartialDate.of(day).describe()


def span_text(period: Period, today: date) -> str:
    """'1 Jan 2025 – 31 Dec 2025 (ended 11 months ago)' or 'since 1 Jan 2026 (10 months ago)'."""
    start = day_text(period.start)
    if period.end is None:
        return f"since {start} ({relative(period.start, today)})"
    text = f"{start} – {day_text(period.last_day)}"
    if period.end <= today:
        return f"{text} (ended {relative(period.end, today)})"
    if period.start > today:
        return f"{text} (starts {relative(period.start, today)})"
    return f"{text} (began {relative(period.start, today)}, ends {relative(period.end, today)})"


def term_caveats(term: Term) -> list[str]:
    """What is not known exactly about a term's bounds, in words (shared by every renderer)."""
    caveats = []
    if term.start is None:
        caveats.append("start unknown, in office on " + ", ".join(d.describe() for d in term.attested))
    elif not term.start.is_exact:
        caveats.append(f"start known only as {term.start.describe()}")
    if term.end_unknown:
        caveats.append("end unknown")
    elif term.end is not None and not term.end.is_exact:
        caveats.append(f"end known only as {term.end.describe()}")
    return caveats


def term_span_text(term: Term, today: date) -> str:
    """A term's span, saying where a bound is imprecise or unknown."""
    caveats = term_caveats(term)
    return span_text(term.period, today) + (f" [{'; '.join(caveats)}]" if caveats else "")


def status_tag(term: Term) -> str:
    return "" if term.status.value == "confirmed" else f" · {term.status.value}"


def first_source(tl: Timeline, ids: tuple[str, ...]) -> str | None:
    """'Title (date) URL', or the document reference when there is no URL."""
    sources = tl.source_list(ids)
    if not sources:
        return None
    s = sources[0]
    if s.url:
        dated = f" ({s.date.describe()})" if s.date else ""
        return f"{s.title}{dated} {s.url}"
    return s.document


def unnamed_chair(tl: Timeline, chair: Chairmanship) -> str:
    """Words for a chairmanship whose chair person the data does not name, with the latest recorded head."""
    hint = tl.last_recorded_head(chair.member.id, chair.term.period.start)
    if hint is None:
        return "chair person not recorded"
    person, day = hint
    return f"chair person not recorded (last recorded head of delegation: {person.name}, in office on {day_text(day)})"


def chair_lines(tl: Timeline, chairs: list[Chairmanship], label: str, today: date) -> list[str]:
    office = tl.chair_office
    if not chairs:
        return [f"No term of the {office.name} is recorded or projected for {label}."]
    lines = [f"{office.name} ({tl.org.short or tl.org.id}), {label}:"]
    for chair in chairs:
        people = ", ".join(p.name for p in chair.persons) or unnamed_chair(tl, chair)
        lines.append(f"  {chair.member.name} — {people}{status_tag(chair.term)}")
        lines.append(f"    {term_span_text(chair.term, today)}")
        if chair.term.note and chair.term.is_projected:
            lines.append(f"    {chair.term.note}")
        source = first_source(tl, chair.term.sources)
        if source:
            lines.append(f"    source: {source}")
    return lines


def term_lines(tl: Timeline, terms: list[Term], today: date) -> list[str]:
    lines = []
    for term in terms:
        person = f" ({tl.people[term.person].name})" if term.person else ""
        lines.append(f"  {tl.holder_name(term)}{person}{status_tag(term)}: {term_span_text(term, today)}")
    return lines


def event_line(tl: Timeline, event: Event, today: date) -> str:
    place = tl.place_of(event)
    where = f", {place.city}" if place else ""
    when = event.date.describe()
    if event.last_day:
        when += f" – {event.last_day.describe()}"
    if event.time:
        when += f" {event.time}"
    status = "" if event.status.value == "held" else f" [{event.status.value}]"
    body = tl.bodies.get(event.body) if event.body else None
    who = f"{body.short or body.name}: " if body else ""
    soon = f" ({relative(event.date.earliest, today)})" if event.date.earliest >= today else ""
    return f"  {when}{where} — {who}{event.title}{status}{soon}"


def audit_dict(tl: Timeline, audit: Audit) -> dict[str, Any]:
    """One organisation's `validate` report."""
    org = tl.org
    return {
        "org": org.id,
        "counts": {kind: len(getattr(org, kind)) for kind in ("terms", "events", "people")}
        | {"sources": len(org.sources_by_id)},
        "unsourced": [f"{fact.file}:{fact.line}: {what} cites no source" for what, fact in audit.unsourced],
        "session_chairs": [
            f"{e.file}:{e.line}: event '{e.id}' is chaired by '{e.chair}', not by the chairmanship that day"
            ' (add chair_anomaly: "<why>" if that is right)'
            for e in audit.session_chairs
        ],
        "anomalies": [
            {
                "term": a.term.id,
                "rule": a.rule.id,
                "expected": a.expected_holder,
                "message": a.message,
                "acknowledged": a.term.anomaly,
                "where": f"{a.term.file}:{a.term.line}",
            }
            for a in audit.anomalies
        ],
        "to_check": [
            f"{e.file}:{e.line}: event '{e.id}' is still planned for {e.date.describe()}, which has passed"
            for e in audit.overdue
        ],
    }


def audit_lines(report: dict[str, Any], strict: bool) -> list[str]:
    """The `validate` report as lines: counts, then problems, anomalies and what to check."""
    counts = ", ".join(f"{n} {kind}" for kind, n in report["counts"].items())
    lines = [f"{report['org']}: valid ({counts})"]
    if strict:
        lines += [f"  unsourced: {u}" for u in report["unsourced"]]
        lines += [f"  session chair: {m}" for m in report["session_chairs"]]
    for a in report["anomalies"]:
        state = f"acknowledged: {a['acknowledged']}" if a["acknowledged"] else "NOT acknowledged"
        lines.append(f"  anomaly ({a['where']}): {a['message']} under rule '{a['rule']}' — {state}")
    lines += [f"  to check: {c}" for c in report["to_check"]]
    return lines
