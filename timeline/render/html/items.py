"""What the timeline page draws, worked out from the model: lanes, term bars, event marks, colours.

Pure and free of plotly, so the geometry can be tested alone; `figure.build_figure` turns it into traces.
Lanes are numbered downwards (the figure's y axis is reversed): a lane's title sits on its first line,
its rows below, one row per set of terms that do not overlap (an office with several seats gets more).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from timeline.core.dates import ONE_DAY
from timeline.core.model import Event, EventStatus, Office, Term
from timeline.core.query import Timeline
from timeline.render.html import colours as palette
from timeline.render.html import hover
from timeline.render.lang import EN, Language
from timeline.render.view import View
from timeline.render.words import both, first_web_url

NO_STATE = "#8d99a6"
"""The colour of terms whose holder's state the data does not record."""
ROW = 0.9
Span = tuple[date, date, tuple[tuple[date, date], ...]]
"""(first sure day, end of the sure days, uncertain stretches) of a term."""
TITLE = 0.7
EVENT_ROW = 0.7
LABEL_ON_BAR_DAYS = 730
"""A term attested over less than this is named beside its last attested day rather than on its bar."""
LABEL_MIN_DAYS = 180
"""Shorter bars carry only their state's code (`code_label`), which fits once the chart is zoomed in."""


@dataclass(frozen=True)
class Lane:
    """A band of the figure: an office's terms, or the events."""

    title: str
    top: float
    """The y of the lane's title line; its rows follow below."""
    rows: list[float]
    """The y of each row."""

    @property
    def bottom(self) -> float:
        return (self.rows[-1] if self.rows else self.top) + 0.5


@dataclass(frozen=True)
class TermBar:
    """A term drawn as a bar: `start`-`end` surely in office, the outer days only possibly."""

    term: Term
    y: float
    state: str | None
    """Member id whose colour the bar takes (the holding state, or the person's state), if known."""
    start: date
    end: date
    outer: tuple[tuple[date, date], ...]
    """Uncertain stretches before/after (imprecise dates, an open end), drawn faded."""
    label: str
    hover: str
    link: str | None


@dataclass(frozen=True)
class Attestation:
    """A day a source shows a holder in office whose term's start is not recorded."""

    term: Term
    y: float
    state: str | None
    day: date
    label: str
    hover: str
    link: str | None
    labelled: bool
    """True for the day that carries the holder's name beside it (the term's bar being too short for it)."""


@dataclass(frozen=True)
class EventMark:
    """An event: a marker on its day, or a window when the day is not known."""

    event: Event
    y: float
    body: str
    start: date
    end: date
    """Exclusive."""
    hover: str
    link: str | None

    @property
    def is_window(self) -> bool:
        """True when the day is not known: drawn over the whole month, quarter or year."""
        return self.event.date.precision < self.event.date.precision.DAY

    @property
    def status(self) -> EventStatus:
        return self.event.status


@dataclass(frozen=True)
class Items:
    """Everything the figure draws."""

    lanes: list[Lane]
    bars: list[TermBar]
    attestations: list[Attestation]
    events: list[EventMark]
    states: dict[str, str]
    """Member id -> name, for the legend, in the data's order (only states that appear)."""
    colours: dict[str, str]
    """Member id -> colour, the same in every lane."""
    bodies: dict[str, str]
    """Body id -> legend name, for bodies with events ("" for events without a body)."""
    body_labels: dict[str, str]
    """Body id -> a short name for its row of the events lane."""
    horizon: date
    extent: tuple[date, date]
    """The first and last day anything is drawn on."""


def colours(members: Iterable[str]) -> dict[str, str]:
    """One colour per member state drawn, keyed by its id: the same on every page and in every language
    (render.html.colours)."""
    return palette.assign(members)


def person_states(tl: Timeline) -> dict[str, str]:
    """Person id -> member id: the state the data gives a person (`member`), else the state whose national office
    the person held."""
    found: dict[str, str] = {p.id: p.member for p in tl.org.people if p.member}
    for term in tl.org.terms:
        office = tl.offices.get(term.office)
        if office is not None and office.member and term.holder in tl.people:
            found.setdefault(term.holder, office.member)
    return found


def drawn_offices(tl: Timeline) -> list[Office]:
    """The organisation's own offices, chairmanship first; national offices (a head of state) are left out.

    Their holders appear where they matter: as the person exercising a chairmanship (in its hover).
    """
    own = [o for o in tl.org.offices if o.member is None]
    return sorted(own, key=lambda o: o.id != tl.org.chair_office)


def collect(view: View) -> Items:
    """The lanes and items of the figure as of the view's day, rotations projected up to its horizon, worded in its
    language."""
    tl, today, horizon, lang = view.tl, view.today, view.horizon, view.lang
    known_until = max(tl.org.data_date.latest if tl.org.data_date else today, today)
    nationality = person_states(tl)
    lanes: list[Lane] = []
    bars: list[TermBar] = []
    attestations: list[Attestation] = []
    cursor = 0.0
    events_lane, marks, cursor = _events_lane(tl, cursor, lang)
    if events_lane:
        lanes.append(events_lane)
    for office in drawn_offices(tl):
        terms = tl.terms(office.id, horizon)
        if not terms:
            continue
        spans = [term_span(t, known_until, horizon) for t in terms]
        rows = _pack(spans)
        lane = Lane(lang.name(office), cursor, [cursor + TITLE + ROW * (r + 0.5) for r in range(max(rows) + 1)])
        lanes.append(lane)
        cursor = lane.bottom + 0.15
        for term, span, row in zip(terms, spans, rows, strict=True):
            state = term.holder if term.holder in tl.members else nationality.get(term.holder or "")
            bar, seen = term_items(tl, office, term, lane.rows[row], state, span, lang)
            bars.append(bar)
            attestations += seen
    used = {b.state for b in bars if b.state} | {a.state for a in attestations if a.state}
    states = {m.id: lang.name(m) for m in tl.org.members if m.id in used}
    drawn = [d for b in bars for d in (b.start, b.end, *(x for o in b.outer for x in o))]
    drawn += [d for m in marks for d in (m.start, m.end)]
    extent = (min(drawn, default=today), max(drawn, default=today))
    bodies = {m.body: _body_name(tl, m.body, lang) for m in marks}
    short = {b: lang.short(tl.bodies[b]) if b in tl.bodies else lang("figure.other") for b in bodies}
    return Items(lanes, bars, attestations, marks, states, colours(states), bodies, short, horizon, extent)


def term_items(
    tl: Timeline,
    office: Office,
    term: Term,
    y: float,
    state: str | None,
    span: Span,
    lang: Language = EN,
    text: str | None = None,
) -> tuple[TermBar, list[Attestation]]:
    """A term's bar and, when its start is not recorded, its attested days (a short one labelled at the last);
    `text`: its hover text, when already worded (hover.term_hover)."""
    start, end, outer = span
    link = first_web_url(tl, term.sources)
    text = hover.term_hover(tl, office, term, lang) if text is None else text
    label = hover.term_label(tl, term, lang)
    beside = term.start is None and (end - start).days < LABEL_ON_BAR_DAYS
    seen = [] if term.start is not None else sorted({d.earliest for d in term.attested})
    attested = [Attestation(term, y, state, day, label, text, link, beside and day == seen[-1]) for day in seen]
    on_bar = "" if beside else label if (end - start).days >= LABEL_MIN_DAYS else code_label(state)
    return TermBar(term, y, state, start, end, outer, on_bar, text, link), attested


def code_label(state: str | None) -> str:
    """The label of a short term's bar: its state's two-letter code ('FR' for a month's presidency), shown where the
    bar is wide enough for it (the page hides a label that does not fit); nothing for a holder of no known state."""
    return state.upper() if state and len(state) == 2 and state.isalpha() else ""


def _body_name(tl: Timeline, body_id: str, lang: Language) -> str:
    body = tl.bodies.get(body_id)
    return lang("figure.other_events") if body is None else both(lang.name(body), lang.short(body))


def _events_lane(tl: Timeline, top: float, lang: Language) -> tuple[Lane | None, list[EventMark], float]:
    events = tl.events()
    if not events:
        return None, [], top
    order = {b.id: i for i, b in enumerate(tl.org.bodies)}
    bodies = sorted({e.body or "" for e in events}, key=lambda b: (order.get(b, len(order)), b))
    rows = {b: top + TITLE + EVENT_ROW * (i + 0.5) for i, b in enumerate(bodies)}
    lane = Lane(lang("figure.events_lane"), top, list(rows.values()))
    marks = [
        EventMark(
            e,
            rows[e.body or ""],
            e.body or "",
            e.period.start,
            e.period.end or e.period.start,
            hover.event_hover(tl, e, lang),
            first_web_url(tl, e.sources),
        )
        for e in events
    ]
    return lane, marks, lane.bottom + 0.15


def term_span(term: Term, known_until: date, horizon: date) -> Span:
    """(sure start, sure end, uncertain stretches) of a term; an open term is sure up to the data's date."""
    outer, certain = term.period, term.certain
    start = certain.start
    if term.is_open:
        end = max(start, known_until)
        stretches = [(outer.start, start), (end, max(end, horizon))]
    else:
        end = max(start, certain.end or start)
        stretches = [(outer.start, start), (end, outer.end or end)]
    return start, end, tuple((a, b) for a, b in stretches if b > a)


def _pack(spans: list[Span]) -> list[int]:
    """A row per span such that spans in one row do not overlap (first row that is free)."""
    ends: list[date] = []
    rows = []
    for start, end, outer in spans:
        first = min([start, *(a for a, _ in outer)])
        last = max([end, start + ONE_DAY, *(b for _, b in outer)])
        row = next((i for i, free in enumerate(ends) if free <= first), len(ends))
        if row == len(ends):
            ends.append(last)
        ends[row] = last
        rows.append(row)
    return rows
