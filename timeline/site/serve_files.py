"""The files as `timeline serve` serves them: which path a request may reach, their type, their bytes and
validators (cached while unchanged), and whether the client takes gzip."""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".js": "application/javascript",
    ".css": "text/css; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")
GZIP_MIN = 256
CACHE_ENTRIES = 64


@dataclass
class Entry:
    """A file as served: its bytes, validators, and the gzip variant once asked for."""

    body: bytes
    etag: str
    mtime: float
    gz: bytes | None = None


class FileCache:
    """Bytes and hashes of recently served files, keyed by inode, size and mtime (a swapped file is a new key)."""

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, path: Path) -> Entry:
        with path.open("rb") as handle:  # stat and read the same inode, even if a build replaces the file now
            stat = os.fstat(handle.fileno())
            key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key]
            body = handle.read()
        entry = Entry(body, f'"{hashlib.sha256(body).hexdigest()[:24]}"', stat.st_mtime)
        with self._lock:
            self._entries[key] = entry
            while len(self._entries) > CACHE_ENTRIES:
                self._entries.popitem(last=False)
        return entry

    def gzipped(self, entry: Entry) -> bytes:
        if entry.gz is None:
            entry.gz = gzip.compress(entry.body, compresslevel=6, mtime=0)
        return entry.gz


def resolve(root: Path, target: str) -> Path | None:
    """The real file or folder a request target names inside `root`, or None when it must be refused."""
    path = urlsplit(target).path
    try:
        text = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not text.startswith("/") or "\x00" in text or "\\" in text:
        return None
    parts = [part for part in text.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") for part in parts):
        return None
    real_root = root.resolve()
    try:
        real = real_root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real == real_root or real.is_relative_to(real_root) else None


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (q=0 refuses it)."""
    if not header:
        return False
    allowed: dict[str, bool] = {}
    for item in header.lower().split(","):
        name, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        allowed[name.strip()] = q > 0
    if "gzip" in allowed or "x-gzip" in allowed:
        return allowed.get("gzip", False) or allowed.get("x-gzip", False)
    return allowed.get("*", False)


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower(), "application/octet-stream")
