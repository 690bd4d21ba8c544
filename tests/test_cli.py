"""The query commands as a user sees them, on the bundled CSTO data and the fixture dataset."""

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


def test_who_chairs_2022_is_armenia_with_pashinyan_then_belarus():
    out = run("who-chairs", "2022")
    assert "Armenia — Nikol Pashinyan" in out
    assert out.index("Armenia") < out.index("Belarus")


def test_who_chairs_2023_is_belarus_only():
    payload = run_json("who-chairs", "2023")
    assert [c["member"]["name"] for c in payload["chairs"]] == ["Belarus"]
    assert payload["chairs"][0]["persons"][0]["name"] == "Alexander Lukashenko"
    assert payload["query"] == {"when": "2023", "start": "2023-01-01", "end": "2024-01-01", "last_day": "2023-12-31"}
    assert payload["chairs"][0]["term"]["sources"], "every answer carries its source"


def test_who_chairs_names_the_state_the_period_and_a_source():
    out = run("who-chairs", "2023-06-15")
    assert "Belarus" in out and "31 Dec 2023" in out and "source:" in out


def test_who_chairs_without_argument_answers_for_today():
    assert "today (26 Nov 2026)" in run("who-chairs")


def test_who_holds_secretary_general_mid_2023():
    assert "Imangali Tasmagambetov" in run("who-holds", "secretary-general", "--on", "2023-06-01")
    payload = run_json("who-holds", "Secretary General", "--on", "2023-06-01")
    assert [t["holder"] for t in payload["terms"]] == ["tasmagambetov"]


def test_sessions_2022_lists_yerevan():
    out = run("sessions", "--year", "2022")
    assert "23 Nov 2022, Yerevan" in out
    sessions = run_json("sessions", "--year", "2022")["sessions"]
    assert "csc-2022-11-23-yerevan" in [s["id"] for s in sessions]
    assert all(s["date"].startswith("2022") and s["kind"] in ("session", "extraordinary-session") for s in sessions)


def test_validate_passes_on_the_bundled_data():
    assert "csto: valid" in run("validate")


def test_unknown_office_is_one_line_with_a_remedy():
    result = runner.invoke(app, ["who-holds", "pope"])
    assert result.exit_code == 1
    assert result.output.startswith("error: no office 'pope' in csto (try one of:")
    assert len(result.output.strip().splitlines()) == 1


def test_bad_when_is_one_line():
    result = runner.invoke(app, ["who-chairs", "next-year"])
    assert result.exit_code == 1 and "is not a date" in result.output and "Traceback" not in result.output


def test_fixture_forecast_skips_frozen_member(fixture_data, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    payload = run_json("forecast", "--years", "3", "--data", str(fixture_data))
    terms = [(t["holder"], t["status"]) for t in payload["terms"]]
    assert terms == [("cc", "confirmed"), ("aa", "projected"), ("cc", "projected"), ("aa", "projected")]
    assert "Betastan skipped: frozen since 2024-02-15" in payload["terms"][2]["note"]


def test_fixture_events_between_days_and_by_body(fixture_data):
    payload = run_json("events", "--from", "2024-01-01", "--to", "2024-03-31", "--data", str(fixture_data))
    assert [e["id"] for e in payload["events"]] == ["winter-2024", "cancelled-2024"]
    payload = run_json("events", "--body", "CM", "--data", str(fixture_data))
    assert {e["id"] for e in payload["events"]} == {"berlin-summer-2024", "cancelled-2024"}


def test_fixture_next_events_skip_cancelled_and_keep_imprecise_planned(fixture_data, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    payload = run_json("next", "5", "--data", str(fixture_data))
    assert [e["id"] for e in payload["events"]] == ["berlin-summer-2024", "autumn-2024"]
    assert payload["events"][1]["precision"] == "quarter"
    assert "Q4 2024, Minsk" in run("next", "--data", str(fixture_data))


def test_fixture_terms_lists_recorded_then_projected(fixture_data, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    payload = run_json("terms", "council-chair", "--projected-years", "1", "--data", str(fixture_data))
    assert [t["status"] for t in payload["terms"]] == ["confirmed", "confirmed", "confirmed", "projected"]


def test_two_organisations_need_org(tmp_path, fixture_data):
    import shutil

    shutil.copytree(fixture_data / "testorg", tmp_path / "testorg")
    shutil.copytree(fixture_data / "testorg", tmp_path / "other")
    (tmp_path / "other" / "organisation.yaml").write_text(
        "name: Other\nchair_office: council-chair\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["who-chairs", "2024", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "choose one with --org" in result.output
    assert "Gammaria" in run("who-chairs", "2024", "--data", str(tmp_path), "--org", "other")


@pytest.mark.parametrize(
    "command", ["who-chairs", "who-holds", "terms", "sessions", "events", "next", "forecast", "validate", "build"]
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
    assert "--strict: 2 problem(s)" in result.output
    assert runner.invoke(app, ["validate", "--data", str(data_copy)]).exit_code == 0


def test_on_a_handoff_day_the_successor_chairs_and_the_handover_is_said():
    out = run("who-chairs", "2022-11-23")
    assert "Belarus — Alexander Lukashenko" in out and "Armenia" not in out.split("Handover day")[0]
    assert "Handover day: Armenia's term ended that day." in out
    assert "Armenia — Nikol Pashinyan" in run("who-chairs", "2022-11-22")


def test_validate_lists_planned_events_whose_date_has_passed(fixture_data, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2025-01-15")
    out = run("validate", "--strict", "--data", str(fixture_data))
    assert "to check:" in out and "event 'autumn-2024' is still planned for Q4 2024, which has passed" in out
    monkeypatch.setenv("TIMELINE_TODAY", "2024-12-31")
    assert "to check" not in run("validate", "--data", str(fixture_data))


def test_projected_chair_without_a_known_person_names_the_last_recorded_head_as_a_hint():
    payload = run_json("who-chairs", "2027")
    [chair] = payload["chairs"]
    assert chair["term"]["status"] == "projected" and chair["persons"] == []
    head = chair["last_recorded_head"]
    assert head["name"] and head["on"] < "2027-01-01"
    assert f"last recorded head of delegation: {head['name']}" in run("who-chairs", "2027")
    assert run_json("who-chairs", "2023")["chairs"][0]["last_recorded_head"] is None
