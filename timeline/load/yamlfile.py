"""YAML read safely: regular files of bounded size, YAML 1.2-style scalars (NO stays 'NO'), dates kept as text,
plain keys, no aliases or exotic tags, and the line of every mapping, key and list item kept for messages."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from timeline.errors import DataError

MAX_BYTES = 8 * 1024 * 1024
"""A data file larger than this is refused (the biggest bundled file is well under 1 MB)."""


class Mapping(dict):
    """A YAML mapping that remembers the line it started on, and each key's line."""

    line: int = 0
    key_lines: dict[object, int]


class Listing(list):
    """A YAML list that remembers the line of each item (an empty item `- ` has no line of its own)."""

    line: int = 0
    item_lines: list[int]


_KEEP = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"}
_REFUSED_TAGS = ("binary", "timestamp", "float", "set", "omap", "pairs")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader without YAML 1.1's yes/no/on/off booleans, sexagesimals, floats or timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEEP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^-?[0-9]+$"), list("-0123456789"))


class _Refused(Exception):
    """A YAML shape the data format does not allow, at a line."""

    def __init__(self, message: str, line: int) -> None:
        self.message, self.line = message, line


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused("a key must be plain text, not a list or a mapping", line)
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise _Refused(f"duplicate key '{key}'", line)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Listing:
    listing = Listing(loader.construct_object(item, deep=True) for item in node.value)
    listing.line = node.start_mark.line + 1
    listing.item_lines = [item.start_mark.line + 1 for item in node.value]
    return listing


LONGEST_NUMBER = 18
"""Digits a whole number of the data may have (years, counts, seats); a longer one is refused before Python is asked
to convert it (more than 4,300 digits is an error there, and nothing in the data needs a huge number)."""


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    """A whole number: ASCII digits with an optional sign, never longer than LONGEST_NUMBER digits."""
    text = str(node.value).strip()
    line = node.start_mark.line + 1
    if not re.fullmatch(r"[-+]?[0-9]+", text, re.ASCII):
        raise _Refused(f"'{text[:40]}' is not a whole number", line)
    if len(text.lstrip("+-")) > LONGEST_NUMBER:
        raise _Refused(f"a number of {len(text.lstrip('+-'))} digits is too long (at most {LONGEST_NUMBER})", line)
    return int(text)


def _construct_bool(loader: _Loader, node: yaml.ScalarNode) -> bool:
    """true or false, and nothing else (not yes, no, on, off or maybe)."""
    text = str(node.value).strip()
    if text.lower() not in ("true", "false"):
        raise _Refused(f"'{text[:40]}' is not true or false", node.start_mark.line + 1)
    return text.lower() == "true"


def _refuse_tag(loader: _Loader, node: yaml.Node) -> None:
    raise _Refused(
        f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed here", node.start_mark.line + 1
    )


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
for _tag in _REFUSED_TAGS:
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)

_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\]},]")


def read_text(path: Path, shown: str) -> str:
    """A data file's text: only a regular file (a link to one is fine) under MAX_BYTES, in UTF-8."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DataError(shown, None, "a link to nothing (the file it points to is gone)") from None
    except OSError as error:
        why = "a symbolic link that loops" if error.errno == errno.ELOOP else (error.strerror or str(error)).lower()
        raise DataError(shown, None, f"cannot be read: {why}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe, socket or device"
        raise DataError(shown, None, f"is {kind}, not a regular file")
    if info.st_size > MAX_BYTES:
        raise DataError(
            shown, None, f"is {info.st_size // 1_000_000} MB: data files must stay under {MAX_BYTES // 1_000_000} MB"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise DataError(shown, None, f"cannot be read: {(error.strerror or str(error)).lower()}") from None
    if len(data) > MAX_BYTES:
        raise DataError(shown, None, f"grew past {MAX_BYTES // 1_000_000} MB while being read")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(shown, None, f"not UTF-8 text ({error.reason} at byte {error.start})") from None


def _alias_line(text: str) -> int | None:
    """The line of the first anchor or alias (&x, *x), which the data format does not use; None if there is none."""
    if not _ANCHOR.search(text):
        return None
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return event.start_mark.line + 1
    return None


def read_yaml(path: Path, shown: str) -> Any:
    """Parse one YAML file; every problem becomes a DataError naming `shown` and, where it can, the line."""
    text = read_text(path, shown)
    try:
        line = _alias_line(text)
        if line is not None:
            raise DataError(shown, line, "anchors and aliases (&name, *name) are not allowed: write the value out")
        return yaml.load(text, Loader=_Loader)
    except _Refused as refused:
        raise DataError(shown, refused.line, refused.message) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = str(error.problem or error.context)
        tag = re.search(r"constructor for the tag '(?:tag:yaml.org,2002:)?([^']*)'", problem)
        message = (
            f"the tag {'!!' if tag and not tag.group(1).startswith('!') else ''}{tag.group(1)} is not allowed here"
            if tag
            else f"YAML syntax: {problem}"
        )
        raise DataError(shown, line, message) from None
    except yaml.YAMLError as error:
        raise DataError(shown, None, f"YAML: {str(error).splitlines()[0]}") from None
    except RecursionError:
        raise DataError(shown, None, "nested too deeply to be data") from None
