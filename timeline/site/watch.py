"""Rebuild when the data changes: a thread that polls the data folder's file sizes and mtimes.

Polling (no new dependency) costs one `stat` per data file a second. A change is acted on once the
folder has been still for one more poll, so an editor's save in several writes gives one build.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from timeline.load.files import is_editor_file

Snapshot = tuple[tuple[str, int, int], ...]


def snapshot(folder: Path) -> Snapshot:
    """Name, size and mtime of every visible file under `folder` (editors' temp files left out)."""
    found = []
    for path in folder.rglob("*"):
        if any(is_editor_file(part) for part in path.relative_to(folder).parts):
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            found.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


class Watcher(threading.Thread):
    """Calls `rebuild()` after the data folder changes and has settled; `stop()` ends it."""

    def __init__(self, folder: Path, rebuild: Callable[[], None], interval: float = 1.0) -> None:
        super().__init__(name="timeline-watch", daemon=True)
        self.folder, self.rebuild, self.interval = folder, rebuild, interval
        self._stopped = threading.Event()
        self._seen = snapshot(folder)

    def run(self) -> None:
        pending: Snapshot | None = None
        while not self._stopped.wait(self.interval):
            now = snapshot(self.folder)
            if now != self._seen and now == pending:  # changed, and still for one interval
                self._seen = now
                pending = None
                self.rebuild()
            elif now != self._seen:
                pending = now

    def stop(self) -> None:
        self._stopped.set()
