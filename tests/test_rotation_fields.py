"""Typed fields of rotation kinds: each reads its YAML value or says what is wrong, and each kind's schema holds for
the bundled data."""

from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from timeline.core.dates import Duration, Period
from timeline.core.rotation import REGISTRIES
from timeline.core.rotation.fields import Day, During, Flag, Known, Length, Member, Members, Text, read_fields
from timeline.load.yamlfile import read_yaml

DATA = Path(__file__).resolve().parent.parent / "data"
FIELDS = {"day": Day(), "every": Length(), "who": Member(), "list": Members(), "flag": Flag(), "at": Text(
    choices=("opening", "closing"), optional=True), "period": During(optional=True)}  # fmt: skip


def read(**data):
    values, problems = read_fields(FIELDS, {"day": "2024-01-01", "every": "P1Y", "who": "aa", "list": ["aa"], **data})
    return values, [(p.key, str(p), p.missing) for p in problems]


def test_fields_read_their_values_and_leave_out_what_is_optional():
    values, problems = read(flag=False, **{"from": "2024-01-01", "until": "2025-01-01"})
    assert problems == []
    assert values == {"day": date(2024, 1, 1), "every": Duration(1, 0, 0), "who": "aa", "list": ("aa",),
                      "flag": False, "period": Period(date(2024, 1, 1), date(2025, 1, 1))}  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"day": "2024-01"}, ("day", "'day' must be an exact day (YYYY-MM-DD), not 2024-01", False)),
        ({"day": "2024-02-30"}, ("day", "'day': impossible date 2024-02-30", False)),
        ({"every": "P0D"}, ("every", "'every' P0D is empty", False)),
        ({"who": ["aa"]}, ("who", "'who' should be text, not a list", False)),
        ({"who": "a\x1bb"}, ("who", "'who' contains a control character (U+001B) at position 2", False)),
        ({"who": None}, ("who", "has no 'who' (a member id)", True)),
        ({"list": []}, ("list", "has no 'list' (a list of member ids)", True)),
        ({"list": [{"aa": 1}]}, ("list", "'list' should be a list of text", False)),
        ({"flag": "yes"}, ("flag", "'flag' should be true or false, not 'yes'", False)),
        ({"at": "middle"}, ("at", "'at' is 'middle', expected one of: opening, closing", False)),
        ({"until": "2025-01-01"}, ("until", "'until' without 'from'", False)),
        ({"from": "2025-01-01", "until": "2025-01-01"},
         ("until", "the period from 2025-01-01 until 2025-01-01 is empty or reversed ('until' is exclusive)", False)),
    ],
)  # fmt: skip
def test_a_field_says_what_is_wrong_and_where(data, expected):
    assert read(**data)[1] == [expected]


def test_references_are_checked_against_the_organisations_ids():
    known = Known(members={"aa", "bb"})
    assert list(Member().problems("zz", known)) == ["names unknown member 'zz'"]
    assert list(Member().problems("aa", known)) == []
    assert list(Members().problems(("aa", "yy", "bb"), known)) == ["names unknown member 'yy'"]


def test_every_kind_is_described_and_its_schema_is_valid():
    for part, registry in REGISTRIES.items():
        for name, kind in registry.items():
            assert kind.summary(), f"{part} '{name}' has no docstring"
            assert all(field.description for field in kind.fields.values()), f"{part} '{name}' has a field undescribed"
            Draft202012Validator.check_schema(kind.json_schema())


def test_the_bundled_rotations_follow_their_kinds_schemas():
    checked = 0
    for path in sorted(DATA.glob("*/rotations.yaml")):
        for rule in read_yaml(path, path.name):
            parts = [(p, rule[p]) for p in ("cadence", "pool", "order") if p in rule]
            parts += [("exception", x) for x in rule.get("exceptions", [])]
            for part, found in parts:
                schema = REGISTRIES[part][found["kind"]].json_schema()
                errors = [e.message for e in Draft202012Validator(schema).iter_errors(found)]
                assert not errors, f"{path.parent.name} rule '{rule['id']}' {part}: {errors}"
                checked += 1
    assert checked > 30


def test_a_skip_schema_takes_one_handoff_or_a_period_not_both():
    schema = REGISTRIES["exception"]["skip"].json_schema()
    validator = Draft202012Validator(schema)
    assert validator.is_valid({"kind": "skip", "member": "aa", "start": "2025-01-01"})
    assert validator.is_valid({"kind": "skip", "member": "aa", "from": "2025-01-01"})
    assert not validator.is_valid({"kind": "skip", "member": "aa", "start": "2025-01-01", "from": "2025-01-01"})
    assert not validator.is_valid({"kind": "skip", "member": "aa"})
