"""The G7: a calendar-year presidency in a fixed cycle; Russia's 2006 and 2014 turns, its suspension, 2020."""

from __future__ import annotations

from _cli import chair_of, cli_json

ORG = "g7"


def test_the_cycle_from_2015_to_2026():
    years = [chair_of(ORG, str(y))[0][0] for y in range(2016, 2027)]
    assert years == ["jp", "it", "ca", "fr", "us", "gb", "de", "jp", "it", "ca", "fr"]


def test_russia_held_2006_after_the_united_kingdom():
    assert chair_of(ORG, "2005") == [("gb", "confirmed")]
    assert chair_of(ORG, "2006") == [("ru", "confirmed")]
    assert chair_of(ORG, "2007") == [("de", "confirmed")]


def test_2014_russia_until_brussels_then_germany():
    assert chair_of(ORG, "2014-04-01") == [("ru", "confirmed")]
    assert chair_of(ORG, "2014-07-01") == [("de", "confirmed")]
    assert chair_of(ORG, "2015") == [("de", "confirmed")]


def test_russia_passed_over_in_2022_while_suspended():
    assert chair_of(ORG, "2021") == [("gb", "confirmed")]
    assert chair_of(ORG, "2022") == [("de", "confirmed")]


def test_2027_projected_for_the_united_states_and_the_eu_never_chairs():
    assert chair_of(ORG, "2027") == [("us", "projected")]
    years = {chair_of(ORG, str(y))[0][0] for y in range(2000, 2034)}
    assert "eu" not in years


def test_the_2020_summit_was_cancelled():
    [part] = cli_json("sessions", "--org", ORG)["organisations"]
    status = {s["id"]: s["status"] for s in part["sessions"]}
    assert status["g7-summit-2020-camp-david"] == "cancelled"
    assert status["g7-summit-2014-sochi"] == "cancelled"
    assert status["g7-summit-2014-brussels"] == "held"
