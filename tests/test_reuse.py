"""Same-day rebuilds reuse what did not change (site.reuse), and give the same bytes as rendering everything."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.builds import build, rendered
from tests.helpers.edits import edit
from timeline.site import reuse

DAY = date(2024, 6, 1)


@pytest.fixture
def two_orgs(data_copy: Path) -> Path:
    """The fixture organisation twice: testorg and a copy of it, otherorg."""
    shutil.copytree(data_copy / "testorg", data_copy / "otherorg")
    return data_copy


def contents(report) -> dict[str, bytes]:
    return report.site.contents


def test_a_rebuild_with_nothing_changed_renders_nothing_and_gives_the_same_bytes(two_orgs, tmp_path):
    out = tmp_path / "out"
    first, steps = build(two_orgs, out)
    assert rendered(steps) == {"testorg", "otherorg", "site"}
    again, steps = build(two_orgs, out)
    assert rendered(steps) == set() and again.changed == [] and contents(again) == contents(first)
    fresh, steps = build(two_orgs, out, fresh=True)
    assert rendered(steps) == {"testorg", "otherorg", "site"}
    assert contents(fresh) == contents(first) and fresh.changed == []


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "TIMELINE_NO_CACHE"])
def test_an_edit_renders_that_organisation_and_the_site_wide_files_only(two_orgs, tmp_path, monkeypatch, cache):
    """With the cache folder, the site-wide files take testorg from its part's summaries; without it (no summary or
    header kept) they work them out from its whole model, its part still reused, keyed on its model. The site is a
    fresh build's either way."""
    if not cache:
        monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    out, twin = tmp_path / "out", tmp_path / "twin"
    build(two_orgs, out)
    shutil.copytree(out, twin, symlinks=True)
    edit(two_orgs, "otherorg")
    reused, steps = build(two_orgs, out)
    assert rendered(steps) == {"otherorg", "site"}
    assert any(path.startswith("otherorg/") for path in reused.changed)
    assert not any(path.startswith("testorg/") for path in reused.changed)
    fresh, _ = build(two_orgs, twin, fresh=True)
    assert contents(reused) == contents(fresh), "reusing gives what rendering everything gives"


def test_an_edit_that_changes_no_fact_renders_nothing_and_gives_the_same_bytes(two_orgs, tmp_path):
    """A part is keyed on its organisation's model, not on its files' stamps: a comment added renders nothing."""
    out, twin = tmp_path / "out", tmp_path / "twin"
    build(two_orgs, out)
    shutil.copytree(out, twin, symlinks=True)
    events = two_orgs / "otherorg" / "events.yaml"
    events.write_text(events.read_text("utf-8") + "\n# a comment\n", "utf-8")
    reused, steps = build(two_orgs, out)
    assert rendered(steps) == set() and reused.changed == []
    fresh, _ = build(two_orgs, twin, fresh=True)
    assert contents(reused) == contents(fresh)
    edit(two_orgs, "otherorg")  # a fact changed after the comment: rendered again
    _, steps = build(two_orgs, out)
    assert rendered(steps) == {"otherorg", "site"}


def test_a_reused_part_s_chairmanship_comes_from_the_cache_and_without_it_is_built_again(
    two_orgs, tmp_path, monkeypatch
):
    """The site-wide feed carries every organisation's chairmanship: after an edit of otherorg, testorg's events
    come from what the build that rendered testorg kept in the cache folder, not built again; with that file
    unreadable they are built again when the feed is rendered again (a chair term of otherorg changed). The bytes
    are a full render's either way."""
    from timeline.load.cache import cache_dir
    from timeline.render.ical import events

    built_for: list[str] = []
    monkeypatch.setattr(events, "term_fields", counting(events.term_fields, built_for))
    out, twin = rebuilt_after_an_edit_of_otherorg(two_orgs, tmp_path, built_for)
    for code in ("en", "ru"):
        (cache_dir() / "parts" / f"testorg.summary-{code}.pickle").write_bytes(b"not a pickle")
    shutil.rmtree(twin)
    shutil.copytree(out, twin, symlinks=True)
    terms = two_orgs / "otherorg" / "terms.yaml"
    terms.write_text(terms.read_text("utf-8").replace("holder: bb,", "holder: aa,", 1), "utf-8")  # a chair term
    built_for.clear()
    again, _ = build(two_orgs, out)
    assert "testorg" in built_for, "the kept events unreadable: built again for the site-wide feed"
    assert contents(again) == contents(build(two_orgs, twin, fresh=True)[0])


def test_after_an_edit_the_site_wide_files_ask_nothing_of_the_other_organisations(two_orgs, tmp_path, monkeypatch):
    """The feed of every chairmanship, the overview and the landing pages take an unchanged organisation's turns,
    lane, rows and landing row from its part's summaries: its terms are not asked for at all (its rotation neither
    resolved nor worded again), and the bytes are a full render's."""
    from timeline.core.query import Timeline

    asked: list[str] = []
    monkeypatch.setattr(Timeline, "terms", counting(Timeline.terms, asked))
    rebuilt_after_an_edit_of_otherorg(two_orgs, tmp_path, asked)


@pytest.mark.parametrize(
    "option",
    [{"today": date(2024, 6, 2)}, {"base_url": "https://example.org/t/"}, {"epoch": None}],
    ids=["another day", "a base URL", "a fixed stamp"],
)
def test_another_day_or_option_renders_everything_again(two_orgs, tmp_path, option):
    from datetime import UTC, datetime

    out = tmp_path / "out"
    build(two_orgs, out)
    if "epoch" in option:
        option = {"epoch": datetime(2024, 6, 1, 12, tzinfo=UTC)}
    _, steps = build(two_orgs, out, **option)
    assert rendered(steps) == {"testorg", "otherorg", "site"}


def test_a_change_to_the_code_renders_everything_again(two_orgs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(two_orgs, out)
    stamps = reuse.code_stamps()
    monkeypatch.setattr(reuse, "code_stamps", lambda: (*stamps[:-1], stamps[-1] + "-edited"))
    _, steps = build(two_orgs, out)
    assert rendered(steps) == {"testorg", "otherorg", "site"}


def test_a_published_file_that_was_altered_or_removed_is_rendered_again(two_orgs, tmp_path):
    out = tmp_path / "out"
    first, _ = build(two_orgs, out)
    page = (out / "testorg" / "timeline.html").resolve()
    page.write_bytes(page.read_bytes().replace(b"</html>", b"<!-- altered --></html>"))
    (out / "otherorg" / "terms.csv").resolve().unlink()
    again, steps = build(two_orgs, out)
    assert rendered(steps) == {"testorg", "otherorg"}
    assert contents(again) == contents(first)
    assert (out / "testorg" / "timeline.html").read_bytes() == first.site.contents["testorg/timeline.html"]


@pytest.mark.parametrize(
    "record",
    [
        "not a record",
        {"key": None},
        {"files": {"../../etc/passwd": ["0" * 64, "x"]}},
        {"files": {"/etc/passwd": ["0" * 64, "x"]}},
        {"files": {"testorg/timeline.html": "digest"}},
        {"feeds": [["a", "b"]]},
        {"feeds": [["a", "b", "c", "many"]]},
    ],
)
def test_a_damaged_build_record_means_rendering_again(two_orgs, tmp_path, record):
    out = tmp_path / "out"
    first, _ = build(two_orgs, out)
    state_path = (out / "testorg" / "feed-state.json").resolve()
    state = json.loads(state_path.read_text("utf-8"))
    state["build"] = {**state["build"], **record} if isinstance(record, dict) else record
    state_path.write_text(json.dumps(state), "utf-8")
    again, steps = build(two_orgs, out)
    assert "testorg" in rendered(steps) and "otherorg" not in rendered(steps)
    assert contents(again) == contents(first)


def test_check_renders_everything_and_sees_an_altered_file(two_orgs, tmp_path):
    out = tmp_path / "out"
    build(two_orgs, out)
    checked, steps = build(two_orgs, out, check=True)
    assert rendered(steps) == {"testorg", "otherorg", "site"} and checked.changed == []
    feed = (out / "testorg" / "testorg-all.ics").resolve()
    feed.write_bytes(feed.read_bytes().replace(b"Berlin", b"Bonn"))
    checked, _ = build(two_orgs, out, check=True)
    assert checked.changed == ["testorg/testorg-all.ics"]


def test_identical_files_are_written_once_in_a_version(two_orgs, tmp_path):
    """The JSON Schema beside each organisation's timeline.json is one file (hard links), not one copy each; a file
    of other bytes is its own."""
    out = tmp_path / "out"
    build(two_orgs, out)
    schemas = [(out / org / "timeline.schema.json").resolve() for org in ("testorg", "otherorg")]
    assert schemas[0].read_bytes() == schemas[1].read_bytes()
    assert schemas[0].stat().st_ino == schemas[1].stat().st_ino
    exports = [(out / org / "timeline.json").resolve().stat().st_ino for org in ("testorg", "otherorg")]
    assert exports[0] != exports[1]


def test_the_overview_takes_a_reused_part_s_words_from_the_cache(two_orgs, tmp_path, monkeypatch):
    """After an edit of otherorg, the overview pages word only otherorg's chair terms again (hover texts, table
    rows); testorg's come from the cache folder, and the pages are a full render's."""
    from timeline.render.html import hover, table

    worded: list[str] = []
    monkeypatch.setattr(hover, "term_hover", counting(hover.term_hover, worded))
    monkeypatch.setattr(table, "_term_row", counting(table._term_row, worded))
    rebuilt_after_an_edit_of_otherorg(two_orgs, tmp_path, worded)


def _published(out: Path) -> dict[str, bytes]:
    """Every file of a published site, by path, through the links into its version (the build's own folder left
    out)."""
    found = {}
    for folder, dirs, names in os.walk(out, followlinks=True):
        dirs[:] = [d for d in dirs if d != ".timeline"]
        for name in names:
            path = Path(folder) / name
            found[path.relative_to(out).as_posix()] = path.read_bytes()
    return found


EDITS = {
    "a source's title": ("sources.yaml", "Charter of the Test Organisation", "Charter of the Testing Organisation"),
    "a term's holder": ("terms.yaml", "office: council-chair, holder: bb,", "office: council-chair, holder: aa,"),
    "a session's date": ("events.yaml", "date: 2024-07-02", "date: 2024-07-03"),
    "a comment": ("events.yaml", "\n", "\n# a comment\n"),
}


def test_rebuilds_after_edits_of_several_kinds_publish_what_a_fresh_build_publishes_file_by_file(two_orgs, tmp_path):
    """Each edit in turn; the fresh build renders everything into a copy of the folder as published before the edit
    (the feeds' SEQUENCE and withdrawals follow what was published)."""
    out = tmp_path / "out"
    build(two_orgs, out)
    for number, (name, (file, old, new)) in enumerate(EDITS.items()):
        twin = tmp_path / f"twin-{number}"
        shutil.copytree(out, twin, symlinks=True)
        path = two_orgs / "otherorg" / file
        text = path.read_text("utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new, 1), "utf-8")
        build(two_orgs, out)
        build(two_orgs, twin, fresh=True)
        published = _published(out)
        assert published == _published(twin), f"after {name}"
        assert {"index.html", "chairmanships.ics", "otherorg/timeline.json", "ru/otherorg/timeline.html"} <= set(
            published
        )


def test_a_rebuild_loads_only_the_organisations_whose_files_changed(two_orgs, tmp_path, monkeypatch):
    """An edit that changes no fact loads only the edited organisation (to digest it); a fact changed renders its part
    and the site-wide files, which take the other organisation from its header and summaries: it is loaded only
    when its header is not kept (unreadable here), and the bytes are a full render's either way."""
    from timeline.load.cache import cache_dir

    asked = recording_loads(monkeypatch)
    out, twin = tmp_path / "out", tmp_path / "twin"
    build(two_orgs, out)
    shutil.copytree(out, twin, symlinks=True)
    asked.clear()
    events = two_orgs / "otherorg" / "events.yaml"
    events.write_text(events.read_text("utf-8") + "\n# a comment\n", "utf-8")
    _, steps = build(two_orgs, out)
    assert asked == [["otherorg"]] and rendered(steps) == set()
    asked.clear()
    edit(two_orgs, "otherorg")
    reused, steps = build(two_orgs, out)  # read to digest it, then again (from the load cache) to render it
    assert asked == [["otherorg"], ["otherorg"]] and rendered(steps) == {"otherorg", "site"}
    assert contents(reused) == contents(build(two_orgs, twin, fresh=True)[0])
    (cache_dir() / "parts" / "testorg.header.pickle").write_bytes(b"not a pickle")
    shutil.rmtree(twin)
    shutil.copytree(out, twin, symlinks=True)
    events.write_text(events.read_text("utf-8").replace("Bonn", "Berlin"), "utf-8")
    asked.clear()
    again, steps = build(two_orgs, out)
    assert asked == [["otherorg"], ["testorg"], ["otherorg"]] and rendered(steps) == {"otherorg", "site"}
    assert contents(again) == contents(build(two_orgs, twin, fresh=True)[0])


def test_a_first_build_with_headers_kept_loads_each_model_only_to_render_its_part(two_orgs, tmp_path, monkeypatch):
    """Into an empty folder, with each part's header kept by an earlier build, the build's process loads no model
    up front: the piece that renders a part loads its organisation (once for both languages), and the site is the
    one the earlier build made."""
    first, _ = build(two_orgs, tmp_path / "out")
    asked = recording_loads(monkeypatch)
    again, steps = build(two_orgs, tmp_path / "empty")
    assert rendered(steps) == {"testorg", "otherorg", "site"}
    assert sorted(asked) == [["otherorg"], ["testorg"]]
    assert contents(again) == contents(first)


def test_a_model_has_one_digest_whether_read_from_yaml_or_from_the_load_cache(data_copy):
    """A part's key digests its organisation's model: the model read from YAML and the one the load cache gives back
    must digest alike, or an edit that changes no fact (a comment) would render the part again."""
    import pickle

    from timeline.load import load_organisation

    org = load_organisation(data_copy / "testorg")
    assert reuse.model_digest(pickle.loads(pickle.dumps(org))) == reuse.model_digest(org)


def recording_loads(monkeypatch) -> list[list[str]]:
    """The organisations each load of a build asks for (site.keyed's load_each and load_many), in order."""
    from timeline.site import keyed

    asked: list[list[str]] = []
    for name in ("load_each", "load_many"):
        original = getattr(keyed, name)

        def recording(data, orgs=None, original=original):
            asked.append(list(orgs or []))
            return original(data, orgs)

        monkeypatch.setattr(keyed, name, recording)
    return asked


def counting(original, seen: list[str]):
    """`original` (a function taking a Timeline first), noting in `seen` the organisation of each call."""

    def count(tl, *args, **kwargs):
        seen.append(tl.org.id)
        return original(tl, *args, **kwargs)

    return count


def rebuilt_after_an_edit_of_otherorg(two_orgs: Path, tmp_path: Path, seen: list[str]) -> tuple[Path, Path]:
    """Build into out, copy it to twin, edit otherorg and build out again: only otherorg's calls are seen then, and
    the site is what a fresh build into twin makes. Returns (out, twin)."""
    out, twin = tmp_path / "out", tmp_path / "twin"
    build(two_orgs, out)
    shutil.copytree(out, twin, symlinks=True)
    edit(two_orgs, "otherorg")
    seen.clear()
    reused, _ = build(two_orgs, out)
    assert "otherorg" in seen and "testorg" not in seen
    fresh, _ = build(two_orgs, twin, fresh=True)
    assert contents(reused) == contents(fresh)
    return out, twin
