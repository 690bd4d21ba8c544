"""One organisation's facts by id, and its terms by office: built once per organisation (`Organisation.index`) and
read by the query façade, the rotation context and the loader's checks alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from timeline.core.model import Body, Event, Group, Member, Office, Person, Place, Term

_Identified = TypeVar("_Identified", Member, Body, Office, Person, Place, Event, Group)


class IndexedFacts(Protocol):
    """The facts an index is built from (an Organisation has them)."""

    @property
    def members(self) -> tuple[Member, ...]: ...
    @property
    def bodies(self) -> tuple[Body, ...]: ...
    @property
    def offices(self) -> tuple[Office, ...]: ...
    @property
    def people(self) -> tuple[Person, ...]: ...
    @property
    def places(self) -> tuple[Place, ...]: ...
    @property
    def groups(self) -> tuple[Group, ...]: ...
    @property
    def terms(self) -> tuple[Term, ...]: ...
    @property
    def events(self) -> tuple[Event, ...]: ...


@dataclass(frozen=True)
class Index:
    """An organisation's facts by id (the last one wins where an id is used twice: the loader reports that), and
    each office's recorded terms in order of start."""

    members: dict[str, Member]
    bodies: dict[str, Body]
    offices: dict[str, Office]
    people: dict[str, Person]
    places: dict[str, Place]
    events: dict[str, Event]
    groups: dict[str, Group]
    terms_by_office: dict[str, list[Term]]
    """Each office's recorded terms, by the earliest day each may start, then id."""

    @classmethod
    def of(cls, facts: IndexedFacts) -> Index:
        terms: dict[str, list[Term]] = {}
        for term in sorted(facts.terms, key=lambda t: (t.first_known.sort_key(), t.id)):
            terms.setdefault(term.office, []).append(term)
        return cls(
            members=_by_id(facts.members),
            bodies=_by_id(facts.bodies),
            offices=_by_id(facts.offices),
            people=_by_id(facts.people),
            places=_by_id(facts.places),
            events=_by_id(facts.events),
            groups=_by_id(facts.groups),
            terms_by_office=terms,
        )


def _by_id(facts: Iterable[_Identified]) -> dict[str, _Identified]:
    return {fact.id: fact for fact in facts}
