"""Keeps what `who-chairs` answered, per organisation, for `cli.answers` to answer the same span again.

Each organisation's file holds its key (`stamps.organisation_key`: its data files and every source file of the
package), whether it has a chair, the words its lines need in each language, and per span asked about (the
latest SPANS_KEPT) the JSON answer and, per language, the lines' parts (`text.chair_parts`), the statuses shown,
the label, and for a day its handover and next-turn lines. Nothing that depends on the day it is asked on is
kept: the relative phrases are worded when asked. An organisation whose data changed within the last
RECENT_SECONDS before the query began is not kept (its files may change again within the same modification
time). Failures to write are ignored: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

from timeline import stamps
from timeline.cli.answers import FORMAT, answers_path
from timeline.core.dates import PartialDate, Period
from timeline.core.query import Timeline
from timeline.render import text
from timeline.render.json import JSON_VERSION, chair_dict, org_part, period_dict
from timeline.render.lang import Language
from timeline.render.plain import WORD_KEYS

SPANS_KEPT = 32
"""The spans kept per organisation (the latest asked)."""
RECENT_SECONDS = 2
"""Data changed this recently before a query is not kept."""


def keep_answers(
    data: Path | None,
    began: int,
    asked: PartialDate,
    span: Period,
    opened: list[Timeline],
    answers: list[tuple[Timeline, list]],
    words: Language | None,
) -> None:
    """Keep each organisation's answer for `asked` (its text parts in `words`' language, or with `words` None its
    JSON answer), for a query that began at `began` (time.time_ns())."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        return
    root = data if data is not None else stamps.default_data_dir()
    chairs = {tl.org.id: found for tl, found in answers}
    code, table = stamps.code_stamps(), stamps.kinds_path(root)
    for tl in opened:
        folder = root / tl.org.id
        key, newest = stamps.organisation_key(folder, code, table)
        if newest > began - RECENT_SECONDS * 10**9:
            continue
        path = answers_path(folder)
        kept = _read(path, key)
        before = json.dumps(kept, ensure_ascii=False)
        kept["chair"] = tl.org.id in chairs
        if kept["chair"]:
            entry = kept["spans"].pop(str(asked), None) or {}
            kept["spans"][str(asked)] = entry  # the latest asked last
            entry["answer"] = {"version": JSON_VERSION, "query": {"when": str(asked), **period_dict(span)}}
            if words is None:
                found = chairs[tl.org.id]
                entry["json"] = org_part(tl, office=tl.chair_office.id, chairs=[chair_dict(tl, c) for c in found])
            else:
                entry[words.code] = _text_entry(tl, chairs[tl.org.id], asked, span, words)
                kept["words"][words.code] = {k: words.words[k] for k in WORD_KEYS}
            for old in list(kept["spans"])[:-SPANS_KEPT]:
                del kept["spans"][old]
        if json.dumps(kept, ensure_ascii=False) != before:  # a query answered again the same way writes nothing
            _write(path, kept)


def _text_entry(tl: Timeline, chairs: list, asked: PartialDate, span: Period, words: Language) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "parts": text.chair_parts(tl, chairs, words),
        "statuses": sorted({c.term.status.value for c in chairs}),
        "label": words.day(asked),
    }
    if span.end is not None and (span.end - span.start).days == 1:  # a day: asked on that day, or on another
        entry["label_today"] = words("label.today", day=words.day(asked))
        entry["handover"] = text.handover_lines(tl, span.start, words)
        entry["next"] = text.next_chair_lines(tl, chairs, tl.forecast(span.start, 1), words)
    return entry


def _read(path: Path, key: str) -> dict[str, Any]:
    """The organisation's answers kept under `key`, else none."""
    kept: Any = None
    with contextlib.suppress(OSError, ValueError):
        kept = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(kept, dict) and kept.get("format") == FORMAT and kept.get("key") == key:
        return kept
    return {"format": FORMAT, "key": key, "chair": False, "words": {}, "spans": {}}


def _write(path: Path, kept: dict[str, Any]) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(kept, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except (OSError, ValueError):  # ValueError: text that cannot be written as UTF-8 (a lone surrogate)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
