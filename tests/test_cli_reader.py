"""A reader's first minute at the command line (issue 23): what is next, a CLI that understands names, aliases and
dates in words, suggestions, errors without internal paths, and no curators' words in the answers."""

import json
import re

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.cli.when import understand
from timeline.core.dates import PartialDate

runner = CliRunner()
DECEMBER_7 = "2026-12-07"


@pytest.fixture(autouse=True)
def seventh_of_december(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", DECEMBER_7)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def refused(*args: str) -> str:
    """A usage error: exit 2 and one line."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    return result.output


# What is next -----------------------------------------------------------------------------------------------------


def test_next_lists_the_chairs_changing_hands_on_1_january_2027_with_their_status():
    answer = run("next")
    handovers = [line for line in answer.splitlines() if line.startswith("  1 Jan 2027 — ")]
    assert len(handovers) >= 5, answer
    assert any("CSTO: Tajikistan takes over" in line and "from Russia · projected" in line for line in handovers)
    assert any("Council of the EU: Lithuania takes over the Presidency" in line for line in handovers)
    assert "14 Dec 2026 – 15 Dec 2026" in answer  # the next session comes before, in time order
    assert answer.index("14 Dec 2026") < answer.index("1 Jan 2027")
    assert "· projected: the rotation rule's next turn" in answer  # the status glossed once, under the answer
    assert answer.count("· projected:") == 1


def test_next_never_cuts_a_day_in_two():
    answer = run("next", "4")
    assert sum(line.startswith("  1 Jan 2027") for line in answer.splitlines()) >= 5


def test_next_for_one_organisation_in_russian_and_as_json():
    answer = run("next", "--org", "ОДКБ", "--lang", "ru")
    assert "1 января 2027 — ОДКБ: Таджикистан — Председательство в Совете коллективной безопасности" in answer
    assert "(после: Россия) · прогноз" in answer
    [part] = json.loads(run("next", "--org", "csto", "--json"))["organisations"]
    first = part["handovers"][0]
    assert (first["day"], first["status"], first["incoming"]["holder"], first["outgoing"]["holder"]) == (
        "2027-01-01",
        "projected",
        "tj",
        "ru",
    )


def test_who_chairs_today_says_who_chairs_next():
    answer = run("who-chairs", "now", "--org", "csto")
    assert "next: Tajikistan · projected, from 1 Jan 2027" in answer


# A CLI that understands --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("org", ["CSTO", "csto", "ОДКБ", "одкб", "Collective Security Treaty Organization"])
def test_an_organisation_by_id_name_or_abbreviation_in_any_case(org):
    assert "Collective Security Council (CSTO)" in run("who-chairs", "--org", org)


@pytest.mark.parametrize(("alias", "office"), [("eu", "Council of the European Union"), ("un", "Security Council")])
def test_common_aliases(alias, office):
    assert f"Presidency of the {office}" in run("who-chairs", "--org", alias)


@pytest.mark.parametrize("alias", ["СНГ", "ЕАЭС", "ШОС", "ОБСЕ"])
def test_russian_abbreviations_from_the_data(alias):
    assert run("who-chairs", "--org", alias).count("(") >= 1


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("now", "2026-12-07"),
        ("today", "2026-12-07"),
        ("сегодня", "2026-12-07"),
        ("next year", "2027"),
        ("в следующем году", "2027"),
        ("last year", "2025"),
        ("March 2026", "2026-03"),
        ("март 2026", "2026-03"),
        ("2026-3", "2026-03"),
        ("Q1 2027", "2027-Q1"),
        ("1 квартал 2027", "2027-Q1"),
        ("7 December 2026", "2026-12-07"),
        ("7.12.2026", "2026-12-07"),
    ],
)
def test_dates_in_words(text, meant):
    assert str(understand(text, PartialDate.parse(DECEMBER_7).earliest)) == meant


def test_who_chairs_takes_a_date_in_words_unquoted():
    assert "Presidency of the Council of the European Union (Council of the EU), Mar 2026:" in run(
        "who-chairs", "March", "2026", "--org", "eu"
    )
    assert "Lithuania" in run("who-chairs", "next", "year", "--org", "eu")


def test_chairs_takes_the_member_and_the_year_as_arguments():
    answer = run("chairs", "Kazakhstan", "2026")
    assert "Kazakhstan chairs (1 term)" in answer and "Eurasian Economic Union" in answer
    assert "Казахстан" in run("chairs", "казахстан", "2026", "--lang", "ru")
    assert "United States chairs" in run("chairs", "united", "states", "next", "year")


def test_an_office_found_by_its_words():
    assert "Presidency of the Security Council" in run("terms", "presidency", "--org", "unsc")
    assert "Secretary General" in run("who-holds", "secretary general", "--org", "csto")


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["who-chairs", "--org", "unsk"], "did you mean: unsc?"),
        (["chairs", "Kazakstan", "2026"], "did you mean: Kazakhstan"),
        (["who-holds", "secretry-general", "--org", "csto"], "did you mean: secretary-general"),
        (["chiars"], "Did you mean 'chairs'"),
        (["who-chairs", "blah"], "is not a date (use e.g."),
    ],
)
def test_did_you_mean(args, hint):
    assert hint in refused(*args)


def test_errors_name_no_internal_path():
    answer = refused("who-chairs", "--org", "nato")
    assert "the bundled data" in answer and "site-packages" not in answer and "_data" not in answer


def test_the_help_lists_the_commands_in_a_reader_s_order_without_a_stray_dot():
    answer = run("--help")
    order = ["who-chairs", "next", "chairs", "forecast", "terms", "sessions", "build", "serve", "validate", "review"]
    places = [answer.index(f"│ {name} ") for name in order]
    assert places == sorted(places)
    for command in ("next", "who-chairs", "chairs", "html"):
        assert not re.search(r"\s\.(\s|$)", run(command, "--help")), command


# No curators' words ------------------------------------------------------------------------------------------------

CURATORS = re.compile(r"\.ya?ml\b|\bseed\b|\.txt\b|rule '|stored pages|RULE\.md")


@pytest.mark.parametrize(
    "args",
    [
        ["next", "60"],
        ["orgs"],
        ["who-chairs", "2022", "--org", "csto"],
        ["who-chairs", "2026"],
        ["forecast", "--years", "3"],
        ["terms", "chairmanship", "--org", "asean"],
        ["terms", "chair", "--org", "au"],
        ["sessions", "--org", "csto"],
    ],
)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_seed_file_yaml_file_or_rule_id_reaches_the_answer(args, lang):
    from timeline.load import load_many

    rule_ids = {r.id for tl in load_many(None, []) for r in tl.org.rotations}
    answer = run(*args, "--lang", lang)
    assert not CURATORS.search(answer), CURATORS.search(answer)
    assert not set(re.findall(r"[\w-]+", answer)) & rule_ids


def test_a_projected_turn_shows_its_rule_in_words_and_a_recorded_one_its_source_as_a_reader_cites_it():
    answer = run("who-chairs", "2027", "--org", "csto")
    assert "projected by the calendar-year rotation in Russian alphabetical order" in answer
    assert "source:" not in answer  # the rule's sources are not evidence of the turn
    assert "source: CSTO press service, 24 Nov 2022" in run("who-chairs", "2022-12-01", "--org", "csto")


def test_next_offers_the_count_that_shows_everything_it_left_out(monkeypatch):
    """'and N more: timeline next M' names the M that shows every item (what was shown plus what was left out)."""
    import re

    monkeypatch.setenv("TIMELINE_TODAY", "2026-12-07")
    shown = CliRunner().invoke(app, ["next", "4"]).output
    found = re.search(r"(\d+) more.*timeline next (\d+)", shown)
    assert found, shown
    listed = [line for line in shown.splitlines() if line.startswith("  ") and "more" not in line]
    assert int(found[2]) == len(listed) + int(found[1])
