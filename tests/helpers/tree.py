"""A folder's files as a comparable value, for tests that assert a run left data or a site byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def digest(folder: Path) -> dict[str, str]:
    """Every file, link and folder under `folder`: a file by its bytes' hash, a link by its target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "dir"
    return found
