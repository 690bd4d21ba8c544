"""A catalogue of malformed inputs (tests/malformed/*.yaml), one small file each, across every record kind and field.

Each case is written into a copy of the fixture organisation (its first line names the file it becomes) and must be
refused with one line per problem naming the file and, where there is one, the line; the lines are kept in
tests/golden/malformed.txt (regenerate with `pytest tests/test_malformed.py --update-golden`, then read the diff).
The CLI says the same in one line each, exits 2 with no traceback, and a build leaves a published site untouched.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.errors import DataErrors
from timeline.load import load_organisation

HERE = Path(__file__).parent
CASES = sorted((HERE / "malformed").glob("*.yaml"))
GOLDEN = HERE / "golden" / "malformed.txt"
HEADER = re.compile(rb"^# file: (\S+)\n")


def golden() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in GOLDEN.read_text(encoding="utf-8").splitlines() if GOLDEN.exists() else []:
        name, _, message = line.partition(" | ")
        found.setdefault(name, []).append(message)
    return found


def write_case(case: Path, data: Path) -> None:
    raw = case.read_bytes()
    target = HEADER.match(raw)
    assert target, f"{case.name}: first line must be '# file: <data file>'"
    (data / "testorg" / target.group(1).decode()).write_bytes(raw)


def refusal(case: Path, data: Path) -> list[str]:
    write_case(case, data)
    with pytest.raises(DataErrors) as failed:
        load_organisation(data / "testorg")
    return [str(e).replace(str(data) + "/", "") for e in failed.value.errors]


def test_the_catalogue_is_large_and_covers_every_kind_of_file():
    assert len(CASES) >= 60
    targets = {HEADER.match(c.read_bytes()).group(1).decode().split("-")[0].removesuffix(".yaml") for c in CASES}
    kinds = {"sources", "members", "bodies", "offices", "people", "places", "terms", "events", "rotations"}
    assert targets >= kinds | {"organisation"}


@pytest.fixture
def data(fixture_data: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(fixture_data, target)
    return target


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.stem)
def test_each_malformed_input_is_refused_in_one_line_per_problem(case, data, update_golden):
    lines = refusal(case, data)
    assert lines and all("\n" not in line for line in lines)
    assert all(re.match(r"testorg/[\w.-]+\.yaml(:\d+)?: \S", line) for line in lines), lines
    if update_golden:
        kept = GOLDEN.read_text(encoding="utf-8").splitlines() if GOLDEN.exists() else []
        kept = [line for line in kept if not line.startswith(case.stem + " | ")]
        GOLDEN.write_text(
            "\n".join(sorted(kept + [f"{case.stem} | {line}" for line in lines])) + "\n", encoding="utf-8"
        )
        return
    assert lines == golden().get(case.stem), f"{case.stem}: update the golden if this is right"


@pytest.mark.parametrize("case", CASES[::7], ids=lambda c: c.stem)
def test_the_cli_says_it_in_one_line_each_exits_2_and_changes_nothing(case, data, tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["build", "--data", str(data), "--out", str(out)]).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write_case(case, data)
    for command in (["validate", "--data", str(data)], ["build", "--data", str(data), "--out", str(out)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        lines = result.output.strip().splitlines()
        assert lines[-1].endswith("error(s) in the data; nothing was changed.")
        assert all(re.search(r"\.yaml(:\d+)?: ", line) for line in lines[:-1]), lines
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
