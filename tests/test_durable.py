"""Publishing makes each version durable (site.durable): every file and folder fsync'd, side by side, and the first
error raised."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline.site import durable


def synced_paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths that os.fsync is called on from now on (read back from each descriptor, as Linux names it)."""
    seen: list[str] = []
    real = os.fsync

    def noting(fd: int) -> None:
        seen.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", noting)
    return seen


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name a descriptor's file")
@pytest.mark.parametrize("count", [0, 1, 2, 300])
def test_every_file_and_folder_is_synced_once(tmp_path, monkeypatch, count):
    folders = [tmp_path / f"f{i}" for i in range(count // 10 + 1)]
    for folder in folders:
        folder.mkdir()
    files = [folders[i % len(folders)] / f"{i}.ics" for i in range(count)]
    for path in files:
        path.write_bytes(b"BEGIN:VCALENDAR\r\n")
    seen = synced_paths(monkeypatch)
    durable.sync_all(files, folders)
    assert sorted(seen) == sorted(str(p) for p in [*files, *folders])


def test_the_error_of_a_file_is_raised(tmp_path):
    files = [tmp_path / f"{i}.ics" for i in range(50)]
    for path in files:
        path.write_bytes(b"x")
    files[37].unlink()  # gone before it could be synced
    with pytest.raises(FileNotFoundError, match=r"37\.ics"):
        durable.sync_all(files, [tmp_path])


def test_the_error_of_a_lone_file_is_raised(tmp_path):
    with pytest.raises(FileNotFoundError):
        durable.sync_all([tmp_path / "missing.ics"], [])
