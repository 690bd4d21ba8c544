"""The curated table of source kinds by host and of denied hosts: `source-kinds.yaml` at the top of the data folder,
read once for every organisation (a data folder without one uses the bundled table).

    official: [kremlin.ru, un.org, ...]      # the organisation, a member's government, its official agency
    press: [reuters.com, ...]                # newspapers and independent news agencies
    reference: [wikipedia.org, ...]          # encyclopedias
    other: [jamestown.org, ...]              # known, and neither of the above
    deny:                                    # hosts no fact may cite, and why
      hqproductreviews.com: a product-review site wrapping other pages in a redirect
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from timeline.core.model import SourceKind
from timeline.core.sourcekinds import EMPTY, KindTable
from timeline.errors import DataError, DataErrors
from timeline.load.paths import shown_path
from timeline.stamps import KINDS_FILE, kinds_path  # noqa: F401 - KINDS_FILE: where the table was defined

DENY = "deny"
HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


def kind_table(data_dir: Path) -> KindTable:
    """The kind table of a data folder (an empty one when there is none); raises DataErrors when it is malformed."""
    path = kinds_path(data_dir)
    if path is None:
        return EMPTY
    stat = path.stat()
    return _read_table(path.resolve(), stat.st_size, stat.st_mtime_ns)


@functools.cache
def _read_table(path: Path, size: int, mtime: int) -> KindTable:
    from timeline.load.yamlfile import read_yaml

    shown = shown_path(path)
    raw = read_yaml(path, shown)
    errors: list[DataError] = []
    if not isinstance(raw, dict):
        raise DataErrors([DataError(shown, getattr(raw, "line", 1), "expected a mapping of kinds to lists of hosts")])
    kinds: dict[str, SourceKind] = {}
    denied: dict[str, str] = {}
    seen: dict[str, int] = {}

    def host(value: Any, line: int) -> str | None:
        text = str(value).strip().lower() if isinstance(value, str) else ""
        if not HOST.fullmatch(text):
            errors.append(DataError(shown, line, f"'{value}' is not a host name (like un.org or press.un.org)"))
            return None
        if text in seen:
            errors.append(DataError(shown, line, f"host '{text}' is listed twice (first on line {seen[text]})"))
            return None
        seen[text] = line
        return text

    lines = getattr(raw, "key_lines", {})
    for key, value in raw.items():
        line = lines.get(key, 1)
        if key == DENY:
            if not isinstance(value, dict):
                errors.append(DataError(shown, line, "'deny' maps each host to why it is denied"))
                continue
            for name, why in value.items():
                if (found := host(name, getattr(value, "key_lines", {}).get(name, line))) is not None:
                    denied[found] = str(why or "").strip()
            continue
        try:
            kind = SourceKind(key)
        except ValueError:
            allowed = ", ".join([*(k.value for k in SourceKind), DENY])
            errors.append(DataError(shown, line, f"unknown kind '{key}', expected one of: {allowed}"))
            continue
        if not isinstance(value, list):
            errors.append(DataError(shown, line, f"'{key}' needs a list of hosts"))
            continue
        for name, item_line in zip(value, getattr(value, "item_lines", [line] * len(value)), strict=True):
            if (found := host(name, item_line or line)) is not None:
                kinds[found] = kind
    if errors:
        raise DataErrors(errors)
    return KindTable(kinds=kinds, denied=denied)
