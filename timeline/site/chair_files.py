"""The site-wide chair files in one language, the feed of every chairmanship and the overview page, taken from the
published version when what they are built from did not change: an edit that changes no chair term (an event
moved, a source retitled) then renders only the landing pages of the site-wide files again.

In one language they are built from each organisation's header (site.keyed.header: names, region, data day, chair
office) and what its part worked out for them (site.pieces.Summary: its chair words and chair terms' VEVENTs,
digested in `Summary.digest`), with the build's day, horizon, stamp, base URL and the code (site.reuse.key), and
from the feed as last published, which the same inputs give back unchanged (site.reuse). What a build rendered is
kept in the cache folder under their key, for each language: their files' digests, the feed as the landing page
lists it, and for English a digest of the feed's state, which is the site-wide part's own; a build reuses them only
where the output folder holds those very files and that state.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.render.lang import EN
from timeline.site import reuse as parts_reuse
from timeline.site.dumps import dump_state

if TYPE_CHECKING:
    from timeline.core.query import Timeline
    from timeline.site.files import SiteFile
    from timeline.site.pieces import Summary


def summary_digest(chair: object, events: Sequence[Any]) -> str:
    """A digest of what the chair files take from one organisation in one language: its chair words
    (render.html.overview.ChairWords) and its chair terms' VEVENTs (UID, text's hash, start, time zones), from their
    reprs, the same in every process (a pickle's bytes follow how its objects happen to be shared)."""
    canon = [(e.uid, e.digest, e.moment, sorted((z, sorted(y)) for z, y in e.zones.items())) for e in events]
    return hashlib.sha256(repr((chair, canon)).encode("utf-8", "surrogatepass")).hexdigest()


def key(timelines: Sequence[Timeline], summaries: Mapping[str, Summary], options: tuple, code: str) -> str | None:
    """The key of the chair files in the language `code`, from every organisation's header and summary in it (by
    organisation id) and the build's options; None when a summary is missing (the files are rendered then)."""
    from timeline.site.keyed import header

    parts = []
    for tl in timelines:
        summary = summaries.get(tl.org.id)
        if summary is None or not summary.digest:
            return None
        parts.append((tl.org.id, hashlib.sha256(repr(header(tl).org).encode()).hexdigest(), summary.digest))
    return parts_reuse.key("chair files", code, parts, *options)


def reused(
    keys: Mapping[str, str | None], root: Path, english: Callable[[], dict | None], seen: Callable[[str], bool]
) -> tuple[dict[str, parts_reuse.Reused], dict | None]:
    """The chair files of each language whose key (`keys`, by code) is kept in the cache folder (`keep`) with files
    each published under `root` with its recorded digest (`seen`: as site.reuse.reusable), as reused parts with the
    feed as the landing page lists it; and the English feed's state, read back from the site-wide part's own
    (`english()`: as read, with its record) and taken only when it is the state that was kept with them."""
    found: dict[str, parts_reuse.Reused] = {}
    state = None
    for code, chairs_key in keys.items():
        kept = parts_reuse.kept_for("", _kind(code), chairs_key) if chairs_key else None
        again = _published(kept, code, root, seen)
        if again is not None and code == EN.code:
            state = feed_state(english())
            again = again if state is not None and _digest(state) == kept.get("state") else None  # type: ignore[union-attr]
        if again is not None:
            found[code] = again
    return found, (state if EN.code in found else None)


def keep(
    keys: Mapping[str, str | None],
    files: Mapping[str, SiteFile],
    paths: Mapping[str, list[str]],
    feeds: Mapping[str, Any],
    english: dict | None,
) -> None:
    """Keep in the cache folder, under its key, each language's chair files as rendered (`paths`: theirs, by code;
    `files`: the site's), the feed as the landing page lists it (`feeds`, by code) and, for English, a digest of the
    feed's state (`english`: the site-wide part's own, without its record)."""
    for code, chairs_key in keys.items():
        if not chairs_key or feeds.get(code) is None or not all(p in files for p in paths[code]):
            continue
        state = _digest(english) if code == EN.code and english is not None else None
        record = parts_reuse.files_record({p: (files[p].digest, files[p].what) for p in paths[code]})
        value = {"files": record, "feed": parts_reuse.feed_record(feeds[code]), "state": state}
        parts_reuse.keep_for("", _kind(code), chairs_key, value)


def feed_state(state: dict | None) -> dict | None:
    """The English feed's state as the site-wide part's feed state holds it (`state`, as read), without the record
    of the part; None when it holds no events."""
    if not isinstance(state, dict) or not isinstance(state.get("events"), dict):
        return None
    return {name: value for name, value in state.items() if name != "build"}


def _published(kept: object, code: str, root: Path, seen: Callable[[str], bool]) -> parts_reuse.Reused | None:
    if not isinstance(kept, dict):
        return None
    files = parts_reuse.published_files(kept.get("files"), root, seen)
    if not files:
        return None
    try:
        feed = parts_reuse.listed_feed(kept.get("feed"))
    except (TypeError, ValueError):
        return None
    return parts_reuse.Reused(files, {code: [feed]})


def _kind(code: str) -> str:
    """What the chair files of a language are kept as in the cache folder (site.reuse.keep_for, for the site: "")."""
    return f"chairs-{code}"


def _digest(state: dict | None) -> str | None:
    """A digest of a feed state as it is written."""
    return None if state is None else hashlib.sha256(dump_state(state).encode("utf-8", "surrogatepass")).hexdigest()
