"""PartialDate, Period and Duration: every precision, every edge."""

from datetime import date

import pytest

from timeline.core.dates import Duration, PartialDate, Period, Precision
from timeline.errors import ValueProblem


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2022-11-23", Precision.DAY, date(2022, 11, 23), date(2022, 11, 23)),
        ("2023-11", Precision.MONTH, date(2023, 11, 1), date(2023, 11, 30)),
        ("2024-02", Precision.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-Q4", Precision.QUARTER, date(2023, 10, 1), date(2023, 12, 31)),
        ("2023-Q1", Precision.QUARTER, date(2023, 1, 1), date(2023, 3, 31)),
        ("2023", Precision.YEAR, date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_each_precision_has_bounds_and_round_trips(text, precision, earliest, latest):
    value = PartialDate.parse(text)
    assert value.precision is precision
    assert (value.earliest, value.latest) == (earliest, latest)
    assert str(value) == text
    assert PartialDate.parse(str(value)) == value
    assert value.span == Period(earliest, date.fromordinal(latest.toordinal() + 1))


def test_approximate_flag_round_trips_and_is_not_exact():
    value = PartialDate.parse("2025-12~")
    assert value.approximate and str(value) == "2025-12~"
    assert not PartialDate.parse("2025-12-20~").is_exact
    assert PartialDate.parse("2025-12-20").is_exact


@pytest.mark.parametrize(
    "text", ["2023-02-29", "2023-13", "2023-00", "2023-Q5", "2023-Q0", "23-11-2022", "2023-11-31", "", "soon"]
)
def test_impossible_or_malformed_dates_are_refused(text):
    with pytest.raises(ValueProblem):
        PartialDate.parse(text)


def test_leap_day_is_accepted():
    assert PartialDate.parse("2024-02-29").latest == date(2024, 2, 29)


def test_ordering_by_earliest_then_precision():
    items = [PartialDate.parse(t) for t in ("2023", "2023-Q4", "2023-10-01", "2022-12-31", "2023-10")]
    assert [str(d) for d in sorted(items)] == ["2022-12-31", "2023", "2023-10-01", "2023-10", "2023-Q4"]


def test_period_is_half_open_last_day_in_end_out():
    term = Period(date(2023, 1, 1), date(2024, 1, 1))
    assert term.contains(date(2023, 12, 31))  # the last day of the term
    assert not term.contains(date(2024, 1, 1))  # the handoff day belongs to the successor
    assert term.last_day == date(2023, 12, 31)
    successor = Period(date(2024, 1, 1), date(2025, 1, 1))
    assert not term.overlaps(successor) and not successor.overlaps(term)


def test_open_period_overlaps_everything_after_its_start():
    ongoing = Period(date(2026, 1, 1))
    assert ongoing.is_open and ongoing.contains(date(2100, 1, 1))
    assert ongoing.overlaps(Period(date(2030, 1, 1), date(2030, 1, 2)))
    assert not ongoing.overlaps(Period(date(2025, 1, 1), date(2026, 1, 1)))
    assert ongoing.covers(Period(date(2027, 1, 1)))
    assert not Period(date(2026, 1, 1), date(2027, 1, 1)).covers(ongoing)


def test_period_refuses_end_before_start_and_empty_periods_overlap_nothing():
    with pytest.raises(ValueProblem, match="ends before it starts"):
        Period(date(2023, 1, 1), date(2022, 12, 31))
    empty = Period(date(2023, 1, 1), date(2023, 1, 1))
    assert not empty.overlaps(Period(date(2022, 1, 1)))


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("P3Y", date(2023, 1, 1), date(2026, 1, 1)),
        ("P6M", date(2024, 1, 1), date(2024, 7, 1)),
        ("P1M", date(2024, 1, 31), date(2024, 2, 29)),
        ("P1Y", date(2024, 2, 29), date(2025, 2, 28)),
        ("P1Y6M", date(2023, 7, 1), date(2025, 1, 1)),
        ("P2W", date(2023, 12, 25), date(2024, 1, 8)),
    ],
)
def test_duration_after(text, start, expected):
    assert Duration.parse(text).after(start) == expected
    assert Duration.parse(text).after(start) > start


@pytest.mark.parametrize("text", ["P", "3Y", "P3X", "PT1H"])
def test_bad_durations_are_refused(text):
    with pytest.raises(ValueProblem):
        Duration.parse(text)


def test_kept_values_stay_out_of_the_instance_dict_and_out_of_pickles():
    """Periods and bounds are worked out once and kept in slots: the model's instances have no __dict__ (their fields
    are slots too), a pickle carries the fields alone, and the instance stays frozen."""
    import dataclasses
    import pickle

    from tests.helpers.facts import term
    from timeline.core.model import Event

    day = PartialDate.parse("2023-Q4")
    assert (day.earliest, day.latest) == (date(2023, 10, 1), date(2023, 12, 31))
    assert not hasattr(day, "__dict__")
    again = pickle.loads(pickle.dumps(day))
    assert again == day and again.span == day.span and b"_kept" not in pickle.dumps(day)
    one, two = term("a", "chair", "kz", "2020-01-01", "2021-01-01"), term("b", "chair", "ru", "2021-01-01")
    assert one.period.end == date(2021, 1, 1) and two.period.end is None and one.certain.start == date(2020, 1, 1)
    event = Event(id="e", body=None, title="Summit", date=day, sources=("s",))
    assert not hasattr(one, "__dict__") and not hasattr(event, "__dict__") and event.period.start == day.earliest
    assert b"_kept" not in pickle.dumps(one) and pickle.loads(pickle.dumps(event)) == event
    for name in ("period", "holder"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(one, name, two.period)
    assert pickle.loads(pickle.dumps(one)).period == one.period


def test_dates_of_one_day_or_text_share_one_instance_and_bad_ones_still_fail():
    """PartialDates read from the same text, or made from the same day, are one instance (its bounds kept once);
    a text that is not a date is refused as before, and not kept."""
    from timeline.core import dates

    assert PartialDate.parse("2023-11") is PartialDate.parse(" 2023-11 ")
    assert PartialDate.of(date(2022, 11, 23)) is PartialDate.of(date(2022, 11, 23)) == PartialDate.parse("2022-11-23")
    hedged = PartialDate.parse("2023-11~")
    assert hedged is not PartialDate.parse("2023-11") and hedged.approximate
    with pytest.raises(ValueProblem, match="impossible"):
        PartialDate.parse("2023-13-40")
    assert (PartialDate, "2023-13-40") not in dates.SHARED
