"""Issue 24's families, one test (or a few) each: the output never overlaps the data, ids never collide with the
site's own names, files the loader does not know are refused or ignored by one rule, YAML scalars are read by one
typed rule, and writing output fails in one line. The property tests over generated input are in
tests/test_robust_properties.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers.tree import digest
from timeline.cli import app

runner = CliRunner()


def one_line_error(result, code: int | None = None) -> str:
    """The run failed with exactly one line on stderr and no traceback; returns that line."""
    assert result.exit_code != 0, result.output
    if code is not None:
        assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# The output apart from the data --------------------------------------------------------------------------------------


@pytest.mark.parametrize("out", [".", "testorg", "testorg/site", ".."])
def test_a_build_never_writes_where_it_reads_data(data_copy, monkeypatch, out):
    monkeypatch.chdir(data_copy)
    before = digest(data_copy)
    result = runner.invoke(app, ["build", "--data", ".", "--out", out])
    line = one_line_error(result, 2)
    assert "data folder" in line and "remove" not in line and "delete" not in line
    assert digest(data_copy) == before


def test_a_build_into_a_folder_beside_the_data_is_fine(data_copy, tmp_path):
    result = runner.invoke(app, ["build", "--data", str(data_copy), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output


def test_a_feed_or_page_is_never_written_into_the_data(data_copy):
    before = digest(data_copy)
    target = str(data_copy / "testorg" / "terms.yaml")
    for args in (["ics", "testorg-chairmanship", "-o", target], ["html", "-o", target]):
        line = one_line_error(runner.invoke(app, [*args, "--data", str(data_copy)]), 2)
        assert "inside the data folder" in line
    assert digest(data_copy) == before


# Writing output: one line, non-zero exit -----------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["missing/x.ics", "folder", "/dev/full"])
@pytest.mark.parametrize("command", [["ics", "testorg-chairmanship"], ["html"]])
def test_output_that_cannot_be_written_is_one_line(fixture_data, tmp_path, monkeypatch, target, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    if target == "/dev/full" and not os.path.exists(target):
        pytest.skip("no /dev/full here")
    result = runner.invoke(app, [*command, "-o", target, "--data", str(fixture_data)])
    assert one_line_error(result, 1).startswith(f"error: cannot write {target}: ")


def run_cli(*args: str, **options) -> subprocess.CompletedProcess:
    """`timeline ARGS` in a process of its own (its real stdout and stderr, as given in `options`)."""
    code = "from timeline.cli import main; main()"
    env = {**os.environ, "TIMELINE_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-c", code, *args], env=env, **options)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_stdout_full_or_closed_is_one_line(fixture_data):
    args = ("ics", "testorg-chairmanship", "--data", str(fixture_data))
    with open("/dev/full", "w") as full:
        result = run_cli(*args, stdout=full, stderr=subprocess.PIPE)
    assert (
        result.returncode == 1
        and result.stderr.decode().strip() == "error: cannot write standard output: no space left on the device"
    )
    closed = run_cli(*args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert (
        closed.returncode == 1 and closed.stderr.decode().strip() == "error: cannot write standard output: it is closed"
    )


# Reserved names ----------------------------------------------------------------------------------------------------


def test_the_site_s_language_folders_are_reserved_ids():
    from timeline.load.fields import RESERVED_IDS
    from timeline.render.lang import CODES

    assert set(CODES[1:]) <= RESERVED_IDS


@pytest.mark.parametrize("ident", ["ru", "fr"])
def test_an_organisation_named_like_a_language_folder_is_refused(data_copy, tmp_path, ident):
    (data_copy / "testorg").rename(data_copy / ident)
    text = (data_copy / ident / "organisation.yaml").read_text(encoding="utf-8")
    (data_copy / ident / "organisation.yaml").write_text(text.replace("id: testorg", f"id: {ident}"), encoding="utf-8")
    result = runner.invoke(app, ["build", "--data", str(data_copy), "--out", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert f"organisation id '{ident}' is reserved" in result.stderr
    assert not (tmp_path / "site").exists()


# Files the loader does not know -------------------------------------------------------------------------------------


def build_in(data: Path, site: Path):
    return runner.invoke(app, ["build", "--data", str(data), "--out", str(site)])


@pytest.mark.parametrize("name", ["organisation.yml", "Organisation.yaml", "organization.yaml", "ORGANISATION.YAML"])
def test_a_near_miss_organisation_file_is_an_error_naming_the_expected_one(data_copy, tmp_path, name):
    assert build_in(data_copy, tmp_path / "site").exit_code == 0
    published = digest(tmp_path / "site")
    (data_copy / "testorg" / "organisation.yaml").rename(data_copy / "testorg" / name)
    result = build_in(data_copy, tmp_path / "site")
    assert result.exit_code == 2
    assert f"testorg/{name}: name it organisation.yaml" in result.stderr
    assert digest(tmp_path / "site") == published  # the feeds are not withdrawn


def test_a_folder_with_data_files_but_no_organisation_file_is_an_error(data_copy):
    (data_copy / "testorg" / "organisation.yaml").unlink()
    result = runner.invoke(app, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 2 and "testorg: has data files but no organisation.yaml" in result.stderr


def test_an_unreadable_organisation_folder_is_an_error(data_copy, tmp_path, monkeypatch):
    assert build_in(data_copy, tmp_path / "site").exit_code == 0
    published = digest(tmp_path / "site")
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self.name == "testorg":
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = build_in(data_copy, tmp_path / "site")
    assert result.exit_code == 2 and "testorg: cannot be read: permission denied" in result.stderr
    monkeypatch.undo()
    assert digest(tmp_path / "site") == published


@pytest.mark.parametrize("name", ["people.YAML", "Terms.yaml", "events.Yml"])
def test_a_data_file_named_in_another_case_is_an_error(data_copy, name):
    expected = name.lower()
    (data_copy / "testorg" / expected.replace(".yml", ".yaml")).rename(data_copy / "testorg" / name)
    result = runner.invoke(app, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 2 and f"testorg/{name}: name it {expected}" in result.stderr


EDITOR_FILES = [".#terms.yaml", "terms.yaml~", ".terms.yaml.swp", "#terms.yaml#", ".terms.yaml"]


@pytest.mark.parametrize("name", EDITOR_FILES)
def test_an_editor_s_file_is_ignored_by_the_loader_the_cache_and_watch(data_copy, tmp_path, monkeypatch, name):
    from timeline.site.watch import snapshot

    before = snapshot(data_copy)
    target = data_copy / "testorg" / name
    if name.startswith(".#"):  # Emacs's lock: a link to nothing
        target.symlink_to("root@host.1234:1700000000")
    else:
        target.write_text("- {broken: [\n", encoding="utf-8")
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    for args in (["validate"], ["who-chairs", "--org", "testorg"], ["who-chairs", "--org", "testorg"]):
        result = runner.invoke(app, [*args, "--data", str(data_copy)])
        assert result.exit_code == 0, result.output
    assert build_in(data_copy, tmp_path / "site").exit_code == 0
    assert snapshot(data_copy) == before


# And the rest --------------------------------------------------------------------------------------------------------


def add(data: Path, name: str, text: str) -> None:
    (data / "testorg" / name).write_text(text, encoding="utf-8")


def test_an_office_of_n_seats_holds_no_more_than_n_terms_at_once(data_copy):
    add(data_copy, "offices-board.yaml", "- {id: board, name: Board, body: council, seats: 2, sources: [charter]}\n")
    terms = "".join(
        f"- {{id: board-{who}, office: board, holder: {who}, start: 2020-0{i + 1}-01, end: 2021-01-01, "
        "sources: [charter]}\n"
        for i, who in enumerate(["ivanov", "petrova", "bbpres"])
    )
    add(data_copy, "terms-board.yaml", terms)
    result = runner.invoke(app, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 2
    assert "term 'board-bbpres' is one of 3 terms held on 2020-03-01 in office 'board' of 2 seats" in result.stderr
    add(data_copy, "terms-board.yaml", "".join(terms.splitlines(keepends=True)[:2]))
    assert runner.invoke(app, ["validate", "--data", str(data_copy)]).exit_code == 0


def test_an_id_too_long_for_a_file_name_is_refused_at_validate_with_its_reason(data_copy):
    long = "-".join(["office"] * 33)  # 230 characters
    add(data_copy, "offices-long.yaml", f"- {{id: {long}, name: Long, body: council, sources: [charter]}}\n")
    result = runner.invoke(app, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 2
    assert f"the id is {len(long)} characters long, at most 64" in result.stderr


@pytest.mark.parametrize("epoch", ["99999999999999999999999", "100000000000", "-100000000000", "1e9"])
def test_source_date_epoch_out_of_range_is_one_line(fixture_data, tmp_path, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    monkeypatch.delenv("TIMELINE_TODAY", raising=False)
    result = runner.invoke(app, ["build", "--data", str(fixture_data), "--out", str(tmp_path / "site")])
    assert one_line_error(result, 2).startswith("error: SOURCE_DATE_EPOCH is ")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "args",
    [["build", "--out", ""], ["build", "--out="], ["build", "--data", ""], ["ics", ""], ["who-chairs", "--org", " "],
     ["html", "-o", ""], ["build", "--base-url", ""]],
)  # fmt: skip
def test_an_empty_option_value_is_a_usage_error(fixture_data, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    import typer

    command = typer.main.get_command(app)  # the group's own main, as the console script runs it
    with pytest.raises(SystemExit) as leaving:
        command.main([*args, "--data", str(fixture_data)] if "--data" not in args else args, prog_name="timeline")
    assert leaving.value.code == 2
    assert list(tmp_path.iterdir()) == []


def test_a_corrupted_cache_file_is_a_cache_miss(fixture_data, monkeypatch):
    import pickle

    from timeline.load.cache import cache_key, cache_path

    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    folder = fixture_data / "testorg"
    path = cache_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = pickle.dumps(cache_key(folder), protocol=pickle.HIGHEST_PROTOCOL)
    path.write_bytes(key + b"\x80\x05\x8e" + (2**62).to_bytes(8, "little"))  # 'bytes of 4 EB follow': MemoryError
    result = runner.invoke(app, ["who-chairs", "--org", "testorg", "--data", str(fixture_data)])
    assert result.exit_code == 0, result.output


def test_validate_json_prints_json_on_invalid_data(data_copy):
    import json

    add(data_copy, "terms-bad.yaml", "- {id: t-x, office: nowhere, holder: aa, start: 2020-01-01}\n")
    result = runner.invoke(app, ["validate", "--json", "--data", str(data_copy)])
    assert result.exit_code == 2
    found = json.loads(result.stdout)
    assert found["ok"] is False and any("nowhere" in e["message"] for e in found["errors"])
