"""Shared test helpers: where the repository and the shared conformance corpus are."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CONFORMANCE = SHARED / "conformance" / "twilio-api-snippets"
EXAMPLES = REPO / "examples"


def conformance_documents() -> list[Path]:
    """Every TwiML document of Twilio's published examples, read in place from shared/."""
    if not CONFORMANCE.is_dir():
        if os.environ.get("CI"):
            raise RuntimeError(f"the conformance corpus is missing: {CONFORMANCE}")
        return []
    return sorted(p for p in CONFORMANCE.rglob("*") if p.suffix in (".xml", ".twiml"))


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under a temporary folder and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return _write


def growth(small: str | bytes, large: str | bytes, *, runs: int = 5, least: float = 0.02) -> float:
    """How many times as long ``validate()`` takes on ``large`` as on ``small``.

    Each is timed the best of ``runs``, the two in turn, so that a machine busy with other
    work slows both alike; each timing validates its document as many times as ``small``
    needs to last ``least`` seconds, so that a short one can be measured."""
    from twimlkit import validate

    validate(small)  # warm up: schemas, the schema model and caches are not the shape's cost
    start = time.perf_counter()
    validate(small)
    repeat = max(1, math.ceil(least / max(time.perf_counter() - start, 1e-6)))
    best = [float("inf"), float("inf")]
    for _ in range(runs):
        for index, document in enumerate((small, large)):
            start = time.perf_counter()
            for _ in range(repeat):
                validate(document)
            best[index] = min(best[index], time.perf_counter() - start)
    return best[1] / best[0]
