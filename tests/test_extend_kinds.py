"""Rotation kinds are plug-ins: a cadence, pool, order, exception and field type defined here, outside the package,
load from YAML, are checked and resolve end to end, with nothing in timeline knowing their classes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest

from timeline.core.dates import PartialDate
from timeline.core.model import Standing
from timeline.core.rotation import CADENCES, EXCEPTIONS, ORDERS, POOLS, cadence_kind
from timeline.core.rotation.cadence import Cadence
from timeline.core.rotation.context import Handoff, PoolState, RotationContext
from timeline.core.rotation.fields import Day, Field, FieldProblem, Members, clean_text
from timeline.core.rotation.kinds import registered
from timeline.core.rotation.order import Order, Position, Turn
from timeline.core.rotation.pool import Pool
from timeline.core.rotation.rules import RuleException
from timeline.errors import DataErrors
from timeline.load import load

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")  # fmt: skip


@dataclass(frozen=True)
class MonthName(Field):
    """A month by its English name, read as its number."""

    summary = "a month's name"

    def parse(self, key: str, raw: Any) -> int:
        text = clean_text(key, raw).lower()
        if text not in MONTHS:
            raise FieldProblem(f"'{key}' is '{text}', not a month's name (january to december)", key)
        return MONTHS.index(text) + 1

    def value_schema(self) -> dict[str, Any]:
        return {"enum": list(MONTHS)}


@dataclass(frozen=True)
class YearlyOn(Cadence):
    """On the first day of a month, every year from a first handoff."""

    kind: ClassVar[str] = "yearly-on"
    fields: ClassVar[dict[str, Field]] = {"month": MonthName("the month"), "since": Day("the first year's handoff")}
    month: int
    since: date

    def handoffs_from(self, ctx: RotationContext, day: date) -> Iterator[Handoff]:
        year = max(day.year, self.since.year)
        while True:
            found = date(year, self.month, 1)
            if found >= max(day, self.since):
                yield Handoff(found, PartialDate.of(found))
            year += 1


@dataclass(frozen=True)
class ListedPool(Pool):
    """The listed members, while in good standing."""

    kind: ClassVar[str] = "listed"
    fields: ClassVar[dict[str, Field]] = {"members": Members("who takes turns")}
    members: tuple[str, ...]

    def on(self, ctx: RotationContext, day: date) -> PoolState:
        return PoolState(tuple(m for m in self.members if ctx.standing(m, day) is Standing.MEMBER))


@dataclass(frozen=True)
class DescendingOrder(Order):
    """The pool by id from the last to the first, wrapping round."""

    kind: ClassVar[str] = "descending"

    def next_turn(self, ctx: RotationContext, after: Position, pool: PoolState, handoff: Handoff) -> Turn | None:
        ranked = sorted(pool.members, reverse=True)
        if not ranked:
            return None
        chosen = next((m for m in ranked if after.member is not None and m < after.member), ranked[0])
        return Turn(chosen, Position(chosen))


@dataclass(frozen=True, kw_only=True)
class Absent(RuleException):
    """Each listed member passes its turn at the handoff."""

    kind: ClassVar[str] = "absent"
    fields: ClassVar[dict[str, Field]] = {"start": Day("the handoff"), "members": Members("who pass")}
    members: tuple[str, ...]

    def passes(self, member: str) -> bool:
        return member in self.members


PLUGINS = ((CADENCES, YearlyOn), (POOLS, ListedPool), (ORDERS, DescendingOrder), (EXCEPTIONS, Absent))
RULE = """
- id: plugin-rule
  office: ministers-chair
  in_force: {from: 2024-03-01}
  cadence: {kind: yearly-on, month: March, since: 2024-03-01}
  pool: {kind: listed, members: [aa, bb, cc]}
  order: {kind: descending}
  sources: [charter]
  exceptions:
    - {kind: absent, start: 2026-03-01, members: [cc], sources: [press-2]}
"""
OFFICE = "- {id: ministers-chair, name: Chair of the Council of Ministers, body: ministers, holder: member}\n"


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The four kinds registered for one test, and removed after it (nothing leaks into other tests)."""
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")  # the cache's key knows the package's code, not a test's
    with registered(*PLUGINS):
        yield


def with_rule(folder: Path, old: str = "", new: str = "") -> Path:
    """A copy of the fixture data in a new folder, with an office and the rule (`old` replaced by `new` in it)."""
    data = folder / f"data-{len(list(folder.iterdir()))}"
    shutil.copytree(FIXTURE_DATA, data)
    org = data / "testorg"
    with (org / "offices.yaml").open("a", encoding="utf-8") as offices:
        offices.write(OFFICE)
    with (org / "rotations.yaml").open("a", encoding="utf-8") as rotations:
        rotations.write(RULE.replace(old, new))
    return data


def errors_of(data: Path) -> list[str]:
    """The load's errors, each as `file:line: message` within the organisation's folder."""
    with pytest.raises(DataErrors) as failed:
        load(data, "testorg")
    return [str(e).split("/testorg/", 1)[-1] for e in failed.value.errors]


def test_new_kinds_resolve_end_to_end(plugins, tmp_path):
    tl = load(with_rule(tmp_path), "testorg")
    turns = [(str(t.start), t.holder, t.status.value) for t in tl.terms("ministers-chair", date(2029, 1, 1))]
    # bb is frozen from 2024-02-15, so the pool is aa and cc; descending: cc, aa, ...; cc is absent in 2026
    assert turns == [
        ("2024-03-01", "cc", "derived"),
        ("2025-03-01", "aa", "projected"),
        ("2026-03-01", "aa", "scheduled"),
        ("2027-03-01", "cc", "projected"),
        ("2028-03-01", "aa", "projected"),
    ]
    absent = tl.terms("ministers-chair", date(2029, 1, 1))[2]
    assert "press-2" in absent.sources


def test_a_new_kinds_unknown_member_is_reported_at_its_line(plugins, tmp_path):
    errors = errors_of(with_rule(tmp_path, "[aa, bb, cc]", "[aa, zz, cc]"))
    assert errors == ["rotations.yaml:14: rotation 'plugin-rule' pool names unknown member 'zz'"]
    errors = errors_of(with_rule(tmp_path, "members: [cc]", "members: [yy]"))
    assert errors == ["rotations.yaml:22: rotation 'plugin-rule' absent exception names unknown member 'yy'"]


def test_a_new_field_types_read_error_is_reported_at_its_key(plugins, tmp_path):
    errors = errors_of(with_rule(tmp_path, "month: March", "month: Smarch"))
    assert errors == [
        "rotations.yaml:17: rotation 'plugin-rule': cadence: 'month' is 'smarch', not a month's name "
        "(january to december)"
    ]
    errors = errors_of(with_rule(tmp_path, "month: March, ", ""))
    assert errors == ["rotations.yaml:17: rotation 'plugin-rule': cadence has no 'month' (a month's name)"]


def test_new_kinds_are_offered_described_and_leave_no_trace(tmp_path):
    with registered(*PLUGINS):
        assert list(CADENCES) == ["calendar", "session", "yearly-on"]
        schema = CADENCES["yearly-on"].json_schema()
        assert schema["properties"]["month"]["enum"][2] == "march"
        assert schema["required"] == ["kind", "month", "since"]
        assert Absent.field_docs() == [
            "`start` (a day, YYYY-MM-DD): the handoff",
            "`members` (a list of member ids): who pass",
        ]
        errors = errors_of(with_rule(tmp_path, "kind: descending", "kind: ascending"))
        assert any(
            "kind 'ascending' is not one of: alphabetical, cycle, decided, host, descending" in e for e in errors
        )
    for registry, kind in PLUGINS:
        assert kind.kind not in registry


def test_a_taken_name_cannot_be_registered_again():
    with pytest.raises(ValueError, match="a cadence kind named 'calendar' is already registered"):

        @cadence_kind
        @dataclass(frozen=True)
        class Calendar(YearlyOn):
            kind: ClassVar[str] = "calendar"

    with pytest.raises(TypeError, match="must subclass Cadence"):
        CADENCES.register(ListedPool)
    assert "calendar" in CADENCES and "listed" not in CADENCES
