"""Publishing commands: build (and, later, serve)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli import app
from timeline.cli.common import DataOption, emit, friendly_errors, today


@app.command("build")
@friendly_errors
def build(
    out: Annotated[Path, typer.Option("--out", help="Output folder, replaced atomically.")] = Path("output"),
    data: DataOption = None,
) -> None:
    """Build everything under --out: for each organisation, its JSON export (and feeds, page)."""
    from timeline.build import build_site
    from timeline.load import default_data_dir

    report = build_site(data or default_data_dir(), out, today())
    emit([f"Wrote {len(report.files)} file(s) to {out}:", *(f"  {name}  ({what})" for name, what in report.files)])
