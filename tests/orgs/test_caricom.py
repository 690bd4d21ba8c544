"""CARICOM: the Chair of the Conference, six months from 1 January and 1 July on the Rotation Schedule."""

from __future__ import annotations

from _cli import chair_of, cli_json

ORG = "caricom"


def test_the_chair_changes_on_1_january_and_1_july():
    assert chair_of(ORG, "2019-06-30") == [("kn", "confirmed")]
    assert chair_of(ORG, "2019-07-01") == [("lc", "confirmed")]
    assert chair_of(ORG, "2019-12-31") == [("lc", "confirmed")]
    assert chair_of(ORG, "2020-01-01") == [("bb", "confirmed")]


def test_jamaica_took_haitis_turn_after_the_2010_earthquake():
    assert chair_of(ORG, "2010-06-30") == [("dm", "confirmed")]
    assert chair_of(ORG, "2010-07-01") == [("jm", "confirmed")]
    assert chair_of(ORG, "2011-01-01") == [("gd", "confirmed")]


def test_haiti_chaired_first_in_2013_and_again_in_2018():
    assert chair_of(ORG, "2013-03-01") == [("ht", "confirmed")]
    assert chair_of(ORG, "2018-03-01") == [("ht", "confirmed")]


def test_every_half_year_2010_to_2026():
    halves = [chair_of(ORG, f"{y}-{m}-15")[0][0] for y in range(2010, 2026) for m in ("03", "09")]
    halves.append(chair_of(ORG, "2026-03-15")[0][0])
    assert halves == [
        "dm", "jm", "gd", "kn", "sr", "lc", "ht", "tt", "vc", "ag", "bs", "bb", "bz", "dm", "gy", "gd",
        "ht", "jm", "kn", "lc", "bb", "vc", "tt", "ag", "bz", "sr", "bs", "dm", "gy", "gd", "bb", "jm",
        "kn",
    ]  # fmt: skip


def test_montserrat_is_a_member_that_held_no_turn():
    assert cli_json("chairs", "--member", "ms", "--org", ORG)["chairs"] == []
    kitts = cli_json("chairs", "--member", "kn", "--org", ORG)["chairs"]
    assert [c["term"]["id"] for c in kitts] == [
        "caricom-chair-kn-2011-h2",
        "caricom-chair-kn-2019-h1",
        "caricom-chair-kn-2026-h1",
    ]


def test_past_the_known_schedule_the_chair_is_undetermined():
    assert chair_of(ORG, "2026-07-01") == [(None, "undetermined")]
    assert chair_of(ORG, "2026-12-07") == [(None, "undetermined")]


def test_the_2020_handover_was_a_virtual_special_meeting_on_3_july():
    [part] = cli_json("sessions", "--org", ORG)["organisations"]
    dates = {s["id"]: s["date"] for s in part["sessions"]}
    assert dates["caricom-2020-07-03-special"].startswith("2020-07-03")
    assert chair_of(ORG, "2020-07-01") == [("vc", "confirmed")]
