"""Regenerate the literal command output in README.md (or check it is current with --check).

Each example in README.md sits between `<!-- example: ARGS -->` and `<!-- /example -->`; this
script runs `timeline ARGS` on the bundled data with TIMELINE_TODAY=2026-11-28 and writes the
output in between. tests/test_docs.py fails when the README's output is stale.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
TODAY = "2026-11-28"
EXAMPLE = re.compile(r"(<!-- example: (?P<args>.+?) -->\n)(?P<body>.*?)(<!-- /example -->)", re.S)


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
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        if fresh != current:
            raise SystemExit("README.md examples are stale: run python scripts/update_readme.py")
        return
    README.write_text(fresh, encoding="utf-8")


if __name__ == "__main__":
    main()
