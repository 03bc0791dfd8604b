"""Overlap tests against a fixed set of character spans in O(log n) each (a scan of every span per item
made extraction quadratic on texts with many numbers and many dates)."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class Intervals:
    """Half-open spans `(start, end)`; `overlaps(a, b)` is true when some span shares a character with
    `[a, b)`, exactly as `any(s < b and a < e for s, e in spans)`."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the furthest end among the spans up to each index: the spans starting before b reach past a?
        self._reach = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._starts, end)  # spans starting before `end`
        return index > 0 and self._reach[index - 1] > start

    def contains(self, position: int) -> bool:
        """A span holds the character at `position` (`s <= position < e`)."""
        return self.overlaps(position, position + 1)
