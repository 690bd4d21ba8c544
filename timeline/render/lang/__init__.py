"""The languages every output speaks: English and Russian.

A `Language` gives the renderers their words:
- sentences and labels from its catalogue (`en.WORDS`, `ru.WORDS`: one table per language, with the same keys and
  placeholders, tested), with plural forms chosen by CLDR's rules;
- dates: English in the short forms `english_day` writes ('1 Jan 2025', 'Q4 2023'); another language in the CLDR
  patterns its catalogue names ("cldr.day": 'd MMMM y'), through Babel (`cldr`: '1 января 2025', 'январь 2025',
  '4-й квартал 2023');
- relative phrases from arrow's locale ('11 months ago', '11 месяцев назад');
- names: the data's own name in the language (a fact's `names`) wins; a state without one takes CLDR's name for its
  ISO code; anything else keeps its English name.

English imports neither Babel nor arrow until a phrase is needed, and never Babel.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from timeline.core.dates import PartialDate, Period
from timeline.render.lang import cldr
from timeline.render.plain import CODES, from_environment, humanized

if TYPE_CHECKING:
    from timeline.core.model import Abbreviated, Named

__all__ = ["CODES", "EN", "WORDED", "Language", "english_day", "folder", "from_environment", "language"]


WORDED: dict[str, str] = {}
"""Relative phrases arrow has worded, by "<language> <today> <day>"; the command line keeps them through the day
(`cli.phrases`), so arrow is imported only for a phrase not yet worded that day."""


def english_day(partial: PartialDate) -> str:
    """A partial date to its precision in English, without Babel: '23 Nov 2022', 'Nov 2023', 'Q4 2023', '2023'."""
    if partial.day is not None:
        return f"{partial.day} {calendar.month_abbr[partial.month or 1]} {partial.year}"
    if partial.month is not None:
        return f"{calendar.month_abbr[partial.month]} {partial.year}"
    return f"Q{partial.quarter} {partial.year}" if partial.quarter is not None else str(partial.year)


class Language:
    """One language's words, dates and names."""

    def __init__(self, code: str, words: Mapping[str, Any]) -> None:
        self.code = code
        self.words = words
        self._days: dict[date | PartialDate, str] = {}

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    # Words ------------------------------------------------------------------

    def __call__(self, key: str, **values: object) -> str:
        """The catalogue's sentence `key` with its placeholders filled."""
        return self.words[key].format(**values)

    def count(self, key: str, n: int, **values: object) -> str:
        """The catalogue's plural entry `key` for `n` ('3 sessions', '3 сессии'); `{n}` is the number."""
        forms = self.words[key]
        return forms.get(self.plural(n), forms["other"]).format(n=n, **values)

    def plural(self, n: int) -> str:
        """CLDR's plural category of a whole number (English: 'one' for 1, else 'other', as CLDR says)."""
        if self.code == "en":
            return "one" if n == 1 else "other"
        return cldr.plural(self.code, n)

    # Dates ------------------------------------------------------------------

    def day(self, value: date | PartialDate) -> str:
        """A day, or a partial date to its precision: '23 Nov 2022' / '23 ноября 2022', 'Q4 2023' /
        '4-й квартал 2023', with 'about' / 'около' when approximate (each worded once: a build words the same few
        thousand days tens of thousands of times)."""
        found = self._days.get(value)
        if found is None:
            found = self._days[value] = self._day(value)
        return found

    def _day(self, value: date | PartialDate) -> str:
        partial = value if isinstance(value, PartialDate) else PartialDate.of(value)
        if self.code == "en":
            text = english_day(partial)
        elif partial.day is not None:
            text = cldr.formatted(self.code, self.words["cldr.day"], partial.earliest)
        elif partial.month is not None:  # 'около ноября 2023' (the pattern's context), 'ноябрь 2023' (stand-alone)
            pattern = self.words["cldr.month_about" if partial.approximate else "cldr.month"]
            text = cldr.formatted(self.code, pattern, partial.earliest)
        elif partial.quarter is not None:
            text = cldr.formatted(self.code, self.words["cldr.quarter"], partial.earliest)
        else:
            text = str(partial.year)
        return self("date.about", date=text) if partial.approximate else text

    def month(self, day: date) -> str:
        """A calendar month: 'Apr 2024' / 'апрель 2024'."""
        if self.code == "en":
            return day.strftime("%b %Y")
        return cldr.formatted(self.code, self.words["cldr.month"], day)

    def period(self, period: Period, open_key: str = "period.open") -> str:
        """'23 Nov 2022 – 31 Dec 2023' (the last day inclusive), or 'since 1 Jan 2026' while it is open (the
        catalogue's `open_key` words that)."""
        if period.last_day is None:
            return self(open_key, day=self.day(period.start))
        return f"{self.day(period.start)} – {self.day(period.last_day)}"

    def relative(self, day: date, today: date) -> str:
        """'11 months ago', 'in 5 weeks', 'today' (arrow's words, imported only when not remembered)."""
        if day == today:
            return self("today")
        key = f"{self.code} {today.isoformat()} {day.isoformat()}"
        if key not in WORDED:
            WORDED[key] = humanized(self.code, day, today)
        return WORDED[key]

    # Names ------------------------------------------------------------------

    def name(self, fact: Named) -> str:
        """A fact's name (a place's city, an event's title) in the language: the data's own when it has one, else
        (a state) CLDR's name for its ISO code, else the English name."""
        if self.code == "en":
            return fact.english_name
        own = fact.names.get(self.code)
        if own:
            return own
        if isinstance(fact, _member()):
            return cldr.territory(self.code, fact.id) or fact.english_name
        return fact.english_name

    def short(self, fact: Abbreviated) -> str:
        """A body's or an organisation's short name in the language ('CSC' / 'СКБ'): its abbreviation in the
        language, else (in another language than English) its name in it, else its English abbreviation, else its
        name."""
        if self.code != "en":
            own = fact.short_in(self.code) or fact.names.get(self.code)
            if own:
                return own
        return fact.short or self.name(fact)


@functools.cache
def _member() -> type:
    """The core model's Member class, imported when a name is first looked up (a build that renders nothing does
    not define the model)."""
    from timeline.core.model import Member

    return Member


@functools.cache
def language(code: str) -> Language:
    """The language of an ISO 639-1 code in CODES (KeyError otherwise): its catalogue is the module of that name."""
    if code not in CODES:
        raise KeyError(code)
    if code == "en":
        return EN
    import importlib

    return Language(code, importlib.import_module(f"timeline.render.lang.{code}").WORDS)


def _english() -> Language:
    from timeline.render.lang import en

    return Language("en", en.WORDS)


EN = _english()
"""English: the default of every renderer."""


def folder(lang: Language) -> str:
    """Where a language's pages and feeds are in the site, from its root: '' for the first language (English),
    else its code as a folder ('ru/'), under the same file names."""
    return "" if lang.code == CODES[0] else f"{lang.code}/"
