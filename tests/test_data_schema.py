"""The JSON Schemas of the data files (docs/schema/): current, in step with the parsers, true of every organisation in
data/ and of the fixture, and refusing malformed files that are wrong in shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from timeline.core.dates import FIRST_YEAR, LAST_YEAR
from timeline.core.rotation.cadence import CADENCES
from timeline.core.rotation.order import ORDERS
from timeline.core.rotation.pool import POOLS
from timeline.core.rotation.rules import EXCEPTIONS
from timeline.load import default_data_dir, load_organisation, parse
from timeline.load.fields import COMMON, Entry
from timeline.load.schema import DEFS, ENTRIES, SCHEMA_DIR, rendered, schema_for
from timeline.load.yamlfile import read_yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_DATA = FIXTURES / "data"
ORG_FOLDERS = sorted(
    p.parent
    for p in [
        *default_data_dir().glob("*/organisation.yaml"),
        *FIXTURE_DATA.glob("*/organisation.yaml"),
        *(FIXTURES / "names").glob("*/organisation.yaml"),  # names by language, the mapping form
        *(FIXTURES / "turns").glob("*/organisation.yaml"),  # groups, joint holders, a group's turn
    ]
)
DATA_FILES = sorted({p for folder in ORG_FOLDERS for p in folder.glob("*.y*ml")})
HEADER = re.compile(rb"^# file: (\S+)\n")
WRONG_IN_SHAPE = [
    "body-id-with-space", "body-no-name", "event-decisions-not-a-list", "event-hour-25", "event-unknown-status",
    "event-end-time-without-time", "member-membership-unknown-kind", "member-name-is-a-list", "member-sort-as-french",
    "office-seats-as-text", "office-term-length-not-iso", "office-term-length-zero", "office-unknown-holder-kind",
    "organisation-is-a-list", "organisation-javascript-url", "organisation-unknown-language",
    "organisation-impossible-data-date", "person-name-with-nul", "rotation-every-P0D", "rotation-exception-is-text",
    "rotation-unknown-pool", "source-id-upper-case", "source-no-url-nor-document", "source-title-bell",
    "term-attested-is-a-mapping", "term-length-and-end", "term-neither-start-nor-attested", "term-status-from-a-rule",
    "term-year-9999", "yaml-top-level-mapping",
]  # fmt: skip
"""Malformed cases (tests/malformed/) whose fault lies in one file's shape: the schema alone must refuse them."""


def problems(path: Path, target: str | None = None) -> list[str]:
    validator = Draft202012Validator(schema_for(target or path.name))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(read_yaml(path, path.name))]


def test_the_committed_schemas_are_current():
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / SCHEMA_DIR).glob("*.schema.json")}
    assert committed == rendered(), "stale: run python scripts/update_schema.py"


@pytest.mark.parametrize("name", sorted(rendered()))
def test_each_schema_is_a_valid_draft_2020_12_schema(name):
    Draft202012Validator.check_schema(schema_for(name.replace(".schema.json", ".yaml")))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_data_file_follows_its_schema(path):
    assert problems(path) == []


def test_every_organisation_and_the_fixture_are_checked():
    assert {p.parent.name for p in DATA_FILES} >= {"asean", "cis", "csto", "eaeu", "eu-council", "unsc", "testorg"}


@pytest.mark.parametrize("case", WRONG_IN_SHAPE)
def test_a_file_wrong_in_shape_is_refused(case):
    path = ROOT / "tests" / "malformed" / f"{case}.yaml"
    assert problems(path, HEADER.match(path.read_bytes()).group(1).decode()) != []


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        (str(FIRST_YEAR), True), (str(FIRST_YEAR - 1), False), (f"{LAST_YEAR}-12-31", True),
        (f"{LAST_YEAR + 1}-01", False), ("2024-02-29", True), ("2023-02-30", False), ("2023-04-31", False),
        ("2023-Q4~", True), ("2023-Q5", False), (LAST_YEAR, True), (LAST_YEAR + 1, False),
    ],
)  # fmt: skip
def test_dates_follow_the_supported_years_and_the_calendar(text, valid):
    assert Draft202012Validator({"$defs": DEFS, "$ref": "#/$defs/date"}).is_valid(text) is valid


def _what(entry: Entry) -> str:
    """The kind of an entry from its description: "rotation 'x': cadence" -> cadence, "term 'x'" -> term."""
    return re.sub(r" '[^']*'", "", entry.what).split(": ")[-1]


@pytest.fixture(scope="module")
def fields_read(monkeypatch_module) -> dict[tuple[str, str | None], set[str]]:
    """The keys the parsers read (present or not) on each kind of entry, loading every organisation."""
    read: dict[tuple[str, str | None], set[str]] = {}
    finish = Entry.finish

    def recording(self: Entry, *args, **kwargs) -> None:
        kind = self.data.get("kind") if _what(self) in ("cadence", "pool", "order", "exception") else None
        read.setdefault((_what(self), kind), set()).update(self.used)
        finish(self, *args, **kwargs)

    monkeypatch_module.setattr(Entry, "finish", recording)
    for folder in ORG_FOLDERS:
        load_organisation(folder)
    return read


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_schema_declares_exactly_the_fields_the_parsers_read(fields_read):
    entries = {what: keys for (what, kind), keys in fields_read.items() if kind is None and what != "sort_as"}
    assert set(entries) == set(ENTRIES) - {"sort_as"}
    for what, keys in entries.items():
        assert keys == set(ENTRIES[what]), what


@pytest.mark.parametrize(
    ("what", "registry"), [("cadence", CADENCES), ("pool", POOLS), ("order", ORDERS), ("exception", EXCEPTIONS)]
)
def test_a_rotation_kind_reads_its_declared_fields(fields_read, what, registry):
    seen = {kind: keys for (found, kind), keys in fields_read.items() if found == what}
    assert seen, f"no {what} in the data"
    for kind, keys in seen.items():
        common = COMMON if what == "exception" else set()
        declared = {key for name, field in registry[kind].fields.items() for key in field.keys(name)}
        assert keys == {"kind", *declared, *common}, kind


def test_sort_as_takes_the_languages_the_schema_names():
    errors: list = []
    names = {language: "Name" for language in ENTRIES["sort_as"]}
    parse.member(Entry("members.yaml", {"id": "aa", "name": "A", "sort_as": names}, "member", errors))
    assert errors == []
    parse.member(Entry("members.yaml", {"id": "aa", "name": "A", "sort_as": {"fr": "A"}}, "member", errors))
    assert errors, "a language outside the schema is refused"


def test_the_data_docs_map_every_schema_to_its_files():
    readme = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    for name in rendered():
        kind = name.removesuffix(".schema.json")
        files = "organisation.yaml" if kind == "organisation" else f"{kind}*.yaml"
        assert f'"{SCHEMA_DIR}/{name}": "data/*/{files}"' in readme, name
