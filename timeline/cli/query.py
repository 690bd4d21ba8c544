"""Query commands over one or several organisations: who-chairs, who-holds, terms, sessions, events, next, forecast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from timeline.cli.common import (
    DataOption,
    JsonOption,
    LangOption,
    OrgsOption,
    app,
    emit,
    emit_json,
    friendly_errors,
    given,
    language_of,
    open_timelines,
    parse_day,
    today,
)
from timeline.core.dates import Duration, PartialDate
from timeline.core.query import Timeline, as_period
from timeline.errors import QueryError
from timeline.render import text
from timeline.render.json import answer, chair_dict, event_dict, org_part, period_dict, term_dict
from timeline.render.view import View


@app.command("who-chairs")
@friendly_errors
def who_chairs(
    when: Annotated[
        str | None, typer.Argument(help="A year (2025), quarter (2025-Q2), month (2025-03) or day [default: today].")
    ] = None,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Who chairs each organisation during a year, quarter, month or day (every term overlapping it)."""
    when, words = given(when, "WHEN"), language_of(lang)
    timelines, now = [t for t in open_timelines(data, org) if t.org.chair_office], today()
    span = as_period(when or now)
    label = words.day(PartialDate.parse(when)) if when else words("label.today", day=words.day(now))
    answers = [(tl, tl.chairs(span)) for tl in timelines]
    if as_json:
        query = {"when": when or now.isoformat(), **period_dict(span)}
        _emit_parts(query, "chairs", chair_dict, [(tl, tl.chair_office.id, chairs) for tl, chairs in answers])
        return
    lines = []
    for tl, chairs in answers:
        lines += text.chair_lines(View.of(tl, now, words), chairs, label)
        if span.end is not None and (span.end - span.start).days == 1:
            lines += text.handover_lines(tl, span.start, words)
    emit(lines)


def _emit_parts(query: dict, name: str, convert: Callable, rows: list[tuple[Timeline, str | None, list]]) -> None:
    """Print the JSON answer: per organisation (with the office asked about, if any) its items, converted."""
    parts = [
        org_part(tl, **({"office": office} if office else {}), **{name: [convert(tl, item) for item in items]})
        for tl, office, items in rows
    ]
    emit_json(answer(query, parts))


def _having(timelines: list, find: Callable[[Timeline], object], missing: str) -> list:
    """(timeline, what `find` finds) for each organisation that has it; with one organisation its own error, with
    several a usage error only when none has it."""
    found = []
    for tl in timelines:
        try:
            found.append((tl, find(tl)))
        except QueryError as error:
            if len(timelines) == 1:
                raise error from None
    if not found:
        raise QueryError(missing)
    return found


def _with_office(timelines: list, office: str) -> list:
    """The organisations that have an office by that id or name."""
    ids = sorted({o.id for tl in timelines for o in tl.org.offices if o.member is None})
    missing = f"no office '{office}' in any organisation (try one of: {', '.join(ids)}, or --org ID)"
    return _having(timelines, lambda tl: tl.office(office), missing)


@app.command("who-holds")
@friendly_errors
def who_holds(
    office: Annotated[str, typer.Argument(help="Office id or name, e.g. secretary-general or 'Secretary General'.")],
    on: Annotated[str | None, typer.Option("--on", help="The day, YYYY-MM-DD [default: today].")] = None,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Who holds an office on a day."""
    office, now, words = given(office, "OFFICE") or "", today(), language_of(lang)
    day = parse_day(on, "--on") if on else now
    answers = [(tl, found, tl.holders(found.id, day)) for tl, found in _with_office(open_timelines(data, org), office)]
    if as_json:
        query = {"office": office, "on": day.isoformat()}
        _emit_parts(query, "terms", term_dict, [(tl, found.id, terms) for tl, found, terms in answers])
        return
    lines = []
    for tl, found, terms in answers:
        name = text.office_label(tl, found, len(answers), words)
        if not terms:
            lines.append(words("holds.none", office=name, day=words.day(day)))
        else:
            lines += [
                words("holds.heading", office=name, day=words.day(day)),
                *text.term_lines(View.of(tl, now, words), terms),
            ]
    emit(lines)


@app.command("terms")
@friendly_errors
def terms(
    office: Annotated[str, typer.Argument(help="Office id or name.")],
    projected_years: Annotated[
        int,
        typer.Option("--projected-years", min=0, max=100, help="For a rotating office: years to project past today."),
    ] = 2,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Every term of an office, oldest first; a rotating office adds the turns its rule gives."""
    office, now, words = given(office, "OFFICE") or "", today(), language_of(lang)
    until = Duration(years=projected_years).after(now)
    answers = [(tl, found, tl.terms(found.id, until)) for tl, found in _with_office(open_timelines(data, org), office)]
    if as_json:
        query = {"office": office, "until": until.isoformat()}
        _emit_parts(query, "terms", term_dict, [(tl, found.id, listed) for tl, found, listed in answers])
        return
    lines = []
    for tl, found, listed in answers:
        lines += [
            words.count("terms.heading", len(listed), office=text.office_label(tl, found, len(answers), words)),
            *text.term_lines(View.of(tl, now, words), listed),
        ]
    emit(lines)


@app.command("sessions")
@friendly_errors
def sessions(
    year: Annotated[int | None, typer.Option("--year", min=1800, max=2200, help="Only sessions in this year.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="Only this body (id, abbreviation or name).")] = None,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Regular and extraordinary sessions, by date."""
    timelines, now, words = open_timelines(data, org), today(), language_of(lang)
    body = given(body, "--body")
    if body:
        timelines = [tl for tl, _ in _with_body(timelines, body)]
    answers = [(tl, tl.sessions(year, body)) for tl in timelines]
    if as_json:
        _emit_parts({"year": year, "body": body}, "sessions", event_dict, [(tl, None, f) for tl, f in answers])
        return
    scope = words("sessions.scope", year=year) if year else ""
    lines = []
    for tl, found in answers:
        if found or len(answers) == 1:
            prefix = text.org_prefix(tl, len(answers), words)
            lines += [
                words.count("sessions.heading", len(found), prefix=prefix, scope=scope),
                *(text.event_line(View.of(tl, now, words), e) for e in found),
            ]
    emit(lines or [words("sessions.none", scope=scope)])


def _with_body(timelines: list, body: str) -> list:
    """The organisations that have a body by that id, abbreviation or name."""
    return _having(timelines, lambda tl: tl.body(body), f"no body '{body}' in any organisation (use --org ID)")


@app.command("events")
@friendly_errors
def events(
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (inclusive), YYYY-MM-DD.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="Only this body.")] = None,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """All events (sessions, meetings, consultations, ...) between two days."""
    from timeline.core.dates import ONE_DAY, Period

    timelines, now, words = open_timelines(data, org), today(), language_of(lang)
    first = parse_day(start, "--from") if start else None
    last = parse_day(end, "--to") if end else None
    if first and last and last < first:
        raise QueryError(f"--to {last} is before --from {first}")
    span = Period(first or PartialDate(1).earliest, last + ONE_DAY if last else None) if first or last else None
    body = given(body, "--body")
    if body:
        timelines = [tl for tl, _ in _with_body(timelines, body)]
    answers = [(tl, tl.events(span, body)) for tl in timelines]
    if as_json:
        query = {"from": start, "to": end, "body": body}
        _emit_parts(query, "events", event_dict, [(tl, None, found) for tl, found in answers])
        return
    lines = []
    for tl, found in answers:
        if found or len(answers) == 1:
            lines += [
                words.count("events.heading", len(found), prefix=text.org_prefix(tl, len(answers), words)),
                *(text.event_line(View.of(tl, now, words), e) for e in found),
            ]
    emit(lines or [words("events.none")])


@app.command("next")
@friendly_errors
def next_events(
    count: Annotated[int, typer.Argument(min=1, max=1000, help="How many events.")] = 5,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """The next events from today on, across the organisations (planned ones with their announced precision)."""
    timelines, now, words = open_timelines(data, org), today(), language_of(lang)
    found = sorted(
        ((tl, e) for tl in timelines for e in tl.next_events(now, count)),
        key=lambda pair: (pair[1].date.sort_key(), pair[0].org.id, pair[1].id),
    )[:count]
    if as_json:
        rows = [(tl, None, [e for t, e in found if t is tl]) for tl in timelines]
        _emit_parts({"today": now.isoformat(), "count": count}, "events", event_dict, rows)
        return
    if not found:
        emit([words("next.none", day=words.day(now))])
        return
    several = len(timelines)
    lines = [words.count("next.heading", len(found), day=words.day(now))]
    lines += [text.event_line(View.of(tl, now, words), e, org=several > 1) for tl, e in found]
    emit(lines)


@app.command("forecast")
@friendly_errors
def forecast(
    years: Annotated[int, typer.Option("--years", min=1, max=50, help="How many years ahead.")] = 5,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Each chairmanship in the coming years: recorded and scheduled terms, then what the rotation rules project."""
    timelines, now, words = [t for t in open_timelines(data, org) if t.org.chair_office], today(), language_of(lang)
    answers = [(tl, tl.forecast(now, years)) for tl in timelines]
    if as_json:
        query = {"today": now.isoformat(), "years": years}
        _emit_parts(query, "terms", term_dict, [(tl, tl.chair_office.id, found) for tl, found in answers])
        return
    lines = []
    for tl, found in answers:
        lines += text.forecast_lines(View.of(tl, now, words), found, years)
    emit(lines)
