"""The timeline page's facts as plain tables: every term and every event, sortable, printable, read aloud.

The chart is for the eye; these tables carry the same facts for a screen reader, a printer, a search in the
page, or a copy into a spreadsheet. They are static HTML (the page's script only adds sorting) with a caption,
column headers scoped to their columns, and sortable values in `data-sort` (ISO dates, so text order is time
order). Their words, names and dates are in the page's language; a source's title stays in its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from timeline.core.model import Event, Term
from timeline.core.query import Timeline
from timeline.render.html.items import drawn_offices
from timeline.render.lang import Language
from timeline.render.view import View
from timeline.render.words import citation, day_text, esc, holder_name, reader_document, rule_basis, web_url, window

BASIS_CHARS = 120
"""A rule's basis in a table cell is cut to this many characters (the whole in its title, the hover and the feeds):
a Security Council's hundreds of projected turns would each repeat a paragraph."""


def _source_cell(tl: Timeline, ids: tuple[str, ...], lang: Language) -> str:
    sources = tl.source_list(ids)
    if not sources:
        return "<td></td>"
    first = sources[0]
    title, kind = (
        esc(citation(first, lang)),
        f' <span class="kind">({esc(lang(f"kind.{first.kind.value}"))})</span>',
    )
    if web_url(first.url):
        return f'<td><a href="{esc(first.url)}" rel="noopener">{title}</a>{kind}</td>'
    document = reader_document(first.document)
    return f"<td>{title}{f' ({esc(document)})' if document else ''}{kind}</td>"


def _day_cell(value: date | None, text: str) -> str:
    return f'<td data-sort="{value.isoformat() if value else ""}">{esc(text)}</td>'


def _term_row(tl: Timeline, office: str, term: Term, lang: Language) -> str:
    period, unknown = term.period, lang("table.not_recorded")
    start = day_text(term.start, lang) if term.start is not None else unknown
    end = lang("table.ongoing") if term.is_open else (unknown if term.end_unknown else day_text(period.last_day, lang))
    persons = ", ".join(lang.name(p) for p in tl.chair_persons(term)) if term.holder in tl.members else ""
    holder = holder_name(tl, term, lang) + (f" ({persons})" if persons else "")
    status = lang(f"status.{term.status.value}")
    return (
        f"<tr><td>{esc(office)}</td><td>{esc(holder)}</td>{_day_cell(period.start, start)}"
        f"{_day_cell(period.last_day, end)}<td>{esc(status)}</td>{_basis_or_source(tl, term, lang)}</tr>"
    )


def _basis_or_source(tl: Timeline, term: Term, lang: Language) -> str:
    """A term's source cell; for a turn the rotation rule gives, the rule it follows, in words."""
    basis = rule_basis(tl, term)
    if not basis:
        return _source_cell(tl, term.sources, lang)
    cut = basis if len(basis) <= BASIS_CHARS else basis[: BASIS_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return f'<td title="{esc(basis)}">{esc(lang("table.rule", basis=cut))}</td>'


def _event_row(tl: Timeline, event: Event, lang: Language) -> str:
    body = tl.bodies.get(event.body) if event.body else None
    place = tl.place_of(event)
    return (
        f"<tr>{_day_cell(event.period.start, window(event.date, event.last_day, lang=lang))}"
        f"<td>{esc(lang.short(body)) if body else ''}</td><td>{esc(lang.name(event))}</td>"
        f"<td>{esc(lang.name(place)) if place else ''}</td><td>{esc(lang(f'event.{event.status.value}'))}</td>"
        f"{_source_cell(tl, event.sources, lang)}</tr>"
    )


def _head(lang: Language, *columns: tuple[str, str]) -> str:
    """The header row: per column its catalogue key ("table.<key>") and how it sorts (text, date)."""
    cells = "".join(
        f'<th scope="col" data-type="{kind}"><button type="button">{esc(lang(f"table.{key}"))}</button></th>'
        for key, kind in columns
    )
    return f"<thead><tr>{cells}</tr></thead>"


def facts_tables(view: View) -> str:
    """Two tables, terms (rotations up to the view's horizon) and events, in a section after the chart, worded in
    the view's language."""
    tl, horizon, lang = view.tl, view.horizon, view.lang
    terms = [(lang.name(o), t) for o in drawn_offices(tl) for t in tl.terms(o.id, horizon)]
    events = tl.events()
    term_rows = "".join(_term_row(tl, office, t, lang) for office, t in terms)
    event_rows = "".join(_event_row(tl, e, lang) for e in events)
    parts = [
        '<section class="facts" aria-labelledby="facts-title">',
        f'<h2 id="facts-title">{esc(lang("table.heading"))}</h2>',
        f'<p class="meta">{esc(lang("table.hint"))}</p>',
    ]
    if terms:
        parts.append(
            f'<div class="table-wrap" role="region" tabindex="0" aria-label="{esc(lang("table.terms"))}">'
            f'<table class="sortable" id="terms-table"><caption>{esc(lang("table.terms_caption", n=len(terms)))}'
            "</caption>"
            + _head(
                lang,
                ("office", "text"),
                ("holder", "text"),
                ("from", "date"),
                ("to", "date"),
                ("status", "text"),
                ("source", "text"),
            )
            + f"<tbody>{term_rows}</tbody></table></div>"
        )
    if events:
        parts.append(
            f'<div class="table-wrap" role="region" tabindex="0" aria-label="{esc(lang("table.events"))}">'
            f'<table class="sortable" id="events-table"><caption>{esc(lang("table.events_caption", n=len(events)))}'
            "</caption>"
            + _head(
                lang,
                ("date", "date"),
                ("body", "text"),
                ("event", "text"),
                ("place", "text"),
                ("status", "text"),
                ("source", "text"),
            )
            + f"<tbody>{event_rows}</tbody></table></div>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def chair_rows(tl: Timeline, horizon: date, lang: Language) -> str:
    """An organisation's rows of the overview's table: its chairmanship turns up to the horizon."""
    office = tl.org.chair_office
    return "".join(_term_row(tl, lang.short(tl.org), t, lang) for t in tl.terms(office, horizon)) if office else ""


def chair_table(lang: Language, rows: Sequence[str], count: int) -> str:
    """Every organisation's chairmanship turns (up to the horizon) as one sortable table, for the overview page:
    `rows` are each organisation's (`chair_rows`, in `lang`), `count` the turns they hold."""
    head = _head(
        lang,
        ("organisation", "text"),
        ("holder", "text"),
        ("from", "date"),
        ("to", "date"),
        ("status", "text"),
        ("source", "text"),
    )
    return (
        '<section class="facts" aria-labelledby="facts-title">'
        f'<h2 id="facts-title">{esc(lang("table.chairs_heading"))}</h2>'
        f'<p class="meta">{esc(lang("table.chairs_hint"))}</p>'
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{esc(lang("table.chairs"))}">'
        f'<table class="sortable" id="chairs-table"><caption>{esc(lang("table.chairs_caption", n=count))}'
        f"</caption>{head}<tbody>{''.join(rows)}</tbody></table></div></section>"
    )
