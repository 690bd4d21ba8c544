"""`timeline ingest`: the seed's facts all come out recorded; a small corpus with known answers in both languages;
dates, case forms, errors, and proposals that `timeline validate` accepts once moved into the data."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.core.dates import PartialDate
from timeline.ingest.dates import find_dates
from timeline.ingest.html import extract
from timeline.ingest.model import Document
from timeline.ingest.run import Ingester
from timeline.ingest.text import keys, sentences
from timeline.load import default_data_dir, load_all

SEED = Path("/work/shared/seeds")
CORPUS = Path(__file__).parent / "ingest_corpus"
runner = CliRunner()


@pytest.fixture(scope="module")
def ingester() -> Ingester:
    return Ingester(load_all(default_data_dir()).values())


def facts(ingester: Ingester, name: str) -> list[tuple]:
    """(kind, org, body or office, date or start, member or person, status, recorded id) of each fact of a file."""
    from timeline.ingest.read import read_file

    report = ingester.report(read_file(CORPUS / name))
    out = []
    for finding in report.findings:
        for r in finding.readings:
            when = r.date or r.start
            who = r.member if r.kind in ("chair", "session") else r.person or r.person_name
            ident = r.recorded_at.split("(")[-1].rstrip(")") if r.recorded_at else None
            out.append((r.kind, r.org, r.body if "session" in r.kind else r.office, str(when) if when else None, who,
                        r.status, ident))  # fmt: skip
    return out


@pytest.mark.skipif(not SEED.is_dir(), reason="the seed is kept beside the repository")
def test_the_seed_states_seven_facts_all_recorded(ingester):
    """Every session, chair and appointment in the CSTO's own releases is in the data (it was built from them)."""
    from timeline.ingest.read import documents

    found = [(r.kind, r.status, r.recorded_at.split("(")[-1].rstrip(")"))
             for doc in documents([str(SEED)]) for f in ingester.report(doc).findings for r in f.readings]  # fmt: skip
    assert sorted(found) == sorted([
        ("session", "recorded", "wg-afghanistan-40"),
        ("session", "recorded", "csc-2022-11-23-yerevan"),
        ("planned_session", "recorded", "csc-2023-minsk"),
        ("appointment", "recorded", "sg-tasmagambetov"),
        ("appointment", "recorded", "icmec-manturov"),
        ("chair", "recorded", "csc-chair-am-2021"),
        ("chair", "recorded", "csc-chair-by-2022"),
    ])  # fmt: skip


EXPECTED = {
    "ru_yerevan_2022.txt": [
        ("session", "csto", "csc", "2022-11-23", "am", "recorded", "csc-2022-11-23-yerevan"),
        ("chair", "csto", "csc-chairmanship", None, "by", "recorded", "csc-chair-by-2022"),
        ("appointment", "csto", "secretary-general", "2023-01-01", "tasmagambetov", "recorded", "sg-tasmagambetov"),
        ("planned_session", "csto", "csc", "2023-Q4", None, "recorded", "csc-2023-minsk"),
    ],
    "ru_case_forms_2024.txt": [  # в Астане, в Республике Казахстан; к Кыргызской Республике
        ("session", "csto", "csc", "2024-11-28", None, "recorded", "csc-2024-11-28-astana"),
        ("chair", "csto", "csc-chairmanship", "2025-01-01", "kg", "recorded", "csc-chair-kg-2025"),
    ],
    "en_release.html": [
        ("session", "csto", "csc", "2025-11-27", "kg", "recorded", "csc-2025-11-27-bishkek"),
        ("chair", "csto", "csc-chairmanship", "2026-01-01", "ru", "recorded", "csc-chair-ru-2026"),
    ],
    "en_two_orgs.txt": [  # "on Thursday" from a release of Friday 28 November 2025; "On 10 October" in the past
        ("session", "csto", "csc", "2025-11-27", None, "recorded", "csc-2025-11-27-bishkek"),
        ("session", "cis", "chs", "2025-10-10", None, "recorded", "chs-2025-10-10-dushanbe"),
    ],
    "en_held_but_planned.txt": [  # the data went stale: the session was held
        ("session", "csto", "csc", "2026-11-11", None, "conflict", "csc-2026-11-11-moscow"),
    ],
    "en_wrong_day.txt": [("session", "csto", "csc", "2022-11-24", None, "conflict", "csc-2022-11-23-yerevan")],
    "en_new_facts.txt": [
        ("appointment", "csto", "deputy-secretary-general", "2027-01-01", "Anna Sidorova", "new", None),
        # a one-seat office whose holder has no end in the data: the data must close his term first
        (
            "appointment",
            "csto",
            "joint-staff-chief",
            "2027-01-01",
            "Ivan Petrov",
            "conflict",
            "joint-staff-chief-serdyukov",
        ),
        ("planned_session", "csto", "csc", "2027-11", None, "new", None),
    ],
    "en_ambiguous_body.txt": [  # no organisation named: both Councils of Heads of State, never one silently
        ("planned_session", "cis", "chs", "2031", None, "new", None),
        ("planned_session", "sco", "hsc", "2031", None, "new", None),
    ],
    "no_fact.txt": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_corpus_gives_its_known_answers(ingester, name):
    assert facts(ingester, name) == EXPECTED[name]


def test_a_fact_read_two_ways_is_one_fact_with_both_readings(ingester):
    from timeline.ingest.read import read_file
    from timeline.ingest.render import finding_dict

    (finding,) = ingester.report(read_file(CORPUS / "en_ambiguous_body.txt")).findings
    shown = finding_dict(finding)
    assert shown["status"] == "ambiguous" and shown["org"] is None and shown["date"] == "2031"
    assert [r["org"] for r in shown["readings"]] == ["cis", "sco"]


ANCHOR = date(2025, 11, 28)  # a Friday


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("on Thursday", "past", [("2025-11-27", None)]),
        ("on Thursday", "future", [("2025-12-04", None)]),
        ("last week", None, [("2025-11", None)]),  # the week of 17-23 November: its month, never a made-up day
        ("next week", None, [("2025-12", None)]),  # 1-7 December
        ("23–24 November", "past", [("2025-11-23", "2025-11-24")]),
        ("10 and 11 December", "future", [("2025-12-10", "2025-12-11")]),
        ("в следующем году", None, [("2026", None)]),
        ("с 1 января", "future", [("2026-01-01", None)]),
        ("from January 1", "future", [("2026-01-01", None)]),
        ("в ноябре 2026 года", None, [("2026-11", None)]),
        ("в IV квартале 2026 года", None, [("2026-Q4", None)]),
        ("in the fourth quarter of 2023", None, [("2023-Q4", None)]),
        ("On November 23 this year", None, [("2025-11-23", None)]),
        ("11/12/2024", None, [("2024-12-11", None), ("2024-11-12", None)]),  # two readings, never one silently
        ("on 28 May", None, [("2025-05-28", None), ("2026-05-28", None)]),  # half a year either way: both
    ],
)
def test_dates_resolve_from_the_documents_date_to_the_precision_given(text, tense, expected):
    (mention,) = find_dates(text, ANCHOR, tense)
    assert [(str(d), str(last) if last else None) for d, last in mention.readings] == expected


def test_a_week_across_two_months_is_their_quarter_or_year():
    from timeline.ingest.dates import covering

    assert str(covering(date(2025, 10, 27), date(2025, 11, 2))) == "2025-Q4"
    assert str(covering(date(2025, 3, 31), date(2025, 4, 6))) == "2025"


def test_a_year_less_date_without_a_document_date_is_left_undated():
    (mention,) = find_dates("On 20 December", None, "past")
    assert mention.readings == ()


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("в Республике Казахстан", "Республика Казахстан"),
        ("Кыргызской Республике", "Кыргызская Республика"),
        ("Кыргызской Республикой", "Кыргызская Республика"),
        ("Российской Федерации", "Российская Федерация"),
        ("в Беларуси", "Беларусь"),
        ("Армении", "Армения"),
        ("в Москве", "Москва"),
        ("в Минске", "Минск"),
        ("Совета коллективной безопасности", "Совет коллективной безопасности"),
        ("Генеральным секретарем", "Генеральный секретарь"),
        ("Межгосударственной комиссии", "Межгосударственная комиссия"),
        ("Токаевым", "Токаев"),
    ],
)
def test_russian_case_forms_share_the_names_keys(written, name):
    assert keys(written) == keys(name)


def test_a_dateline_sets_the_date_and_is_not_quoted():
    (first,) = sentences("24.11.2022On November 23 this year, a session was held.")
    assert first.dateline == "24.11.2022" and first.text.startswith("On November 23")


def test_initials_do_not_end_a_sentence():
    assert len(sentences("It met with S. Ordabayev and T. Masadykov. Then it closed.")) == 2


def test_html_gives_the_article_not_the_menu_or_scripts():
    text, title, day, url = extract((CORPUS / "en_release.html").read_text(encoding="utf-8"))
    assert "Home" not in text and "tracking" not in text and "© CSTO" not in text
    assert title.startswith("A session") and day == date(2025, 11, 28) and url.endswith("2025-11-27-bishkek/")


def test_a_document_with_no_fact_proposes_nothing(tmp_path):
    result = runner.invoke(app, ["ingest", str(CORPUS / "no_fact.txt"), "--propose", str(tmp_path / "p")])
    assert result.exit_code == 0 and "0 fact(s)" in result.stdout
    assert not list((tmp_path / "p").rglob("*.yaml"))


def test_json_has_the_documented_shape():
    result = runner.invoke(app, ["ingest", "--json", str(CORPUS / "ru_case_forms_2024.txt")])
    (document,) = json.loads(result.stdout)["documents"]
    assert document["date"] == "2024-11-28"
    fact = document["facts"][1]
    for field in ("kind", "org", "body", "date", "start", "end", "place", "member", "person", "quote", "status",
                  "recorded_at"):  # fmt: skip
        assert field in fact
    assert fact["quote"] == "С 1 января 2025 года председательство в ОДКБ перейдет к Кыргызской Республике."
    assert (fact["kind"], fact["start"], fact["status"]) == ("chair", "2025-01-01", "recorded")


def test_stdin_is_a_document():
    result = runner.invoke(app, ["ingest", "-"], input=(CORPUS / "en_wrong_day.txt").read_bytes())
    assert result.exit_code == 0 and "conflict" in result.stdout and result.stdout.startswith("-")


def _bad(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("empty.txt", b"  \n", "empty"),
        ("cp1251.txt", "Сессия СКБ прошла в Минске.".encode("cp1251"), "not UTF-8"),
        ("nobody.html", b"<html><head><title>x</title></head><body><nav>menu</nav><script>x()</script></body></html>",
         "no article text"),
        ("huge.txt", b"a" * 50_000_000, "too large"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_naming_the_file_and_nothing_is_written(tmp_path, name, content, says):
    bad = _bad(tmp_path, name, content)
    good = CORPUS / "en_new_facts.txt"
    result = runner.invoke(app, ["ingest", str(good), str(bad), "--propose", str(tmp_path / "p")])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and str(bad) in line and says in line
    assert result.stdout == "" and not (tmp_path / "p").exists()


def test_propose_never_writes_into_the_data(tmp_path):
    result = runner.invoke(app, ["ingest", str(CORPUS / "en_new_facts.txt"), "--propose", str(default_data_dir())])
    assert result.exit_code == 2 and "data folder" in result.stderr


@pytest.mark.slow
def test_proposals_moved_into_the_data_pass_validate(tmp_path):
    """Ingest, review, move, validate: the proposed YAML is the data's own format."""
    proposals = tmp_path / "proposals"
    result = runner.invoke(app, ["ingest", str(CORPUS), "--propose", str(proposals)])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(proposals).as_posix() for p in proposals.rglob("*.yaml"))
    assert "csto/events-ingest.yaml" in written and "csto/people-ingest.yaml" in written
    assert "Anna Sidorova" in (proposals / "csto" / "people-ingest.yaml").read_text(encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    for path in proposals.rglob("*.yaml"):
        shutil.copy(path, data / path.parent.name / path.name)
    checked = runner.invoke(app, ["validate", "--data", str(data), "--org", "csto"])
    assert checked.exit_code == 0, checked.stdout + checked.stderr


PURE = ("text", "dates", "names", "recognise", "compare", "html", "render", "model", "run")


@pytest.mark.parametrize("module", PURE)
def test_the_pure_parts_of_ingest_read_no_files(module):
    path = Path(__file__).parent.parent / "timeline" / "ingest" / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not imported & {"os", "io", "pathlib", "sys", "shutil", "tempfile", "urllib", "socket"}
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert "open" not in called


def test_who_chairs_does_not_import_ingest():
    code = (
        "import sys\nfrom timeline.cli import main\nsys.argv = ['timeline', 'who-chairs', '2025']\n"
        "import timeline.cli as c\napp = c._register(c.COMMANDS['who-chairs'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('timeline.ingest')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_partial_dates_round_trip_into_the_data_format():
    from timeline.ingest.render import _when

    assert _when(PartialDate.parse("2023-Q4")) == "2023-Q4" and _when(PartialDate.parse("2023-01-01")) == date(
        2023, 1, 1
    )


def test_a_document_object_can_be_ingested_without_files(ingester):
    report = ingester.report(
        Document("x", "On 11 December 2024 a meeting of the Working Group on Afghanistan was held.")
    )
    assert [r.status for f in report.findings for r in f.readings] == ["recorded"]
