"""Words kept in the cache folder, so most queries print them without importing arrow or Babel.

`phrases.json` holds the relative phrases arrow worded (`render.lang.WORDED`: "<language> <today> <day>" ->
phrase; only the latest day's are kept) and what Babel answered (`render.lang.cldr.MEMO`: dates, state names,
plural categories; kept while the same Babel is installed). Failures to read or write it are ignored, as for the
load cache (TIMELINE_NO_CACHE=1 bypasses both).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator

from timeline.render.lang import WORDED, cldr
from timeline.stamps import cache_dir, latest_day, write_json

FILE = "phrases.json"


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Within: the phrases worded earlier today and Babel's earlier answers are known; after: new ones are saved."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        yield
        return
    path = cache_dir() / FILE
    stored: dict = {}
    with contextlib.suppress(OSError, ValueError):
        stored = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(stored, dict):
        WORDED.update(_texts(stored.get("phrases")))
        if stored.get("babel") is not None and stored.get("babel") == _babel_when_needed(stored):
            cldr.MEMO.update(_texts(stored.get("cldr")))
    known = (set(WORDED), set(cldr.MEMO))
    try:
        yield
    finally:
        if set(WORDED) - known[0] or set(cldr.MEMO) - known[1]:
            _save(path)


def _texts(found: object) -> dict[str, str]:
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


def _babel_when_needed(stored: dict) -> str | None:
    """The installed Babel's stamp, looked up only when the file holds Babel's answers."""
    return cldr.stamp() if stored.get("cldr") else None


def _save(path: os.PathLike[str]) -> None:
    payload = {
        "phrases": latest_day(WORDED),
        "babel": cldr.stamp() if cldr.MEMO else None,
        "cldr": dict(sorted(cldr.MEMO.items())),
    }
    write_json(path, payload)
