"""A synthetic organisation of any size for benchmarks: states, bodies, offices, terms and events.

`synthetic(terms=10_000, events=10_000)` gives that many terms in the organisation's own offices (plus one
attested national-office term per person, which gives people a state) and that many events, spread over
1950-2030 with the features the renderers care about: imprecise dates, attested-only terms, several seats,
planned and cancelled events, a rotating chairmanship with a rule. Deterministic (a seeded generator).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from timeline.core.dates import Duration, PartialDate, Period
from timeline.core.model import (
    Body,
    ChangeKind,
    Event,
    EventStatus,
    HolderKind,
    Member,
    MembershipChange,
    Office,
    Person,
    Source,
    Term,
)
from timeline.core.organisation import Organisation
from timeline.core.query import Timeline
from timeline.core.rotation import RotationRule
from timeline.core.rotation.cadence import CalendarCadence
from timeline.core.rotation.order import CycleOrder

FIRST, LAST = date(1950, 1, 1), date(2030, 1, 1)
STATES, BODIES, OFFICES, PEOPLE = 15, 10, 40, 3000


def _day(rng: random.Random, start: date = FIRST, end: date = LAST) -> date:
    return start + timedelta(days=rng.randrange((end - start).days))


def _partial(rng: random.Random, day: date) -> PartialDate:
    """Mostly exact days; some known to the month, quarter or year only."""
    roll = rng.random()
    if roll < 0.85:
        return PartialDate.of(day)
    if roll < 0.93:
        return PartialDate(day.year, day.month)
    if roll < 0.97:
        return PartialDate(day.year, quarter=(day.month - 1) // 3 + 1)
    return PartialDate(day.year)


def _terms(rng: random.Random, count: int, offices: list[Office], people: list[Person]) -> list[Term]:
    """Consecutive terms per office (the chair office's held by states), some imprecise or only attested."""
    terms: list[Term] = []
    per_office = count // len(offices)
    span = (LAST - FIRST).days
    for n, office in enumerate(offices):
        wanted = per_office + (1 if n < count % len(offices) else 0)
        length = span // max(wanted, 1)
        for k in range(wanted):
            start, end = FIRST + timedelta(days=k * length), FIRST + timedelta(days=(k + 1) * length)
            holder = f"s{k % STATES}" if office.holder_kind is HolderKind.MEMBER else rng.choice(people).id
            common = {"id": f"{office.id}-t{k}", "office": office.id, "holder": holder, "sources": ("src0",)}
            if rng.random() < 0.05:
                seen = _day(rng, start, max(end, start + timedelta(days=1)))
                terms.append(Term(**common, attested=(PartialDate.of(seen),), end_unknown=True))
            else:
                first = _partial(rng, start) if k else PartialDate.of(start)
                terms.append(Term(**common, start=first, end=PartialDate.of(end) if k < wanted - 1 else None))
    return terms


def synthetic(terms: int = 10_000, events: int = 10_000, seed: int = 1) -> Timeline:
    """A Timeline over a made-up organisation with `terms` terms and `events` events."""
    rng = random.Random(seed)
    join = (MembershipChange(kind=ChangeKind.JOINED, date=PartialDate.of(FIRST)),)
    members = [Member(id=f"s{i}", name=f"State {i}", changes=join) for i in range(STATES)]
    bodies = [Body(id=f"b{i}", name=f"Body {i}", short=f"B{i}") for i in range(BODIES)]
    offices = [Office(id="chair", name="Chairmanship", body="b0", holder_kind=HolderKind.MEMBER)]
    offices += [Office(id=f"o{i}", name=f"Office {i}", body=f"b{i % BODIES}", seats=None) for i in range(OFFICES - 1)]
    national = [Office(id=f"s{i}-head", name=f"Head of State {i}", member=f"s{i}", seats=None) for i in range(STATES)]
    people = [Person(id=f"p{i}", name=f"Person {i}") for i in range(PEOPLE)]
    drawn = _terms(rng, terms, offices, people)
    heads = [Term(id=f"head-{p.id}", office=f"s{i % STATES}-head", holder=p.id, end_unknown=True,
                  attested=(PartialDate.of(_day(rng)),)) for i, p in enumerate(people)]  # fmt: skip
    statuses = [EventStatus.HELD] * 8 + [EventStatus.PLANNED, EventStatus.CANCELLED]
    evts = [
        Event(id=f"e{i}", body=f"b{i % BODIES}", title=f"Meeting {i} of Body {i % BODIES}",
              kind="session" if i % 3 else "meeting", date=_partial(rng, _day(rng)), status=rng.choice(statuses),
              sources=(f"src{i % 50}",))
        for i in range(events)
    ]  # fmt: skip
    rule = RotationRule(id="chair-rule", office="chair", in_force=Period(date(2029, 1, 1)),
                        cadence=CalendarCadence(LAST, Duration(years=1)),
                        order=CycleOrder(tuple(m.id for m in members)))  # fmt: skip
    sources = {f"src{i}": Source(id=f"src{i}", title=f"Source {i}", url=f"https://example.org/{i}") for i in range(50)}
    org = Organisation(id="synthetic", name="Synthetic Organisation", short="SYN", chair_office="chair",
                       data_date=PartialDate.of(date(2026, 1, 1)), sources_by_id=sources, members=tuple(members),
                       bodies=tuple(bodies), offices=tuple(offices + national), people=tuple(people),
                       terms=tuple(drawn + heads), events=tuple(evts), rotations=(rule,))  # fmt: skip
    return Timeline(org)


def write_folder(tl: Timeline, folder) -> None:
    """The organisation as a data folder (`<folder>/<org id>/*.yaml`), so `timeline build` can run on it whole."""
    from pathlib import Path

    import yaml

    org = tl.org
    target = Path(folder) / org.id
    target.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def put(name: str, entries: object) -> None:
        (target / name).write_text(yaml.dump(entries, Dumper=dumper, allow_unicode=True, sort_keys=False), "utf-8")

    def cited(fact) -> dict:
        return {"sources": list(fact.sources) or ["src0"]}

    put("organisation.yaml", {"name": org.name, "short": org.short, "chair_office": org.chair_office,
                              "data_date": str(org.data_date), "languages": ["en"], "sources": ["src0"]})  # fmt: skip
    put("sources.yaml", [{"id": s.id, "title": s.title, "url": s.url} for s in org.sources_by_id.values()])
    put("members.yaml", [{"id": m.id, "name": m.name, **cited(m),
                          "membership": [{"kind": c.kind.value, "date": str(c.date), "sources": ["src0"]}
                                         for c in m.changes]} for m in org.members])  # fmt: skip
    put("bodies.yaml", [{"id": b.id, "name": b.name, "short": b.short, **cited(b)} for b in org.bodies])
    put("offices.yaml", [{"id": o.id, "name": o.name, **({"body": o.body} if o.body else {}),
                          "holder": o.holder_kind.value, "seats": o.seats if o.seats is not None else "several",
                          **({"member": o.member} if o.member else {}), **cited(o)} for o in org.offices])  # fmt: skip
    put("people.yaml", [{"id": p.id, "name": p.name, **cited(p)} for p in org.people])
    put("terms.yaml", [
        {"id": t.id, "office": t.office, "holder": t.holder,
         **({"start": str(t.start)} if t.start else {"attested": [str(d) for d in t.attested]}),
         **({"end": str(t.end)} if t.end else {"end": "unknown"} if t.end_unknown else {}), **cited(t)}
        for t in org.terms
    ])  # fmt: skip
    put("events.yaml", [{"id": e.id, "body": e.body, "title": e.title, "kind": e.kind, "date": str(e.date),
                         "status": e.status.value, **cited(e)} for e in org.events])  # fmt: skip
    rule = org.rotations[0]
    put("rotations.yaml", [{"id": rule.id, "office": rule.office, "in_force": {"from": str(rule.in_force.start)},
                            "cadence": {"kind": "calendar", "anchor": str(rule.cadence.anchor), "every": "P1Y"},
                            "order": {"kind": "cycle", "members": list(rule.order.members)},
                            "sources": ["src0"]}])  # fmt: skip


def one_bar() -> Timeline:
    """The smallest page: one state holding one office for one year, nothing else (the pages' yardstick)."""
    join = (MembershipChange(kind=ChangeKind.JOINED, date=PartialDate.of(FIRST)),)
    member = Member(id="s0", name="State 0", changes=join)
    office = Office(id="chair", name="Chairmanship", holder_kind=HolderKind.MEMBER)
    term = Term(id="chair-t0", office="chair", holder="s0", start=PartialDate.of(date(2026, 1, 1)),
                end=PartialDate.of(date(2026, 12, 31)), sources=("src0",))  # fmt: skip
    source = Source(id="src0", title="Source 0", url="https://example.org/0")
    org = Organisation(id="onebar", name="One Bar", short="ONE", chair_office="chair",
                       data_date=PartialDate.of(date(2026, 1, 1)), sources_by_id={"src0": source},
                       members=(member,), offices=(office,), terms=(term,))  # fmt: skip
    return Timeline(org)
