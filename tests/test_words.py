"""The wording every output shares (render.words): one place, so the terminal, feeds and pages say the same."""

from dataclasses import replace
from datetime import date

from timeline.core.dates import PartialDate, Period
from timeline.render.lang import EN, language
from timeline.render.words import both, day_text, esc, esc_label, holder_name, period_text, window


def test_a_day_and_a_partial_date_are_written_alike():
    assert day_text(date(2022, 11, 23)) == day_text(PartialDate.parse("2022-11-23")) == "23 Nov 2022"
    assert day_text(PartialDate.parse("2023-Q4")) == "Q4 2023"


def test_a_window_names_its_last_day_only_when_it_differs():
    first, last = PartialDate.parse("2023-07-10"), PartialDate.parse("2023-07-12")
    assert window(first, last) == "10 Jul 2023 – 12 Jul 2023"
    assert window(first, first) == window(first) == "10 Jul 2023"


def test_a_period_is_written_with_its_last_day_or_as_open():
    assert period_text(Period(date(2022, 11, 23), date(2024, 1, 1))) == "23 Nov 2022 – 31 Dec 2023"
    assert period_text(Period(date(2026, 1, 1))) == "since 1 Jan 2026"
    assert period_text(Period(date(2026, 1, 1)), "period.from") == "from 1 Jan 2026"


def test_page_text_escapes_quotes_plotly_labels_keep_them():
    """Attribute values need quotes escaped; Plotly's labels show them as they are (the figure JSON keeps them)."""
    assert esc('<b "x">') == "&lt;b &quot;x&quot;&gt;"
    assert esc_label('<b "x">') == '&lt;b "x"&gt;'


def test_a_second_name_is_added_only_when_it_differs():
    assert both("Minsk", "Минск") == "Minsk (Минск)"
    assert both("Minsk", None) == both("Minsk", "Minsk") == "Minsk"


def test_an_address_with_any_white_space_or_control_character_is_no_link():
    """Every code point that is white space (str.isspace) or a control character disqualifies an address (all of
    them lie below U+3100 or among the surrogates; a few others are checked to pass)."""
    from timeline.render.words import CONTROL, web_url

    for point in [*range(0x3100), *range(0xD800, 0xE000), 0xFEFF, 0x1F600, 0x10FFFF]:
        ch = chr(point)
        refused = ch.isspace() or CONTROL.match(ch) is not None
        assert (web_url(f"https://example.org/a{ch}b") is None) is refused, hex(point)


def test_an_undetermined_holder_is_worded_by_the_renderers_in_each_language(fixture_tl):
    """The core says only that nobody holds the turn (None); each language has its word for it."""
    term = replace(fixture_tl.terms(fixture_tl.chair_office.id)[0], holder=None)
    assert fixture_tl.holder(term) is None
    assert holder_name(fixture_tl, term, EN) == "undetermined"
    assert holder_name(fixture_tl, term, language("ru")) == "не определено"


def test_clean_keeps_printable_text_as_it_is_and_still_strips_the_rest():
    from timeline.render.words import clean

    for kept in ["Minsk", "Минск", "北京", "a b", "\u00a0nbsp", "zero\u200bwidth", "line\u2028separator"]:
        assert clean(kept) == kept
    assert clean("a\r\nb\rc\td\x1be\x7ff\x85g\ud800h") == "a\nb\nc\tdefgh"


def test_a_day_is_worded_once_and_each_precision_apart():
    """Days are kept once worded: the same day gives the same words, and a month or an approximate day is not
    taken for the exact day that begins it."""
    ru = language("ru")
    assert EN.day(date(2022, 11, 23)) == EN.day(date(2022, 11, 23)) == "23 Nov 2022"
    assert EN.day(PartialDate.parse("2023-11")) != EN.day(date(2023, 11, 1))
    assert EN.day(PartialDate.parse("2023-11-01~")) != EN.day(PartialDate.parse("2023-11-01"))
    assert ru.day(date(2022, 11, 23)) != EN.day(date(2022, 11, 23))
