"""Regenerate the tables of rotation kinds in docs/rotations.md from the registry (or check them with --check).

Each table sits between `<!-- kinds: PART -->` and `<!-- /kinds -->`, PART being a registry of
`timeline.core.rotation.REGISTRIES` (cadence, pool, order, exception). A row is a registered kind: its
name, its fields (from their types and descriptions) and its meaning (its docstring's first paragraph).
The prose around the tables is written by hand. tests/test_rotation_docs.py fails when a table is stale.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rotations.md"
TABLE = re.compile(r"(<!-- kinds: (?P<part>\w+) -->\n)(?P<body>.*?)(<!-- /kinds -->)", re.S)


def _default_kind(part: str) -> str | None:
    """The kind a rule version takes when its data leaves the part out (the members pool)."""
    from timeline.core.rotation import RotationRule

    found = next((f for f in dataclasses.fields(RotationRule) if f.name == part), None)
    if found is None or found.default_factory is dataclasses.MISSING:
        return None
    return found.default_factory().kind


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(part: str) -> str:
    """The Markdown table of a registry's kinds."""
    from timeline.core.rotation import REGISTRIES

    if part not in REGISTRIES:
        raise SystemExit(f"docs/rotations.md: no registry '{part}' (one of: {', '.join(REGISTRIES)})")
    default = _default_kind(part)
    rows = ["| `kind` | fields | meaning |", "| --- | --- | --- |"]
    for name, kind in REGISTRIES[part].items():
        label = f"`{name}` (default)" if name == default else f"`{name}`"
        fields = "; ".join(kind.field_docs()) or "—"
        rows.append(f"| {label} | {_cell(fields)} | {_cell(kind.summary())} |")
    return "\n".join(rows) + "\n"


def render(text: str) -> str:
    return TABLE.sub(lambda m: f"{m[1]}{table(m['part'])}{m[4]}", text)


def main() -> None:
    current = DOCS.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        if fresh != current:
            raise SystemExit("docs/rotations.md tables are stale: run python scripts/update_docs.py")
        return
    DOCS.write_text(fresh, encoding="utf-8")


if __name__ == "__main__":
    main()
