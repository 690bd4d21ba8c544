"""Words kept in the cache folder, so most queries print them without importing arrow or Babel.

`phrases.json` holds the relative phrases arrow worded (`render.lang.WORDED`: "<language> <today> <day>" ->
phrase; only the latest day's are kept); `cldr.json` what Babel answered (`render.lang.cldr.MEMO`: dates, state
names, plural categories; kept while the same Babel is installed), apart, so that a query from the answers cache
(`cli.answers`) reads the day's few phrases without a build's thousands of dates. Failures to read or write them
are ignored, as for the load cache (TIMELINE_NO_CACHE=1 bypasses both).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from timeline.render.lang import WORDED, cldr
from timeline.stamps import cache_dir, latest_day, write_json

FILE = "phrases.json"
CLDR_FILE = "cldr.json"


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Within: the phrases worded earlier today and Babel's earlier answers are known; after: new ones are saved."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        yield
        return
    folder = cache_dir()
    WORDED.update(_texts(_read(folder / FILE).get("phrases")))
    read: set[str] = set()

    def answers() -> dict[str, str]:  # read on the first look-up Babel's remembered answers lack (cldr.KEPT)
        stored = _read(folder / CLDR_FILE)
        same = stored.get("babel") is not None and stored.get("babel") == _babel_when_needed(stored)
        found = _texts(stored.get("cldr")) if same else {}
        read.update(found)
        return found

    cldr.KEPT[:] = [answers]
    known = (set(WORDED), set(cldr.MEMO))
    try:
        yield
    finally:
        cldr.KEPT.clear()
        if set(WORDED) - known[0]:
            write_json(folder / FILE, {"phrases": latest_day(WORDED)})
        if set(cldr.MEMO) - known[1] - read:
            write_json(folder / CLDR_FILE, {"babel": cldr.stamp(), "cldr": dict(sorted(cldr.MEMO.items()))})


def _read(path: Path) -> dict:
    """A cache file's object; empty when it is missing, unreadable or not an object."""
    stored: object = {}
    with contextlib.suppress(OSError, ValueError):
        stored = json.loads(path.read_text(encoding="utf-8"))
    return stored if isinstance(stored, dict) else {}


def _texts(found: object) -> dict[str, str]:
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


def _babel_when_needed(stored: dict) -> str | None:
    """The installed Babel's stamp, looked up only when the file holds Babel's answers."""
    return cldr.stamp() if stored.get("cldr") else None
