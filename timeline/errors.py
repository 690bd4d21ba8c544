"""The one place for timeline's exceptions; the CLI turns them into one line and an exit code."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
LONGEST = 600
"""An error message longer than this (it quotes a huge value) is cut, so it stays readable."""


def one_line(text: str) -> str:
    """A message as one printable line: control characters written as escapes (\\n, \\x1b), and cut when huge."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


class TimelineError(Exception):
    """Base class of every error timeline raises on purpose; its text is always one printable line."""

    exit_code = 1

    def __str__(self) -> str:
        return one_line(super().__str__())


@dataclass
class DataError(TimelineError):
    """A problem in a data file, located at a file and line."""

    file: str
    line: int | None
    message: str
    hint: str | None = None
    exit_code = 2

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return one_line(f"{text} ({self.hint})" if self.hint else text)


class DataErrors(TimelineError):
    """Every error found while loading a data folder, reported together."""

    exit_code = 2

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.file, e.line or 0, e.message))
        super().__init__(f"{len(self.errors)} error(s) in the data")

    def __str__(self) -> str:
        """Every error on a line of its own."""
        return "\n".join(str(e) for e in self.errors)


class ValueProblem(TimelineError, ValueError):
    """A value that cannot be read (a date, a period, a duration); the loader adds file and line."""


class QueryError(TimelineError):
    """A query that cannot be answered as asked (unknown office or organisation, bad date, ...): a usage error."""

    exit_code = 2


class PublishError(TimelineError):
    """The output folder cannot be written (permissions, disk full, a file where a folder should be)."""


class ServeError(TimelineError):
    """The server cannot start (port in use, unknown host, ...)."""
