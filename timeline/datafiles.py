"""Which files of a data folder are data: the names the loader reads, refuses (a near-miss of an expected name) or
ignores (an editor's own files), one rule for the loader, the load cache, the answers cache and --watch (standard
library and timeline.errors only: the answers cache and a build that renders nothing read it without importing the
loader); and which folders of a data folder are organisations."""

from __future__ import annotations

import os
from pathlib import Path

# file-name kind -> (what one entry is called, name of its parser in timeline.load.parse)
KINDS = {
    "sources": "source", "members": "member", "bodies": "body", "offices": "office", "people": "person",
    "places": "place", "groups": "group", "terms": "term", "events": "event", "rotations": "rotation",
}  # fmt: skip
ORG_FILE = "organisation.yaml"


EDITOR_FILES = (".", "#"), ("~", ".swp", ".swo", ".swx", ".tmp", ".bak", "#")
"""How an editor's own files begin and end (a hidden file or Emacs lock `.#x.yaml`, `#x.yaml#`, a backup `x.yaml~`,
Vim's `.x.yaml.swp`): ignored by the loader, the load cache and --watch alike."""


def is_editor_file(name: str) -> bool:
    """True for an editor's temporary, lock or backup file, which is never data."""
    return name.startswith(EDITOR_FILES[0]) or name.endswith(EDITOR_FILES[1])


def expected_name(name: str) -> str | None:
    """The name a file that looks like YAML data should have: organisation.yaml for Organization.yml, people.yaml
    for people.YAML; None for a file that is not YAML (a README is not data)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix.lower() not in ("yaml", "yml"):
        return None
    stem = stem.lower().replace("organization", "organisation")
    if stem == ORG_FILE.removesuffix(".yaml"):
        return ORG_FILE
    return f"{stem}.{suffix.lower()}"


def data_files(folder: Path) -> list[Path]:
    """The files of an organisation folder the loader reads or refuses (every YAML-looking name but editors' files),
    in order: what the loader, the load cache's key and --watch all look at."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return sorted(p for p in entries if not is_editor_file(p.name) and expected_name(p.name))


def kind_of(path: Path) -> str | None:
    """The kind of facts a file holds, from its name: terms.yaml or terms-heads-of-state.yaml."""
    return next((k for k in KINDS if path.stem == k or path.stem.startswith(k + "-")), None)


def shown_path(path: Path) -> str:
    """A path as the user should see it in messages: relative to the working directory when inside it."""
    try:
        return (
            os.path.relpath(os.path.abspath(path))
            if os.path.abspath(path).startswith(os.getcwd() + os.sep)
            else str(path)
        )
    except ValueError:  # another drive (Windows)
        return str(path)


def organisation_dirs(data_dir: Path) -> list[Path]:
    """The folders of data_dir that hold an organisation. A folder that cannot be read, or that looks like an
    organisation's but lacks organisation.yaml (a near-miss name such as organisation.yml, or data files only), is an
    error: an organisation never silently drops out of the site."""
    from timeline.errors import DataError, DataErrors  # here: the answers cache imports this module, not them

    if not data_dir.is_dir():
        raise DataError(shown_path(data_dir), None, "no such data folder", "pass --data DIR or set TIMELINE_DATA")
    found, errors = [], []
    for folder in sorted(_entries(data_dir, errors)):
        if is_editor_file(folder.name) or not folder.is_dir():
            continue
        names = [p.name for p in _entries(folder, errors)]
        if ORG_FILE in names:
            found.append(folder)
            continue
        near = [n for n in names if expected_name(n) == ORG_FILE]
        if near:
            errors.append(DataError(shown_path(folder / near[0]), None, f"name it {ORG_FILE}"))
        elif any(kind_of(Path(n)) and expected_name(n) for n in names):
            errors.append(DataError(shown_path(folder), None, f"has data files but no {ORG_FILE}"))
    if errors:
        raise DataErrors(errors)
    if not found:
        raise DataError(shown_path(data_dir), None, f"no organisation folder (a folder with {ORG_FILE}) inside")
    return found


def _entries(folder: Path, errors: list[Exception]) -> list[Path]:
    """The entries of a folder; an error when it cannot be read."""
    from timeline.errors import DataError

    try:
        return list(folder.iterdir())
    except OSError as error:
        why = (error.strerror or str(error)).lower()
        errors.append(DataError(shown_path(folder), None, f"cannot be read: {why}"))
        return []
