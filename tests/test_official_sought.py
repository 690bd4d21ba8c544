"""`official_sought`: the dated, visible acknowledgement that an official text for a chair was searched for and not
found (issue 21). `validate --strict` lists such a chair as acknowledged instead of failing on it, `review` asks for
the search to be repeated once it is old, and a bad value is a one-line error. Every CLI test fixes TIMELINE_TODAY."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.core.asof import AsOf
from timeline.load import default_data_dir, load
from timeline.load.kinds import KINDS_FILE
from timeline.render.export.model import export
from timeline.render.export.schema import schema
from timeline.render.export.tables import terms_csv
from timeline.render.view import View

runner = CliRunner()
TABLE = "official: [example.org]\npress: [news.example.net]\n"
CHAIR = "person: ccpres, sources: [press-2]"
"""The fixture's current chair (chair-cc-2024, from 2024-01-01), cited by an official press release."""
LINE = 3
"""The line of that term in terms.yaml."""


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def press_chair(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture data as of 1 June 2024 (its data_date), its current chair cited by a newspaper only."""
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    (data_copy / KINDS_FILE).write_text(TABLE, encoding="utf-8")
    folder = data_copy / "testorg"
    sources = folder / "sources.yaml"
    news = '- {id: news, title: "Chair named", url: "https://news.example.net/chair"}\n'
    sources.write_text(sources.read_text(encoding="utf-8") + news, encoding="utf-8")
    _chair(data_copy, "person: ccpres, sources: [news]")
    return data_copy


def _chair(data: Path, fields: str) -> None:
    """Rewrites the fields of the fixture's current chair (after its start)."""
    path = data / "testorg" / "terms.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if "id: chair-cc-2024" in line)
    path.write_text(text.replace(old, old.split("person:")[0] + fields + "}"), encoding="utf-8")


def test_strict_fails_on_a_chair_without_an_official_source_and_passes_once_a_search_is_recorded(press_chair):
    data = str(press_chair)
    failing = invoke("validate", "--strict", "--data", data)
    assert failing.exit_code == 1
    assert f"terms.yaml:{LINE}: term 'chair-cc-2024', a current or decided chair, has press sources" in failing.output
    assert "acknowledged: term" not in failing.output

    _chair(press_chair, "person: ccpres, sources: [news], official_sought: 2024-05-20")
    passing = invoke("validate", "--strict", "--data", data)
    assert passing.exit_code == 0, passing.output
    assert "no official one" not in passing.output
    assert (
        "  acknowledged: term 'chair-cc-2024' has no official source; one was searched for on 20 May 2024 and not "
        f"found (see its note at data/testorg/terms.yaml:{LINE})"
    ) in passing.output.replace(data, "data")
    russian = invoke("validate", "--strict", "--data", data, "--lang", "ru").output
    assert "признано: у срока 'chair-cc-2024' нет официального источника; его искали 20 мая 2024" in russian

    report = json.loads(invoke("validate", "--strict", "--data", data, "--json").output)
    assert report["ok"] is True
    [part] = report["organisations"]
    assert part["sources"] == []
    [gap] = part["acknowledged"]
    assert (gap["term"], gap["official_sought"]) == ("chair-cc-2024", "2024-05-20")
    assert gap["message"].endswith(
        f"terms.yaml:{LINE}: term 'chair-cc-2024' has no official source; one was searched for on 20 May 2024 and "
        "not found (see its note)"
    )


def test_a_term_citing_an_official_source_is_told_to_drop_official_sought(press_chair):
    _chair(press_chair, f"{CHAIR}, official_sought: 2024-05-20")
    result = invoke("validate", "--strict", "--data", str(press_chair))
    assert result.exit_code == 0, result.output  # to check, never failing
    assert "acknowledged: term" not in result.output
    assert (
        f"to check: data/testorg/terms.yaml:{LINE}: term 'chair-cc-2024' cites an official source, but "
        "'official_sought' says none was found: remove the field"
    ) in result.output.replace(str(press_chair), "data")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-05", "'official_sought' must be an exact day (YYYY-MM-DD), not 2024-05"),
        ("2024-05-20~", "'official_sought' must be an exact day (YYYY-MM-DD), not 2024-05-20~"),
        ("soon", "'official_sought': "),
        ("2024-06-02", "'official_sought' 2024-06-02 is after the data's data_date (2024-06-01)"),
        ("2199-01-01", "'official_sought' 2199-01-01 is in the future: give the day the search was made"),
    ],
)
def test_a_bad_official_sought_is_a_one_line_error_with_its_file_and_line(press_chair, value, message):
    _chair(press_chair, f"person: ccpres, sources: [news], official_sought: {value}")
    result = invoke("validate", "--strict", "--data", str(press_chair))
    assert result.exit_code == 2 and "Traceback" not in result.output
    [error] = [line for line in result.output.splitlines() if "official_sought" in line]
    assert f"terms.yaml:{LINE}: term 'chair-cc-2024'" in error and message in error, error
    assert result.output.strip().splitlines()[-1] == "1 error(s) in the data; nothing was changed."


def test_review_asks_for_a_search_older_than_the_threshold_to_be_repeated(press_chair, monkeypatch):
    _chair(press_chair, "person: ccpres, sources: [news], official_sought: 2024-03-01")
    data = str(press_chair)
    recent = invoke("review", "--strict", "--data", data)  # 1 June 2024: 92 days, but --max-age is 90 by default
    assert recent.exit_code == 1
    assert (
        f"no official source yet: data/testorg/terms.yaml:{LINE}: term 'chair-cc-2024': searched for on 1 Mar 2024, "
        "over 90 days ago: search again"
    ) in recent.output.replace(data, "data")
    assert invoke("review", "--strict", "--data", data, "--max-age", "92").exit_code == 0
    [part] = json.loads(invoke("review", "--data", data, "--json").output)["organisations"]
    assert [(t["term"], t["official_sought"], t["days"]) for t in part["search_again"]] == [
        ("chair-cc-2024", "2024-03-01", 92)
    ]
    assert part["findings"] == 1
    assert "его искали 1 марта 2024, больше 90 дн. назад" in invoke("review", "--data", data, "--lang", "ru").output

    _chair(press_chair, "person: ccpres, sources: [news], official_sought: 2024-05-20")
    fresh = invoke("review", "--strict", "--data", data)
    assert fresh.exit_code == 0 and "nothing stale as of 1 Jun 2024" in fresh.output


def test_review_does_not_ask_again_once_an_official_source_is_cited(press_chair):
    _chair(press_chair, f"{CHAIR}, official_sought: 2024-03-01")
    assert invoke("review", "--strict", "--data", str(press_chair)).exit_code == 0


def test_sources_marks_a_weak_fact_whose_official_text_was_sought(press_chair):
    data = str(press_chair)
    unmarked = invoke("sources", "--data", data, "--weakest", "1").output
    assert "term 'chair-cc-2024' — press\n" in unmarked and "sought" not in unmarked
    _chair(press_chair, "person: ccpres, sources: [news], official_sought: 2024-05-20")
    marked = invoke("sources", "--data", data, "--weakest", "1").output
    assert "term 'chair-cc-2024' — press (official text sought 20 May 2024, not found)" in marked
    [part] = json.loads(invoke("sources", "--data", data, "--json", "--weakest", "1").output)["organisations"]
    assert [(w["fact"], w["official_sought"]) for w in part["weakest"]] == [("term 'chair-cc-2024'", "2024-05-20")]


def test_the_export_and_terms_csv_carry_official_sought_within_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    view = View(load(default_data_dir(), "g20"), AsOf.on(date(2026, 12, 7)))
    model = export(view)
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(model)
    terms = {t["id"]: t for o in model["offices"] for t in o["terms"]}
    assert terms["g20-pres-kr-2027"]["official_sought"] == "2026-12-07"
    assert terms["g20-pres-gb-2026"]["official_sought"] is None
    header, *rows = terms_csv(view)[0].decode("utf-8-sig").splitlines()
    column = header.split(",").index("official_sought")
    [korea] = [r for r in rows if r.startswith("presidency,") and ",g20-pres-kr-2027," in r]
    assert korea.split(",")[column] == "2026-12-07"
