"""Mercosur: a semestral presidency in alphabetical order; Paraguay's suspension and Venezuela's year (2012-2014),
the joint 2016 term, Venezuela's suspension, Bolivia."""

from __future__ import annotations

import shutil

import yaml
from _cli import chair_of, cli_json

from timeline.load import default_data_dir

ORG = "mercosur"


def _sessions() -> dict[str, dict]:
    [part] = cli_json("sessions", "--org", ORG)["organisations"]
    return {s["id"]: s for s in part["sessions"]}


def test_the_semesters_2010_to_2015():
    days = ["2010-03", "2010-10", "2011-03", "2011-09", "2012-03", "2012-09", "2013-03", "2014-09", "2015-03"]
    assert [chair_of(ORG, d)[0][0] for d in days] == ["ar", "br", "py", "uy", "ar", "br", "uy", "ar", "br"]
    assert chair_of(ORG, "2015-12-20") == [("py", "confirmed")]
    assert chair_of(ORG, "2015-12-21") == [("uy", "confirmed")]


def test_mendoza_2012_argentina_hands_to_brazil_the_day_paraguay_is_suspended():
    mendoza = _sessions()["cmc-2012-06-29-mendoza"]
    assert (mendoza["status"], mendoza["place"]["id"], mendoza["kind"]) == ("held", "mendoza", "session")
    assert chair_of(ORG, "2012-06-28") == [("ar", "confirmed")]
    assert chair_of(ORG, "2012-06-29") == [("br", "confirmed")]
    # Venezuela's entry at the extraordinary summit of 31 July 2012 hands nothing over.
    assert _sessions()["cmc-2012-07-31-brasilia-extraordinary"]["kind"] == "extraordinary-session"
    assert chair_of(ORG, "2012-08-01") == [("br", "confirmed")]


def test_paraguay_suspended_its_turn_passes_to_uruguay_and_is_not_given_back():
    assert chair_of(ORG, "2012-12-07") == [("uy", "confirmed")]
    quarters = [f"{y}-{m}" for y in range(2011, 2016) for m in ("01", "04", "07", "10")]
    holders = {day: chair_of(ORG, day)[0][0] for day in quarters if "2011-07" <= day < "2015-07"}
    assert "py" not in holders.values()
    assert chair_of(ORG, "2015-07-17") == [("py", "confirmed")]


def test_venezuela_held_the_presidency_a_year_when_the_december_2013_summit_was_postponed():
    assert chair_of(ORG, "2013-07-11") == [("uy", "confirmed")]
    for day in ("2013-07-12", "2013-12-31", "2014-03-01", "2014-07-28"):
        assert chair_of(ORG, day) == [("ve", "confirmed")], day
    assert chair_of(ORG, "2014-07-29") == [("ar", "confirmed")]
    sessions = _sessions()
    assert sessions["cmc-2013-12-caracas"]["status"] == "postponed"
    assert sessions["cmc-2014-07-29-caracas"]["place"]["id"] == "caracas"


def test_the_written_order_alone_gives_2009_to_2015(tmp_path, monkeypatch):
    """Without the recorded terms of 2009-2015 the rule derives the same holders: Paraguay passed over while
    suspended, Venezuela in the pool from July 2012, its year from the postponed summit, no exception."""
    shutil.copytree(default_data_dir() / ORG, tmp_path / ORG)
    shutil.copy(default_data_dir() / "source-kinds.yaml", tmp_path / "source-kinds.yaml")
    terms_file = tmp_path / ORG / "terms.yaml"
    terms = yaml.safe_load(terms_file.read_text(encoding="utf-8"))
    terms_file.write_text(yaml.safe_dump([t for t in terms if str(t["start"]) >= "2015-12-21"]), encoding="utf-8")
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    days = {"2010-03-01": "ar", "2011-09-01": "uy", "2013-03-01": "uy", "2014-03-01": "ve", "2015-09-01": "py"}
    for day, holder in days.items():
        assert chair_of(ORG, day) == [(holder, "derived")], day


def test_the_second_half_of_2016_was_one_term_held_by_the_four_founders():
    [part] = cli_json("who-chairs", "2016-10-01", "--org", ORG)["organisations"]
    [chair] = part["chairs"]
    assert chair["term"]["id"] == "ppt-joint-2016"
    assert chair_of(ORG, "2016-07-28") == [("uy", "confirmed")]


def test_argentina_after_venezuela_was_suspended():
    assert chair_of(ORG, "2016-12-14") == [("ar", "confirmed")]
    assert chair_of(ORG, "2017-08") == [("br", "confirmed")]


def test_the_alphabetical_order_2022_to_2025():
    days = ["2022-10", "2023-03", "2023-10", "2024-03", "2024-10", "2025-03", "2025-10", "2026-03"]
    assert [chair_of(ORG, d)[0][0] for d in days] == ["uy", "ar", "br", "py", "uy", "ar", "br", "py"]


def test_bolivia_not_yet_in_the_rotation_and_venezuela_never_returns():
    assert chair_of(ORG, "2025-10-01") == [("br", "confirmed")]
    holders = {chair_of(ORG, f"{y}-{m}")[0][0] for y in range(2017, 2031) for m in ("03", "09")}
    assert "ve" not in holders


def test_the_virtual_summits_of_the_pandemic():
    [part] = cli_json("sessions", "--org", ORG)["organisations"]
    online = {s["id"] for s in part["sessions"] if "videoconference" in (s.get("formats") or [])}
    assert online == {
        "cmc-2020-07-02-virtual",
        "cmc-2020-12-16-virtual",
        "cmc-2021-07-08-virtual",
        "cmc-2021-12-virtual",
    }


def test_2026_uruguay_scheduled_after_paraguay_no_summit_report_found():
    assert chair_of(ORG, "2026-03-01") == [("py", "confirmed")]
    assert chair_of(ORG, "2026-09-01") == [("uy", "scheduled")]
