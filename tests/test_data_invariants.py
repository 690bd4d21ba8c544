"""Invariants every bundled organisation holds: sourced facts, a chairmanship without gap or overlap up to the
horizon, who-chairs answering every year with a holder, status and source, departures explained, session chairs
matching the chairmanship. Facts particular to one organisation are in tests/orgs/test_<org>.py."""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest

from timeline.core.audit import anomalies, rule_problems, session_chair_mismatches, unsourced
from timeline.load import default_data_dir, load, load_all
from timeline.load.__init__ import organisation_dirs

ORGS = [folder.name for folder in organisation_dirs(default_data_dir())]
HORIZON_YEARS = 5


@pytest.fixture(scope="module", params=ORGS)
def tl(request):
    return load(default_data_dir(), request.param)


def data_day(tl) -> date:
    return tl.org.data_date.earliest


def horizon(tl) -> date:
    day = data_day(tl)
    return date(day.year + HORIZON_YEARS, 1, 1)


def test_the_bundled_data_loads_as_a_whole():
    assert set(load_all(default_data_dir())) == set(ORGS)


def test_every_fact_has_a_source(tl):
    missing = [what for what, _ in unsourced(tl.org)]
    assert not missing, "unsourced: " + ", ".join(missing)


def test_every_cited_source_has_a_title_and_a_location(tl):
    bad = [s.id for s in tl.org.sources_by_id.values() if not s.title or not (s.url or s.document)]
    assert not bad


def test_urls_are_http_links(tl):
    bad = [s.id for s in tl.org.sources_by_id.values() if s.url and not re.match(r"https?://[^\s]+$", s.url)]
    assert not bad


def test_organisation_is_dated_and_says_its_languages(tl):
    assert tl.org.data_date is not None and tl.org.data_date.is_exact
    assert tl.org.languages, "organisation.yaml: languages"


def test_organisation_says_where_it_belongs(tl):
    assert tl.org.region is not None, "organisation.yaml: region (global, africa, americas, ...)"


def test_member_ids_are_iso_codes(tl):
    assert all(re.fullmatch(r"[a-z]{2}", m.id) for m in tl.org.members), [m.id for m in tl.org.members]


def test_the_chairmanship_has_no_gap_or_overlap_up_to_the_horizon(tl):
    terms = tl.terms(tl.chair_office.id, horizon(tl))
    assert terms, "no chairmanship terms"
    problems = [
        f"{a.id} ends {a.period.end} but {b.id} starts {b.period.start}"
        for a, b in itertools.pairwise(terms)
        if a.period.end != b.period.start and a.end != b.start  # an imprecise handover: the same month on both sides
    ]
    assert not problems, "\n".join(problems)


def test_the_chairmanship_runs_through_the_data_date_recorded_or_flagged(tl):
    """On the data's day a recorded chair holds office (a handover expected within that month, at a session not yet
    recorded, may show the next turn beside it); where no source names today's chair, the turn the rule gives is
    not passed off as recorded, and `timeline review` lists it."""
    from timeline.core.review import begun

    day = data_day(tl)
    current = [t for t in tl.terms(tl.chair_office.id, horizon(tl)) if t.period.contains(day)]
    assert current, f"no chair term on {day}"
    if not any(t.is_recorded for t in current):
        flagged = {t.id for t in begun(tl, day)}
        assert all(t.id in flagged for t in current), f"today's chair neither recorded nor flagged: {current}"
    assert all(t.is_recorded or not t.start.is_exact for t in current) or not any(t.is_recorded for t in current)


def test_who_chairs_answers_every_year_with_a_holder_a_status_and_a_source(tl):
    """Up to the data's day every year has a named chair; after it, a named chair or, where no written rule or
    decision names one, an honest `undetermined` turn (never an invented holder), each with its source."""
    recorded = tl.recorded_terms(tl.chair_office.id)
    first = max(recorded[0].period.start.year, 1990)
    for year in range(first, data_day(tl).year + 2):
        chairs = tl.chairs(str(year))
        assert chairs, f"no chair for {year}"
        for chair in chairs:
            assert tl.source_list(chair.term.sources), f"{year}: {chair.term.id} cites no source"
            if chair.term.holder is None and chair.term.group is not None:  # a group's turn, its state not chosen
                assert chair.term.group in tl.org.index.groups and chair.term.period.start > data_day(tl)
                continue
            if chair.term.is_undetermined:
                ahead = chair.term.period.start > data_day(tl) or not chair.term.first_known.is_exact
                current = chair.term.period.contains(data_day(tl))  # no source names today's chair: review lists it
                assert ahead or current, f"{year}: {chair.term.id} undetermined in the past"
                assert chair.term.holder is None and chair.term.rule is not None
                continue
            assert chair.member is not None and chair.member.id in tl.members, f"{year}: {chair.term.id}"
            assert chair.term.status.value in ("confirmed", "acting", "scheduled", "derived", "projected")


def test_every_departure_from_the_rule_is_explained(tl):
    open_ = [a.message for a in anomalies(tl) if not a.acknowledged]
    assert not open_, "\n".join(open_)


def test_every_exception_fits_its_rule(tl):
    assert [p.message for p in rule_problems(tl)] == []


def test_recorded_chairs_cover_the_last_ten_years(tl):
    """Where the history is long and regular the rule derives it, but the last ten years are recorded from sources
    (the few months no source could be found for are listed in the organisation's RULE.md)."""
    day = data_day(tl)
    terms = [t for t in tl.terms(tl.chair_office.id) if t.period.start.year >= day.year - 10 and t.period.start <= day]
    derived = [t.id for t in terms if not t.is_recorded]
    assert terms and len(derived) <= 0.05 * len(terms), derived


def test_session_chairs_match_the_chairmanship(tl):
    assert [e.id for e in session_chair_mismatches(tl)] == []


def test_chair_persons_held_a_national_office_of_the_member(tl):
    """Where the data records a member's national offices, the chair person held one of them, and no other
    holder of it is recorded for the whole chair term (attested terms have open ends)."""
    problems = []
    for term in tl.recorded_terms(tl.chair_office.id):
        offices = {o.id for o in tl.org.offices if o.member == term.holder}
        if term.person is None or not offices:
            continue
        national = [t for t in tl.org.terms if t.office in offices]
        mine = [t for t in national if t.holder == term.person]
        others = [t for t in national if t.holder != term.person and t.certain.covers(term.certain)]
        if not mine or others:
            problems.append(f"{term.id}: {term.person} held no office of '{term.holder}' during {term.period}")
    assert not problems, "\n".join(problems)


def test_people_belong_to_known_member_states(tl):
    assert all(p.member is None or p.member in tl.members for p in tl.org.people)


def test_every_trace_of_the_page_draws_something_and_each_body_has_a_legend_entry(tl):
    """A trace with no point is defaulted to invisible by Plotly (a body whose only events are known to the month,
    drawn as windows, once had an empty marker trace); each body still has one legend entry."""
    from timeline.core.asof import AsOf
    from timeline.render.html.figure import figure_spec
    from timeline.render.view import View

    spec = figure_spec(View(tl, AsOf.on(data_day(tl))))
    empty = [t.get("name") for t in spec["data"] if not [v for v in t.get("x") or [] if v is not None]]
    assert all(t.get("meta") == "key" for t in spec["data"] if t.get("name") in empty), empty
    bodies = {t["legendgroup"] for t in spec["data"] if str(t.get("legendgroup", "")).startswith("body-")}
    shown = {t["legendgroup"] for t in spec["data"] if t.get("legendgroup") in bodies and t.get("showlegend", True)}
    assert shown == bodies
