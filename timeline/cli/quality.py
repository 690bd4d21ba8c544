"""Commands about the data's own quality: sources (how well facts are sourced) and review (what has gone stale)."""

from __future__ import annotations

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
    language_of,
    open_timelines,
    today,
)
from timeline.core.audit import SOURCED_FROM_YEAR, strengths
from timeline.core.review import DATA_AGE_DAYS, review
from timeline.render import text
from timeline.render.json import JSON_VERSION, review_dict, sources_report


@app.command("sources")
@friendly_errors
def sources(
    weakest: Annotated[
        int, typer.Option("--weakest", min=0, help="How many of the least well sourced facts to list.")
    ] = 10,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Sources by kind (official, press, reference, other) in each organisation, and its weakest sourced facts.

    The facts are the recorded terms and sessions from 2015 on; a fact is as strong as its strongest source, and
    the weakest (no source, then only other or reference pages, then press, fewest sources first) come first.
    """
    reports = [sources_report(tl, strengths(tl.org), weakest) for tl in open_timelines(data, org)]
    if as_json:
        emit_json({"version": JSON_VERSION, "since": SOURCED_FROM_YEAR, "organisations": reports})
        return
    words = language_of(lang)
    emit([line for report in reports for line in text.sources_lines(report, SOURCED_FROM_YEAR, words)])


@app.command("review")
@friendly_errors
def review_command(
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 1 when anything is stale.")] = False,
    max_age: Annotated[
        int, typer.Option("--max-age", min=0, help="List organisations whose data was checked longer ago (days).")
    ] = DATA_AGE_DAYS,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """What has gone stale as of today (or TIMELINE_TODAY): past sessions still planned, projected or scheduled
    terms that have begun, next chairs a past session was due to decide, and data checked too long ago."""
    now = today()
    reports = [review_dict(tl, review(tl, now, max_age), max_age) for tl in open_timelines(data, org)]
    findings = sum(r["findings"] for r in reports)
    words = language_of(lang)
    if as_json:
        emit_json({"version": JSON_VERSION, "today": now.isoformat(), "ok": findings == 0, "organisations": reports})
    else:
        emit([line for report in reports for line in text.review_lines(report, now, words)])
    if strict and findings:
        typer.echo(words.count("review.findings", findings), err=True)
        raise typer.Exit(1)
