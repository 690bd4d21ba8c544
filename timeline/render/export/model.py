"""The whole model of one organisation as one JSON-ready dict (the `timeline.json` export)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from timeline.core.dates import Duration, Period
from timeline.core.model import Fact
from timeline.render.json import envelope, event_dict, partial, period_dict, person_dict, sources_list, term_dict
from timeline.render.view import View


def export(view: View) -> dict[str, Any]:
    """The view's organisation: members, bodies, offices with every term (projected ones up to the view's horizon,
    marked), events, rules, sources (language-free: the view's language is not used)."""
    tl, horizon = view.tl, view.horizon
    org = tl.org
    return envelope(
        tl,
        name=org.name,
        name_ru=org.names.get("ru"),
        short=org.short,
        short_ru=org.shorts.get("ru"),
        url=org.url,
        data_date=partial(org.data_date),
        chair_office=org.chair_office,
        members=[
            {
                "id": m.id,
                "name": m.name,
                "name_ru": m.names.get("ru"),
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
            {
                "id": b.id,
                "name": b.name,
                "name_ru": b.names.get("ru"),
                "short": b.short,
                "short_ru": b.shorts.get("ru"),
                "kind": b.kind,
            }
            for b in org.bodies
        ],
        offices=[
            {
                "id": o.id,
                "name": o.name,
                "name_ru": o.names.get("ru"),
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
                "in_force": period_dict(r.in_force),
                "cadence": _component(r.cadence),
                "pool": _component(r.pool),
                "order": _component(r.order),
                "first": r.first,
                "basis": r.basis,
                "note": r.note,
                "sources": sources_list(tl, r.sources),
                "exceptions": [
                    {**_component(x, skip=Fact), "note": x.note, "sources": sources_list(tl, x.sources)}
                    for x in r.exceptions
                ],
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


def _component(part: Any, skip: type | None = None) -> dict[str, Any]:
    """A cadence, pool, order or exception as `{kind, <its fields>}` (dates and durations as ISO text)."""
    skipped = {f.name for f in dataclasses.fields(skip)} if skip else set()
    found: dict[str, Any] = {"kind": part.kind}
    for item in dataclasses.fields(part):
        if item.name not in skipped and not item.name.startswith("_"):
            found[item.name] = _plain(getattr(part, item.name))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, Period):
        return period_dict(value)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
