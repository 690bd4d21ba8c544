"""Date expressions in English and Russian, resolved from the document's date to the precision the text gives.

A year-less day ("23 November", «с 1 января») takes its year from the document's date and the sentence's tense; a
relative one ("on Thursday", «в следующем году», "last week") is counted from the document's date. Nothing finer
than the text says is ever made up: "last week" is the month (or the quarter, or the year) that holds the whole week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.core.dates import PartialDate
from timeline.errors import ValueProblem

EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
_EN_MONTH = r"(?P<{0}>" + "|".join(EN_MONTHS) + r"|sept?|jan|feb|mar|apr|jun|jul|aug|oct|nov|dec)\.?"
_RU_MONTH = (
    r"(?P<{0}>январ[ьяе]|феврал[ьяе]|марта?е?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?е?|сентябр[ьяе]|"
    r"октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
)
_YEAR = r"(?P<{0}>(?:1[89]|2[01])[0-9]{{2}})"
_THIS_YEAR = r"(?P<this>this year|of this year|этого года|текущего года|сего года)"
_DAY = r"(?P<{0}>[0-3]?[0-9])(?:st|nd|rd|th)?"
_TO = r"\s*(?:[-–—]|and|to|и|по)\s*"
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5, "воскресенье": 6,
}  # fmt: skip
QUARTERS = {"first": 1, "1st": 1, "i": 1, "перв": 1, "second": 2, "2nd": 2, "ii": 2, "втор": 2,
            "third": 3, "3rd": 3, "iii": 3, "трет": 3, "fourth": 4, "4th": 4, "iv": 4, "четверт": 4}  # fmt: skip
_YEAR_TAIL = r"(?:,?\s+" + _YEAR.format("year") + r"(?:\s*(?:года|году|г\.))?|\s+" + _THIS_YEAR + ")?"
PATTERNS = [
    ("iso", r"\b" + _YEAR.format("year") + r"-(?P<month>[01][0-9])-(?P<day>[0-3][0-9])\b"),
    ("dotted", r"\b" + _DAY.format("day") + r"\.(?P<month>[01]?[0-9])\.(?P<year>(?:1[89]|2[01])[0-9]{2})\b"),
    ("slashed", r"\b(?P<first>[0-3]?[0-9])/(?P<second>[0-3]?[0-9])/(?P<year>(?:1[89]|2[01])[0-9]{2})\b"),
    ("day_month", r"\b" + _DAY.format("day") + r"(?:" + _TO + _DAY.format("last") + r")?\s+(?:of\s+)?"
     + _EN_MONTH.format("month") + r"\b" + _YEAR_TAIL),
    ("month_day", r"\b" + _EN_MONTH.format("month") + r"\s+" + _DAY.format("day") + r"(?![0-9])(?:" + _TO
     + _DAY.format("last") + r"(?![0-9]))?" + _YEAR_TAIL),
    ("ru_day_month", r"(?<![0-9])" + _DAY.format("day") + r"(?:" + _TO + _DAY.format("last") + r")?\s+"
     + _RU_MONTH.format("month") + _YEAR_TAIL),
    ("quarter", r"\b(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th|перв\w*|втор\w*|трет\w*|четв[её]рт\w*|"
     r"IV|III|II|I)\s+(?:quarter|квартал\w*)(?:\s+of)?\s+" + _YEAR.format("year")),
    ("month_year", r"\b(?:" + _EN_MONTH.format("month") + r"|" + _RU_MONTH.format("rumonth") + r"),?\s+"
     + _YEAR.format("year")),
    ("years", r"(?<![0-9./-])" + _YEAR.format("year") + r"\s*[-–—]\s*" + _YEAR.format("last") + r"(?![0-9/-]|\.[0-9])"),
    ("year", r"(?<![0-9./-])" + _YEAR.format("year") + r"(?![0-9/-]|\.[0-9]|\s*(?:[-–—]\s*[0-9]|года\s+рождения))"),
    ("relative_day", r"\b(?P<word>today|yesterday|tomorrow|сегодня|вчера|завтра)\b"),
    ("relative_year", r"\b(?P<word>this|next|last|в этом|в текущем|в следующем|в будущем|в прошлом)\s+(?:year|году)\b"),
    ("relative_week", r"\b(?P<word>this|next|last|на этой|на следующей|на прошлой)\s+(?:week|неделе)\b"),
    ("relative_month", r"\b(?P<word>this|next|last|в этом|в следующем|в прошлом)\s+(?:month|месяце)\b"),
    ("weekday", r"\b(?:on|в|во)\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"),
]  # fmt: skip
COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in PATTERNS]
_START = re.compile(r"(?:\bfrom|\bas of|\bsince|\bstarting(?: from| on)?|\beffective|\bbeginning|(?<!\w)с|(?<!\w)со)"
                    r"\s+(?:the\s+)?$", re.IGNORECASE)  # fmt: skip
_END = re.compile(r"(?:\buntil|\btill|\bthrough|\bto|\bup to|(?<!\w)до|(?<!\w)по)\s+(?:the\s+)?$", re.IGNORECASE)
_FOR = re.compile(r"(?:\bfor|\bbudget|(?<!\w)на)\s+(?:the\s+)?(?:years?\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence: its text and span, its role, and its reading(s)."""

    text: str
    start: int
    end: int
    role: str
    """'start' (from, as of, с), 'end' (until, до), 'range' (2021-2022), 'for' (a plan for 2026) or 'at'."""
    readings: tuple[tuple[PartialDate, PartialDate | None], ...]
    """Each reading as (date, last day or year of a range); empty when the text cannot be dated (no year, no
    document date); two when the text reads two ways (11/12/2024; a year-less day far from both years)."""


def find_dates(text: str, anchor: date | None, tense: str | None = None) -> list[DateMention]:
    """The date expressions of a sentence, left to right, resolved from `anchor` (the document's date) and the
    sentence's `tense` ('past', 'future' or None)."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for name, pattern in COMPILED:
        found += [(m.start(), m.end(), name, m) for m in pattern.finditer(text)]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    mentions, reached = [], -1
    for start, end, name, match in found:
        if start < reached:
            continue
        reached = end
        before = text[max(0, start - 20) : start]
        role = (
            "range"
            if name == "years"
            else "start"
            if _START.search(before)
            else "end"
            if _END.search(before)
            else "for"
            if _FOR.search(before)
            else "at"
        )
        try:
            readings = _read(name, match, anchor, tense)
        except (ValueProblem, ValueError):
            continue
        mentions.append(DateMention(match.group(), start, end, role, readings))
    return mentions


Reading = tuple[PartialDate, PartialDate | None]


def _read(name: str, m: re.Match[str], anchor: date | None, tense: str | None) -> tuple[Reading, ...]:
    group = m.groupdict()
    if name in ("iso", "dotted"):
        return ((PartialDate(int(group["year"]), int(group["month"]), int(group["day"])), None),)
    if name == "slashed":
        first, second, year = int(group["first"]), int(group["second"]), int(group["year"])
        readings = (
            [(first, second), (second, first)]
            if first != second and first <= 12 and second <= 12
            else [(first, second) if second <= 12 else (second, first)]
        )
        return tuple((PartialDate(year, month, day), None) for day, month in readings)
    if name in ("day_month", "month_day", "ru_day_month"):
        month = _month(group["month"])
        day, last = int(group["day"]), int(group["last"]) if group.get("last") else None
        if group.get("year"):
            years: list[int] = [int(group["year"])]
        elif group.get("this") and anchor:
            years = [anchor.year]
        else:
            years = _years_for(month, day, anchor, tense)
        return tuple((PartialDate(y, month, day), PartialDate(y, month, last) if last else None) for y in years)
    if name == "quarter":
        word = group["quarter"].lower()
        quarter = QUARTERS.get(word) or next(v for k, v in QUARTERS.items() if len(k) > 3 and word.startswith(k))
        return ((PartialDate(int(group["year"]), quarter=quarter), None),)
    if name == "month_year":
        return ((PartialDate(int(group["year"]), _month(group["month"] or group["rumonth"])), None),)
    if name == "years":
        return ((PartialDate(int(group["year"])), PartialDate(int(group["last"]))),)
    if name == "year":
        return ((PartialDate(int(group["year"])), None),)
    if anchor is None:
        return ()
    return _relative(name, group, anchor, tense)


def _month(word: str) -> int:
    word = word.lower().rstrip(".")
    for number, name in enumerate(EN_MONTHS, 1):
        if name.startswith(word[:3]) and (len(word) == 3 or name.startswith(word) or word == "sept"):
            return number
    return next(n for n, stem in enumerate(RU_MONTHS, 1) if word.startswith(stem))


def _years_for(month: int, day: int, anchor: date | None, tense: str | None) -> list[int]:
    """The year(s) a year-less day falls in, seen from the document's date: on or before it for the past tense, on
    or after it for the future, else the nearest; two when neither is clearly nearer."""
    if anchor is None:
        return []
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    slack = timedelta(days=7)
    if tense == "past":
        options = [d for d in options if d <= anchor + slack][-1:]
    elif tense == "future":
        options = [d for d in options if d >= anchor - slack][:1]
    else:
        options.sort(key=lambda d: abs((d - anchor).days))
        near, far = options[0], options[1]
        options = [near] if abs((far - anchor).days) > 1.5 * abs((near - anchor).days) else sorted(options[:2])
    return [d.year for d in options]


def _relative(name: str, group: dict[str, str], anchor: date, tense: str | None) -> tuple[Reading, ...]:
    word = (group.get("word") or "").lower()
    if name == "relative_day":
        shift = {"yesterday": -1, "вчера": -1, "tomorrow": 1, "завтра": 1}.get(word, 0)
        return ((PartialDate.of(anchor + timedelta(days=shift)), None),)
    step = (
        1
        if word.endswith(("next", "следующем", "следующей", "будущем"))
        else -1
        if word.endswith(("last", "прошлом", "прошлой"))
        else 0
    )
    if name == "relative_year":
        return ((PartialDate(anchor.year + step), None),)
    if name == "relative_month":
        month = anchor.month - 1 + step
        return ((PartialDate(anchor.year + month // 12, month % 12 + 1), None),)
    if name == "relative_week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        return ((covering(monday, monday + timedelta(days=6)), None),)
    wanted = WEEKDAYS[group["weekday"].lower()]
    back = (anchor.weekday() - wanted) % 7
    day = anchor + timedelta(days=(7 - back) % 7) if tense == "future" else anchor - timedelta(days=back)
    return ((PartialDate.of(day), None),)


def covering(first: date, last: date) -> PartialDate:
    """The finest partial date holding every day from `first` to `last`: a month, else a quarter, else a year."""
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year and (first.month - 1) // 3 == (last.month - 1) // 3:
        return PartialDate(first.year, quarter=(first.month - 1) // 3 + 1)
    if first.year == last.year:
        return PartialDate(first.year)
    raise ValueProblem("a week across two years has no partial date")
