"""Where the bundled data and the caches are, and the stamps (name, size, modification time) that key a cache.

Standard library only, so that a query answered from the answers cache (`timeline.cli.answers`) finds its data and
checks its key without importing the model or the loader.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from timeline.datafiles import data_files

PACKAGE = Path(__file__).resolve().parent
"""The installed `timeline` package: its source files stamp every answer (any edit to the code invalidates)."""
KINDS_FILE = "source-kinds.yaml"


def default_data_dir() -> Path:
    """The bundled data: inside the installed package, else the source checkout's data/."""
    packaged = PACKAGE / "_data"
    return packaged if packaged.is_dir() else PACKAGE.parent / "data"


def latest_day(phrases: dict[str, str]) -> dict[str, str]:
    """Of the relative phrases kept ('<lang> <today> <day>' keys), those of the latest day asked on, sorted."""
    latest = max((key.split(" ")[1] for key in phrases if key.count(" ") == 2), default="")
    return {key: phrase for key, phrase in sorted(phrases.items()) if key.split(" ")[1:2] == [latest]}


def write_json(path: os.PathLike[str], value: object) -> None:
    """Write a cache file whole or not at all (a temporary file renamed over it); failures are ignored."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(temporary), exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False, indent=0)
        os.replace(temporary, path)
    except OSError:
        try:  # noqa: SIM105 - contextlib is not imported on the answers cache's path
            os.unlink(temporary)
        except OSError:
            pass


def cache_dir() -> Path:
    """TIMELINE_CACHE, else $XDG_CACHE_HOME/timeline, else ~/.cache/timeline."""
    if os.environ.get("TIMELINE_CACHE"):
        return Path(os.environ["TIMELINE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "timeline"


def kinds_path(data_dir: Path) -> Path | None:
    """The kind table a data folder uses: its own, else the bundled one (None when neither exists)."""
    for folder in (data_dir, default_data_dir()):
        if (folder / KINDS_FILE).is_file():
            return folder / KINDS_FILE
    return None


def stamp(path: Path | str) -> str:
    """A file's name, size and mtime; a link to nothing, or a file that went away, by its name alone."""
    return _stamp_and_time(path)[0]


def _stamp_and_time(path: Path | str) -> tuple[str, int]:
    """A file's stamp and its modification time (nanoseconds; 0 for a file that is not there)."""
    try:
        info = os.stat(path)
    except OSError:
        return f"{os.path.basename(path)}:gone", 0
    return f"{os.path.basename(path)}:{info.st_size}:{info.st_mtime_ns}", info.st_mtime_ns


def data_key(folder: Path) -> str:
    """What a loaded organisation rests on, as one text: its folder, its data files' and its kind table's stamps, and
    the loading code's (the load cache's key; a build's key of each organisation's part)."""
    table = kinds_path(folder.parent)
    files = [*data_files(folder), *([table] if table else [])]
    return "\n".join([str(folder.resolve()), str(table), *map(stamp, files), *loader_stamps()])


@functools.cache
def loader_stamps() -> tuple[str, ...]:
    """The loading code's (timeline/core and timeline/load) stamps, read once per process."""
    return tuple(stamp(p) for p in sorted((PACKAGE / "core").rglob("*.py")) + sorted((PACKAGE / "load").rglob("*.py")))


def code_stamps(folder: Path = PACKAGE) -> list[str]:
    """Every Python source file of the package, by its path inside it, size and mtime (in a fixed order)."""
    found: list[str] = []
    _walk(str(folder), "", found)
    return sorted(found)


def _walk(path: str, inside: str, found: list[str]) -> None:
    try:
        entries = list(os.scandir(path))
    except OSError:
        return
    for entry in entries:
        if entry.name.endswith(".py"):
            info = entry.stat()
            found.append(f"{inside}{entry.name}:{info.st_size}:{info.st_mtime_ns}")
        elif entry.name != "__pycache__" and not entry.name.startswith(".") and entry.is_dir():
            _walk(entry.path, f"{inside}{entry.name}/", found)


def identity(folder: Path) -> str:
    """An organisation folder's full path: its data folder's real path (resolved once per process) and its name."""
    parent = str(folder.parent)
    if parent not in _REAL:
        _REAL[parent] = os.path.realpath(parent)
    return os.path.join(_REAL[parent], folder.name)


_REAL: dict[str, str] = {}


def organisation_key(folder: Path, code: list[str], table: Path | None) -> tuple[str, int]:
    """What an organisation's answers rest on: its folder, its data files' (`datafiles.data_files`) and its kind
    table's (`kinds_path` of its data folder) stamps, and the `code` stamps, as one text; and the newest
    modification time among those files (nanoseconds)."""
    stamped = [_stamp_and_time(path) for path in [*data_files(folder), *([table] if table else [])]]
    newest = max((time for _, time in stamped), default=0)
    return "\n".join([identity(folder), str(table), *(text for text, _ in stamped), *code]), newest
