"""One organisation's whole governance record: its facts (timeline.core.model) and rotation rules together.

It lives apart from the fact model so that the rotation package, which builds on the facts, and the
organisation, which holds rotation rules, import each other in one direction only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from timeline.core.dates import PartialDate
from timeline.core.index import Index
from timeline.core.model import Abbreviated, Body, Event, Fact, Group, Member, Office, Person, Place, Source, Term
from timeline.core.rotation.rules import RotationRule


class Region(StrEnum):
    """Where an organisation's members are: the world, or a region (how lists of organisations group them)."""

    GLOBAL = "global"
    AFRICA = "africa"
    AMERICAS = "americas"
    ASIA_PACIFIC = "asia-pacific"
    EURASIA = "eurasia"
    EUROPE = "europe"
    MIDDLE_EAST = "middle-east"


@dataclass(frozen=True, kw_only=True)
class Organisation(Abbreviated):
    """One organisation's whole governance record, named (`names`) and abbreviated (`short`, `shorts`: ОДКБ) by
    language."""

    id: str
    name: str
    url: str | None = None
    chair_office: str | None = None
    """Id of the rotating chairmanship office that `who-chairs` answers for."""
    data_date: PartialDate | None = None
    """When the data was last checked against sources."""
    region: Region | None = None
    """Where the organisation belongs, for grouping it among others (a global club, a European council, ...)."""
    languages: tuple[str, ...] = ()
    """The organisation's working languages (ISO 639-1), e.g. ('ru',)."""
    sources_by_id: dict[str, Source] = field(default_factory=dict)
    members: tuple[Member, ...] = ()
    bodies: tuple[Body, ...] = ()
    offices: tuple[Office, ...] = ()
    people: tuple[Person, ...] = ()
    places: tuple[Place, ...] = ()
    groups: tuple[Group, ...] = ()
    """Groups of members that take turns together (regions)."""
    terms: tuple[Term, ...] = ()
    events: tuple[Event, ...] = ()
    rotations: tuple[RotationRule, ...] = ()
    """Rotation rule versions of the rotating offices (timeline.core.rotation)."""

    @cached_property
    def index(self) -> Index:
        """The facts by id and the terms by office, built on first use and kept (pickled along)."""
        return Index.of(self)

    def fact_kinds(self) -> list[tuple[str, tuple[Fact, ...]]]:
        """Every kind of top-level fact with its facts, as (kind, facts): the one list of fact kinds."""
        return [(kind, getattr(self, attribute)) for kind, attribute in FACT_KINDS]


FACT_KINDS = (
    ("member", "members"), ("body", "bodies"), ("office", "offices"), ("person", "people"), ("place", "places"),
    ("group", "groups"), ("term", "terms"), ("event", "events"), ("rotation", "rotations"),
)  # fmt: skip
"""The top-level fact kinds: what one entry is called, and the Organisation attribute that holds them."""
