"""Publish a rendered site into the output folder atomically, file by file, and compare it with one.

Why per file and not one folder swap: `output/` stays a real folder (git tracks its README.md;
static-host uploaders and `--out` on a mount point want a folder, not a symlink), and files whose
bytes did not change are not touched, so their mtime, Last-Modified and ETag stay put and calendar
apps get `304 Not Modified`. The guarantees:

- Nothing is touched until everything is rendered (in memory) and written to a staging folder
  (`output/.build-*`, same file system); a failure before that leaves the output as it was.
- Each changed file is then swapped in with `os.replace` (rename(2), atomic on POSIX and Windows):
  a reader gets the whole old file or the whole new one, never a half-written feed.
- Data files go first, pages after them and `index.html` last, so a page never links a file
  that is not there yet; files the previous build wrote and this one did not are removed last.
- Builds of one output folder are serialised by a lock (`output/.build.lock`).

`output/.manifest.json` lists what the build wrote: only those files are ever removed, so a file
put there by hand (README.md, CNAME, .nojekyll) stays. Hidden files are never served.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from timeline.errors import PublishError

MANIFEST = ".manifest.json"
LOCK = ".build.lock"
STAGING = ".build-"


def publish_order(path: str) -> tuple[int, str]:
    """Data files first, then pages, the landing page last."""
    if path == "index.html":
        return 3, path
    if path.endswith(".html"):
        return 2, path
    return (0 if "/" not in path else 1), path


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the output folder's build lock (blocks while another build of it runs)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK).open("a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory lock; builds are rarely concurrent there
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_manifest(out: Path) -> list[str]:
    try:
        files = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
        return [f for f in files if isinstance(f, str)]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def _stage(staging: Path, index: int, content: bytes) -> Path:
    temp = staging / f"{index:05d}"
    with temp.open("wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    temp.chmod(0o644)
    return temp


def _remove_empty_parents(path: Path, out: Path) -> None:
    for parent in path.parents:
        if parent == out or not parent.is_relative_to(out):
            return
        try:
            parent.rmdir()
        except OSError:
            return


def publish(files: Mapping[str, bytes], out: Path) -> tuple[list[str], list[str]]:
    """Swap `files` (relative path -> bytes) into `out`; returns (changed paths, removed paths)."""
    try:
        return _publish(files, out.resolve())
    except OSError as error:
        raise PublishError(f"cannot write {error.filename or out}: {error.strerror or error}") from None


def _publish(files: Mapping[str, bytes], out: Path) -> tuple[list[str], list[str]]:
    with locked(out):
        for stale in out.glob(f"{STAGING}*"):  # left by a build that was killed: nothing else holds the lock
            shutil.rmtree(stale, ignore_errors=True)
        before = read_manifest(out)
        staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=out))
        try:
            order = sorted(files, key=publish_order)
            staged = {}
            for index, path in enumerate(order):
                if not same_bytes(out / path, files[path]):
                    staged[path] = _stage(staging, index, files[path])
            for path, temp in staged.items():
                target = out / path
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(temp, target)
            removed = sorted(p for p in before if p not in files and _safe_relative(p))
            for path in removed:
                (out / path).unlink(missing_ok=True)
                _remove_empty_parents(out / path, out)
            _write_manifest(out, staging, order)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return list(staged), removed


def _safe_relative(path: str) -> bool:
    """A manifest entry that names a file inside the output folder."""
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts and not parts[0].startswith(".")


def _write_manifest(out: Path, staging: Path, order: list[str]) -> None:
    content = (json.dumps({"files": order}, indent=1) + "\n").encode()
    if not same_bytes(out / MANIFEST, content):
        os.replace(_stage(staging, 99999, content), out / MANIFEST)


def stale_files(files: Mapping[str, bytes], out: Path) -> list[str]:
    """What differs between `files` and `out`: changed or missing files, and generated files now extra."""
    out = out.resolve()
    differ = [p for p in sorted(files) if not same_bytes(out / p, files[p])]
    extra = [p for p in read_manifest(out) if p not in files and _safe_relative(p) and (out / p).exists()]
    return differ + sorted(extra)
