"""What every renderer is given: what to show, as of which day, up to which horizon, in which language.

A command or the build makes a view once (per organisation and language) and hands it to the renderers as one
argument; the day and the horizon come from the core (`core.asof`), the language from `render.lang`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Self

from timeline.core.asof import AsOf
from timeline.core.query import Timeline
from timeline.render.lang import EN, Language


class _AsOf:
    """What both views say of their day and language (each is a frozen dataclass with `asof` and `lang`)."""

    asof: AsOf
    lang: Language

    @property
    def today(self) -> date:
        return self.asof.today

    @property
    def horizon(self) -> date:
        return self.asof.horizon

    def in_language(self, lang: Language) -> Self:
        """The same view in another language."""
        return replace(self, lang=lang)  # type: ignore[type-var]


@dataclass(frozen=True)
class View(_AsOf):
    """One organisation's timeline as of a day, shown up to a horizon, in a language."""

    tl: Timeline
    asof: AsOf
    lang: Language = EN

    @classmethod
    def of(cls, tl: Timeline, today: date, lang: Language = EN) -> View:
        """As of `today`, projecting as far as the core says (core.asof.projection_horizon)."""
        return cls(tl, AsOf.on(today), lang)


@dataclass(frozen=True)
class SiteView(_AsOf):
    """Several organisations' timelines (the whole site, or the ones a command names) as of one day, in a language:
    what the site-wide renderers (combined feed, overview, landing) are given."""

    timelines: tuple[Timeline, ...]
    asof: AsOf
    lang: Language = EN

    @classmethod
    def of(cls, timelines: Iterable[Timeline], today: date, lang: Language = EN) -> SiteView:
        return cls(tuple(timelines), AsOf.on(today), lang)

    def only(self, timelines: Iterable[Timeline]) -> SiteView:
        """The same day and language over other timelines (e.g. the ones with a chairmanship)."""
        return replace(self, timelines=tuple(timelines))

    def view(self, tl: Timeline) -> View:
        """One organisation's view, as of the same day in the same language."""
        return View(tl, self.asof, self.lang)

    def __iter__(self) -> Iterator[View]:
        return (self.view(tl) for tl in self.timelines)
