"""The pieces of a build that can be rendered apart (site.parallel): one organisation's files in one language, and
how they join the site."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from timeline.site import reuse
from timeline.site.files import Site, SiteFile

if TYPE_CHECKING:
    from timeline.core.query import Timeline
    from timeline.render.html.overview import ChairWords
    from timeline.render.ical.prepared import Prepared
    from timeline.site.dumps import DumpedState


@dataclass(frozen=True)
class Summary:
    """What the site-wide files take from one organisation in one language, worked out with its part and kept with
    it (site.reuse.keep_for), so that an edit of another organisation neither resolves nor words it again:
    its overview lane and table rows (render.html.overview.ChairWords; None without a chairmanship), its landing
    page row (render.html.landing.org_row) and its chair terms' VEVENTs for the feed of every chairmanship
    (render.ical.feeds.chair_events), with a digest of what the chair files take of it (site.chair_files)."""

    chair: ChairWords | None
    row: str
    events: list[Prepared]
    digest: str


@dataclass(frozen=True)
class Row:
    """What the build's process holds of a part's `Summary` in one language once the summary is kept in the cache
    folder (`keep_summary`: by the piece that rendered the part, or by an earlier build for a reused part): its
    digest and its chair VEVENTs' count. The summary itself (the Security Council's is 5 MB) is read only where the
    chair files are rendered again (`saved_summary`), and its landing page row as the landing page is written
    (`Rows`), so that the build's process never holds every organisation's summary."""

    digest: str
    events: int = 0


class Rows(Mapping[str, str]):
    """The landing page rows of one language, by organisation id: a rendered part's as given, a reused part's
    (`reused`: its part's key) read from the cache folder when the page reaches it, and not held after (so the rows
    of every organisation are never in memory at once), else worked out by `missing(org)`."""

    def __init__(self, code: str, given: Mapping[str, str], reused: Mapping[str, str], missing: Callable[[str], str]):
        self.code, self.given, self.reused, self.missing = code, given, reused, missing

    def __getitem__(self, org: str) -> str:
        if org in self.given:
            return self.given[org]
        if org not in self.reused:
            raise KeyError(org)
        found = reuse.kept_for(org, f"row-{self.code}", self.reused[org])
        return found if isinstance(found, str) else self.missing(org)

    def __iter__(self) -> Iterator[str]:
        return iter([*self.given, *(org for org in self.reused if org not in self.given)])

    def __len__(self) -> int:
        return len(set(self.given) | set(self.reused))


def keep_summary(org: str, key: str | None, code: str, summary: Summary) -> Summary | Row:
    """Keep a part's summary in one language in the cache folder under its part's key (site.reuse.keep_for), with
    its landing page row apart (`Rows` reads it alone), and return its `Row`; the summary itself when nothing is kept
    (no key, or TIMELINE_NO_CACHE)."""
    if key is None or not reuse.keeping():
        return summary
    reuse.keep_for(org, f"summary-{code}", key, replace(summary, row=""))  # the chair files' part: rows are apart
    reuse.keep_for(org, f"row-{code}", key, summary.row)
    return Row(summary.digest, len(summary.events))


def keep_digests(org: str, key: str, summaries: Mapping[str, Summary | Row]) -> None:
    """Keep a part's `Row` in each language (its summaries' digests and counts) under its part's key, for
    `kept_rows`."""
    reuse.keep_for(org, "digest", key, {code: (s.digest, events_of(s)) for code, s in summaries.items()})


def kept_rows(org: str, key: str) -> dict[str, Row]:
    """A reused part's `Row` in each language (by code) from the cache folder; none when they are not kept."""
    found = reuse.kept_for(org, "digest", key)
    if not isinstance(found, dict):
        return {}
    return {
        code: Row(*kept)
        for code, kept in found.items()
        if isinstance(code, str)
        and isinstance(kept, tuple)
        and len(kept) == 2
        and isinstance(kept[0], str)
        and isinstance(kept[1], int)
    }


def saved_summary(org: str, key: str, code: str) -> Summary | None:
    """A part's `Summary` in one language as `keep_summary` kept it under its part's key, if it can be read: what the
    chair files take of it, without its landing page row (`Rows` reads that)."""
    found = reuse.kept_for(org, f"summary-{code}", key)
    return found if isinstance(found, Summary) else None


def events_of(summary: Summary | Row) -> int:
    """How many chair VEVENTs a summary holds (a `Row` counts them)."""
    return summary.events if isinstance(summary, Row) else len(summary.events)


@dataclass
class Piece:
    """An organisation's files in one language as rendered (in this process or a worker): the files, its feeds as
    the landing pages list them and its `Summary` (both by language code), and the steps it went through (reported
    by the English piece alone)."""

    files: dict[str, SiteFile]
    feeds: dict[str, list]
    summaries: dict[str, Summary | Row]
    steps: list[str]
    state: dict | DumpedState | None
    """The English feeds' state (an organisation's with its events written: site.dumps.dumped), None for another
    language's piece."""
    words: Words | None = None
    """What the piece worded that the process had not (render.lang's WORDED and cldr.MEMO): a worker's, taken back
    so that the command line keeps them (cli.phrases) and the next build words them no more."""


@dataclass(frozen=True)
class Words:
    """New entries of render.lang.WORDED and render.lang.cldr.MEMO since `words_since`'s mark."""

    worded: dict[str, str]
    cldr: dict[str, str]


def words_mark() -> tuple[int, int]:
    """How many phrases render.lang has worded so far (entries are only ever added, in order)."""
    from timeline.render.lang import WORDED, cldr

    return len(WORDED), len(cldr.MEMO)


def words_since(mark: tuple[int, int]) -> Words:
    """What render.lang has worded since `mark` (words_mark)."""
    from itertools import islice

    from timeline.render.lang import WORDED, cldr

    return Words(dict(islice(WORDED.items(), mark[0], None)), dict(islice(cldr.MEMO.items(), mark[1], None)))


def learn(words: Words | None) -> None:
    """Add what a piece worded (in a worker) to this process's phrases."""
    from timeline.render.lang import WORDED, cldr

    if words is not None:
        WORDED.update(words.worded)
        cldr.MEMO.update(words.cldr)


def merge(
    site: Site, parts: list[Piece], step: Callable[[str], None]
) -> tuple[dict[str, list], dict[str, Summary | Row]]:
    """Add an organisation's pieces to the site, in order; returns its feeds and its summaries in each language."""
    feeds: dict[str, list] = {}
    summaries: dict[str, Summary | Row] = {}
    for part in parts:
        learn(part.words)
        for done in part.steps:
            step(done)
        site.files.update(part.files)
        feeds.update(part.feeds)
        summaries.update(part.summaries)
    return feeds, summaries


def import_renderers() -> None:
    """Import what render_org imports when it first runs, and read the words kept from earlier (render.lang.cldr's
    KEPT): each worker would do it again, and take back what it read as new (`words_since`)."""
    from timeline.render.export import model, schema, tables  # noqa: F401
    from timeline.render.html import page  # noqa: F401
    from timeline.render.ical import feeds  # noqa: F401
    from timeline.render.lang import cldr

    cldr.load_kept()


def sitewide_weight(timelines: Sequence[Timeline], summaries: Mapping[str, Summary | Row]) -> int:
    """How much rendering the site-wide files costs in one language, roughly: the chair turns they lay out (twice:
    the feed and the overview) of each organisation with its summary, the facts of the others (worked out there)."""
    return sum(2 * events_of(summaries[tl.org.id]) if tl.org.id in summaries else facts_of(tl) for tl in timelines)


def facts_of(tl: Timeline) -> int:
    """An organisation's terms and events: how much rendering its part costs, roughly."""
    return len(tl.org.terms) + len(tl.org.events)
