"""iCalendar feeds: `feeds` (which feeds, the VCALENDAR, DTSTAMP), `events` (VEVENTs), `text` (their words),
`tz` (VTIMEZONEs every parser reads alike), `prepared` (an event's text cut around what each build stamps, a feed's
bytes in pieces), `state` (SEQUENCE and withdrawn events across builds).

icalendar is imported only by these modules, and only when a feed needs it: an event with a local time (TZID), the
VTIMEZONEs, a withdrawn event's text read back. Events and calendars without local times are written directly
(`direct`, byte for byte as icalendar writes them: tests/test_ical_direct.py), so most builds never import it.
"""
