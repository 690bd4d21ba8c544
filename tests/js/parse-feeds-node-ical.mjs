// Parse iCalendar feeds with node-ical (the parser of many Node calendar apps and MagicMirror) and print, as
// JSON, for each file each VEVENT: uid, summary, start, end, status, sequence, and the LANGUAGE parameter of
// summary, description and location (node-ical keeps no parameters of categories).
// Timed values are printed as UTC ISO instants (node-ical resolves a TZID through the IANA database), all-day
// values as YYYY-MM-DD.
// Usage: node parse-feeds-node-ical.mjs FEED.ics [...]   (used by tests/test_ical_parsers.py)
import { readFileSync } from "node:fs";
import ical from "node-ical";

const TEXT = ["summary", "description", "location"];

function day(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function when(value) {
  if (!value) return null;
  return value.dateOnly ? day(value) : value.toISOString();
}

function text(value) {
  return value && typeof value === "object" && "val" in value ? value.val : value;
}

function languages(vevent) {
  return TEXT.filter((name) => vevent[name] !== undefined)
    .map((name) => [name.toUpperCase(), vevent[name]?.params?.LANGUAGE ?? null])
    .sort();
}

const result = {};
for (const path of process.argv.slice(2)) {
  const parsed = ical.sync.parseICS(readFileSync(path, "utf8"));
  result[path] = Object.values(parsed)
    .filter((component) => component.type === "VEVENT")
    .map((vevent) => ({
      uid: vevent.uid,
      summary: text(vevent.summary),
      start: when(vevent.start),
      end: when(vevent.end),
      all_day: vevent.datetype === "date",
      status: vevent.status ?? null,
      sequence: Number(vevent.sequence),
      languages: languages(vevent),
    }));
}
process.stdout.write(JSON.stringify(result, null, 1) + "\n");
