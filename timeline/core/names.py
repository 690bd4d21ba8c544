"""Names by language: a fact's name in English is its `name` (a place's `city`, an event's `title`); its names in
other languages are a `Names` mapping, so that a new language is data, not a new field."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import FrozenInstanceError

ENGLISH = "en"
"""The language every named fact is always named in."""
LANGUAGES = (ENGLISH, "ru", "fr", "de", "es", "it", "pt", "zh", "ar")
"""The languages the data most often names facts in, listed first in messages (every ISO 639-1 code is accepted)."""
_ISO_639_1_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja
jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb
nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq
sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
"""Every ISO 639-1 language code: the languages the data may name facts in and an organisation may work in."""


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

    def __reduce__(self) -> tuple[Callable[[tuple[tuple[str, str], ...]], Names], tuple[tuple[tuple[str, str], ...]]]:
        return (_restored, (self._pairs,))

    def __repr__(self) -> str:
        return f"Names({dict(self._pairs)!r})"


NO_NAMES = Names()
"""No name in any other language than English."""


def _restored(pairs: tuple[tuple[str, str], ...]) -> Names:
    """A pickled Names back, its pairs already checked and sorted (unpickling the load cache makes tens of thousands
    of them). Always a new instance, as pickled: a model's pickle, which keys its part of the site (site.reuse), must
    be the same whether the model was read from YAML or from the cache."""
    names = object.__new__(Names)
    object.__setattr__(names, "_pairs", pairs)
    return names


def not_a_language(code: str) -> str:
    """Why a code is refused as a language, naming the usual ones."""
    return f"'{code}' is not an ISO 639-1 language code (such as {', '.join(LANGUAGES)})"
