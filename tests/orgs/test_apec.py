"""APEC: the host economy chairs for the calendar year; hosts agreed years ahead, none past 2027."""

from __future__ import annotations

from _cli import chair_of, timeline_of

ORG = "apec"


def test_chile_held_2019_though_it_cancelled_the_leaders_meeting():
    assert chair_of(ORG, "2019") == [("cl", "confirmed")]
    [meeting] = [e for e in timeline_of(ORG).sessions(2019)]
    assert meeting.status.value == "cancelled"


def test_china_2026_confirmed_and_viet_nam_2027_scheduled():
    assert chair_of(ORG, "2026") == [("cn", "confirmed")]
    assert chair_of(ORG, "2027") == [("vn", "scheduled")]


def test_past_the_last_agreed_host_the_chair_is_undetermined():
    assert chair_of(ORG, "2028") == [(None, "undetermined")]


def test_the_virtual_meetings_of_2020_and_2021():
    tl = timeline_of(ORG)
    virtual = {y for y in range(2010, 2027) for e in tl.sessions(y) if "videoconference" in e.formats}
    assert virtual == {2020, 2021}


def test_economies_hong_kong_china_and_chinese_taipei_use_iso_codes():
    names = {m.id: m.name for m in timeline_of(ORG).members.values()}
    assert names["hk"] == "Hong Kong, China" and names["tw"] == "Chinese Taipei"
