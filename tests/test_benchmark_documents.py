"""The speed benchmark compares like with like: its three ways of writing each document
(twimlkit, twilio-python, a hand-written join) produce the same TwiML."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import load_benchmark

from twimlkit import parse, validate

pytest.importorskip("twilio")
builder_speed = load_benchmark("builder_speed")


@pytest.mark.parametrize("case", builder_speed.CASES, ids=lambda case: case[0])
def test_the_three_writers_agree(
    case: tuple[str, Callable[[], str], Callable[[], str], Callable[[], str]],
) -> None:
    _, *writers = case
    documents = [writer() for writer in writers]
    assert all(validate(document) == [] for document in documents)
    ours = parse(documents[0])
    assert all(parse(document) == ours for document in documents[1:])
