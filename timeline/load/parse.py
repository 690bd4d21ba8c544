"""Entries of each data file turned into core objects (one function per kind of fact)."""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.core.dates import PartialDate, Period
from timeline.core.model import (
    RECORDED_STATUSES,
    Announcement,
    Body,
    ChangeKind,
    Decision,
    Event,
    EventStatus,
    Group,
    HolderKind,
    Member,
    MembershipChange,
    Office,
    Person,
    Place,
    Representation,
    Source,
    SourceKind,
    Term,
    TermStatus,
)
from timeline.core.names import ENGLISH, ISO_639_1, Names, not_a_language
from timeline.core.rotation.cadence import CADENCES
from timeline.core.rotation.fields import read_fields
from timeline.core.rotation.kinds import Kind, Registry
from timeline.core.rotation.order import ORDERS
from timeline.core.rotation.pool import POOLS, MembersPool
from timeline.core.rotation.rules import EXCEPTIONS, RotationRule, RuleException
from timeline.errors import DataError, ValueProblem
from timeline.load.fields import Entry

OLDER_RUSSIAN = "_ru"
"""The suffix of the older form of a Russian name (`name_ru`, `city_ru`, `title_ru`, `short_ru`), still read."""


def name_field(e: Entry, key: str, required: bool = True) -> tuple[str | None, Names]:
    """A name field (`name`, `city`, `title`, `short`): the English text, or a mapping by language (ISO 639-1) that
    holds the English one, `{en: Minsk, ru: Минск, fr: Minsk}`; the older `<key>_ru` still gives the Russian one.
    Returns the English name and the names in other languages."""
    older = e.text(key + OLDER_RUSSIAN)
    by_language = e.entry(key, f"'{key}'") if isinstance(e.data.get(key), dict) else None
    if by_language is None:
        return e.text(key, required), Names(ru=older)
    found: dict[str, str | None] = {}
    for language in by_language.data:
        text = by_language.text(language)
        if language not in ISO_639_1:
            by_language.error(f"{e.what}: '{key}': {not_a_language(language)}", language)
        else:
            found[language] = text
    english = found.pop(ENGLISH, None)
    if english is None and required:
        e.error(f"{e.what}: '{key}' has no '{ENGLISH}' (the name in English is required)", key)
    if older is not None and "ru" in by_language.data:
        e.error(f"{e.what}: the Russian {key} is given twice, in '{key}' and in '{key}{OLDER_RUSSIAN}' (keep one)", key)
    return english, Names(found, ru=older or found.get("ru"))


def source(e: Entry) -> Source:
    url, document = e.url("url"), e.text("document")
    if not e.has("url") and document is None:
        e.error(f"{e.what} needs a 'url' or a 'document'")
    return Source(
        id=e.text("id", True) or "",
        title=e.text("title", True) or "",
        url=url,
        document=document,
        date=e.date("date"),
        publisher=e.text("publisher"),
        note=e.text("note"),
        kind=e.choice("kind", SourceKind, SourceKind.OTHER) or SourceKind.OTHER,
        kind_stated=e.has("kind"),
        file=e.file,
        line=e.line,
    )


def person(e: Entry) -> Person:
    name, other = name_field(e, "name")
    return Person(
        id=e.text("id", True) or "",
        name=name or "",
        names=other,
        member=e.text("member"),
        **e.common(),
    )


def place(e: Entry) -> Place:
    city, other = name_field(e, "city")
    return Place(
        id=e.text("id", True) or "",
        city=city or "",
        names=other,
        country=e.text("country", True) or "",
        tz=e.text("tz", True) or "UTC",
        member=e.text("member"),
        **e.common(),
    )


def group(e: Entry) -> Group:
    name, other = name_field(e, "name", required=True)
    members = e.texts("members")
    if not members and e.valid:
        e.error(f"{e.what} has no 'members' (the member ids of the group)", "members")
    return Group(id=e.text("id", True) or "", name=name or "", names=other, members=members, **e.common())


def member(e: Entry) -> Member:
    changes = []
    for c in e.entries("membership", "membership change"):
        kind, day = c.choice("kind", ChangeKind), c.date("date", True)
        if kind is not None and day is not None:
            changes.append(MembershipChange(kind=kind, date=day, **c.common()))
        c.finish()
    reps = []
    for r in e.entries("representation", "representation"):
        start, end = r.date("start", True), r.date("end")
        if start and end and end.latest <= start.earliest:
            r.error(f"{r.what}: ends before it starts ({start} >= {end}; 'end' is the first day out)", "end")
            end = None
        reps.append(Representation(office=r.text("office", True) or "", start=start, end=end, **r.common()))
        r.finish()
    sort_as = e.entry("sort_as", "sort_as")
    names = tuple((lang, sort_as.text(lang) or "") for lang in sort_as.data) if sort_as else ()
    if sort_as:
        for lang, _ in names:
            if lang not in ("en", "ru"):
                sort_as.error(f"{sort_as.what}: language '{lang}' is not supported (use en or ru)", lang)
        sort_as.finish()
    name, other = name_field(e, "name")
    return Member(
        id=e.text("id", True) or "",
        name=name or "",
        names=other,
        sort_as=tuple((str(lang), name) for lang, name in names if name),
        changes=tuple(sorted(changes, key=lambda c: c.date.sort_key())),
        representation=tuple(r for r in reps if r.start),
        **e.common(),
    )


def body(e: Entry) -> Body:
    (name, other), (short, shorts) = name_field(e, "name"), name_field(e, "short", required=False)
    return Body(
        id=e.text("id", True) or "",
        name=name or "",
        names=other,
        short=short,
        shorts=shorts,
        kind=e.text("kind") or "council",
        **e.common(),
    )


def office(e: Entry) -> Office:
    seats = e.raw("seats")
    name, other = name_field(e, "name")
    return Office(
        id=e.text("id", True) or "",
        name=name or "",
        names=other,
        body=e.text("body"),
        holder_kind=e.choice("holder", HolderKind, HolderKind.PERSON),
        seats=None if seats == "several" else e.integer("seats", 1, least=1),
        term_length=e.duration("term_length"),
        member=e.text("member"),
        **e.common(),
    )


def term(e: Entry) -> Term | None:
    ident = e.text("id", True) or ""
    start, attested = e.date("start"), e.dates("attested")
    end_text = e.text("end")
    end_unknown = end_text == "unknown"
    end = None if end_unknown else e.date("end")
    length = e.duration("length")
    if start is None and not attested:
        if not e.has("start") and not e.has("attested"):
            e.error(f"{e.what} needs a 'start' or 'attested' dates")
        return None
    if length is not None:
        if start is None or not start.is_exact:
            e.error(f"{e.what}: 'length' needs an exact 'start'", "length")
        elif end is not None:
            e.error(f"{e.what}: give 'end' or 'length', not both", "length")
        else:  # Entry.duration refuses an empty one
            end = PartialDate.of(length.after(start.earliest))
    if start is not None and end is not None and start.is_exact and end.is_exact and end == start:
        e.error(
            f"{e.what} ends the day it starts: 'end' is the first day out of office (the successor's first day)", "end"
        )
    holders, group_id = _holders(e), e.text("group")
    return Term(
        id=ident,
        office=e.text("office", True) or "",
        holder=holders[0] if holders else None,
        joint=holders[1:],
        group=group_id,
        start=start,
        end=end,
        end_unknown=end_unknown,
        attested=attested,
        status=_recorded_status(e),
        person=e.text("person"),
        appointed_by=e.text("appointed_by"),
        anomaly=e.text("anomaly"),
        official_sought=_official_sought(e),
        **e.common(),
    )


def _official_sought(e: Entry) -> date | None:
    """The exact day an official text for the term was last searched for: not after today (the system's date; a
    search cannot be dated later than it is made). checks.Checker compares it with the data's `data_date`."""
    key = "official_sought"
    day = e.day(key)
    if day is not None and day > date.today():
        e.error(f"{e.what}: '{key}' {day} is in the future: give the day the search was made", key)
        return None
    return day


def _holders(e: Entry) -> tuple[str, ...]:
    """`holder: kz`, or `holder: [dk, fo]` for a term held jointly; none where `group` names whose turn it is and
    its holder is not chosen yet (then the term can only be scheduled)."""
    if isinstance(e.raw("holder"), list):
        found = e.texts("holder")
        if not found:
            e.error(f"{e.what}: 'holder' is an empty list", "holder")
        elif len(set(found)) < len(found):
            e.error(f"{e.what}: 'holder' names a holder twice", "holder")
        return found
    one = e.text("holder", required=not e.has("group"))
    if one is None and e.has("group") and e.raw("status") != TermStatus.SCHEDULED.value:
        e.error(f"{e.what} names a group and no holder: only a scheduled term can ('status: scheduled')", "group")
    return (one,) if one else ()


def _recorded_status(e: Entry) -> TermStatus:
    status = e.choice("status", TermStatus, TermStatus.CONFIRMED) or TermStatus.CONFIRMED
    if status not in RECORDED_STATUSES:
        allowed = ", ".join(s.value for s in RECORDED_STATUSES)
        e.error(f"{e.what}: status '{status}' comes from rotation rules, not data (use one of: {allowed})", "status")
        return TermStatus.CONFIRMED
    return status


def event(e: Entry) -> Event | None:
    ident = e.text("id", True) or ""
    day = e.date("date", True)
    if day is None:
        return None
    decisions = []
    for d in e.entries("decisions", "decision"):
        decisions.append(Decision(title=d.text("title", True) or "", **d.common()))
        d.finish()
    announced = None
    a = e.entry("announced", "announcement")
    if a is not None:
        when = a.date("date", True)
        if when is not None:
            announced = Announcement(date=when, place=a.text("place"), made_on=a.date("made_on"), **a.common())
        a.finish()
    time, end_time = e.text("time"), e.text("end_time")
    for key, value in (("time", time), ("end_time", end_time)):
        if value is not None and not _is_clock(value):
            e.error(f"{e.what}: '{key}' is '{value}', expected HH:MM (24-hour, local time)", key)
    last_day = e.date("last_day")
    if last_day is not None and last_day.latest < day.earliest:
        e.error(f"{e.what} ends before it starts ({day} > {last_day})", "last_day")
        last_day = None
    single = last_day is None or last_day == day
    if single and time and end_time and _is_clock(time) and _is_clock(end_time) and end_time <= time:
        e.error(f"{e.what}: 'end_time' {end_time} is not after 'time' {time} on a one-day event", "end_time")
        end_time = None
    if end_time and not time:
        e.error(f"{e.what}: 'end_time' without 'time'", "end_time")
    title, other = name_field(e, "title")
    return Event(
        id=ident,
        body=e.text("body"),
        title=title or "",
        names=other,
        kind=e.text("kind") or "session",
        date=day,
        last_day=last_day,
        time=time,
        end_time=end_time,
        place=e.text("place"),
        formats=e.texts("formats"),
        status=e.choice("status", EventStatus, EventStatus.HELD),
        chair=e.text("chair"),
        chair_person=e.text("chair_person"),
        participants=e.texts("participants"),
        decisions=tuple(decisions),
        announced=announced,
        chair_anomaly=e.text("chair_anomaly"),
        **e.common(),
    )


def _is_clock(text: str) -> bool:
    parts = text.split(":")
    return (
        len(parts) == 2
        and all(p.isascii() and p.isdigit() and len(p) == 2 for p in parts)
        and int(parts[0]) < 24
        and int(parts[1]) < 60
    )


def rotation(e: Entry) -> RotationRule | None:
    ident = e.text("id", True) or ""
    in_force = e.entry("in_force", "in_force") or Entry(e.file, {}, "in_force", e.errors, e.line)
    start, end = in_force.date("from", True), in_force.date("until")
    in_force.finish()
    cadence = _part(e, "cadence", CADENCES)
    pool = _part(e, "pool", POOLS, default=MembersPool())
    order = _part(e, "order", ORDERS)
    exceptions = [x for x in (_exception(x) for x in e.entries("exceptions", "exception")) if x is not None]
    if start is None or cadence is None or order is None or pool is None:
        return None
    try:
        period = Period(start.earliest, end.earliest if end else None)
    except ValueProblem as problem:
        e.error(f"{e.what}: in_force {problem}", "in_force")
        return None
    rule = RotationRule(
        id=ident,
        office=e.text("office", True) or "",
        in_force=period,
        cadence=cadence,
        pool=pool,
        order=order,
        first=e.text("first"),
        basis=e.text("basis"),
        exceptions=tuple(sorted(exceptions, key=lambda x: x.first_day() or date.min)),
        **e.common(),
    )
    for key, part in (("cadence", cadence), ("pool", pool), ("order", order)):
        problem = _misfit(part, rule)
        if problem:
            e.error(f"{e.what}: {problem}", key)
    for exception in rule.exceptions:  # each reported at its own line
        problem = _misfit(exception, rule)
        if problem:
            message = f"{e.what} {exception.kind} exception: {problem}"
            e.errors.append(DataError(exception.file or e.file, exception.line or e.line, message))
    return rule


def _misfit(part: Kind, rule: RotationRule) -> ValueProblem | None:
    """Why a part of a rule does not fit the rest of it (its kind's `validate`), or None."""
    try:
        part.validate(rule)
    except ValueProblem as problem:
        return problem
    return None


def _kind(x: Entry, registry: Registry[Any], **common: Any) -> Any:
    """A registered kind read from its entry (`{kind: <name>, <its fields>}`), or None after an error."""
    name = x.text("kind", True)
    if name is not None and name not in registry:
        x.error(f"{x.what}: kind '{name}' is not one of: {', '.join(registry)}", "kind")
        return None
    if name is None:
        return None
    kind: type[Kind] = registry[name]
    for field_name, field in kind.fields.items():
        for key in field.keys(field_name):
            x.raw(key)  # read: not an unknown field
    values, problems = read_fields(kind.fields, x.data)
    for problem in problems:
        x.error(f"{x.what} {problem}" if problem.missing else f"{x.what}: {problem}", problem.key)
    if problems:
        return None
    try:
        return kind(**values, **common)
    except ValueProblem as problem:
        x.error(f"{x.what}: {problem}")
        return None


def _part(e: Entry, key: str, registry: Registry[Any], default: Any = None) -> Any:
    """A cadence, pool or order: `{kind: <name in the registry>, <its fields>}`."""
    sub = e.entry(key, key)
    if sub is None:
        if default is None:
            e.error(f"{e.what} has no '{key}' (see docs/rotations.md)")
        return default
    found = _kind(sub, registry)
    sub.finish()
    return found


def _exception(x: Entry) -> RuleException | None:
    common = x.common()
    found = _kind(x, EXCEPTIONS, **common)
    x.finish()
    return found
