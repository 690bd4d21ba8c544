"""What has gone stale in an organisation's data as of a day: past sessions still planned, projected or scheduled
terms that have begun, decisions a past session was due to take that are not recorded, a data date too old, and
searches for an official text (`official_sought`) too old. Pure: the day and the threshold are passed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from timeline.core.dates import Period
from timeline.core.model import Event, EventStatus, SourceKind, Term, TermStatus
from timeline.core.query import Timeline

DATA_AGE_DAYS = 90
"""An organisation whose data was last checked longer ago than this is listed (the CLI's default)."""
DECIDING_WINDOW = timedelta(days=366)
"""A chairing body's session decides the chair whose term starts within this long after it."""


@dataclass(frozen=True)
class DueDecision:
    """A session of the chairing body that has passed, and the next chair, which is still only projected."""

    session: Event
    term: Term


@dataclass(frozen=True)
class Review:
    """One organisation's stale data as of a day."""

    today: date
    past_planned: list[Event] = field(default_factory=list)
    """Events still 'planned' although every day they could fall on has passed."""
    begun: list[Term] = field(default_factory=list)
    """Projected, scheduled, derived or undetermined terms running today (recorded or computed): a source should now
    confirm them."""
    due: list[DueDecision] = field(default_factory=list)
    """Next chairs a past session was due to decide, still projected."""
    data_age: int | None = None
    """Days since the data was last checked, when more than the threshold (else None)."""
    search_again: list[Term] = field(default_factory=list)
    """Terms with no official source whose search for one (`official_sought`) is older than the threshold."""

    @property
    def findings(self) -> int:
        """How many things are stale (what makes `review --strict` fail)."""
        stale = len(self.past_planned) + len(self.begun) + len(self.due) + len(self.search_again)
        return stale + (self.data_age is not None)


def past_planned(tl: Timeline, today: date) -> list[Event]:
    """Events still planned whose every possible day has passed."""
    return [
        e for e in tl.events() if e.status is EventStatus.PLANNED and e.period.end is not None and e.period.end <= today
    ]


def begun(tl: Timeline, today: date) -> list[Term]:
    """Terms of every office that run today and are still projected, scheduled, derived or undetermined (no source
    yet names who holds the office today; a derived turn is the rule's, up to the data's date)."""
    waiting = (TermStatus.PROJECTED, TermStatus.SCHEDULED, TermStatus.UNDETERMINED, TermStatus.DERIVED)
    found: list[Term] = []
    for office in tl.org.offices:
        terms = tl.terms_during(office.id, today) if office.id in tl.rotating_offices else _recorded(tl, office.id)
        found += [t for t in terms if t.status in waiting and t.period.contains(today) and _surely_begun(t, today)]
    return found


def _surely_begun(term: Term, today: date) -> bool:
    """Whether every day the term could start on has come (a turn handed over at a session known only to the year
    has not surely begun on 1 January), as past_planned waits for every day a session could fall on."""
    return term.start is None or term.start.latest <= today


def _recorded(tl: Timeline, office: str) -> list[Term]:
    return tl.org.index.terms_by_office.get(office, [])


def due_decisions(tl: Timeline, today: date) -> list[DueDecision]:
    """Past sessions of the chairing body that were the last before the next chair's term (starting within
    DECIDING_WINDOW after them), where that chair is still projected."""
    office = tl.chair_office if tl.org.chair_office else None
    if office is None or office.body is None:
        return []
    sessions = [e for e in tl.sessions(body=office.body) if e.status in (EventStatus.HELD, EventStatus.PLANNED)]
    found = []
    for session in sessions:
        start = session.period.start
        if session.period.end is None or session.period.end > today:
            continue
        following = [
            t for t in tl.terms_during(office.id, Period(start, start + DECIDING_WINDOW)) if t.period.start >= start
        ]
        if not following or not following[0].is_projected:
            continue
        term = following[0]
        if not any(start < other.period.start < term.period.start for other in sessions):
            found.append(DueDecision(session, term))
    return found


def search_again(tl: Timeline, today: date, max_age_days: int = DATA_AGE_DAYS) -> list[Term]:
    """Recorded terms that still cite no official source and whose last search for one (`official_sought`) was
    longer ago than `max_age_days`: the official text may have been published since."""
    org = tl.org

    def official(term: Term) -> bool:
        return any(org.sources_by_id[i].kind is SourceKind.OFFICIAL for i in term.sources if i in org.sources_by_id)

    return [
        t
        for t in org.terms
        if t.official_sought is not None and (today - t.official_sought).days > max_age_days and not official(t)
    ]


def review(tl: Timeline, today: date, max_age_days: int = DATA_AGE_DAYS) -> Review:
    """What is stale in an organisation's data as of `today`."""
    checked = tl.org.data_date
    age = (today - checked.latest).days if checked is not None else None
    return Review(
        today=today,
        past_planned=past_planned(tl, today),
        begun=begun(tl, today),
        due=due_decisions(tl, today),
        data_age=age if age is not None and age > max_age_days else None,
        search_again=search_again(tl, today, max_age_days),
    )
