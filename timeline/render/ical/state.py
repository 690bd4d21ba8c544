"""Feed state: what each feed published, so the next build can raise SEQUENCE and keep removals visible.

The state is a JSON-ready dict the build stores as `output/<org>/feed-state.json` and passes back::

    {"version": 1, "grace_days": 90,
     "feeds": {"csto-sessions.ics": {"title": ..., "description": ...,
                                     "events": {UID: {"sequence": 0, "created": ISO, "modified": ISO,
                                                      "content": VEVENT text, "removed": ISO (tombstones only)}}}}}

- `content` is the VEVENT as published minus DTSTAMP, SEQUENCE, CREATED and LAST-MODIFIED. When it
  differs from the previous build's, SEQUENCE rises by one and LAST-MODIFIED becomes the build's stamp;
  when it is the same, both stay, so an unchanged rebuild is byte-identical.
- An event that leaves a feed (removed from the data, or moved to another body) is published there
  once more as STATUS:CANCELLED with a higher SEQUENCE, "(withdrawn)" in its title, for GRACE_DAYS
  days counted on the build stamp; after that it is dropped. A feed left with only withdrawn events
  is still published until they expire.
- A missing, unreadable or other-version state counts as a first build (SEQUENCE 0 everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import icalendar

from timeline.render.words import clean, one_line

STATE_VERSION = 1
GRACE_DAYS = 90


@dataclass
class Published:
    """One feed's VEVENTs, stamped, and its entries for the next state."""

    components: list[icalendar.Event]
    entries: dict[str, dict[str, Any]]


def content_of(component: icalendar.Event) -> str:
    return component.to_ical().decode("utf-8")


def previous_feeds(previous: dict | None) -> dict[str, dict[str, Any]]:
    """The feeds of a usable previous state, else nothing (a first build)."""
    if not isinstance(previous, dict) or previous.get("version") != STATE_VERSION:
        return {}
    feeds = previous.get("feeds")
    if not isinstance(feeds, dict):
        return {}
    return {
        name: {**feed, "events": {uid: e for uid, e in feed.get("events", {}).items() if _valid(e)}}
        for name, feed in feeds.items()
        if isinstance(feed, dict) and isinstance(feed.get("events", {}), dict)
    }


def _valid(entry: Any) -> bool:
    """An entry this version can use (anything else is treated as never published)."""
    keys = {"sequence": int, "created": str, "modified": str, "content": str}
    return isinstance(entry, dict) and all(isinstance(entry.get(k), t) for k, t in keys.items())


def _stamped(content: str, entry: dict[str, Any], stamp: datetime) -> icalendar.Event:
    component = icalendar.Event.from_ical(content)
    component.add("DTSTAMP", stamp)
    component.add("CREATED", datetime.fromisoformat(entry["created"]))
    component.add("LAST-MODIFIED", datetime.fromisoformat(entry["modified"]))
    component.add("SEQUENCE", entry["sequence"])
    return component


def tombstone(content: str, removed: datetime) -> str:
    """The last published content, cancelled and titled as withdrawn."""
    component = icalendar.Event.from_ical(content)
    until = (removed + timedelta(days=GRACE_DAYS)).date()
    summary = one_line(component.get("SUMMARY", ""))  # an older build's text: without control characters now
    description = clean(component.get("DESCRIPTION", ""))
    note = (
        f"Withdrawn: this entry was removed from the data on {removed.date()}. "
        f"It stays here as cancelled until {until}, then disappears."
    )
    for name in ("SUMMARY", "DESCRIPTION", "STATUS"):
        component.pop(name, None)
    component.add("SUMMARY", f"{summary} (withdrawn)")
    component.add("STATUS", "CANCELLED")
    component.add("DESCRIPTION", f"{note}\n\n{description}" if description else note)
    return content_of(component)


def publish(live: dict[str, icalendar.Event], before: dict[str, dict[str, Any]], stamp: datetime) -> Published:
    """Stamp a feed's live VEVENTs against what it published before; add and age its withdrawn ones."""
    iso = stamp.isoformat()
    entries: dict[str, dict[str, Any]] = {}
    for uid, component in live.items():
        content = content_of(component)
        old = before.get(uid)
        if old is None:
            entries[uid] = {"sequence": 0, "created": iso, "modified": iso, "content": content}
        elif old["content"] == content and "removed" not in old:
            entries[uid] = {k: old[k] for k in ("sequence", "created", "modified", "content")}
        else:
            entries[uid] = {
                "sequence": old["sequence"] + 1,
                "created": old["created"],
                "modified": max(iso, old["modified"]),
                "content": content,
            }
    for uid, old in before.items():
        if uid in live:
            continue
        if "removed" in old:
            if stamp < datetime.fromisoformat(old["removed"]) + timedelta(days=GRACE_DAYS):
                entries[uid] = dict(old)
            continue
        entries[uid] = {
            "sequence": old["sequence"] + 1,
            "created": old["created"],
            "modified": max(iso, old["modified"]),
            "content": tombstone(old["content"], stamp),
            "removed": iso,
        }
    ordered = dict(sorted(entries.items()))
    components = [_stamped(entry["content"], entry, stamp) for entry in ordered.values()]
    return Published(components, ordered)
