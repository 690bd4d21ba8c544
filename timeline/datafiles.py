"""Which files of a data folder are data: the names the loader reads, refuses (a near-miss of an expected name) or
ignores (an editor's own files), one rule for the loader, the load cache, the answers cache and --watch (standard
library only: the answers cache reads it without importing the loader)."""

from __future__ import annotations

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
