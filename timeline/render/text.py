"""Query results as lines for a terminal (returned, never printed: the CLI prints)."""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.core.dates import Period
from timeline.core.model import Event, Term
from timeline.core.query import Chairmanship, Timeline
from timeline.render.words import body_label, day_text, period_text, source_title, status_tag, term_caveats, window


def relative(day: date, today: date) -> str:
    """'11 months ago', 'in 5 weeks', 'today' (arrow's words, imported only when needed)."""
    if day == today:
        return "today"
    import arrow

    return arrow.get(day).humanize(arrow.get(today))


def span_text(period: Period, today: date) -> str:
    """'1 Jan 2025 – 31 Dec 2025 (ended 11 months ago)' or 'since 1 Jan 2026 (10 months ago)'."""
    text = period_text(period)
    if period.end is None:
        return f"{text} ({relative(period.start, today)})"
    if period.end <= today:
        return f"{text} (ended {relative(period.end, today)})"
    if period.start > today:
        return f"{text} (starts {relative(period.start, today)})"
    return f"{text} (began {relative(period.start, today)}, ends {relative(period.end, today)})"


def term_span_text(term: Term, today: date) -> str:
    """A term's span, saying where a bound is imprecise or unknown."""
    caveats = term_caveats(term)
    return span_text(term.period, today) + (f" [{'; '.join(caveats)}]" if caveats else "")


def first_source(tl: Timeline, ids: tuple[str, ...]) -> str | None:
    """'Title (date) URL', or the document reference when there is no URL."""
    sources = tl.source_list(ids)
    if not sources:
        return None
    first = sources[0]
    return f"{source_title(first)} {first.url}" if first.url else first.document


def unnamed_chair(tl: Timeline, chair: Chairmanship) -> str:
    """Words for a chairmanship whose chair person the data does not name, with the latest recorded head."""
    hint = tl.last_recorded_head(chair.member.id, chair.term.period.start)
    if hint is None:
        return "chair person not recorded"
    person, day = hint
    return f"chair person not recorded (last recorded head of delegation: {person.name}, in office on {day_text(day)})"


def chair_lines(tl: Timeline, chairs: list[Chairmanship], label: str, today: date) -> list[str]:
    """The `who-chairs` answer: per chairmanship the member, chair person, span, note and source."""
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
    """One line per term: holder (person), status, span relative to today."""
    lines = []
    for term in terms:
        person = f" ({tl.people[term.person].name})" if term.person else ""
        lines.append(f"  {tl.holder_name(term)}{person}{status_tag(term)}: {term_span_text(term, today)}")
    return lines


def event_line(tl: Timeline, event: Event, today: date) -> str:
    """'  23 Nov 2022, Yerevan — CSC: Session of the Collective Security Council'."""
    place = tl.place_of(event)
    where = f", {place.city}" if place else ""
    when = window(event.date, event.last_day)
    if event.time:
        when += f" {event.time}"
    status = "" if event.status.value == "held" else f" [{event.status.value}]"
    body = tl.bodies.get(event.body) if event.body else None
    who = f"{body_label(body)}: " if body else ""
    soon = f" ({relative(event.date.earliest, today)})" if event.date.earliest >= today else ""
    return f"  {when}{where} — {who}{event.title}{status}{soon}"


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
