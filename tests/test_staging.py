"""A build writes each file into its staging folder as it is rendered (site.files), so it holds no file's bytes;
publishing stays all or nothing, and a staging folder left by a killed build is removed by the next one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers.builds import DAY, build
from tests.helpers.edits import edit
from timeline.site import assembly
from timeline.site.build import build_site
from timeline.site.publish import COMPARED, same_files


@pytest.fixture
def two_orgs(data_copy: Path) -> Path:
    shutil.copytree(data_copy / "testorg", data_copy / "otherorg")
    return data_copy


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_holds_no_file_s_bytes_and_leaves_no_staging_folder(two_orgs, tmp_path):
    out = tmp_path / "out"
    report = build_site(two_orgs, out, DAY, fresh=True)
    assert report.site.files and all(f.chunks == () and f.source for f in report.site.files.values())
    assert all(f.source.parent.is_relative_to(out.resolve() / ".timeline") for f in report.site.files.values())
    assert (out / "testorg" / "timeline.html").read_bytes() == report.site.contents["testorg/timeline.html"]
    assert not [p for p in os.listdir(out / ".timeline") if p.startswith("stage-")]


def test_a_failure_while_rendering_publishes_nothing_and_leaves_no_staging_folder(two_orgs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(two_orgs, out)
    before = files_under(out / ".timeline" / "current")
    edit(two_orgs, "otherorg")
    original = assembly.render_org

    def failing(site, view, **kwargs):
        if view.tl.org.id == "otherorg":
            raise RuntimeError("rendering failed midway")
        return original(site, view, **kwargs)

    monkeypatch.setattr(assembly, "render_org", failing)
    with pytest.raises(RuntimeError, match="midway"):
        build(two_orgs, out, fresh=True)
    assert files_under(out / ".timeline" / "current") == before
    assert not [p for p in os.listdir(out / ".timeline") if p.startswith("stage-")]


def test_a_killed_build_s_staging_folder_is_removed_by_the_next(two_orgs, tmp_path):
    out = tmp_path / "out"
    first, _ = build(two_orgs, out)
    left = out / ".timeline" / "stage-999999999"
    (left / "testorg").mkdir(parents=True)
    (left / "testorg" / "timeline.html").write_bytes(b"half")
    again, _ = build(two_orgs, out)
    assert not left.exists() and dict(again.site.contents) == dict(first.site.contents)


def test_publishing_links_each_staged_file_into_the_version_without_reading_it(tmp_path, monkeypatch):
    """A staged file becomes the published one (the same inode: its bytes neither read nor written again), files
    alike are written once, and asking whether the site has a path reads no file."""
    from timeline.site import files as site_files
    from timeline.site.files import Site
    from timeline.site.publish import publish

    stage, out = tmp_path / "stage", tmp_path / "out"
    site = Site(stage=stage)
    site.add("a/one.txt", "one\n", "a file")
    site.add("b/same.json", b"{}\n", "a file alike")
    site.add("c/same.json", b"{}\n", "the same bytes")
    read: list[str] = []
    monkeypatch.setattr(site_files.SiteFile, "content", property(lambda f: read.append(str(f.source)) or b""))
    contents = site.contents
    assert "a/one.txt" in contents and "nowhere.txt" not in contents
    changed, _ = publish(contents, out)
    assert changed == ["a/one.txt", "b/same.json", "c/same.json"] and read == []
    assert (out / "a" / "one.txt").stat().st_ino == (stage / "a" / "one.txt").stat().st_ino
    assert (out / "b" / "same.json").stat().st_ino == (out / "c" / "same.json").stat().st_ino
    assert (out / "a" / "one.txt").read_bytes() == b"one\n"


def test_a_staged_file_is_compared_with_its_published_copy_a_piece_at_a_time(tmp_path, monkeypatch):
    """Publishing again compares each staged file with the published one without reading either whole (the landing
    page of 300 organisations is 6 MB): a file changed only past the first piece compared, or only in its size,
    is published; one rendered to the same bytes is not."""
    from timeline.site import files as site_files
    from timeline.site import publish as site_publish
    from timeline.site.files import Site

    big = b"x" * (3 * site_publish.COMPARED + 5)
    out = tmp_path / "out"
    first = Site(stage=tmp_path / "stage-1")
    for path, content in [("page.html", big), ("same.txt", b"same\n"), ("longer.txt", b"ab")]:
        first.add(path, content, "a file")
    site_publish.publish(first.contents, out)
    again = Site(stage=tmp_path / "stage-2")
    for path, content in [("page.html", big[:-1] + b"y"), ("same.txt", b"same\n"), ("longer.txt", b"abc")]:
        again.add(path, content, "a file")
    read: list[str] = []
    monkeypatch.setattr(site_files.SiteFile, "content", property(lambda f: read.append(str(f.source)) or b""))
    changed, _ = site_publish.publish(again.contents, out)
    assert changed == ["longer.txt", "page.html"] and read == []
    assert (out / "page.html").read_bytes().endswith(b"xy") and (out / "longer.txt").read_bytes() == b"abc"


BODY = bytes(range(256)) * (2 * COMPARED // 256 + 1)
"""A file of three pieces as same_files compares them, its last byte 255."""


@pytest.mark.parametrize(
    ("other", "same"),
    [(BODY, True), (BODY + b"a", False), (BODY[:-1], False), (BODY[:-1] + b"\0", False)],
    ids=["equal", "one byte longer", "one byte shorter", "last byte changed"],
)
def test_same_files_compares_every_piece(tmp_path, other, same):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(BODY)
    b.write_bytes(other)
    assert same_files(a, b) is same
    assert same_files(a, tmp_path / "missing") is False


def test_a_file_given_in_pieces_is_written_as_they_come_with_the_digest_of_the_whole(tmp_path):
    """A page in parts (render.html.landing.landing_parts) is staged piece by piece, text as UTF-8: the file, its
    digest and its bytes held without a stage are those of the whole page."""
    from timeline.site.files import Site, digest

    written: list[int] = []
    staged = Site(stage=tmp_path / "stage")

    def parts():
        for piece in ("<p>", "Минск", b" & ", "</p>\n"):
            target = tmp_path / "stage" / "page.html"
            written.append(target.stat().st_size if target.exists() else -1)
            yield piece

    staged.add("page.html", parts(), "a page")
    whole = "<p>Минск & </p>\n".encode()
    assert (tmp_path / "stage" / "page.html").read_bytes() == whole
    assert staged.files["page.html"].digest == digest((whole,)) and written[0] == 0, "opened before the first piece"
    held = Site()
    held.add("page.html", parts(), "a page")
    assert held.contents["page.html"] == whole and held.files["page.html"].digest == digest((whole,))
