"""No line of ``full`` or ``concise`` output, on standard output or standard error, begins with
``::``: GitHub Actions runs such a line of a job's log as a workflow command (``::add-mask::``,
``::stop-commands::``), and concise is the default in CI, so a committed file's name must not
be able to write one."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from conftest import Write, run

BAD = '<Response><Dial recordingTrack="inbund">+15551239876</Dial></Response>'


@pytest.fixture(autouse=True)
def _inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("name", ["::add-mask::x.xml", " ::stop-commands::end.xml"])
@pytest.mark.parametrize("output", ["concise", "full"])
def test_a_path_never_starts_a_workflow_command(
    name: str, output: str, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write(name, BAD)
    status, out, _ = run(["lint", "--output-format", output, name], capsys)
    assert status == 1
    headline = f"./{name}:1:17: error TK103 [invalid-value] <Dial> attribute recordingTrack"
    assert out.startswith(headline)
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]


def test_a_path_on_standard_error_never_starts_a_workflow_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(BAD.encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    argv = ["lint", "--fix", "--output-format", "concise", "--stdin-filename", "::add-mask::x.xml"]
    status, out, err = run([*argv, "-"], capsys)
    assert (status, out) == (1, BAD)  # the document, with nothing safe to fix; the report aside
    assert err.startswith("./::add-mask::x.xml:1:17: error TK103 [invalid-value]")
    assert not [line for line in err.splitlines() if line.lstrip().startswith("::")]
