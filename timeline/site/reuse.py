"""Same-day rebuilds: an organisation's files are taken from the published version when nothing they are built from
changed, instead of being rendered again.

What a part of the site is built from is summed up in a key: a digest of the organisation's loaded model (so that an
edit which changes no fact, a comment or a layout, renders nothing again), the whole package's names, sizes and
modification times, the versions of Python and of the libraries that write the files, the build day, the
projection horizon, the feeds' fixed stamp and the base URL. A build records the key in the part's
feed-state.json, with a digest and a description of each file it wrote there. The next build reuses the part only
when the key is the same and every recorded file is still published with the same digest; otherwise it renders the
part again. The feed state needs no key of its own: rendering unchanged data against the state it produced gives
that state back (SEQUENCE rises only on a change; withdrawals expire on the feeds' stamp, which is in the key).

What the site-wide files (the feed of every chairmanship, the overview and landing pages) take from a reused part,
its chair terms' VEVENTs, overview lane and landing row, comes from the cache folder (site.pieces.saved_summary:
what the piece that rendered the part kept there under the part's key), so that an edit of one organisation neither
resolves nor words the others again; without them (TIMELINE_NO_CACHE, another machine's output) the site-wide files work
them out.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.site.files import digest
from timeline.stamps import PACKAGE

LIBRARIES = ("icalendar", "plotly", "PyYAML", "typer")


@functools.cache
def code_stamps() -> tuple[str, ...]:
    """The package's files (code, templates, bundled scripts) and the libraries' versions, read once a process."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    stamps = [f"{p.relative_to(PACKAGE)}:{s.st_size}:{s.st_mtime_ns}" for p in files for s in [p.stat()]]
    return (sys.version, *_installed(), *stamps)


def _installed() -> list[str]:
    """The libraries' installed versions, as the names of their dist-info folders on sys.path ('PyYAML-6.0.2.dist-info':
    importlib.metadata would add ~10 ms to a rebuild that finds nothing changed)."""
    wanted = {_normal(name) for name in LIBRARIES}
    found = []
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found += sorted(n for n in names if n.endswith(".dist-info") and _normal(n.split("-", 1)[0]) in wanted)
    return found


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def key(*inputs: object) -> str:
    """A digest of what a part of the site is built from: the given inputs and the package's code."""
    text = "\n".join([*(repr(i) for i in inputs), *code_stamps()])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def model_digest(model: object) -> str:
    """A digest of an organisation's loaded model (its pickle: the same facts give the same bytes in any process,
    as the load cache's own copies show), so that a part is keyed on what it shows, not on its files' stamps."""
    import pickle

    return hashlib.sha256(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def keep_for(org: str, kind: str, key: str, value: object) -> None:
    """Keep `value` for an organisation's part in the cache folder (`kind`: "key", the part's key for its data's
    stamps; "summary-<code>" and "row-<code>", site.pieces.keep_summary; "digest", site.pieces.keep_digests;
    "header", site.keyed.header; for the site-wide part, `org` "", its chair files: site.chair_files), under `key`,
    in place of the previous one; nothing is kept with TIMELINE_NO_CACHE (load.cache.keep: failures are ignored)."""
    from timeline.load.cache import keep

    if keeping():
        keep(_kept_path(org, kind), key, value)


def keeping() -> bool:
    """Whether `keep_for` keeps anything (not with TIMELINE_NO_CACHE)."""
    return not os.environ.get("TIMELINE_NO_CACHE")


def kept_for(org: str, kind: str, key: str) -> object | None:
    """What `keep_for` kept of this kind for the organisation under `key`; else None."""
    from timeline.load.cache import kept

    return kept(_kept_path(org, kind), key) if keeping() else None


def _kept_path(org: str, kind: str) -> Path:
    from timeline.stamps import cache_dir

    return cache_dir() / "parts" / f"{org}.{kind}.pickle"


def known_key(org: str, stamped: str) -> str | None:
    """The part's key kept for data with these stamps (`stamped`), so that the model need not be digested again;
    else None."""
    found = kept_for(org, "key", stamped)
    return found if isinstance(found, str) else None


def record(part_key: str, files: dict[str, tuple[str, str]], feeds: dict[str, list[Any]]) -> dict[str, Any]:
    """What the feed state keeps of a part: its key, each file's digest and description (`files`: path -> (SHA-256,
    description)), and its feeds' names, titles, descriptions and event counts in each language, by code (the
    landing pages list them)."""
    return {
        "key": part_key,
        "files": files_record(files),
        "feeds": {code: [feed_record(f) for f in listed] for code, listed in feeds.items()},
    }


def files_record(files: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    """Files as a record lists them: path -> [SHA-256, description], by path."""
    return {path: [sha256, what] for path, (sha256, what) in sorted(files.items())}


def feed_record(feed: Any) -> list[Any]:
    """A feed as a record lists it (read back by `listed_feed`)."""
    return [feed.name, feed.title, feed.description, feed.events]


@dataclass(frozen=True)
class ListedFeed:
    """A reused feed as the landing page lists it."""

    name: str
    title: str
    description: str
    events: int


def listed(feed: Any) -> ListedFeed:
    """A rendered feed as the landing pages list it, without its bytes (render.ical.feeds.Feed)."""
    return ListedFeed(feed.name, feed.title, feed.description, feed.events)


@dataclass(frozen=True)
class Reused:
    """A part taken whole from the published version: its files (path -> published file, SHA-256, description) and
    feeds in each language (by code)."""

    files: dict[str, tuple[Path, str, str]]
    feeds: dict[str, list[ListedFeed]]


def reusable(
    state: dict | None,
    part_key: str,
    root: Path,
    state_file: tuple[str, str],
    seen: Callable[[str], bool] = lambda _: False,
) -> Reused | None:
    """The part recorded in `state` when its key is `part_key` and every file it lists is published under `root`
    (the published version) with the recorded digest (not read when `seen(path)`: as the record of the last
    published site saw it, site.unchanged.as_published); else None. The part's files include the feed state itself
    (`state_file`: its path and description), as published."""
    built = state.get("build") if isinstance(state, dict) else None
    if not isinstance(built, dict) or built.get("key") != part_key:
        return None
    feeds = built.get("feeds")
    found = published_files(built.get("files"), root, seen)
    if found is None or not isinstance(feeds, dict):
        return None
    path, what = state_file
    try:
        found[path] = (root / path, digest(((root / path).read_bytes(),)), what)
    except OSError:
        return None
    try:
        listed = {str(code): [listed_feed(entry) for entry in each] for code, each in feeds.items()}
    except (TypeError, ValueError):
        return None
    return Reused(found, listed)


def listed_feed(entry: object) -> ListedFeed:
    """A feed as `record` lists it ([name, title, description, events]); TypeError or ValueError when it is not."""
    name, title, description, events = entry  # type: ignore[misc]
    return ListedFeed(str(name), str(title), str(description), int(events))


def published_files(
    files: object, root: Path, seen: Callable[[str], bool] = lambda _: False
) -> dict[str, tuple[Path, str, str]] | None:
    """The files a record lists ({path: [SHA-256, description]}) as published under `root`, each with its digest and
    description, when every one is there with the recorded digest (not read when `seen(path)`); else None."""
    if not isinstance(files, dict):
        return None
    found: dict[str, tuple[Path, str, str]] = {}
    for path, entry in files.items():
        if not _listed(path, entry):
            return None
        if not seen(path):
            try:
                content = (root / path).read_bytes()
            except OSError:
                return None
            if digest((content,)) != entry[0]:
                return None
        found[path] = (root / path, entry[0], entry[1])
    return found


def recorded(state_file: Path) -> dict | None:
    """A feed state's record of its part as {"build": record}, read from its last line, where dumps.dump_state
    writes it, without decoding the events; the whole state when that line is not the record, None when unreadable."""
    try:
        text = state_file.read_bytes()
    except OSError:
        return None
    try:
        tail = json.loads(b"{" + text[text.rindex(b"\n", 0, len(text) - 1) + 1 :])
    except ValueError:
        tail = None
    if isinstance(tail, dict) and isinstance(tail.get("build"), dict):
        return {"build": tail["build"]}
    try:
        whole = json.loads(text)
    except ValueError:
        return None
    return whole if isinstance(whole, dict) else None


def _listed(path: object, entry: object) -> bool:
    """A recorded file: a relative path inside the site, with [digest, description]."""
    return (
        isinstance(path, str)
        and bool(path)
        and not path.startswith("/")
        and ".." not in path.split("/")
        and isinstance(entry, list)
        and len(entry) == 2
        and all(isinstance(x, str) for x in entry)
    )
