"""The rotation engine, one scenario per row: cadences, pools, orders, exceptions, statuses, checks.

A new rule or exception gets its scenario here. Each row gives the members, the rule versions, the
recorded terms, how far to resolve, and the turns expected as `holder start status` (`-` for an
undetermined holder). Property tests at the end hold the engine to no gap, no overlap and one answer.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.core.audit import anomalies, rule_problems
from timeline.core.dates import Duration, PartialDate, Period, Precision
from timeline.core.model import (
    Body,
    ChangeKind,
    Event,
    EventStatus,
    HolderKind,
    Member,
    MembershipChange,
    Office,
    Place,
    Reason,
    Term,
    TermStatus,
)
from timeline.core.names import Names
from timeline.core.organisation import Organisation
from timeline.core.query import Timeline
from timeline.core.rotation import RotationRule, close_open_terms
from timeline.core.rotation.cadence import CalendarCadence, SessionCadence
from timeline.core.rotation.context import RotationContext
from timeline.core.rotation.order import AlphabeticalOrder, CycleOrder, DecidedOrder, HostOrder
from timeline.core.rotation.pool import SeatsPool
from timeline.core.rotation.rules import Resequence, Skip, Stay, Swap, Temporary
from timeline.errors import ValueProblem

D = PartialDate.parse


def day(text: str) -> date:
    return date.fromisoformat(text)


def member(ident: str, *changes: tuple[str, str], name: str | None = None, name_ru: str | None = None) -> Member:
    history = tuple(MembershipChange(kind=ChangeKind(k), date=D(d)) for k, d in (("joined", "2000-01-01"), *changes))
    return Member(id=ident, name=name or ident.upper(), names=Names(ru=name_ru), changes=history)


def session(when: str, place: str | None = None, kind: str = "session", status: str = "held") -> Event:
    return Event(id=f"s-{when}-{kind}", body="council", title="Session", kind=kind, date=D(when), place=place,
                 status=EventStatus(status))  # fmt: skip


def rule(ident: str, cadence, order, start: str = "2000-01-01", until: str | None = None, **more) -> RotationRule:
    return RotationRule(id=ident, office="chair", in_force=Period(day(start), day(until) if until else None),
                        cadence=cadence, order=order, **more)  # fmt: skip


def yearly(anchor: str = "2024-01-01") -> CalendarCadence:
    return CalendarCadence(day(anchor), Duration(years=1))


def monthly(anchor: str) -> CalendarCadence:
    return CalendarCadence(day(anchor), Duration(months=1))


SESSIONS = SessionCadence("council")
ABC = CycleOrder(("aa", "bb", "cc"))
MEMBERS = (member("aa"), member("bb"), member("cc"))


def chair(holder: str, start: str, end: str | None = None, **more) -> Term:
    return Term(id=f"{holder}-{start}", office="chair", holder=holder, start=D(start), end=D(end) if end else None,
                **more)  # fmt: skip


@dataclass
class Scenario:
    rules: tuple[RotationRule, ...]
    expect: str
    """One turn per `;`: `holder start status`."""
    recorded: tuple[Term, ...] = ()
    until: str | None = None
    members: tuple[Member, ...] = MEMBERS
    events: tuple[Event, ...] = ()
    extra_terms: tuple[Term, ...] = ()
    places: tuple[Place, ...] = ()
    offices: tuple[Office, ...] = field(default_factory=tuple)


def build(s: Scenario) -> Timeline:
    offices = (Office(id="chair", name="Chair", holder_kind=HolderKind.MEMBER), *s.offices)
    return Timeline(
        Organisation(id="t", name="T", chair_office="chair", members=s.members, offices=offices,
                     bodies=(Body(id="council", name="Council"),), places=s.places,
                     terms=(*s.recorded, *s.extra_terms), events=s.events, rotations=s.rules)
    )  # fmt: skip


def turns(s: Scenario) -> str:
    terms = build(s).terms("chair", day(s.until) if s.until else None)
    return "; ".join(f"{t.holder or '-'} {t.start} {t.status.value}" for t in terms)


SEAT = Office(id="seat", name="Seat", holder_kind=HolderKind.MEMBER, seats=3)


def seat(holder: str, start: str, end: str | None = None) -> Term:
    return Term(id=f"seat-{holder}-{start}", office="seat", holder=holder, start=D(start), end=D(end) if end else None)


SCENARIOS = {
    "calendar year, cycle order, projected after the record": Scenario(
        (rule("r", yearly(), ABC),), recorded=(chair("aa", "2024-01-01"),), until="2026-06-01",
        expect="aa 2024-01-01 confirmed; bb 2025-01-01 projected; cc 2026-01-01 projected"),
    "monthly presidency from the anchor, no record: the order starts at its first member": Scenario(
        (rule("r", monthly("2025-01-01"), ABC, start="2025-01-01"),), until="2025-04-01",
        expect="aa 2025-01-01 projected; bb 2025-02-01 projected; cc 2025-03-01 projected"),
    "session cadence: only regular sessions hand over": Scenario(
        (rule("r", SESSIONS, ABC),), recorded=(chair("aa", "2019-11-28"),), until="2022-01-01",
        events=(session("2019-11-28"), session("2020-12-02"), session("2021-03-01", kind="extraordinary-session"),
                session("2021-09-16"), session("2021-10-01", status="cancelled")),
        expect="aa 2019-11-28 confirmed; bb 2020-12-02 projected; cc 2021-09-16 projected"),
    "gaps between recorded terms are derived": Scenario(
        (rule("r", yearly("2020-01-01"), ABC),), recorded=(chair("aa", "2020-01-01"), chair("aa", "2023-01-01")),
        expect="aa 2020-01-01 confirmed; bb 2021-01-01 derived; cc 2022-01-01 derived; aa 2023-01-01 confirmed"),
    "a frozen member is skipped; it is back once resumed": Scenario(
        (rule("r", yearly(), ABC),), recorded=(chair("aa", "2024-01-01"),), until="2028-01-01",
        members=(member("aa"), member("bb", ("frozen", "2024-06-01"), ("resumed", "2026-06-01")), member("cc")),
        expect="aa 2024-01-01 confirmed; cc 2025-01-01 projected; aa 2026-01-01 projected; bb 2027-01-01 projected"),
    "alphabetical in English over seats that change each year": Scenario(
        (rule("r", monthly("2024-11-01"), AlphabeticalOrder("en"), start="2024-11-01", pool=SeatsPool("seat")),),
        until="2025-03-01", offices=(SEAT,),
        members=(member("al", name="Algeria"), member("fr", name="France"), member("kr", name="Republic of Korea"),
                 member("gy", name="Guyana"), member("us", name="United States of America")),
        extra_terms=(seat("fr", "1945-10-24"), seat("us", "1945-10-24"), seat("kr", "2024-01-01", "2026-01-01"),
                     seat("gy", "2023-01-01", "2025-01-01"), seat("al", "2025-01-01", "2027-01-01")),
        recorded=(chair("kr", "2024-11-01"),),
        expect="kr 2024-11-01 confirmed; us 2024-12-01 projected; al 2025-01-01 projected; fr 2025-02-01 projected"),
    "seats not yet filled: undetermined, merged into one span": Scenario(
        (rule("r", monthly("2025-11-01"), AlphabeticalOrder("en"), start="2025-11-01", pool=SeatsPool("seat")),),
        until="2026-04-01", offices=(SEAT,),
        extra_terms=(seat("aa", "1945-10-24"), seat("bb", "2024-01-01", "2026-01-01"),
                     seat("cc", "2025-01-01", "2027-01-01")),
        recorded=(chair("aa", "2025-11-01"),),
        expect="aa 2025-11-01 confirmed; bb 2025-12-01 projected; - 2026-01-01 undetermined"),
    "alphabetical in Russian over a pool that grows": Scenario(
        (rule("r", yearly("2015-01-01"), AlphabeticalOrder("ru"), start="2015-01-01"),), until="2020-01-01",
        members=(member("am", name_ru="Армения"), member("by", name_ru="Беларусь"),
                 member("kz", name_ru="Казахстан"), member("kg", ("left", "2000-01-02"), ("joined", "2016-06-01"),
                 name_ru="Кыргызстан"), member("ru", name_ru="Россия")),
        expect="am 2015-01-01 projected; by 2016-01-01 projected; kz 2017-01-01 projected; kg 2018-01-01 projected; "
               "ru 2019-01-01 projected"),
    "a decided order is scheduled, then undetermined past its end": Scenario(
        (rule("r", CalendarCadence(day("2025-01-01"), Duration(months=6)), DecidedOrder(("cc", "aa")),
              start="2025-01-01"),), until="2027-01-01",
        expect="cc 2025-01-01 scheduled; aa 2025-07-01 scheduled; - 2026-01-01 undetermined"),
    "resequence: a new list from a date, from its first entry": Scenario(
        (rule("r", CalendarCadence(day("2025-01-01"), Duration(months=6)), DecidedOrder(("aa", "bb", "cc")),
              start="2025-01-01", exceptions=(Resequence(start=day("2025-07-01"), members=("cc", "bb")),)),),
        until="2026-07-01", expect="aa 2025-01-01 scheduled; cc 2025-07-01 scheduled; bb 2026-01-01 scheduled"),
    "swap: the holder takes the turn, the other takes the holder's next turn, the rest unchanged": Scenario(
        (rule("r", yearly("2010-01-01"), CycleOrder(("bn", "kh", "id", "la")),
              exceptions=(Swap(start=day("2011-01-01"), holder="id", instead_of="bn"),)),),
        members=(member("bn"), member("kh"), member("id"), member("la")),
        recorded=(chair("la", "2010-01-01"),), until="2015-01-01",
        expect="la 2010-01-01 confirmed; id 2011-01-01 scheduled; kh 2012-01-01 projected; bn 2013-01-01 projected; "
               "la 2014-01-01 projected"),
    "skip: a member passes its turn and the order goes on from the next": Scenario(
        (rule("r", yearly(), ABC, exceptions=(Skip(start=day("2025-01-01"), member="bb"),)),),
        recorded=(chair("aa", "2024-01-01"),), until="2027-06-01",
        expect="aa 2024-01-01 confirmed; cc 2025-01-01 scheduled; aa 2026-01-01 projected; bb 2027-01-01 projected"),
    "skip over a period: every turn in it": Scenario(
        (rule("r", yearly(), ABC,
              exceptions=(Skip(member="bb", period=Period(day("2024-06-01"), day("2028-01-01"))),)),),
        recorded=(chair("aa", "2024-01-01"),), until="2028-06-01",
        expect="aa 2024-01-01 confirmed; cc 2025-01-01 scheduled; aa 2026-01-01 projected; cc 2027-01-01 scheduled; "
               "aa 2028-01-01 projected"),
    "temporary chair: the turn comes back to the member it stood in for": Scenario(
        (rule("r", SESSIONS, CycleOrder(("am", "by", "kz", "ru")),
              exceptions=(Temporary(start=day("2009-06-14"), holder="ru", instead_of="by"),)),),
        members=(member("am"), member("by"), member("kz"), member("ru")),
        events=(session("2008-09-05"), session("2009-06-14"), session("2010-12-10"), session("2011-12-20")),
        recorded=(chair("am", "2008-09-05"), chair("ru", "2009-06-14"), chair("by", "2010-12-10")),
        until="2012-01-01",
        expect="am 2008-09-05 confirmed; ru 2009-06-14 confirmed; by 2010-12-10 confirmed; kz 2011-12-20 projected"),
    "temporary chair that does not return: the turn is used up": Scenario(
        (rule("r", yearly(), ABC, exceptions=(Temporary(start=day("2025-01-01"), holder="cc", instead_of="bb",
                                                        returns=False),)),),
        recorded=(chair("aa", "2024-01-01"),), until="2026-06-01",
        expect="aa 2024-01-01 confirmed; cc 2025-01-01 scheduled; cc 2026-01-01 projected"),
    "a new rule version continues the order; its first turn ends the previous one's last": Scenario(
        (rule("old", SESSIONS, ABC, until="2022-11-24"), rule("new", yearly(), ABC, start="2022-11-24")),
        events=(session("2021-09-16"), session("2022-11-23")),
        recorded=(chair("aa", "2021-09-16", "2022-11-23"), chair("bb", "2022-11-23")), until="2025-06-01",
        expect="aa 2021-09-16 confirmed; bb 2022-11-23 confirmed; cc 2024-01-01 projected; aa 2025-01-01 projected"),
    "`first` names who opens a rule version": Scenario(
        (rule("old", SESSIONS, ABC, until="2008-09-05"), rule("new", yearly("2009-01-01"), ABC, start="2008-09-05",
                                                               first="cc")),
        events=(session("2007-10-06"),), recorded=(chair("aa", "2007-10-06"),), until="2010-06-01",
        expect="aa 2007-10-06 confirmed; cc 2009-01-01 projected; aa 2010-01-01 projected"),
    "host order: the state hosting the handing-over session": Scenario(
        (rule("r", SESSIONS, HostOrder()),), until="2006-01-01",
        places=(Place(id="minsk", city="Minsk", country="Belarus", tz="Europe/Minsk", member="bb"),
                Place(id="astana", city="Astana", country="Kazakhstan", tz="Asia/Almaty", member="cc"),
                Place(id="nowhere", city="X", country="Y", tz="UTC")),
        events=(session("2003-04-28", "minsk"), session("2004-06-18", "astana"), session("2005-06", "nowhere")),
        expect="bb 2003-04-28 projected; cc 2004-06-18 projected; - 2005-06 undetermined"),
    "session cadence: a session known to the month hands over in that month, not on its first day": Scenario(
        (rule("r", SESSIONS, ABC),), until="2026-01-01",
        events=(session("2024-11-20"), session("2025-06", status="planned"), session("2026-05-12", status="planned")),
        expect="aa 2024-11-20 projected; bb 2025-06 projected"),
    "session cadence: projected past the last session at the measured interval, approximate": Scenario(
        (rule("r", SESSIONS, ABC),), recorded=(chair("aa", "2022-10-14"),), until="2027-06-01",
        events=(session("2022-10-14"), session("2023-10-13"), session("2024-10-10", status="planned")),
        expect="aa 2022-10-14 confirmed; bb 2023-10-13 projected; cc 2024-10-10 projected; aa 2025-10~ projected; "
               "bb 2026-10~ projected"),
    "session cadence: projected only after the last known session, never between two": Scenario(
        (rule("r", SESSIONS, ABC),), until="2025-01-01",
        events=(session("2020-01-10"), session("2023-01-10"), session("2023-02-10")),
        expect="aa 2020-01-10 projected; bb 2023-01-10 projected; cc 2023-02-10 projected; aa 2024-08~ projected"),
    "session cadence given `every`: projected at that interval even after one session": Scenario(
        (rule("r", SessionCadence("council", every=Duration(months=6)), ABC),), until="2025-06-01",
        events=(session("2024-03-05"),),
        expect="aa 2024-03-05 projected; bb 2024-09~ projected; cc 2025-03~ projected"),
    "session cadence after a session known only to the year: projected years, never invented months": Scenario(
        (rule("r", SessionCadence("council", every=Duration(years=1)), ABC),), until="2027-06-01",
        events=(session("2024-06-10"), session("2025")),
        expect="aa 2024-06-10 projected; bb 2025 projected; cc 2026~ projected; aa 2027~ projected"),
    "session cadence with one session and no `every`: the last turn stays open": Scenario(
        (rule("r", SESSIONS, ABC),), until="2027-01-01", events=(session("2024-03-05"),),
        expect="aa 2024-03-05 projected"),
    "host order past the last session: undetermined (a projected handoff has no host)": Scenario(
        (rule("r", SESSIONS, HostOrder()),), until="2007-01-01",
        places=(Place(id="minsk", city="Minsk", country="Belarus", tz="Europe/Minsk", member="bb"),
                Place(id="astana", city="Astana", country="Kazakhstan", tz="Asia/Almaty", member="cc")),
        events=(session("2003-04-28", "minsk"), session("2004-06-18", "astana")),
        expect="bb 2003-04-28 projected; cc 2004-06-18 projected; - 2005-08~ undetermined"),
    "stay: the office does not pass at one handoff": Scenario(
        (rule("r", yearly(), ABC, exceptions=(Stay(start=day("2025-01-01")),)),),
        recorded=(chair("aa", "2024-01-01"),), until="2026-06-01",
        expect="aa 2024-01-01 confirmed; bb 2026-01-01 projected"),
    "after a departure the order follows the recorded holder": Scenario(
        (rule("r", yearly(), ABC),), recorded=(chair("aa", "2024-01-01"), chair("cc", "2025-01-01")),
        until="2026-06-01", expect="aa 2024-01-01 confirmed; cc 2025-01-01 confirmed; aa 2026-01-01 projected"),
    "a turn between scheduled records is projected, not derived (it has not happened)": Scenario(
        (rule("r", yearly(), ABC),), until="2027-06-01",
        recorded=(chair("aa", "2024-01-01"), chair("cc", "2026-01-01", status=TermStatus.SCHEDULED)),
        expect="aa 2024-01-01 confirmed; bb 2025-01-01 projected; cc 2026-01-01 scheduled; aa 2027-01-01 projected"),
    "recorded terms win, and a scheduled record keeps its status": Scenario(
        (rule("r", yearly(), ABC),), until="2027-06-01",
        recorded=(chair("aa", "2024-01-01"), chair("bb", "2025-01-01"), chair("cc", "2026-01-01",
                                                                            status=TermStatus.SCHEDULED)),
        expect="aa 2024-01-01 confirmed; bb 2025-01-01 confirmed; cc 2026-01-01 scheduled; aa 2027-01-01 projected"),
}  # fmt: skip


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario(name: str) -> None:
    assert turns(SCENARIOS[name]) == SCENARIOS[name].expect


def test_each_exception_and_order_kind_has_a_scenario() -> None:
    from timeline.core.rotation.cadence import CADENCES
    from timeline.core.rotation.order import ORDERS
    from timeline.core.rotation.pool import POOLS
    from timeline.core.rotation.rules import EXCEPTIONS

    used = set()
    for scenario in SCENARIOS.values():
        for r in scenario.rules:
            used |= {r.cadence.kind, r.order.kind, r.pool.kind, *(e.kind for e in r.exceptions)}
    assert {*CADENCES, *ORDERS, *POOLS, *EXCEPTIONS} <= used


# Checks: departures and exceptions that do not fit ------------------------------------


def test_turns_keep_the_precision_of_a_session_known_to_the_month() -> None:
    s = SCENARIOS["session cadence: a session known to the month hands over in that month, not on its first day"]
    first, second = build(s).terms("chair", day(s.until))
    assert first.end == second.start == D("2025-06")
    assert second.id == "chair-2025-06-01", "ids stay the handoff's first day (feeds' UIDs derive from them)"
    assert second.end == D("2026-05-12")
    recorded = replace(s, recorded=(chair("aa", "2024-11-20"),))
    open_term = build(recorded).terms("chair", day(s.until))[0]
    assert open_term.end == D("2025-06") and Reason.of("end.by_rule", day=D("2025-06")) in open_term.reasons


def test_projected_handoffs_say_so_with_the_interval_and_whether_it_was_given() -> None:
    measured = SCENARIOS["session cadence: projected past the last session at the measured interval, approximate"]
    terms = build(measured).terms("chair", day(measured.until))
    projected = Reason.of("handoff.projected.measured", body="council", n=12)
    assert [projected in t.reasons for t in terms] == [False, False, False, True, True]
    assert terms[2].end == D("2025-10~") and terms[3].id == "chair-2025-10-01"
    given = SCENARIOS["session cadence given `every`: projected at that interval even after one session"]
    terms = build(given).terms("chair", day(given.until))
    assert Reason.of("handoff.projected.given", body="council", n=6) in terms[1].reasons
    host = SCENARIOS["host order past the last session: undetermined (a projected handoff has no host)"]
    undetermined = build(host).terms("chair", day(host.until))[-1]
    assert undetermined.holder is None and undetermined.start == D("2005-08~")
    assert Reason.of("order.no_host") in undetermined.reasons
    assert Reason.of("handoff.projected.measured", body="council", n=14) in undetermined.reasons


@pytest.mark.parametrize("every", [Duration(days=14), Duration(years=1, days=1), Duration()])
def test_a_session_interval_is_whole_months_or_years(every: Duration) -> None:
    with pytest.raises(ValueProblem, match="'every'"):
        SessionCadence("council", every=every)


def test_departures_name_the_rule_and_expected_holder_and_can_be_acknowledged() -> None:
    s = Scenario((rule("calendar", yearly(), ABC),), "",
                 recorded=(chair("aa", "2024-01-01", "2025-01-01"), chair("cc", "2025-01-01", "2026-03-01"),
                           chair("aa", "2026-03-01", "2027-01-01")))  # fmt: skip
    found = {a.term.id: a for a in anomalies(build(s))}
    assert found["cc-2025-01-01"].expected_holder == "bb" and found["cc-2025-01-01"].rule.id == "calendar"
    assert "expected bb after aa, recorded cc" in found["cc-2025-01-01"].message
    assert "not a handoff day" in found["aa-2026-03-01"].message
    assert "runs through the handoff on 2026-01-01" in found["cc-2025-01-01"].message
    assert not found["cc-2025-01-01"].acknowledged
    s.recorded = (s.recorded[0], replace(s.recorded[1], anomaly="bb declined"), s.recorded[2])
    assert {a.term.id: a.acknowledged for a in anomalies(build(s))}["cc-2025-01-01"]


def test_an_exception_explains_the_departure() -> None:
    s = Scenario((rule("r", yearly(), ABC, exceptions=(Skip(start=day("2025-01-01"), member="bb"),)),), "",
                 recorded=(chair("aa", "2024-01-01"), chair("cc", "2025-01-01")))  # fmt: skip
    assert anomalies(build(s)) == []


def test_exceptions_that_do_not_fit_are_reported() -> None:
    exceptions = (
        Swap(start=day("2025-01-01"), holder="cc", instead_of="aa"),
        Skip(start=day("2025-06-01"), member="aa"),
    )
    s = Scenario((rule("r", yearly(), ABC, exceptions=exceptions),), "", recorded=(chair("aa", "2024-01-01"),))
    messages = [p.message for p in rule_problems(build(s))]
    assert any("swap on 2025-01-01 does not fit: it is bb's turn by the rule, not aa's" in m for m in messages)
    assert any("skip on 2025-06-01 falls on no turn" in m for m in messages)


# Queries over the resolution -------------------------------------------------------------


def test_a_year_can_have_two_chairs_and_the_handoff_day_belongs_to_the_successor() -> None:
    s = SCENARIOS["a new rule version continues the order; its first turn ends the previous one's last"]
    tl = build(s)
    assert [c.term.holder for c in tl.chairs("2022")] == ["aa", "bb"]
    assert [c.term.holder for c in tl.chairs("2022-11-22")] == ["aa"]
    assert [c.term.holder for c in tl.chairs("2022-11-23")] == ["bb"]
    recorded = tl.recorded_terms("chair")
    assert str(recorded[-1].end) == "2024-01-01"
    assert recorded[-1].reasons[-1] == Reason.of("end.by_rule", day=date(2024, 1, 1))


def test_an_undetermined_turn_has_no_member_and_says_why() -> None:
    tl = build(SCENARIOS["a decided order is scheduled, then undetermined past its end"])
    (chair_,) = tl.chairs("2026-03")
    assert chair_.member is None and chair_.term.holder is None
    assert Reason.of("order.used_up", member="aa", n=2) in chair_.term.reasons
    assert tl.holder(chair_.term) is None  # the renderers word it in each language


def test_projection_notes_say_which_rule_and_who_was_skipped() -> None:
    s = SCENARIOS["a frozen member is skipped; it is back once resumed"]
    projected = build(s).terms("chair", day(s.until))[1]
    assert projected.reasons[0] == Reason.of("rule.projected", rule="r")
    assert Reason.of("pool.passed_over.frozen", member="bb", day=PartialDate(2024, 6, 1)) in projected.reasons


def test_an_open_term_is_closed_by_the_next_recorded_term_on_the_rules_handoff() -> None:
    s = SCENARIOS["calendar year, cycle order, projected after the record"]
    org = build(s).org
    ctx = RotationContext(org)
    closed = close_open_terms("chair", org.rotations, ctx, [chair("aa", "2024-01-01"), chair("bb", "2025-01-01")])
    assert str(closed[0].end) == "2025-01-01"
    assert closed[0].reasons == (Reason.of("end.next_recorded", day=date(2025, 1, 1)),)
    off_day = close_open_terms("chair", org.rotations, ctx, [chair("aa", "2024-01-01"), chair("bb", "2024-06-01")])
    assert off_day[0].end is None  # not the rule's handoff: left to the overlap check


def test_the_organisation_is_indexed_once() -> None:
    """The query façade, the rotation context and the loader's checks read one index, built once per organisation."""
    from timeline.load.checks import Checker

    org = build(SCENARIOS["calendar year, cycle order, projected after the record"]).org
    index = org.index
    assert Timeline(org).members is index.members and Timeline(org)._terms is index.terms_by_office
    assert RotationContext(org).members is index.members and Checker(org).offices is index.offices
    assert replace(org, members=org.members[:1]).index is not index  # another organisation, another index


# Properties -----------------------------------------------------------------------------

IDS = ["aa", "bb", "cc", "dd", "ee"]


@st.composite
def organisations(draw: st.DrawFn) -> tuple[Scenario, date]:
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=5, unique=True))
    members = tuple(member(i, *draw(st.lists(st.tuples(st.sampled_from(["frozen", "resumed", "left", "joined"]),
                                                       st.sampled_from(["2021-03-01", "2022-07-01", "2024-02-01"])),
                                             max_size=2)), name=i.upper(), name_ru=i[::-1])
                    for i in ids)  # fmt: skip
    order = draw(st.sampled_from([
        CycleOrder(tuple(draw(st.permutations(ids)))),
        DecidedOrder(tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=8)))),
        AlphabeticalOrder(draw(st.sampled_from(["en", "ru"]))),
    ]))  # fmt: skip
    anchor = draw(st.sampled_from(["2020-01-01", "2020-07-01", "2021-01-31"]))
    cadence = CalendarCadence(day(anchor), Duration(months=draw(st.sampled_from([1, 6, 12, 24]))))
    exception_days = [cadence._nth(k) for k in range(1, 6)]
    exceptions = []
    for when in draw(st.lists(st.sampled_from(exception_days), max_size=3, unique=True)):
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        exceptions.append(draw(st.sampled_from([
            Skip(start=when, member=a), Swap(start=when, holder=a, instead_of=b),
            Temporary(start=when, holder=a, instead_of=b, returns=draw(st.booleans())),
        ])))  # fmt: skip
    recorded = []
    for k in sorted(draw(st.lists(st.integers(0, 8), max_size=3, unique=True))):
        start = cadence._nth(k)
        recorded.append(Term(id=f"r{k}", office="chair", holder=draw(st.sampled_from(ids)), start=PartialDate.of(start),
                             end=PartialDate.of(cadence._nth(k + 1))))  # fmt: skip
    r = rule("r", cadence, order, start=anchor, exceptions=tuple(sorted(exceptions, key=lambda e: e.start)))
    until = draw(st.sampled_from([date(2024, 1, 1), date(2027, 6, 1)]))
    return Scenario((r,), "", recorded=tuple(recorded), members=members), until


@settings(max_examples=150, deadline=None)
@given(organisations())
def test_turns_leave_no_gap_and_no_overlap_and_are_deterministic(case: tuple[Scenario, date]) -> None:
    scenario, until = case
    terms = build(scenario).terms("chair", until)
    assert terms, "a rule in force always gives turns up to the horizon"
    for earlier, later in itertools.pairwise(terms):
        assert earlier.period.end == later.period.start, f"gap or overlap between {earlier.id} and {later.id}"
    assert terms[-1].period.end is None or terms[-1].period.end >= until or terms[-1].period.start < until
    assert all((t.holder is None) == t.is_undetermined for t in terms)
    assert [(t.holder, t.period, t.status) for t in build(scenario).terms("chair", until)] == [
        (t.holder, t.period, t.status) for t in terms
    ]
    recorded = {t.id for t in scenario.recorded}
    assert {t.id for t in terms if t.is_recorded} == recorded


@st.composite
def session_organisations(draw: st.DrawFn) -> tuple[Scenario, date]:
    months = sorted(draw(st.lists(st.integers(0, 60), min_size=1, max_size=6, unique=True)))
    texts = [f"{2020 + m // 12}-{m % 12 + 1:02d}" + ("" if draw(st.booleans()) else "-15") for m in months]
    every = draw(st.sampled_from([None, Duration(months=6), Duration(years=1)]))
    scenario = Scenario((rule("r", SessionCadence("council", every=every), ABC),), "",
                        events=tuple(session(t, status="planned") for t in texts))  # fmt: skip
    return scenario, date(2028, 1, 1)


@settings(max_examples=60, deadline=None)
@given(session_organisations())
def test_session_turns_hand_over_as_written_and_are_projected_only_after_the_last_session(
    case: tuple[Scenario, date],
) -> None:
    scenario, until = case
    terms = build(scenario).terms("chair", until)
    for earlier, later in itertools.pairwise(terms):
        assert earlier.end == later.start, f"{earlier.id} ends {earlier.end}, {later.id} starts {later.start}"
    last_session = max(e.date.earliest for e in scenario.events)
    for term in terms:
        projected = any(r.key.startswith("handoff.projected") for r in term.reasons)
        assert projected == (term.start.earliest > last_session), term.id
        assert projected == (term.start.approximate and term.start.precision is Precision.MONTH), term.id
