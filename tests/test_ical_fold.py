"""Folding over byte slices (render.ical.fold) writes exactly the bytes icalendar writes: any text, any component."""

from __future__ import annotations

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser.content_line import Contentline

from timeline.render.ical.fold import fold, serialise

TEXT = st.text(
    alphabet=st.one_of(st.sampled_from("ab \\^,;:\tЖжЯ€é𝄞😀"), st.characters(blacklist_categories=("Cs",))),
    max_size=600,
).map(lambda s: s.replace("\n", "").replace("\r", ""))
"""Lines of one-, two-, three- and four-octet characters, with the escapes icalendar keeps whole."""


@settings(max_examples=2000, deadline=None)
@given(TEXT)
def test_a_line_folds_as_icalendar_folds_it(line):
    assert fold(line) == Contentline(line).to_ical()


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT, st.sampled_from(["ru", "en"]))
def test_an_event_serialises_as_icalendar_serialises_it(summary, description, language):
    event = icalendar.Event()
    event.add("UID", "ru/event/x@org.timeline")
    event.add("SUMMARY", summary, parameters={"LANGUAGE": language})
    event.add("DESCRIPTION", description)
    event.add("CATEGORIES", [summary[:40] or "x", "сессия"])
    assert serialise(event) == event.to_ical()


def test_the_cuts_fall_between_characters_and_before_an_escape():
    line = "DESCRIPTION:" + "ж" * 30 + "a\\n" + "я" * 40  # the 74th octet is the backslash of an escape
    lines = fold(line).split(b"\r\n ")
    assert all(len(piece) <= 74 for piece in lines) and b"".join(lines).decode() == line
    assert lines[0].endswith(b"a") and lines[1].startswith(b"\\n")  # the escape is carried whole
    assert len(lines[1]) == 74  # the escape and 36 letters of two octets: a 37th would make 76
