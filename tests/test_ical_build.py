"""`timeline build` publishes the Russian feeds beside the English ones: `ru/chairmanships.ics`,
`ru/<org>/<org>-*.ics`, each folder with its own feed-state.json; an organisation's Russian files are part of its
part of the site (reused with it); --check sees them."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, date, datetime

from tests.helpers.builds import build, rendered
from tests.helpers.edits import edit
from timeline.load import load
from timeline.render.ical.feeds import render_combined, render_feeds
from timeline.render.lang import language
from timeline.render.view import SiteView, View

DAY = date(2024, 6, 1)
RU = language("ru")


def test_the_russian_feeds_mirror_the_english_layout(data_copy, tmp_path):
    report, _ = build(data_copy, tmp_path / "out")
    files = report.site.contents
    english = sorted(p for p in files if p.endswith(".ics") and not p.startswith("ru/"))
    assert sorted(p for p in files if p.startswith("ru/") and p.endswith(".ics")) == [f"ru/{p}" for p in english]
    assert {"ru/feed-state.json", "ru/testorg/feed-state.json"} <= set(files)
    tl = load(data_copy, "testorg")
    stamp = datetime(2024, 6, 1, tzinfo=UTC)  # the data's date
    feeds, state = render_feeds(View.of(tl, DAY, RU), stamp=stamp)
    for feed in feeds:
        assert files[f"ru/testorg/{feed.name}"] == feed.content
    written = json.loads(files["ru/testorg/feed-state.json"])
    assert written["events"].keys() == state["events"].keys() and all(u.startswith("ru/") for u in written["events"])
    combined, _ = render_combined(SiteView.of([tl], DAY, RU), stamp=stamp)
    assert files["ru/chairmanships.ics"] == combined.content
    what = dict(report.files)
    assert what["ru/testorg/testorg-sessions.ics"] == f"5 event(s): {feeds[1].title}"


def test_sequence_rises_in_the_published_russian_feeds(data_copy, tmp_path):
    out = tmp_path / "out"
    build(data_copy, out)
    events = data_copy / "testorg" / "events.yaml"
    events.write_text(events.read_text("utf-8").replace("date: 2024-01-19", "date: 2024-01-18"), "utf-8")
    build(data_copy, out)
    for folder in ("testorg", "ru/testorg"):
        raw = (out / folder / "testorg-sessions.ics").read_bytes().replace(b"\r\n ", b"")
        sequences = dict(re.findall(rb"UID:(\S+)\r\nSEQUENCE:(\d+)", raw))
        winter = [seq for uid, seq in sequences.items() if b"event/winter-2024@" in uid]
        assert winter == [b"1"], folder
        assert sorted(set(sequences.values())) == [b"0", b"1"]


def test_the_russian_files_are_part_of_their_organisation_s_part(data_copy, tmp_path):
    shutil.copytree(data_copy / "testorg", data_copy / "otherorg")
    out, twin = tmp_path / "out", tmp_path / "twin"
    build(data_copy, out)
    shutil.copytree(out, twin, symlinks=True)
    record = json.loads((out / "testorg" / "feed-state.json").read_text("utf-8"))["build"]["files"]
    assert "ru/testorg/testorg-sessions.ics" in record and "ru/testorg/feed-state.json" in record
    root = json.loads((out / "feed-state.json").read_text("utf-8"))["build"]["files"]
    assert {"ru/chairmanships.ics", "ru/feed-state.json"} <= set(root)
    edit(data_copy, "otherorg")
    again, steps = build(data_copy, out)
    assert rendered(steps) == {"otherorg", "site"}
    assert any(p.startswith("ru/otherorg/") for p in again.changed)
    assert not any(p.startswith(("ru/testorg/", "testorg/")) for p in again.changed)
    fresh, _ = build(data_copy, twin, fresh=True)
    assert dict(again.site.contents) == dict(fresh.site.contents), "reused Russian files are the rendered ones"


def test_check_and_reuse_see_an_altered_russian_feed(data_copy, tmp_path):
    """--check lists it as stale; the next build does not reuse the organisation's part and writes it back."""
    out = tmp_path / "out"
    build(data_copy, out)
    feed = (out / "ru" / "testorg" / "testorg-all.ics").resolve()
    original = feed.read_bytes()
    feed.write_bytes(original.replace("Берлин".encode(), b"Bonn").replace(b"Berlin", b"Bonn"))
    checked, _ = build(data_copy, out, check=True)
    assert checked.changed == ["ru/testorg/testorg-all.ics"]
    again, steps = build(data_copy, out)
    assert "testorg" in rendered(steps) and again.changed == ["ru/testorg/testorg-all.ics"]
    assert (out / "ru" / "testorg" / "testorg-all.ics").read_bytes() == original
