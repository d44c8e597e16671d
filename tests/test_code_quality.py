"""The code base stays clean: ruff's lint and format checks, and mypy --strict."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "twimlkit", "tests", "tools", "benchmarks"),
        ("ruff", "format", "--check", "twimlkit", "tests", "tools", "benchmarks"),
    ],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff(command: tuple[str, ...]) -> None:
    pytest.importorskip("ruff")
    done = run(*command)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict() -> None:
    pytest.importorskip("mypy")
    done = run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
