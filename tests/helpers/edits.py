"""Edits of a copy of the fixture data, as an editor would make them."""

from __future__ import annotations

from pathlib import Path

import yaml


def edit_events(data: Path, change) -> None:
    path = data / "testorg" / "events.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(entries), allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit(data: Path, org: str) -> None:
    events = data / org / "events.yaml"
    events.write_text(events.read_text("utf-8").replace("Berlin", "Bonn"), "utf-8")
