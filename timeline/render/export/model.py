"""The whole model of one organisation as one JSON-ready dict (the `timeline.json` export)."""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.core.query import Timeline
from timeline.render.json import envelope, event_dict, partial, period_dict, person_dict, sources_list, term_dict


def export(tl: Timeline, horizon: date) -> dict[str, Any]:
    """Members, bodies, offices with every term (projected ones up to `horizon`, marked), events, rules, sources."""
    org = tl.org
    return envelope(
        tl,
        name=org.name,
        name_ru=org.name_ru,
        short=org.short,
        url=org.url,
        data_date=partial(org.data_date),
        chair_office=org.chair_office,
        members=[
            {
                "id": m.id,
                "name": m.name,
                "name_ru": m.name_ru,
                "membership": [
                    {"kind": c.kind.value, "date": str(c.date), "note": c.note, "sources": sources_list(tl, c.sources)}
                    for c in m.changes
                ],
                "representation": [
                    {"office": r.office, "start": str(r.start), "end": partial(r.end)} for r in m.representation
                ],
            }
            for m in org.members
        ],
        bodies=[
            {"id": b.id, "name": b.name, "name_ru": b.name_ru, "short": b.short, "kind": b.kind} for b in org.bodies
        ],
        offices=[
            {
                "id": o.id,
                "name": o.name,
                "name_ru": o.name_ru,
                "body": o.body,
                "holder_kind": o.holder_kind.value,
                "seats": o.seats,
                "term_length": str(o.term_length) if o.term_length else None,
                "member": o.member,
                "terms": [term_dict(tl, t) for t in tl.terms(o.id, horizon)],
            }
            for o in org.offices
        ],
        people=[person_dict(tl, p.id) for p in org.people],
        events=[event_dict(tl, e) for e in tl.events()],
        rotations=[
            {
                "id": r.id,
                "office": r.office,
                "handoff": r.handoff.value,
                "in_force": period_dict(r.in_force),
                "order": list(r.order),
                "body": r.body,
                "anchor": r.anchor.isoformat() if r.anchor else None,
                "every": str(r.every) if r.every else None,
                "basis": r.basis,
                "note": r.note,
                "sources": sources_list(tl, r.sources),
            }
            for r in org.rotations
        ],
        sources=[
            {
                "id": s.id,
                "title": s.title,
                "url": s.url,
                "document": s.document,
                "date": partial(s.date),
                "publisher": s.publisher,
                "note": s.note,
            }
            for s in org.sources_by_id.values()
        ],
    )
