"""Each bundled organisation's resolved turns match its snapshot in tests/snapshots/ (the engine's safety net).

An engine change that alters a turn, a status or a reason shows here as a full diff; when the change is
intended, regenerate with `pytest tests/test_snapshots.py --update-golden` and explain it in the commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.snapshot import snapshot
from timeline.load import default_data_dir, load
from timeline.load.__init__ import organisation_dirs

SNAPSHOTS = Path(__file__).parent / "snapshots"
ORGS = [folder.name for folder in organisation_dirs(default_data_dir())]


@pytest.mark.parametrize("org", ORGS)
def test_resolved_turns_match_the_snapshot(org: str, update_golden: bool) -> None:
    text = snapshot(load(default_data_dir(), org))
    path = SNAPSHOTS / f"{org}.txt"
    if update_golden or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{path.name} was missing and has been written: review it and commit it")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs: run with --update-golden and review"


def test_every_snapshot_belongs_to_an_organisation() -> None:
    stale = sorted(p.stem for p in SNAPSHOTS.glob("*.txt") if p.stem not in ORGS)
    assert not stale, f"snapshots of no bundled organisation: {stale}"
