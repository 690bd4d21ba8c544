"""What ingest reads and proposes: documents, facts with their readings and their status against the data."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from timeline.core.dates import PartialDate
from timeline.errors import TimelineError

KINDS = ("session", "planned_session", "chair", "appointment")
"""The kinds of fact ingest proposes."""
STATUSES = ("recorded", "new", "conflict")
"""A reading's status against the data (a fact with several readings is 'ambiguous')."""


class DocumentError(TimelineError):
    """A document ingest cannot read (binary, empty, too large, not UTF-8, HTML without a body); names the file."""

    exit_code = 2


@dataclass(frozen=True)
class Document:
    """A press release as read: its name (path or '-'), plain text, and the title, date and URL where given."""

    name: str
    text: str
    title: str | None = None
    date: date | None = None
    url: str | None = None


@dataclass(frozen=True)
class Reading:
    """One way of reading a fact: what it states, resolved to the data's ids, and its status against the data."""

    kind: str
    org: str
    body: str | None = None
    office: str | None = None
    date: PartialDate | None = None
    """A session's (first) day, or its month, quarter or year when the text gives no more."""
    last_day: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    """The last day (month, year) stated, inclusive as the text says it ('until 31 December 2028')."""
    place: str | None = None
    member: str | None = None
    person: str | None = None
    person_name: str | None = None
    """The person's name as written, when the data has no such person."""
    formats: tuple[str, ...] = ()
    event_kind: str = "session"
    length: str | None = None
    """A term's stated length as an ISO 8601 duration (P3Y)."""
    status: str = "new"
    recorded_at: str | None = None
    """Where the data has it (recorded) or says otherwise (conflict): file:line and the entry's id."""
    conflict: str | None = None
    """What the data says instead, for a conflict."""

    def with_status(self, status: str, where: str | None = None, conflict: str | None = None) -> Reading:
        return replace(self, status=status, recorded_at=where, conflict=conflict)


@dataclass
class Finding:
    """A fact a document states, quoted verbatim, with one reading or (never silently resolved) several."""

    quotes: list[str]
    readings: list[Reading]
    doc_date: date | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.readings[0].kind

    @property
    def status(self) -> str:
        return self.readings[0].status if len(self.readings) == 1 else "ambiguous"


@dataclass
class Report:
    """One document and the facts proposed from it."""

    document: Document
    findings: list[Finding]
