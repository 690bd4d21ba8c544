"""timeline: the governance calendar of international organisations.

The public API never imports plotly, icalendar or typer::

    import timeline
    tl = timeline.load()                      # the bundled data (CSTO)
    [c.member.name for c in tl.chairs("2023")]

Its names are imported on first use, so that `import timeline.cli` (a query answered from the answers cache,
`timeline.cli.answers`) defines neither the model nor the rotation machinery.
"""

from __future__ import annotations

import importlib
import sys
import types

_WHERE = {
    "Duration": "timeline.core.dates",
    "PartialDate": "timeline.core.dates",
    "Period": "timeline.core.dates",
    "Event": "timeline.core.model",
    "Office": "timeline.core.model",
    "Person": "timeline.core.model",
    "Term": "timeline.core.model",
    "Organisation": "timeline.core.organisation",
    "Chairmanship": "timeline.core.query",
    "Timeline": "timeline.core.query",
    "DataError": "timeline.errors",
    "DataErrors": "timeline.errors",
    "QueryError": "timeline.errors",
    "TimelineError": "timeline.errors",
    "load": "timeline.load",
    "load_all": "timeline.load",
    "load_many": "timeline.load",
}
"""Each public name and the module that defines it."""

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


class _Package(types.ModuleType):
    """The package, whose name `load` stays the function when the subpackage `timeline.load` is imported (as it
    was when this module imported the function at once)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _WHERE and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
