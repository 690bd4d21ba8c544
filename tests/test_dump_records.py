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
