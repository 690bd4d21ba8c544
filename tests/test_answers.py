"""The answers cache (timeline.cli.answers): `who-chairs` answered from it prints the full path's bytes in every mode,
and any edit to the data or the code, a corrupted file or a new day's words make it a miss."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import stamps
from timeline.cli import answers, app, phrases
from timeline.load import default_data_dir
from timeline.render.lang import WORDED

runner = CliRunner()

MODES = [
    [],
    ["2025"],
    ["2025", "--json"],
    ["2025", "--lang", "ru"],
    ["--lang=ru", "2025", "--json"],
    ["2025-03"],
    ["2026-11-26"],
    ["2026-11-26", "--lang", "ru"],
    ["2026-01-01", "--json"],
    ["2024", "--org", "unsc"],
    ["--org", "csto,au", "--org", "eu-council", "2023"],
    ["--org", "csto"],
]
"""The forms the cache answers: a year, a month, a day (today or another), text or JSON, in both languages, for
every organisation or some (the UN Security Council's monthly turns are one line each)."""


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """An empty cache folder of this test's own."""
    monkeypatch.setenv("TIMELINE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def full(args: list[str]) -> str:
    """What the full path prints (keeping its answers and the day's phrases, as the console script does), as a
    process of its own would (remembering no phrase worded before)."""
    WORDED.clear()
    with phrases.kept():
        result = runner.invoke(app, ["who-chairs", *args])
    assert result.exit_code == 0, result.output
    return result.output


def cached(args: list[str]) -> str:
    return answers.answer_text(["who-chairs", *args], os.environ)


@pytest.mark.parametrize("today", ["2026-11-26", "2026-12-07"])
def test_the_cache_prints_the_full_paths_bytes_in_every_mode(own_cache, monkeypatch, today):
    monkeypatch.setenv("TIMELINE_TODAY", today)
    for args in MODES:
        expected = full(args)
        assert cached(args) == expected, args


def test_a_span_kept_on_another_day_is_worded_for_today(own_cache, monkeypatch):
    """Nothing kept depends on the day asked on: 'ended 11 months ago' is worded for the day of the query, and a day
    asked about becomes 'today (…)' with its next turn on that day."""
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-20")
    full(["2025"])
    full(["2026-11-26"])
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-26")
    first = cached(["2025"])  # the day's phrases are not worded yet: arrow words them, and they are kept
    kept = json.loads((own_cache / answers.PHRASES).read_text(encoding="utf-8"))["phrases"]
    assert kept and all(key.split(" ")[1] == "2026-11-26" for key in kept), "only the latest day's phrases"
    assert first == full(["2025"])
    for args in ([], ["2026-11-26"]):
        expected = full(args)
        assert cached(args) == expected
    assert "today (26 Nov 2026)" in cached([]) and "  next: " in cached([])


def test_a_query_about_one_organisation_reads_one_file(own_cache, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-26")
    expected = full(["2025", "--org", "csto"])
    assert [p.name.split("-")[0] for p in (own_cache / answers.FOLDER).iterdir()] == ["csto"]
    assert cached(["2025", "--org", "csto"]) == expected
    with pytest.raises(OSError):  # the others were not kept yet
        cached(["2025", "--org", "au"])


def test_forms_the_cache_does_not_read_go_the_full_path(own_cache, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-26")
    full(["2025"])
    for args in (["next", "year"], ["2025", "--org", "CSTO"], ["2025", "--help"], ["Q1", "2025"], ["2025", "--org="]):
        with pytest.raises(Exception):  # noqa: B017 - any miss
            cached(args)
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    with pytest.raises(answers.Miss):
        cached(["2025"])


def org_data(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the fixture data whose files were written a minute ago (data changed within seconds of a query is
    not kept: it may change again within the same modification time)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "data", data)
    age(data / "testorg")
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    return data


def age(folder: Path, seconds: int = 60) -> None:
    for path in folder.iterdir():
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 10**9))


def test_an_edit_to_the_data_is_answered_at_the_next_query(own_cache, tmp_path, monkeypatch):
    data = org_data(tmp_path, monkeypatch)
    args = ["2024", "--data", str(data)]
    assert "Gammaria — Cyril Gammov" in full(args) == cached(args)
    terms = data / "testorg" / "terms.yaml"
    terms.write_text(
        terms.read_text(encoding="utf-8").replace(
            "holder: cc, start: 2024-01-01, person: ccpres", "holder: aa, start: 2024-01-01"
        )
    )
    with pytest.raises(answers.Miss):
        cached(args)
    edited = full(args)
    assert "Gammaria" not in edited and "Alphaland" in edited
    with pytest.raises(answers.Miss):  # just written: not kept yet
        cached(args)
    age(data / "testorg")
    assert full(args) == cached(args) == edited


def test_an_edit_to_the_code_is_a_miss(own_cache, tmp_path, monkeypatch):
    data = org_data(tmp_path, monkeypatch)
    args = ["2024", "--data", str(data)]
    expected = full(args)
    source = stamps.PACKAGE / "render" / "text.py"
    stat = source.stat()
    try:
        os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        with pytest.raises(answers.Miss):
            cached(args)
    finally:
        os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cached(args) == expected


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"format": 1, "key": 3}', b"\xff\xfe", b"[]"])
def test_a_corrupted_answers_file_is_a_miss_and_written_again(own_cache, tmp_path, monkeypatch, garbage):
    data = org_data(tmp_path, monkeypatch)
    args = ["2024", "--data", str(data)]
    expected = full(args)
    path = answers.answers_path(data / "testorg")
    path.write_bytes(garbage)
    with pytest.raises(Exception):  # noqa: B017 - unreadable in one way or another: a miss
        cached(args)
    assert full(args) == expected
    assert cached(args) == expected


def test_the_console_script_answers_from_the_cache_without_typer_or_the_model(own_cache, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-26")
    expected = full(["2025", "--org", "csto,asean"])
    env = {**os.environ, "PYTHONPATH": str(stamps.PACKAGE.parent)}
    console = "import sys; sys.argv[0] = 'timeline'; from timeline.cli import main; main()"
    args = [sys.executable, "-X", "importtime", "-c", console, "who-chairs", "2025", "--org", "csto,asean"]
    done = subprocess.run(args, capture_output=True, env=env, check=True, cwd=default_data_dir())
    assert done.stdout.decode() == expected
    imported = {line.split("|")[-1].strip() for line in done.stderr.decode().splitlines()}
    assert "timeline.cli.answers" in imported
    assert not {"typer", "timeline.core.model", "timeline.core.rotation"} & imported
