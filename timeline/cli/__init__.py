"""The `timeline` command line: the only layer that prints, exits, or reads the clock."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="timeline",
    help="The governance calendar of international organisations: who chairs, who holds which office, "
    "when and where bodies meet.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module registers its commands on `app`.
from timeline.cli import (
    feeds,
    overview,
    page,
    query,
    site,
)


def main() -> None:
    """Console-script entry point."""
    app()
