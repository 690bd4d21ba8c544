"""The README and docs/ tell the truth: examples current, every command documented, CI runs the README's test command,
links resolve, the layout matches the tree, and the README stays a short front page."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import typer.main
import yaml
from typer.testing import CliRunner

from timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI = (DOCS / "cli.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def test_readme_opens_with_the_two_commands():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert "timeline build" in blocks[0]
    assert "pytest" in blocks[1]


def test_ci_runs_exactly_the_readme_test_command():
    test_command = re.findall(r"```sh\n(.*?)\n```", README, re.S)[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_every_command_is_in_the_cli_docs():
    names = [c.name for c in typer.main.get_command(app).commands.values()]
    assert len(names) >= 9
    for name in names:
        assert f"timeline {name}" in CLI or f"`{name}" in CLI, f"docs/cli.md does not show `timeline {name}`"


def test_examples_are_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_is_a_short_front_page_with_its_contents_first():
    lines = README.splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines; the rest belongs in docs/"
    headings = re.findall(r"^## (.+)$", README, re.M)
    assert headings[0] == "Contents"
    contents = README.split("## Contents\n", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^- \[.+?\]\(#(.+?)\)$", contents, re.M)
    assert listed == [slug(h) for h in headings[1:]], "the contents list every section, in order"


def test_the_readme_names_every_bundled_organisation():
    orgs = sorted(p.parent.name for p in (ROOT / "data").glob("*/organisation.yaml"))
    section = README.split("## The organisations\n", 1)[1].split("\n## ", 1)[0]
    assert sorted(re.findall(r"`([a-z0-9][a-z0-9-]*)`", section)) == orgs
    assert f"{len(orgs)} organisations" in section and f"[{len(orgs)} organisations]" in README


def test_every_question_in_the_readme_is_answered(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-12-07")
    section = README.split("## Questions you can ask\n", 1)[1].split("\n## ", 1)[0]
    questions = re.findall(r"^\| .+? \| `timeline (.+?)` \|$", section, re.M)
    assert len(questions) >= 8
    for args in questions:
        result = CliRunner().invoke(app, shlex.split(args))
        assert result.exit_code == 0 and result.output.strip(), f"timeline {args}: {result.output}"


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def prose(text: str) -> str:
    """The text outside fenced code blocks."""
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def anchors(page: Path) -> set[str]:
    return {slug(h) for h in re.findall(r"^#{1,6} (.+)$", prose(page.read_text(encoding="utf-8")), re.M)}


def test_every_relative_link_resolves_to_a_file_and_heading():
    dead = []
    for page in PAGES:
        for target in re.findall(r"\]\(([^)\s]+)\)", prose(page.read_text(encoding="utf-8"))):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            if not file.exists() or (anchor and anchor not in anchors(file)):
                dead.append(f"{page.relative_to(ROOT)}: {target}")
    assert dead == []


def test_the_docs_site_lists_every_page():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs"

    def pages(nav) -> list[str]:
        if isinstance(nav, str):
            return [nav]
        items = nav.values() if isinstance(nav, dict) else nav
        return [page for item in items for page in pages(item)]

    listed = pages(config["nav"])
    assert sorted(listed) == sorted(p.relative_to(DOCS).as_posix() for p in DOCS.glob("*.md"))
    assert len(set(listed)) == len(listed)


def layout_entries() -> dict[str, str]:
    """docs/architecture.md's picture of the code: path (relative to the package's parent) -> what it says of it."""
    section = (DOCS / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(.*?)\n```", section, re.S).group(1)
    entries, parents = {}, []
    for line in block.splitlines():
        depth = (len(line) - len(line.lstrip())) // 2
        name, _, words = line.strip().partition(" ")
        parents[depth:] = [name]
        entries["".join(parents)] = words.strip()
    return entries


def test_the_layout_lists_only_what_exists():
    for path in layout_entries():
        assert (ROOT / path).exists(), f"docs/architecture.md lists {path}, which does not exist"
        assert (ROOT / path).is_dir() == path.endswith("/"), f"{path}: a folder ends in '/', a module does not"


def test_the_layout_lists_every_package():
    """Each package folder is listed, or named in its parent's line (core/ may say 'rotation' for core/rotation/)."""
    entries = layout_entries()
    for init in sorted((ROOT / "timeline").rglob("__init__.py")):
        folder = init.parent.relative_to(ROOT).as_posix() + "/"
        parent = folder.rsplit("/", 2)[0] + "/"
        named = re.search(rf"\b{re.escape(init.parent.name)}\b", entries.get(parent, ""))
        assert folder in entries or named, f"docs/architecture.md does not show {folder}"


def test_the_library_example_runs():
    page = (DOCS / "library.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", page, re.S).group(1)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Belarus" in result.stdout and "undetermined" in result.stdout
