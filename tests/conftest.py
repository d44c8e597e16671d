"""Shared test helpers: where the repository and the shared conformance corpus are."""

from __future__ import annotations

import os
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
