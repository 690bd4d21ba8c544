"""A pickle cache of loaded organisations, so a query from the terminal skips YAML parsing.

The key covers every data file's name, size and mtime and the loader's and model's own source
files, so an edit to either invalidates it. Set TIMELINE_NO_CACHE=1 to bypass it, TIMELINE_CACHE
to move it (default: $XDG_CACHE_HOME/timeline or ~/.cache/timeline). Failures to read or write
the cache are ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

from timeline.core.query import Timeline

CODE = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    if os.environ.get("TIMELINE_CACHE"):
        return Path(os.environ["TIMELINE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "timeline"


def cache_key(folder: Path) -> str:
    """A digest of the data files' and the loading code's names, sizes and modification times."""
    parts = [str(folder.resolve())]
    for path in (
        sorted(folder.glob("*.y*ml")) + sorted((CODE / "core").rglob("*.py")) + sorted((CODE / "load").rglob("*.py"))
    ):
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def cached(folder: Path, load: Callable[[Path], Timeline]) -> Timeline:
    """The organisation's Timeline (with its rotations' history resolved) from the cache when its key matches,
    else loaded (and cached when valid)."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        return load(folder)
    path = cache_dir() / f"{folder.name}-{cache_key(folder)}.pickle"
    try:
        with path.open("rb") as handle:
            org = pickle.load(handle)
        if isinstance(org, Timeline):
            return org
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    org = load(folder)  # raises on invalid data: nothing is cached then
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{folder.name}-*.pickle"):
            stale.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(org, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass
    return org
