"""YAML read safely: YAML 1.2-style scalars (NO stays 'NO'), dates kept as text, lines kept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from timeline.errors import DataError


class Mapping(dict):
    """A YAML mapping that remembers the line it started on."""

    line: int = 0
    key_lines: dict[object, int]


_KEEP = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader without YAML 1.1's yes/no/on/off booleans, sexagesimals, floats or timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEEP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^-?[0-9]+$"), list("-0123456789"))


class _DuplicateKey(Exception):
    def __init__(self, key: object, line: int) -> None:
        self.key, self.line = key, line


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def read_yaml(path: Path, shown: str) -> Any:
    """Parse one YAML file; syntax errors become a DataError naming `shown` and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataError(shown, None, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except _DuplicateKey as dup:
        raise DataError(shown, dup.line, f"duplicate key '{dup.key}'") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(shown, line, f"YAML syntax: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise DataError(shown, None, f"YAML: {error}") from None
