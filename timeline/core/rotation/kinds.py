"""What every rotation kind shares (typed fields, a schema, a check against its rule), and the registries of kinds.

A kind is registered by a decorator (`@cadence_kind`, `@pool_kind`, `@order_kind`, `@exception_kind`, in
their modules), under the name the data gives in `kind:`. The loader, `validate` and docs/rotations.md read
the registries; nothing else needs to know a kind exists.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from timeline.core.rotation.fields import Field, Known


class RuleParts(Protocol):
    """The parts of a rule version a kind may check itself against (a RotationRule has them)."""

    @property
    def cadence(self) -> Any: ...
    @property
    def order(self) -> Any: ...
    @property
    def pool(self) -> Any: ...


class Kind:
    """A kind of cadence, pool, order or exception: its name in the data, and its typed fields."""

    kind: ClassVar[str]
    """The name of the kind in the data (`kind: calendar`)."""
    fields: ClassVar[Mapping[str, Field]] = {}
    """The data fields of the kind by attribute name, with their types (the loader reads them in this order)."""
    extra_schema: ClassVar[Mapping[str, Any]] = {}
    """JSON Schema of keys the loader reads besides `fields` (an exception's sources, confidence and note)."""

    def validate(self, rule: RuleParts) -> None:
        """Raise a ValueProblem when this part does not fit the rest of its rule (a host order on a calendar)."""

    def reference_problems(self, known: Known) -> Iterator[str]:
        """What the kind's fields name that the organisation does not have."""
        for name, field in self.fields.items():
            yield from field.problems(getattr(self, name, None), known)

    @classmethod
    def summary(cls) -> str:
        """The first paragraph of the kind's docstring, on one line (the docs' table shows it)."""
        doc = inspect.getdoc(cls) or ""
        return " ".join(doc.split("\n\n", 1)[0].split())

    @classmethod
    def default_of(cls, name: str) -> Any:
        """The value the kind takes when the data leaves a field out (dataclasses.MISSING when none)."""
        attributes = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ()
        return next((f.default for f in attributes if f.name == name), dataclasses.MISSING)

    @classmethod
    def field_docs(cls) -> list[str]:
        """One line of Markdown per field: its keys, what value it takes (and its default), and what it means."""
        lines = []
        for name, field in cls.fields.items():
            keys = "/".join(f"`{key}`" for key in field.keys(name))
            default = cls.default_of(name)
            given = ""
            if isinstance(default, bool | str | int):
                given = f", default `{str(default).lower() if isinstance(default, bool) else default}`"
            elif field.optional:
                given = ", optional"
            meaning = f": {field.description}" if field.description else ""
            lines.append(f"{keys} ({field.summary}{given}){meaning}")
        return lines

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the kind's YAML mapping: `{kind: <name>, <its fields>}`."""
        properties: dict[str, Any] = {"kind": {"const": cls.kind, "description": "The kind's name."}}
        required = ["kind"]
        for name, field in cls.fields.items():
            properties.update(field.schema(name))
            if not field.optional:
                required += field.keys(name)
        properties.update(cls.extra_schema)
        return {
            "type": "object",
            "title": cls.kind,
            "description": cls.summary(),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


K = TypeVar("K", bound=type[Kind])


class Registry(Mapping[str, Any], Generic[K]):
    """The kinds of one part of a rule (cadences, pools, orders, exceptions) by the name the data gives them.

    A mapping: iterating gives the names in the order they were registered, `items()` gives (name, class).
    """

    def __init__(self, part: str, base: type[Kind]) -> None:
        self.part, self.base = part, base
        self._kinds: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def __repr__(self) -> str:
        return f"Registry({self.part}: {', '.join(self)})"

    def register(self, kind: K) -> K:
        """Add a kind under its `kind` name (a class decorator); a name already taken is an error."""
        if not (isinstance(kind, type) and issubclass(kind, self.base)):
            raise TypeError(f"a {self.part} kind must subclass {self.base.__name__}, not {kind!r}")
        name = getattr(kind, "kind", None)
        if not isinstance(name, str) or not name:
            raise TypeError(f"{kind.__name__} needs a `kind` name to register as a {self.part}")
        if name in self._kinds:
            raise ValueError(f"a {self.part} kind named '{name}' is already registered ({self._kinds[name].__name__})")
        for field_name, field in kind.fields.items():
            if not isinstance(field, Field):
                raise TypeError(f"{kind.__name__}.fields['{field_name}'] is not a Field")
        self._kinds[name] = kind
        return kind

    def unregister(self, name: str) -> None:
        """Remove a kind (for tests and plug-ins that add a kind for a while)."""
        del self._kinds[name]


@contextmanager
def registered(*pairs: tuple[Registry[Any], type[Kind]]) -> Iterator[None]:
    """Kinds registered for the duration of a `with` block, then removed (a test's registrations never leak)."""
    done: list[tuple[Registry[Any], str]] = []
    try:
        for registry, kind in pairs:
            registry.register(kind)
            done.append((registry, kind.kind))
        yield
    finally:
        for registry, name in reversed(done):
            registry.unregister(name)
