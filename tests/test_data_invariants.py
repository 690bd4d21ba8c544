"""Invariants of the bundled data (data/csto): the chairmanship chains, chair persons held office,
session chairs match the chairmanship, every fact is sourced, who-chairs answers, anomalies are
acknowledged. Each test reads the data through timeline.load.load() with no arguments."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from timeline.core.audit import unsourced
from timeline.load import load

FIRST_YEAR, LAST_YEAR = 2002, 2027


@pytest.fixture(scope="module")
def tl():
    return load()


def chair_terms(tl):
    return tl.recorded_terms(tl.chair_office.id)


def gap_allowed(term) -> bool:
    """A gap after this term is allowed when its note explains it (mentions 'gap')."""
    return bool(term.note and "gap" in term.note.lower())


def test_chairmanship_chains_without_gap_or_overlap(tl):
    terms = chair_terms(tl)
    assert terms, "no chairmanship terms recorded"
    problems = []
    for before, after in itertools.pairwise(terms):
        if before.end is None:
            problems.append(f"{before.id} has no end but {after.id} follows it")
            continue
        if before.end_unknown:
            problems.append(f"{before.id} ends on an unknown date")
            continue
        if after.start is None:
            problems.append(f"{after.id} has no start")
            continue
        if before.end != after.start and not gap_allowed(before):
            problems.append(f"{before.id} ends {before.end} but {after.id} starts {after.start}")
        if before.end.earliest > after.start.latest:
            problems.append(f"{before.id} (to {before.end}) overlaps {after.id} (from {after.start})")
    assert not problems, "\n".join(problems)


def test_chairmanship_runs_to_the_present(tl):
    today = tl.org.data_date.earliest if tl.org.data_date else date.today()
    last = chair_terms(tl)[-1]
    assert last.period.contains(today), f"last chair term {last.id} does not cover {today}"


def test_chair_persons_held_a_national_office_of_the_member(tl):
    problems = []
    for term in chair_terms(tl):
        if term.person is None:
            problems.append(f"{term.id} names no chair person")
            continue
        offices = {o.id for o in tl.org.offices if o.member == term.holder}
        held = [
            t
            for t in tl.org.terms
            if t.office in offices and t.holder == term.person and t.period.overlaps(term.period)
        ]
        if not held:
            problems.append(f"{term.id}: {term.person} held no office of '{term.holder}' during {term.period}")
    assert not problems, "\n".join(problems)


def test_session_chairs_match_the_chairmanship(tl):
    terms = chair_terms(tl)
    problems = []
    for event in tl.sessions(body="csc"):
        if event.chair is None or event.chair_anomaly or not event.date.is_exact:
            continue
        day = event.date.earliest
        # On a handover day the outgoing chair (the term ending that day) presides; some sources
        # name the incoming one, which the term starting that day covers.
        holders = {t.holder for t in terms if t.period.contains(day) or t.period.end == day}
        if event.chair not in holders:
            problems.append(f"{event.id}: chair {event.chair}, chairmanship {sorted(holders) or 'none'}")
    assert not problems, "\n".join(problems)
    assert tl.session_chair_mismatches() == []


def test_every_fact_has_a_source(tl):
    missing = [what for what, _ in unsourced(tl.org)]
    assert not missing, "unsourced: " + ", ".join(missing)


def test_every_cited_source_has_a_title_and_a_location(tl):
    bad = [s.id for s in tl.org.sources_by_id.values() if not s.title or not (s.url or s.document)]
    assert not bad


@pytest.mark.parametrize("year", range(FIRST_YEAR, LAST_YEAR + 1))
def test_who_chairs_answers_for_every_year(tl, year):
    chairs = tl.chairs(str(year))
    assert chairs, f"no chair for {year}"
    for chair in chairs:
        assert chair.member.id in tl.members


def test_all_anomalies_are_acknowledged(tl):
    open_ = [a.message for a in tl.anomalies() if not a.acknowledged]
    assert not open_, "\n".join(open_)


def test_frozen_member_is_skipped_by_projection(tl):
    am = tl.members["am"]
    assert am.standing_on(date(2028, 1, 1)).value == "frozen"
    projected = [c.member.id for c in tl.chairs("2028") if c.term.is_projected]
    assert "am" not in projected


def test_regular_sessions_known_to_the_day_hand_over_or_are_explained(tl):
    """Under the session rules a regular session is a handover day unless a term spans it with a note."""
    terms = chair_terms(tl)
    starts = {t.start.earliest for t in terms if t.start is not None and t.start.is_exact}
    problems = []
    for event in tl.sessions(body="csc"):
        if not event.is_regular_session or not event.date.is_exact or event.status.value != "held":
            continue
        day = event.date.earliest
        if day >= date(2022, 11, 24) or day in starts:
            continue
        if not event.note:
            problems.append(f"{event.id}: regular session without a handover and without a note")
    assert not problems, "\n".join(problems)
