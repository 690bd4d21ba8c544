"""The `timeline` command line: the only layer that prints, exits, or reads the clock.

`app` (every command registered) is built on first access. `main`, the console script, imports and builds only the
command it is asked for: typer otherwise reads every command's signature and type hints at each start. A
`who-chairs` query the answers cache can answer (`cli.answers`) imports neither typer nor the model.
"""

from __future__ import annotations

import importlib
import os
import sys

MODULES = ("query", "whatnext", "overview", "feeds", "page", "site", "quality", "ingest")
"""The modules that register their commands on `app`: importing them adds the commands, in this order."""

COMMANDS = {
    "ics": "feeds",
    "orgs": "overview",
    "chairs": "overview",
    "validate": "overview",
    "html": "page",
    "who-chairs": "query",
    "who-holds": "query",
    "terms": "query",
    "sessions": "query",
    "events": "query",
    "next": "whatnext",
    "forecast": "query",
    "sources": "quality",
    "review": "quality",
    "build": "site",
    "serve": "site",
    "ingest": "ingest",
}
"""Each command and the module that registers it (a test keeps the two in step)."""


def _register(*modules: str) -> object:
    """The typer app once the given command modules are imported."""
    for module in modules:
        importlib.import_module(f"timeline.cli.{module}")
    from timeline.cli.common import app

    return app


def __getattr__(name: str) -> object:
    if name == "app":
        return _register(*MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console-script entry point: runs the command, flushes its output and leaves without tearing the interpreter
    down (freeing every loaded object would add a fifth to a query's time)."""
    asked = sys.argv[1] if len(sys.argv) > 1 else ""
    if asked == "who-chairs":  # answered from the answers cache when it can be, before typer is imported
        from timeline.cli.answers import answer

        code = answer(sys.argv[1:])
        if code is not None:
            _leave(code)
    if asked in COMMANDS:
        import typer

        app = _register(COMMANDS[asked])
        command = typer.main.get_group(_only(app, asked))
    else:  # --help, no command, or a typo (click suggests the nearest commands)
        import typer

        command = typer.main.get_group(_register(*MODULES))
    from timeline.cli.phrases import kept

    try:
        with kept():
            command(prog_name="timeline")
    except SystemExit as leaving:
        code = leaving.code
    else:
        code = 0
    _leave(code)


def _only(app: object, name: str) -> object:
    """A copy of `app` with one command registered."""
    import copy

    single = copy.copy(app)
    single.registered_commands = [c for c in app.registered_commands if c.name == name]
    return single


def _leave(code: object) -> None:
    """Exit with `code` once stdout and stderr are flushed, skipping the interpreter's teardown."""
    if code is not None and not isinstance(code, int):  # SystemExit("message"): print it, as Python would
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError, OSError, AttributeError):  # the reader went away (or was never there)
        code = code or 1
    try:  # noqa: SIM105 - importing contextlib would cost an answer from the cache a tenth of its start
        sys.stderr.flush()
    except (ValueError, OSError):
        pass
    os._exit(code or 0)
