"""Publish a rendered site into the output folder, all or nothing, for readers and for crashes.

The output folder (every path relative to it)::

    .timeline/lock               the build lock: a build holds it from reading the previous feed states
                                 until its site is published, so builds of one folder run one at a time
    .timeline/<id>/              one whole version of the site and its .manifest.json, never changed once
                                 published; a file that did not change is a hard link to the previous one's
    .timeline/current -> <id>    the published version: one symlink, replaced by one rename
    index.html -> .timeline/current/index.html
    <org> -> .timeline/current/<org>
                                 one symlink per top-level entry of the site, the same for every version
    README.md, CNAME, .nojekyll  files put there by hand: never touched

Publishing is the rename of `.timeline/current` over the old link (rename(2) is atomic): at that
instant every path through `output/` leads into the new version. So:

- A reader that opens any one path gets one version's file, whole. A reader that pins the version
  (opens `.timeline/current` once, or holds the lock shared as `flock -s` does) reads one version
  throughout. The version it pinned is kept until the next publish.
- A build killed at any point (SIGKILL included) leaves `current` naming the old version or the new
  one, each complete; the next build, under the lock, removes what the killed one left and succeeds.
- Nothing is published before the whole site is rendered (into the build's staging folder, `.timeline/stage-<pid>`,
  which no link leads to) and the lock is held.

Kept from the earlier design (each changed file renamed into place): `output/` stays a real folder,
with the user's files in it; an unchanged file keeps its inode, so its mtime, Last-Modified and ETag
stay and calendar apps get `304 Not Modified`; a rebuild that changes nothing writes nothing; the build
removes only files it wrote (a file added by hand inside a generated folder is carried into each new
version). A site published file by file (its list in `output/.manifest.json`) is adopted as the first
version by the next build, with the same guarantees.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from timeline.errors import PublishError
from timeline.site.durable import ALIKE_MAX, fsync_dir, link_or_copy, sync_all, write_file
from timeline.site.files import Contents

HOME = ".timeline"
LOCK = "lock"
CURRENT = "current"
MANIFEST = ".manifest.json"
STAGE = "stage-"
"""A build's staging folder in `.timeline/` (`stage-<pid>`): the site's files as they are rendered."""
TEMP = ".timeline-tmp-"
"""Temporary names at the top of the output folder (hidden), removed by the next build if one is left."""
LEGACY = (".build.lock", ".build-")
"""What a build before versions left at the top: its lock, and its staging folders."""
KILL_AT = "TIMELINE_TEST_KILL_AT"

_held = threading.local()
_reached: dict[str, int] = {}


def checkpoint(step: str) -> None:
    """A test hook, inert unless TIMELINE_TEST_KILL_AT is `step` (or `step:n`, for the n-th time): then the
    process kills itself here with SIGKILL, as a crash or `kill -9` would. The only environment read outside
    the CLI, so that tests can kill a real `timeline build` between any two steps."""
    target = os.environ.get(KILL_AT)
    if not target or target.partition(":")[0] != step:
        return
    _reached[step] = _reached.get(step, 0) + 1
    if _reached[step] == int(target.partition(":")[2] or 1):
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def _error(error: OSError, out: Path) -> PublishError:
    return PublishError(f"cannot write {error.filename or out}: {error.strerror or error}")


def _held_here() -> set[str]:
    if not hasattr(_held, "folders"):
        _held.folders = set()
    return _held.folders


@contextlib.contextmanager
def locked(out: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the output folder's build lock; `waiting()` is called once when another build holds it first.

    flock(2): the kernel releases it when the holder exits however it ends (SIGKILL too), so a killed build
    never leaves a lock behind. `flock -s output/.timeline/lock CMD` holds it shared (a consistent sync).
    """
    try:
        (out / HOME).mkdir(parents=True, exist_ok=True)
        handle = (out / HOME / LOCK).open("a+b")
    except OSError as error:
        raise _error(error, out) from None
    key = str(out.resolve())
    with handle:
        try:
            import fcntl
        except ImportError:  # Windows: no flock; builds are rarely concurrent there
            fcntl = None
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting:
                    waiting()
                fcntl.flock(handle, fcntl.LOCK_EX)
        _held_here().add(key)
        try:
            yield
        finally:
            _held_here().discard(key)  # closing the handle releases the lock


def published(out: Path) -> Path:
    """The folder that holds the published site: the current version; `out` itself before the first
    versioned build (a site published file by file, or nothing yet)."""
    current = out / HOME / CURRENT
    if not current.is_symlink():
        return out
    real = current.resolve()
    if not real.is_dir():
        raise PublishError(
            f"{current} points to a missing version ({os.readlink(current)}): remove {out / HOME} and build "
            "again (the feeds then start again at SEQUENCE:0)"
        )
    return real


def read_manifest(folder: Path) -> list[str]:
    """The files a build wrote, as its manifest in `folder` lists them."""
    try:
        files = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
        return [f for f in files if isinstance(f, str)]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _published_as(files: Mapping[str, bytes], path: str, base: Path) -> bool:
    """Whether a file's bytes are the ones published in the version `base`: at once for a file taken from there (a
    reused part's, site.files.Contents.source), else compared."""
    source = files.source(path) if isinstance(files, Contents) else None
    if source is None:
        return same_bytes(base / path, files[path])
    return source == base / path or same_files(source, base / path)


def same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


COMPARED = 1 << 16
"""How much of two files `same_files` holds at once."""


def same_files(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes, compared a piece at a time (a landing page of 300 organisations is
    6 MB: reading it and its published copy whole made most of a rebuild's peak memory)."""
    try:
        if not b.is_file() or a.stat().st_size != b.stat().st_size:
            return False
        with a.open("rb") as first, b.open("rb") as second:
            while True:
                piece = first.read(COMPARED)
                if piece != second.read(COMPARED):
                    return False
                if not piece:
                    return True
    except OSError:
        return False


def _safe_relative(path: str) -> bool:
    """A manifest entry that names a file inside the output folder."""
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts and not parts[0].startswith(".")


def _top(path: str) -> str:
    return path.split("/", 1)[0]


def _link_target(name: str) -> str:
    return f"{HOME}/{CURRENT}/{name}"


def _is_our_link(entry: Path, name: str) -> bool:
    try:
        return os.readlink(entry) == _link_target(name)
    except OSError:
        return False


def _name(version: int) -> str:
    return f"{version:06d}"


def _versions(home: Path) -> dict[int, Path]:
    """Every version folder, by id."""
    with os.scandir(home) as entries:
        return {int(e.name): Path(e.path) for e in entries if e.name.isdigit() and e.is_dir(follow_symlinks=False)}


def _current(home: Path) -> int | None:
    try:
        target = os.readlink(home / CURRENT)
    except FileNotFoundError:
        return None
    if not target.isdigit() or not (home / target).is_dir():
        raise PublishError(
            f"{home / CURRENT} points to a missing version ({target}): remove {home} and build again "
            "(the feeds then start again at SEQUENCE:0)"
        )
    return int(target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _files_under(folder: Path) -> list[str]:
    """Every file (and symlink) below `folder`, as relative POSIX paths."""
    found = []
    for root, dirs, files in os.walk(folder):
        rel = Path(root).relative_to(folder)
        found += [(rel / name).as_posix() for name in files]
        found += [(rel / name).as_posix() for name in dirs if (Path(root) / name).is_symlink()]
    return sorted(found)


def _recover(out: Path, home: Path) -> int | None:
    """Remove what a killed build left: versions never published, versions older than the previous one,
    temporary links and folders; returns the current version's id (None before the first)."""
    current = _current(home)
    versions = _versions(home)
    previous = max((v for v in versions if current is not None and v < current), default=None)
    for version, path in versions.items():
        if version not in (current, previous):
            shutil.rmtree(path, ignore_errors=True)
    _remove(home / f"{CURRENT}.tmp")
    with os.scandir(home) as entries:  # a killed build's staging folder (not this process's)
        for entry in entries:
            if entry.name.startswith(STAGE) and entry.name != f"{STAGE}{os.getpid()}":
                _remove(Path(entry.path))
    with os.scandir(out) as entries:
        for entry in entries:
            if entry.name.startswith((TEMP, LEGACY[1])):
                _remove(Path(entry.path))
    return current


def _point_current(home: Path, version: str) -> None:
    """Publish: one rename replaces the link `current` (fsync'd before and after)."""
    temp = home / f"{CURRENT}.tmp"
    _remove(temp)
    os.symlink(version, temp, target_is_directory=True)
    fsync_dir(home)
    os.replace(temp, home / CURRENT)
    fsync_dir(home)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP); False where
    the system or the file system cannot."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):
        return False
    if hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        result = libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    elif hasattr(libc, "renamex_np"):
        result = libc.renamex_np(os.fsencode(a), os.fsencode(b), 2)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _make_link(out: Path, name: str, directory: bool) -> None:
    """`out/name -> .timeline/current/name`, made aside and renamed over whatever file or link is there."""
    entry, temp = out / name, out / f"{TEMP}{name}"
    _remove(temp)
    os.symlink(_link_target(name), temp, target_is_directory=directory)
    if entry.is_dir() and not entry.is_symlink():  # a folder published file by file (adoption only)
        if _exchange(temp, entry):
            shutil.rmtree(temp)
            return
        old = out / f"{TEMP}old-{name}"  # no atomic exchange here: the folder is missing for a moment
        os.rename(entry, old)
        os.rename(temp, entry)
        shutil.rmtree(old)
        return
    os.replace(temp, entry)


def _is_real(entry: Path) -> bool:
    return entry.exists() and not entry.is_symlink()


def _interrupted(out: Path, version: Path) -> list[str]:
    """Real entries at the top of `out` left by an adoption that was killed after publishing its version: every
    file in them is the version's own (the same inode). Anything else there was made by hand, and is not taken."""
    tops = []
    for name in sorted(os.listdir(version)):
        entry = out / name
        if name.startswith(".") or not _is_real(entry):
            continue
        paths = _files_under(entry) if entry.is_dir() else [""]
        with contextlib.suppress(OSError):
            if all(os.path.samefile(entry / path, version / name / path) for path in paths):
                tops.append(name)
    return tops


def _adopt(out: Path, home: Path, current: int | None, listed: list[str], tops: list[str]) -> int:
    """A site published file by file (`listed` generated files under `tops`) becomes a version, then each of its
    top-level entries a link to the same bytes, so readers see no change; resumes after a crash."""
    if current is None:
        current = max(_versions(home), default=0) + 1
        version = home / _name(current)
        version.mkdir()
        for top in tops:
            entry = out / top
            if entry.is_dir():  # with the files added there by hand, which are carried from now on
                paths = [f"{top}/{path}" for path in _files_under(entry)]
            else:
                paths = [top] if entry.is_file() else []
            for path in paths:
                (version / path).parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(out / path, version / path)
        _write_manifest(version, [p for p in listed if (version / p).is_file()])
        checkpoint("adopt-version")
        _point_current(home, version.name)
        checkpoint("adopt-current")
    version = home / _name(current)
    for top in tops:
        entry = out / top
        if (entry.exists() or entry.is_symlink()) and not _is_our_link(entry, top) and os.path.lexists(version / top):
            _make_link(out, top, (version / top).is_dir())
            checkpoint("adopt-link")
    fsync_dir(out)
    for name in (MANIFEST, LEGACY[0]):
        (out / name).unlink(missing_ok=True)
    return current


def _write_manifest(version: Path, files: list[str]) -> None:
    write_file(version / MANIFEST, (json.dumps({"files": files}, indent=1) + "\n").encode())


def _write_version(
    version: Path, files: Mapping[str, bytes], base: Path | None, changed: set[str], carried: list[str]
) -> None:
    """Every file of the site into a new version folder: written when changed, else a link to the base's; every
    file written and every folder made durable before it returns (written first, then fsync'd together)."""
    version.mkdir()
    written, alike, made = [], {}, {version}
    for path in sorted(files):
        target = version / path
        if target.parent not in made:  # each folder made once, not once a file
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if path in changed or base is None:
            source, same = _sourced(files, path)
            first = alike.get(same) if same else None
            if first is not None:  # a file the version already has, byte for byte (the schema beside each
                link_or_copy(first, target)  # organisation's timeline.json): written once
                continue
            if source is not None:  # the staged file itself, linked: its bytes are neither read nor written again
                link_or_copy(source, target)
            else:
                write_file(target, files[path], durable=False)
            written.append(target)
            if same:
                alike[same] = target
        else:
            link_or_copy(base / path, target)
        checkpoint("file")
    for path in carried:
        with contextlib.suppress(OSError):  # a path the site now needs for itself: the site wins
            (version / path).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(base / path, version / path)
    _write_manifest(version, sorted(files))
    sync_all(written, [Path(root) for root, _dirs, _files in os.walk(version)])
    fsync_dir(version.parent)


def _sourced(files: Mapping[str, bytes], path: str) -> tuple[Path | None, str | None]:
    """Where a file's bytes are already on disk (site.files.Contents: staged, or published), and a digest of them to
    find files alike (None for a file held in memory larger than ALIKE_MAX)."""
    if isinstance(files, Contents):
        source = files.source(path)
        return (source if source is not None and source.is_file() else None), files.digest(path)
    content = files[path]
    return None, (hashlib.sha256(content).hexdigest() if len(content) <= ALIKE_MAX else None)


def publish(files: Mapping[str, bytes], out: Path) -> tuple[list[str], list[str]]:
    """Publish `files` (relative path -> bytes) as the new version of `out`; returns (changed paths, removed
    paths). Call it inside `locked(out)`, taken before the previous feed states were read (it takes the
    lock itself otherwise)."""
    try:
        out = out.resolve()
        held = str(out) in _held_here()
        with contextlib.nullcontext() if held else locked(out):
            return _publish(files, out)
    except OSError as error:
        raise _error(error, out) from None


def _publish(files: Mapping[str, bytes], out: Path) -> tuple[list[str], list[str]]:
    home = out / HOME
    current = _recover(out, home)
    checkpoint("recovered")
    if (out / MANIFEST).is_file():  # published file by file, by a build before versions
        listed = [p for p in read_manifest(out) if _safe_relative(p)]
        current = _adopt(out, home, current, listed, sorted({_top(p) for p in listed}))
    elif current is None and (tops := sorted({_top(p) for p in files if _is_real(out / _top(p))})):
        # no list, no version: a site or its feed states put there by hand (restored in CI, say); files of the
        # site's names are its, any others are carried
        listed = [p for p in files if _top(p) in tops and (out / p).is_file()]
        current = _adopt(out, home, None, listed, tops)
    elif current is not None and (tops := _interrupted(out, home / _name(current))):
        current = _adopt(out, home, current, [], tops)  # killed while adopting: finish
    base = home / _name(current) if current is not None else None
    before = read_manifest(base) if base else []
    changed = [p for p in sorted(files) if base is None or not _published_as(files, p, base)]
    removed = sorted(p for p in before if p not in files and _safe_relative(p))
    carried = (
        [p for p in _files_under(base) if p not in before and p not in files and _safe_relative(p)] if base else []
    )
    names = {_top(p) for p in [*files, *carried]}
    if base is not None and not changed and not removed:
        _link_tops(out, names, base)  # nothing to publish: only mend the links (one removed, or left over)
        _unlink_stale(out, names)
        return [], []
    for name in sorted(names):
        entry = out / name
        if entry.is_dir() and not entry.is_symlink():
            raise PublishError(
                f"{entry} is a folder the build did not make, and the site now has a {name} of its own: "
                f"move it out of {out} and build again"
            )
    version = home / _name(max([*_versions(home), current or 0]) + 1)
    _write_version(version, files, base, set(changed), carried)
    checkpoint("written")
    _link_tops(out, names, version)
    _point_current(home, version.name)
    checkpoint("swapped")
    _unlink_stale(out, names)
    for number, path in _versions(home).items():
        if number not in (current, int(version.name)):
            shutil.rmtree(path, ignore_errors=True)
    checkpoint("pruned")
    return changed, removed


def _link_tops(out: Path, names: set[str], version: Path) -> None:
    """A link at the top of `out` for each top-level entry of the site (new ones dangle until the swap)."""
    made = False
    for name in sorted(names):
        if not _is_our_link(out / name, name):
            _make_link(out, name, (version / name).is_dir())
            made = True
            checkpoint("link")
    if made:
        fsync_dir(out)


def _unlink_stale(out: Path, names: set[str]) -> None:
    """Remove the links of top-level entries the published version no longer has (they dangle)."""
    with os.scandir(out) as entries:
        stale = [Path(e.path) for e in entries if e.name not in names and _is_our_link(Path(e.path), e.name)]
    for entry in stale:
        entry.unlink()
        checkpoint("unlink")


def stale_files(files: Mapping[str, bytes], out: Path, root: Path | None = None) -> list[str]:
    """What differs between `files` and the site published in `out` (read from `root`, the version the caller
    rendered against, when given): changed or missing files, generated files now extra, missing links."""
    out = out.resolve()
    root = root or published(out)
    differ = [p for p in sorted(files) if not same_bytes(root / p, files[p])]
    extra = [p for p in read_manifest(root) if p not in files and _safe_relative(p) and (root / p).exists()]
    unlinked = [] if root == out else sorted(n for n in {_top(p) for p in files} if not _is_our_link(out / n, n))
    return differ + sorted(extra) + [n for n in unlinked if n not in differ]
