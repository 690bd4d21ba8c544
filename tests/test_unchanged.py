"""A rebuild that changes nothing is found by stat and keys alone (site.unchanged): no load, no render, no write;
anything that makes the published site differ from its record means the ordinary build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers.builds import build, rendered
from tests.helpers.edits import edit
from timeline.site import build as site_build


@pytest.fixture
def two_orgs(data_copy: Path) -> Path:
    shutil.copytree(data_copy / "testorg", data_copy / "otherorg")
    return data_copy


def test_nothing_changed_loads_nothing_and_reports_the_published_site(two_orgs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first, _ = build(two_orgs, out)
    current = os.readlink(out / ".timeline" / "current")
    monkeypatch.setattr(site_build, "load_many", lambda *_: pytest.fail("the data was loaded"))
    again, steps = build(two_orgs, out)
    assert steps == [] and again.changed == [] and again.removed == []
    assert dict(again.site.contents) == dict(first.site.contents)
    assert {p: f.what for p, f in again.site.files.items()} == {p: f.what for p, f in first.site.files.items()}
    assert {p: f.size for p, f in again.site.files.items()} == {p: f.size for p, f in first.site.files.items()}
    assert os.readlink(out / ".timeline" / "current") == current


def test_an_edit_a_fresh_build_or_check_goes_the_ordinary_way(two_orgs, tmp_path):
    out = tmp_path / "out"
    build(two_orgs, out)
    _, steps = build(two_orgs, out, fresh=True)
    assert rendered(steps) == {"testorg", "otherorg", "site"}
    _, steps = build(two_orgs, out, check=True)
    assert rendered(steps) == {"testorg", "otherorg", "site"}
    edit(two_orgs, "otherorg")
    _, steps = build(two_orgs, out)
    assert rendered(steps) == {"otherorg", "site"}
    _, steps = build(two_orgs, out)
    assert steps == []


def test_without_the_cache_every_build_goes_the_ordinary_way(two_orgs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(two_orgs, out)
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    _, steps = build(two_orgs, out)
    assert steps != []


@pytest.mark.parametrize("damage", ["altered", "removed", "link removed", "leftover version", "leftover link"])
def test_a_published_site_unlike_its_record_is_built_the_ordinary_way(two_orgs, tmp_path, damage):
    out = tmp_path / "out"
    first, _ = build(two_orgs, out)
    page = (out / "testorg" / "timeline.html").resolve()
    home = out / ".timeline"
    if damage == "altered":
        page.write_bytes(page.read_bytes().replace(b"</html>", b"<!-- altered --></html>"))
    elif damage == "removed":
        page.unlink()
    elif damage == "link removed":
        (out / "testorg").unlink()
    elif damage == "leftover version":
        shutil.copytree(home / os.readlink(home / "current"), home / "000099", symlinks=True)
    else:
        os.symlink(".timeline/current/testorg", out / ".timeline-tmp-testorg")
    again, steps = build(two_orgs, out)
    assert steps != [] or damage in ("link removed", "leftover version", "leftover link")
    assert dict(again.site.contents) == dict(first.site.contents)
    published = (out / "testorg" / "timeline.html").read_bytes()
    assert (out / "testorg").is_symlink() and published == first.site.contents["testorg/timeline.html"]
    assert not (home / "000099").exists() and not os.path.lexists(out / ".timeline-tmp-testorg")
