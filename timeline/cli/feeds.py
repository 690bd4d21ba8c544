"""`timeline ics`: list an organisation's iCalendar feeds, or write one (icalendar is imported only here, late)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.common import DataOption, OrgOption, app, emit, friendly_errors, open_timeline, source_epoch, today
from timeline.errors import QueryError


def pick(feeds: list, wanted: str, org: str):
    """The feed named `wanted`: its file name, without '.ics', or without the organisation prefix."""
    stem = wanted.removesuffix(".ics")
    for feed in feeds:
        name = feed.name.removesuffix(".ics")
        if stem in (name, name.removeprefix(f"{org}-")):
            return feed
    names = ", ".join(f.name.removesuffix(".ics").removeprefix(f"{org}-") for f in feeds)
    raise QueryError(f"no feed '{wanted}' for {org} (try one of: {names})")


@app.command("ics")
@friendly_errors
def ics(
    feed: Annotated[str | None, typer.Argument(help="Feed to write, e.g. chairmanship or csto-sessions.ics.")] = None,
    org: OrgOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the feed to this file.")] = None,
    data: DataOption = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Where the feeds are published (adds SOURCE and URL).")
    ] = None,
) -> None:
    """iCalendar feeds: list them with their event counts, or write one to stdout or a file."""
    from timeline.render.ical.feeds import org_stamp, render_feeds
    from timeline.site.build import projection_horizon

    tl = open_timeline(data, org)
    horizon, stamp = projection_horizon(today()), org_stamp(tl.org, source_epoch())
    feeds, _ = render_feeds(tl, horizon=horizon, stamp=stamp, base_url=base_url)
    if feed is None:
        width = max(len(f.name) for f in feeds)
        lines = [f"Feeds of {tl.org.short or tl.org.id} ({len(feeds)}; write one with: timeline ics NAME -o FILE):"]
        lines += [f"  {f.name:<{width}}  {f.events:>3} event(s)  {f.title}" for f in feeds]
        emit(lines)
        return
    chosen = pick(feeds, feed, tl.org.id)
    if output is None:
        typer.echo(chosen.content, nl=False)  # bytes: CRLF and UTF-8 exactly as published
        return
    output.write_bytes(chosen.content)
    typer.echo(f"Wrote {chosen.name} ({chosen.events} event(s)) to {output}", err=True)
