"""VTIMEZONE components that every parser reads alike.

icalendar's own `add_missing_timezones()` / `Timezone.from_tzinfo()` folds a zone's yearly
transitions into one multi-value `RDATE` line, of which Mozilla's ical.js reads only the first,
so summer-time events land an hour off there. Here every transition is its own STANDARD or
DAYLIGHT subcomponent with a single DTSTART and no RDATE/RRULE, limited to the years a feed needs,
plus one leading subcomponent that fixes the offset in force when the window opens.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import icalendar

_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)


def offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    """The zone's UTC offset at a UTC instant."""
    return instant.astimezone(zone).utcoffset() or timedelta(0)


def transitions(zone: ZoneInfo, start: datetime, end: datetime) -> Iterator[datetime]:
    """The UTC instants in (start, end] at which the zone's UTC offset changes, to the minute."""
    day = start
    while day < end:
        following = day + _DAY
        if offset(zone, day) != offset(zone, following):
            low, high = 0, 24 * 60  # minutes after `day`: offset(low) is the old one, offset(high) the new
            while high - low > 1:
                middle = (low + high) // 2
                if offset(zone, day + middle * _MINUTE) == offset(zone, day):
                    low = middle
                else:
                    high = middle
            yield day + high * _MINUTE
        day = following


def _observance(zone: ZoneInfo, instant: datetime, offset_from: timedelta) -> icalendar.Component:
    """One STANDARD/DAYLIGHT subcomponent: from `instant` (UTC) on, the zone is at its offset then."""
    import icalendar

    local = instant.astimezone(zone)
    kind = icalendar.TimezoneDaylight if local.dst() else icalendar.TimezoneStandard
    component = kind()
    component.add("DTSTART", (instant + offset_from).replace(tzinfo=None))
    component.add("TZOFFSETFROM", offset_from)
    component.add("TZOFFSETTO", local.utcoffset())
    component.add("TZNAME", local.tzname() or "")
    return component


def vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """The zone's definition for local times from 1 January `first_year` to 31 December `last_year`."""
    import icalendar

    zone = ZoneInfo(tzid)
    start = datetime(first_year, 1, 1, tzinfo=UTC) - 2 * _DAY  # local midnight on 1 Jan is at most 1 day off UTC
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC) + 2 * _DAY
    timezone = icalendar.Timezone()
    timezone.add("TZID", tzid)
    timezone.add_component(_observance(zone, start, offset(zone, start)))
    for instant in transitions(zone, start, end):
        timezone.add_component(_observance(zone, instant, offset(zone, instant - _MINUTE)))
    return timezone


def local_years(component: icalendar.Component) -> dict[str, set[int]]:
    """The TZIDs a VEVENT uses, each with the local years of its DTSTART/DTEND."""
    found: dict[str, set[int]] = {}
    for name in ("DTSTART", "DTEND"):
        prop = component.get(name)
        tzid = prop.params.get("TZID") if prop is not None else None
        if tzid and isinstance(prop.dt, datetime):
            found.setdefault(str(tzid), set()).add(prop.dt.year)
    return found


def vtimezones_for(years: dict[str, set[int]]) -> list[icalendar.Timezone]:
    """One VTIMEZONE per TZID, covering exactly the local years given for it, by TZID."""
    return [vtimezone(tzid, min(found), max(found)) for tzid, found in sorted(years.items()) if found]
