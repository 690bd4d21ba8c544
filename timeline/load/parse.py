"""Entries of each data file turned into core objects (one function per kind of fact)."""

from __future__ import annotations

from timeline.core.dates import PartialDate, Period
from timeline.core.model import (
    Announcement,
    Body,
    ChangeKind,
    Decision,
    Event,
    EventStatus,
    Handoff,
    HolderKind,
    Member,
    MembershipChange,
    Office,
    Override,
    Person,
    Place,
    Representation,
    RotationRule,
    Source,
    Term,
    TermStatus,
)
from timeline.errors import ValueProblem
from timeline.load.fields import Entry


def source(e: Entry) -> Source:
    url, document = e.text("url"), e.text("document")
    if url is None and document is None:
        e.error(f"{e.what} needs a 'url' or a 'document'")
    return Source(
        id=e.text("id", True) or "",
        title=e.text("title", True) or "",
        url=url,
        document=document,
        date=e.date("date"),
        publisher=e.text("publisher"),
        note=e.text("note"),
        file=e.file,
        line=e.line,
    )


def person(e: Entry) -> Person:
    return Person(id=e.text("id", True) or "", name=e.text("name", True) or "", name_ru=e.text("name_ru"), **e.common())


def place(e: Entry) -> Place:
    return Place(
        id=e.text("id", True) or "",
        city=e.text("city", True) or "",
        city_ru=e.text("city_ru"),
        country=e.text("country", True) or "",
        tz=e.text("tz", True) or "UTC",
        **e.common(),
    )


def member(e: Entry) -> Member:
    changes = []
    for c in e.entries("membership", "membership change"):
        kind, day = c.choice("kind", ChangeKind), c.date("date", True)
        if kind is not None and day is not None:
            changes.append(MembershipChange(kind=kind, date=day, **c.common()))
        c.finish()
    reps = []
    for r in e.entries("representation", "representation"):
        reps.append(
            Representation(
                office=r.text("office", True) or "", start=r.date("start", True), end=r.date("end"), **r.common()
            )
        )
        r.finish()
    return Member(
        id=e.text("id", True) or "",
        name=e.text("name", True) or "",
        name_ru=e.text("name_ru"),
        changes=tuple(sorted(changes, key=lambda c: c.date.sort_key())),
        representation=tuple(r for r in reps if r.start),
        **e.common(),
    )


def body(e: Entry) -> Body:
    return Body(
        id=e.text("id", True) or "",
        name=e.text("name", True) or "",
        name_ru=e.text("name_ru"),
        short=e.text("short"),
        kind=e.text("kind") or "council",
        **e.common(),
    )


def office(e: Entry) -> Office:
    seats = e.raw("seats")
    return Office(
        id=e.text("id", True) or "",
        name=e.text("name", True) or "",
        name_ru=e.text("name_ru"),
        body=e.text("body"),
        holder_kind=e.choice("holder", HolderKind, HolderKind.PERSON),
        seats=None if seats == "several" else e.integer("seats", 1),
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
        e.error(f"{e.what} needs a 'start' or 'attested' dates")
        return None
    if length is not None:
        if start is None or not start.is_exact:
            e.error(f"{e.what}: 'length' needs an exact 'start'", "length")
        elif end is not None:
            e.error(f"{e.what}: give 'end' or 'length', not both", "length")
        else:
            end = PartialDate.of(length.after(start.earliest))
    return Term(
        id=ident,
        office=e.text("office", True) or "",
        holder=e.text("holder", True) or "",
        start=start,
        end=end,
        end_unknown=end_unknown,
        attested=attested,
        status=e.choice("status", TermStatus, TermStatus.CONFIRMED),
        person=e.text("person"),
        appointed_by=e.text("appointed_by"),
        anomaly=e.text("anomaly"),
        **e.common(),
    )


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
    return Event(
        id=ident,
        body=e.text("body"),
        title=e.text("title", True) or "",
        kind=e.text("kind") or "session",
        date=day,
        last_day=e.date("last_day"),
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
        and all(p.isdigit() and len(p) == 2 for p in parts)
        and int(parts[0]) < 24
        and int(parts[1]) < 60
    )


def rotation(e: Entry) -> RotationRule | None:
    ident = e.text("id", True) or ""
    handoff = e.choice("handoff", Handoff)
    in_force = e.entry("in_force", "in_force") or Entry(e.file, {}, "in_force", e.errors, e.line)
    start, end = in_force.date("from", True), in_force.date("until")
    in_force.finish()
    overrides = []
    for o in e.entries("overrides", "override"):
        day = o.date("start", True)
        if day is not None:
            overrides.append(Override(start=day.earliest, holder=o.text("holder", True) or "", **o.common()))
        o.finish()
    anchor = e.date("anchor")
    if start is None or handoff is None:
        return None
    try:
        period = Period(start.earliest, end.earliest if end else None)
    except ValueProblem as problem:
        e.error(f"{e.what}: in_force {problem}", "in_force")
        return None
    if handoff is Handoff.CALENDAR and (anchor is None or not e.has("every")):
        e.error(f"{e.what}: a calendar handoff needs 'anchor' and 'every'", "handoff")
    if handoff is Handoff.SESSION and not e.has("body"):
        e.error(f"{e.what}: a session handoff needs the 'body' whose sessions hand over", "handoff")
    return RotationRule(
        id=ident,
        office=e.text("office", True) or "",
        handoff=handoff,
        in_force=period,
        order=e.texts("order"),
        body=e.text("body"),
        anchor=anchor.earliest if anchor else None,
        every=e.duration("every"),
        basis=e.text("basis"),
        overrides=tuple(overrides),
        **e.common(),
    )
