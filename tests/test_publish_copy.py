"""Publishing by copy (docs/publishing.md): `output/` copied as documented gives a working static site, and the
example workflow (docs/examples/publish.yml) builds with the README's command and publishes that copy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.helpers.builds import build

ROOT = Path(__file__).resolve().parent.parent
PUBLISHING = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
WORKFLOW = ROOT / "docs" / "examples" / "publish.yml"
COPY = "mkdir -p site && cp -rL output/* site/"
"""The documented copy (docs/publishing.md), run here as written."""


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built twice into output/ (two days apart), so that .timeline/ holds the version kept from before."""
    out = tmp_path_factory.mktemp("publish") / "output"
    data = ROOT / "tests" / "fixtures" / "data"
    build(data, out, today=date(2024, 6, 1))
    build(data, out, today=date(2024, 6, 2))
    assert len([p for p in (out / ".timeline").iterdir() if p.is_dir() and not p.is_symlink()]) == 2
    return out


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (following no link) by its path, with its bytes."""
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def local_links(page: Path) -> list[str]:
    """The links of a page to files of the site: no scheme, no host, not only a fragment."""
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    parts = [urlsplit(link) for link in parser.found]
    return [unquote(p.path) for p in parts if not p.scheme and not p.netloc and p.path]


def assert_a_working_site(site: Path, output: Path) -> None:
    links = [str(p.relative_to(site)) for p in site.rglob("*") if p.is_symlink()]
    assert links == [], "no link is left in the copy"
    assert not (site / ".timeline").exists()
    published = output / ".timeline" / "current"
    expected = {path: body for path, body in files(published).items() if not path.startswith(".")}
    assert files(site) == expected, "each file of the published version, once, with its bytes"
    assert (site / "index.html").is_file()
    for org in ("testorg",):
        assert (site / org / "timeline.html").is_file()
        assert list((site / org).glob("*.ics")), f"{org}'s feeds"
    pages = [site / "index.html", site / "ru" / "index.html", *site.glob("*/testorg/timeline.html")]
    for page in [*pages, site / "testorg" / "timeline.html"]:
        assert dead_links(site, page) == [], page.relative_to(site)


def dead_links(site: Path, page: Path) -> list[str]:
    """The page's local links that lead to no file of the site."""
    dead = []
    for link in local_links(page):
        target = (page.parent / link).resolve()
        target = target / "index.html" if link.endswith("/") else target
        if not (target.is_file() and target.is_relative_to(site.resolve())):
            dead.append(link)
    return dead


def test_the_documented_cp_command_gives_a_working_site(output: Path):
    assert f"```sh\n{COPY}\n```" in PUBLISHING
    assert COPY in (ROOT / "README.md").read_text(encoding="utf-8")
    subprocess.run(["sh", "-c", COPY], cwd=output.parent, check=True)
    assert_a_working_site(output.parent / "site", output)


def test_the_overview_pages_links_resolve_too(output: Path, tmp_path: Path):
    shutil.copytree(output, tmp_path / "site", symlinks=False, ignore=shutil.ignore_patterns(".timeline"))
    site = tmp_path / "site"
    assert [dead_links(site, site / page) for page in ("timeline.html", "ru/timeline.html")] == [[], []]


def test_copytree_without_symlinks_gives_the_same_site(output: Path, tmp_path: Path):
    call = 'shutil.copytree("output", "site", symlinks=False, ignore=shutil.ignore_patterns(".timeline"))'
    assert call in PUBLISHING
    shutil.copytree(output, tmp_path / "site", symlinks=False, ignore=shutil.ignore_patterns(".timeline"))
    assert_a_working_site(tmp_path / "site", output)


def test_a_copy_that_keeps_the_links_is_not_a_site(output: Path, tmp_path: Path):
    """Why the documented copies follow links: copied as links, the entries point into a .timeline/ the copy
    leaves out, so the host would serve nothing."""
    shutil.copytree(output, tmp_path / "site", symlinks=True, ignore=shutil.ignore_patterns(".timeline"))
    assert (tmp_path / "site" / "index.html").is_symlink()
    assert not (tmp_path / "site" / "index.html").exists()


def readme_build_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.findall(r"```sh\n(.*?)\n```", readme, re.S)[0]
    return first.splitlines()[0]


def test_the_example_workflow_rebuilds_on_a_schedule_and_publishes_the_copy():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert re.fullmatch(r"[\d*/,-]+( [\d*/,-]+){4}", triggers["schedule"][0]["cron"])
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    command = readme_build_command()
    assert command == "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/timeline build"
    assert any(run.startswith(command + " --base-url") for run in runs), "it builds with the README's command"
    assert any(run.startswith(COPY) for run in runs), "it copies as documented"
    uses = [step.get("uses", "") for step in steps]
    upload = steps[next(i for i, u in enumerate(uses) if u.startswith("actions/upload-pages-artifact@"))]
    assert upload["with"]["path"] == "site"
    cache = steps[next(i for i, u in enumerate(uses) if u.startswith("actions/cache@"))]
    assert cache["with"]["path"] == "output", "the previous output/ (its feed states) is restored before the build"
    assert uses.index(cache["uses"]) < runs.index(next(r for r in runs if r.startswith(command)))
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
