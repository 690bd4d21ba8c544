// Parse iCalendar feeds with Mozilla's ical.js (the parser Thunderbird uses) and print, as JSON,
// for each file the calendar's name (and its LANGUAGE) and each VEVENT: uid, summary, start, end, status,
// sequence, and the LANGUAGE parameter of each text property (summary, description, location, categories).
// Timed values are printed as UTC ISO instants (resolved through the feed's own VTIMEZONEs),
// all-day values as YYYY-MM-DD; "zone" names the zone ical.js used, so an unresolved TZID shows.
// Usage: node parse-feeds.mjs FEED.ics [...]   (used by tests/test_ical_parsers.py)
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function when(time) {
  if (!time) return null;
  if (time.isDate) return time.toString();
  return time.toJSDate().toISOString();
}

const TEXT = ["summary", "description", "location", "categories"];

function languages(component) {
  return component
    .getAllProperties()
    .filter((property) => TEXT.includes(property.name))
    .map((property) => [property.name.toUpperCase(), property.getParameter("language") ?? null])
    .sort();
}

function zone(time) {
  if (!time || time.isDate) return null;
  return time.zone ? time.zone.tzid : null;
}

const result = {};
for (const path of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const start = vevent.getFirstPropertyValue("dtstart");
    const end = vevent.getFirstPropertyValue("dtend");
    return {
      uid: vevent.getFirstPropertyValue("uid"),
      summary: vevent.getFirstPropertyValue("summary"),
      start: when(start),
      end: when(end),
      all_day: Boolean(start && start.isDate),
      zone: zone(start),
      status: vevent.getFirstPropertyValue("status"),
      sequence: vevent.getFirstPropertyValue("sequence"),
      languages: languages(vevent),
    };
  });
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.remove(vtimezone.getFirstPropertyValue("tzid"));
  }
  const name = calendar.getFirstProperty("x-wr-calname");
  result[path] = {
    name: name ? name.getFirstValue() : null,
    name_language: name ? name.getParameter("language") ?? null : null,
    events,
  };
}
process.stdout.write(JSON.stringify(result, null, 1) + "\n");
