"""Events written directly (render.ical.direct) are icalendar's bytes: every session, term and handover of the
bundled data and of the fixture, in English and Russian, with the same pieces, hash, start and zones."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.dataset import FIXTURE_ASOF
from timeline.load import load_many
from timeline.render.ical import direct, events
from timeline.render.ical import prepared as ical_prepared
from timeline.render.lang import CODES, language

DATA = Path(__file__).resolve().parent.parent / "data"


def _same(fields: events.Fields) -> None:
    fast, slow = direct.prepare(fields), ical_prepared.prepare(events.component(fields))
    assert (fast.uid, fast.pieces, fast.digest, fast.moment, fast.zones) == (
        slow.uid,
        slow.pieces,
        slow.digest,
        slow.moment,
        slow.zones,
    )


def _every_event(tl, lang):
    for event in tl.events():
        yield events.event_fields(tl, event, lang)
    for office in tl.org.offices:
        for term in tl.terms(office.id, FIXTURE_ASOF.horizon):
            if term.is_undetermined:
                continue
            yield events.term_fields(tl, office, term, lang)
            handover = events.handover_fields(tl, office, term, lang)
            if handover is not None:
                yield handover


@pytest.mark.parametrize("code", CODES)
def test_the_bundled_data_writes_as_icalendar_writes_it(code):
    lang, seen = language(code), 0
    for tl in load_many(DATA):
        for fields in _every_event(tl, lang):
            _same(fields)
            seen += 1
    assert seen > 1000


@pytest.mark.parametrize("code", CODES)
def test_the_fixture_writes_as_icalendar_writes_it(fixture_tl, code):
    for fields in _every_event(fixture_tl, language(code)):
        _same(fields)


TEXT = st.text(
    alphabet=st.one_of(st.sampled_from("ab \\^,;:\t\n\r\\NЖ€😀"), st.characters(blacklist_categories=("Cs",)))
)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT, st.lists(TEXT, min_size=1, max_size=3), st.one_of(st.none(), TEXT), st.sampled_from(CODES))
def test_any_text_writes_as_icalendar_writes_it(summary, line, names, location, code):
    from datetime import date

    fields = events.Fields(
        "event/x@org.timeline", summary, date(2024, 1, 2), date(2024, 1, 3), "CONFIRMED", [line, None, summary],
        names, "https://example.org/a,b;c", location, language(code),
    )  # fmt: skip
    _same(fields)


URLS = st.one_of(st.none(), st.just("https://example.org/a,b;c/ru/feed.ics"), st.just("ftp://x"), TEXT)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT, URLS, URLS, st.sampled_from(CODES))
def test_a_calendar_s_head_writes_as_icalendar_writes_it(title, description, source, home, code):
    """render.ical.feeds.calendar writes a calendar without local times directly: the bytes icalendar writes for the
    same title, description (as the feed gives them: one line, no control characters), addresses and language."""
    from timeline.render.ical import feeds
    from timeline.render.words import clean, one_line

    title, description = one_line(title), clean(description)
    fast = direct.calendar_head((feeds.PRODID, title, description, "PUBLISH"), feeds.REFRESH, code, source, home)
    assert fast == feeds._head(title, description, {}, source, home, language(code))


def test_a_calendar_whose_language_code_or_refresh_needs_icalendar_is_left_to_it():
    from datetime import timedelta

    from timeline.render.ical import feeds

    properties = (feeds.PRODID, "T", "D", "PUBLISH")
    assert direct.calendar_head(properties, timedelta(minutes=90), "en", None, None) is None
    assert direct.calendar_head(properties, feeds.REFRESH, "x y", None, None) is None
    assert direct.calendar_head(properties, feeds.REFRESH, "en", None, None) is not None
