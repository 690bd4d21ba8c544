"""Relative phrases kept through the day in the cache folder, so most queries print them without importing arrow.

The file holds `render.text.WORDED` as JSON: "<today> <day>" -> phrase. Only the latest day's phrases are kept.
Failures to read or write it are ignored, as for the load cache (TIMELINE_NO_CACHE=1 bypasses both).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator

from timeline.load.cache import cache_dir
from timeline.render.text import WORDED

FILE = "phrases.json"


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Within: the phrases worded earlier today are known; after: the new ones are saved."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        yield
        return
    path = cache_dir() / FILE
    with contextlib.suppress(OSError, ValueError):
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, dict):
            WORDED.update({k: v for k, v in stored.items() if isinstance(k, str) and isinstance(v, str)})
    known = set(WORDED)
    try:
        yield
    finally:
        if set(WORDED) - known:
            _save(path)


def _save(path: os.PathLike[str]) -> None:
    latest = max(key.split(" ", 1)[0] for key in WORDED)
    keep = {key: phrase for key, phrase in sorted(WORDED.items()) if key.startswith(latest + " ")}
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(temporary), exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(keep, handle, ensure_ascii=False, indent=0)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
