"""The feeds in Russian (issue 13): the same feeds and events as the English ones, in Russian words, names and dates,
LANGUAGE=ru on every text property, UIDs of their own (`ru/…`), SEQUENCE and withdrawals kept per language.

The five parsers read them alike (tests/test_ical_parsers.py runs every test on both languages)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from tests.helpers.dataset import FIXTURE_ASOF
from tests.helpers.edits import edit_events
from tests.helpers.hostile import BASE, PAYLOADS, check_feed, poisoned
from timeline.load import load
from timeline.render.ical.feeds import render_combined, render_feeds
from timeline.render.ical.state import GRACE_DAYS
from timeline.render.lang import EN, language
from timeline.render.view import SiteView, View

RU = language("ru")
STAMP = datetime(2024, 6, 1, tzinfo=UTC)
LATER = datetime(2024, 6, 8, tzinfo=UTC)
TEXT = ("SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES")
CALENDAR_TEXT = ("NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC")
ENGLISH_WORDS = [
    "Status:", "When:", "Where:", "Format:", "Chair:", "Participants:", "Decisions:", "Announced", "Note:",
    "Sources:", "Holder:", "Exercised by:", "Term:", "Appointed at:", "local time", "takes over", "takes office",
    "day not known", "no end recorded", "(withdrawn)", "Everything", "sessions and meetings", "Withdrawn:",
]  # fmt: skip
"""The feeds' own English words (the catalogue's): none is left in a Russian feed. Text from the data that has
no Russian yet (an event's title, a note, a source's title) stays as written."""


def rendered(tl, lang, **options) -> dict:
    feeds, _ = render_feeds(View(tl, FIXTURE_ASOF, lang), stamp=STAMP, **options)
    return {feed.name: feed for feed in feeds}


def vevents(feed) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")}


def value(event: icalendar.Event, prop: str) -> bytes | None:
    return event[prop].to_ical() if prop in event else None


def unfolded(feed) -> str:
    return feed.content.decode("utf-8").replace("\r\n ", "")


@pytest.fixture(scope="module")
def both(fixture_tl):
    base = "https://example.org/tl/"
    return rendered(fixture_tl, EN, base_url=base), rendered(fixture_tl, RU, base_url=base)


def test_the_same_feeds_with_the_same_names_and_event_counts(both):
    english, russian = both
    assert list(russian) == list(english)
    assert {n: f.events for n, f in russian.items()} == {n: f.events for n, f in english.items()}
    assert russian["testorg-sessions.ics"].title == "Тестовая организация государств — Сессии и заседания всех органов"
    assert russian["testorg-all.ics"].title.endswith("— Всё")


def test_every_text_property_says_it_is_russian(both):
    _, russian = both
    for feed in russian.values():
        cal = icalendar.Calendar.from_ical(feed.content)
        for name in CALENDAR_TEXT:
            assert cal[name].params["LANGUAGE"] == "ru", (feed.name, name)
        for event in cal.walk("VEVENT"):
            present = [name for name in TEXT if name in event]
            assert {"SUMMARY", "DESCRIPTION", "CATEGORIES"} <= set(present)
            assert all(event[name].params.get("LANGUAGE") == "ru" for name in present), (feed.name, event["UID"])
        raw = unfolded(feed)
        assert "SUMMARY;LANGUAGE=ru:" in raw and "DESCRIPTION;LANGUAGE=ru:" in raw and "NAME;LANGUAGE=ru:" in raw


def test_the_english_feeds_carry_no_language_parameter(both):
    english, _ = both
    assert not [name for name, feed in english.items() if b"LANGUAGE=" in feed.content]


def test_cyrillic_names_russian_words_and_cldr_dates(both):
    _, russian = both
    sessions = vevents(russian["testorg-sessions.ics"])
    summer = sessions["ru/event/summer-2023@testorg.timeline"]
    assert str(summer["SUMMARY"]) == "Совет глав государств: Summer session, Minsk", "no title_ru yet: the title"
    assert str(summer["LOCATION"]) == "Минск (Minsk), Беларусь"  # CLDR names a country that is no member
    assert [str(c) for c in summer["CATEGORIES"].cats] == ["Тестовая организация государств", "Совет глав государств",
                                                          "сессия"]  # fmt: skip
    description = str(summer["DESCRIPTION"])
    for expected in (
        "Совет глав государств (Council of Heads of State) — сессия",
        "Статус: состоялось",
        "Когда: 10 июля 2023, 10:00–13:30 по местному времени (Europe/Minsk)",
        "Где: Минск (Minsk), Беларусь",
        "Формат: узкий состав, пленарное заседание",
        "Председатель: Альфаленд (Alphaland) — Иван Иванов (Ivan Ivanov)",
        "Источники:\n- 15 июля 2023: Press release: summer session, Minsk; decisions, budget & more",
    ):
        assert expected in description
    autumn = sessions["ru/event/autumn-2024@testorg.timeline"]
    assert str(autumn["SUMMARY"]).endswith("(запланировано; 4-й квартал 2024, день неизвестен)")
    assert "Когда: 4-й квартал 2024 (точный день неизвестен; показан весь промежуток)" in str(autumn["DESCRIPTION"])
    chair = vevents(russian["testorg-chairmanship.ics"])
    term = chair["ru/turn/council-chair/2023-07-10@testorg.timeline"]
    assert str(term["SUMMARY"]) == "Chairmanship of the Council (Тестовая организация государств): Бетастан"
    gammaria = chair["ru/turn/council-chair/2024-01-01@testorg.timeline"]
    assert str(gammaria["SUMMARY"]).endswith("): Гаммария — Cyril Gammov"), "no name_ru: as written"
    assert "Срок: 10 июля 2023 – 31 декабря 2023" in str(term["DESCRIPTION"])
    projected = chair["ru/turn/council-chair/2026-01-01@testorg.timeline"]
    assert str(projected["SUMMARY"]).endswith("(прогноз)") and str(projected["STATUS"]) == "TENTATIVE"
    handover = vevents(russian["testorg-all.ics"])["ru/handover-turn/council-chair/2023-07-10@testorg.timeline"]
    assert str(handover["SUMMARY"]) == (
        "Chairmanship of the Council (Тестовая организация государств): с этого дня Бетастан"
    )


def test_no_english_word_of_the_feeds_is_left(both):
    _, russian = both
    for feed in russian.values():
        text = "\n".join(str(e.get(name, "")) for e in vevents(feed).values() for name in TEXT)
        text += feed.title + feed.description
        assert not [word for word in ENGLISH_WORDS if word in text], feed.name


def test_the_events_are_the_english_ones_at_the_same_times(both):
    """One Russian VEVENT for each English one: its UID is the English UID after `ru/`, its times, status and
    SEQUENCE the same."""
    english, russian = both
    for name, feed in english.items():
        ours = {uid: e for uid, e in vevents(russian[name]).items()}
        theirs = {f"ru/{uid}": e for uid, e in vevents(feed).items()}
        assert set(ours) == set(theirs), name
        for uid, event in ours.items():
            for prop in ("DTSTART", "DTEND", "STATUS", "SEQUENCE", "CREATED", "LAST-MODIFIED", "TRANSP", "URL"):
                assert value(event, prop) == value(theirs[uid], prop), (name, uid, prop)


def test_sources_and_urls_point_at_the_russian_files(both):
    english, russian = both
    raw = unfolded(russian["testorg-sessions.ics"])
    assert "SOURCE;VALUE=URI:https://example.org/tl/ru/testorg/testorg-sessions.ics\r\n" in raw
    assert "URL;VALUE=URI:https://example.org/tl/\r\n" in raw
    assert "SOURCE;VALUE=URI:https://example.org/tl/testorg/testorg-sessions.ics\r\n" in unfolded(
        english["testorg-sessions.ics"]
    )


def test_the_combined_feed_in_russian(fixture_tl, csto):
    both = SiteView((fixture_tl, csto), FIXTURE_ASOF)
    english, _ = render_combined(both, stamp=STAMP, base_url="https://example.org")
    russian, state = render_combined(both.in_language(RU), stamp=STAMP, base_url="https://example.org")
    assert russian.title == "Все председательства" and russian.events == english.events
    assert set(vevents(russian)) == {f"ru/{uid}" for uid in vevents(english)}
    assert "SOURCE;VALUE=URI:https://example.org/ru/chairmanships.ics" in unfolded(russian)
    assert all(uid.startswith("ru/") for uid in state["events"])
    chair = rendered(fixture_tl, RU)["testorg-chairmanship.ics"]
    assert {u for u in vevents(russian) if "@testorg." in u} == set(vevents(chair)), "the organisation's own UIDs"


# Updates: UIDs, SEQUENCE and withdrawals, per language -----------------------------------------------------------

PUBLISHED: dict[str, dict[str, bytes]] = {"en": {}, "ru": {}}


def build(data: Path, stamp: datetime, previous: dict | None, lang):
    """One language's feeds, against its own previous state and its own feeds as last published."""
    tl = load(data, "testorg")
    published = PUBLISHED[lang.code]
    feeds, state = render_feeds(View(tl, FIXTURE_ASOF, lang), stamp=stamp, previous=previous, published=published.get)
    published.clear()
    published.update({f.name: f.content for f in feeds})
    return {f.name: f for f in feeds}, json.loads(json.dumps(state))


def test_a_rebuild_keeps_the_russian_uids_and_bytes(data_copy):
    first, state = build(data_copy, STAMP, None, RU)
    again, state_again = build(data_copy, STAMP, state, RU)
    assert {n: f.content for n, f in again.items()} == {n: f.content for n, f in first.items()}
    assert state_again == state
    assert all(uid.startswith("ru/") for uid in state["events"])


def test_an_edit_raises_sequence_in_russian_too(data_copy):
    states = {}
    for lang in (EN, RU):
        _, states[lang.code] = build(data_copy, STAMP, None, lang)

    def change(entries):
        for entry in entries:
            if entry["id"] == "winter-2024":
                entry["date"] = "2024-01-18"
        return entries

    edit_events(data_copy, change)
    for lang, prefix in ((EN, ""), (RU, "ru/")):
        second, _ = build(data_copy, LATER, states[lang.code], lang)
        events = vevents(second["testorg-sessions.ics"])
        changed = events[f"{prefix}event/winter-2024@testorg.timeline"]
        assert int(changed["SEQUENCE"]) == 1 and changed.decoded("LAST-MODIFIED") == LATER
        assert changed.decoded("CREATED") == STAMP
        assert int(events[f"{prefix}event/summer-2023@testorg.timeline"]["SEQUENCE"]) == 0


def test_a_removed_event_is_withdrawn_in_russian(data_copy):
    _, state = build(data_copy, STAMP, None, RU)
    edit_events(data_copy, lambda entries: [e for e in entries if e["id"] != "berlin-summer-2024"])
    second, state2 = build(data_copy, LATER, state, RU)
    uid = "ru/event/berlin-summer-2024@testorg.timeline"
    for name in ("testorg-sessions.ics", "testorg-all.ics"):
        withdrawn = vevents(second[name])[uid]
        assert str(withdrawn["STATUS"]) == "CANCELLED" and int(withdrawn["SEQUENCE"]) == 1
        assert str(withdrawn["SUMMARY"]) == "CM: Ministers' meeting in Berlin (отозвано)"
        assert withdrawn["SUMMARY"].params["LANGUAGE"] == "ru" and withdrawn["DESCRIPTION"].params["LANGUAGE"] == "ru"
        assert str(withdrawn["DESCRIPTION"]).startswith(
            "Отозвано: эта запись удалена из данных 2024-06-08. Она остаётся здесь как отменённая до 2024-09-06"
        )
    third, _ = build(data_copy, LATER + timedelta(days=GRACE_DAYS), state2, RU)
    assert uid not in vevents(third["testorg-sessions.ics"])


def test_a_withdrawal_without_the_last_feed_is_russian_too(data_copy):
    _, state = build(data_copy, STAMP, None, RU)
    PUBLISHED["ru"].clear()  # the previous feed files are gone: only the state is left
    edit_events(data_copy, lambda entries: [e for e in entries if e["id"] != "berlin-summer-2024"])
    second, _ = build(data_copy, LATER, state, RU)
    bare = vevents(second["testorg-sessions.ics"])["ru/event/berlin-summer-2024@testorg.timeline"]
    assert str(bare["SUMMARY"]) == "(отозвано)" and bare["SUMMARY"].params["LANGUAGE"] == "ru"
    assert str(bare["DESCRIPTION"]) == "Отозвано: эта запись удалена из данных 2024-06-08."


def test_each_language_keeps_its_own_sequence(data_copy):
    """The states are apart: an English rebuild does not move the Russian SEQUENCE, and a Russian feed built without
    its state starts again at 0 while the English one goes on."""
    _, english = build(data_copy, STAMP, None, EN)
    _, russian = build(data_copy, STAMP, None, RU)
    edit_events(data_copy, lambda entries: [{**e, "title": "New"} if e["id"] == "winter-2024" else e for e in entries])
    en_second, _ = build(data_copy, LATER, english, EN)
    ru_second, _ = build(data_copy, LATER, russian, RU)
    ru_fresh, _ = build(data_copy, LATER, None, RU)
    sequence = re.compile(rb"SEQUENCE:(\d+)")
    assert sequence.findall(en_second["testorg-sessions.ics"].content) == sequence.findall(
        ru_second["testorg-sessions.ics"].content
    )
    assert set(sequence.findall(ru_fresh["testorg-sessions.ics"].content)) == {b"0"}


# Hostile data ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_hostile_text_in_every_field_stays_text_in_the_russian_feeds(fixture_tl, name):
    """The payloads of tests/test_injection.py in every text field (Russian names included): every Russian feed
    has its events and nothing more, no control character, only http(s) URLs, and parses strictly."""
    clean_feeds, _ = render_feeds(View(fixture_tl, FIXTURE_ASOF, RU), stamp=STAMP)
    clean_combined, _ = render_combined(SiteView((fixture_tl,), FIXTURE_ASOF, RU), stamp=STAMP)
    tl, _ = poisoned(fixture_tl, name)
    feeds, _ = render_feeds(View(tl, FIXTURE_ASOF, RU), stamp=STAMP, base_url=BASE)
    combined, _ = render_combined(SiteView((tl,), FIXTURE_ASOF, RU), stamp=STAMP, base_url=BASE)
    expected = {f.name: f.events for f in [*clean_feeds, clean_combined]}
    assert {f.name: f.events for f in [*feeds, combined]} == expected
    for feed in [*feeds, combined]:
        check_feed(feed, expected[feed.name])
