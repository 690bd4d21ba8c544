"""timeline.json is laid out one record a line (site.dumps.dump_records): the same value as indent=2, fewer lines."""

from __future__ import annotations

import json

from timeline.site.dumps import dump_records

MODEL = {
    "version": 2,
    "org": "x",
    "name_ru": "Организация",
    "members": [{"id": "ru", "membership": []}, {"id": "by", "membership": [{"from": "2002"}]}],
    "offices": [{"id": "chair", "terms": [{"id": "t1", "sources": [{"url": "u"}]}, {"id": "t2", "sources": []}]}],
    "events": [],
    "empty": {},
}


def test_the_same_value_one_record_a_line():
    text = dump_records(MODEL)
    assert json.loads(text) == MODEL
    lines = text.splitlines()
    assert '    {"id": "by", "membership": [{"from": "2002"}]}' in lines
    assert '        {"id": "t1", "sources": [{"url": "u"}]},' in lines, "an office's terms: one a line"
    assert '      "id": "chair",' in lines, "an office: one key a line"
    assert '  "name_ru": "Организация",' in lines and '  "events": [],' in lines and lines[-1] == "}"


def test_a_feed_state_is_written_as_json_dumps_writes_each_event():
    """dump_state writes each event with encoders built once: the text json.dumps gives (ASCII-escaped UIDs, compact
    events, a version 3 list as a version 4 string), and it reads back to the same state."""
    from timeline.site.dumps import dump_state

    state = {
        "events": {"turn/chair/2024-01-01@x": "cd5c 0 0", "é/ü@x": ["h", 2, "2024-01-02T00:00:00Z", None]},
        "version": 4,
        "feeds": {"x-all.ics": {"title": "Сессии", "uids": ["é/ü@x"]}},
    }
    lines = [f"{json.dumps(uid)}:{json.dumps(e, separators=(',', ':'))}" for uid, e in state["events"].items()]
    rest = json.dumps({"version": 4, "feeds": state["feeds"]}, ensure_ascii=False, separators=(",", ":"))
    assert dump_state(state) == '{"events":{\n' + ",\n".join(lines) + "},\n" + rest[1:] + "\n"
    assert json.loads(dump_state(state)) == state


def test_a_state_whose_events_are_written_ahead_is_written_the_same_with_an_entry_added():
    """A piece hands its feed state back with the events already written (site.dumps.dumped: one string); adding the
    part's record to it and writing it gives the bytes of the state dict with that entry."""
    from timeline.site.dumps import dump_state, dumped

    state = {
        "events": {"turn/chair/2024-01-01@x": "cd5c 0 0", "é/ü@x": ["h", 2, "2024-01-02T00:00:00Z", None]},
        "version": 4,
        "feeds": {"x-all.ics": {"title": "Сессии", "uids": ["é/ü@x"]}},
    }
    record = {"key": "k", "files": {"x/a.ics": ["0" * 64, "a feed"]}}
    ahead = dumped(state)
    assert isinstance(ahead.events, str) and "events" not in ahead.rest
    assert dump_state(ahead) == dump_state(state)
    assert dump_state(ahead.with_entry("build", record)) == dump_state({**state, "build": record})
    assert json.loads(dump_state(ahead.with_entry("build", record)))["build"] == record
