"""How a build renders its site once it knows which parts it reuses (site.build decides that): each organisation's
part in each language as a piece (site.pieces), merged into the site as the pieces come back, then the site-wide
files in each language from the parts' summaries; and how a reused part or a feed state joins the site.

render_org and render_all_chairmanships are looked up here when called: tests replace them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.render.lang import CODES, EN
from timeline.site import chair_files, pieces
from timeline.site import reuse as parts_reuse
from timeline.site.dumps import DumpedState, dump_state, dumped
from timeline.site.files import Site
from timeline.site.rendering import (
    ORG_STATE,
    ROOT_STATE,
    STAGES,
    STATE_FILE,
    chair_paths,
    language_note,
    previous_state,
    render_all_chairmanships,
    render_org,
    site_languages,
)

if TYPE_CHECKING:
    from timeline.render.lang import Language
    from timeline.render.view import SiteView
    from timeline.site import keyed

Step = Callable[[str], None]


class Assembly:
    """One build's rendering once it is known what is reused: each organisation's part in each language (a piece,
    site.pieces), merged into the site as it comes, then the site-wide files in each language from the parts'
    summaries. The pieces run in forked workers when it pays (site.parallel), which see this object as it was."""

    def __init__(
        self,
        models: keyed.Models,
        whole: SiteView,
        keys: dict[str, str | None],
        options: tuple,
        out: Path,
        stage: Path | None,
        again: dict[str, parts_reuse.Reused],
        kept: dict[str, dict[str, pieces.Row]],
    ) -> None:
        self.models, self.whole, self.keys, self.out, self.stage = models, whole, keys, out, stage
        self.options = options  # (today, horizon, epoch, base_url)
        _, _, self.epoch, self.base_url = options
        self.again, self.kept = again, kept
        self.langs = site_languages()
        self.work = [(tl, lang) for tl in whole.timelines if tl.org.id not in again for lang in self.langs]
        self.parts: dict[str, dict[str, list]] = {code: {} for code in CODES}  # each language's feeds, by org
        self.summaries: dict[str, dict[str, pieces.Summary | pieces.Row]] = {code: {} for code in CODES}
        self.chairs_again: dict[str, parts_reuse.Reused] = {}
        self.english_state: dict | None = None

    def piece(self, index: int) -> pieces.Piece:
        """One organisation's files in one language (English: with its JSON and CSV), rendered into their own site
        (staged as they are written)."""
        from timeline.render.html.landing import org_row
        from timeline.render.html.overview import chair_words
        from timeline.render.ical.feeds import chair_events

        (shown, lang), steps, own, made, mark = self.work[index], [], Site(stage=self.stage), {}, pieces.words_mark()
        tl = self.models.for_piece(shown)  # a header loaded whole here: in the worker that renders it, when forked
        whole, org = self.whole, tl.org.id
        feeds, state = render_org(
            own, whole.view(tl), epoch=self.epoch, base_url=self.base_url, out=self.out,
            previous=previous_state(self.out, org), step=steps.append, built=made, langs=[lang],
        )  # fmt: skip
        listed = {code: [parts_reuse.listed(f) for f in each] for code, each in feeds.items()}  # not their bytes
        view = whole.view(tl).in_language(lang)
        chair = chair_words(tl, whole.today, whole.horizon, lang)
        events = chair_events(view, made)
        row = org_row(view, listed[lang.code], self.base_url)
        summary = pieces.Summary(chair, row, events, chair_files.summary_digest(chair, events))
        kept = pieces.keep_summary(org, self.keys[org], lang.code, summary)  # its Row, once kept
        written = None if state is None else dumped(state)  # one string, not thousands of objects to send back
        steps = steps if lang is EN else []
        return pieces.Piece(own.files, listed, {lang.code: kept}, steps, written, pieces.words_since(mark))

    def add_parts(self, site: Site, step: Step) -> None:
        """Every organisation's part, in the site's order: a reused one as published, the others rendered (side by
        side when it pays) and merged as their pieces come back, each piece let go once merged."""
        from timeline.site import keyed, parallel  # processes: only when something is rendered

        pieces.import_renderers()  # before any worker is forked: each would import them again
        weights = [self.models.facts(tl) for tl, _ in self.work]
        with parallel.streamed(self.piece, len(self.work), weights) as results:
            for tl in self.whole.timelines:
                org = tl.org.id
                if org in self.again:
                    for stage_name in STAGES:
                        step(f"{org}: {stage_name} (unchanged)")
                    feeds, found = add_reused(site, self.again[org]), self.kept.get(org, {})
                else:
                    done = [next(results) for _ in self.langs]  # its pieces, in `work`'s order
                    feeds, found = pieces.merge(site, done, step)
                    state = next(p.state for p in done if p.state is not None)
                    added = [path for part in done for path in part.files]
                    del done
                    add_state(site, f"{org}/{STATE_FILE}", state, ORG_STATE, self.keys[org], added, feeds)
                    if self.keys[org]:
                        pieces.keep_digests(org, self.keys[org], found)
                        keyed.keep_header(org, self.keys[org], tl, self.models.facts(tl))
                for code, summary in found.items():  # what the site-wide files take from it
                    self.summaries.setdefault(code, {})[org] = summary
                for code, listed in self.parts.items():
                    listed[org] = feeds.get(code, [])

    def add_sitewide(self, site: Site, step: Step, root_key: str | None, seen: Callable[[str], bool] | None) -> None:
        """The site-wide files in every language (side by side when it pays), with plotly.js and the feed state of
        the feed of every chairmanship; the chair files taken from the published version where their key is the
        same (`seen` given: the build reuses what it can)."""
        from timeline.render.html.page import plotly_js
        from timeline.site import parallel

        langs, whole, out = self.langs, self.whole, self.out
        chair_keys = {
            lang.code: chair_files.key(whole.timelines, self.summaries[lang.code], self.options, lang.code)
            if root_key
            else None
            for lang in langs
        }
        if seen is not None:
            self.chairs_again, self.english_state = chair_files.reused(
                chair_keys, out, lambda: previous_state(out, ""), seen
            )
        step("all chairmanships (unchanged)" if len(self.chairs_again) == len(langs) else "all chairmanships")
        step("landing page")
        site.add("plotly.min.js", plotly_js(), "plotly.js for the timeline pages")
        added = ["plotly.min.js"]
        weights = [  # a language's chair files, when rendered
            len(whole.timelines)
            if lang.code in self.chairs_again
            else pieces.sitewide_weight(whole.timelines, self.summaries[lang.code])
            for lang in langs
        ]
        state, combined = None, {}
        for part in parallel.each(self.sitewide, len(langs), weights):
            pieces.learn(part.words)
            site.files.update(part.files)
            added += part.files
            combined.update({code: feeds[0] for code, feeds in part.feeds.items()})
            state = part.state if part.state is not None else state  # the English feed's
        if state is not None:
            add_state(site, STATE_FILE, state, ROOT_STATE, root_key, added, {})
        rendered_keys = {code: k for code, k in chair_keys.items() if code not in self.chairs_again}
        paths = {lang.code: chair_paths(lang) for lang in langs}
        chair_files.keep(rendered_keys, site.files, paths, combined, state)

    def sitewide(self, index: int) -> pieces.Piece:
        """The site-wide files in one language: the feed of every chairmanship and the overview page (taken from
        the published version when their key is the same: site.chair_files), the landing page, and plotly.js's
        words in it, rendered into their own site (staged as they are written). The parts' summaries in this
        language are read here, in the worker when forked, and let go before the landing page."""
        from timeline.render.html import languages
        from timeline.render.html.landing import landing_parts
        from timeline.render.html.page import PLOTLY_LOCALE, plotly_locale
        from timeline.render.view import SiteView

        lang, own, mark = self.langs[index], Site(stage=self.stage), pieces.words_mark()
        found, models = self.summaries.get(lang.code, {}), self.models
        if again := self.chairs_again.get(lang.code):
            add_reused(own, again)
            combined, state = {lang.code: again.feeds[lang.code][0]}, self.english_state if lang is EN else None
        else:
            read, unread = _read_summaries(found, lang.code, self.keys)
            if unread:  # their chair words and VEVENTs are worked out from their whole models
                models.load(unread)
            combined, state = render_all_chairmanships(
                own,
                SiteView(tuple(models.known.values()), self.whole.asof) if unread else self.whole,
                epoch=self.epoch,
                base_url=self.base_url,
                out=self.out,
                summaries={lang.code: read},
                langs=[lang],
            )
            del read
        given = {org: summary.row for org, summary in found.items() if isinstance(summary, pieces.Summary)}
        reused = {org: self.keys[org] for org, summary in found.items() if isinstance(summary, pieces.Row)}
        rows = pieces.Rows(lang.code, given, reused, lambda org: self._row(org, lang))
        landing = landing_parts(  # written as its rows come
            self.whole.in_language(lang),
            self.parts[lang.code],
            base_url=self.base_url,
            combined=(combined or {}).get(lang.code),
            kept=rows,
        )
        what = f"landing page{language_note(lang)}: {len(self.whole.timelines)} org(s)"
        own.add(languages.site_path(lang, "index.html"), landing, what)
        if plotly_locale(lang.code):  # plotly.js's words in a language, beside plotly.min.js
            name = PLOTLY_LOCALE.format(code=lang.code)
            own.add(name, plotly_locale(lang.code), f"plotly.js's locale ({lang.code}) for the timeline pages")
        feeds = {lang.code: [parts_reuse.listed(combined[lang.code])]} if combined else {}  # not its bytes
        return pieces.Piece(own.files, feeds, {}, [], state, pieces.words_since(mark))

    def _row(self, org: str, lang: Language) -> str:
        """A reused part's landing page row when it could not be read: worked out from its whole model."""
        from timeline.render.html.landing import org_row

        self.models.load([org])
        view = self.whole.view(self.models.known[org]).in_language(lang)
        return org_row(view, self.parts[lang.code][org], self.base_url)


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


def previous_record(out: Path, org: str) -> dict | None:
    """The feed state's record of the part ({"build": …}, site.reuse.recorded) without decoding its events."""
    return parts_reuse.recorded(out / org / STATE_FILE)


def add_reused(site: Site, again: parts_reuse.Reused) -> dict[str, list]:
    """Add a reused part's files to the site; returns its feeds in each language as the landing pages list them."""
    for path, (source, sha256, what) in again.files.items():
        site.add_published(path, source, what, sha256)
    return again.feeds


def state_of(org: str) -> tuple[str, str]:
    """An organisation's feed state file and what it is."""
    return f"{org}/{STATE_FILE}", ORG_STATE


def add_state(
    site: Site,
    path: str,
    state: dict | DumpedState,
    what: str,
    key: str | None,
    added: Iterable[str],
    feeds: dict[str, list],
) -> None:
    """Add a feed state, with the record of the part's other files (`added`, their paths in the site) when the part
    has a key, so the next build can reuse them."""
    if key is not None:
        files = {p: (site.files[p].digest, site.files[p].what) for p in added}
        record = parts_reuse.record(key, files, feeds)
        state = state.with_entry("build", record) if isinstance(state, DumpedState) else {**state, "build": record}
    site.add(path, dump_state(state), what)
