"""An interval index: which items' half-open spans overlap a span, in O(log n + k), for terms and events.

The items are sorted by start; an implicit segment tree over that order keeps the latest end of each block. A
query takes the items starting before the span ends (a bisection) and walks the tree, skipping every block whose
latest end comes before the span starts: what is left overlaps. Items come back in start order.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")
OPEN = date.max
"""The end of a span that has none (still running)."""


class IntervalIndex(Generic[T]):
    """Items with half-open [start, end) spans, for overlap queries; built once, read many times."""

    def __init__(self, items: Sequence[T], span: Callable[[T], tuple[date, date | None]]) -> None:
        spans = [(_bounds(span(item)), position, item) for position, item in enumerate(items)]
        keyed = [(start, end, position, item) for (start, end), position, item in spans if end > start]
        keyed.sort(key=lambda k: (k[0], k[2]))  # by start, then as given
        self._starts = [start for start, _, _, _ in keyed]
        self._ends = [end for _, end, _, _ in keyed]
        self._items = [item for _, _, _, item in keyed]
        size = 1
        while size < max(1, len(keyed)):
            size *= 2
        self._size = size
        self._latest = [date.min] * (2 * size)
        self._latest[size : size + len(keyed)] = self._ends
        for node in range(size - 1, 0, -1):
            self._latest[node] = max(self._latest[2 * node], self._latest[2 * node + 1])

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, start: date, end: date | None) -> list[T]:
        """The items whose span shares a day with [start, end) (end None: to the end of time), by start."""
        if end is not None and end <= start:
            return []
        stop = bisect.bisect_left(self._starts, end) if end is not None else len(self._starts)
        found: list[int] = []
        self._collect(1, 0, self._size, stop, start, found)
        return [self._items[i] for i in found]

    def containing(self, day: date) -> list[T]:
        """The items whose span contains a day."""
        stop = bisect.bisect_right(self._starts, day)
        found: list[int] = []
        self._collect(1, 0, self._size, stop, day, found)
        return [self._items[i] for i in found]

    def _collect(self, node: int, low: int, high: int, stop: int, after: date, found: list[int]) -> None:
        """Positions in [low, high) below `stop` whose end is after `after`, in order."""
        if low >= stop or self._latest[node] <= after:
            return
        if high - low == 1:
            found.append(low)
            return
        middle = (low + high) // 2
        self._collect(2 * node, low, middle, stop, after, found)
        self._collect(2 * node + 1, middle, high, stop, after, found)


def _bounds(span: tuple[date, date | None]) -> tuple[date, date]:
    start, end = span
    return start, end if end is not None else OPEN
