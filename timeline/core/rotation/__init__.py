"""Rotating offices: rule versions (cadence, pool, order, exceptions) and the engine that resolves them.

- `cadence`: when the office passes (CADENCES: calendar, session)
- `pool`: who takes turns (POOLS: members, seats)
- `order`: whose turn it is (ORDERS: alphabetical, cycle, decided, host)
- `rules`: a rule version and its exceptions (EXCEPTIONS: skip, swap, temporary, resequence)
- `engine`: recorded terms, then exceptions, then the rule -> every term with where it comes from
"""

from timeline.core.rotation.context import RotationContext
from timeline.core.rotation.engine import Anomaly, Resolution, RuleProblem, close_open_terms, resolve
from timeline.core.rotation.rules import RotationRule

__all__ = [
    "Anomaly",
    "Resolution",
    "RotationContext",
    "RotationRule",
    "RuleProblem",
    "close_open_terms",
    "resolve",
]
