"""Query commands: who-chairs, who-holds, terms, sessions, events, next, forecast, validate."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline.cli.common import (
    DataOption,
    JsonOption,
    OrgOption,
    app,
    emit,
    emit_json,
    friendly_errors,
    open_timeline,
    parse_day,
    today,
)
from timeline.core.dates import Duration, PartialDate
from timeline.core.query import as_period
from timeline.render import text
from timeline.render.json import JSON_VERSION, audit_dict, chair_dict, envelope, event_dict, period_dict, term_dict
from timeline.render.words import day_text, status_tag


@app.command("who-chairs")
@friendly_errors
def who_chairs(
    when: Annotated[
        str | None, typer.Argument(help="A year (2025), quarter (2025-Q2), month (2025-03) or day [default: today].")
    ] = None,
    data: DataOption = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who chairs the organisation during a year, quarter, month or day (every term overlapping it)."""
    tl, now = open_timeline(data, org), today()
    span = as_period(when or now)
    label = PartialDate.parse(when).describe() if when else f"today ({day_text(now)})"
    chairs = tl.chairs(span)
    if as_json:
        query = {"when": when or now.isoformat(), **period_dict(span)}
        emit_json(envelope(tl, query=query, office=tl.chair_office.id, chairs=[chair_dict(tl, c) for c in chairs]))
    else:
        lines = text.chair_lines(tl, chairs, label, now)
        if span.end is not None and (span.end - span.start).days == 1:
            lines += [
                f"  Handover day: {tl.holder_name(t)}'s term ended that day." for t in tl.outgoing_chairs(span.start)
            ]
        emit(lines)


@app.command("who-holds")
@friendly_errors
def who_holds(
    office: Annotated[str, typer.Argument(help="Office id or name, e.g. secretary-general or 'Secretary General'.")],
    on: Annotated[str | None, typer.Option("--on", help="The day, YYYY-MM-DD [default: today].")] = None,
    data: DataOption = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who holds an office on a day."""
    tl, now = open_timeline(data, org), today()
    day = parse_day(on, "--on") if on else now
    found = tl.office(office)
    terms = tl.holders(found.id, day)
    if as_json:
        emit_json(envelope(tl, office=found.id, on=day.isoformat(), terms=[term_dict(tl, t) for t in terms]))
        return
    if not terms:
        emit([f"No holder of {found.name} is recorded on {day_text(day)}."])
        return
    emit([f"{found.name} on {day_text(day)}:", *text.term_lines(tl, terms, now)])


@app.command("terms")
@friendly_errors
def terms(
    office: Annotated[str, typer.Argument(help="Office id or name.")],
    projected_years: Annotated[
        int, typer.Option("--projected-years", help="For a rotating office: years to project past today.")
    ] = 2,
    data: DataOption = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every term of an office, oldest first; a rotating office adds the terms its rule projects."""
    tl, now = open_timeline(data, org), today()
    found = tl.office(office)
    listed = tl.terms(found.id, until=Duration(years=projected_years).after(now))
    if as_json:
        emit_json(envelope(tl, office=found.id, terms=[term_dict(tl, t) for t in listed]))
        return
    emit([f"{found.name} — {len(listed)} term(s):", *text.term_lines(tl, listed, now)])


@app.command("sessions")
@friendly_errors
def sessions(
    year: Annotated[int | None, typer.Option("--year", help="Only sessions in this year.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="Only this body (id, abbreviation or name).")] = None,
    data: DataOption = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """Regular and extraordinary sessions, by date."""
    tl, now = open_timeline(data, org), today()
    found = tl.sessions(year, body)
    if as_json:
        emit_json(envelope(tl, sessions=[event_dict(tl, e) for e in found]))
        return
    scope = f" in {year}" if year else ""
    emit([f"{len(found)} session(s){scope}:", *(text.event_line(tl, e, now) for e in found)])


@app.command("events")
@friendly_errors
def events(
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (inclusive), YYYY-MM-DD.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="Only this body.")] = None,
    data: DataOption = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """All events (sessions, meetings, consultations, ...) between two days."""
    from timeline.core.dates import ONE_DAY, Period

    tl, now = open_timeline(data, org), today()
    first = parse_day(start, "--from") if start else None
    last = parse_day(end, "--to") if end else None
    span = None
    if first or last:
        span = Period(first or PartialDate(1).earliest, last + ONE_DAY if last else None)
    found = tl.events(span, body)
    if as_json:
        emit_json(envelope(tl, events=[event_dict(tl, e) for e in found]))
        return
    emit([f"{len(found)} event(s):", *(text.event_line(tl, e, now) for e in found)])


@app.command("next")
@friendly_errors
def next_events(
    count: Annotated[int, typer.Argument(help="How many events.")] = 5,
    data: DataOption = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """The next events from today on (planned ones, with their announced precision)."""
    tl, now = open_timeline(data, org), today()
    found = tl.next_events(now, count)
    if as_json:
        emit_json(envelope(tl, today=now.isoformat(), events=[event_dict(tl, e) for e in found]))
        return
    if not found:
        emit([f"No event is recorded after {day_text(now)}."])
        return
    emit([f"Next {len(found)} event(s) after {day_text(now)}:", *(text.event_line(tl, e, now) for e in found)])


@app.command("forecast")
@friendly_errors
def forecast(
    years: Annotated[int, typer.Option("--years", help="How many years ahead.")] = 5,
    data: DataOption = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """The chairmanship for the coming years: recorded terms, then what the rotation rule projects."""
    tl, now = open_timeline(data, org), today()
    found = tl.forecast(now, years)
    if as_json:
        emit_json(envelope(tl, today=now.isoformat(), years=years, terms=[term_dict(tl, t) for t in found]))
        return
    lines = [f"{tl.chair_office.name}, the next {years} years:"]
    for term in found:
        people = ", ".join(p.name for p in tl.chair_persons(term))
        who = f"{tl.holder_name(term)}{f' ({people})' if people else ''}{status_tag(term)}"
        lines.append(f"  {who}: {text.term_span_text(term, now)}")
        if term.is_projected and term.note:
            lines.append(f"    {term.note}")
    emit(lines)


@app.command("validate")
@friendly_errors
def validate(
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Also fail on facts without sources, unexplained rotation anomalies and session chairs."
        ),
    ] = False,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check the data: every file, reference and date; with --strict, sources, rotation anomalies and session chairs.

    Planned events whose dates have all passed are listed "to check" (they never fail the check).
    """
    from timeline.core.audit import audit
    from timeline.core.query import Timeline
    from timeline.load import default_data_dir, load_all

    now = today()
    reports, failures = [], 0
    for org in load_all(data or default_data_dir()).values():
        tl = Timeline(org)
        found = audit(tl, now)
        failures += found.failures if strict else 0
        reports.append(audit_dict(tl, found))
    if as_json:
        emit_json({"version": JSON_VERSION, "strict": strict, "ok": failures == 0, "organisations": reports})
    else:
        emit([line for report in reports for line in text.audit_lines(report, strict)])
    if failures:
        typer.echo(f"--strict: {failures} problem(s) to fix or acknowledge in the data.", err=True)
        raise typer.Exit(1)
