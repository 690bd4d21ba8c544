"""What every command shares: the typer app, options, the clock, loading, error translation, JSON output."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from timeline.errors import DataErrors, QueryError, TimelineError

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="timeline",
    help="The governance calendar of international organisations: who chairs, who holds which office, "
    "when and where bodies meet.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="TIMELINE_DATA",
        help="Data folder with one sub-folder per organisation [default: the bundled data].",
        show_default=False,
    ),
]
OrgOption = Annotated[str | None, typer.Option("--org", help="Organisation id (needed when the data holds several).")]
OrgsOption = Annotated[
    list[str] | None,
    typer.Option("--org", help="Organisation id; repeat it or separate ids with commas [default: every organisation]."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON in the documented shape instead of text.")]


def today() -> date:
    """The day queries are relative to: TIMELINE_TODAY (YYYY-MM-DD) when set, else the system date."""
    fixed = os.environ.get("TIMELINE_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise QueryError(f"TIMELINE_TODAY is '{fixed}', expected YYYY-MM-DD") from None


def source_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC datetime, when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError):
        raise QueryError(f"SOURCE_DATE_EPOCH is '{epoch}', expected seconds since 1970") from None


def parse_day(text: str, option: str) -> date:
    """An exact day given on the command line."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"{option} '{text}' is not a date (use YYYY-MM-DD)") from None


def open_timeline(data: Path | None, org: str | None):
    """Load one organisation's timeline (errors become DataErrors/QueryError)."""
    from timeline.load import load

    return load(data, org)


def open_timelines(data: Path | None, orgs: list[str] | None) -> list:
    """Load the organisations asked for (every one when none is named); errors become DataErrors/QueryError."""
    from timeline.load import load_many

    wanted = [o.strip() for value in orgs or [] for o in value.split(",") if o.strip()]
    return load_many(data, wanted)


def emit_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def emit(lines: list[str]) -> None:
    typer.echo("\n".join(lines))


def friendly_errors(command: F) -> F:
    """Turn timeline's errors into one line each on stderr and a non-zero exit, with no traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DataErrors as failed:
            for error in failed.errors:
                typer.echo(str(error), err=True)
            typer.echo(f"{len(failed.errors)} error(s) in the data; nothing was changed.", err=True)
            raise typer.Exit(failed.exit_code) from None
        except TimelineError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]
