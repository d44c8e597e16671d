"""The lint benchmark measures what it says: its trees mix valid and broken TwiML, and it runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONFORMANCE, conformance_documents, load_benchmark

from twimlkit import Severity, validate

lint_speed = load_benchmark("lint_speed")


@pytest.fixture(scope="module")
def documents() -> list[bytes]:
    """The conformance corpus the benchmark reads (in ../shared): the tests that need it are
    skipped without it, as the rest of the suite's are, except in CI, where it must be."""
    found: list[bytes] = lint_speed.sources(CONFORMANCE) if conformance_documents() else []
    if not found:
        pytest.skip("the conformance corpus is missing")
    return found


def test_every_other_file_is_broken_each_way_in_turn(documents: list[bytes]) -> None:
    files = [lint_speed.variant(documents, i) for i in range(2 * len(documents))]
    assert len(set(files)) == len(files)  # no two alike
    broken = [
        i
        for i, data in enumerate(files)
        if any(d.severity is Severity.ERROR for d in validate(data))
    ]
    assert broken == list(range(1, len(files), 2))
    rules = {validate(files[i])[0].rule for i in range(1, 2 * len(lint_speed.BREAKS) + 1, 2)}
    assert {"unknown-element", "unknown-attribute", "not-well-formed"} <= rules


def test_the_corpus_is_written_in_folders_of_a_hundred(
    documents: list[bytes], tmp_path: Path
) -> None:
    tree = lint_speed.write_corpus(tmp_path / "tree", 250, documents)
    assert sorted(p.name for p in tree.iterdir()) == ["part000", "part001", "part002"]
    assert len(list(tree.rglob("*.xml"))) == 250
    assert (tree / "part002" / "doc00249.xml").read_bytes() == lint_speed.variant(documents, 249)


def test_the_benchmark_runs(documents: list[bytes], capsys: pytest.CaptureFixture[str]) -> None:
    assert lint_speed.main(["--quick", "--runs", "1"]) in (0, 1)
    out = capsys.readouterr().out
    assert "twimlkit lint one.xml" in out and "--jobs 1" in out
    assert "differs" not in out and "UNEXPECTED" not in out  # same report, exit 1, every jobs
