"""`timeline html`: write one organisation's interactive timeline as a single self-contained page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.common import (
    DataOption,
    LangOption,
    OrgOption,
    app,
    friendly_errors,
    language_of,
    open_timeline,
    today,
    write_output,
)


@app.command("html")
@friendly_errors
def html(
    org: OrgOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the page here; default: <org>-timeline.html.")
    ] = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Write the interactive timeline (terms, chairmanship, sessions) as one HTML page that works offline, in the
    language of --lang."""
    from timeline.render.html.page import render_page
    from timeline.render.view import View

    words = language_of(lang)
    tl = open_timeline(data, org)
    day = today()
    target = output or Path(f"{tl.org.id}-timeline.html")
    page = render_page(View.of(tl, day, words), feeds=[], plotly_src=None, built=day)
    write_output(target, page.encode("utf-8"), data)
    typer.echo(words("page.wrote", path=target, size=f"{len(page.encode('utf-8')) / 1e6:.1f}"))
