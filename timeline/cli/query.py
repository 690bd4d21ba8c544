"""Query commands over one or several organisations: who-chairs, who-holds, terms, sessions, events, forecast."""

from __future__ import annotations

import time
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
    today,
    understood_day,
    understood_when,
)
from timeline.core.dates import Duration, PartialDate
from timeline.core.query import SESSION_KINDS, Timeline, as_period
from timeline.errors import QueryError
from timeline.render import text
from timeline.render.json import answer, chair_dict, event_dict, org_part, period_dict, term_dict
from timeline.render.view import View


@app.command("who-chairs")
@friendly_errors
def who_chairs(
    asked: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[WHEN]",
            help="A year (2025, next year), quarter (Q2 2025), month (March 2025, 2025-3) or day (today, 2025-03-07); "
            "default: today.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Who chairs each organisation during a year, quarter, month or day (every term overlapping it)."""
    from timeline.cli.answers_kept import keep_answers

    began, when, words = time.time_ns(), given(" ".join(asked), "WHEN") if asked else None, language_of(lang)
    opened, now = open_timelines(data, org), today()
    timelines = [t for t in opened if t.org.chair_office]
    asked = understood_when(when, "WHEN") if when else PartialDate.of(now)
    span = as_period(str(asked))
    is_today = asked == PartialDate.of(now)
    label = words("label.today", day=words.day(now)) if is_today else words.day(asked)
    when = str(asked)
    answers = [(tl, tl.chairs(span)) for tl in timelines]
    if as_json:
        query = {"when": when, **period_dict(span)}
        _emit_parts(query, "chairs", chair_dict, [(tl, tl.chair_office.id, chairs) for tl, chairs in answers])
        keep_answers(data, began, asked, span, opened, answers, None)
        return
    lines, shown = [], []
    for tl, chairs in answers:
        lines += text.chair_lines(View.of(tl, now, words), chairs, label)
        shown += [c.term for c in chairs]
        if span.end is not None and (span.end - span.start).days == 1:
            lines += text.handover_lines(tl, span.start, words)
            following = tl.forecast(span.start, 1) if is_today else []
            lines += text.next_chair_lines(tl, chairs, following, words)
    emit(lines + text.gloss_lines(shown, words))
    keep_answers(data, began, asked, span, opened, answers, words)


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
    """The organisations that have an office by that id, name or words (`understand.find_office`)."""
    from timeline.cli.understand import find_office, suggestion

    names = {n: o.id for tl in timelines for o in tl.org.offices if o.member is None for n in (o.id, o.name)}
    hint = suggestion(office, names, names)
    missing = f"no office '{office}' in any organisation{hint} (or name the organisation: --org ID)"
    return _having(timelines, lambda tl: find_office(tl, office), missing)


@app.command("who-holds")
@friendly_errors
def who_holds(
    office: Annotated[str, typer.Argument(help="Office id or name, e.g. secretary-general or 'Secretary General'.")],
    on: Annotated[
        str | None, typer.Option("--on", help="The day: 2025-03-07, 7 March 2025, today; default: today.")
    ] = None,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Who holds an office on a day."""
    office, now, words = given(office, "OFFICE") or "", today(), language_of(lang)
    day = understood_day(on, "--on") if on else now
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
    asked: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[WHEN]",
            help="Only sessions in this year, quarter or month (2026, next year, March 2026).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[str | None, typer.Option("--year", help="Only sessions in this year (2026, next year).")] = None,
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
    when = " ".join(asked) if asked else None
    span = understood_when(given(when or year, "--year") or "", "--year") if when or year else None
    answers = [(tl, tl.events(str(span), body, SESSION_KINDS) if span else tl.sessions(None, body)) for tl in timelines]
    if as_json:
        query = {"year": (span.year if str(span).isdigit() else str(span)) if span else None, "body": body}
        _emit_parts(query, "sessions", event_dict, [(tl, None, f) for tl, f in answers])
        return
    scope = ""
    if span:
        year_only = str(span).isdigit()
        scope = (
            words("sessions.scope", year=span.year) if year_only else words("sessions.scope_span", span=words.day(span))
        )
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
    start: Annotated[
        str | None, typer.Option("--from", help="From this day, month or year (2026-03-07, March 2026).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="To this day, month or year, inclusive (2026-12-31, 2026).")
    ] = None,
    body: Annotated[str | None, typer.Option("--body", help="Only this body.")] = None,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """All events (sessions, meetings, consultations, ...) between two days."""
    from timeline.core.dates import Period

    timelines, now, words = open_timelines(data, org), today(), language_of(lang)
    first = understood_day(start, "--from") if start else None
    until = understood_when(end, "--to").span.end if end else None
    if first and until and until <= first:
        raise QueryError(f"--to {end} is before --from {start}")
    span = Period(first or PartialDate(1).earliest, until) if first or until else None
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
    emit(lines + text.gloss_lines([t for _, found in answers for t in found], words))
