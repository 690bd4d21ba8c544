"""Writing files durably: each file written and fsync'd, many fsync'd side by side, a file linked or copied."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Sequence
from itertools import chain
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries durable (power loss); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_file(path: Path, content: bytes, durable: bool = True) -> None:
    """Write a file (mode 644); `durable`: fsync'd before returning (else the caller makes it durable: `sync_all`)."""
    with path.open("wb") as handle:
        handle.write(content)
        handle.flush()
        if durable:
            os.fsync(handle.fileno())
    path.chmod(0o644)


SYNC_THREADS = 16
ALIKE_MAX = 1 << 20
"""Files up to this size are written once in a version when several paths have the same bytes (hard links)."""


def sync_all(files: Sequence[Path], folders: Sequence[Path]) -> None:
    """fsync the files and folders together: one after another, each waits for its own journal commit; side by side
    (fsync leaves the GIL), the file system commits them in a few. Raises the first error met.

    The threads take the paths from one shared iterator, so the memory used does not grow with the number of files
    (an executor's `map` would hold a future for each)."""
    jobs = chain(((fsync_file, path) for path in files), ((fsync_dir, path) for path in folders))
    count = len(files) + len(folders)
    if count < 2:
        for sync, path in jobs:
            sync(path)
        return
    taking, failed = threading.Lock(), []

    def work() -> None:
        while not failed:
            with taking:
                job = next(jobs, None)
            if job is None:
                return
            try:
                job[0](job[1])
            except Exception as error:  # raised below, in the caller's thread
                failed.append(error)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(min(SYNC_THREADS, count))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failed:
        raise failed[0]


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def link_or_copy(source: Path, target: Path) -> None:
    """The same inode (so the same mtime), or a copy with the same mtime where hard links are refused."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)
