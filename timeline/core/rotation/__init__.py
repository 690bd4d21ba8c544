"""Rotating offices: rule versions (cadence, pool, order, exceptions) and the engine that resolves them.

- `cadence`: when the office passes (CADENCES: calendar, session)
- `pool`: who takes turns (POOLS: members, seats)
- `order`: whose turn it is (ORDERS: alphabetical, cycle, decided, host)
- `rules`: a rule version and its exceptions (EXCEPTIONS: skip, swap, temporary, resequence, stay)
- `engine`: recorded terms, then exceptions, then the rule -> every term with where it comes from
- `fields`, `kinds`: what every kind shares: typed fields and the registries

A kind is a plug-in: a (frozen dataclass) subclass of Cadence, Pool, Order or RuleException with a `kind`
name and typed `fields` (`fields.Day`, `Member`, `Members`, ...), registered by `@cadence_kind`,
`@pool_kind`, `@order_kind` or `@exception_kind`. The loader reads it, checks what it names, and
docs/rotations.md describes it from those declarations alone; an exception changes the walk through its
hooks (`holds_over`, `reorder`, `passes`, `stand_in`, `misfit`, `passed_turn`), and the engine never asks
which class it has.
"""

from timeline.core.rotation.cadence import CADENCES, cadence_kind
from timeline.core.rotation.context import RotationContext
from timeline.core.rotation.engine import Anomaly, Resolution, RuleProblem, close_open_terms, resolve
from timeline.core.rotation.kinds import Registry
from timeline.core.rotation.order import ORDERS, order_kind
from timeline.core.rotation.pool import POOLS, pool_kind
from timeline.core.rotation.rules import EXCEPTIONS, RotationRule, exception_kind

REGISTRIES: dict[str, Registry] = {"cadence": CADENCES, "pool": POOLS, "order": ORDERS, "exception": EXCEPTIONS}
"""Every registry of kinds, by the part of a rule version it fills (`exception` for each of `exceptions`)."""

__all__ = [
    "CADENCES",
    "EXCEPTIONS",
    "ORDERS",
    "POOLS",
    "REGISTRIES",
    "Anomaly",
    "Resolution",
    "RotationContext",
    "RotationRule",
    "RuleProblem",
    "cadence_kind",
    "close_open_terms",
    "exception_kind",
    "order_kind",
    "pool_kind",
    "resolve",
]
