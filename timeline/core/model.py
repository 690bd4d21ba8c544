"""The organisation's facts as frozen value objects; every fact names its sources by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import ClassVar

from timeline.core.dates import ONE_DAY, Duration, PartialDate, Period, SlotsKept, kept, slotted
from timeline.core.names import ENGLISH, NO_NAMES, Names


class Confidence(StrEnum):
    """How sure the curator is of a fact, given its sources."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SourceKind(StrEnum):
    """Who speaks in a source: the organisation or a member's government, the press, an encyclopedia, or other."""

    OFFICIAL = "official"
    """The organisation, a member state's government or its official press agency."""
    PRESS = "press"
    """Newspapers and independent news agencies."""
    REFERENCE = "reference"
    """Encyclopedias (Wikipedia and the like)."""
    OTHER = "other"
    """Anything else: blogs, think tanks, unknown hosts, documents of no stated kind."""


class TermStatus(StrEnum):
    """Where a term comes from: a source naming the holder, a decision made in advance, or a rule."""

    CONFIRMED = "confirmed"
    """Recorded: a source names the holder."""
    ACTING = "acting"
    """Recorded, held in an acting capacity."""
    SCHEDULED = "scheduled"
    """Named in advance by an adopted order, a decision or an announcement."""
    DERIVED = "derived"
    """The rotation rule applied to recorded membership, for a past turn no source names."""
    PROJECTED = "projected"
    """The rotation rule applied beyond what is recorded or decided."""
    UNDETERMINED = "undetermined"
    """A turn the inputs cannot decide (an adopted order ends, seats not yet filled): no holder."""


RECORDED_STATUSES = (TermStatus.CONFIRMED, TermStatus.ACTING, TermStatus.SCHEDULED)
"""Statuses a term in the data may have; the others come from rotation rules."""


class EventStatus(StrEnum):
    """What became of an event."""

    HELD = "held"
    PLANNED = "planned"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class HolderKind(StrEnum):
    """Who can hold an office: a person or a member state."""

    PERSON = "person"
    MEMBER = "member"


class Standing(StrEnum):
    """A member state's relation to the organisation on a given day."""

    MEMBER = "member"
    FROZEN = "frozen"
    SUSPENDED = "suspended"
    NOT_MEMBER = "not-member"


class ChangeKind(StrEnum):
    """A dated change in a state's membership."""

    JOINED = "joined"
    LEFT = "left"
    SUSPENDED = "suspended"
    FROZEN = "frozen"
    RESUMED = "resumed"


STANDING_AFTER = {
    ChangeKind.JOINED: Standing.MEMBER,
    ChangeKind.RESUMED: Standing.MEMBER,
    ChangeKind.LEFT: Standing.NOT_MEMBER,
    ChangeKind.SUSPENDED: Standing.SUSPENDED,
    ChangeKind.FROZEN: Standing.FROZEN,
}


@dataclass(frozen=True)
class Reason:
    """One piece of the explanation the rotation engine gives for a term it computed or completed: a key of the
    renderers' catalogues (`reason.<key>`) and its values, by name. A value named `member`, `holder`, `instead_of`
    or `turn_of` is a member id, `members` a tuple of them, `office` an office id, `day` a (partial) date, `days` a
    tuple of (date, whether it starts a period); `text` (key "text") is the data's own words, shown as written;
    `body` is a body id."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **values: object) -> Reason:
        return cls(key, tuple(values.items()))

    @classmethod
    def written(cls, text: str) -> Reason:
        """A note the data gives (an exception's note), not translated."""
        return cls("text", (("text", text),))


@slotted
@dataclass(frozen=True, kw_only=True)
class Fact(SlotsKept):
    """What every fact carries: its sources, how sure we are, and a curator's note (pickled by its fields alone,
    dates.SlotsKept)."""

    sources: tuple[str, ...] = ()
    """Ids of the sources (see Source) this fact rests on."""
    confidence: Confidence = Confidence.HIGH
    """How sure the curator is; anything below high should say why in the note."""
    note: str | None = None
    """Free text: inferences, disagreements between sources, caveats."""
    file: str = ""
    """The data file the fact was read from ("" when built in code)."""
    line: int = 0
    """The line of that file (0 when built in code)."""


@slotted
@dataclass(frozen=True, kw_only=True)
class Named(Fact):
    """A fact the outputs name: in English in its own field (`name`; a place's `city`, an event's `title`), and in
    other languages in `names`."""

    names: Names = NO_NAMES
    """The name in other languages than English, by ISO 639-1 code: Names(ru="Минск")."""
    ENGLISH_FIELD: ClassVar[str] = "name"
    """The field that holds the English name."""

    @property
    def english_name(self) -> str:
        return getattr(self, self.ENGLISH_FIELD)

    def name_in(self, language: str) -> str:
        """The name in a language (ISO 639-1), falling back to the English one."""
        return (None if language == ENGLISH else self.names.get(language)) or self.english_name


@slotted
@dataclass(frozen=True, kw_only=True)
class Abbreviated(Named):
    """A named fact with an abbreviation (a body, an organisation), in English and in other languages."""

    short: str | None = None
    """The abbreviation in English, such as CSC."""
    shorts: Names = NO_NAMES
    """The abbreviation in other languages, by ISO 639-1 code: Names(ru="СКБ")."""

    def short_in(self, language: str) -> str | None:
        """The abbreviation in a language, or None when the data gives none in it (no fallback to English)."""
        return self.short if language == ENGLISH else self.shorts.get(language)


@dataclass(frozen=True, kw_only=True)
class Source:
    """A document or page that facts cite."""

    id: str
    """Stable id used by facts to cite this source."""
    title: str
    """The document's or page's title."""
    url: str | None = None
    """Where to read it, when it is online."""
    document: str | None = None
    """A document reference (file name, archive number) when there is no URL."""
    date: PartialDate | None = None
    """The date the document was published."""
    publisher: str | None = None
    """Who published it (CSTO press service, a news agency, ...)."""
    note: str | None = None
    """Anything a reader should know about the source."""
    kind: SourceKind = SourceKind.OTHER
    """Who speaks in it: stated in the data, else derived from the URL's host by the curated kind table."""
    kind_stated: bool = False
    """Whether the data states the kind (else the kind table derived it)."""
    file: str = ""
    line: int = 0


@slotted
@dataclass(frozen=True, kw_only=True)
class Person(Named):
    """A person who holds offices or takes part in events."""

    id: str
    name: str
    """Name in English, as the organisation writes it."""
    member: str | None = None
    """Id of the member state the person belongs to, when known."""


@slotted
@dataclass(frozen=True, kw_only=True)
class Place(Named):
    """A city where bodies meet, with the IANA time zone for its local times."""

    ENGLISH_FIELD: ClassVar[str] = "city"
    id: str
    city: str
    """The city's English name (`names`: in other languages)."""
    country: str
    """The country's English name."""
    tz: str
    """IANA time zone, e.g. Europe/Minsk."""
    member: str | None = None
    """Id of the member state the city is in (for rotations that follow the host)."""

    def __str__(self) -> str:
        return f"{self.city}, {self.country}"


@slotted
@dataclass(frozen=True, kw_only=True)
class MembershipChange(Fact):
    """One dated step in a state's membership: joined, left, suspended, froze, resumed."""

    kind: ChangeKind
    date: PartialDate


@slotted
@dataclass(frozen=True, kw_only=True)
class Representation(Fact):
    """Which national office heads a member's delegation to a body over a period."""

    office: str
    """Id of the national office (e.g. am-prime-minister)."""
    start: PartialDate
    end: PartialDate | None = None
    """Exclusive: the first day another office represented the member."""

    @kept
    def period(self) -> Period:
        return Period(self.start.earliest, self.end.latest if self.end else None)


@slotted
@dataclass(frozen=True, kw_only=True)
class Member(Named):
    """A member state with its membership history."""

    id: str
    name: str
    sort_as: tuple[tuple[str, str], ...] = ()
    """(language, name) pairs: the name the organisation sorts the member under, where it differs."""
    changes: tuple[MembershipChange, ...] = ()
    """Membership history, oldest first."""
    representation: tuple[Representation, ...] = ()
    """Who heads the state's delegation on the organisation's top council, over time."""

    def sort_name(self, language: str) -> str:
        """The name used to sort the member in a language: its `sort_as` there, else its name in it."""
        for lang, name in self.sort_as:
            if lang == language:
                return name
        return self.name_in(language)

    def standing_on(self, day: date) -> Standing:
        """The state's standing on a day, from the last change on or before it."""
        standing = Standing.NOT_MEMBER
        for change in self.changes:
            if change.date.earliest <= day:
                standing = STANDING_AFTER[change.kind]
        return standing

    def standing_change_before(self, day: date) -> MembershipChange | None:
        """The change that set the standing in force on a day."""
        found = None
        for change in self.changes:
            if change.date.earliest <= day:
                found = change
        return found


@slotted
@dataclass(frozen=True, kw_only=True)
class Body(Abbreviated):
    """An organ of the organisation: a council, a secretariat, a commission."""

    id: str
    name: str
    kind: str = "council"
    """council, secretariat, staff, commission, assembly, working-group, ..."""


@slotted
@dataclass(frozen=True, kw_only=True)
class Office(Named):
    """A post: held by persons or, for a chairmanship, by member states."""

    id: str
    name: str
    body: str | None = None
    """Id of the body the office belongs to, if any."""
    holder_kind: HolderKind = HolderKind.PERSON
    seats: int | None = 1
    """How many hold it at once; None when several and the number is not known."""
    term_length: Duration | None = None
    """The nominal length of a term, e.g. P3Y."""
    member: str | None = None
    """For a national office (a head of state), the member state it belongs to."""


@slotted
@dataclass(frozen=True, kw_only=True)
class Group(Named):
    """Member states that take a turn together: a region whose turn it is before its members choose the holder (the
    African Union's regions, the G20's groups)."""

    id: str
    name: str
    members: tuple[str, ...] = ()
    """Ids of the member states in the group."""


@slotted
@dataclass(frozen=True, kw_only=True)
class Term(Fact):
    """A holder's term in an office, recorded from sources or projected by a rotation rule."""

    id: str
    office: str
    holder: str | None
    """A person id, or a member id for offices held by states (the first named of a term held jointly); None for an
    undetermined turn, or one whose group is known and its member not yet (see `group`)."""
    joint: tuple[str, ...] = ()
    """The other holders of a term held jointly (one term with several holders, never overlapping terms)."""
    group: str | None = None
    """Id of the group (a region, say) whose turn the term is, where the rotation passes among groups."""
    start: PartialDate | None = None
    """The first day in office; None when only attested dates are known."""
    end: PartialDate | None = None
    """Exclusive: the first day out of office (the successor's first day)."""
    end_unknown: bool = False
    """True when the term is known to have ended or may have, but not when."""
    attested: tuple[PartialDate, ...] = ()
    """Dates on which a source shows the holder in office."""
    status: TermStatus = TermStatus.CONFIRMED
    person: str | None = None
    """For a state-held office: the person who exercised it (the chair person)."""
    appointed_by: str | None = None
    """Id of the event (session) that appointed or handed over."""
    anomaly: str | None = None
    """Why this term departs from the rotation rule, when it does and that is known."""
    official_sought: date | None = None
    """The day an official text for this term was last searched for and not found (the `note` says where): an
    examined gap in its sources, which `validate` acknowledges and `review` asks to search again when it is old."""
    rule: str | None = None
    """Id of the rotation rule that produced the term (derived, projected, scheduled or undetermined turns)."""
    reasons: tuple[Reason, ...] = ()
    """How the rotation engine computed the term, or its end, after the curator's `note` (render.words.term_note
    words them)."""

    @property
    def holders(self) -> tuple[str, ...]:
        """Every holder of the term, the first named first (none for an undetermined turn)."""
        return (self.holder, *self.joint) if self.holder else self.joint

    @property
    def is_open(self) -> bool:
        """True for a term still running: no end and not marked as ended at an unknown date."""
        return self.end is None and not self.end_unknown

    @kept
    def first_known(self) -> PartialDate:
        """The start, or the earliest attested date."""
        return self.start if self.start is not None else min(self.attested)

    @kept
    def period(self) -> Period:
        """Every day the holder may have held the office (outer bounds)."""
        start = self.first_known.earliest
        if self.end is not None:
            return Period(start, max(start, self.end.latest))
        if self.end_unknown:
            return Period(start, max(self.attested or (self.first_known,)).latest + ONE_DAY)
        return Period(start)

    @kept
    def certain(self) -> Period:
        """The days the holder surely held the office (inner bounds); may be empty."""
        start = self.first_known.latest
        if self.end is not None:
            end = self.end.earliest
        elif self.end_unknown:
            end = max(self.attested or (self.first_known,)).latest + ONE_DAY
        else:
            return Period(start)
        return Period(start, max(start, end))

    @property
    def is_projected(self) -> bool:
        """True for a turn the rule projects beyond what is recorded or decided."""
        return self.status is TermStatus.PROJECTED

    @property
    def is_recorded(self) -> bool:
        """True for a term from the data (confirmed, acting or scheduled there), not from a rule."""
        return self.rule is None

    @property
    def is_undetermined(self) -> bool:
        return self.status is TermStatus.UNDETERMINED


@slotted
@dataclass(frozen=True, kw_only=True)
class Decision(Fact):
    """A decision taken at an event."""

    title: str


@slotted
@dataclass(frozen=True, kw_only=True)
class Announcement(Fact):
    """What was announced about an event before it happened."""

    date: PartialDate
    """The date as announced, with the precision announced (e.g. 2023-Q4)."""
    place: str | None = None
    """Id of the place announced."""
    made_on: PartialDate | None = None
    """When the announcement was made."""


@slotted
@dataclass(frozen=True, kw_only=True)
class Event(Named):
    """A session or other meeting of a body, announced, held, or cancelled."""

    ENGLISH_FIELD: ClassVar[str] = "title"
    id: str
    body: str | None
    title: str
    """The title in English (`names`: as the organisation writes it in other languages, or a faithful translation,
    said so in a note)."""
    kind: str = "session"
    """session (a regular session), extraordinary-session, meeting, consultation, training, ..."""
    date: PartialDate
    """The first day, with the precision known."""
    last_day: PartialDate | None = None
    """The last day of a multi-day event (inclusive)."""
    time: str | None = None
    """Local start time HH:MM at the place, when known."""
    end_time: str | None = None
    """Local end time HH:MM, when known."""
    place: str | None = None
    """Id of the place."""
    formats: tuple[str, ...] = ()
    """plenary, restricted, extended, videoconference, ..."""
    status: EventStatus = EventStatus.HELD
    chair: str | None = None
    """The member state chairing the body at the event."""
    chair_person: str | None = None
    """The person who presided."""
    participants: tuple[str, ...] = ()
    """Ids of persons who took part."""
    decisions: tuple[Decision, ...] = ()
    announced: Announcement | None = None
    chair_anomaly: str | None = None
    """Why the event's chair differs from the chairmanship that day, when it does."""

    @kept
    def period(self) -> Period:
        """The days the event may fall on (its whole window for an imprecise date)."""
        last = self.last_day.latest if self.last_day else self.date.latest
        return Period(self.date.earliest, last + ONE_DAY)

    @property
    def is_regular_session(self) -> bool:
        return self.kind == "session"
