"""Typed access to one YAML entry's fields; every problem is recorded with its file and line."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from timeline.core.dates import Duration, PartialDate
from timeline.core.names import LANGUAGES
from timeline.core.rotation.fields import kind_name, text_problem
from timeline.errors import DataError, ValueProblem

E = TypeVar("E", bound=StrEnum)
COMMON = {"sources", "confidence", "note"}
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LONGEST_ID = 64
"""The longest id: an id names files (`<org>-office-<id>.ics`), which a file system limits to 255 bytes."""
"""Every id: lower-case ASCII letters and digits in groups joined by single dashes (ids name files and UIDs, so two
ids that differ only in case, punctuation or script would clash)."""
RESERVED_IDS = frozenset(LANGUAGES)
"""Names the published site keeps for itself at its top level, where each organisation has its folder: a language's
pages and feeds (`ru/`, and every language the data may be written in, so adding one to the site never moves an
organisation). An organisation id is refused when it is one of them."""
INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
"""Zero-width and bidirectional-control characters: in an address they make two hosts look alike."""
WEB = re.compile(rf"https?://[^\s/?#<>\"'`{INVISIBLE}]+(?:[/?#][^\s<>\"`{INVISIBLE}]*)?", re.IGNORECASE)


def id_problem(text: str) -> str:
    """What is wrong with an id, and how to write it."""
    foreign = next((c for c in text if c.isalpha() and not c.isascii()), None)
    if foreign is not None:
        return (
            f"must be lower-case ASCII letters, digits and single dashes: '{foreign}' (U+{ord(foreign):04X}) is "
            "not a Latin letter"
        )
    return f"must be lower-case letters, digits and single dashes (e.g. {'-'.join(ID.findall(text.lower())) or 'x-1'})"


class Entry:
    """One mapping of a data file; reads fields, records errors, and flags unknown keys."""

    def __init__(self, file: str, data: Any, what: str, errors: list[DataError], line: int = 0) -> None:
        self.file, self.errors = file, errors
        self.line = getattr(data, "line", line)
        self.key_lines: dict = getattr(data, "key_lines", {})
        self.data = data if isinstance(data, dict) else {}
        ident = self.data.get("id")
        shown = str(ident) if len(str(ident)) <= 40 else str(ident)[:39] + "…"  # a message keeps room for its reason
        self.what = f"{what} '{shown}'" if isinstance(ident, (str, int)) and not isinstance(ident, bool) else what
        self.used: set[str] = set()
        self.valid = isinstance(data, dict)
        """False when the entry is not a mapping (said once; its missing fields are not said again)."""
        if not isinstance(data, dict):
            self.error(f"{what} should be a mapping of fields (key: value), not {kind_name(data)}")

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
            if required and self.valid:
                self.error(f"{self.what} has no '{key}'")
            return None
        if isinstance(value, (dict, list, bool)):
            self.error(f"{self.what}: '{key}' should be text, not {kind_name(value)}", key)
            return None
        text = str(value).strip()
        if required and not text:
            self.error(f"{self.what}: '{key}' is empty", key)
        if not self._clean(key, text):
            return None
        if key == "id" and text and not ID.fullmatch(text):
            self.error(f"{self.what}: id '{text}' {id_problem(text)}", key)
            return None
        if key == "id" and len(text) > LONGEST_ID:
            self.error(f"{self.what}: the id is {len(text)} characters long, at most {LONGEST_ID}", key)
            return None
        return text or None

    def _clean(self, key: str, text: str) -> bool:
        """False (and an error) when the text carries a control character."""
        problem = text_problem(key, text)
        if problem:
            self.error(f"{self.what}: {problem}", key)
        return problem is None

    def url(self, key: str) -> str | None:
        """A web address: http or https only, with a host, and nothing a link could be broken with."""
        text = self.text(key)
        if text is not None and not WEB.fullmatch(text):
            shown = re.sub(f"[{INVISIBLE}]", lambda m: f"\\u{ord(m.group()):04x}", text[:80])
            self.error(f"{self.what}: '{key}' is not an http(s) address: '{shown}'", key)
            return None
        return text

    def date(self, key: str, required: bool = False) -> PartialDate | None:
        text = self.text(key, required)
        if text is None:
            return None
        try:
            return PartialDate.parse(text)
        except ValueProblem as problem:
            self.error(f"{self.what}: '{key}': {problem}", key)
            return None

    def day(self, key: str) -> date | None:
        """An exact day, YYYY-MM-DD (not a month, a quarter, a year or a hedged day)."""
        found = self.date(key)
        if found is not None and not found.is_exact:
            self.error(f"{self.what}: '{key}' must be an exact day (YYYY-MM-DD), not {found}", key)
            return None
        return None if found is None else found.earliest

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
            found = Duration.parse(text)
        except ValueProblem as problem:
            self.error(f"{self.what}: '{key}': {problem}", key)
            return None
        if not (found.years or found.months or found.days):
            self.error(f"{self.what}: '{key}' {found} is empty", key)
            return None
        return found

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

    def integer(self, key: str, default: int | None = None, least: int = 0, most: int = 10_000) -> int | None:
        value = self.raw(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"{self.what}: '{key}' should be a whole number, not {kind_name(value)}", key)
            return default
        if not least <= value <= most:
            self.error(f"{self.what}: '{key}' is {value}, expected {least} to {most}", key)
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
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list) or any(isinstance(v, (dict, list, bool)) or v is None for v in value):
            self.error(f"{self.what}: '{key}' should be a list of text", key)
            return ()
        found = tuple(str(v).strip() for v in value)
        if not all(self._clean(key, v) for v in found):
            return ()
        return found

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
            if key not in self.used and key not in allowed and key not in COMMON:
                self.error(f"{self.what}: unknown field '{key}'", key)
