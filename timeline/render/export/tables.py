"""Terms and events as CSV for spreadsheets (`terms.csv`, `events.csv`).

RFC 4180 text: UTF-8 with a byte-order mark (so Excel reads Cyrillic names right), CRLF line ends,
one header row. Dates are ISO 8601; `start`/`end` keep the data's precision (`2023-Q4`, `2021`),
`first_day`/`last_day` are the outer bounds as exact days. Lists (sources, formats) are joined
with "; " (decisions, one a line). Every cell is written without control characters (line breaks as LF inside
the quoted cell), and every cell that a spreadsheet would run as a formula (starting with = + - @, TAB or CR)
gets a leading apostrophe, ids and names as much as notes: no column is trusted to be "only dates". Source URLs
are the http(s) ones.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from timeline.core.dates import PartialDate
from timeline.core.query import Timeline
from timeline.render.view import View
from timeline.render.words import clean, holder_name, term_note, web_url

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# The CSV columns in order, kept in rows as a header reads: formatted one a line they would run to 50 lines.
TERM_COLUMNS = (
    "office", "office_name", "id", "holder", "holder_name", "person", "status", "start", "end", "end_unknown",
    "first_day", "last_day", "attested", "appointed_by", "anomaly", "official_sought", "confidence", "note", "sources",
    "source_urls",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "body", "body_name", "title", "kind", "status", "date", "precision", "last_date", "first_day", "last_day",
    "time", "end_time", "place", "city", "country", "tz", "formats", "chair", "chair_person", "decisions",
    "confidence", "note", "sources", "source_urls",
)  # fmt: skip


def safe(value: str | None) -> str:
    """A cell that no spreadsheet runs as a formula, without control characters."""
    if not value:
        return ""
    value = clean(value)
    return f"'{value}" if value.startswith(FORMULA_START) else value


def _partial(value: PartialDate | None) -> str:
    return "" if value is None else str(value)


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _sources(tl: Timeline, ids: Sequence[str]) -> tuple[str, str]:
    sources = tl.source_list(ids)
    return "; ".join(s.id for s in sources), "; ".join(s.url for s in sources if web_url(s.url))


def to_csv(columns: Sequence[str], rows: Iterable[dict[str, str | None]]) -> bytes:
    """The rows as RFC 4180 CSV bytes (UTF-8 with BOM, CRLF), every cell `safe`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({column: safe(value) for column, value in row.items()} for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def term_rows(tl: Timeline, until: date) -> list[dict[str, str | None]]:
    """Every term of every office, recorded then projected up to `until`, office by office."""
    rows = []
    for office in tl.org.offices:
        for term in tl.terms(office.id, until):
            ids, urls = _sources(tl, term.sources)
            person = tl.people.get(term.person) if term.person else None
            rows.append(
                {
                    "office": office.id,
                    "office_name": office.name,
                    "id": term.id,
                    "holder": term.holder,
                    "holder_name": holder_name(tl, term),
                    "person": person.name if person else "",
                    "status": term.status.value,
                    "start": _partial(term.start),
                    "end": _partial(term.end),
                    "end_unknown": "yes" if term.end_unknown else "",
                    "first_day": _day(term.period.start),
                    "last_day": _day(term.period.last_day),
                    "attested": "; ".join(str(d) for d in term.attested),
                    "appointed_by": term.appointed_by or "",
                    "anomaly": term.anomaly,
                    "official_sought": _day(term.official_sought),
                    "confidence": term.confidence.value,
                    "note": term_note(tl, term),
                    "sources": ids,
                    "source_urls": urls,
                }
            )
    return rows


def event_rows(tl: Timeline) -> list[dict[str, str | None]]:
    """Every event, by date."""
    rows = []
    for event in tl.events():
        ids, urls = _sources(tl, event.sources)
        place = tl.place_of(event)
        body = tl.bodies.get(event.body) if event.body else None
        person = tl.people.get(event.chair_person) if event.chair_person else None
        rows.append(
            {
                "id": event.id,
                "body": event.body or "",
                "body_name": body.name if body else "",
                "title": event.title,
                "kind": event.kind,
                "status": event.status.value,
                "date": str(event.date),
                "precision": event.date.precision.name.lower(),
                "last_date": _partial(event.last_day),
                "first_day": _day(event.period.start),
                "last_day": _day(event.period.last_day),
                "time": event.time or "",
                "end_time": event.end_time or "",
                "place": event.place or "",
                "city": place.city if place else "",
                "country": place.country if place else "",
                "tz": place.tz if place else "",
                "formats": "; ".join(event.formats),
                "chair": event.chair or "",
                "chair_person": person.name if person else "",
                "decisions": "\n".join(d.title for d in event.decisions),
                "confidence": event.confidence.value,
                "note": event.note,
                "sources": ids,
                "source_urls": urls,
            }
        )
    return rows


def terms_csv(view: View) -> tuple[bytes, int]:
    """`terms.csv` and its number of rows (projected terms up to the view's horizon)."""
    rows = term_rows(view.tl, view.horizon)
    return to_csv(TERM_COLUMNS, rows), len(rows)


def events_csv(tl: Timeline) -> tuple[bytes, int]:
    """`events.csv` and its number of rows."""
    rows = event_rows(tl)
    return to_csv(EVENT_COLUMNS, rows), len(rows)
