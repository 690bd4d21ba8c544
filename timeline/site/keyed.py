"""Each part of the site keyed on what it is built from, so that the whole site is taken from the published version
when no key changed (site.reuse, build.reused_site): an edit that changes no fact (a comment) loads only the edited
organisation, to digest its model, and renders nothing.

A part's key is a digest of its organisation's loaded model with the build's day, horizon and options and the code,
kept in the cache folder under the data's stamps (load.cache.cache_key), so an organisation whose files did not
change is neither loaded nor digested again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from timeline.core.query import Timeline
from timeline.load import load_each, load_many
from timeline.site import reuse as parts_reuse
from timeline.site.pieces import facts_of


def part_key(org: str, inputs: str | None, options: tuple, model: Callable[[], object]) -> str | None:
    """The key of an organisation's part when its data's key is given (`inputs`: load.cache.cache_key): a digest of
    its model (`model()`: its Organisation) and the options (site.reuse), kept in the cache folder for data with the
    same stamps, so that the model is neither loaded nor digested again for them."""
    if inputs is None:
        return None
    stamped = parts_reuse.key(inputs, *options)
    found = parts_reuse.known_key(org, stamped)
    if found is None:
        found = parts_reuse.key(parts_reuse.model_digest(model()), *options)
        parts_reuse.keep_for(org, "key", stamped, found)
    return found


def keyed(
    data_dir: Path, inputs: dict[str, str], options: tuple
) -> tuple[list[Timeline], dict[str, str], dict[str, int]]:
    """Every organisation's part key (in the site's order), loading only the organisations whose key is not known
    for their data's stamps (site.reuse.known_key), one at a time; returns those organisations, the keys, and the
    facts of each one returned as its header (`header`: with the load cache, whose copy a piece reads again, the
    build does not hold every model at once; without it, each is returned whole)."""
    keys = {org: parts_reuse.known_key(org, parts_reuse.key(stamps, *options)) for org, stamps in inputs.items()}
    unknown = [org for org, found in keys.items() if found is None]
    loaded, facts = [], {}
    headers = not os.environ.get("TIMELINE_NO_CACHE")
    for tl in load_each(data_dir, unknown) if unknown else ():
        org = tl.org.id
        keys[org] = part_key(org, inputs[org], options, lambda tl=tl: tl.org)
        if headers:
            facts[org] = facts_of(tl)
            tl = header(tl)
        loaded.append(tl)
    return loaded, {org: str(found) for org, found in keys.items()}, facts


@dataclass(frozen=True)
class Headers:
    """The organisations given as headers (`header`) among a build's timelines, how many facts each has, and how to
    load their whole Timelines, several at once."""

    facts: dict[str, int]
    load: Callable[[list[str]], list[Timeline]]


def all_loaded(
    data_dir: Path,
    orgs: list[str],
    loaded: list[Timeline],
    keys: dict[str, str] | None = None,
    facts: dict[str, int] | None = None,
) -> tuple[list[Timeline], Headers]:
    """Every organisation's Timeline in the site's order, the ones in `loaded` not loaded again (those in `facts`
    being headers, as `keyed` returns them), and the others' headers where one is kept for their part's key (`keys`;
    see `header`): returns them with the `Headers` (`Models` loads a header's whole Timeline only where it must)."""
    have = {tl.org.id: tl for tl in loaded}
    facts = dict(facts or {})
    for org in orgs:
        found = parts_reuse.kept_for(org, "header", keys[org]) if org not in have and keys and keys.get(org) else None
        if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], Timeline) and found[0].org.id == org:
            have[org], facts[org] = found
    missing = [org for org in orgs if org not in have]
    have.update({tl.org.id: tl for tl in (load_many(data_dir, missing) if missing else [])})
    return [have[org] for org in orgs], Headers(facts, lambda wanted: load_many(data_dir, wanted))


def keep_header(org: str, part_key: str, tl: Timeline, facts: int) -> None:
    """Keep the organisation's header and its number of facts under its part's key, for `all_loaded`."""
    parts_reuse.keep_for(org, "header", part_key, (header(tl), facts))


class Models:
    """A build's organisations, each a whole Timeline or a header (`Headers`): a header's whole Timeline is loaded in
    the build's process only where the site-wide files need it (`load`), else by the piece that renders its part
    (`for_piece`, in a worker when forked), so that the build's process does not hold every model."""

    def __init__(self, timelines: list[Timeline], headers: Headers | None) -> None:
        self.known = {tl.org.id: tl for tl in timelines}
        self.headers = headers or Headers({}, lambda _: [])
        self._headers = set(self.headers.facts)
        self._last: dict[str, Timeline] = {}

    def load(self, orgs: list[str]) -> None:
        """Make those of `orgs` given as headers whole here, loading them at once."""
        if wanted := [org for org in orgs if org in self._headers]:
            for tl in self.headers.load(wanted):
                self.known[tl.org.id] = tl
            self._headers.difference_update(wanted)

    def model(self, org: str) -> object:
        """The organisation's whole model (loaded now if it was a header)."""
        self.load([org])
        return self.known[org].org

    def for_piece(self, tl: Timeline) -> Timeline:
        """The whole Timeline of the organisation whose part a piece renders (the last one loaded is kept: its
        other language's piece most often follows)."""
        org = tl.org.id
        if org not in self._headers:
            return tl
        if org not in self._last:
            self._last = {org: self.headers.load([org])[0]}
        return self._last[org]

    def facts(self, tl: Timeline) -> int:
        """The organisation's facts, a header's as kept with it."""
        return self.headers.facts[tl.org.id] if tl.org.id in self._headers else facts_of(tl)


def header(tl: Timeline) -> Timeline:
    """The organisation's Timeline without its facts, but its chair office: what the site-wide files need of an
    organisation whose part is reused with its summaries (site.pieces.Summary), its names, region, data day and
    whether it has a chairmanship, a few kilobytes to read instead of its whole model."""
    chair = tuple(office for office in tl.org.offices if office.id == tl.org.chair_office)
    return Timeline(
        replace(
            tl.org, members=(), bodies=(), offices=chair, people=(), places=(), groups=(), terms=(), events=(),
            rotations=(), sources_by_id={},
        )
    )  # fmt: skip
