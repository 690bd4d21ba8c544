"""docs/data.md, "Add an organisation", works as written: each file it shows, then each command and its output."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from timeline.cli import app

PAGE = (Path(__file__).resolve().parent.parent / "docs" / "data.md").read_text(encoding="utf-8")
SECTION = PAGE.split("## Add an organisation", 1)[1].split("\n## ", 1)[0]


def test_the_walkthrough_builds_a_valid_organisation_and_answers_as_shown(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-28")
    files = re.findall(r"```yaml\n# (data/\S+)\n(.*?)```", SECTION, re.S)
    assert len(files) >= 7, "the walkthrough shows its files"
    for name, content in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    commands = re.findall(r"```console\n\$ timeline (.*?)\n(.*?)```", SECTION, re.S)
    assert len(commands) >= 3
    for args, shown in commands:
        argv = [str(tmp_path / "data") if a == "data" else a for a in shlex.split(args)]
        result = CliRunner().invoke(app, argv)
        assert result.exit_code == 0, f"timeline {args}: {result.output}"
        assert result.output.replace(str(tmp_path) + "/", "") == shown, f"timeline {args}"
