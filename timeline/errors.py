"""The one place for timeline's exceptions; the CLI turns them into one line and an exit code."""

from __future__ import annotations

from dataclasses import dataclass


class TimelineError(Exception):
    """Base class of every error timeline raises on purpose."""

    exit_code = 1


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
        return f"{text} ({self.hint})" if self.hint else text


class DataErrors(TimelineError):
    """Every error found while loading a data folder, reported together."""

    exit_code = 2

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.file, e.line or 0, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))


class ValueProblem(TimelineError, ValueError):
    """A value that cannot be read (a date, a period, a duration); the loader adds file and line."""


class QueryError(TimelineError):
    """A query that cannot be answered as asked (unknown office, bad date, ...)."""

    exit_code = 1


class PublishError(TimelineError):
    """The output folder cannot be written (permissions, disk full, a file where a folder should be)."""


class ServeError(TimelineError):
    """The server cannot start (port in use, unknown host, ...)."""
