"""The hostile corpus (``tests/hostile/``): files an attacker or an unlucky user might hand to
twimlkit, each with what twimlkit must say about it (``expected.toml``), through the library
and through the command line, in process and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from twimlkit import MAX_DOCUMENT_BYTES, Severity, cli, validate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CORPUS = Path(__file__).parent / "hostile"
EXPECTED: dict[str, Any] = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
FILES: dict[str, list[dict[str, Any]]] = {
    name: entry["findings"] for name, entry in EXPECTED["files"].items()
}
NEVER: list[str] = EXPECTED["never"]


def test_every_file_has_an_expectation_and_every_expectation_a_file() -> None:
    on_disk = {path.name for path in CORPUS.glob("*.xml")}
    assert on_disk == set(FILES)


def _never_leaked(output: str) -> None:
    for text in NEVER:
        assert text not in output, f"{text!r} appeared in the output"


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_library_says_what_is_expected(name: str) -> None:
    found = validate(CORPUS / name)
    got = [(d.rule, [d.line, d.column]) for d in found]
    assert got == [(f["rule"], f["at"]) for f in FILES[name]]
    for diagnostic, expected in zip(found, FILES[name], strict=True):
        assert expected["says"] in diagnostic.message
        assert diagnostic.path == str(CORPUS / name)
    _never_leaked(repr(found))


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_command_line_says_what_is_expected(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["lint", "--format", "json", str(CORPUS / name)])
    out, err = capsys.readouterr()
    reported = json.loads(out)
    assert [(d["rule"], [d["line"], d["column"]]) for d in reported] == [
        (f["rule"], f["at"]) for f in FILES[name]
    ]
    errors = [d for d in reported if d["severity"] == Severity.ERROR.value]
    assert status == (1 if errors else 0)
    assert err == ""
    _never_leaked(out)


def test_the_whole_corpus_through_a_real_process() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "twimlkit", "lint", str(CORPUS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    with_findings = sorted(name for name, findings in FILES.items() if findings)
    named = sorted({Path(line.split(":", 1)[0]).name for line in run.stdout.splitlines()})
    assert named == with_findings
    assert len(run.stdout.splitlines()) == sum(len(f) for f in FILES.values())
    _never_leaked(run.stdout + run.stderr)


def test_a_file_over_the_cap_through_the_library_and_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Generated, not kept in the corpus: a megabyte of <Say> elements.
    big = tmp_path / "big.xml"
    say = b"<Say>Hello there.</Say>"
    big.write_bytes(b"<Response>" + say * (MAX_DOCUMENT_BYTES // len(say) + 1) + b"</Response>")
    assert [d.rule for d in validate(big)] == ["document-too-large"]
    assert cli.main(["lint", str(big)]) == 1
    out, _ = capsys.readouterr()
    assert out == (
        f"{big}:1:1: error TK003 [document-too-large] the document is over {MAX_DOCUMENT_BYTES:,} "
        "bytes; twimlkit does not parse it (Twilio refuses TwiML responses over 64 kB)\n"
    )
