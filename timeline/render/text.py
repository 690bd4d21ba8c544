"""Query results as lines for a terminal (returned, never printed: the CLI prints).

Every line and name returned here is without control characters (`words.clean`): ESC, BEL or a bare CR in the
data would otherwise recolour, beep or overwrite the reader's terminal. Only http(s) source addresses are shown.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from timeline.core.dates import Period
from timeline.core.model import Event, Office, Term
from timeline.core.query import Chairmanship, Timeline
from timeline.render.words import (
    body_label,
    clean,
    day_text,
    period_text,
    source_title,
    status_tag,
    status_word,
    term_caveats,
    web_url,
    window,
)

Answer = TypeVar("Answer", str, list[str])


def _cleaned(function: Callable[..., Answer]) -> Callable[..., Answer]:
    """The function's line (or lines) without control characters."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Answer:
        found = function(*args, **kwargs)
        return clean(found) if isinstance(found, str) else [clean(line) for line in found]

    return wrapper


WORDED: dict[str, str] = {}
"""Phrases arrow has worded, by "<today> <day>"; the command line keeps them through the day (`cli.phrases`), so
arrow is imported only for a phrase not yet worded that day."""


def relative(day: date, today: date) -> str:
    """'11 months ago', 'in 5 weeks', 'today' (arrow's words, imported only when needed)."""
    if day == today:
        return "today"
    key = f"{today.isoformat()} {day.isoformat()}"
    if key not in WORDED:
        import arrow

        WORDED[key] = arrow.get(day).humanize(arrow.get(today))
    return WORDED[key]


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
    """'Title (date) URL', or the document reference when there is no http(s) URL."""
    sources = tl.source_list(ids)
    if not sources:
        return None
    first = sources[0]
    if web_url(first.url):
        return clean(f"{source_title(first)} {first.url}")
    if first.document:
        return clean(first.document)
    return clean(source_title(first)) if first.url else None  # an address that is not http(s) is left out


@_cleaned
def unnamed_chair(tl: Timeline, chair: Chairmanship) -> str:
    """Words for a chairmanship whose chair person the data does not name, with the latest recorded head
    (nothing for an organisation whose data does not follow who heads the delegations)."""
    hint = tl.last_recorded_head(chair.member.id, chair.term.period.start) if chair.member else None
    if hint is None:
        return "chair person not recorded" if tl.tracks_chair_persons else ""
    person, day = hint
    return f"chair person not recorded (last recorded head of delegation: {person.name}, in office on {day_text(day)})"


COMPACT_AFTER = 3
"""Above this many chairs in one answer (a year of monthly presidencies), one line each."""


@_cleaned
def org_name(tl: Timeline) -> str:
    """How the terminal names an organisation: its short name, else its id."""
    return tl.org.short or tl.org.id


@_cleaned
def org_prefix(tl: Timeline, several: int) -> str:
    """'CSTO — ' before a block's heading when several organisations answer."""
    return f"{org_name(tl)} — " if several > 1 else ""


@_cleaned
def office_label(tl: Timeline, office: Office, several: int) -> str:
    return f"{office.name} ({org_name(tl)})" if several > 1 else office.name


@_cleaned
def chair_lines(tl: Timeline, chairs: list[Chairmanship], label: str, today: date) -> list[str]:
    """The `who-chairs` answer of one organisation: per chairmanship the member, chair person, status, span,
    the rule's note for a turn no source names, and the source; one line each for a year of monthly turns."""
    office = tl.chair_office
    if not chairs:
        return [f"No term of the {office.name} ({org_name(tl)}) is recorded or projected for {label}."]
    lines = [f"{office.name} ({org_name(tl)}), {label}:"]
    if len(chairs) > COMPACT_AFTER:
        return lines + _compact_chair_lines(tl, chairs)
    for chair in chairs:
        if chair.member is None:
            lines.append(f"  undetermined: {chair.term.note}")
        else:
            people = ", ".join(p.name for p in chair.persons) or unnamed_chair(tl, chair)
            lines.append(f"  {chair.member.name}{f' — {people}' if people else ''}{status_tag(chair.term)}")
        lines.append(f"    {term_span_text(chair.term, today)}")
        if chair.term.note and not chair.term.is_recorded and chair.member is not None:
            lines.append(f"    {chair.term.note}")
        source = first_source(tl, chair.term.sources)
        if source:
            lines.append(f"    source: {source}")
    return lines


def _compact_chair_lines(tl: Timeline, chairs: list[Chairmanship]) -> list[str]:
    lines, last_source = [], None
    for chair in chairs:
        who = chair.member.name if chair.member else f"undetermined ({chair.term.note})"
        lines.append(f"  {turn_text(chair.term.period)}: {who}{status_tag(chair.term)}")
        source = first_source(tl, chair.term.sources)
        if source:
            lines.append("    source: same as above" if source == last_source else f"    source: {source}")
        last_source = source
    return lines


def turn_text(period: Period) -> str:
    """A turn's span, short: 'Apr 2024' for a calendar month, else the days."""
    start, end = period.start, period.end
    if (
        end is not None
        and start.day == 1
        and end.day == 1
        and (end.year * 12 + end.month) - (start.year * 12 + start.month) == 1
    ):
        return start.strftime("%b %Y")
    return period_text(period)


@_cleaned
def forecast_lines(tl: Timeline, terms: list[Term], years: int, today: date) -> list[str]:
    """One organisation's forecast: each term, its status, and for a rule's turn the rule's note."""
    lines = [f"{tl.chair_office.name} ({org_name(tl)}), the next {years} years:"]
    for term in terms:
        people = ", ".join(p.name for p in tl.chair_persons(term))
        if term.holder is None:
            lines.append(f"  undetermined: {term_span_text(term, today)}")
        else:
            who = f"{tl.holder_name(term)}{f' ({people})' if people else ''}{status_tag(term)}"
            lines.append(f"  {who}: {term_span_text(term, today)}")
        if not term.is_recorded and term.note:
            lines.append(f"    {term.note}")
    return lines


@_cleaned
def held_lines(member: str, held: list, today: date) -> list[str]:
    """`chairs --member`: each chairmanship a state holds, across organisations, in time order."""
    if not held:
        return [f"{member} holds no chairmanship recorded or projected in that span."]
    lines = [f"{member} chairs ({len(held)} term(s)):"]
    for h in held:
        tl, term = h.timeline, h.term
        lines.append(f"  {term_span_text(term, today)}: {tl.chair_office.name} ({org_name(tl)}){status_tag(term)}")
    return lines


@_cleaned
def org_summary_lines(summaries: list[dict[str, Any]]) -> list[str]:
    """`timeline orgs`: each organisation, who chairs it today, and what its data holds."""
    lines = [f"{len(summaries)} organisation(s):"]
    for s in summaries:
        c = s["counts"]
        lines.append(f"  {s['org']}: {s['name']}" + (f" ({s['short']})" if s["short"] else ""))
        holders = ", ".join(
            (ch["member"]["name"] if ch["member"] else "undetermined") + status_word(ch["term"]["status"])
            for ch in s["chair_today"]
        )
        if s["chair_office"]:
            lines.append(f"    {s['chair_office_name']}: {holders or 'nobody recorded today'}")
        lines.append(
            f"    {c['members']} members, {c['offices']} offices, {c['terms']} terms, {c['events']} events, "
            f"{c['rotation_rules']} rotation rule(s), {c['sources']} sources; data checked {s['data_date'] or '?'}"
        )
    return lines


@_cleaned
def term_lines(tl: Timeline, terms: list[Term], today: date) -> list[str]:
    """One line per term: holder (person), status, span relative to today."""
    lines = []
    for term in terms:
        person = f" ({tl.people[term.person].name})" if term.person else ""
        lines.append(f"  {tl.holder_name(term)}{person}{status_tag(term)}: {term_span_text(term, today)}")
    return lines


@_cleaned
def event_line(tl: Timeline, event: Event, today: date, org: bool = False) -> str:
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
    whose = f"{org_name(tl)} " if org else ""
    return f"  {when}{where} — {whose}{who}{event.title}{status}{soon}"


@_cleaned
def audit_lines(report: dict[str, Any], strict: bool) -> list[str]:
    """The `validate` report as lines: counts, then problems, anomalies and what to check."""
    counts = ", ".join(f"{n} {kind}" for kind, n in report["counts"].items())
    lines = [f"{report['org']}: valid ({counts})"]
    if strict:
        lines += [f"  unsourced: {u}" for u in report["unsourced"]]
        lines += [f"  session chair: {m}" for m in report["session_chairs"]]
        lines += [f"  exception: {m}" for m in report["rule_problems"]]
    for a in report["anomalies"]:
        state = f"acknowledged: {a['acknowledged']}" if a["acknowledged"] else "NOT acknowledged"
        lines.append(f"  anomaly ({a['where']}): {a['message']} under rule '{a['rule']}' — {state}")
    lines += [f"  to check: {c}" for c in report["to_check"]]
    return lines
