"""The files of a rendered site: each one's bytes, where they are held, and a few words on what it holds.

A build writes each file into a staging folder as it is rendered (`Site(stage=…)`, inside the output folder's
`.timeline/`, published by site.publish only once the whole site is rendered), so its memory does not grow with
the site; a reused file stays where it is published. Without a staging folder (--check, tests) the bytes are held.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SiteFile:
    """One file of the site: its bytes (in pieces: a feed shares its events' bytes with the other feeds), or the
    file that holds them (`source`: staged or published), its SHA-256 and a few words on what it holds."""

    chunks: tuple[bytes, ...]
    what: str
    source: Path | None = None
    digest: str = ""

    @property
    def content(self) -> bytes:
        """The file's bytes, read or joined when asked for (a feed's pieces stay shared until then)."""
        if self.source is not None:
            return self.source.read_bytes()
        return self.chunks[0] if len(self.chunks) == 1 else b"".join(self.chunks)

    @property
    def size(self) -> int:
        return self.source.stat().st_size if self.source is not None else sum(map(len, self.chunks))


class Contents(Mapping[str, bytes]):
    """The site's files as path -> bytes, each read or joined only while it is looked at (publishing and --check
    compare and write them one at a time), so the whole site is never held at once."""

    def __init__(self, files: dict[str, SiteFile]) -> None:
        self._files = files

    def __getitem__(self, path: str) -> bytes:
        return self._files[path].content

    def source(self, path: str) -> Path | None:
        """The file that holds a file's bytes (staged or published), or None when they are held."""
        return self._files[path].source

    def digest(self, path: str) -> str:
        """A file's SHA-256, as worked out when it was rendered (or recorded when it was published)."""
        return self._files[path].digest

    def __contains__(self, path: object) -> bool:  # Mapping's would read the file's bytes
        return path in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def digest(chunks: Sequence[bytes]) -> str:
    """The SHA-256 of a file's bytes, given in pieces."""
    found = hashlib.sha256()
    for chunk in chunks:
        found.update(chunk)
    return found.hexdigest()


@dataclass
class Site:
    """A rendered site: relative path -> file; `stage`: the folder each added file is written into at once."""

    files: dict[str, SiteFile] = field(default_factory=dict)
    stage: Path | None = None

    def add(self, path: str, content: bytes | str | Iterable[bytes | str], what: str) -> None:
        """A file from its text, its bytes, or its bytes or text in pieces (a feed's `chunks`, a page's parts): when
        the site is staged, written piece by piece as they come (never held whole), its digest worked out on the way;
        else held, as UTF-8 bytes."""
        pieces = (content,) if isinstance(content, str | bytes) else content
        if self.stage is None:
            chunks = tuple(c.encode("utf-8") if isinstance(c, str) else c for c in pieces)
            self.files[path] = SiteFile(chunks, what, None, digest(chunks))
            return
        staged = self.stage / path
        staged.parent.mkdir(parents=True, exist_ok=True)
        found = hashlib.sha256()
        with staged.open("wb") as handle:
            for piece in pieces:
                data = piece.encode("utf-8") if isinstance(piece, str) else piece
                found.update(data)
                handle.write(data)
        self.files[path] = SiteFile((), what, staged, found.hexdigest())

    def add_published(self, path: str, source: Path, what: str, sha256: str) -> None:
        """A file taken as it is published (`source`, with its SHA-256 checked by the caller)."""
        self.files[path] = SiteFile((), what, source, sha256)

    def moved(self, root: Path) -> None:
        """Every file is now read from `root`, the version published (the staging folder goes away)."""
        self.files = {path: SiteFile((), f.what, root / path, f.digest) for path, f in self.files.items()}

    def held(self) -> Site:
        """The same files with their bytes read now and held (a report's files are otherwise read from the version
        published, which a later build removes)."""
        return Site({path: SiteFile((f.content,), f.what, None, f.digest) for path, f in self.files.items()})

    @property
    def contents(self) -> Mapping[str, bytes]:
        return Contents(self.files)

    @classmethod
    def published(cls, root: Path, described: Mapping[str, tuple[str, int]]) -> Site:
        """The site published in the version folder `root`: path -> (description, size)."""
        return cls({path: SiteFile((), what, root / path) for path, (what, _size) in described.items()})
