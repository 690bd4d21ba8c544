"""`timeline ics`: list an organisation's iCalendar feeds, or write one (icalendar is imported only here, late)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.common import (
    DataOption,
    LangOption,
    OrgsOption,
    app,
    emit,
    friendly_errors,
    language_of,
    open_timelines,
    source_epoch,
    today,
    write_output,
)
from timeline.errors import QueryError


def pick(found: list[tuple[object, list]], wanted: str):
    """The feed named `wanted` among the organisations' feeds: its file name, without '.ics', or without the
    organisation prefix when only one organisation has a feed by that name."""
    stem = wanted.removesuffix(".ics")
    matches = [
        feed
        for tl, feeds in found
        for feed in feeds
        if stem in (feed.name.removesuffix(".ics"), feed.name.removesuffix(".ics").removeprefix(f"{tl.org.id}-"))
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(f.name.removesuffix(".ics") for f in matches)
        raise QueryError(f"several organisations have a feed '{wanted}': name one of {names}, or pass --org")
    names = ", ".join(f.name.removesuffix(".ics") for _, feeds in found for f in feeds)
    raise QueryError(f"no feed '{wanted}' (try one of: {names})")


@app.command("ics")
@friendly_errors
def ics(
    feed: Annotated[
        str | None, typer.Argument(help="Feed to write, e.g. csto-chairmanship or chairmanship --org csto.")
    ] = None,
    org: OrgsOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the feed to this file.")] = None,
    data: DataOption = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Where the feeds are published (adds SOURCE and URL).")
    ] = None,
    lang: LangOption = None,
) -> None:
    """iCalendar feeds: list them with their event counts, or write one to stdout or a file. The feeds in Russian
    (--lang ru) are other calendars than the English ones, as `timeline build` publishes them under ru/."""
    from timeline.render.ical.feeds import org_stamp, render_feeds
    from timeline.render.view import SiteView

    epoch, words = source_epoch(), language_of(lang)
    found = []
    for view in SiteView.of(open_timelines(data, org), today(), words):
        tl = view.tl
        feeds, _ = render_feeds(view, stamp=org_stamp(tl.org, epoch), base_url=base_url)
        found.append((tl, feeds))
    if feed is None:
        lines = []
        for tl, feeds in found:
            width = max(len(f.name) for f in feeds)
            lines.append(words.count("ics.heading", len(feeds), org=words.short(tl.org)))
            events = [words.count("count.events", f.events) for f in feeds]
            wide = max(map(len, events))
            lines += [f"  {f.name:<{width}}  {n:>{wide}}  {f.title}" for f, n in zip(feeds, events, strict=True)]
        emit(lines)
        return
    chosen = pick(found, feed)
    if output is None:
        typer.echo(chosen.content, nl=False)  # bytes: CRLF and UTF-8 exactly as published
        return
    write_output(output, chosen.content, data)
    events = words.count("count.events", chosen.events)
    typer.echo(words("ics.wrote", name=chosen.name, events=events, output=output), err=True)
