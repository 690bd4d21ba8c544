"""Typed access to one YAML entry's fields; every problem is recorded with its file and line."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from timeline.core.dates import Duration, PartialDate
from timeline.errors import DataError, ValueProblem

E = TypeVar("E", bound=StrEnum)
COMMON = {"sources", "confidence", "note"}


class Entry:
    """One mapping of a data file; reads fields, records errors, and flags unknown keys."""

    def __init__(self, file: str, data: Any, what: str, errors: list[DataError], line: int = 0) -> None:
        self.file, self.errors = file, errors
        self.line = getattr(data, "line", line)
        self.key_lines: dict = getattr(data, "key_lines", {})
        self.data = data if isinstance(data, dict) else {}
        ident = self.data.get("id")
        self.what = f"{what} '{ident}'" if isinstance(ident, (str, int)) and not isinstance(ident, bool) else what
        self.used: set[str] = set()
        if not isinstance(data, dict):
            self.error(f"{what} should be a mapping of fields, not {type(data).__name__}")

    def error(self, message: str, key: str | None = None) -> None:
        """Record a problem at the key's line (or the entry's)."""
        self.errors.append(DataError(self.file, self.key_lines.get(key, self.line), message))

    def raw(self, key: str) -> Any:
        self.used.add(key)
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.raw(key)
        if value is None:
            if required:
                self.error(f"{self.what} has no '{key}'")
            return None
        if isinstance(value, (dict, list, bool)):
            self.error(f"{self.what}: '{key}' should be text, not {type(value).__name__}", key)
            return None
        text = str(value).strip()
        if required and not text:
            self.error(f"{self.what}: '{key}' is empty", key)
        return text or None

    def date(self, key: str, required: bool = False) -> PartialDate | None:
        text = self.text(key, required)
        if text is None:
            return None
        try:
            return PartialDate.parse(text)
        except ValueProblem as problem:
            self.error(f"{self.what}: '{key}': {problem}", key)
            return None

    def dates(self, key: str) -> tuple[PartialDate, ...]:
        found = []
        for item in self.texts(key):
            try:
                found.append(PartialDate.parse(item))
            except ValueProblem as problem:
                self.error(f"{self.what}: '{key}': {problem}", key)
        return tuple(found)

    def duration(self, key: str) -> Duration | None:
        text = self.text(key)
        if text is None:
            return None
        try:
            return Duration.parse(text)
        except ValueProblem as problem:
            self.error(f"{self.what}: '{key}': {problem}", key)
            return None

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E | None:
        text = self.text(key, required=default is None)
        if text is None:
            return default
        try:
            return enum(text)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            self.error(f"{self.what}: '{key}' is '{text}', expected one of: {allowed}", key)
            return default

    def integer(self, key: str, default: int | None = None) -> int | None:
        value = self.raw(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"{self.what}: '{key}' should be a whole number, not '{value}'", key)
            return default
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(f"{self.what}: '{key}' should be true or false, not '{value}'", key)
            return default
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw(key)
        if value is None:
            return ()
        if isinstance(value, (str, int)):
            return (str(value),)
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) or v is None for v in value):
            self.error(f"{self.what}: '{key}' should be a list of text", key)
            return ()
        return tuple(str(v) for v in value)

    def entries(self, key: str, what: str) -> list[Entry]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"{self.what}: '{key}' should be a list", key)
            return []
        return [Entry(self.file, item, f"{self.what}: {what}", self.errors, self.line) for item in value]

    def entry(self, key: str, what: str) -> Entry | None:
        value = self.raw(key)
        return None if value is None else Entry(self.file, value, f"{self.what}: {what}", self.errors, self.line)

    def common(self) -> dict[str, Any]:
        """The fields every fact shares: sources, confidence, note, and the line."""
        from timeline.core.model import Confidence

        return {
            "sources": self.texts("sources"),
            "confidence": self.choice("confidence", Confidence, Confidence.HIGH),
            "note": self.text("note"),
            "file": self.file,
            "line": self.line,
        }

    def finish(self, allowed: frozenset[str] = frozenset()) -> None:
        """Report keys nobody read: usually a typo such as 'sorces'."""
        for key in self.data:
            if key not in self.used and key not in allowed:
                self.error(f"{self.what}: unknown field '{key}'", key)
