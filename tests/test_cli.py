"""The query commands as a user sees them: over several organisations, and on the fixture dataset.

Facts of one bundled organisation are in tests/orgs/test_<org>.py."""

import json

import pytest
from typer.testing import CliRunner

from timeline.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-26")


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def run_json(*args: str) -> dict:
    return json.loads(run(*args, "--json"))


def test_fixture_forecast_skips_frozen_member(fixture_data, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    [part] = run_json("forecast", "--years", "3", "--data", str(fixture_data))["organisations"]
    terms = [(t["holder"], t["status"]) for t in part["terms"]]
    assert terms == [("cc", "confirmed"), ("aa", "projected"), ("cc", "projected"), ("aa", "projected")]
    assert "Betastan skipped: participation frozen since 15 Feb 2024" in part["terms"][2]["note"]


def test_fixture_events_between_days_and_by_body(fixture_data):
    [part] = run_json("events", "--from", "2024-01-01", "--to", "2024-03-31", "--data", str(fixture_data))[
        "organisations"
    ]
    assert [e["id"] for e in part["events"]] == ["winter-2024", "cancelled-2024"]
    [part] = run_json("events", "--body", "CM", "--data", str(fixture_data))["organisations"]
    assert {e["id"] for e in part["events"]} == {"berlin-summer-2024", "cancelled-2024"}


def test_fixture_next_events_skip_cancelled_and_keep_imprecise_planned(fixture_data, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    [part] = run_json("next", "5", "--data", str(fixture_data))["organisations"]
    assert [e["id"] for e in part["events"]] == ["berlin-summer-2024", "autumn-2024"]
    assert part["events"][1]["precision"] == "quarter"
    assert "Q4 2024, Minsk" in run("next", "--data", str(fixture_data))


def test_fixture_terms_lists_recorded_then_projected(fixture_data, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    [part] = run_json("terms", "council-chair", "--projected-years", "1", "--data", str(fixture_data))["organisations"]
    assert [t["status"] for t in part["terms"]] == ["confirmed", "confirmed", "confirmed", "projected"]


@pytest.fixture
def two_orgs(tmp_path, fixture_data):
    import shutil

    shutil.copytree(fixture_data / "testorg", tmp_path / "testorg")
    shutil.copytree(fixture_data / "testorg", tmp_path / "other")
    header = (tmp_path / "other" / "organisation.yaml").read_text(encoding="utf-8")
    (tmp_path / "other" / "organisation.yaml").write_text(header.replace("short: TOS", "short: OTH"), encoding="utf-8")
    return tmp_path


def test_without_org_who_chairs_answers_for_every_organisation(two_orgs):
    out = run("who-chairs", "2024", "--data", str(two_orgs))
    assert out.count("Gammaria") == 2 and "(OTH), 2024:" in out and "(TOS), 2024:" in out
    parts = run_json("who-chairs", "2024", "--data", str(two_orgs))["organisations"]
    assert [p["org"] for p in parts] == ["other", "testorg"]
    assert all(p["chairs"][0]["member"]["id"] == "cc" for p in parts)


def test_org_takes_one_or_several_ids(two_orgs):
    assert (
        run_json("who-chairs", "2024", "--data", str(two_orgs), "--org", "other")["organisations"][0]["org"] == "other"
    )
    both = run_json("who-chairs", "2024", "--data", str(two_orgs), "--org", "testorg,other")["organisations"]
    assert [p["org"] for p in both] == ["testorg", "other"]
    again = run_json("who-chairs", "2024", "--data", str(two_orgs), "--org", "testorg", "--org", "other")
    assert [p["org"] for p in again["organisations"]] == ["testorg", "other"]


def test_an_unknown_organisation_names_the_known_ones(two_orgs):
    result = runner.invoke(app, ["who-chairs", "--data", str(two_orgs), "--org", "nato"])
    assert result.exit_code != 0 and "no organisation 'nato'" in result.output and "other, testorg" in result.output


def test_orgs_lists_each_organisation_with_its_chair_today(two_orgs, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    out = run("orgs", "--data", str(two_orgs))
    assert "2 organisations:" in out and "other:" in out and "Chairmanship of the Council: Gammaria" in out
    summaries = run_json("orgs", "--data", str(two_orgs))["organisations"]
    assert summaries[0]["counts"]["members"] == 4 and summaries[0]["chair_today"][0]["member"]["id"] == "cc"


def test_chairs_of_a_member_across_organisations_in_time_order(two_orgs, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    payload = run_json("chairs", "--member", "Gammaria", "--data", str(two_orgs), "--from", "2020", "--to", "2027")
    assert payload["member"]["id"] == "cc"
    starts = [(c["term"]["period"]["start"], c["org"]) for c in payload["chairs"]]
    assert starts == sorted(starts) and {o for _, o in starts} == {"other", "testorg"}
    assert {c["term"]["status"] for c in payload["chairs"]} == {"confirmed", "projected"}
    assert "Gammaria chairs" in run("chairs", "--member", "cc", "--data", str(two_orgs))


def test_chairs_of_an_unknown_member_is_an_error(two_orgs):
    result = runner.invoke(app, ["chairs", "--member", "Atlantis", "--data", str(two_orgs)])
    assert result.exit_code != 0 and "no member state 'Atlantis'" in result.output


@pytest.mark.parametrize(
    "command",
    [
        "who-chairs",
        "who-holds",
        "terms",
        "sessions",
        "events",
        "next",
        "forecast",
        "validate",
        "build",
        "orgs",
        "chairs",
    ],
)
def test_every_command_has_help(command):
    out = run(command, "--help")
    assert "--data" in out and "Usage" in out


def test_validate_strict_fails_on_unexplained_session_chair_and_unsourced_fact(data_copy):
    assert "testorg: valid" in run("validate", "--strict", "--data", str(data_copy))
    events = data_copy / "testorg" / "events.yaml"
    text = events.read_text(encoding="utf-8").replace(
        '  chair_anomaly: "Betastan presided', '  note: "Betastan presided'
    )
    events.write_text(text, encoding="utf-8")
    bodies = data_copy / "testorg" / "bodies.yaml"
    bodies.write_text(
        bodies.read_text(encoding="utf-8").replace("short: CM, sources: [charter]", "short: CM"), encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", "--strict", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "event 'winter-2024' is chaired by 'bb', not by the chairmanship that day" in result.output
    assert "body 'ministers' cites no source" in result.output
    assert "--strict: 2 problems" in result.output
    assert runner.invoke(app, ["validate", "--data", str(data_copy)]).exit_code == 0


def test_validate_lists_planned_events_whose_date_has_passed(fixture_data, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2025-01-15")
    out = run("validate", "--strict", "--data", str(fixture_data))
    assert "to check:" in out and "event 'autumn-2024' is still planned for Q4 2024, which has passed" in out
    monkeypatch.setenv("TIMELINE_TODAY", "2024-12-31")
    assert "to check" not in run("validate", "--data", str(fixture_data))


def test_the_entry_point_knows_which_module_registers_each_command():
    """`timeline <command>` imports only that command's module: the map must name every command, rightly."""
    from timeline import cli

    registered = {c.name: c.callback.__module__.rsplit(".", 1)[1] for c in app.registered_commands}
    assert registered == cli.COMMANDS
    assert set(cli.COMMANDS.values()) == set(cli.MODULES)


def console(*args: str, **env: str):
    """The console script in a fresh process, its output read through a pipe (so it must be flushed)."""
    import os
    import subprocess
    import sys

    code = "import sys; from timeline.cli import main; sys.argv[0] = 'timeline'; main()"
    environment = {**os.environ, "TIMELINE_TODAY": "2026-11-26", **env}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=environment, timeout=120
    )


def test_the_entry_point_runs_one_command_and_flushes_its_output(fixture_data):
    done = console("who-chairs", "2024", "--data", str(fixture_data), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["query"]["when"] == "2024"
    assert done.stdout == run("who-chairs", "2024", "--data", str(fixture_data), "--json")


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["who-chairs", "3000"], 2, "outside the supported range"),
        (["whochairs"], 2, "Did you mean 'who-chairs'"),
        (["who-chairs", "--nope"], 2, "No such option"),
        (["who-chairs", "2024", "--org", "nosuchorg"], 2, "nosuchorg"),
    ],
)
def test_the_entry_point_keeps_exit_codes_and_one_line_errors(args, code, says):
    done = console(*args)
    assert done.returncode == code and says in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_the_entry_point_lists_every_command_in_its_help():
    from timeline import cli

    done = console("--help", COLUMNS="200")
    assert done.returncode == 0
    assert all(f" {name} " in done.stdout for name in cli.COMMANDS)


def test_babel_s_answers_are_kept_apart_and_a_query_asked_again_imports_no_babel(tmp_path):
    """A Russian answer's dates come from Babel once; they are kept in the cache folder's cldr.json (not in
    phrases.json, which a query from the answers cache reads), and the same query again imports no Babel."""
    cache = str(tmp_path / "cache")
    first = console("sessions", "2022", "--org", "csto", "--lang", "ru", TIMELINE_CACHE=cache)
    assert first.returncode == 0 and "2022" in first.stdout, first.stderr
    kept = json.loads((tmp_path / "cache" / "cldr.json").read_text("utf-8"))
    assert kept["babel"] and any(key.startswith("date|ru|") for key in kept["cldr"])
    phrases = tmp_path / "cache" / "phrases.json"
    assert not phrases.exists() or "cldr" not in json.loads(phrases.read_text("utf-8"))
    args = ("sessions", "2022", "--org", "csto", "--lang", "ru")
    again = console(*args, TIMELINE_CACHE=cache, PYTHONPROFILEIMPORTTIME="1")
    assert again.stdout == first.stdout and "| babel" not in again.stderr


def test_babel_s_kept_answers_are_read_only_by_a_command_that_looks_one_up(tmp_path, monkeypatch):
    """cldr.json is read on the first look-up of a Babel answer not remembered, once; a command that words nothing in
    Russian does not read it, and one that reads it writes it again only when Babel answered something new."""
    from timeline.cli import phrases
    from timeline.render.lang import cldr

    monkeypatch.setenv("TIMELINE_CACHE", str(tmp_path))
    monkeypatch.setattr(cldr, "MEMO", {})
    read: list[str] = []
    original = phrases._read
    monkeypatch.setattr(phrases, "_read", lambda path: read.append(path.name) or original(path))
    stamp = cldr.stamp()
    (tmp_path / "cldr.json").write_text(json.dumps({"babel": stamp, "cldr": {"plural|ru|7": "many"}}), "utf-8")
    with phrases.kept():
        pass
    assert read == ["phrases.json"] and cldr.MEMO == {}
    written = (tmp_path / "cldr.json").stat().st_mtime_ns
    with phrases.kept():
        assert cldr.plural("ru", 7) == "many" and cldr.plural("ru", 7) == "many"  # kept, not asked of Babel
    assert read.count("cldr.json") == 1 and (tmp_path / "cldr.json").stat().st_mtime_ns == written
    with phrases.kept():
        assert cldr.plural("ru", 3) == "few"  # asked of Babel: kept with the others
    assert json.loads((tmp_path / "cldr.json").read_text("utf-8"))["cldr"] == {
        "plural|ru|3": "few",
        "plural|ru|7": "many",
    }


def test_phrases_worded_once_a_day_are_printed_again_without_importing_arrow(tmp_path):
    """Arrow words "11 months ago"; later queries that day read the phrase from the cache folder."""
    cache = str(tmp_path / "cache")
    first = console("who-chairs", "2025", "--org", "csto", TIMELINE_CACHE=cache)
    assert first.returncode == 0 and "(ended 11 months ago)" in first.stdout
    stored = json.loads((tmp_path / "cache" / "phrases.json").read_text("utf-8"))
    assert stored == {"phrases": {"en 2026-11-26 2026-01-01": "11 months ago"}}, "Babel's answers are apart"
    again = console("who-chairs", "2025", "--org", "csto", TIMELINE_CACHE=cache, PYTHONPROFILEIMPORTTIME="1")
    assert again.stdout == first.stdout
    assert "| arrow" not in again.stderr and "| timeline.cli.answers" in again.stderr  # the answers cache reads it
    later = console("who-chairs", "2025", "--org", "csto", TIMELINE_CACHE=cache, TIMELINE_TODAY="2027-03-01")
    assert "(ended a year ago)" in later.stdout
    assert json.loads((tmp_path / "cache" / "phrases.json").read_text("utf-8"))["phrases"] == {
        "en 2027-03-01 2026-01-01": "a year ago"
    }, "only the latest day's phrases are kept"
    (tmp_path / "cache" / "phrases.json").write_text("{not json", "utf-8")
    assert console("who-chairs", "2025", "--org", "csto", TIMELINE_CACHE=cache).stdout == first.stdout
