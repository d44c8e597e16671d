"""The speed benchmark compares like with like: its three ways of writing each document
(twimlkit, twilio-python, a hand-written join) produce the same TwiML."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable

import pytest
from conftest import REPO

from twimlkit import parse, validate

pytest.importorskip("twilio")
spec = importlib.util.spec_from_file_location(
    "builder_speed", REPO / "benchmarks" / "builder_speed.py"
)
assert spec is not None and spec.loader is not None
builder_speed = importlib.util.module_from_spec(spec)
sys.modules["builder_speed"] = builder_speed
spec.loader.exec_module(builder_speed)


@pytest.mark.parametrize("case", builder_speed.CASES, ids=lambda case: case[0])
def test_the_three_writers_agree(
    case: tuple[str, Callable[[], str], Callable[[], str], Callable[[], str]],
) -> None:
    _, *writers = case
    documents = [writer() for writer in writers]
    assert all(validate(document) == [] for document in documents)
    ours = parse(documents[0])
    assert all(parse(document) == ours for document in documents[1:])
