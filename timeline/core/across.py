"""Questions asked across organisations: everything a member state chairs, in time order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.core.dates import Period
from timeline.core.model import Member, Term
from timeline.core.query import Timeline
from timeline.errors import QueryError


@dataclass(frozen=True)
class HeldChair:
    """A chairmanship term a member state holds in one organisation."""

    timeline: Timeline
    term: Term


def find_member(timelines: Sequence[Timeline], ref: str) -> str:
    """A member state's id from its id or its name in any language (case-insensitive), in any organisation."""
    wanted = ref.strip().casefold()
    for tl in timelines:
        for member in tl.org.members:
            if wanted in (name.casefold() for name in (member.id, member.name, *member.names.values())):
                return member.id
    names = sorted({m.id for tl in timelines for m in tl.org.members})
    raise QueryError(
        f"no member state '{ref}' in any organisation (ids are ISO codes such as {', '.join(names[:8])}, ...)"
    )


def member_name(timelines: Sequence[Timeline], member_id: str) -> Member | None:
    """The member's record in the first organisation that has it."""
    return next((tl.members[member_id] for tl in timelines if member_id in tl.members), None)


def chairs_of(timelines: Sequence[Timeline], member_id: str, span: Period) -> list[HeldChair]:
    """Every chairmanship term the member holds during a span, across organisations, by start then organisation."""
    found = []
    for tl in timelines:
        if tl.org.chair_office is None:
            continue
        found += [HeldChair(tl, t) for t in tl.terms_during(tl.org.chair_office, span) if member_id in t.holders]
    return sorted(found, key=lambda h: (h.term.period.start, h.timeline.org.id))
