"""The site's JSON as written: timeline.json laid out by records, feed states compact, other JSON indented."""

from __future__ import annotations

import json
from dataclasses import dataclass


def dump_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
"""One value on one line, by the C encoder (json.dumps with `indent` takes the pure-Python one, 6x slower)."""


def dump_records(value: object, pad: str = "", top: bool = True) -> str:
    """JSON laid out by records: the top object has one key a line, a list of objects (members, events, sources,
    an office's terms) one object a line, each object on one line except an office (one key a line, its terms one
    a line). As readable as `indent=2` for a model whose bulk is records, smaller, and written by the C encoder."""
    inner = pad + "  "
    if isinstance(value, dict) and (top or isinstance(value.get("terms"), list)):
        body = ",\n".join(f"{inner}{_COMPACT(str(k))}: {dump_records(v, inner, False)}" for k, v in value.items())
        return f"{{\n{body}\n{pad}}}"
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        body = ",\n".join(inner + dump_records(v, inner, False) for v in value)
        return f"[\n{body}\n{pad}]"
    return _COMPACT(value)


_TIGHT = json.JSONEncoder(separators=(",", ":")).encode
"""json.dumps(value, separators=(",", ":")), without building an encoder for each value (json.dumps does, given
separators: most of a feed state's writing, one call an event)."""
_PLAIN = json.JSONEncoder().encode
"""json.dumps(value)."""


@dataclass(frozen=True)
class DumpedState:
    """A feed state with its events already written as `dump_state` writes them (one string where the events were
    thousands of objects: what a piece hands the build's process), and the rest of it as a dict."""

    events: str
    rest: dict

    def with_entry(self, name: str, value: object) -> DumpedState:
        return DumpedState(self.events, {**self.rest, name: value})


def dumped(state: dict) -> DumpedState:
    """The feed state with its events written (`dump_state` writes the rest)."""
    events = ",\n".join(f"{_PLAIN(uid)}:{_TIGHT(e)}" for uid, e in state["events"].items())
    return DumpedState(events, {k: v for k, v in state.items() if k != "events"})


def dump_state(state: dict | DumpedState) -> str:
    """A feed state, compact (it is read by the next build, not by people): one line per event."""
    done = state if isinstance(state, DumpedState) else dumped(state)
    rest = json.dumps(done.rest, ensure_ascii=False, separators=(",", ":"))
    return f'{{"events":{{\n{done.events}}},\n{rest[1:]}\n'
