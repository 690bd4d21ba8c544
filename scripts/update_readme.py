"""Regenerate the literal command output in README.md and docs/*.md (or check it is current with --check).

Each example sits between `<!-- example: ARGS -->` and `<!-- /example -->`; this script runs
`timeline ARGS` on the bundled data with TIMELINE_TODAY=2026-12-07 and writes the output in
between, in README.md and in every page of docs/ that has such markers. tests/test_docs.py fails
when any of them is stale.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TODAY = "2026-12-07"
EXAMPLE = re.compile(r"(<!-- example: (?P<args>.+?) -->\n)(?P<body>.*?)(<!-- /example -->)", re.S)


def pages() -> list[Path]:
    """README.md, then each docs/*.md page that holds an example."""
    docs = sorted(p for p in (ROOT / "docs").glob("*.md") if EXAMPLE.search(p.read_text(encoding="utf-8")))
    return [README, *docs]


def run(args: str) -> str:
    from typer.testing import CliRunner

    from timeline.cli import app

    os.environ["TIMELINE_TODAY"] = TODAY
    result = CliRunner().invoke(app, shlex.split(args))
    if result.exit_code != 0:
        raise SystemExit(f"`timeline {args}` failed ({result.exit_code}): {result.output}")
    return result.output


def render(text: str) -> str:
    def block(match: re.Match[str]) -> str:
        args = match["args"]
        output = run(args).rstrip("\n")
        return f"{match[1]}```console\n$ timeline {args}\n{output}\n```\n{match[4]}"

    return EXAMPLE.sub(block, text)


def main() -> None:
    stale = []
    for page in pages():
        current = page.read_text(encoding="utf-8")
        fresh = render(current)
        if fresh == current:
            continue
        stale.append(page.relative_to(ROOT).as_posix())
        if "--check" not in sys.argv:
            page.write_text(fresh, encoding="utf-8")
    if stale and "--check" in sys.argv:
        raise SystemExit(f"examples are stale in {', '.join(stale)}: run python scripts/update_readme.py")


if __name__ == "__main__":
    main()
