"""Regenerate the JSON Schemas of the data files in docs/schema/ (or check they are current with --check).

The schemas are built by timeline.load.schema from the loader's field declarations, the model's enums and the
rotation registries; tests/test_data_schema.py fails when the committed files are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from timeline.load.schema import SCHEMA_DIR, rendered

    folder = ROOT / SCHEMA_DIR
    fresh = rendered()
    stale = [
        name
        for name, text in fresh.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    extra = sorted(p.name for p in folder.glob("*.schema.json") if p.name not in fresh) if folder.is_dir() else []
    if "--check" in sys.argv:
        if stale or extra:
            raise SystemExit(f"{SCHEMA_DIR} is stale ({', '.join(stale + extra)}): run python scripts/update_schema.py")
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name in extra:
        (folder / name).unlink()
    for name in stale:
        (folder / name).write_text(fresh[name], encoding="utf-8")
        print(f"wrote {SCHEMA_DIR}/{name}")


if __name__ == "__main__":
    main()
