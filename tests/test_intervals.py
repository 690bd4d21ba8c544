"""The interval index answers exactly as a scan would, on random spans (terms, events, open ends, overlaps)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.core.dates import Period
from timeline.core.intervals import IntervalIndex

BASE = date(2000, 1, 1)
SPANS = st.lists(
    st.tuples(st.integers(0, 400), st.one_of(st.none(), st.integers(0, 120))).map(
        lambda t: Period(BASE + timedelta(days=t[0]), None if t[1] is None else BASE + timedelta(days=t[0] + t[1]))
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(SPANS, st.integers(-10, 520), st.one_of(st.none(), st.integers(0, 200)))
def test_overlapping_is_the_scan(
    periods,
    start,
    length,
):
    index = IntervalIndex(periods, lambda p: (p.start, p.end))
    query = Period(BASE + timedelta(days=start), None if length is None else BASE + timedelta(days=start + length))
    expected = sorted((p for p in periods if p.overlaps(query)), key=lambda p: (p.start, periods.index(p)))
    assert sorted(index.overlapping(query.start, query.end), key=lambda p: (p.start, periods.index(p))) == expected


@settings(max_examples=300, deadline=None)
@given(SPANS, st.integers(-10, 520))
def test_containing_is_the_scan(periods, day):
    index = IntervalIndex(periods, lambda p: (p.start, p.end))
    when = BASE + timedelta(days=day)
    assert sorted(map(str, index.containing(when))) == sorted(str(p) for p in periods if p.contains(when))


def test_items_come_back_in_start_order_and_empty_spans_never_match():
    periods = [
        Period(date(2001, 1, 1), date(2002, 1, 1)),
        Period(date(2000, 1, 1)),
        Period(date(2000, 6, 1), date(2000, 6, 1)),
    ]
    index = IntervalIndex(periods, lambda p: (p.start, p.end))
    assert index.overlapping(date(1999, 1, 1), None) == [periods[1], periods[0]]
    assert index.containing(date(2000, 6, 1)) == [periods[1]]
    assert index.overlapping(date(2000, 1, 1), date(2000, 1, 1)) == []
