"""CLDR's words through Babel: dates, state names and plural categories, for languages other than English.

Babel is imported on the first look-up that is not remembered yet. Every answer goes into MEMO ("<what>|<locale>|
<argument>" -> text); the command line keeps MEMO in its cache folder (`cli.phrases`) with the installed Babel's
stamp and reads it back on the first look-up MEMO lacks (KEPT), so a query in Russian usually imports no Babel at
all, and a command that words nothing in Russian reads nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

MEMO: dict[str, str] = {}
"""What Babel answered, by look-up."""
KEPT: list[Callable[[], dict[str, str]]] = []
"""Readers of answers kept earlier (set by cli.phrases), each read once, on the first look-up MEMO lacks."""


def load_kept() -> None:
    """Read the answers kept earlier into MEMO (each reader of KEPT once)."""
    while KEPT:
        MEMO.update(KEPT.pop()())


def _known(key: str) -> bool:
    """Whether `key` is answered, the answers kept earlier read first when it is not."""
    if key not in MEMO and KEPT:
        load_kept()
    return key in MEMO


def formatted(locale: str, pattern: str, day: date) -> str:
    """`day` in a CLDR date pattern ('d MMMM y' -> '1 января 2025', 'LLLL y' -> 'январь 2025')."""
    key = f"date|{locale}|{pattern}|{day.isoformat()}"
    if not _known(key):
        from babel.dates import format_date

        MEMO[key] = format_date(day, pattern, locale=locale)
    return MEMO[key]


def territory(locale: str, code: str) -> str | None:
    """CLDR's name of a territory (ISO 3166 alpha-2 code, any case) in the language, None when CLDR has none."""
    key = f"territory|{locale}|{code.upper()}"
    if not _known(key):
        from babel import Locale

        MEMO[key] = Locale.parse(locale).territories.get(code.upper(), "") if len(code) == 2 else ""
    return MEMO[key] or None


def territory_code(english: str) -> str | None:
    """The ISO 3166 code of a country by CLDR's English name of it ('Moldova' -> 'MD'), None if CLDR has no such
    name."""
    key = f"territory-code|{english}"
    if not _known(key):
        from babel import Locale

        codes = {name: code for code, name in Locale.parse("en").territories.items() if len(code) == 2}
        MEMO[key] = codes.get(english, "")
    return MEMO[key] or None


def plural(locale: str, count: int) -> str:
    """CLDR's plural category of a whole number in the language: 'one', 'few', 'many' or 'other' for Russian."""
    key = f"plural|{locale}|{count}"
    if not _known(key):
        from babel import Locale

        MEMO[key] = Locale.parse(locale).plural_form(count)
    return MEMO[key]


def stamp() -> str | None:
    """Which Babel is installed (the path and modification time of its locale data), or None without Babel: what
    MEMO's answers hold for."""
    import importlib.util
    import os

    found = importlib.util.find_spec("babel")
    if found is None or not found.origin:
        return None
    data = os.path.join(os.path.dirname(found.origin), "locale-data")
    try:
        return f"{data}:{os.stat(data).st_mtime_ns}"
    except OSError:
        return None


def joined(locale: str, items: list[str]) -> str:
    """Items as CLDR joins them in a list with 'and' ('Denmark and the Faroe Islands'; 'Дания и Фарерские острова')."""
    if not items:
        return ""
    key = f"list|{locale}|" + "\x1f".join(items)
    if not _known(key):
        from babel.lists import format_list

        MEMO[key] = format_list(items, locale=locale)
    return MEMO[key]
