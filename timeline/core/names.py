"""Names by language: a fact's name in English is its `name` (a place's `city`, an event's `title`); its names in
other languages are a `Names` mapping, so that a new language is data, not a new field."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import FrozenInstanceError

ENGLISH = "en"
"""The language every named fact is always named in."""
LANGUAGES = (ENGLISH, "ru", "fr", "de", "es", "it", "pt", "zh", "ar")
"""The languages (ISO 639-1) the data may name facts in and an organisation may work in."""


class Names(Mapping[str, str]):
    """A name in other languages than English, by ISO 639-1 code: `Names(ru="Минск", fr="Minsk")`.

    Immutable, hashable and picklable (the model is frozen and the load cache pickles it); languages without a
    name (None or "") are left out, and the languages are kept sorted, so two equal mappings are equal values."""

    __slots__ = ("_pairs",)
    _pairs: tuple[tuple[str, str], ...]

    def __init__(
        self, by_language: Mapping[str, str | None] | Iterable[tuple[str, str | None]] = (), /, **more: str | None
    ):
        found = dict(by_language)
        found.update(more)
        object.__setattr__(self, "_pairs", tuple(sorted((lang, text) for lang, text in found.items() if text)))

    def __getitem__(self, language: str) -> str:
        for lang, text in self._pairs:
            if lang == language:
                return text
        raise KeyError(language)

    def __iter__(self) -> Iterator[str]:
        return (lang for lang, _ in self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def __hash__(self) -> int:
        return hash(self._pairs)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Names):
            return self._pairs == other._pairs
        return Mapping.__eq__(self, other)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __reduce__(self) -> tuple[type[Names], tuple[tuple[tuple[str, str], ...]]]:
        return (Names, (self._pairs,))

    def __repr__(self) -> str:
        return f"Names({dict(self._pairs)!r})"


NO_NAMES = Names()
"""No name in any other language than English."""
