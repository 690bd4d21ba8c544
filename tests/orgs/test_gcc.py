"""The GCC: the presidency of the Supreme Council passes at each December session, to the host until 2020."""

from __future__ import annotations

from datetime import date

from _cli import chair_of, timeline_of

from timeline.core.audit import anomalies

ORG = "gcc"


def test_the_host_of_the_december_session_takes_the_presidency():
    assert chair_of(ORG, "2001-06") == [("bh", "confirmed")]
    assert chair_of(ORG, "2014-06") == [("kw", "confirmed")]
    assert chair_of(ORG, "2024-06") == [("qa", "confirmed")]


def test_bahrain_presided_in_2021_though_saudi_arabia_hosted_at_al_ula():
    assert chair_of(ORG, "2021-06") == [("bh", "confirmed")]
    acknowledged = {a.term.id for a in anomalies(timeline_of(ORG))}
    assert {"scp-bh-2021", "scp-om-2022"} <= acknowledged


def test_oman_took_the_43rd_session_at_the_riyadh_summit():
    assert chair_of(ORG, "2023-06") == [("om", "confirmed")]


def test_the_40th_session_is_recorded_with_the_host_who_chaired_it():
    assert chair_of(ORG, "2020-06") == [("sa", "confirmed")]


def test_bahrain_chairs_2026_and_the_next_presidency_is_undetermined():
    assert chair_of(ORG, "2026-06") == [("bh", "confirmed")]
    assert all(status == "undetermined" for _, status in chair_of(ORG, "2027-06"))


def test_qatar_stayed_a_member_through_the_boycott():
    tl = timeline_of(ORG)
    assert tl.members["qa"].standing_on(date(2018, 6, 1)).value == "member"
