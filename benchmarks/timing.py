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


def report(rows: list[tuple[str, float]], unit: str, target: float, goal: str) -> int:
    """Print each row's time and its ratio to the first (the floor), then whether the last
    row meets ``target`` times the floor (``goal`` says what the target is); 0 when it does,
    1 when it does not."""
    floor = rows[0][1]
    width = max(len(name) for name, _ in rows) + 2
    for name, micros in rows:
        print(f"{name:<{width}}{micros:8.1f} us/{unit} {micros / floor:6.2f}x")
    ratio = rows[-1][1] / floor
    verdict = "met" if ratio <= target else "MISSED"
    print(f"target: {goal} at most {target:.0f}x {rows[0][0]}: {verdict} ({ratio:.2f}x)")
    return 0 if ratio <= target else 1
