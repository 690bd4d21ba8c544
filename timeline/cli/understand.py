"""What a reader types, understood: organisations by id, name or abbreviation in any case and language, common
aliases, members by name in any language, offices by their words, with "did you mean" suggestions for the rest.

Every miss is a QueryError (one line, exit 2) that names no internal path: the bundled data is "the bundled data".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from timeline.errors import QueryError

ALIASES = {
    "eu": "eu-council",
    "ec": "eu-council",
    "councilofeu": "eu-council",
    "ес": "eu-council",
    "советес": "eu-council",
    "un": "unsc",
    "sc": "unsc",
    "securitycouncil": "unsc",
    "оон": "unsc",
    "сб": "unsc",
    "сбоон": "unsc",
    "odkb": "csto",
    "sng": "cis",
    "eaes": "eaeu",
    "eeu": "eaeu",
    "shos": "sco",
    "obse": "osce",
    "nordiccouncil": "nordic",
    "visegrad": "v4",
    "v4": "v4",
    "g-20": "g20",
    "g-7": "g7",
    "arctic": "arctic",
}
"""Common names a reader uses that the data's names and abbreviations do not give (normalised keys, see `key`);
an alias counts only when its organisation is in the data."""


def key(text: str) -> str:
    """Text compared as a reader means it: case, 'ё', spaces, dots and dashes ignored ('Council of the EU' ->
    'counciloftheeu', 'О.Д.К.Б.' -> 'одкб')."""
    return re.sub(r"[\W_]+", "", text.casefold().replace("ё", "е"))


def suggestion(wanted: str, known: Iterable[str], shown: dict[str, str] | None = None) -> str:
    """' (did you mean: csto?)' for the closest known names, else ''; `shown` maps a compared name to what to say."""
    known = list(dict.fromkeys(known))
    by_key = {key(k): k for k in known}
    close = difflib.get_close_matches(key(wanted), list(by_key), n=3, cutoff=0.6)
    if not close:
        close_raw = difflib.get_close_matches(wanted.casefold(), [k.casefold() for k in known], n=3, cutoff=0.6)
        close = [key(c) for c in close_raw]
    named = list(dict.fromkeys((shown or {}).get(by_key[c], by_key[c]) for c in close if c in by_key))
    return f" (did you mean: {', '.join(named)}?)" if named else ""


def where(data: Path | None) -> str:
    """How a message names the data folder: 'the bundled data', or the folder the user gave."""
    if data is None:
        return "the bundled data"
    from timeline.load.paths import shown_path

    return shown_path(data)


def _organisation_names(folder: Path) -> list[str]:
    """The names and abbreviations an organisation's organisation.yaml gives (any language); none if unreadable."""
    import yaml

    try:
        loaded = yaml.load((folder / "organisation.yaml").read_text(encoding="utf-8"), Loader=_loader())
    except (OSError, UnicodeError, yaml.YAMLError):
        return []
    if not isinstance(loaded, dict):
        return []
    names: list[str] = []
    for field in ("name", "short", "name_ru", "short_ru", "names", "shorts"):
        value = loaded.get(field)
        values = value.values() if isinstance(value, dict) else [value]
        names += [v for v in values if isinstance(v, str) and v.strip()]
    return names


def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def organisation_ids(data: Path | None, asked: Sequence[str]) -> list[str]:
    """The organisation ids the reader means by each of `asked` (id, name, abbreviation or alias, in any case and
    language), in the order asked, without repeats."""
    from timeline.load import default_data_dir, organisation_dirs

    folders = {f.name: f for f in organisation_dirs(data if data is not None else default_data_dir())}
    found, names = [], None
    for text in asked:
        wanted = key(text)
        if text in folders:
            found.append(text)
            continue
        by_id = {key(i): i for i in folders}
        alias = ALIASES.get(wanted)
        if wanted in by_id:
            found.append(by_id[wanted])
            continue
        if alias in folders:
            found.append(alias)
            continue
        if names is None:
            names = {ident: _organisation_names(folder) for ident, folder in folders.items()}
        matches = [ident for ident, own in names.items() if wanted in {key(n) for n in own}]
        if len(matches) == 1:
            found.append(matches[0])
            continue
        if len(matches) > 1:
            raise QueryError(f"'{text}' names several organisations: {', '.join(matches)} (give one id)")
        shown = {name: ident for ident, own in names.items() for name in own} | {i: i for i in folders}
        hint = suggestion(text, [*folders, *shown], shown) or f" (try one of: {', '.join(folders)})"
        raise QueryError(f"no organisation '{text}' in {where(data)}{hint}")
    return list(dict.fromkeys(found))


CHAIR_WORDS = frozenset(
    {"chair", "chairs", "chairman", "chairmanship", "chairship", "chairperson", "presidency", "president",
     "председатель", "председательство", "председательствование", "президентство"}
)  # fmt: skip
"""Words that mean an organisation's rotating chair, whatever its office is called."""

STOP_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "for", "to", "в", "и"})


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", text.casefold().replace("ё", "е")) if w and w not in STOP_WORDS]


def find_office(tl: object, text: str) -> object:
    """An office of an organisation by its id, its name in any language, or its words ('presidency',
    'secretary general', 'генеральный секретарь'): the only office whose words all begin with the words given; the
    chair office for 'chair' and the like. QueryError (with suggestions) when none or several fit."""
    offices = list(tl.org.offices)  # type: ignore[attr-defined]
    wanted = key(text)
    for office in offices:
        if wanted in {key(n) for n in (office.id, office.name, *office.names.values())}:
            return office
    asked = _words(text)
    fitting = [o for o in offices if asked and _fits(asked, o)]
    general = [o for o in fitting if o.member is None]
    chair = tl.org.chair_office  # type: ignore[attr-defined]
    if len(general) == 1 or (len(fitting) == 1):
        return (general or fitting)[0]
    if chair and (any(o.id == chair for o in general) or set(asked) <= CHAIR_WORDS):
        return tl.offices[chair]  # type: ignore[attr-defined]
    ids = sorted(o.id for o in offices if o.member is None)
    org = tl.org.id  # type: ignore[attr-defined]
    if len(general) > 1:
        raise QueryError(f"'{text}' fits several offices of {org}: {', '.join(o.id for o in general)} (give one)")
    names = {n: o.id for o in offices if o.member is None for n in (o.id, o.name, *o.names.values())}
    raise QueryError(f"no office '{text}' in {org}{suggestion(text, names, names)} (its offices: {', '.join(ids)})")


def _fits(asked: list[str], office: object) -> bool:
    """Every word asked begins a word of the office's id or names."""
    own = _words(" ".join([office.id, office.name, *office.names.values()]))  # type: ignore[attr-defined]
    return all(any(w.startswith(a) for w in own) for a in asked)


def find_member(timelines: Sequence[object], text: str) -> str:
    """A member state's id from its id or name in any case and language (the data's names, then CLDR's), in any of
    the organisations; QueryError with suggestions otherwise."""
    from timeline.render.lang import CODES, cldr

    wanted = key(text)
    names: dict[str, str] = {}
    for tl in timelines:
        for member in tl.org.members:  # type: ignore[attr-defined]
            for name in (member.id, member.name, *member.names.values()):
                names.setdefault(name, member.id)
    for name, ident in names.items():
        if key(name) == wanted:
            return ident
    for ident in dict.fromkeys(names.values()):
        for code in CODES:
            found = cldr.territory(code, ident) if len(ident) == 2 else None
            if found and key(found) == wanted:
                return ident
            if found:
                names.setdefault(found, ident)
    hint = suggestion(text, [n for n in names if len(n) > 3])
    raise QueryError(f"no member state '{text}' in any organisation{hint}")
