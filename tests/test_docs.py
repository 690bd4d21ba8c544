"""The README tells the truth: its examples are current, every command is documented, CI runs its test command."""

import re
import subprocess
import sys
from pathlib import Path

import typer.main

from timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert "timeline build" in blocks[0]
    assert "pytest" in blocks[1]


def test_ci_runs_exactly_the_readme_test_command():
    test_command = re.findall(r"```sh\n(.*?)\n```", README, re.S)[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_every_command_is_in_the_readme():
    names = [c.name for c in typer.main.get_command(app).commands.values()]
    assert len(names) >= 9
    for name in names:
        assert f"timeline {name}" in README or f"`{name}" in README, f"README does not show `timeline {name}`"


def test_readme_examples_are_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def layout_entries() -> dict[str, str]:
    """The README's picture of the code: path (relative to the package's parent) -> what it says of it."""
    section = README.split("## How the code is laid out", 1)[1]
    block = re.search(r"```text\n(.*?)\n```", section, re.S).group(1)
    entries, parents = {}, []
    for line in block.splitlines():
        depth = (len(line) - len(line.lstrip())) // 2
        name, _, words = line.strip().partition(" ")
        parents[depth:] = [name]
        entries["".join(parents)] = words.strip()
    return entries


def test_the_readme_layout_lists_only_what_exists():
    for path in layout_entries():
        assert (ROOT / path).exists(), f"the README's layout lists {path}, which does not exist"
        assert (ROOT / path).is_dir() == path.endswith("/"), f"{path}: a folder ends in '/', a module does not"


def test_the_readme_layout_lists_every_package():
    """Each package folder is listed, or named in its parent's line (core/ may say 'rotation' for core/rotation/)."""
    entries = layout_entries()
    for init in sorted((ROOT / "timeline").rglob("__init__.py")):
        folder = init.parent.relative_to(ROOT).as_posix() + "/"
        parent = folder.rsplit("/", 2)[0] + "/"
        named = re.search(rf"\b{re.escape(init.parent.name)}\b", entries.get(parent, ""))
        assert folder in entries or named, f"the README's layout does not show {folder}"


def test_the_library_example_runs():
    code = re.search(r"## Using as a library\n\n```python\n(.*?)```", README, re.S).group(1)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Belarus" in result.stdout and "undetermined" in result.stdout
