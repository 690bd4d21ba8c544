"""The pieces of a build that can be rendered apart (site.parallel): one organisation's files in one language, and
how they join the site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from timeline.site.files import Site, SiteFile

if TYPE_CHECKING:
    from timeline.core.query import Timeline
    from timeline.render.lang import Language


@dataclass
class Piece:
    """An organisation's files in one language as rendered (in this process or a worker): the files, its feeds as
    the landing pages list them and its overview words (by language code), its chairmanship VEVENTs (for the
    site-wide feed), and the steps it went through (reported by the English piece alone)."""

    files: dict[str, SiteFile]
    feeds: dict[str, list]
    texts: dict[str, Any]
    events: dict[str, Any]
    steps: list[str]
    state: dict | None
    """The English feeds' state (None for another language's piece)."""


def merge(
    site: Site, parts: list[Piece], built: dict, step: Callable[[str], None]
) -> tuple[dict[str, list], dict[str, Any]]:
    """Add an organisation's pieces to the site, in order, and their VEVENTs to `built`; returns its feeds and its
    overview words in each language."""
    feeds: dict[str, list] = {}
    texts: dict[str, Any] = {}
    for part in parts:
        for done in part.steps:
            step(done)
        site.files.update(part.files)
        built.update(part.events)
        feeds.update(part.feeds)
        texts.update(part.texts)
    return feeds, texts


def import_renderers() -> None:
    """Import what render_org imports when it first runs."""
    from timeline.render.export import model, schema, tables  # noqa: F401
    from timeline.render.html import page  # noqa: F401
    from timeline.render.ical import feeds  # noqa: F401


def weights(pieces: list[tuple[Timeline, Language]]) -> list[int]:
    """How much rendering each piece costs, roughly: its organisation's facts (the heaviest are started first)."""
    return [len(tl.org.terms) + len(tl.org.events) for tl, _ in pieces]
