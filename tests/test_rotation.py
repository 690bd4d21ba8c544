"""Rotation rules: both regimes, the change of rule, projection with skips, overrides, anomalies."""

from dataclasses import replace
from datetime import date

from timeline.core.dates import Duration, PartialDate, Period
from timeline.core.model import (
    Body,
    ChangeKind,
    Event,
    Handoff,
    HolderKind,
    Member,
    MembershipChange,
    Office,
    Organisation,
    Override,
    RotationRule,
    Term,
    TermStatus,
)
from timeline.core.query import Timeline

D = PartialDate.parse


def member(ident: str, *changes: tuple[str, str]) -> Member:
    history = tuple(MembershipChange(kind=ChangeKind(k), date=D(d)) for k, d in (("joined", "2000-01-01"), *changes))
    return Member(id=ident, name=ident.upper(), changes=history)


def session(day: str) -> Event:
    return Event(id=f"s-{day}", body="council", title="Session", kind="session", date=D(day))


SESSION_RULE = RotationRule(
    id="sessions", office="chair", handoff=Handoff.SESSION, body="council",
    in_force=Period(date(2000, 1, 1), date(2022, 11, 24)), order=("aa", "bb", "cc"),
)  # fmt: skip
CALENDAR_RULE = RotationRule(
    id="calendar", office="chair", handoff=Handoff.CALENDAR, anchor=date(2024, 1, 1), every=Duration(years=1),
    in_force=Period(date(2022, 11, 24)), order=("aa", "bb", "cc"),
)  # fmt: skip


def org(terms=(), events=(), members=None, rules=(SESSION_RULE, CALENDAR_RULE)) -> Timeline:
    return Timeline(
        Organisation(
            id="t", name="T", chair_office="chair",
            members=members or (member("aa"), member("bb"), member("cc")),
            offices=(Office(id="chair", name="Chair", holder_kind=HolderKind.MEMBER),),
            terms=tuple(terms), events=tuple(events), rotations=tuple(rules),
        )
    )  # fmt: skip


def chair(ident: str, holder: str, start: str, end: str | None = None, **more) -> Term:
    return Term(id=ident, office="chair", holder=holder, start=D(start), end=D(end) if end else None, **more)


def holders(tl: Timeline, when: str) -> list[tuple[str, str]]:
    return [(c.term.holder, c.term.status.value) for c in tl.chairs(when)]


def test_session_regime_projects_handoffs_at_each_regular_session():
    events = [session("2019-11-28"), session("2020-12-02"), session("2021-09-16")]
    events.append(replace(session("2021-03-01"), id="x", kind="extraordinary-session"))
    tl = org([chair("t1", "aa", "2019-11-28")], events, rules=(SESSION_RULE,))
    terms = tl.terms("chair", until=date(2022, 1, 1))
    assert [(t.holder, str(t.start), t.end and str(t.end)) for t in terms] == [
        ("aa", "2019-11-28", "2020-12-02"),
        ("bb", "2020-12-02", "2021-09-16"),  # the extraordinary session hands nothing over
        ("cc", "2021-09-16", None),  # no later session known: open-ended
    ]
    assert [t.status for t in terms[1:]] == [TermStatus.PROJECTED] * 2


def test_a_year_can_have_two_chairs_under_the_session_regime():
    tl = org([chair("t1", "aa", "2020-12-02", "2021-09-16"), chair("t2", "bb", "2021-09-16", "2022-11-23")])
    assert holders(tl, "2021") == [("aa", "confirmed"), ("bb", "confirmed")]


def test_rule_change_the_calendar_rule_takes_over_after_the_last_session_handoff():
    tl = org([chair("t1", "aa", "2021-09-16", "2022-11-23"), chair("t2", "bb", "2022-11-23")])
    recorded = tl.recorded_terms("chair")
    assert str(recorded[-1].end) == "2024-01-01"  # end given by the calendar rule's anchor
    assert "rotation rule" in recorded[-1].note
    assert holders(tl, "2023") == [("bb", "confirmed")]
    assert holders(tl, "2024") == [("cc", "projected")]
    assert holders(tl, "2025") == [("aa", "projected")]


def test_handoff_day_belongs_to_the_successor_and_last_day_to_the_holder():
    tl = org([chair("t1", "aa", "2021-09-16", "2022-11-23"), chair("t2", "bb", "2022-11-23")])
    assert holders(tl, "2022-11-22") == [("aa", "confirmed")]
    assert holders(tl, "2022-11-23") == [("bb", "confirmed")]
    assert holders(tl, "2023-12-31") == [("bb", "confirmed")]
    assert holders(tl, "2024-01-01") == [("cc", "projected")]


def test_projection_skips_a_member_whose_participation_is_frozen_and_says_so():
    members = (member("aa"), member("bb", ("frozen", "2024-02-15")), member("cc"))
    tl = org([chair("t1", "cc", "2024-01-01", "2025-01-01")], members=members)
    projected = tl.terms("chair", until=date(2027, 1, 1))[1:]
    assert [(t.holder, str(t.start)) for t in projected] == [("aa", "2025-01-01"), ("cc", "2026-01-01")]
    assert "BB skipped: frozen since 2024-02-15" in projected[1].note


def test_a_member_that_resumes_is_back_in_the_rotation():
    members = (member("aa"), member("bb", ("frozen", "2024-02-15"), ("resumed", "2025-06-01")), member("cc"))
    tl = org([chair("t1", "aa", "2024-01-01", "2025-01-01")], members=members)
    assert [t.holder for t in tl.terms("chair", until=date(2027, 1, 1))[1:]] == ["cc", "aa"]
    tl = org([chair("t1", "aa", "2025-01-01", "2026-01-01")], members=members)
    assert tl.terms("chair", until=date(2026, 6, 1))[1].holder == "bb"


def test_recorded_terms_win_over_the_rule():
    tl = org([chair("t1", "cc", "2024-01-01", "2025-01-01"), chair("t2", "cc", "2025-01-01", "2026-01-01")])
    assert holders(tl, "2025") == [("cc", "confirmed")]


def test_dated_override_replaces_the_next_in_order():
    rule = replace(CALENDAR_RULE, overrides=(Override(start=date(2025, 1, 1), holder="cc", note="swap agreed"),))
    tl = org([chair("t1", "aa", "2024-01-01", "2025-01-01")], rules=(SESSION_RULE, rule))
    projected = tl.terms("chair", until=date(2026, 6, 1))[1:]
    assert [t.holder for t in projected] == ["cc", "aa"]
    assert "swap agreed" in projected[0].note


def test_anomalies_name_the_rule_and_the_expected_holder_and_can_be_acknowledged():
    terms = [chair("t1", "aa", "2024-01-01", "2025-01-01"), chair("t2", "cc", "2025-01-01", "2026-03-01"),
             chair("t3", "aa", "2026-03-01", "2027-01-01")]  # fmt: skip
    found = {a.term.id: a for a in org(terms).anomalies()}
    assert found["t2"].expected_holder == "bb" and found["t2"].rule.id == "calendar"
    assert "not a handoff day" in found["t3"].message
    assert not found["t2"].acknowledged
    terms[1] = replace(terms[1], anomaly="bb declined")
    assert {a.term.id: a.acknowledged for a in org(terms).anomalies()}["t2"]


def test_no_anomaly_for_terms_that_follow_the_rule():
    events = [session("2021-09-16"), session("2022-11-23")]
    terms = [chair("t1", "aa", "2021-09-16", "2022-11-23"), chair("t2", "bb", "2022-11-23", "2024-01-01"),
             chair("t3", "cc", "2024-01-01", "2025-01-01")]  # fmt: skip
    assert org(terms, events).anomalies() == []


def test_projection_works_for_a_monthly_presidency():
    rule = replace(CALENDAR_RULE, id="monthly", anchor=date(2025, 1, 1), every=Duration(months=1),
                   in_force=Period(date(2025, 1, 1)))  # fmt: skip
    tl = org([], rules=(rule,))
    assert [(t.holder, str(t.start)) for t in tl.terms_during("chair", "2025-Q1")] == [
        ("aa", "2025-01-01"), ("bb", "2025-02-01"), ("cc", "2025-03-01"),
    ]  # fmt: skip


def test_session_chair_must_match_the_chairmanship_or_be_explained():
    events = [replace(session("2022-11-23"), chair="aa"), replace(session("2023-06-01"), chair="cc")]
    tl = org([chair("t1", "aa", "2021-09-16", "2022-11-23"), chair("t2", "bb", "2022-11-23")], events)
    council = Body(id="council", name="Council")
    tl = Timeline(replace(tl.org, bodies=(council,), offices=(replace(tl.org.offices[0], body="council"),)))
    assert [e.id for e in tl.session_chair_mismatches()] == ["s-2023-06-01"]  # the outgoing chair presides a handoff
    explained = replace(events[1], chair_anomaly="held abroad")
    tl = Timeline(replace(tl.org, events=(events[0], explained)))
    assert tl.session_chair_mismatches() == []
