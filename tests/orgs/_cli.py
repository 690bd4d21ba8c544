"""Helpers for the tests of one bundled organisation: its Timeline, and the CLI run with --org."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from timeline.cli import app
from timeline.load import default_data_dir, load

runner = CliRunner()


def timeline_of(org: str):
    return load(default_data_dir(), org)


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def cli_json(*args: str) -> dict:
    return json.loads(cli(*args, "--json"))


def chair_of(org: str, when: str) -> list[tuple[str | None, str]]:
    """(member id, status) of each chair of an organisation for a year, month or day, through the CLI's JSON."""
    [part] = cli_json("who-chairs", when, "--org", org)["organisations"]
    return [(c["member"]["id"] if c["member"] else None, c["term"]["status"]) for c in part["chairs"]]
