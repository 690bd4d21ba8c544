"""`timeline html`: write one organisation's interactive timeline as a single self-contained page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.common import DataOption, OrgOption, app, friendly_errors, open_timeline, today


@app.command("html")
@friendly_errors
def html(
    org: OrgOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the page here [default: <org>-timeline.html].")
    ] = None,
    data: DataOption = None,
) -> None:
    """Write the interactive timeline (terms, chairmanship, sessions) as one HTML page that works offline."""
    from timeline.render.html.page import render_page
    from timeline.site.build import projection_horizon

    tl = open_timeline(data, org)
    day = today()
    target = output or Path(f"{tl.org.id}-timeline.html")
    page = render_page(tl, today=day, horizon=projection_horizon(day), feeds=[], plotly_src=None, built=day)
    target.write_text(page, encoding="utf-8")
    typer.echo(f"Wrote {target} ({len(page.encode('utf-8')) / 1e6:.1f} MB, plotly.js inlined; open it in a browser)")
