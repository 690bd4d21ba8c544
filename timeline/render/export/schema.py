"""The JSON Schema (draft 2020-12) of `timeline.json`, the export of one organisation's whole model.

The build writes it beside each export as `timeline.schema.json`; the export names it in its
`$schema` key. Every object lists all its keys (a missing value is `null`, never absent) and
allows no others; within one `version`, fields are only ever added (with a new schema).
"""

from __future__ import annotations

from typing import Any

from timeline.render.json import JSON_VERSION

SCHEMA_FILE = "timeline.schema.json"
PARTIAL_DATE = r"^\d{4}(-(Q[1-4]|\d{2}(-\d{2})?))?~?$"
Schema = dict[str, Any]


def _obj(description: str, **properties: Schema) -> Schema:
    """An object with exactly these keys, each required (null stands for a missing value)."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _null(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _list(items: Schema, description: str = "") -> Schema:
    return {"type": "array", "items": items, **({"description": description} if description else {})}


def _text(description: str = "") -> Schema:
    return {"type": "string", **({"description": description} if description else {})}


def _enum(*values: str) -> Schema:
    return {"enum": list(values)}


ID = {"type": "string", "description": "A stable id from the data."}
DAY = {"type": "string", "format": "date", "description": "An exact day, YYYY-MM-DD."}
PARTIAL = {
    "type": "string",
    "pattern": PARTIAL_DATE,
    "description": "A date to its known precision: 2022-11-23, 2023-11, 2023-Q4 or 2023; '~' = approximate.",
}
PERIOD = _obj(
    "A half-open span of days: every day that may belong to it (outer bounds).",
    start=DAY,
    end=_null({**DAY, "description": "Exclusive: the first day after; null when still open."}),
    last_day=_null({**DAY, "description": "The last day (end minus one day); null when open."}),
)
SOURCE_REF = _obj(
    "A source a fact rests on.",
    id=ID,
    title=_text(),
    url=_null(_text("Where to read it.")),
    document=_null(_text("A document reference.")),
    date=_null(PARTIAL),
)
SOURCES = _list(SOURCE_REF, "The sources cited, in the order cited.")
PERSON = _obj("A person.", id=ID, name=_text("Name in English."), name_ru=_null(_text("Name in Russian.")))
CONFIDENCE = {**_enum("high", "medium", "low"), "description": "How sure the curator is of the fact."}
NOTE = _null(_text("A curator's note."))
NAMED = {"id": ID, "name": _text(), "name_ru": _null(_text())}
"""The id and names that a member, a body and an office start with."""
CITED = {"note": NOTE, "sources": SOURCES}
"""The curator's note and the sources that a fact ends with."""

TERM = _obj(
    "A term of office: recorded, or a turn of a rotation rule (derived, projected, scheduled or undetermined).",
    id=ID,
    office=ID,
    holder=_null({**ID, "description": "A person id, or a member id for state-held offices; null when undetermined."}),
    holders=_list(ID, "Every holder, the first named first: several for a term held jointly, none when undetermined."),
    group=_null(
        {**ID, "description": "The group (a region) whose turn the term is, where the rotation passes among groups."}
    ),
    holder_name=_text(),
    holder_name_ru=_null(_text("The holder's name in Russian (a state's from CLDR when the data has none).")),
    start=_null(PARTIAL),
    end=_null({**PARTIAL, "description": "Exclusive: first day out."}),
    end_unknown={"type": "boolean", "description": "The term ended (or may have) at an unknown date."},
    attested=_list(PARTIAL, "Dates a source shows the holder in office."),
    period=PERIOD,
    status=_enum("confirmed", "acting", "scheduled", "derived", "projected", "undetermined"),
    person=_null(PERSON),
    appointed_by=_null(ID),
    anomaly=_null(_text("Why the term departs from the rotation rule.")),
    official_sought=_null(
        {**DAY, "description": "The day an official text for the term was last searched for and not found."}
    ),
    rule=_null({**ID, "description": "The rotation rule that gave the turn (null for a recorded term)."}),
    confidence=CONFIDENCE,
    **CITED,
)
EVENT = _obj(
    "A session or meeting of a body.",
    id=ID,
    body=_null(ID),
    body_name=_null(_text()),
    body_name_ru=_null(_text()),
    title=_text(),
    title_ru=_null(_text("The title in Russian.")),
    kind=_text("session, extraordinary-session, ..."),
    date=PARTIAL,
    precision=_enum("year", "quarter", "month", "day"),
    last_day=_null(PARTIAL),
    period=PERIOD,
    time=_null(_text("Local start time HH:MM.")),
    end_time=_null(_text("Local end time HH:MM.")),
    place=_null(
        _obj("Where.", id=ID, city=_text(), city_ru=_null(_text()), country=_text(), tz=_text("IANA time zone."))
    ),
    formats=_list(_text()),
    status=_enum("held", "planned", "cancelled", "postponed"),
    chair=_null(ID),
    chair_person=_null(PERSON),
    participants=_list(PERSON),
    decisions=_list(_obj("A decision taken.", title=_text(), sources=SOURCES)),
    announced=_null(
        _obj("What was announced beforehand.", date=PARTIAL, place=_null(ID), made_on=_null(PARTIAL), sources=SOURCES)
    ),
    confidence=CONFIDENCE,
    **CITED,
)
MEMBER = _obj(
    "A member state and its membership history.",
    **NAMED,
    membership=_list(
        _obj(
            "A dated change.",
            kind=_enum("joined", "left", "suspended", "frozen", "resumed"),
            date=PARTIAL,
            **CITED,
        )
    ),
    representation=_list(
        _obj("The national office heading the delegation.", office=ID, start=PARTIAL, end=_null(PARTIAL))
    ),
)
OFFICE = _obj(
    "An office with every term: recorded, then projected up to five years after the build day.",
    **NAMED,
    body=_null(ID),
    holder_kind=_enum("person", "member"),
    seats=_null({"type": "integer"}),
    term_length=_null(_text("ISO 8601 duration, e.g. P3Y.")),
    member=_null({**ID, "description": "For a national office, its member state."}),
    terms=_list(TERM),
)
PART = {
    "type": "object",
    "required": ["kind"],
    "properties": {"kind": _text("The kind, as named in the data.")},
    "description": "A cadence, pool, order or exception: its kind and that kind's fields (docs/rotations.md).",
}
ROTATION = _obj(
    "A version of an office's rotation rule (docs/rotations.md).",
    id=ID,
    office=ID,
    in_force=PERIOD,
    cadence=PART,
    pool=PART,
    order=PART,
    first=_null({**ID, "description": "The member holding the first turn under this version."}),
    basis=_null(_text()),
    exceptions=_list(PART, "Dated, sourced departures from the order."),
    **CITED,
)
SOURCE = _obj(
    "A source document.",
    id=ID,
    title=_text(),
    url=_null(_text()),
    document=_null(_text()),
    date=_null(PARTIAL),
    publisher=_null(_text()),
    note=NOTE,
)


def schema() -> Schema:
    """The schema of `timeline.json` as a JSON-ready dict."""
    top = _obj(
        "The whole governance record of one organisation, as published by `timeline build`.",
        version={"const": JSON_VERSION, "description": "The format version."},
        org=ID,
        name=_text(),
        name_ru=_null(_text()),
        short=_null(_text()),
        short_ru=_null(_text("The Russian abbreviation.")),
        url=_null(_text()),
        data_date=_null({**PARTIAL, "description": "When the data was last checked against sources."}),
        chair_office=_null(ID),
        members=_list(MEMBER),
        bodies=_list(
            _obj("An organ of the organisation.", **NAMED, short=_null(_text()), short_ru=_null(_text()), kind=_text())
        ),
        offices=_list(OFFICE),
        people=_list(PERSON),
        events=_list(EVENT, "Every event, by date."),
        rotations=_list(ROTATION),
        sources=_list(SOURCE),
    )
    top["properties"] = {"$schema": _text("The schema's file name, beside the export."), **top["properties"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILE,
        "title": f"timeline export, version {JSON_VERSION}",
        **top,
    }
