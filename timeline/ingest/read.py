"""Documents from paths, folders and standard input: the one module of ingest that reads files."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from timeline.ingest.html import extract, looks_like_html
from timeline.ingest.model import Document, DocumentError

MAX_BYTES = 5_000_000
"""The largest document ingest reads: a press release is a few kilobytes; 5 MB is a book, or a wrong file."""
_URL_LINE = re.compile(r"^(?:(?:URL|Source|Источник):\s*)?(https?://\S+)$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(?:(?:Date|Дата):\s*)?(?:((?:19|20)[0-9]{2})-([01][0-9])-([0-3][0-9])|"
                        r"([0-3]?[0-9])\.([01]?[0-9])\.((?:19|20)[0-9]{2}))$", re.IGNORECASE)  # fmt: skip
SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".md", ""}
"""The files a folder is read for (other files in it, such as images, are left out)."""


def documents(paths: list[str]) -> Iterator[Document]:
    """Each document the paths name, in order: a file, each text or HTML file of a folder (sorted), or '-' (stdin)."""
    for given in paths:
        if given == "-":
            yield parse(sys.stdin.buffer.read(MAX_BYTES + 1), "-")
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise DocumentError(f"{given}: the folder holds no .txt or .html document")
            for file in found:
                yield read_file(file)
        else:
            yield read_file(path)


def read_file(path: Path) -> Document:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except OSError as error:
        raise DocumentError(f"{path}: cannot be read ({(error.strerror or type(error).__name__).lower()})") from None
    return parse(raw, str(path))


def parse(raw: bytes, name: str) -> Document:
    """A document from its bytes: UTF-8 text or HTML; anything else is refused with the file's name."""
    if len(raw) > MAX_BYTES:
        raise DocumentError(f"{name}: over {MAX_BYTES // 1_000_000} MB, too large for a press release")
    if b"\x00" in raw[:8192]:
        raise DocumentError(f"{name}: a binary file, not text or HTML")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{name}: not UTF-8 (byte {error.start}); convert it first, e.g. iconv -f cp1251 -t utf-8"
        ) from None
    if not text.strip():
        raise DocumentError(f"{name}: empty")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        body, title, day, url = extract(text)
        if not body.strip():
            raise DocumentError(f"{name}: HTML with no article text")
        return Document(name, body, title, day, url)
    return Document(name, text, None, *_header(text))


def _header(text: str) -> tuple[date | None, str | None]:
    """A plain text's date and address, from its first lines: a line that is only a date (2022-11-24, 24.11.2022),
    a line that is only an address (or 'URL: ...')."""
    day = url = None
    for line in text.split("\n")[:5]:
        line = line.strip()
        if url is None and (found := _URL_LINE.match(line)):
            url = found.group(1)
        elif day is None and (found := _DATE_LINE.match(line)):
            numbers = [int(n) for n in found.groups() if n]
            year, month, number = numbers if found.group(1) else numbers[::-1]
            try:
                day = date(year, month, number)
            except ValueError:
                day = None
    return day, url
