"""Query results as JSON-ready dicts (a stable, documented shape) and as lines for a terminal."""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.core.audit import Audit
from timeline.core.dates import PartialDate, Period
from timeline.core.model import Event, Term
from timeline.core.query import Chairmanship, Timeline

JSON_VERSION = 2


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
        "rule": term.rule,
        "confidence": term.confidence.value,
        "note": term.note,
        "sources": sources_list(tl, term.sources),
    }


def chair_dict(tl: Timeline, chair: Chairmanship) -> dict[str, Any]:
    """A chairmanship; when no chair person is known, the last recorded head of the member's delegation."""
    hint = (
        None
        if chair.persons or chair.member is None
        else tl.last_recorded_head(chair.member.id, chair.term.period.start)
    )
    return {
        "member": None
        if chair.member is None
        else {"id": chair.member.id, "name": chair.member.name, "name_ru": chair.member.name_ru},
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
    """One organisation's document (the `timeline.json` export): the format version, the organisation, the payload."""
    return {"version": JSON_VERSION, "org": tl.org.id, **payload}


def answer(query: dict[str, Any], parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Every --json answer of a query: the format version, what was asked, then one part per organisation."""
    return {"version": JSON_VERSION, "query": query, "organisations": parts}


def org_part(tl: Timeline, **payload: Any) -> dict[str, Any]:
    """One organisation's part of an answer."""
    return {"org": tl.org.id, "name": tl.org.name, "short": tl.org.short, **payload}


def org_summary(tl: Timeline, today: date) -> dict[str, Any]:
    """What `timeline orgs` says of an organisation: its size, its rules, and who chairs today."""
    org = tl.org
    chairs = tl.chairs(today) if org.chair_office else []
    return {
        "org": org.id, "name": org.name, "name_ru": org.name_ru, "short": org.short, "url": org.url,
        "languages": list(org.languages), "data_date": partial(org.data_date),
        "chair_office": org.chair_office, "chair_office_name": tl.chair_office.name if org.chair_office else None,
        "chair_today": [chair_dict(tl, c) for c in chairs],
        "counts": {"members": len(org.members), "offices": len([o for o in org.offices if o.member is None]),
                   "terms": len(org.terms), "events": len(org.events), "people": len(org.people),
                   "rotation_rules": len(org.rotations), "sources": len(org.sources_by_id)},
    }  # fmt: skip


def org_summary_lines(summaries: list[dict[str, Any]]) -> list[str]:
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


def status_word(status: str) -> str:
    return "" if status == "confirmed" else f" · {status}"


def status_tag(term: Term) -> str:
    """' · projected' and the like; nothing for a confirmed term."""
    return status_word(term.status.value)


def org_prefix(tl: Timeline, several: int) -> str:
    """'CSTO — ' before a block's heading when several organisations answer."""
    return f"{tl.org.short or tl.org.id} — " if several > 1 else ""


def office_label(tl: Timeline, office: Any, several: int) -> str:
    return f"{office.name} ({tl.org.short or tl.org.id})" if several > 1 else office.name


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
    hint = tl.last_recorded_head(chair.member.id, chair.term.period.start) if chair.member else None
    if hint is None:
        return "chair person not recorded" if tl.tracks_chair_persons else ""
    person, day = hint
    return f"chair person not recorded (last recorded head of delegation: {person.name}, in office on {day_text(day)})"


COMPACT_AFTER = 3
"""Above this many chairs in one answer (a year of monthly presidencies), one line each."""


def chair_lines(tl: Timeline, chairs: list[Chairmanship], label: str, today: date) -> list[str]:
    """One organisation's answer to who-chairs: holder, chair person, status, span and source of each term."""
    office = tl.chair_office
    if not chairs:
        return [f"No term of the {office.name} ({tl.org.short or tl.org.id}) is recorded or projected for {label}."]
    lines = [f"{office.name} ({tl.org.short or tl.org.id}), {label}:"]
    if len(chairs) > COMPACT_AFTER:
        return lines + _compact_chair_lines(tl, chairs, today)
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


def _compact_chair_lines(tl: Timeline, chairs: list[Chairmanship], today: date) -> list[str]:
    lines, last_source = [], None
    for chair in chairs:
        period = chair.term.period
        span = (
            f"{day_text(period.start)} – {day_text(period.last_day)}"
            if period.end
            else f"since {day_text(period.start)}"
        )
        who = chair.member.name if chair.member else f"undetermined ({chair.term.note})"
        lines.append(f"  {span}: {who}{status_tag(chair.term)}")
        source = first_source(tl, chair.term.sources)
        if source and source != last_source:
            lines.append(f"    source: {source}")
        last_source = source
    return lines


def forecast_lines(tl: Timeline, terms: list[Term], years: int, today: date) -> list[str]:
    """One organisation's forecast: each term, its status, and for a rule's turn the rule's note."""
    lines = [f"{tl.chair_office.name} ({tl.org.short or tl.org.id}), the next {years} years:"]
    for term in terms:
        people = ", ".join(p.name for p in tl.chair_persons(term))
        who = "undetermined" if term.holder is None else f"{tl.holder_name(term)}{f' ({people})' if people else ''}"
        lines.append(f"  {who}{'' if term.holder is None else status_tag(term)}: {term_span_text(term, today)}")
        if not term.is_recorded and term.note:
            lines.append(f"    {term.note}")
    return lines


def held_lines(member: str, held: list, today: date) -> list[str]:
    """`chairs --member`: each chairmanship a state holds, across organisations, in time order."""
    if not held:
        return [f"{member} holds no chairmanship recorded or projected in that span."]
    lines = [f"{member} chairs ({len(held)} term(s)):"]
    for h in held:
        tl, term = h.timeline, h.term
        lines.append(f"  {term_span_text(term, today)}: {tl.chair_office.name} ({tl.org.short or tl.org.id})"
                     f"{status_tag(term)}")  # fmt: skip
    return lines


def term_lines(tl: Timeline, terms: list[Term], today: date) -> list[str]:
    lines = []
    for term in terms:
        person = f" ({tl.people[term.person].name})" if term.person else ""
        lines.append(f"  {tl.holder_name(term)}{person}{status_tag(term)}: {term_span_text(term, today)}")
    return lines


def event_line(tl: Timeline, event: Event, today: date, org: bool = False) -> str:
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
    whose = f"{tl.org.short or tl.org.id} " if org else ""
    return f"  {when}{where} — {whose}{who}{event.title}{status}{soon}"


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
        "rule_problems": [f"{p.rule.file}:{p.exception.line or p.rule.line}: {p.message}" for p in audit.rule_problems],
        "to_check": [
            f"{e.file}:{e.line}: event '{e.id}' is still planned for {e.date.describe()}, which has passed"
            for e in audit.overdue
        ]
        + [
            f"{t.file}:{t.line}: term '{t.id}' explains a departure ('anomaly') but follows its rotation rule"
            for t in audit.stale
        ],
    }


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
