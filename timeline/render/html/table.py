"""The timeline page's facts as plain tables: every term and every event, sortable, printable, read aloud.

The chart is for the eye; these tables carry the same facts for a screen reader, a printer, a search in the
page, or a copy into a spreadsheet. They are static HTML (the page's script only adds sorting) with a caption,
column headers scoped to their columns, and sortable values in `data-sort` (ISO dates, so text order is time
order).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from timeline.core.model import Event, Term
from timeline.core.query import Timeline
from timeline.render.html.items import drawn_offices
from timeline.render.words import body_label, day_text, esc, org_label, source_title, web_url, window


def _source_cell(tl: Timeline, ids: tuple[str, ...]) -> str:
    sources = tl.source_list(ids)
    if not sources:
        return "<td></td>"
    first = sources[0]
    title = esc(source_title(first))
    if web_url(first.url):
        return f'<td><a href="{esc(first.url)}" rel="noopener">{title}</a></td>'
    return f"<td>{title}{f' ({esc(first.document)})' if first.document else ''}</td>"


def _day_cell(value: date | None, text: str) -> str:
    return f'<td data-sort="{value.isoformat() if value else ""}">{esc(text)}</td>'


def _term_row(tl: Timeline, office: str, term: Term) -> str:
    period = term.period
    start = day_text(term.start) if term.start is not None else "not recorded"
    end = "ongoing" if term.is_open else ("not recorded" if term.end_unknown else day_text(period.last_day))
    persons = ", ".join(p.name for p in tl.chair_persons(term)) if term.holder in tl.members else ""
    holder = tl.holder_name(term) + (f" ({persons})" if persons else "")
    return (
        f"<tr><td>{esc(office)}</td><td>{esc(holder)}</td>{_day_cell(period.start, start)}"
        f"{_day_cell(period.last_day, end)}<td>{esc(term.status.value)}</td>{_source_cell(tl, term.sources)}</tr>"
    )


def _event_row(tl: Timeline, event: Event) -> str:
    body = tl.bodies.get(event.body) if event.body else None
    place = tl.place_of(event)
    return (
        f"<tr>{_day_cell(event.period.start, window(event.date, event.last_day))}"
        f"<td>{esc(body_label(body)) if body else ''}</td><td>{esc(event.title)}</td>"
        f"<td>{esc(place.city) if place else ''}</td><td>{esc(event.status.value)}</td>"
        f"{_source_cell(tl, event.sources)}</tr>"
    )


def _head(*columns: tuple[str, str]) -> str:
    cells = "".join(
        f'<th scope="col" data-type="{kind}"><button type="button">{esc(name)}</button></th>' for name, kind in columns
    )
    return f"<thead><tr>{cells}</tr></thead>"


def facts_tables(tl: Timeline, horizon: date) -> str:
    """Two tables, terms (rotations up to `horizon`) and events, in a section after the chart."""
    terms = [(o.name, t) for o in drawn_offices(tl) for t in tl.terms(o.id, horizon)]
    events = tl.events()
    term_rows = "".join(_term_row(tl, office, t) for office, t in terms)
    event_rows = "".join(_event_row(tl, e) for e in events)
    parts = [
        '<section class="facts" aria-labelledby="facts-title">',
        '<h2 id="facts-title">The same facts as tables</h2>',
        '<p class="meta">Select a column heading to sort by it; the tables print without the chart.</p>',
    ]
    if terms:
        parts.append(
            f'<div class="table-wrap" role="region" tabindex="0" aria-label="Terms of office">'
            f'<table class="sortable" id="terms-table"><caption>Terms of office ({len(terms)})</caption>'
            + _head(
                ("Office", "text"),
                ("Holder", "text"),
                ("From", "date"),
                ("To", "date"),
                ("Status", "text"),
                ("Source", "text"),
            )
            + f"<tbody>{term_rows}</tbody></table></div>"
        )
    if events:
        parts.append(
            f'<div class="table-wrap" role="region" tabindex="0" aria-label="Sessions and meetings">'
            f'<table class="sortable" id="events-table"><caption>Sessions and meetings ({len(events)})</caption>'
            + _head(
                ("Date", "date"),
                ("Body", "text"),
                ("Event", "text"),
                ("Place", "text"),
                ("Status", "text"),
                ("Source", "text"),
            )
            + f"<tbody>{event_rows}</tbody></table></div>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def chair_table(timelines: Sequence[Timeline], horizon: date) -> str:
    """Every organisation's chairmanship turns (up to `horizon`) as one sortable table, for the overview page."""
    rows = [
        _term_row(tl, org_label(tl), t)
        for tl in timelines
        if tl.org.chair_office
        for t in tl.terms(tl.org.chair_office, horizon)
    ]
    head = _head(
        ("Organisation", "text"),
        ("Holder", "text"),
        ("From", "date"),
        ("To", "date"),
        ("Status", "text"),
        ("Source", "text"),
    )
    return (
        '<section class="facts" aria-labelledby="facts-title"><h2 id="facts-title">The same turns as a table</h2>'
        '<p class="meta">Select a column heading to sort by it; the table prints without the chart.</p>'
        '<div class="table-wrap" role="region" tabindex="0" aria-label="Chairmanships">'
        f'<table class="sortable" id="chairs-table"><caption>Chairmanship turns ({len(rows)})</caption>{head}'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )
