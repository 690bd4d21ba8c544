"""What the feeds say: which feeds exist, how each kind of event is encoded, calendar properties, text."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.helpers.dataset import FIXTURE_ASOF
from timeline.render.ical.feeds import render_feeds
from timeline.render.ical.tz import vtimezone
from timeline.render.view import View

STAMP = datetime(2024, 6, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def feeds(fixture_tl):
    rendered, _ = render_feeds(View(fixture_tl, FIXTURE_ASOF), stamp=STAMP, base_url="https://example.org/tl/")
    return {feed.name: feed for feed in rendered}


def events(feed) -> dict[str, icalendar.Event]:
    """VEVENTs by the data id in their UID ('term/chair-aa-2022@testorg.timeline' -> 'term/chair-aa-2022')."""
    cal = icalendar.Calendar.from_ical(feed.content)
    return {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}


def test_a_few_feeds_a_person_would_pick(feeds):
    """The chair, the sessions, everything: the secretary general changes hands in "everything" only, and the bodies
    (three sessions and two) are too small for feeds of their own."""
    assert list(feeds) == ["testorg-chairmanship.ics", "testorg-sessions.ics", "testorg-all.ics"]
    assert feeds["testorg-chairmanship.ics"].title == "TOS — Chairmanship of the Council"
    assert {name: f.events for name, f in feeds.items()} == {
        "testorg-chairmanship.ics": 8,  # 3 recorded, 5 projected to 2029
        "testorg-sessions.ics": 5,
        "testorg-all.ics": 15,  # 5 events, 8 chair handovers, 2 secretary-general handovers
    }


def test_a_body_with_many_sessions_has_a_feed_of_its_own(fixture_tl, monkeypatch):
    from timeline.render.ical import feeds as ical_feeds

    monkeypatch.setattr(ical_feeds, "BODY_FEED_EVENTS", 3)
    rendered, _ = render_feeds(View(fixture_tl, FIXTURE_ASOF), stamp=STAMP)
    assert [f.name for f in rendered] == [
        "testorg-chairmanship.ics",
        "testorg-sessions.ics",
        "testorg-sessions-council.ics",  # three sessions; the ministers' two have none
        "testorg-all.ics",
    ]
    assert rendered[2].title == "TOS — Council of Heads of State: sessions and meetings"


def test_terms_are_transparent_all_day_spans_with_exclusive_end(feeds):
    chair = events(feeds["testorg-chairmanship.ics"])
    term = chair["turn/council-chair/2023-07-10"]  # a rotating office's turn: office and first day
    assert term.decoded("DTSTART") == date(2023, 7, 10)
    assert term.decoded("DTEND") == date(2024, 1, 1)  # the data's exclusive end, not the last day
    assert "DTSTART;VALUE=DATE:20230710" in term.to_ical().decode()
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in chair.values())
    projected = chair["turn/council-chair/2026-01-01"]
    assert str(projected["STATUS"]) == "TENTATIVE" and "projected" in str(projected["SUMMARY"])
    assert "Betastan skipped: participation frozen since 15 Feb 2024" in str(projected["DESCRIPTION"])
    assert str(term["STATUS"]) == "CONFIRMED"


def test_combined_feed_shows_handover_days_not_spans(feeds):
    combined = events(feeds["testorg-all.ics"])
    assert not [uid for uid in combined if uid.startswith(("term/", "turn/"))]
    handover = combined["handover-turn/council-chair/2023-07-10"]
    assert str(handover["SUMMARY"]) == "Betastan takes over the Chairmanship of the Council (TOS)"
    assert (handover.decoded("DTSTART"), handover.decoded("DTEND")) == (date(2023, 7, 10), date(2023, 7, 11))
    office = combined["handover/sg-petrova"]
    assert str(office["SUMMARY"]).endswith("takes office as TOS Secretary General")


def test_sessions_timed_all_day_multi_day_imprecise_cancelled(feeds):
    sessions = events(feeds["testorg-sessions.ics"])
    summer = sessions["event/summer-2023"]
    assert summer.decoded("DTSTART") == datetime(2023, 7, 10, 10, 0, tzinfo=ZoneInfo("Europe/Minsk"))
    assert "DTSTART;TZID=Europe/Minsk:20230710T100000" in summer.to_ical().decode()
    winter = sessions["event/winter-2024"]
    assert (winter.decoded("DTSTART"), winter.decoded("DTEND")) == (date(2024, 1, 19), date(2024, 1, 21))
    autumn = sessions["event/autumn-2024"]  # 2024-Q4: never a pretended day
    assert (autumn.decoded("DTSTART"), autumn.decoded("DTEND")) == (date(2024, 10, 1), date(2025, 1, 1))
    assert str(autumn["STATUS"]) == "TENTATIVE"
    assert str(autumn["SUMMARY"]) == "CHS: Autumn session (planned; Q4 2024, day not known)"
    cancelled = sessions["event/cancelled-2024"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and "cancelled" in str(cancelled["SUMMARY"])


def test_event_text_location_url_categories(feeds):
    summer = events(feeds["testorg-sessions.ics"])["event/summer-2023"]
    assert str(summer["LOCATION"]) == "Minsk (Минск), Belarus"
    assert str(summer["URL"]) == "https://example.org/tos/press/1?a=1&b=2"
    assert [str(c) for c in summer["CATEGORIES"].cats] == ["TOS", "CHS", "session"]
    description = str(summer["DESCRIPTION"])
    for expected in (
        "Council of Heads of State (Совет глав государств)",
        "10:00–13:30 local time (Europe/Minsk)",
        "Chair: Alphaland (Альфаленд) — Ivan Ivanov (Иван Иванов)",
        'Maria Petrova; "Masha", the \\ chair (Мария Петрова)',
        "- Budget for 2024; approved, with reservations\\notes",
        "Sources:\n- 15 Jul 2023: Press release",
    ):
        assert expected in description


def test_rfc5545_escaping_of_text(feeds):
    raw = feeds["testorg-all.ics"].content.decode("utf-8").replace("\r\n ", "")
    assert 'SUMMARY:Maria Petrova\\; "Masha"\\, the \\\\ chair takes office as TOS Secretary General' in raw
    assert "- Budget for 2024\\; approved\\, with reservations\\\\notes" in raw


def test_lines_are_folded_at_75_octets_without_splitting_utf8(feeds):
    for feed in feeds.values():
        lines = feed.content.split(b"\r\n")
        assert lines[-1] == b"" and b"\n" not in feed.content.replace(b"\r\n", b"")
        for line in lines:
            assert len(line) <= 75, (feed.name, line)
            line.decode("utf-8")  # raises if a fold split a character
    long_cyrillic = [line for line in feeds["testorg-all.ics"].content.split(b"\r\n") if line.startswith(b" ")
                     and any(b >= 0xD0 for b in line)]  # fmt: skip
    assert long_cyrillic, "the fixture should exercise folding inside Cyrillic text"


def test_calendar_properties(feeds):
    feed = feeds["testorg-sessions.ics"]
    cal = icalendar.Calendar.from_ical(feed.content)
    raw = feed.content.decode("utf-8").replace("\r\n ", "")  # unfolded
    assert str(cal["VERSION"]) == "2.0" and str(cal["CALSCALE"]) == "GREGORIAN" and str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["PRODID"]).startswith("-//timeline//")
    assert str(cal["NAME"]) == feed.title == "TOS — Sessions and meetings of all bodies"
    assert "X-WR-CALNAME:TOS — Sessions and meetings of all bodies\r\n" in raw
    assert "X-WR-CALDESC:Sessions and meetings of all bodies of the Test Organisation of States" in raw
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in raw and "X-PUBLISHED-TTL:PT12H\r\n" in raw
    assert "SOURCE;VALUE=URI:https://example.org/tl/testorg/testorg-sessions.ics\r\n" in raw
    assert "URL;VALUE=URI:https://example.org/tl/\r\n" in raw
    assert "\nUID:" not in raw.split("BEGIN:V", 2)[1]  # no random calendar UID


def test_no_source_without_base_url(fixture_tl):
    feeds, _ = render_feeds(View(fixture_tl, FIXTURE_ASOF), stamp=STAMP)
    assert all(b"SOURCE" not in f.content and b"\r\nURL;VALUE=URI" not in f.content for f in feeds)


def test_every_event_is_stamped_from_the_given_stamp(feeds):
    for feed in feeds.values():
        for event in events(feed).values():
            assert event.decoded("DTSTAMP") == STAMP
            assert event.decoded("LAST-MODIFIED") == STAMP and int(event["SEQUENCE"]) == 0


ZONES = [("Europe/Berlin", (2023, 2025)), ("Asia/Almaty", (2024, 2024)), ("America/St_Johns", (2024, 2024)),
         ("Europe/Minsk", (2023, 2023))]  # fmt: skip


@pytest.mark.parametrize(("tzid", "years"), ZONES)
def test_vtimezones_match_the_iana_zone_hour_by_hour(tzid, years):
    """Read our VTIMEZONE back as a tzinfo (not by its name) and compare with zoneinfo at every local hour."""
    component = vtimezone(tzid, *years)
    text = component.to_ical().decode()
    assert "RDATE" not in text and "RRULE" not in text  # one DTSTART per transition, nothing to expand
    ours, iana = component.to_tz(lookup_tzid=False), ZoneInfo(tzid)
    moment = datetime(years[0], 1, 1)
    checked = 0
    while moment < datetime(years[1] + 1, 1, 1):
        real = moment.replace(tzinfo=iana).utcoffset() == moment.replace(tzinfo=iana, fold=1).utcoffset()
        if real:  # skip the hour that does not exist (spring) or happens twice (autumn)
            assert ours.utcoffset(moment) == iana.utcoffset(moment), moment
            checked += 1
        moment += timedelta(hours=1)
    assert checked > 8700 * (years[1] - years[0] + 1)


def test_feeds_need_only_the_years_they_use(fixture_tl, monkeypatch):
    from timeline.render.ical import feeds as ical_feeds

    monkeypatch.setattr(ical_feeds, "BODY_FEED_EVENTS", 2)
    rendered, _ = render_feeds(View(fixture_tl, FIXTURE_ASOF), stamp=STAMP)
    raw = {f.name: f for f in rendered}["testorg-sessions-ministers.ics"].content.decode()
    assert raw.count("BEGIN:VTIMEZONE") == 1 and "TZID:Europe/Berlin" in raw
    assert raw.count("BEGIN:DAYLIGHT") == 1  # 2024 only


def test_feed_module_does_not_load_icalendar_for_other_commands():
    import subprocess

    code = "import sys, timeline.cli.feeds; print('icalendar' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_month_precision_approximate_days_and_open_terms(data_copy):
    """A month-only date spans its month; an 'about' day stays one day but tentative; an open term shows its start."""
    from timeline.load import load

    events_file = data_copy / "testorg" / "events.yaml"
    text = events_file.read_text(encoding="utf-8")
    text = text.replace("date: 2024-03-05\n", "date: 2024-03\n").replace("date: 2024-07-02\n", "date: 2024-07-02~\n")
    events_file.write_text(text, encoding="utf-8")
    terms_file = data_copy / "testorg" / "terms.yaml"
    terms_file.write_text(terms_file.read_text(encoding="utf-8").replace(" length: P3Y,", ""), encoding="utf-8")
    rendered, _ = render_feeds(View(load(data_copy, "testorg"), FIXTURE_ASOF), stamp=STAMP)
    by_name = {feed.name: feed for feed in rendered}
    sessions = events(by_name["testorg-sessions.ics"])
    month = sessions["event/cancelled-2024"]
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (date(2024, 3, 1), date(2024, 4, 1))
    assert str(month["SUMMARY"]) == "CM: Ministers' meeting (cancelled; Mar 2024, day not known)"
    assert str(month["STATUS"]) == "CANCELLED"
    about = sessions["event/berlin-summer-2024"]
    assert (about.decoded("DTSTART"), about.decoded("DTEND")) == (date(2024, 7, 2), date(2024, 7, 3))  # no time
    assert str(about["STATUS"]) == "TENTATIVE" and "(about 2 Jul 2024)" in str(about["SUMMARY"])
    open_term = events(by_name["testorg-all.ics"])["handover/sg-petrova"]  # the office's day only: no feed of its own
    assert (open_term.decoded("DTSTART"), open_term.decoded("DTEND")) == (date(2023, 1, 1), date(2023, 1, 2))
    assert "no end recorded" in str(open_term["DESCRIPTION"])


def test_a_feed_is_its_pieces_in_order_however_they_are_read(feeds):
    """A feed's chunks (stamped as they are read) have the length, items and bytes of the list they stand for, and
    the feeds that carry one event share its pieces, not copies."""
    everything, sessions = feeds["testorg-all.ics"], feeds["testorg-sessions.ics"]
    listed = list(everything.chunks)
    assert len(everything.chunks) == len(listed) and everything.chunks[-1] == listed[-1] == b"END:VCALENDAR\r\n"
    assert everything.chunks[0].startswith(b"BEGIN:VCALENDAR\r\n") and everything.chunks[1:3] == listed[1:3]
    assert b"".join(listed) == everything.content and everything.size == len(everything.content)
    shared = {id(piece) for piece in sessions.chunks if piece.startswith(b"DESCRIPTION")}
    assert shared and shared <= {id(piece) for piece in listed}
