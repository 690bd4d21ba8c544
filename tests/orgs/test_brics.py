"""BRICS: the chairship by summit host to 2015, two odd terms in 2015-2016, then calendar years B-R-I-C-S."""

from __future__ import annotations

from _cli import chair_of, cli_json, timeline_of

ORG = "brics"


def test_before_2015_the_host_of_the_summit_took_the_chair_at_its_opening():
    assert chair_of(ORG, "2011-06-01") == [("cn", "derived")]
    assert chair_of(ORG, "2014-07-14") == [("za", "confirmed")]
    assert chair_of(ORG, "2014-07-15") == [("br", "confirmed")]


def test_russia_from_1_april_2015_and_india_from_15_february_2016():
    assert chair_of(ORG, "2015-03-31") == [("br", "confirmed")]
    assert chair_of(ORG, "2015-04-01") == [("ru", "confirmed")]
    assert chair_of(ORG, "2016-02-14") == [("ru", "confirmed")]
    assert chair_of(ORG, "2016-02-15") == [("in", "confirmed")]
    assert chair_of(ORG, "2017-01-01") == [("cn", "confirmed")]


def test_russia_and_brazil_swapped_2024_and_2025():
    assert chair_of(ORG, "2023") == [("za", "confirmed")]
    assert chair_of(ORG, "2024") == [("ru", "confirmed")]
    assert chair_of(ORG, "2025") == [("br", "confirmed")]
    [swap] = [x for r in timeline_of(ORG).org.rotations for x in r.exceptions]
    assert swap.kind == "swap" and swap.sources


def test_india_2026_then_the_order_is_only_projected_with_medium_confidence():
    assert chair_of(ORG, "2026") == [("in", "confirmed")]
    [part] = cli_json("who-chairs", "2027", "--org", ORG)["organisations"]
    [chair] = part["chairs"]
    assert chair["member"]["id"] == "cn" and chair["term"]["status"] == "projected"
    assert chair["term"]["confidence"] == "medium"


def test_the_members_admitted_since_2024_never_take_a_turn():
    new = {"eg", "et", "ir", "ae", "id", "sa"}
    for year in range(2024, 2036):
        assert not {m for m, _ in chair_of(ORG, str(year))} & new


def test_the_virtual_summits_of_2020_and_2021():
    tl = timeline_of(ORG)
    virtual = {y for y in range(2019, 2027) for e in tl.sessions(y) if "videoconference" in e.formats}
    assert virtual == {2020, 2021, 2022, 2025}
    assert [e.kind for e in tl.sessions(2025) if "videoconference" in e.formats] == ["extraordinary-session"]
