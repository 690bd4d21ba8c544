"""The site-wide chair files (the feed of every chairmanship and the overview page, site.chair_files) are taken from
the published version after an edit that changes no chair term, rendered again otherwise, and the site is a fresh
build's either way."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.builds import build, rendered
from tests.helpers.edits import edit
from timeline.site import assembly


@pytest.fixture
def two_orgs(data_copy: Path) -> Path:
    """The fixture organisation twice: testorg and a copy of it, otherorg."""
    shutil.copytree(data_copy / "testorg", data_copy / "otherorg")
    return data_copy


@pytest.fixture
def chair_renders(monkeypatch) -> list[str]:
    """The languages render_all_chairmanships is called for in the build's process (the site-wide files of a
    two-organisation site are rendered there, not in workers)."""
    calls: list[str] = []
    original = assembly.render_all_chairmanships

    def counting(*args, **kwargs):
        calls.extend(lang.code for lang in kwargs["langs"])
        return original(*args, **kwargs)

    monkeypatch.setattr(assembly, "render_all_chairmanships", counting)
    return calls


def rebuilt_against_a_fresh_build(data: Path, out: Path, twin: Path) -> list[str]:
    """Copy the published `out` to `twin`, build `out` again and `twin` fresh (rendering everything against the same
    published feeds): the two sites must be the same bytes. Returns the reusing build's steps."""
    shutil.rmtree(twin, ignore_errors=True)
    shutil.copytree(out, twin, symlinks=True)
    reused, steps = build(data, out)
    fresh, _ = build(data, twin, fresh=True)
    assert reused.site.contents == fresh.site.contents, "reusing gives what rendering everything gives"
    return steps


def test_an_edit_that_changes_no_chair_term_renders_only_the_landing_pages_of_the_site_wide_files(
    two_orgs, tmp_path, chair_renders
):
    out, twin = tmp_path / "out", tmp_path / "twin"
    build(two_orgs, out)
    assert chair_renders == ["en", "ru"]
    chair_renders.clear()
    edit(two_orgs, "otherorg")  # a session's place: otherorg's part is rendered again, its chair terms are the same
    steps = rebuilt_against_a_fresh_build(two_orgs, out, tmp_path / "twin")
    assert rendered(steps) == {"otherorg", "site"} and "all chairmanships (unchanged)" in steps
    assert chair_renders == ["en", "ru"], "only the fresh build rendered them"
    chair_renders.clear()
    terms = two_orgs / "otherorg" / "terms.yaml"
    terms.write_text(terms.read_text("utf-8").replace("holder: bb,", "holder: aa,", 1), "utf-8")  # a chair term
    steps = rebuilt_against_a_fresh_build(two_orgs, out, twin)
    assert "all chairmanships" in steps
    assert chair_renders == ["en", "ru", "en", "ru"]


def _alter_feed(out: Path) -> None:
    published = (out / "ru" / "chairmanships.ics").resolve()
    published.unlink()  # a file of its own: the version's is linked from the one before it
    published.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")


def _alter_english_state(out: Path) -> None:
    """A SEQUENCE the feed state holds for an event, raised: rendered against it, the feed says SEQUENCE:3."""
    state = (out / "feed-state.json").resolve()
    text = state.read_text("utf-8")
    line = next(line for line in text.splitlines() if line.startswith('"turn/') and line.endswith(' 0 0",'))
    state.unlink()
    state.write_text(text.replace(line, line.replace(' 0 0",', ' 3 0",')), "utf-8")


def _unreadable_record(out: Path) -> None:
    from timeline.stamps import cache_dir

    for kept in (cache_dir() / "parts").glob(".chairs-*.pickle"):
        kept.write_bytes(b"not a pickle")


@pytest.mark.parametrize(
    ("damage", "again"),
    [(_alter_feed, ["ru"]), (_alter_english_state, ["en"]), (_unreadable_record, ["en", "ru"]), (None, ["en", "ru"])],
    ids=["a published feed altered", "the English feed's state altered", "the cache's record unreadable", "no cache"],
)
def test_the_chair_files_are_rendered_again_unless_the_folder_holds_what_was_kept_with_them(
    two_orgs, tmp_path, chair_renders, monkeypatch, damage, again
):
    out = tmp_path / "out"
    build(two_orgs, out)
    if damage is None:
        monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    else:
        damage(out)
    chair_renders.clear()
    edit(two_orgs, "otherorg")
    steps = rebuilt_against_a_fresh_build(two_orgs, out, tmp_path / "twin")
    assert "all chairmanships" in steps
    assert chair_renders == [*again, "en", "ru"], "rendered again where damaged, then by the fresh build"


@pytest.mark.parametrize(
    ("kind", "loaded_whole", "chairs_reused"),
    [("digest", True, False), ("row-ru", True, True), ("summary-ru", False, True)],
    ids=["its digests", "its Russian row", "its chair words and VEVENTs"],
)
def test_a_reused_part_whose_kept_words_are_unreadable_is_loaded_whole_only_when_they_are_needed(
    two_orgs, tmp_path, monkeypatch, chair_renders, kind, loaded_whole, chairs_reused
):
    """After an edit of otherorg that changes no chair term, the site-wide files need testorg's summary digests and
    its landing rows alone (kept apart from its chair words and VEVENTs, which are not read). With the digests
    unreadable, testorg's model is loaded and the chair files rendered (no key without them); with a row unreadable,
    testorg's model is loaded to work that row out as the landing page reaches it; with its summaries unreadable,
    nothing is loaded. The bytes are a fresh build's each time."""
    from timeline.load import cache
    from timeline.site import keyed

    loaded: list[str] = []
    original = keyed.Headers.__init__

    def recording(self, facts, load):
        original(self, facts, lambda orgs: loaded.extend(orgs) or load(orgs))

    monkeypatch.setattr(keyed.Headers, "__init__", recording)
    out = tmp_path / "out"
    build(two_orgs, out)
    kept = cache.cache_dir() / "parts" / f"testorg.{kind}.pickle"
    assert kept.is_file()
    kept.write_bytes(b"not a pickle")
    edit(two_orgs, "otherorg")
    loaded.clear()
    steps = rebuilt_against_a_fresh_build(two_orgs, out, tmp_path / "twin")
    assert ("testorg" in loaded) == loaded_whole
    assert ("all chairmanships (unchanged)" in steps) == chairs_reused


def test_after_a_chair_term_changed_the_chair_files_take_the_other_organisation_from_the_cache(
    two_orgs, tmp_path, monkeypatch, chair_renders
):
    """The chair files rendered again take testorg's chair words and VEVENTs from its summaries in the cache folder:
    its terms are not asked for, and the bytes are a fresh build's."""
    from timeline.core.query import Timeline

    asked: list[str] = []
    original = Timeline.terms
    monkeypatch.setattr(Timeline, "terms", lambda tl, *a, **k: asked.append(tl.org.id) or original(tl, *a, **k))
    out, twin = tmp_path / "out", tmp_path / "twin"
    build(two_orgs, out)
    shutil.copytree(out, twin, symlinks=True)
    terms = two_orgs / "otherorg" / "terms.yaml"
    terms.write_text(terms.read_text("utf-8").replace("holder: bb,", "holder: aa,", 1), "utf-8")
    chair_renders.clear()
    asked.clear()
    reused, _ = build(two_orgs, out)
    assert chair_renders == ["en", "ru"] and "otherorg" in asked and "testorg" not in asked
    assert reused.site.contents == build(two_orgs, twin, fresh=True)[0].site.contents


def test_a_reused_part_s_row_is_read_only_as_the_landing_page_reaches_it(two_orgs, tmp_path, monkeypatch):
    """The rows of every organisation are never held at once: each part's row, the reused one's and the one just
    rendered (whose piece kept it), is read from the cache folder while its landing page is written, each once."""
    from timeline.render.html import landing
    from timeline.site import reuse

    seen: list[str] = []
    kept_for, parts = reuse.kept_for, landing.landing_parts

    def reading(org, kind, key):
        seen.append(f"{org} {kind}")
        return kept_for(org, kind, key)

    monkeypatch.setattr(reuse, "kept_for", reading)

    def writing(view, *args, **kwargs):
        seen.append(f"landing {view.lang.code}")
        return parts(view, *args, **kwargs)

    monkeypatch.setattr(landing, "landing_parts", writing)
    out = tmp_path / "out"
    build(two_orgs, out)
    edit(two_orgs, "otherorg")
    seen.clear()
    build(two_orgs, out)
    rows = [entry for entry in seen if " row-" in entry or entry.startswith("landing")]
    assert rows == [
        "landing en", "otherorg row-en", "testorg row-en", "landing ru", "otherorg row-ru", "testorg row-ru"
    ]  # fmt: skip


def test_a_first_build_hands_its_process_each_part_s_row_and_reads_the_summaries_back(two_orgs, tmp_path, monkeypatch):
    """Each piece keeps its summaries in the cache folder and hands the build's process their digests and counts
    alone (pieces.Row), so that the process never holds every organisation's chair words, VEVENTs and landing rows;
    the chair files read the summaries back, with the bytes of a build that keeps nothing (TIMELINE_NO_CACHE, whose
    pieces hand over their whole summaries)."""
    from timeline.site import parallel, pieces

    handed: list[object] = []
    streamed = parallel.streamed

    def noted(results):
        for piece in results:
            handed.extend(getattr(piece, "summaries", {}).values())
            yield piece

    @contextmanager
    def recording(run, count, weights=None):
        with streamed(run, count, weights) as results:
            yield noted(results)

    monkeypatch.setattr(parallel, "streamed", recording)
    kept, _ = build(two_orgs, tmp_path / "kept")
    assert handed and {type(summary) for summary in handed} == {pieces.Row}
    assert all(row.events > 0 for row in handed), "each fixture organisation has chair terms, counted"
    handed.clear()
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    whole, _ = build(two_orgs, tmp_path / "whole")
    assert handed and {type(summary) for summary in handed} == {pieces.Summary}
    assert kept.site.contents == whole.site.contents


def test_a_summary_that_cannot_be_read_back_is_worked_out_from_the_model(two_orgs, tmp_path, monkeypatch):
    """A piece's summary unreadable when the chair files are rendered (a full disk, a cache folder cleared during
    the build): its organisation is loaded whole and the chair files are the same bytes."""
    from timeline.site import pieces

    out = tmp_path / "out"
    expected, _ = build(two_orgs, tmp_path / "expected")
    monkeypatch.setattr(pieces, "saved_summary", lambda org, key, code: None)
    got, _ = build(two_orgs, out)  # its organisations given as headers (site.keyed), as kept by the first
    assert got.site.contents == expected.site.contents
