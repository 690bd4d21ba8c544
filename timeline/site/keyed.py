"""Each part of the site keyed on what it is built from, so that the whole site is taken from the published version
when no key changed (site.reuse, build.reused_site): an edit that changes no fact (a comment) loads only the edited
organisation, to digest its model, and renders nothing.

A part's key is a digest of its organisation's loaded model with the build's day, horizon and options and the code,
kept in the cache folder under the data's stamps (load.cache.cache_key), so an organisation whose files did not
change is neither loaded nor digested again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from timeline.core.query import Timeline
from timeline.load import load_many
from timeline.site import reuse as parts_reuse


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
        parts_reuse.keep_key(org, stamped, found)
    return found


def keyed(data_dir: Path, inputs: dict[str, str], options: tuple) -> tuple[list[Timeline], dict[str, str]]:
    """Every organisation's part key (in the site's order), loading only the organisations whose key is not known
    for their data's stamps (site.reuse.known_key); returns those organisations and the keys."""
    keys = {org: parts_reuse.known_key(org, parts_reuse.key(stamps, *options)) for org, stamps in inputs.items()}
    unknown = [org for org, found in keys.items() if found is None]
    timelines = load_many(data_dir, unknown) if unknown else []
    for tl in timelines:
        keys[tl.org.id] = part_key(tl.org.id, inputs[tl.org.id], options, lambda tl=tl: tl.org)
    return timelines, {org: str(found) for org, found in keys.items()}


@dataclass(frozen=True)
class Headers:
    """The organisations given as headers (`header`) among a build's timelines, and how to load their whole
    Timelines, several at once."""

    orgs: frozenset[str]
    load: Callable[[list[str]], list[Timeline]]


def all_loaded(
    data_dir: Path, orgs: list[str], loaded: list[Timeline], keys: dict[str, str] | None = None
) -> tuple[list[Timeline], Headers]:
    """Every organisation's Timeline in the site's order, the ones in `loaded` not loaded again, and the others'
    headers where one is kept for their part's key (`keys`; see `header`): returns them with the `Headers` (build.
    render_site loads a header's whole Timeline only if it must)."""
    have = {tl.org.id: tl for tl in loaded}
    for org in orgs:
        found = parts_reuse.saved_header(org, keys[org]) if org not in have and keys and keys.get(org) else None
        if isinstance(found, Timeline) and found.org.id == org:
            have[org] = found
    headers = Headers(frozenset(have) - {tl.org.id for tl in loaded}, lambda wanted: load_many(data_dir, wanted))
    missing = [org for org in orgs if org not in have]
    have.update({tl.org.id: tl for tl in (load_many(data_dir, missing) if missing else [])})
    return [have[org] for org in orgs], headers


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
