"""`timeline build`: load every organisation, render what is not reused into a staging folder, publish it atomically.

The site (every path relative to the output folder)::

    index.html                   landing page (render.html.landing)
    timeline.html                every organisation's chairmanship on one timeline (render.html.overview)
    chairmanships.ics            every organisation's chairmanship as one feed, feed-state.json beside it
    ru/                          the feeds in Russian, as above: ru/chairmanships.ics, ru/<org>/<org>-*.ics, and
                                 their feed-state.json files
    plotly.min.js                plotly.js, shared by every timeline page
    <org>/<org>-*.ics            the feeds (render.ical.feeds)
    <org>/timeline.html          the interactive timeline (render.html.page)
    <org>/timeline.json          the whole model (render.export.model), with timeline.schema.json beside it
    <org>/terms.csv, events.csv  spreadsheets (render.export.tables)
    <org>/feed-state.json        what the feeds published, read back by the next build (render.ical.state)
    ru/index.html, ru/timeline.html, ru/<org>/timeline.html
                                 the same pages in Russian (render.html.languages), which link to each other
    plotly-locale-ru.js          plotly.js's Russian words, beside plotly.min.js for the Russian pages

Reproducible: nothing depends on the wall clock. The caller passes the build day (`today`: "as of"; with the
projection horizon the core works out from it, core.asof, it makes the views handed to every renderer) and,
optionally, a fixed stamp (SOURCE_DATE_EPOCH); without it each organisation's feeds are stamped with its data_date.

Publishing is in site.publish. A build holds the output folder's lock from reading the previous feed
states until its site is published, so two builds of one folder run one after the other and the second
raises SEQUENCE from what the first published.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.core.asof import AsOf
from timeline.render.lang import CODES
from timeline.site import pieces, unchanged
from timeline.site import reuse as parts_reuse
from timeline.site.assembly import Assembly, Step, add_reused, previous_record, state_of
from timeline.site.dumps import DumpedState, dump_json, dump_records, dump_state, dumped  # noqa: F401
from timeline.site.files import Contents, Site, SiteFile  # noqa: F401  (Contents and SiteFile: imported from here)
from timeline.site.publish import HOME, STAGE, checkpoint, locked, publish, published, stale_files
from timeline.site.rendering import ROOT_STATE, STAGES, STATE_FILE

if TYPE_CHECKING:
    from timeline.core.query import Timeline
    from timeline.site.keyed import Headers


@dataclass
class BuildReport:
    """What a build wrote: every file with its size and contents, and what changed on disk."""

    out: Path
    site: Site
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Catalogue keys of what the operator should know of this build ("build.relative_links" without a base URL)."""

    @property
    def files(self) -> list[tuple[str, str]]:
        return [(path, f.what) for path, f in sorted(self.site.files.items())]


def render_site(
    timelines: list[Timeline],
    *,
    today: date,
    epoch: datetime | None,
    base_url: str | None,
    out: Path,
    step: Step | None = None,
    inputs: dict[str, str] | None = None,
    reuse: bool = False,
    stage: Path | None = None,
    headers: Headers | None = None,
    seen: Callable[[str], bool] = lambda _: False,
) -> Site:
    """Every file of the site, each written into `stage` as it is rendered, else held in memory (reads only the
    previous version in `out`: its feed states, and the files it reuses). `inputs` gives each organisation's data
    key (load.cache.cache_key): the feed states then record what each part was built from, and with `reuse`, a part
    built from the same inputs as the published one is taken from it whole (site.reuse). `headers`: which of the
    `timelines` are headers (site.keyed.header) and how to load them whole; one is loaded only when its part is
    rendered or its summaries are not kept. `seen`: a published file as the record of the last published site saw it
    (site.unchanged.as_published), whose digest is then not read again to reuse its part."""
    from timeline.render.view import SiteView
    from timeline.site import keyed

    step = step or (lambda _: None)
    asof = AsOf.on(today)  # the build's day and horizon, worked out once
    options = (today, asof.horizon, epoch, base_url)
    given, models = inputs or {}, keyed.Models(timelines, headers)
    keys = {org: keyed.part_key(org, given.get(org), options, lambda o=org: models.model(o)) for org in models.known}
    root_key = parts_reuse.key(*keys.values(), *options) if all(keys.values()) else None
    root = (
        parts_reuse.reusable(previous_record(out, ""), root_key, out, (STATE_FILE, ROOT_STATE), seen)
        if reuse and root_key
        else None
    )
    again = {
        org: parts_reuse.reusable(previous_record(out, org), keys[org], out, state_of(org), seen)
        for org in models.known
        if reuse and keys[org]
    }
    kept = {org: pieces.kept_rows(org, keys[org]) for org in again if again[org] and root is None}
    models.load(  # a reused part without its rows in every language: the site-wide files need its whole model
        [org for org in again if again[org] and root is None and set(kept.get(org, {})) != set(CODES)]
    )
    whole = SiteView(tuple(models.known.values()), asof)
    rendering = Assembly(models, whole, keys, options, out, stage, {org: r for org, r in again.items() if r}, kept)
    site = Site(stage=stage)
    rendering.add_parts(site, step)
    if root:
        step("all chairmanships (unchanged)")
        step("landing page (unchanged)")
        add_reused(site, root)
        return site
    rendering.add_sitewide(site, step, root_key, seen if reuse else None)
    return site


def reused_site(
    keys: dict[str, str],
    options: tuple,
    out: Path,
    step: Step,
    stage: Path | None,
    seen: Callable[[str], bool] = lambda _: False,
) -> Site | None:
    """The whole site taken from the published version in `out` when every part's key (`keys`, in the site's
    order) and the site-wide files' key are the ones published and every file is as recorded (`seen`: a file as the
    record of the last published site saw it, site.unchanged.as_published); else None. Nothing is loaded or
    rendered: a rebuild after an edit that changes no fact (a comment) costs the reading of the records."""
    root_key = parts_reuse.key(*keys.values(), *options)
    root = parts_reuse.reusable(previous_record(out, ""), root_key, out, (STATE_FILE, ROOT_STATE), seen)
    if root is None:
        return None
    parts = []
    for org, part_key in keys.items():
        again = parts_reuse.reusable(previous_record(out, org), part_key, out, state_of(org), seen)
        if again is None:
            return None
        parts.append((org, again))
    site = Site(stage=stage)
    for org, again in parts:
        for name in STAGES:
            step(f"{org}: {name} (unchanged)")
        add_reused(site, again)
    step("all chairmanships (unchanged)")
    step("landing page (unchanged)")
    add_reused(site, root)
    return site


def steps_per_build(orgs: int) -> int:
    """How many times render_site calls `step` (for a progress bar)."""
    return 3 * orgs + 2


def staging(out: Path) -> Path:
    """Where this process's build writes the site's files as they are rendered, before publishing them: inside the
    output folder's `.timeline/` (the same file system as the versions), removed by the next build if left."""
    return out / HOME / f"{STAGE}{os.getpid()}"


def build_site(
    data_dir: Path,
    out: Path,
    today: date,
    *,
    epoch: datetime | None = None,
    base_url: str | None = None,
    step: Step | None = None,
    check: bool = False,
    waiting: Callable[[], None] | None = None,
    fresh: bool = False,
) -> BuildReport:
    """Render everything, then publish it into `out` (or, with `check`, only compare: `changed` lists stale files).

    The data is loaded first; then, under the output folder's lock (`waiting()` is called if another build
    holds it), the previous feed states are read, the site rendered and published. A failure while loading
    or rendering raises before anything published in `out` changes. `check` takes no lock and writes
    nothing: it renders everything against the version published when it starts, and compares with that
    version. A build reuses the published files of a part built from the same inputs (site.reuse) unless
    `fresh` (or `check`) is set.
    """
    from timeline.datafiles import organisation_dirs
    from timeline.site.apart import keep_apart
    from timeline.stamps import data_key as cache_key

    keep_apart(out, "--out", data_dir)
    inputs = {f.name: cache_key(f) for f in organisation_dirs(data_dir)}  # read before the data: never newer
    notes = [] if base_url else ["build.relative_links"]
    horizon = AsOf.on(today).horizon
    site_key = None if check else unchanged.site_key(inputs, today, horizon, epoch, base_url)
    if site_key and not fresh and unchanged.published_unchanged(out.resolve(), site_key):
        with locked(out, waiting):  # seen unchanged (making nothing in `out`); again once any build has finished
            found = unchanged.published_unchanged(out.resolve(), site_key)
        if found:  # the published site is what this build would render: nothing loaded, nothing rendered
            return BuildReport(out, Site.published(*found), notes=notes)
    options = (today, horizon, epoch, base_url)
    from timeline.site import keyed

    if check or fresh:
        from timeline.load import load_many

        timelines, keys, facts = load_many(data_dir), {}, {}  # through the load cache, as queries do
    else:  # only the organisations whose parts' keys are not known for their data's stamps, for now
        timelines, keys, facts = keyed.keyed(data_dir, inputs, options)
    if check:
        root = published(out.resolve())
        site = render_site(timelines, today=today, epoch=epoch, base_url=base_url, out=root, step=step, inputs=inputs)
        return BuildReport(out, site, changed=stale_files(site.contents, out, root))
    with locked(out, waiting):
        checkpoint("locked")
        resolved = out.resolve()
        root, stage = published(resolved), staging(resolved)
        shutil.rmtree(stage, ignore_errors=True)
        try:
            seen = unchanged.as_published(resolved, root)
            site = None if fresh else reused_site(keys, options, root, step or (lambda _: None), stage, seen)
            headers = None
            if site is None and not fresh:  # something to render: every organisation loaded, or its header
                timelines, headers = keyed.all_loaded(data_dir, list(inputs), timelines, keys, facts)
            site = site or render_site(
                timelines,
                today=today,
                epoch=epoch,
                base_url=base_url,
                out=root,
                step=step,
                inputs=inputs,
                reuse=not fresh,
                stage=stage,
                headers=headers,
                seen=seen,
            )
            checkpoint("rendered")
            report = BuildReport(out, site, notes=notes)
            report.changed, report.removed = publish(site.contents, out)
            site.moved(published(resolved))
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        if site_key:
            unchanged.save(resolved, site_key, {path: f.what for path, f in site.files.items()})
    return report
