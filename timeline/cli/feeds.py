"""`timeline ics`: list an organisation's iCalendar feeds, or write one (icalendar is imported only here, late)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.common import DataOption, OrgsOption, app, emit, friendly_errors, open_timelines, source_epoch, today
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
) -> None:
    """iCalendar feeds: list them with their event counts, or write one to stdout or a file."""
    from timeline.render.ical.feeds import org_stamp, render_feeds
    from timeline.site.build import projection_horizon

    horizon, epoch = projection_horizon(today()), source_epoch()
    found = []
    for tl in open_timelines(data, org):
        feeds, _ = render_feeds(tl, horizon=horizon, stamp=org_stamp(tl.org, epoch), base_url=base_url)
        found.append((tl, feeds))
    if feed is None:
        lines = []
        for tl, feeds in found:
            width = max(len(f.name) for f in feeds)
            lines.append(
                f"Feeds of {tl.org.short or tl.org.id} ({len(feeds)}; write one with: timeline ics NAME -o FILE):"
            )
            lines += [f"  {f.name:<{width}}  {f.events:>3} event(s)  {f.title}" for f in feeds]
        emit(lines)
        return
    chosen = pick(found, feed)
    if output is None:
        typer.echo(chosen.content, nl=False)  # bytes: CRLF and UTF-8 exactly as published
        return
    output.write_bytes(chosen.content)
    typer.echo(f"Wrote {chosen.name} ({chosen.events} event(s)) to {output}", err=True)
