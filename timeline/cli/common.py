"""What every command shares: the typer app, options, the clock, loading, error translation, JSON output."""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import json
import os
import re
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer._click import exceptions as click
from typer.core import TyperGroup
from typer.exceptions import Abort

from timeline.core.dates import PartialDate, check_year
from timeline.errors import DataErrors, PublishError, QueryError, TimelineError, ValueProblem
from timeline.render.lang import CODES, Language, from_environment, language

F = TypeVar("F", bound=Callable[..., Any])


class OneLineErrors(TyperGroup):
    """The command group, whose usage errors (a bad option, a value out of range, a missing argument) are one line
    on stderr and exit code 2, as every other error of a bad argument is, instead of click's usage block."""

    def main(
        self,
        args: Any = None,
        prog_name: Any = None,
        complete_var: Any = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        empty = empty_argument(list(sys.argv[1:] if args is None else args))
        if empty:
            _say(f"error: {empty} (see: timeline --help)")
            sys.exit(USAGE)
        if sys.stdout is None:  # started with stdout closed (`>&-`): writing to it is an error, said once
            sys.stdout = _Closed()
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "timeline"
            typer.echo(f"error: {error.format_message()} (see: {where} --help)", err=True)
            sys.exit(USAGE)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except Abort:
            typer.echo("Aborted!", err=True)
            sys.exit(1)
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as other tools do
            _quiet_stdout()
            sys.exit(1)
        except OSError as error:  # stdout (or stderr) cannot be written: a full disk, a closed descriptor
            _quiet_stdout()
            _say(f"error: {output_problem(error, 'standard output')}")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def list_commands(self, ctx: Any) -> list[str]:
        """The commands in the order a reader needs them (`HELP_ORDER`), each under its panel in the help."""
        names = super().list_commands(ctx)
        for name in names:
            self.commands[name].rich_help_panel = PANELS.get(name, PANELS["build"])
        rank = {name: i for i, name in enumerate(HELP_ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))

    def invoke(self, ctx: Any) -> Any:
        """The command, then stdout flushed here, so that a write that fails at the end is reported like one that
        fails at once (not as a traceback while the interpreter exits)."""
        result = super().invoke(ctx)
        if sys.stdout is not None:
            sys.stdout.flush()
        return result


HELP_ORDER = (
    "who-chairs",
    "next",
    "chairs",
    "forecast",
    "terms",
    "who-holds",
    "sessions",
    "events",
    "orgs",
    "build",
    "serve",
    "ics",
    "html",
    "validate",
    "review",
    "sources",
)
"""The commands as the help lists them: the questions first, then publishing, then the curators' commands."""
PANELS = {
    **dict.fromkeys(HELP_ORDER[:9], "Questions"),
    **dict.fromkeys(("build", "serve", "ics", "html"), "Calendars and pages"),
    **dict.fromkeys(("validate", "review", "sources", "ingest"), "For curators"),
}


def empty_argument(args: list[str]) -> str | None:
    """What is wrong when an argument is empty or blank (`--out ""`, `--data=`, `ics ""`): a usage error, since an
    empty path would quietly mean the working folder; None when every argument has a value."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if arg.startswith("--") and equals and not value.strip():
            return f"{name} is given an empty value"
        if not arg.strip():
            before = args[i - 1] if i and args[i - 1].startswith("-") and "=" not in args[i - 1] else None
            return f"{before} is given an empty value" if before else "an argument is empty"
    return None


class _Closed(io.TextIOBase):
    """Standard output when the process started without one: every write fails as writing to a closed file does."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "closed")


def _quiet_stdout() -> None:
    """Point stdout at nothing, so the interpreter's last flush at exit cannot fail again."""
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the interpreter closes it at exit


def _say(line: str) -> None:
    """One line on stderr, if stderr can still be written."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr, flush=True)


def output_problem(error: OSError, target: str) -> str:
    """Why an output could not be written, as one line: 'cannot write out.ics: no such folder …'."""
    why = {
        errno.ENOENT: "its folder does not exist",
        errno.EISDIR: "it is a folder (give a file name)",
        errno.ENOTDIR: "part of the path is a file, not a folder",
        errno.ENOSPC: "no space left on the device",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.EBADF: "it is closed",
    }.get(error.errno or 0, (error.strerror or type(error).__name__).lower())
    return f"cannot write {target}: {why}"


def write_output(target: Path, content: bytes, data: Path | None) -> None:
    """Write a file the user named (-o): never in the data folder, and a failure is one line (PublishError)."""
    from timeline.load import default_data_dir
    from timeline.site.apart import keep_apart

    keep_apart(target, "--output", data or default_data_dir(), folder=False)
    try:
        with open(target, "wb") as handle:
            handle.write(content)
    except OSError as error:
        raise PublishError(output_problem(error, str(target))) from None


USAGE = 2
"""The exit code of a bad command-line argument (typer's and click's)."""

app = typer.Typer(
    cls=OneLineErrors,
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
        help="Data folder with one sub-folder per organisation; default: the bundled data.",
        show_default=False,
    ),
]
OrgOption = Annotated[
    str | None,
    typer.Option("--org", help="Organisation: id, name or abbreviation (needed when the data holds several)."),
]
OrgsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--org",
        help="Organisation: id, name or abbreviation in any case (csto, CSTO, ОДКБ, eu, un); repeat it or separate "
        "them with commas; default: every organisation.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON in the documented shape instead of text.")]


def _known_language(value: str | None) -> str | None:
    if value is not None and value.strip().lower() not in CODES:
        raise typer.BadParameter(f"'{value}' is not one of: {', '.join(CODES)}")
    return value.strip().lower() if value is not None else None


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the answer: en or ru; default: TIMELINE_LANG, else the locale in LC_ALL or LANG, else en.",
        callback=_known_language,
        show_default=False,
    ),
]


def language_of(code: str | None) -> Language:
    """The language asked for with --lang, else by the environment (TIMELINE_LANG, LC_ALL, LANG), else English."""
    if code is None:
        try:
            code = from_environment(os.environ)
        except ValueError as problem:
            raise QueryError(str(problem)) from None
    return language(code)


def today() -> date:
    """The day queries are relative to: TIMELINE_TODAY (YYYY-MM-DD) when set, else the system date."""
    fixed = os.environ.get("TIMELINE_TODAY")
    if not fixed:
        return date.today()
    return parse_day(fixed, "TIMELINE_TODAY")


def source_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC datetime, when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        stamp = datetime.fromtimestamp(int(epoch), UTC) if len(epoch) <= 20 else None
    except (ValueError, OverflowError, OSError):
        stamp = None
    if stamp is None:
        raise QueryError(f"SOURCE_DATE_EPOCH is '{epoch[:30]}', expected seconds since 1970")
    try:
        check_year(stamp.year)
    except ValueProblem as problem:
        raise QueryError(f"SOURCE_DATE_EPOCH is '{epoch}' ({stamp.date()}): {problem}") from None
    return stamp


def parse_day(text: str, option: str) -> date:
    """An exact day given on the command line, within the years timeline supports."""
    try:
        day = date.fromisoformat(text.strip()) if re.fullmatch(r"\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*", text) else None
    except ValueError:
        day = None
    if day is None:
        raise QueryError(f"{option} '{text}' is not a date (use YYYY-MM-DD)")
    try:
        check_year(day.year)
    except ValueProblem as problem:
        raise QueryError(f"{option} '{text}': {problem}") from None
    return day


def understood_when(text: str, option: str) -> PartialDate:
    """A date as a reader types it ('today', 'next year', 'March 2026', 'Q1 2027', '2026-3', 'сегодня'), relative
    to `today()`; a usage error when it is none."""
    from timeline.cli.when import understand

    return understand(text, today(), option)


def understood_day(text: str, option: str) -> date:
    """A day as a reader types it ('today', '2026-12-07', '7 December 2026'); a month or year means its first day."""
    return understood_when(text, option).earliest


def open_timeline(data: Path | None, org: str | None):
    """Load one organisation's timeline (errors become DataErrors/QueryError); `org` by id, name or alias."""
    from timeline.cli.understand import organisation_ids, where
    from timeline.load import default_data_dir, load, organisation_dirs

    if org is None:
        folders = [f.name for f in organisation_dirs(data if data is not None else default_data_dir())]
        if len(folders) > 1:
            raise QueryError(
                f"{len(folders)} organisations in {where(data)}: choose one with --org ({', '.join(folders)})"
            )
    return load(data, organisation_ids(data, [org])[0] if org else None)


def open_timelines(data: Path | None, orgs: list[str] | None) -> list:
    """Load the organisations asked for, by id, name, abbreviation or alias in any case and language (every one
    when none is named); errors become DataErrors/QueryError."""
    from timeline.cli.understand import organisation_ids
    from timeline.load import load_many

    wanted = [o.strip() for value in orgs or [] for o in value.split(",") if o.strip()]
    if orgs and not wanted:
        raise QueryError("--org is empty (give an organisation id, e.g. --org csto)")
    return load_many(data, organisation_ids(data, wanted) if wanted else [])


def given(value: str | None, name: str) -> str | None:
    """A text argument as given, refused when it is there but blank ('' is not 'today' or 'all')."""
    if value is not None and not value.strip():
        raise QueryError(f"{name} is empty")
    return value.strip() if value is not None else None


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
