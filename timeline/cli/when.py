"""Dates as a reader types them, in English or Russian: 'now', 'today', 'next year', 'last month', 'March 2026',
'2026-3', 'Q1 2027', '7 December 2026', '7.12.2026', 'сегодня', 'в следующем году', 'март 2026', '1 квартал 2027'
-> the PartialDate they mean (a day, month, quarter or year)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.core.dates import PartialDate, check_year
from timeline.errors import QueryError, ValueProblem

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "мае": 5, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip
"""A month by the first three letters of its name (English, or Russian in any case form)."""

TODAY = {"now", "today", "сегодня", "сейчас", "теперь"}
RELATIVE_YEARS = {
    "thisyear": 0, "nextyear": 1, "lastyear": -1,
    "этотгод": 0, "вэтомгоду": 0, "текущийгод": 0, "следующийгод": 1, "вследующемгоду": 1, "будущийгод": 1,
    "вбудущемгоду": 1, "прошлыйгод": -1, "впрошломгоду": -1,
}  # fmt: skip
RELATIVE_MONTHS = {
    "thismonth": 0, "nextmonth": 1, "lastmonth": -1,
    "этотмесяц": 0, "вэтоммесяце": 0, "следующиймесяц": 1, "вследующеммесяце": 1, "прошлыймесяц": -1,
    "впрошломмесяце": -1,
}  # fmt: skip
RELATIVE_DAYS = {"tomorrow": 1, "yesterday": -1, "завтра": 1, "вчера": -1}

EXAMPLES = "2026, 2026-03, March 2026, Q1 2027, 2026-12-07, today, next year"


def _month(word: str) -> int | None:
    word = word.casefold().rstrip(".")
    return MONTHS.get(word[:3]) if len(word) >= 3 else None


def understand(text: str, today: date, what: str = "date") -> PartialDate:
    """The day, month, quarter or year a reader means; QueryError (a usage error) when it is none of them."""
    raw = text.strip()
    squeezed = re.sub(r"[\s_]+", "", raw.casefold().replace("ё", "е"))
    try:
        found = _relative(squeezed, today) or _numeric(raw) or _worded(raw)
        if found is not None:
            check_year(found.year)
            found.earliest  # noqa: B018 - an impossible day (30 February) fails here
            return found
    except ValueProblem as problem:
        raise QueryError(f"{what} '{text}': {problem}") from None
    except ValueError:
        pass
    raise QueryError(f"{what} '{text}' is not a date (use e.g. {EXAMPLES})")


def _relative(squeezed: str, today: date) -> PartialDate | None:
    if squeezed in TODAY:
        return PartialDate.of(today)
    if squeezed in RELATIVE_DAYS:
        return PartialDate.of(today + timedelta(days=RELATIVE_DAYS[squeezed]))
    if squeezed in RELATIVE_YEARS:
        return PartialDate(today.year + RELATIVE_YEARS[squeezed])
    if squeezed in RELATIVE_MONTHS:
        index = today.year * 12 + today.month - 1 + RELATIVE_MONTHS[squeezed]
        return PartialDate(index // 12, index % 12 + 1)
    return None


def _numeric(raw: str) -> PartialDate | None:
    """'2026', '2026-3', '2026/03', '2026-03-07', '2026-Q1', 'Q1 2027', '2027 Q1', '7.12.2026', '12.2026'."""
    text = raw.strip().upper().replace("/", "-")
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-Q[1-4])?~?", text):
        return PartialDate.parse(text)
    if m := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?", text):
        year, month, day = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
        return PartialDate(year, month, day) if 1 <= month <= 12 else None
    if m := re.fullmatch(r"Q([1-4])[\s-]*([0-9]{4})|([0-9]{4})[\s-]*Q([1-4])", text):
        return PartialDate(int(m[2] or m[3]), quarter=int(m[1] or m[4]))
    if m := re.fullmatch(r"([1-4])[\s-]*(?:-?Й\s*)?КВ(?:АРТАЛ)?\.?\s*([0-9]{4})(?:\s*Г(?:ОДА?)?\.?)?", text):
        return PartialDate(int(m[2]), quarter=int(m[1]))
    if m := re.fullmatch(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})", text):
        return PartialDate(int(m[3]), int(m[2]), int(m[1])) if 1 <= int(m[2]) <= 12 else None
    if m := re.fullmatch(r"([0-9]{1,2})\.([0-9]{4})", text):
        return PartialDate(int(m[2]), int(m[1])) if 1 <= int(m[1]) <= 12 else None
    return None


def _worded(raw: str) -> PartialDate | None:
    """'March 2026', 'Mar 2026', '2026 March', '7 December 2026', 'December 7, 2026', 'март 2026', '7 декабря
    2026 г.', 'в марте 2026 года'."""
    words = [w for w in re.split(r"[\s,]+", raw.casefold().replace("ё", "е")) if w]
    words = [w for w in words if w not in ("в", "in", "of", "г", "г.", "год", "года", "году")]
    numbers = [w for w in words if w.isdigit()]
    months = [_month(w) for w in words if not w.isdigit()]
    if len(months) != 1 or months[0] is None or not numbers or len(numbers) > 2:
        return None
    year = next((int(n) for n in numbers if len(n) == 4), None)
    days = [int(n) for n in numbers if len(n) <= 2]
    if year is None or len(days) > 1:
        return None
    return PartialDate(year, months[0], days[0] if days else None)
