"""The one guard between what the tool reads and what it writes: an output path (a site folder, a feed or page
file) is refused when it is, or lies inside or above, a folder the data is read from; checked before anything is
read or written, so the data is never touched."""

from __future__ import annotations

import os
from pathlib import Path

from timeline.errors import QueryError


def real(path: Path) -> Path:
    """A path with every link resolved, even where part of it does not exist yet."""
    return Path(os.path.realpath(os.path.abspath(path)))


def overlap(written: Path, read: Path) -> str | None:
    """How `written` overlaps the folder `read`: 'is', 'is inside' or 'holds'; None when they are apart."""
    w, r = real(written), real(read)
    if w == r:
        return "is"
    if r in w.parents:
        return "is inside"
    if w in r.parents:
        return "holds"
    return None


def keep_apart(written: Path, option: str, read: Path, folder: bool = True) -> None:
    """Refuse (QueryError, exit 2) an output path that overlaps the data folder `read`; `folder`: `written` is a
    folder the tool fills (a site), else one file."""
    how = overlap(written, read)
    if how is None or (how == "holds" and not folder):
        return
    raise QueryError(
        f"{option} {written} {how} the data folder {read}: choose an {option} apart from it (timeline never writes "
        "where it reads data); nothing was changed"
    )
