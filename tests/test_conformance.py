"""Twilio's own published TwiML examples are valid TwiML: twimlkit must accept every one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONFORMANCE, EXAMPLES, conformance_documents

from twimlkit import validate
from twimlkit.document import read_document
from twimlkit.schema import detect_kind

DOCUMENTS = conformance_documents()


def test_the_whole_corpus_is_there() -> None:
    if not DOCUMENTS:
        pytest.skip(f"conformance corpus not found at {CONFORMANCE}")
    assert len(DOCUMENTS) == 194


@pytest.mark.parametrize(
    "document", DOCUMENTS, ids=[str(p.relative_to(CONFORMANCE)) for p in DOCUMENTS]
)
def test_twilio_example_is_accepted(document: Path) -> None:
    assert validate(document) == []


def test_corpus_covers_both_kinds() -> None:
    if not DOCUMENTS:
        pytest.skip("conformance corpus not found")
    kinds = {detect_kind(read_document(document).root) for document in DOCUMENTS}
    assert kinds == {"voice", "messaging"}


@pytest.mark.parametrize("example", sorted(EXAMPLES.rglob("*.xml")), ids=lambda p: p.name)
def test_project_examples_are_valid(example: Path) -> None:
    assert validate(example) == []
