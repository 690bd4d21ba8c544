"""Dates that know their precision, half-open periods, and ISO 8601 durations."""

from __future__ import annotations

import calendar
import re
import sys
from dataclasses import FrozenInstanceError, dataclass, fields
from datetime import date, timedelta
from enum import IntEnum
from typing import Any, Generic, TypeVar

from timeline.errors import ValueProblem

ONE_DAY = timedelta(days=1)
FIRST_YEAR, LAST_YEAR = 1800, 2200
"""The years a date in the data or on the command line may fall in: the range timeline supports."""
LONGEST_YEARS = 400
"""The longest duration timeline accepts (a term, a rotation step): longer is a typo, not a fact."""
_PARTIAL = re.compile(
    r"^(?P<year>[0-9]{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?))?(?P<approx>~)?$"
)  # ASCII digits only: Arabic-Indic or full-width digits are not a date
_DURATION = re.compile(
    r"^P(?:(?P<years>[0-9]{1,7})Y)?(?:(?P<months>[0-9]{1,7})M)?(?:(?P<weeks>[0-9]{1,7})W)?(?:(?P<days>[0-9]{1,7})D)?$"
)


class Precision(IntEnum):
    """How much of a date is known, from the coarsest to the finest."""

    YEAR = 0
    QUARTER = 1
    MONTH = 2
    DAY = 3


def check_year(year: int) -> int:
    """The year, when timeline supports it (FIRST_YEAR to LAST_YEAR); a ValueProblem otherwise."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueProblem(f"year {year} is outside the supported range {FIRST_YEAR}-{LAST_YEAR}")
    return year


T = TypeVar("T")


class kept(Generic[T]):
    """A property worked out on first use and kept in a slot of the instance (`_kept_<name>`, which `slotted` adds to
    the class's `__slots__`), like functools.cached_property on a class without a `__dict__`. The kept values are not
    pickled (`SlotsKept`)."""

    def __init__(self, compute: Any) -> None:
        self.compute = compute
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_kept_{name}"

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        try:
            return getattr(instance, self.slot)
        except AttributeError:
            value = self.compute(instance)
            object.__setattr__(instance, self.slot, value)
            return value


class SlotsKept:
    """A base of the `slotted` classes: pickles the fields alone (the kept values are worked out again), as a tuple
    of their values (a dict for a subclass with a `__dict__` of its own, which it adds), and unpickles them into the
    frozen instance. A tuple, not a dict: a pickler holds every state it writes until it is done, and a dict for each
    of 100,000 terms and events would be about 40 MB more while the load cache is written."""

    __slots__ = ()

    def __getstate__(self) -> tuple | dict[str, Any]:
        names = _field_names(type(self))
        if not hasattr(self, "__dict__"):
            return tuple(getattr(self, name) for name in names)
        state = dict(self.__dict__)
        state.update((name, getattr(self, name)) for name in names)
        return state

    def __setstate__(self, state: tuple | dict[str, Any]) -> None:
        if isinstance(state, tuple):
            for name, value in zip(_field_names(type(self)), state, strict=True):
                object.__setattr__(self, name, value)
            return
        for name, value in state.items():  # names interned as attribute names are: the same pickle again (reuse)
            object.__setattr__(self, sys.intern(name), value)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    found = _FIELD_NAMES.get(cls)
    if found is None:
        found = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return found


C = TypeVar("C", bound=type)


def slotted(cls: C) -> C:
    """A frozen dataclass rebuilt with `__slots__` (its own fields and the slots of its `kept` properties) and no
    `__dict__`, as dataclass(slots=True) does, which refuses a class listing slots of its own: about 100 bytes less an
    instance, tens of MB over 100,000 terms and events with their dates. Every base must be slotted too (or
    SlotsKept); assigning any attribute raises FrozenInstanceError."""
    inherited = {name for base in cls.__mro__[1:] for name in base.__dict__.get("__slots__", ())}
    own = tuple(f.name for f in fields(cls) if f.name not in inherited)
    extra = tuple(value.slot for value in cls.__dict__.values() if isinstance(value, kept))
    body = {k: v for k, v in cls.__dict__.items() if k not in (*own, "__dict__", "__weakref__")}
    body.update(__slots__=own + extra, __qualname__=cls.__qualname__, __setattr__=_frozen, __delattr__=_frozen)
    return type(cls)(cls.__name__, cls.__bases__, body)  # type: ignore[return-value]


def _frozen(self: object, name: str, *value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


SHARED: dict[tuple[type, object], Any] = {}
"""PartialDates by text or day: the facts that fall on a day share one instance (with its kept bounds): 100,000
events over a few decades fall on some 30,000 days. Emptied when it grows past SHARED_MAX."""
SHARED_MAX = 200_000


def shared(cls: type, key: object, made: Any = None) -> Any:
    """The instance of `cls` kept under `key` (None when there is none), or `made`, kept from now on."""
    if made is None:
        return SHARED.get((cls, key))
    if len(SHARED) >= SHARED_MAX:
        SHARED.clear()
    SHARED[cls, key] = made
    return made


@slotted
@dataclass(frozen=True)
class PartialDate(SlotsKept):
    """A calendar date known to a day, a month, a quarter or a year (EDTF-like text form)."""

    year: int
    """The year, always known."""
    month: int | None = None
    """The month (1-12) at month or day precision, else None."""
    day: int | None = None
    """The day of the month at day precision, else None."""
    quarter: int | None = None
    """The quarter (1-4) at quarter precision, else None."""
    approximate: bool = False
    """True when the source itself hedges ("about", "~"); written with a trailing '~'."""

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueProblem(f"year {self.year} is outside the calendar")
        if self.quarter is not None and (self.month is not None or not 1 <= self.quarter <= 4):
            raise ValueProblem(f"impossible date {self.year}-Q{self.quarter}")
        if self.day is not None and self.month is None:
            raise ValueProblem("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueProblem(f"impossible month {self.month:02d} in {self.year}")
        if self.day is not None and not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
            raise ValueProblem(f"impossible date {self.year}-{self.month:02d}-{self.day:02d}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read '2022-11-23', '2023-11', '2023-Q4' or '2023', each optionally ending in '~' (one instance a text,
        `shared`)."""
        key = str(text).strip()
        return shared(cls, key) or shared(cls, key, cls._parse(text))

    @classmethod
    def _parse(cls, text: str) -> PartialDate:
        match = _PARTIAL.match(str(text).strip())
        if not match:
            raise ValueProblem(f"'{text}' is not a date (use 2022-11-23, 2023-11, 2023-Q4 or 2023)")
        parts = match.groupdict()
        check_year(int(parts["year"]))
        return cls(
            year=int(parts["year"]),
            month=int(parts["month"]) if parts["month"] else None,
            day=int(parts["day"]) if parts["day"] else None,
            quarter=int(parts["quarter"]) if parts["quarter"] else None,
            approximate=bool(parts["approx"]),
        )

    @classmethod
    def of(cls, value: date) -> PartialDate:
        """The day-precision PartialDate of an exact date (one instance a day, `shared`)."""
        day = value.toordinal()
        return shared(cls, day) or shared(cls, day, cls(value.year, value.month, value.day))

    @property
    def precision(self) -> Precision:
        """The finest unit this date is known to."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.quarter is not None:
            return Precision.QUARTER
        return Precision.YEAR

    @property
    def is_exact(self) -> bool:
        """True when the day is known and not hedged."""
        return self.precision is Precision.DAY and not self.approximate

    @kept
    def earliest(self) -> date:
        """The first day this date can be."""
        if self.quarter is not None:
            return date(self.year, 3 * self.quarter - 2, 1)
        return date(self.year, self.month or 1, self.day or 1)

    @kept
    def latest(self) -> date:
        """The last day this date can be (inclusive)."""
        if self.day is not None:
            return date(self.year, self.month, self.day)
        last_month = 3 * self.quarter if self.quarter is not None else (self.month or 12)
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @kept
    def span(self) -> Period:
        """Every day this date can be, as a half-open period."""
        return Period(self.earliest, self.latest + ONE_DAY)

    def sort_key(self) -> tuple[date, date]:
        """Orders by earliest day, then the more precise first."""
        return (self.earliest, self.latest)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.quarter is not None:
            text += f"-Q{self.quarter}"
        elif self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open span of days [start, end); end None means still running."""

    start: date
    """The first day inside the period."""
    end: date | None = None
    """The first day after the period, or None while it is open-ended."""

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueProblem(f"ends before it starts ({self.start} > {self.end})")

    @property
    def last_day(self) -> date | None:
        """The last day inside the period (inclusive), None when open-ended."""
        return None if self.end is None else self.end - ONE_DAY

    @property
    def is_open(self) -> bool:
        """True for an ongoing period with no known end."""
        return self.end is None

    def contains(self, day: date) -> bool:
        """True when the day lies inside the period."""
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: Period) -> bool:
        """True when the two periods share at least one day."""
        starts_before_other_ends = other.end is None or self.start < other.end
        ends_after_other_starts = self.end is None or other.start < self.end
        return starts_before_other_ends and ends_after_other_starts and not self.is_empty and not other.is_empty

    def covers(self, other: Period) -> bool:
        """True when every day of the other period lies inside this one."""
        if other.start < self.start:
            return False
        if self.end is None:
            return True
        return other.end is not None and other.end <= self.end

    @property
    def is_empty(self) -> bool:
        """True for a zero-length period."""
        return self.end is not None and self.end == self.start

    def __str__(self) -> str:
        return f"{self.start} – {self.last_day}" if self.end else f"{self.start} – ongoing"


@dataclass(frozen=True)
class Duration:
    """A nominal ISO 8601 calendar duration such as P3Y, P6M, P1M or P10D."""

    years: int = 0
    months: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read 'P3Y', 'P1Y6M', 'P6M', 'P2W', 'P10D'."""
        match = _DURATION.match(str(text).strip())
        if not match or str(text).strip() == "P":
            raise ValueProblem(f"'{text}' is not a duration (use P3Y, P6M, P1M or P10D)")
        parts = {k: int(v or 0) for k, v in match.groupdict().items()}
        found = cls(parts["years"], parts["months"], parts["days"] + 7 * parts["weeks"])
        if found.years + found.months / 12 + found.days / 366 > LONGEST_YEARS:
            raise ValueProblem(f"'{text}' is longer than {LONGEST_YEARS} years")
        return found

    def after(self, start: date) -> date:
        """The date this duration after start; month ends are clamped (31 Jan + P1M = 28/29 Feb)."""
        month_index = start.month - 1 + self.months + 12 * self.years
        year, month = start.year + month_index // 12, month_index % 12 + 1
        if not 1 <= year <= 9998:
            raise ValueProblem(f"{self} after {start} falls outside the calendar")
        day = min(start.day, calendar.monthrange(year, month)[1])
        return date(year, month, day) + timedelta(days=self.days)

    def __str__(self) -> str:
        text = "P" + (f"{self.years}Y" if self.years else "") + (f"{self.months}M" if self.months else "")
        return text + (f"{self.days}D" if self.days or text == "P" else "")
