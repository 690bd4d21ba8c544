"""iCalendar feeds: `feeds` (which feeds, the VCALENDAR, DTSTAMP), `events` (VEVENTs), `text` (their words),
`tz` (VTIMEZONEs every parser reads alike), `state` (SEQUENCE and withdrawn events across builds).

icalendar is imported only by these modules, and only the feed commands and the build import them.
"""
