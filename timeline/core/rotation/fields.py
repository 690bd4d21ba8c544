"""Typed fields of a rotation kind: each reads its YAML value, checks what it names, and describes itself.

A kind (cadence, pool, order, exception) declares `fields = {"anchor": Day("the first handoff"), ...}`,
keyed by its attribute name. The loader reads every kind through `read_fields`; a problem is a
`FieldProblem` naming the key, to which the loader adds the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from timeline.core.dates import Duration, PartialDate, Period
from timeline.errors import ValueProblem

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (tab and line feed aside): no text of the data may carry them into an output."""
LINE_BREAK = re.compile(r"[\n\u2028\u2029]")
MULTI_LINE = frozenset({"note", "basis", "anomaly", "chair_anomaly"})
"""The fields that may run over several lines (prose); every other text is one line, and a line break in it could
forge a line of a text or CSV output."""


def text_problem(key: str, text: str) -> str | None:
    """What makes a text unfit for its field: a control character, or a line break in a one-line field."""
    found = CONTROL.search(text) or (None if key in MULTI_LINE else LINE_BREAK.search(text))
    if found is None:
        return None
    what = "a line break" if found.group() in "\n\u2028\u2029" else "a control character"
    return f"'{key}' contains {what} (U+{ord(found.group()):04X}) at position {found.start() + 1}" + (
        " (the field is one line)" if what == "a line break" else ""
    )


DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def kind_name(value: Any) -> str:
    """What a YAML value is, in the words of the data format."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text" if isinstance(value, str) else type(value).__name__


class FieldProblem(ValueProblem):
    """A field's value that cannot be read: the message, and the key whose line the loader reports."""

    def __init__(self, message: str, key: str | None = None, *, missing: bool = False) -> None:
        super().__init__(message)
        self.key = key
        self.missing = missing
        """True for an absent value ("has no 'x'"): the loader writes it after the entry's name, without a colon."""


@dataclass(frozen=True)
class Known:
    """The ids of an organisation a field may name (the loader's checker supplies them)."""

    members: Collection[str] = ()
    bodies: Collection[str] = ()
    offices: Collection[str] = ()


def clean_text(key: str, raw: Any) -> str:
    """A scalar as stripped text; a FieldProblem for a list, mapping, true/false or a control character."""
    if isinstance(raw, dict | list | bool):
        raise FieldProblem(f"'{key}' should be text, not {kind_name(raw)}", key)
    text = str(raw).strip()
    problem = text_problem(key, text)
    if problem:
        raise FieldProblem(problem, key)
    return text


@dataclass(frozen=True)
class Field:
    """A field of a kind: its meaning, and whether the data may leave it out (the kind's default then applies)."""

    description: str = ""
    """What the value means, in a few words (the docs and the schema show it)."""
    optional: bool = False
    summary = "text"
    """What kind of value it is, in words."""

    def keys(self, name: str) -> tuple[str, ...]:
        """The data keys the field reads (its name, unless it reads several)."""
        return (name,)

    def read(self, name: str, data: Mapping[str, Any]) -> Any:
        """The value from an entry's mapping, or None when the data gives none."""
        raw = data.get(name)
        return None if raw is None else self.parse(name, raw)

    def parse(self, key: str, raw: Any) -> Any:
        """A present YAML value as the kind's attribute (a FieldProblem when it cannot be)."""
        return clean_text(key, raw) or None

    def problems(self, value: Any, known: Known) -> Iterator[str]:
        """What the value names that the organisation does not have ("names unknown member 'zz'")."""
        return iter(())

    def value_schema(self) -> dict[str, Any]:
        """The JSON Schema of one value (without its description)."""
        return {"type": "string"}

    def schema(self, name: str) -> dict[str, dict[str, Any]]:
        """The JSON Schema of each data key the field reads, with its description."""
        return {name: {**self.value_schema(), "description": self.schema_description()}}

    def schema_description(self) -> str:
        """The description and the kind of value, as a sentence."""
        text = f"{self.description} ({self.summary})" if self.description else self.summary
        return text[:1].upper() + text[1:] + "."


@dataclass(frozen=True)
class Text(Field):
    """Free text, or one of a few words."""

    choices: tuple[str, ...] = ()

    def parse(self, key: str, raw: Any) -> str | None:
        text = clean_text(key, raw) or None
        if text is not None and self.choices and text not in self.choices:
            raise FieldProblem(f"'{key}' is '{text}', expected one of: {', '.join(self.choices)}", key)
        return text

    @property
    def summary(self) -> str:
        return " or ".join(f"`{c}`" for c in self.choices) if self.choices else "text"

    def value_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)} if self.choices else {"type": "string", "minLength": 1}


@dataclass(frozen=True)
class Language(Field):
    """The language whose names decide an alphabetical order."""

    supported: tuple[str, ...] = ("en", "ru")
    summary = "a language: `en` or `ru`"

    def parse(self, key: str, raw: Any) -> str | None:
        text = clean_text(key, raw) or None
        if text is not None and text not in self.supported:
            raise FieldProblem(
                f"alphabetical order in '{text}' is not supported (use {' or '.join(self.supported)})", key
            )
        return text

    def value_schema(self) -> dict[str, Any]:
        return {"enum": list(self.supported)}


@dataclass(frozen=True)
class Day(Field):
    """An exact day, YYYY-MM-DD."""

    summary = "a day, YYYY-MM-DD"

    def parse(self, key: str, raw: Any) -> date | None:
        text = clean_text(key, raw)
        if not text:
            return None
        try:
            day = PartialDate.parse(text)
        except ValueProblem as problem:
            raise FieldProblem(f"'{key}': {problem}", key) from None
        if not day.is_exact:
            raise FieldProblem(f"'{key}' must be an exact day (YYYY-MM-DD), not {day}", key)
        return day.earliest

    def value_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": DAY_PATTERN}


@dataclass(frozen=True)
class Length(Field):
    """An ISO 8601 duration such as P1M, P6M, P1Y or P14D."""

    summary = "a duration: `P1M`, `P6M`, `P1Y`, `P2Y`, `P14D`, …"

    def parse(self, key: str, raw: Any) -> Duration | None:
        text = clean_text(key, raw)
        if not text:
            return None
        try:
            found = Duration.parse(text)
        except ValueProblem as problem:
            raise FieldProblem(f"'{key}': {problem}", key) from None
        if not (found.years or found.months or found.days):
            raise FieldProblem(f"'{key}' {found} is empty", key)
        return found

    def value_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^P(?=\d*[1-9])(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$"}


@dataclass(frozen=True)
class Flag(Field):
    """true or false (left out, the kind's default)."""

    optional: bool = True
    summary = "true or false"

    def parse(self, key: str, raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise FieldProblem(f"'{key}' should be true or false, not '{raw}'", key)
        return raw

    def value_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Ref(Field):
    """The id of something the organisation has (a member, a body, an office): checked once everything is read."""

    names: ClassVar[str]
    """What the id names: 'member', 'body' or 'office'."""
    among: ClassVar[str]
    """The collection of `Known` it must be in."""

    @property
    def summary(self) -> str:
        return f"{'an' if self.names[0] in 'aeiou' else 'a'} {self.names} id"

    def problems(self, value: Any, known: Known) -> Iterator[str]:
        if value is not None and value not in getattr(known, self.among):
            yield f"names unknown {self.names} '{value}'"

    def value_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


@dataclass(frozen=True)
class Member(Ref):
    """A member state's id."""

    names, among = "member", "members"


@dataclass(frozen=True)
class Body(Ref):
    """A body's id."""

    names, among = "body", "bodies"


@dataclass(frozen=True)
class Office(Ref):
    """An office's id."""

    names, among = "office", "offices"


@dataclass(frozen=True)
class Members(Field):
    """A non-empty list of member ids, in order."""

    summary = "a list of member ids"

    def parse(self, key: str, raw: Any) -> tuple[str, ...]:
        items = [raw] if isinstance(raw, str | int) and not isinstance(raw, bool) else raw
        if not isinstance(items, list) or any(isinstance(v, dict | list | bool) or v is None for v in items):
            raise FieldProblem(f"'{key}' should be a list of text", key)
        found = tuple(clean_text(key, v) for v in items)
        if not found:
            raise FieldProblem(f"has no '{key}' ({self.summary})", key, missing=True)
        return found

    def problems(self, value: Any, known: Known) -> Iterator[str]:
        for member in value or ():
            if member not in known.members:
                yield f"names unknown member '{member}'"

    def value_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}


@dataclass(frozen=True)
class During(Field):
    """A period `from` a day `until` a later one (exclusive; left out, still running), read from two keys."""

    start_key: str = "from"
    end_key: str = "until"
    summary = "days, `until` exclusive"

    def keys(self, name: str) -> tuple[str, ...]:
        return (self.start_key, self.end_key)

    def read(self, name: str, data: Mapping[str, Any]) -> Period | None:
        first = Day().read(self.start_key, data)
        until = Day().read(self.end_key, data)
        if first is None:
            if until is not None:
                raise FieldProblem(f"'{self.end_key}' without '{self.start_key}'", self.end_key)
            return None
        if until is not None and until <= first:
            raise FieldProblem(
                f"the period from {first} until {until} is empty or reversed ('{self.end_key}' is exclusive)",
                self.end_key,
            )
        return Period(first, until)

    def schema(self, name: str) -> dict[str, dict[str, Any]]:
        day, what = Day().value_schema(), self.description or "the period"
        return {
            self.start_key: {**day, "description": Day(f"{what}: its first day").schema_description()},
            self.end_key: {**day, "description": Day(f"{what}: the first day after it").schema_description()},
        }


def read_fields(fields: Mapping[str, Field], data: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Each declared field read from an entry's mapping: the values given (by attribute name), and the problems."""
    values: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for name, field in fields.items():
        try:
            value = field.read(name, data)
        except FieldProblem as problem:
            problems.append(problem)
            continue
        if value is not None:
            values[name] = value
        elif not field.optional:
            problems.append(FieldProblem(f"has no '{name}' ({field.summary})", name, missing=True))
    return values, problems
