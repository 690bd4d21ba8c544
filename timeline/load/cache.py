"""A pickle cache of loaded organisations, so a query from the terminal skips YAML parsing.

The key covers every data file's name, size and mtime and the loader's and model's own source
files, so an edit to either invalidates it. Set TIMELINE_NO_CACHE=1 to bypass it, TIMELINE_CACHE
to move it (default: $XDG_CACHE_HOME/timeline or ~/.cache/timeline). Failures to read or write
the cache are ignored: it only ever saves time.
"""

from __future__ import annotations

import gc
import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path

from timeline.core.query import Timeline
from timeline.stamps import PACKAGE as CODE  # noqa: F401 - the code the key stamps (tests touch it)
from timeline.stamps import cache_dir
from timeline.stamps import data_key as cache_key
from timeline.stamps import loader_stamps as _code_stamps  # noqa: F401 - once per process (tests clear it)


def cache_path(folder: Path) -> Path:
    """The cache file of a data folder: its name and a checksum of its full path."""
    return cache_dir() / f"{folder.name}-{zlib.crc32(str(folder.resolve()).encode()):08x}.pickle"


def cached(folder: Path, load: Callable[[Path], Timeline]) -> Timeline:
    """The organisation's Timeline (with its rotations' history resolved) from the cache when its key matches,
    else loaded (and cached when valid)."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        return load(folder)
    path, key = cache_path(folder), cache_key(folder)
    org = kept(path, key)
    if isinstance(org, Timeline):
        return org
    org = load(folder)  # raises on invalid data: nothing is cached then
    try:
        for stale in path.parent.glob(f"{folder.name}-*.pickle"):  # older formats' names, or another folder's
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    keep(path, key, org)
    return org


def kept(path: Path, key: str) -> object | None:
    """What `keep` stored at `path` under `key`; None when the file is missing, unreadable or for another key (only
    the key is read then)."""
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes tens of thousands of objects, and the collector would walk them all again and again
    try:
        with path.open("rb") as handle:
            if pickle.load(handle) == key:
                return pickle.load(handle)
    except Exception:  # unreadable, truncated or corrupted (even a MemoryError from a garbled length): a miss
        pass
    finally:
        if collecting:
            gc.enable()
    return None


def keep(path: Path, key: str, value: object) -> None:
    """Store `value` at `path` under `key` (the key first, then the value), replacing the file at once; failures
    are ignored."""
    import tempfile  # only when writing: it costs a query's start-up otherwise

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass
