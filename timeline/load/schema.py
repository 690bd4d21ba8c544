"""The JSON Schema (draft 2020-12) of the YAML files an editor writes in `data/<org>/`, one schema per file kind.

Built from one declaration table (ENTRIES: the fields each kind of entry accepts, as timeline.load.parse reads
them), the model's enums and the rotation registries, so an editor's YAML language server can complete and check a
file as it is typed. It checks the shape of each file alone; references between files, date order and the rest are
`timeline validate`'s. tests/test_data_schema.py keeps ENTRIES and the parsers in step; scripts/update_schema.py
writes docs/schema/. Not the schema of the export (timeline.json): that is timeline.render.export.schema.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from timeline.core.dates import FIRST_YEAR, LAST_YEAR
from timeline.core.model import RECORDED_STATUSES, ChangeKind, Confidence, EventStatus, HolderKind, SourceKind
from timeline.core.names import ISO_639_1
from timeline.core.organisation import Region
from timeline.core.rotation import CADENCES, EXCEPTIONS, ORDERS, POOLS
from timeline.load import KINDS, ORG_FILE, kind_of

Schema = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "docs/schema"


@dataclass(frozen=True)
class Field:
    """One field of an entry: its schema and whether the loader requires it."""

    schema: Schema
    required: bool = False


def _text(description: str, **extra: Any) -> Schema:
    return {"type": "string", "description": description, **extra}


def _enum(enum: type[StrEnum] | tuple[StrEnum, ...], description: str) -> Schema:
    return {"enum": [e.value for e in enum], "description": description}


def _either(description: str, *choices: Schema) -> Schema:
    return {"description": description, "anyOf": list(choices)}


def _list(items: Schema, description: str, least: int = 0) -> Schema:
    return {"type": "array", "description": description, "items": items, **({"minItems": least} if least else {})}


ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
YEAR_PATTERN = r"(1[89]\d\d|2[01]\d\d|2200)"
"""FIRST_YEAR to LAST_YEAR (tests/test_data_schema.py checks the bounds)."""
MONTH_DAY = r"(?!02-3|(0[469]|11)-31)(0[1-9]|1[0-2])"
DAY_OF_MONTH = r"(0[1-9]|[12]\d|3[01])"
YEAR = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
"""A bare year (2023) is read as a number in YAML."""
DEFS: dict[str, Schema] = {
    "id": _text("A stable id: lower-case letters, digits and single dashes.", pattern=ID_PATTERN),
    "text": _text("Text without control characters.", pattern=r"^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$"),
    "date": _either(
        "A date to its known precision: 2022-11-23, 2023-11, 2023-Q4 or 2023; a trailing ~ if the source hedges.",
        {"type": "string", "pattern": f"^{YEAR_PATTERN}(-(Q[1-4]|{MONTH_DAY}(-{DAY_OF_MONTH})?))?~?$"},
        YEAR,
    ),
    "day": _text("An exact day, YYYY-MM-DD.", pattern=f"^{YEAR_PATTERN}-{MONTH_DAY}-{DAY_OF_MONTH}$"),
    "duration": _text(
        "A non-empty ISO 8601 duration: P3Y, P6M, P2W, P10D.",
        pattern=r"^P(?=\d*[1-9])(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$",
    ),
    "url": _text("An http(s) address.", pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#<>\"'`]+([/?#][^\s<>\"`]*)?$"),
    "clock": _text(
        'A local time, HH:MM on the 24-hour clock (quote it: "10:00").', pattern=r"^([01]\d|2[0-3]):[0-5]\d$"
    ),
}
"""The value types several fields share, in each schema's $defs."""


def _ref(name: str, description: str = "") -> Schema:
    return {"$ref": f"#/$defs/{name}", **({"description": description} if description else {})}


def _id(description: str = "") -> Schema:
    return _ref("id", description)


def _date(description: str) -> Schema:
    return _ref("date", description)


def _day(description: str) -> Schema:
    return _ref("day", description)


def _duration(description: str) -> Schema:
    return _ref("duration", description)


def _ids(description: str, least: int = 0) -> Schema:
    return _list(_id(), description, least)


def _url(description: str) -> Schema:
    return _ref("url", description)


NAME_LANGUAGES = ("ru",)
"""The languages a name is also given in, as `<field>_<language>` (name_ru)."""


def _words(description: str, least: int = 0) -> Schema:
    """Free text (a name, a title, a note)."""
    return _ref("text", description) | ({"minLength": least} if least else {})


def _named(field: str, description: str, required: bool = False) -> dict[str, Field]:
    """A name-like field: the English text, or a mapping from language code to text (`name: {en: ..., fr: ...}`,
    which must hold `en` where the field is required), and the older `<field>_ru`: the one place names are declared."""
    text = _words(f"{description} In English.", 1)
    languages = {
        "type": "object",
        "description": f"{description} By language (ISO 639-1).",
        "propertyNames": {"enum": sorted(ISO_639_1)},
        "additionalProperties": _words("", 1),
        **({"required": ["en"]} if required else {}),
    }
    fields = {field: Field({"anyOf": [text, languages]}, required)}
    for language in NAME_LANGUAGES:
        fields[f"{field}_{language}"] = Field(_words(f"{description} In language '{language}'.", 1))
    return fields


def _needed(description: str) -> Field:
    return Field(_words(description, 1), required=True)


def _optional(description: str) -> Field:
    return Field(_words(description))


IDENT = Field(_id(), required=True)
COMMON = {
    "sources": Field(_ids("Ids of the sources (sources.yaml) this fact rests on.")),
    "confidence": Field(_enum(Confidence, "How sure the curator is (default high); below high, say why in 'note'.")),
    "note": _optional("The curator's note: inferences, disagreements between sources, caveats."),
}
"""The fields every fact shares (Entry.common)."""

ENTRIES: dict[str, dict[str, Field]] = {
    "organisation": {
        "id": Field(_id("The organisation's id: the name of its folder.")),
        **_named("name", "The organisation's name.", required=True),
        **_named("short", "Its abbreviation."),
        "url": Field(_url("Its website.")),
        "chair_office": Field(_id("Id of the office whose holder chairs the organisation (offices.yaml).")),
        "data_date": Field(_date("The day the data was last checked against its sources.")),
        "region": Field(_enum(Region, "Where its members are: global, or a region (groups organisations in lists).")),
        "languages": Field(_list({"enum": sorted(ISO_639_1)}, "The organisation's working languages (ISO 639-1).")),
        **COMMON,
    },
    "source": {
        "id": IDENT,
        "title": _needed("The document's or page's title."),
        "url": Field(_url("Where to read it (give a 'url' or a 'document').")),
        "document": _optional("A document reference (file name, archive number) when there is no URL."),
        "date": Field(_date("When the document was published.")),
        "publisher": _optional("Who published it."),
        "kind": Field(
            _enum(
                SourceKind,
                "Who speaks in it: official (the organisation, a member's government or official agency), press, "
                "reference (encyclopedias) or other; by default derived from the URL's host (data/source-kinds.yaml).",
            )
        ),
        "note": COMMON["note"],
    },
    "member": {
        "id": IDENT,
        **_named("name", "The member's name, as the organisation writes it.", required=True),
        "sort_as": Field({}),  # filled in below, from the "sort_as" entry
        "membership": Field({}),
        "representation": Field({}),
        **COMMON,
    },
    "sort_as": {
        language: _optional(f"The name the member is sorted under in '{language}'.") for language in ("en", "ru")
    },
    "membership change": {
        "kind": Field(_enum(ChangeKind, "What changed."), required=True),
        "date": Field(_date("When."), required=True),
        **COMMON,
    },
    "representation": {
        "office": Field(_id("Id of the national office heading the member's delegation."), required=True),
        "start": Field(_date("From when."), required=True),
        "end": Field(_date("Exclusive: the first day another office represented the member.")),
        **COMMON,
    },
    "body": {
        "id": IDENT,
        **_named("name", "The body's name.", required=True),
        **_named("short", "Its abbreviation."),
        "kind": _optional("council (default), secretariat, staff, commission, assembly, working-group, ..."),
        **COMMON,
    },
    "office": {
        "id": IDENT,
        **_named("name", "The office's name.", required=True),
        "body": Field(_id("Id of the body it belongs to.")),
        "holder": Field(_enum(HolderKind, "Who holds it: a person (default) or a member state.")),
        "seats": Field(
            _either(
                "How many hold it at once (default 1), or 'several'.",
                {"type": "integer", "minimum": 1, "maximum": 10_000},
                {"const": "several"},
            )
        ),
        "term_length": Field(_duration("The nominal length of a term.")),
        "member": Field(_id("For a national office, the member state it belongs to.")),
        **COMMON,
    },
    "person": {
        "id": IDENT,
        **_named("name", "The person's name.", required=True),
        "member": Field(_id("The member state the person belongs to.")),
        **COMMON,
    },
    "group": {
        "id": IDENT,
        **_named("name", "The group's name (a region, say).", required=True),
        "members": Field(_ids("Ids of the member states in the group.", least=1), required=True),
        **COMMON,
    },
    "place": {
        "id": IDENT,
        **_named("city", "The city.", required=True),
        "country": _needed("The country's English name."),
        "tz": _needed("IANA time zone, e.g. Europe/Minsk."),
        "member": Field(_id("The member state the city is in.")),
        **COMMON,
    },
    "term": {
        "id": IDENT,
        "office": Field(_id("Id of the office."), required=True),
        "holder": Field(
            _either(
                "A person id, or a member id for an office held by states; a list of ids for a term held jointly.",
                _id(),
                _ids("The holders of a term held jointly.", least=1),
            )
        ),
        "group": Field(_id("The group (groups.yaml) whose turn the term is, where its member is not chosen yet.")),
        "start": Field(_date("The first day in office (or give 'attested').")),
        "end": Field(
            _either(
                "Exclusive: the first day out of office; 'unknown' when it ended at an unknown date.",
                _ref("date"),
                {"const": "unknown"},
            )
        ),
        "length": Field(_duration("The end, counted from an exact start (instead of 'end').")),
        "attested": Field(_list(_date("A day a source shows the holder in office."), "Days in office, when no start.")),
        "status": Field(_enum(RECORDED_STATUSES, "confirmed (default), acting or scheduled.")),
        "person": Field(_id("For an office held by a state: the person who exercised it.")),
        "appointed_by": Field(_id("Id of the event that appointed or handed over.")),
        "anomaly": _optional("Why the term departs from the rotation rule (acknowledges it)."),
        "official_sought": Field(
            _day("The day an official text for the term was last searched for and not found (the note says where).")
        ),
        **COMMON,
    },
    "event": {
        "id": IDENT,
        "body": Field(_id("Id of the body that met.")),
        **_named("title", "The event's title.", required=True),
        "kind": _optional("session (default: a regular session), extraordinary-session, meeting, ..."),
        "date": Field(_date("The (first) day."), required=True),
        "last_day": Field(_date("Inclusive: the last day of a longer event.")),
        "time": Field(_ref("clock", "Local start time.")),
        "end_time": Field(_ref("clock", "Local end time.")),
        "place": Field(_id("Id of the place (places.yaml).")),
        "formats": Field(_list({"type": "string"}, "in-person, online, narrow, extended, ...")),
        "status": Field(_enum(EventStatus, "held (default), planned, cancelled or postponed.")),
        "chair": Field(_id("Id of the member (or person) who chaired.")),
        "chair_person": Field(_id("Id of the person who chaired.")),
        "participants": Field(_ids("Ids of the persons who took part.")),
        "decisions": Field({}),
        "announced": Field({}),
        "chair_anomaly": _optional("Why the chair departs from the rotation."),
        **COMMON,
    },
    "decision": {"title": _needed("What was decided."), **COMMON},
    "announcement": {
        "date": Field(_date("The announced date."), required=True),
        "place": Field(_id("The announced place.")),
        "made_on": Field(_date("When it was announced.")),
        **COMMON,
    },
    "rotation": {
        "id": IDENT,
        "office": Field(_id("Id of the rotating office."), required=True),
        "in_force": Field({}, required=True),
        "cadence": Field({}, required=True),
        "pool": Field({}),
        "order": Field({}, required=True),
        "first": Field(_id("The member whose turn comes first.")),
        "basis": _optional("The legal basis of the rule."),
        "exceptions": Field({}),
        **COMMON,
    },
    "in_force": {
        "from": Field(_date("The first day the rule applies."), required=True),
        "until": Field(_date("Exclusive: the first day it no longer applies.")),
    },
}
"""The fields each kind of entry accepts, by the name the loader gives that kind (Entry.what)."""

RULES: dict[str, Schema] = {
    "source": {"anyOf": [{"required": ["url"]}, {"required": ["document"]}]},
    "term": {
        "allOf": [
            {"anyOf": [{"required": ["start"]}, {"required": ["attested"]}]},
            {"anyOf": [{"required": ["holder"]}, {"required": ["group"]}]},
        ],
        "not": {"required": ["end", "length"]},
    },
    "event": {"dependentRequired": {"end_time": ["time"]}},
}
"""What an entry needs besides its fields: a source a 'url' or a 'document', a term a 'start' or 'attested' days."""


def _object(fields: dict[str, Field], description: str = "") -> Schema:
    """An entry: these fields, the required ones required, no other."""
    return {
        "type": "object",
        **({"description": description} if description else {}),
        "properties": {name: f.schema for name, f in fields.items()},
        "required": [name for name, f in fields.items() if f.required],
        "additionalProperties": False,
    }


def _kind_schema(kind_class: type) -> Schema:
    """One registered rotation kind (a cadence, pool, order or exception) as `{kind: <its name>, <its fields>}`:
    the kind's own schema, built from its typed fields (timeline.core.rotation.fields)."""
    return kind_class.json_schema()


def _registry(registry: Mapping[str, type], description: str) -> Schema:
    return {"description": description, "oneOf": [_kind_schema(k) for k in registry.values()]}


def _nested(what: str) -> dict[str, Schema]:
    """The schemas of the fields of an entry that hold entries of their own."""
    if what == "member":
        return {
            "sort_as": _object(ENTRIES["sort_as"], "The names the member is sorted under, where they differ."),
            "membership": _list(entry_schema("membership change"), "Dated changes of membership, oldest first."),
            "representation": _list(entry_schema("representation"), "Which national office heads the delegation."),
        }
    if what == "event":
        return {
            "decisions": _list(entry_schema("decision"), "Decisions taken."),
            "announced": _object(ENTRIES["announcement"], "What was announced, next to what happened."),
        }
    if what == "rotation":
        return {
            "in_force": _object(ENTRIES["in_force"], "The period the rule version is in force."),
            "cadence": _registry(CADENCES, "When the office passes (docs/rotations.md)."),
            "pool": _registry(POOLS, "Who takes turns (default: the members)."),
            "order": _registry(ORDERS, "In what order."),
            "exceptions": _list(_registry(EXCEPTIONS, "A dated, sourced exception."), "Exceptions."),
        }
    return {}


def entry_schema(what: str) -> Schema:
    """The schema of one kind of entry, its nested entries filled in."""
    fields = dict(ENTRIES[what])
    for name, schema in _nested(what).items():
        fields[name] = Field(schema, fields[name].required)
    return _object(fields) | RULES.get(what, {})


FILE_DESCRIPTIONS = {
    "sources": "The documents and pages the facts cite.",
    "members": "The member states, with their membership history.",
    "bodies": "The organs: councils, secretariats, commissions.",
    "offices": "The posts, held by persons or by member states.",
    "people": "The persons who hold offices or take part in events.",
    "places": "The cities where bodies meet.",
    "groups": "Groups of member states that take a turn together (regions).",
    "terms": "Terms of office; 'end' is exclusive (the successor's first day).",
    "events": "Sessions and other meetings of the bodies.",
    "rotations": "The versions of each rotating office's rule (docs/rotations.md).",
}


def file_schemas() -> dict[str, Schema]:
    """The schema of each file kind, by schema file name: organisation.schema.json, terms.schema.json, ..."""
    found = {"organisation": {**entry_schema("organisation"), "title": f"timeline data: {ORG_FILE}"}}
    for kind, what in KINDS.items():
        found[kind] = {
            "title": f"timeline data: {kind}.yaml or {kind}-<part>.yaml",
            "description": f"{FILE_DESCRIPTIONS[kind]} A list of {what} entries.",
            "type": "array",
            "items": entry_schema(what),
        }
    return {
        f"{kind}.schema.json": {"$schema": DRAFT, "$id": f"{kind}.schema.json", **s, "$defs": DEFS}
        for kind, s in found.items()
    }


def rendered() -> dict[str, str]:
    """Each schema file's text, as committed under docs/schema/."""
    return {name: json.dumps(s, indent=2, ensure_ascii=False) + "\n" for name, s in file_schemas().items()}


def schema_for(file_name: str) -> Schema:
    """The schema a data file is checked against, from its name (terms-trios.yaml -> terms)."""
    kind = "organisation" if file_name == ORG_FILE else kind_of(Path(file_name))
    if kind is None:
        raise KeyError(file_name)
    return file_schemas()[f"{kind}.schema.json"]
