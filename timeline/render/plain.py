"""Wording from plain values (texts, days, a catalogue's sentences), needing neither the model, Babel nor arrow.

The terminal's `who-chairs` answer is put together here, from parts that do not depend on the day it is asked
(`text.chair_parts`: the heading around its label, the holder, note and source lines, and each span's dates) and
the words that do (how long ago a span began or ended). The full path (`text.chair_lines`) and the answers cache
(`timeline.cli.answers`) both use it, so the two print the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

CODES = ("en", "ru")
"""The languages, English first (the default)."""

STATUS_ORDER = ("acting", "scheduled", "derived", "projected", "undetermined")
"""The statuses a gloss explains, in the order the glosses are shown (a confirmed term needs none)."""

EVENT_GLOSSES = ("planned", "postponed")
"""The event statuses a gloss explains, after the terms' statuses."""

SPAN_WORDS = (
    "span.open",
    "span.open.maybe_begun",
    "span.ended",
    "span.starts",
    "span.current",
    "span.current.maybe_begun",
    "span.current.maybe_ended",
    "span.current.maybe_both",
    "today",
)
"""The catalogue's sentences a span's words need."""

WORD_KEYS = (
    *SPAN_WORDS,
    *(f"status.gloss.{s}" for s in STATUS_ORDER),
    *(f"event.gloss.{s}" for s in EVENT_GLOSSES),
)
"""Every sentence `chair_text` and `gloss` take from a catalogue."""

Part = str | list
"""A line of an answer as kept: a text, ["label", before, after] (the heading around the label asked about), or
["span", indent, dates, first day, exclusive end or None, caveats, last possible first day or None, first possible end
or None] (ISO days; the words of the span are the day's; the last two for bounds known only roughly)."""


Say = Callable[..., str]
"""A catalogue's sentence `key` with its placeholders filled: say(key, **values) (`Language`, `Sentences`)."""


Relative = Callable[[date, date], str]
"""'11 months ago' for a day seen from today."""


class Sentences:
    """A catalogue's sentences by key, with their placeholders filled (as `Language.__call__`)."""

    def __init__(self, words: Mapping[str, str]) -> None:
        self.words = words

    def __call__(self, key: str, **values: object) -> str:
        return self.words[key].format(**values)


def from_environment(environ: Mapping[str, str]) -> str:
    """The language asked for by the environment: TIMELINE_LANG, else the locale of LC_ALL, then LANG (the part
    before '_', '.' or '@': 'ru_RU.UTF-8' -> 'ru'), else English. A locale in another language means English;
    TIMELINE_LANG must name one of CODES (ValueError otherwise)."""
    chosen = environ.get("TIMELINE_LANG", "").strip()
    if chosen:
        if chosen.lower() not in CODES:
            raise ValueError(f"TIMELINE_LANG is '{chosen}', expected one of: {', '.join(CODES)}")
        return chosen.lower()
    for variable in ("LC_ALL", "LANG"):
        value = environ.get(variable, "").strip()
        if value:
            code = value.replace("@", "_").replace(".", "_").split("_")[0].lower()
            return code if code in CODES else "en"
    return "en"


def humanized(code: str, day: date, today: date) -> str:
    """'11 months ago', 'in 5 weeks': arrow's words for a day seen from today, in a language (imports arrow)."""
    import arrow

    return arrow.get(day).humanize(arrow.get(today), locale=code)


def span_words(
    span: str,
    start: date,
    end: date | None,
    today: date,
    say: Say,
    relative: Relative,
    *,
    starts_by: date | None = None,
    ends_from: date | None = None,
) -> str:
    """'1 Jan 2025 – 31 Dec 2025 (ended 11 months ago)' for a span worded `span` (the half-open [start, end)).

    `starts_by` is the last day a start known only roughly (a handover at a session of 2026, day not known) can be,
    `ends_from` the first day such an end can be: between them and today the span "may have begun" or "may have
    ended", rather than a relative time counted from the first day it could be.
    """
    maybe_begun = starts_by is not None and start <= today < starts_by
    if end is None:
        key = "span.open.maybe_begun" if maybe_begun else "span.open"
        return say(key, span=span, when=relative(start, today))
    if end <= today:
        return say("span.ended", span=span, when=relative(end, today))
    if start > today:
        return say("span.starts", span=span, when=relative(start, today))
    maybe_ended = ends_from is not None and ends_from <= today
    key = {(True, True): ".maybe_both", (True, False): ".maybe_begun", (False, True): ".maybe_ended"}.get(
        (maybe_begun, maybe_ended), ""
    )
    return say(f"span.current{key}", span=span, began=relative(start, today), ends=relative(end, today))


def chair_text(parts: list[Part], today: date, label: str, say: Say, relative: Relative) -> list[str]:
    """An organisation's `who-chairs` lines from its parts, on `today`, for the span asked about worded `label`."""
    lines = []
    for part in parts:
        if isinstance(part, str):
            lines.append(part)
        elif part[0] == "label":
            lines.append(f"{part[1]}{label}{part[2]}")
        else:
            _, indent, span, start, end, caveats, starts_by, ends_from = part
            words = span_words(
                span,
                date.fromisoformat(start),
                date.fromisoformat(end) if end else None,
                today,
                say,
                relative,
                starts_by=date.fromisoformat(starts_by) if starts_by else None,
                ends_from=date.fromisoformat(ends_from) if ends_from else None,
            )
            lines.append(f"{indent}{words}{caveats}")
    return lines


def gloss(shown: set[str], say: Say) -> list[str]:
    """Under an answer, once: a one-line gloss of each status shown (a term's, or an event's as 'event.<status>')."""
    glosses = [say(f"status.gloss.{s}") for s in STATUS_ORDER if s in shown]
    glosses += [say(f"event.gloss.{s}") for s in EVENT_GLOSSES if f"event.{s}" in shown]
    return ["", *(f"· {g}" for g in glosses)] if glosses else []
