"""Read an organisation's data folder into the core model, validating everything on the way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from timeline.core.dates import PartialDate
from timeline.core.model import Source
from timeline.core.organisation import Organisation, Region
from timeline.core.query import Timeline
from timeline.datafiles import organisation_dirs
from timeline.errors import DataError, DataErrors, QueryError
from timeline.load.fields import ID, LONGEST_ID, RESERVED_IDS, Entry
from timeline.load.files import KINDS, ORG_FILE, data_files, expected_name, kind_of
from timeline.load.paths import default_data_dir, shown_path


def load_organisation(folder: Path) -> Organisation:
    """One organisation from its folder; raises DataErrors listing every problem found."""
    from timeline.load import parse
    from timeline.load.checks import Checker, close_open_terms, duplicate_ids

    errors: list[DataError] = []
    shown = shown_path(folder / ORG_FILE)
    if not ID.fullmatch(folder.name) or len(folder.name) > LONGEST_ID:
        errors.append(
            DataError(
                shown_path(folder),
                None,
                f"folder name '{folder.name[:40]}' is not an organisation id: lower-case letters, digits and single "
                f"dashes, at most {LONGEST_ID} (e.g. eu-council)",
            )
        )
    elif folder.name in RESERVED_IDS:
        errors.append(
            DataError(
                shown_path(folder),
                None,
                f"organisation id '{folder.name}' is reserved: the site keeps {folder.name}/ for its pages in that "
                f"language (name the folder otherwise, e.g. {folder.name}-org)",
            )
        )
    header = _read(folder / ORG_FILE, shown, errors)
    collected: dict[str, list[Any]] = {k: [] for k in KINDS}
    for path in data_files(folder):
        if path.name == ORG_FILE:
            continue
        kind, name = kind_of(path), shown_path(path)
        expected = expected_name(path.name)
        if expected != path.name and expected is not None and kind_of(Path(expected)):
            errors.append(DataError(name, None, f"name it {expected}"))
            continue
        if kind is None or expected != path.name:
            errors.append(DataError(name, None, f"unknown data file (name it after one of: {', '.join(KINDS)})"))
            continue
        items = _read(path, name, errors)
        if items is None:
            continue
        if not isinstance(items, list):
            errors.append(DataError(name, getattr(items, "line", 1), "expected a list of entries at the top level"))
            continue
        what, parser = KINDS[kind], getattr(parse, KINDS[kind])
        lines = getattr(items, "item_lines", [0] * len(items))
        for item, line in zip(items, lines, strict=True):
            if item is None:
                errors.append(DataError(name, line or None, f"an empty {what} entry (a '-' with nothing after it)"))
                continue
            entry = Entry(name, item, what, errors, line)
            fact = parser(entry) if entry.data else None
            if fact is not None:
                entry.finish()
            if fact is not None:
                collected[kind].append(fact)
    collected["sources"] = _classified(folder, header, collected["sources"], errors)
    org = _organisation(folder.name, Entry(shown, header or {}, "organisation", errors, 1), collected, errors)
    errors += duplicate_ids(org)
    if not errors:
        org = close_open_terms(org)
        errors += Checker(org).run()
    if errors:
        raise DataErrors(errors)
    return org


def _classified(folder: Path, header: Any, sources: list[Source], errors: list[DataError]) -> list[Source]:
    """The sources with their kinds, by the data folder's kind table; the organisation's own host is official."""
    from timeline.core.sourcekinds import host_of
    from timeline.load.kinds import kind_table

    try:
        table = kind_table(folder.parent)
    except DataErrors as failed:
        errors += failed.errors
        return sources
    url = header.get("url") if isinstance(header, dict) else None
    own = host_of(url) if isinstance(url, str) else None
    return [table.classified(source, own) for source in sources]


def _read(path: Path, shown: str, errors: list[DataError]) -> Any:
    from timeline.load.yamlfile import read_yaml

    try:
        return read_yaml(path, shown)
    except DataError as error:
        errors.append(error)
        return None


def _organisation(ident: str, e: Entry, collected: dict[str, list[Any]], errors: list[DataError]) -> Organisation:
    sources: dict[str, Source] = {}
    for source in collected["sources"]:
        if source.id in sources:
            first = sources[source.id]
            errors.append(
                DataError(
                    source.file,
                    source.line,
                    f"source id '{source.id}' is used twice (first at {first.file}:{first.line})",
                )
            )
        sources[source.id] = source
    from timeline.load.parse import name_field

    declared = e.text("id")
    if declared is not None and declared != ident:
        e.error(f"organisation id '{declared}' differs from its folder name '{ident}'")
    (name, other), (short, shorts) = name_field(e, "name"), name_field(e, "short", required=False)
    org = Organisation(
        id=ident,
        name=name or ident,
        names=other,
        short=short,
        shorts=shorts,
        url=e.url("url"),
        chair_office=e.text("chair_office"),
        data_date=e.date("data_date"),
        region=e.choice("region", Region) if e.has("region") else None,
        languages=e.texts("languages"),
        sources_by_id=sources,
        members=tuple(collected["members"]),
        bodies=tuple(collected["bodies"]),
        offices=tuple(collected["offices"]),
        people=tuple(collected["people"]),
        places=tuple(collected["places"]),
        groups=tuple(collected["groups"]),
        terms=tuple(collected["terms"]),
        events=tuple(collected["events"]),
        rotations=tuple(collected["rotations"]),
        **e.common(),
    )
    e.finish()
    return org


def load_all(data_dir: Path) -> dict[str, Organisation]:
    """Every organisation under data_dir, by id; errors of all of them are raised together."""
    orgs, errors = {}, []
    for folder in organisation_dirs(data_dir):
        try:
            orgs[folder.name] = load_organisation(folder)
        except DataErrors as failed:
            errors += failed.errors
    if errors:
        raise DataErrors(errors)
    return orgs


def load_many(data_dir: Path | str | None = None, orgs: list[str] | None = None) -> list[Timeline]:
    """The Timelines of the organisations asked for (all of them when `orgs` is empty), in the order asked."""
    return list(load_each(data_dir, orgs))


def load_each(data_dir: Path | str | None = None, orgs: list[str] | None = None) -> Iterator[Timeline]:
    """The Timelines of the organisations asked for (all of them when `orgs` is empty), in the order asked, one at a
    time, so that a caller can let each go before the next is read; every organisation's errors are raised together
    once the others are read."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    folders = {f.name: f for f in organisation_dirs(data_dir)}
    wanted = orgs or list(folders)
    unknown = [o for o in wanted if o not in folders]
    if unknown:
        raise QueryError(f"no organisation '{unknown[0]}' in {shown_path(data_dir)} (try one of: {', '.join(folders)})")
    from timeline.load.cache import cached

    errors = []
    for org in dict.fromkeys(wanted):
        try:
            yield cached(folders[org], warm_timeline)
        except DataErrors as failed:
            errors += failed.errors
    if errors:
        raise DataErrors(errors)


def load(data_dir: Path | str | None = None, org: str | None = None) -> Timeline:
    """The Timeline of one organisation (the only one, or `org`) from a data folder."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    folders = {f.name: f for f in organisation_dirs(data_dir)}
    if org is None:
        if len(folders) > 1:
            raise QueryError(
                f"{len(folders)} organisations in {shown_path(data_dir)}: choose one with --org ({', '.join(folders)})"
            )
        org = next(iter(folders))
    if org not in folders:
        raise QueryError(f"no organisation '{org}' in {shown_path(data_dir)} (try --org {' or --org '.join(folders)})")
    from timeline.load.cache import cached

    return cached(folders[org], warm_timeline)


def warm_timeline(folder: Path) -> Timeline:
    """The Timeline of one organisation folder, its rotations' recorded history already resolved (for the cache)."""
    return Timeline(load_organisation(folder)).warm()


__all__ = ["PartialDate", "default_data_dir", "load", "load_all", "load_many", "load_organisation"]
