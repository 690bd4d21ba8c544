"""docs/rotations.md describes exactly the registered rotation kinds: its tables are generated from the registry."""

import importlib.util
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from timeline.core.rotation import EXCEPTIONS
from timeline.core.rotation.fields import Field, Member
from timeline.core.rotation.kinds import registered
from timeline.core.rotation.rules import RuleException

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "update_docs.py"
DOCS = (ROOT / "docs" / "rotations.md").read_text(encoding="utf-8")


def docs_script():
    spec = importlib.util.spec_from_file_location("update_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rotation_docs_are_current():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_registry_has_a_table_and_the_prose_stays():
    for part in ("cadence", "pool", "order", "exception"):
        assert f"<!-- kinds: {part} -->" in DOCS
    assert "A recorded term that departs from the rule and that no exception explains is an **anomaly**" in DOCS
    assert "| `members` (default) | — |" in DOCS
    assert "`returns` (true or false, default `true`)" in DOCS


@dataclass(frozen=True, kw_only=True)
class Abstain(RuleException):
    """The member abstains from its turn."""

    kind: ClassVar[str] = "abstain"
    fields: ClassVar[dict[str, Field]] = {"member": Member("who abstains")}
    member: str


def test_a_newly_registered_kind_makes_the_docs_stale():
    render = docs_script().render
    assert render(DOCS) == DOCS
    with registered((EXCEPTIONS, Abstain)):
        fresh = render(DOCS)
    assert fresh != DOCS
    assert (
        "| `abstain` | `member` (a member id): who abstains | The member abstains from its turn. |\n<!-- /kinds -->"
        in fresh
    )
