"""A rebuild that changes nothing, found without loading the data or rendering anything (stat and compare keys).

After each build that published (or found published) a whole site, the cache folder keeps a record of it for that
output folder: the site's key (every organisation's data key, the code, the build day, the projection horizon,
the feeds' fixed stamp and the base URL: site.reuse.key), the version published, and each file's description,
size, modification time and inode. The next build with the same key finds the same version still current, every
file as recorded (stat only) and nothing else in the output folder to tidy: the site it would render is the one
published, so it loads nothing, renders nothing and writes nothing. Anything else (another key, a file altered or
removed, a link missing, a killed build's leftovers, no record) means the ordinary build. TIMELINE_NO_CACHE turns
it off, as does --fresh; --check never uses it.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from timeline.site.publish import CURRENT, HOME, LOCK, TEMP

FILES = "files"


def site_key(inputs: dict[str, str], today: date, horizon: date, epoch: datetime | None, base_url: str | None) -> str:
    """What the whole site is built from: each organisation's data key (load.cache.cache_key), by name, and the
    build's options; with the code (site.reuse.key)."""
    from timeline.site.reuse import key

    return key(sorted(inputs.items()), today, horizon, epoch, base_url)


def record_path(out: Path) -> Path:
    """The record of the site last published in `out` (its resolved path's checksum names it)."""
    from timeline.stamps import cache_dir

    return cache_dir() / "builds" / f"{zlib.crc32(str(out).encode()):08x}.json"


def _stat(path: Path) -> list[int]:
    info = path.stat(follow_symlinks=False)
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def save(out: Path, site_key: str, described: dict[str, str]) -> None:
    """Record the site now published in `out` (resolved): `described` maps each of its files to its description.
    Failures are ignored (the record only ever saves time)."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        return
    from timeline.stamps import write_json

    try:
        version = os.readlink(out / HOME / CURRENT)
        root = out / HOME / version
        files = {path: [what, *_stat(root / path)] for path, what in described.items()}
    except OSError:
        return
    write_json(record_path(out), {"out": str(out), "key": site_key, "version": version, FILES: files})


def published_unchanged(out: Path, site_key: str) -> tuple[Path, dict[str, tuple[str, int]]] | None:
    """The published version's folder and its files (path -> description, size) when the site recorded for `out`
    (resolved) has this key and is still published whole, as recorded, with nothing to tidy; else None."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        return None
    try:
        record = json.loads(record_path(out).read_text(encoding="utf-8"))
        if record["key"] != site_key or record["out"] != str(out):
            return None
        version, files = record["version"], record[FILES]
        if os.readlink(out / HOME / CURRENT) != version:
            return None
        root = out / HOME / version
        found = {}
        for path, (what, *stat) in files.items():
            if _stat(root / path) != stat:
                return None
            found[path] = (what, stat[0])
        if not _tidy(out, version, {path.split("/", 1)[0] for path in files}):
            return None
        return root, found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def as_published(out: Path, root: Path) -> Callable[[str], bool]:
    """Whether a file of the version `root` is, by its size, modification time and inode, as the record of the site
    last published in `out` (resolved) saw it when published (so its bytes are the ones built: site.reuse need not
    digest them again); always False without a record of that version."""
    try:
        record = json.loads(record_path(out).read_text(encoding="utf-8"))
        files = record[FILES] if record["out"] == str(out) and out / HOME / record["version"] == root else {}
    except (OSError, ValueError, KeyError, TypeError):
        files = {}

    def seen(path: str) -> bool:
        entry = files.get(path)
        try:
            return isinstance(entry, list) and _stat(root / path) == entry[1:]
        except OSError:
            return False

    return seen


def _tidy(out: Path, version: str, tops: set[str]) -> bool:
    """Each of the site's top-level entries is the link to the current version's, and nothing is left to remove:
    no version but the current one and the one before it, no temporary name, no site published file by file."""
    for name in tops:
        if os.readlink(out / name) != f"{HOME}/{CURRENT}/{name}":
            return False
    others = [name for name in os.listdir(out / HOME) if name not in (LOCK, CURRENT, version)]
    if len(others) > 1 or any(not name.isdigit() or int(name) > int(version) for name in others):
        return False  # a killed build's version, or a temporary link
    return not any(name.startswith(TEMP) or name == ".manifest.json" for name in os.listdir(out))
