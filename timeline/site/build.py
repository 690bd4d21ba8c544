"""`timeline build`: load every organisation, render the whole site in memory, then publish it atomically.

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
from timeline.render.lang import CODES, EN
from timeline.site import chair_files, pieces, unchanged
from timeline.site import reuse as parts_reuse
from timeline.site.dumps import DumpedState, dump_json, dump_records, dump_state, dumped  # noqa: F401
from timeline.site.files import Contents, Site, SiteFile  # noqa: F401  (Contents and SiteFile: imported from here)
from timeline.site.publish import HOME, STAGE, checkpoint, locked, publish, published, stale_files
from timeline.site.rendering import (  # noqa: F401  (render_org and the names: looked up here, tests replace them)
    ORG_STATE,
    OVERVIEW,
    ROOT_STATE,
    STAGES,
    STATE_FILE,
    chair_paths,
    language_note,
    previous_state,
    published_feeds,
    render_all_chairmanships,
    render_org,
    site_languages,
)

if TYPE_CHECKING:
    from timeline.core.query import Timeline
    from timeline.site.keyed import Headers

Step = Callable[[str], None]


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


def previous_record(out: Path, org: str) -> dict | None:
    """The feed state's record of the part ({"build": …}, site.reuse.recorded) without decoding its events."""
    return parts_reuse.recorded(out / org / STATE_FILE)


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
    from timeline.render.html import languages
    from timeline.render.html.landing import landing_parts, org_row
    from timeline.render.html.overview import chair_words
    from timeline.render.html.page import PLOTLY_LOCALE, plotly_js, plotly_locale
    from timeline.render.ical.feeds import chair_events
    from timeline.render.view import SiteView
    from timeline.site import keyed, parallel  # processes: only when something is rendered

    step = step or (lambda _: None)
    site = Site(stage=stage)
    parts: dict[str, dict[str, list]] = {code: {} for code in CODES}
    summaries: dict[str, dict[str, pieces.Summary | pieces.Row]] = {code: {} for code in CODES}  # by language, org
    asof = AsOf.on(today)  # the build's day and horizon, worked out once
    options = (today, asof.horizon, epoch, base_url)
    given, models = inputs or {}, keyed.Models(timelines, headers)
    keys = {org: keyed.part_key(org, given.get(org), options, lambda o=org: models.model(o)) for org in models.known}
    root_key = parts_reuse.key(*keys.values(), *options) if all(keys.values()) else None
    root_state = previous_record(out, "")
    root = (
        parts_reuse.reusable(root_state, root_key, out, (STATE_FILE, ROOT_STATE), seen) if reuse and root_key else None
    )
    again = {
        org: parts_reuse.reusable(previous_record(out, org), keys[org], out, _state_of(org), seen)
        for org in models.known
        if reuse and keys[org]
    }
    kept = {org: pieces.kept_rows(org, keys[org]) for org in again if again[org] and root is None}
    models.load(  # a reused part without its rows in every language: the site-wide files need its whole model
        [org for org in again if again[org] and root is None and set(kept.get(org, {})) != set(CODES)]
    )
    whole = SiteView(tuple(models.known.values()), asof)
    langs = site_languages()
    work = [(tl, lang) for tl in whole.timelines if not again.get(tl.org.id) for lang in langs]  # org by org

    def render_piece(index: int) -> pieces.Piece:
        """One organisation's files in one language (English: with its JSON and CSV), rendered into their own site
        (staged as they are written)."""
        (shown, lang), steps, own, made, mark = work[index], [], Site(stage=stage), {}, pieces.words_mark()
        tl = models.for_piece(shown)  # a header loaded whole here: in the worker that renders it, when forked
        feeds, state = render_org(
            own, whole.view(tl), epoch=epoch, base_url=base_url, out=out, previous=previous_state(out, tl.org.id),
            step=steps.append, built=made, langs=[lang],
        )  # fmt: skip
        listed = {code: [parts_reuse.listed(f) for f in each] for code, each in feeds.items()}  # not their bytes
        view = whole.view(tl).in_language(lang)
        chair = chair_words(tl, whole.today, whole.horizon, lang)
        events = chair_events(view, made)
        row = org_row(view, listed[lang.code], base_url)
        summary = pieces.Summary(chair, row, events, chair_files.summary_digest(chair, events))
        kept = pieces.keep_summary(tl.org.id, keys[tl.org.id], lang.code, summary)  # its Row, once kept
        words = pieces.words_since(mark)
        written = None if state is None else dumped(state)  # one string, not thousands of objects to send back
        return pieces.Piece(own.files, listed, {lang.code: kept}, steps if lang is EN else [], written, words)

    pieces.import_renderers()  # before any worker is forked: each would import them again
    weights = [models.facts(tl) for tl, _ in work]
    with parallel.streamed(render_piece, len(work), weights) as results:  # each part merged as it comes
        for tl in whole.timelines:
            org = tl.org.id
            if again.get(org):
                for stage_name in STAGES:
                    step(f"{org}: {stage_name} (unchanged)")
                feeds, found = add_reused(site, again[org]), kept.get(org, {})  # what the site-wide files take
            else:
                before = set(site.files)
                done = [next(results) for _ in langs]  # its pieces, in `work`'s order; let go once merged
                feeds, found = pieces.merge(site, done, step)
                state = next(p.state for p in done if p.state is not None)
                del done
                _add_state(site, f"{org}/{STATE_FILE}", state, ORG_STATE, keys[org], before, feeds)
                if keys[org]:
                    pieces.keep_digests(org, keys[org], found)
                    keyed.keep_header(org, keys[org], tl, models.facts(tl))
            for code, summary in found.items():
                summaries.setdefault(code, {})[org] = summary
            for code, listed in parts.items():
                listed[org] = feeds.get(code, [])
    if root:
        step("all chairmanships (unchanged)")
        step("landing page (unchanged)")
        add_reused(site, root)
        return site
    chair_keys = {
        lang.code: chair_files.key(whole.timelines, summaries[lang.code], options, lang.code) if root_key else None
        for lang in langs
    }
    chairs_again, english_state = (
        chair_files.reused(chair_keys, out, lambda: previous_state(out, ""), seen) if reuse else ({}, None)
    )

    def render_sitewide(index: int) -> pieces.Piece:
        """The site-wide files in one language: the feed of every chairmanship and the overview page (taken from
        the published version when their key is the same: site.chair_files), the landing page, and plotly.js's
        words in it, rendered into their own site (staged as they are written). The parts' summaries in this
        language are read here, in the worker when forked, and let go before the landing page."""
        lang, own, mark = langs[index], Site(stage=stage), pieces.words_mark()
        found = summaries.get(lang.code, {})
        if again := chairs_again.get(lang.code):
            add_reused(own, again)
            combined, state = {lang.code: again.feeds[lang.code][0]}, english_state if lang is EN else None
        else:
            read, unread = _read_summaries(found, lang.code, keys)
            if unread:  # their chair words and VEVENTs are worked out from their whole models
                models.load(unread)
            combined, state = render_all_chairmanships(
                own,
                SiteView(tuple(models.known.values()), asof) if unread else whole,
                epoch=epoch,
                base_url=base_url,
                out=out,
                summaries={lang.code: read},
                langs=[lang],
            )
            del read
        given = {org: summary.row for org, summary in found.items() if isinstance(summary, pieces.Summary)}
        reused = {org: keys[org] for org, summary in found.items() if isinstance(summary, pieces.Row)}

        def missing(org: str) -> str:
            """A reused part's row when it could not be read: worked out from its whole model."""
            models.load([org])
            return org_row(whole.view(models.known[org]).in_language(lang), parts[lang.code][org], base_url)

        rows = pieces.Rows(lang.code, given, reused, missing)
        landing = landing_parts(  # written as its rows come
            whole.in_language(lang),
            parts[lang.code],
            base_url=base_url,
            combined=(combined or {}).get(lang.code),
            kept=rows,
        )
        what = f"landing page{language_note(lang)}: {len(timelines)} org(s)"
        own.add(languages.site_path(lang, "index.html"), landing, what)
        if plotly_locale(lang.code):  # plotly.js's words in a language, beside plotly.min.js
            name = PLOTLY_LOCALE.format(code=lang.code)
            own.add(name, plotly_locale(lang.code), f"plotly.js's locale ({lang.code}) for the timeline pages")
        feeds = {lang.code: [parts_reuse.listed(combined[lang.code])]} if combined else {}  # not its bytes
        return pieces.Piece(own.files, feeds, {}, [], state, pieces.words_since(mark))

    before = set(site.files)
    step("all chairmanships (unchanged)" if len(chairs_again) == len(langs) else "all chairmanships")
    step("landing page")
    site.add("plotly.min.js", plotly_js(), "plotly.js for the timeline pages")
    weights = [  # a language's chair files, when rendered
        len(whole.timelines)
        if lang.code in chairs_again
        else pieces.sitewide_weight(whole.timelines, summaries[lang.code])
        for lang in langs
    ]
    state, combined = None, {}
    for part in parallel.each(render_sitewide, len(langs), weights):  # side by side
        pieces.learn(part.words)
        site.files.update(part.files)
        combined.update({code: feeds[0] for code, feeds in part.feeds.items()})
        state = part.state if part.state is not None else state  # the English feed's
    if state is not None:
        _add_state(site, STATE_FILE, state, ROOT_STATE, root_key, before, {})
    rendered_keys = {code: k for code, k in chair_keys.items() if code not in chairs_again}
    chair_files.keep(rendered_keys, site.files, {lang.code: chair_paths(lang) for lang in langs}, combined, state)
    return site


def _read_summaries(
    found: dict[str, pieces.Summary | pieces.Row], code: str, keys: dict[str, str]
) -> tuple[dict[str, pieces.Summary], list[str]]:
    """The whole `Summary` in the language `code` of each part in `found` (a `Row` read from the cache folder:
    pieces.saved_summary), and the organisations whose summary could not be read (worked out from their models)."""
    read: dict[str, pieces.Summary] = {}
    unread: list[str] = []
    for org, summary in found.items():
        whole = pieces.saved_summary(org, keys[org], code) if isinstance(summary, pieces.Row) else summary
        if whole is not None and whole.digest == summary.digest:
            read[org] = whole
        else:
            unread.append(org)
    return read, unread


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
        again = parts_reuse.reusable(previous_record(out, org), part_key, out, _state_of(org), seen)
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


def add_reused(site: Site, again: parts_reuse.Reused) -> dict[str, list]:
    """Add a reused part's files to the site; returns its feeds in each language as the landing pages list them."""
    for path, (source, sha256, what) in again.files.items():
        site.add_published(path, source, what, sha256)
    return again.feeds


def _state_of(org: str) -> tuple[str, str]:
    """An organisation's feed state file and what it is."""
    return f"{org}/{STATE_FILE}", ORG_STATE


def _add_state(
    site: Site,
    path: str,
    state: dict | DumpedState,
    what: str,
    key: str | None,
    before: set[str],
    feeds: dict[str, list],
) -> None:
    """Add a feed state, with the record of the part's other files (the ones added since `before`) when the part
    has a key, so the next build can reuse them."""
    if key is not None:
        files = {p: (f.digest, f.what) for p, f in site.files.items() if p not in before}
        record = parts_reuse.record(key, files, feeds)
        state = state.with_entry("build", record) if isinstance(state, DumpedState) else {**state, "build": record}
    site.add(path, dump_state(state), what)


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
