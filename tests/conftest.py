"""Shared test helpers: where the repository and the shared conformance corpus are."""

from __future__ import annotations

import importlib.util
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

# The suite is the same run to run: property tests draw the same examples each time, so that a
# run (CI's included) passes or fails for what the code does, not for the examples it drew.
# HYPOTHESIS_PROFILE=explore draws new examples each run, to hunt for bugs.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

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


#: The type of the ``write`` fixture: write a file below the test's folder, get its path.
Write = Callable[[str, "str | bytes"], Path]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``twimlkit`` run in this process with ``argv``: its exit status, stdout and stderr."""
    from twimlkit import cli

    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


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


def growth(
    small: str | bytes,
    large: str | bytes,
    *,
    runs: int = 5,
    least: float = 0.02,
    work: Callable[[str | bytes], object] | None = None,
) -> float:
    """How many times as long ``validate()`` (or ``work``) takes on ``large`` as on ``small``.

    Each is timed the best of ``runs``, the two in turn, so that a machine busy with other
    work slows both alike; each timing validates its document as many times as ``small``
    needs to last ``least`` seconds, so that a short one can be measured."""
    from twimlkit import validate as checked

    validate = checked if work is None else work
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


# -- what Twilio posts to a recording status callback, for the tests that read one ------------

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
CALL_SID = "CA" + "fedcba9876543210" * 2
RECORDING_SID = "RE" + "00112233445566778899aabbccddeeff"
RECORDING_URL = (
    f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{RECORDING_SID}"
)

#: A recording status callback for a <Dial> recording of the inbound track, completed.
COMPLETED_RECORDING = {
    "AccountSid": ACCOUNT_SID,
    "CallSid": CALL_SID,
    "RecordingSid": RECORDING_SID,
    "RecordingUrl": RECORDING_URL,
    "RecordingStatus": "completed",
    "RecordingDuration": "42",
    "RecordingChannels": "1",
    "RecordingStartTime": "Tue, 10 Mar 2026 15:04:05 +0000",
    "RecordingSource": "DialVerb",
    "RecordingTrack": "inbound",
    "ErrorCode": "0",
    "ApiVersion": "2010-04-01",  # read by nobody: ignored
}


def recording_form(**changes: str | None) -> dict[str, str]:
    """:data:`COMPLETED_RECORDING` with ``changes``; a change to ``None`` leaves the key out."""
    fields: dict[str, str | None] = {**COMPLETED_RECORDING, **changes}
    return {key: value for key, value in fields.items() if value is not None}


def load_benchmark(name: str) -> ModuleType:
    """The script ``benchmarks/NAME.py`` as a module, for tests that check what it measures
    (the benchmarks import what they share from beside themselves, as when they are run)."""
    folder = str(REPO / "benchmarks")
    if folder not in sys.path:
        sys.path.append(folder)
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
