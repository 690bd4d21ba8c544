"""`timeline build`: load every organisation, render, and swap the new output folder in atomically."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.core.query import Timeline
from timeline.load import load_all
from timeline.render.export import export


@dataclass
class BuildReport:
    """What a build wrote: paths relative to the output folder, with a short description each."""

    out: Path
    files: list[tuple[str, str]] = field(default_factory=list)


def build_site(data_dir: Path, out: Path, today: date) -> BuildReport:
    """Render everything into a fresh folder beside `out`, then swap it in; a failure leaves `out` untouched."""
    orgs = load_all(data_dir)  # raises before anything is written
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        report = BuildReport(out)
        for org in orgs.values():
            tl = Timeline(org)
            folder = staging / org.id
            folder.mkdir()
            payload = export(tl, today)
            write_text(folder / "timeline.json", json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
            report.files.append((f"{org.id}/timeline.json", f"{len(org.terms)} terms, {len(org.events)} events"))
        keep_readme(out, staging)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def write_text(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8", newline="\n")


def keep_readme(out: Path, staging: Path) -> None:
    """Carry the committed output/README.md over into the new folder."""
    readme = out / "README.md"
    if readme.is_file():
        shutil.copy2(readme, staging / "README.md")


def swap_in(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with two renames, so readers see either the old or the new folder."""
    os.chmod(staging, 0o755)
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(out)
