"""The `timeline` command line: the only layer that prints, exits, or reads the clock."""

from __future__ import annotations

from timeline.cli import feeds, overview, page, query, site
from timeline.cli.common import app

COMMANDS = (query, overview, feeds, page, site)
"""The modules that register their commands on `app`: importing them adds the commands, in this order."""


def main() -> None:
    """Console-script entry point."""
    app()
