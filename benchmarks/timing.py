"""What the benchmarks share: the best time of several passes over the same inputs."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def best_per_item(work: Callable[[T], object], items: Sequence[T], runs: int) -> float:
    """The best time of ``runs`` passes of ``work`` over every item, per item, in
    microseconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for item in items:
            work(item)
        best = min(best, time.perf_counter() - start)
    return best / len(items) * 1e6
