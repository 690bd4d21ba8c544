"""Commands over all organisations: orgs, chairs --member, validate."""

from __future__ import annotations

from datetime import date
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
    understood_when,
)
from timeline.core.asof import PROJECTION_YEARS, projection_horizon
from timeline.core.dates import Period
from timeline.errors import DataErrors, QueryError
from timeline.render import text
from timeline.render.json import JSON_VERSION, audit_dict, org_summary, russian, term_dict


@app.command("orgs")
@friendly_errors
def orgs(data: DataOption = None, as_json: JsonOption = False, lang: LangOption = None) -> None:
    """The organisations in the data: what each holds, and who chairs it today."""
    timelines, now = open_timelines(data, None), today()
    summaries = [org_summary(tl, now) for tl in timelines]
    if as_json:
        emit_json({"version": JSON_VERSION, "today": now.isoformat(), "organisations": summaries})
        return
    emit(text.org_summary_lines(summaries, language_of(lang)))


def _bound(value: str, option: str) -> Period:
    """The span of a year, quarter, month or day given on the command line ('2015', 'March 2015', 'next year')."""
    return understood_when(value, option).span


def _member_and_when(timelines: list, asked: list[str]) -> tuple[str, str | None]:
    """The member state and the date in `chairs Kazakhstan 2026`, `chairs United States next year`: the longest
    leading words that name a member, the rest a date (QueryError for the member when none does)."""
    from timeline.cli.understand import find_member

    words = [w for w in asked if w.strip()]
    if not words:
        raise QueryError("MEMBER is empty")
    for split in range(len(words), 0, -1):
        try:
            member_id = find_member(timelines, " ".join(words[:split]))
        except QueryError:
            continue
        rest = " ".join(words[split:])
        if rest:
            understood_when(rest, "WHEN")  # a usage error now when the rest is no date
        return member_id, rest or None
    for split in range(len(words) - 1, 0, -1):  # the rest is a date: the error is the member's
        try:
            understood_when(" ".join(words[split:]), "WHEN")
        except QueryError:
            continue
        find_member(timelines, " ".join(words[:split]))
    return find_member(timelines, " ".join(words)), None


@app.command("chairs")
@friendly_errors
def chairs(
    asked: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="MEMBER [WHEN]",
            help="A member state, by ISO code (kz) or name in any case and language (Kazakhstan, Казахстан), then "
            "optionally a year, quarter, month or day (2026, next year, March 2026).",
            show_default=False,
        ),
    ] = None,
    member: Annotated[str | None, typer.Option("--member", help="The member state, as an option.")] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="From this year, month or day; default: the earliest.")
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to", help=f"Up to this year, month or day, inclusive; default: {PROJECTION_YEARS} years ahead."
        ),
    ] = None,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Everything a member state chairs across organisations, in time order: `timeline chairs Kazakhstan 2026`."""
    from timeline.cli.understand import find_member
    from timeline.core.across import chairs_of, member_name

    timelines, now = open_timelines(data, org), today()
    if asked and member:
        raise QueryError(f"two member states given: '{' '.join(asked)}' and --member '{member}' (give one)")
    if not asked and not given(member, "--member"):
        raise QueryError("which member state? e.g. timeline chairs Kazakhstan 2026")
    member_id, when = _member_and_when(timelines, asked) if asked else (find_member(timelines, member or ""), None)
    if when and (start or end):
        raise QueryError(f"give WHEN ('{when}') or --from/--to, not both")
    if when:
        start = end = when
    first = _bound(start, "WHEN" if when else "--from").start if start else date(1, 1, 1)
    last = _bound(end, "WHEN" if when else "--to").end or first if end else projection_horizon(now)
    if last <= first:
        raise QueryError(f"--to {end} is before --from {start}")
    held = chairs_of(timelines, member_id, Period(first, last))
    who = member_name(timelines, member_id)
    if as_json:
        emit_json(
            {
                "version": JSON_VERSION,
                "query": {"member": member, "from": start, "to": end},
                "member": {
                    "id": member_id,
                    "name": who.name if who else member_id,
                    "name_ru": russian(who),
                },
                "chairs": [{"org": h.timeline.org.id, "term": term_dict(h.timeline, h.term)} for h in held],
            }
        )
        return
    words = language_of(lang)
    lines = text.held_lines(words.name(who) if who else member_id, held, now, words)
    emit(lines + text.gloss_lines([h.term for h in held], words))


@app.command("validate")
@friendly_errors
def validate(
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Also fail on facts without sources, rotation departures no exception explains, exceptions that do "
            "not fit, session chairs, and weak sources (terms and sessions from 2015 on with only reference/other "
            "sources, current chairs without an official source, URLs shared by sources of different facts, "
            "denied hosts).",
        ),
    ] = False,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Check the data: every file, reference and date; with --strict, sources and their kinds, rotation departures and
    session chairs.

    Planned events whose dates have all passed are listed "to check" (they never fail the check).
    """
    from timeline.core.audit import audit
    from timeline.load import default_data_dir, load_all

    now = today()
    from timeline.cli.understand import organisation_ids

    asked = [o.strip() for value in org or [] for o in value.split(",") if o.strip()]
    wanted = set(organisation_ids(data, asked)) if asked else set()
    reports, failures = [], 0
    from timeline.load.kinds import kind_table

    try:
        loaded = load_all(data or default_data_dir())
    except DataErrors as failed:  # with --json, the errors as JSON too (and on stderr, as always)
        if as_json:
            errors = [{"file": e.file, "line": e.line, "message": e.message} for e in failed.errors]
            emit_json({"version": JSON_VERSION, "strict": strict, "ok": False, "errors": errors, "organisations": []})
        raise
    table = kind_table(data or default_data_dir())
    unknown = wanted - set(loaded)
    if unknown:
        raise QueryError(f"no organisation '{sorted(unknown)[0]}' (try one of: {', '.join(loaded)})")
    from timeline.core.query import Timeline

    for ident, organisation in loaded.items():
        if wanted and ident not in wanted:
            continue
        tl = Timeline(organisation)
        found = audit(tl, now, named=_state_named_by_cldr, table=table)
        failures += found.failures if strict else 0
        reports.append(audit_dict(tl, found))
    if as_json:
        emit_json({"version": JSON_VERSION, "strict": strict, "ok": failures == 0, "organisations": reports})
    else:
        words = language_of(lang)
        emit([line for report in reports for line in text.audit_lines(report, strict, words)])
    if failures:
        typer.echo(language_of(lang).count("audit.failures", failures), err=True)
        raise typer.Exit(1)


def _state_named_by_cldr(fact: object, language: str) -> bool:
    """A member state whose name in a language CLDR gives (its ISO code), so the outputs name it without the data
    naming it."""
    from timeline.core.model import Member
    from timeline.render.lang import cldr

    return isinstance(fact, Member) and cldr.territory(language, fact.id) is not None
