"""Query results as JSON-ready dicts: the documented shape that `--json`, the `timeline.json` export and its
schema share (`JSON_VERSION`; within a version, fields are only ever added)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from timeline.core.dates import PartialDate, Period
from timeline.core.model import Event, Named, Term
from timeline.core.query import Chairmanship, Timeline
from timeline.render.lang import EN, language
from timeline.render.words import holder_name, term_note, web_url

if TYPE_CHECKING:
    from timeline.core.audit import Audit, SourceProblem, Strength
    from timeline.core.review import Review

JSON_VERSION = 2


def partial(value: PartialDate | None) -> str | None:
    """A date as the data writes it, to its precision ('2023-Q4'); None stays None."""
    return None if value is None else str(value)


def period_dict(period: Period) -> dict[str, Any]:
    """A period as first day, exclusive end and last day (ISO dates; None when open)."""
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat() if period.end else None,
        "last_day": period.last_day.isoformat() if period.last_day else None,
    }


def sources_list(tl: Timeline, ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """The cited sources, in the order cited."""
    return [
        {"id": s.id, "title": s.title, "url": s.url, "document": s.document, "date": partial(s.date)}
        for s in tl.source_list(ids)
    ]


def person_dict(tl: Timeline, person_id: str | None) -> dict[str, Any] | None:
    """A person by id (None when there is none)."""
    person = tl.people.get(person_id) if person_id else None
    return None if person is None else {"id": person.id, "name": person.name, "name_ru": person.names.get("ru")}


def russian(fact: Named | None) -> str | None:
    """A fact's Russian name as the Russian outputs write it (a state without one in the data takes CLDR's), or
    None when there is none."""
    if fact is None:
        return None
    found = language("ru").name(fact)  # the catalogue is read on the first call (language is memoised)
    return found if fact.names.get("ru") or found != fact.english_name else None


def term_dict(tl: Timeline, term: Term) -> dict[str, Any]:
    """One term, recorded or projected."""
    holder = tl.holder(term)
    return {
        "id": term.id,
        "office": term.office,
        "holder": term.holder,
        "holders": list(term.holders),
        "group": term.group,
        "holder_name": holder_name(tl, term, EN),
        "holder_name_ru": holder_name(tl, term, language("ru"))
        if term.joint or (term.group and not term.holder)
        else russian(holder),
        "start": partial(term.start),
        "end": partial(term.end),
        "end_unknown": term.end_unknown,
        "attested": [str(d) for d in term.attested],
        "period": period_dict(term.period),
        "status": term.status.value,
        "person": person_dict(tl, term.person),
        "appointed_by": term.appointed_by,
        "anomaly": term.anomaly,
        "official_sought": _day_or_none(term.official_sought),
        "rule": term.rule,
        "confidence": term.confidence.value,
        "note": term_note(tl, term),
        "sources": sources_list(tl, term.sources),
    }


def chair_dict(tl: Timeline, chair: Chairmanship) -> dict[str, Any]:
    """A chairmanship; when no chair person is known, the last recorded head of the member's delegation."""
    member = chair.member
    hint = None if chair.persons or member is None else tl.last_recorded_head(member.id, chair.term.period.start)
    return {
        "member": None if member is None else {"id": member.id, "name": member.name, "name_ru": russian(member)},
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
        "body_name_ru": body.names.get("ru") if body else None,
        "title": event.title,
        "title_ru": event.names.get("ru"),
        "kind": event.kind,
        "date": str(event.date),
        "precision": event.date.precision.name.lower(),
        "last_day": partial(event.last_day),
        "period": period_dict(event.period),
        "time": event.time,
        "end_time": event.end_time,
        "place": None
        if place is None
        else {
            "id": place.id,
            "city": place.city,
            "city_ru": place.names.get("ru"),
            "country": place.country,
            "tz": place.tz,
        },
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


def org_names(tl: Timeline) -> dict[str, Any]:
    """An organisation's id and its names in English and Russian."""
    org = tl.org
    return {
        "org": org.id,
        "name": org.name,
        "name_ru": org.names.get("ru"),
        "short": org.short,
        "short_ru": org.shorts.get("ru"),
    }


def org_part(tl: Timeline, **payload: Any) -> dict[str, Any]:
    """One organisation's part of an answer."""
    return {**org_names(tl), **payload}


def org_summary(tl: Timeline, today: date) -> dict[str, Any]:
    """What `timeline orgs` says of an organisation: its size, its rules, and who chairs today."""
    org = tl.org
    chairs = tl.chairs(today) if org.chair_office else []
    counts = {
        "members": len(org.members),
        "offices": len([o for o in org.offices if o.member is None]),
        "terms": len(org.terms),
        "events": len(org.events),
        "people": len(org.people),
        "rotation_rules": len(org.rotations),
        "sources": len(org.sources_by_id),
    }
    return {
        **org_names(tl),
        "url": org.url,
        "languages": list(org.languages),
        "data_date": partial(org.data_date),
        "chair_office": org.chair_office,
        "chair_office_name": tl.chair_office.name if org.chair_office else None,
        "chair_office_name_ru": tl.chair_office.names.get("ru") if org.chair_office else None,
        "chair_today": [chair_dict(tl, c) for c in chairs],
        "counts": counts,
    }


def source_problem_text(problem: SourceProblem) -> str:
    """One source check's finding as 'file:line: what is wrong'."""
    detail, what = problem.detail, problem.what
    if problem.check == "weak":
        message = f"{what} rests on {' and '.join(detail)} sources alone (from 2015 on, cite an official or press one)"
    elif problem.check == "unofficial_chair":
        kinds = " and ".join(detail) or "no"
        message = f"{what}, a current or decided chair, has {kinds} sources but no official one"
    elif problem.check == "shared_url":
        earlier, where, url, cited_by = detail
        shown = web_url(url) or "(not a web address)"
        message = f"{what} shares its URL {shown} with source '{earlier}' ({where}), which supports other facts"
        message += f" (cited by: {cited_by})"
    else:
        url, why, cited_by = detail
        shown = web_url(url) or "(not a web address)"
        message = f"{what} cites a denied host ({why or 'on the deny list'}): {shown} (cited by: {cited_by})"
    return f"{problem.file}:{problem.line}: {message}"


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
        "no_russian": [f"{fact.file}:{fact.line}: {what}" for what, fact in audit.unnamed],
        "sources": [source_problem_text(p) for p in audit.sources],
        "acknowledged": [
            {
                "term": t.id,
                "official_sought": t.official_sought.isoformat(),
                "where": f"{t.file}:{t.line}",
                "message": f"{t.file}:{t.line}: term '{t.id}' has no official source; one was searched for on "
                f"{EN.day(t.official_sought)} and not found (see its note)",
            }
            for t in audit.sought
            if t.official_sought is not None
        ],
        "to_check": [
            f"{e.file}:{e.line}: event '{e.id}' is still planned for {EN.day(e.date)}, which has passed"
            for e in audit.overdue
        ]
        + [
            f"{t.file}:{t.line}: term '{t.id}' explains a departure ('anomaly') but follows its rotation rule"
            for t in audit.stale
        ]
        + [
            f"{t.file}:{t.line}: term '{t.id}' cites an official source, but 'official_sought' says none was found:"
            " remove the field"
            for t in audit.stale_sought
        ],
    }


def sources_report(tl: Timeline, strengths: list[Strength], weakest: int) -> dict[str, Any]:
    """One organisation's part of `timeline sources`: its sources by kind, its recent terms and sessions by their
    strongest source's kind, and the `weakest` least well sourced of them."""
    from timeline.core.model import SourceKind

    kinds = [k.value for k in SourceKind]
    by_kind = dict.fromkeys(kinds, 0)
    for source in tl.org.sources_by_id.values():
        by_kind[source.kind.value] += 1
    facts = dict.fromkeys([*kinds, "none"], 0)
    for strength in strengths:
        facts[strength.kinds[0].value if strength.kinds else "none"] += 1
    return org_part(
        tl,
        sources=by_kind,
        facts=facts,
        weakest=[
            {
                "fact": s.what,
                "where": f"{s.fact.file}:{s.fact.line}",
                "start": s.fact.period.start.isoformat(),
                "kinds": [k.value for k in s.kinds],
                "sources": list(s.fact.sources),
                "official_sought": _day_or_none(getattr(s.fact, "official_sought", None)),
            }
            for s in strengths[:weakest]
        ],
    )


def _day_or_none(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def review_dict(tl: Timeline, review: Review, max_age_days: int) -> dict[str, Any]:
    """One organisation's part of `timeline review`: what is stale as of a day."""
    org = tl.org

    def where(fact: Term | Event) -> str | None:
        return f"{fact.file}:{fact.line}" if fact.file else None

    return org_part(
        tl,
        data_checked=partial(org.data_date),
        data_age_days=review.data_age,
        max_age_days=max_age_days,
        past_planned=[{"event": e.id, "date": partial(e.date), "where": where(e)} for e in review.past_planned],
        begun=[
            {
                "term": t.id,
                "office": t.office,
                "holder": t.holder,
                "status": t.status.value,
                "start": t.period.start.isoformat(),
                "where": where(t),
            }
            for t in review.begun
        ],
        due=[
            {
                "session": d.session.id,
                "session_date": partial(d.session.date),
                "where": where(d.session),
                "term": d.term.id,
                "holder": d.term.holder,
                "start": d.term.period.start.isoformat(),
            }
            for d in review.due
        ],
        search_again=[
            {
                "term": t.id,
                "official_sought": t.official_sought.isoformat(),
                "days": (review.today - t.official_sought).days,
                "where": where(t),
            }
            for t in review.search_again
            if t.official_sought is not None
        ],
        findings=review.findings,
    )
