"""``twimlkit lint`` against hostile and unlucky file systems, streams and configuration:
endless input, special files, folders and files that cannot be read, links, file names that
are not text, a closed or broken standard output, Ctrl-C, and configuration of the wrong
shape. Each says what is wrong, exits with the documented status, and checks everything else.

What could hang runs in a real process with a timeout. Permission bits do not stop root, so
the tests that need "permission denied" run twimlkit as root without the capabilities that
override them; real situations that fail the same way for anyone (a name too long, a loop of
links, a folder deeper than the longest path) cover the same paths as well.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from twimlkit import MAX_DOCUMENT_BYTES, cli
from twimlkit.formatters import json_safe, one_line

Write = Callable[[str, "str | bytes"], Path]

GOOD = "<Response><Say>Hello</Say></Response>"
BAD = '<Response>\n  <Dial recordingTrack="inbund">+15551239876</Dial>\n</Response>'
BAD_SAYS = ":2:9: TK103 [invalid-value] <Dial> attribute recordingTrack: 'inbund' is not one of"
UNCLOSED = b"<Response><Say></Response>"
UNCLOSED_SAYS = (
    ":1:27: TK006 [not-well-formed] not well-formed XML: Opening and ending tag mismatch: Say "
    "line 1 and Response"
)
TOO_LARGE = (
    f"<stdin>:1:1: TK003 [document-too-large] the document is over {MAX_DOCUMENT_BYTES:,} "
    "bytes; twimlkit does not parse it (Twilio refuses TwiML responses over 64 kB)\n"
)
#: Long enough for anything here to finish, short enough that a hang fails the test.
TIMEOUT = 60

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs POSIX file system semantics")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def command() -> list[str]:
    """The installed ``twimlkit`` script beside this Python, or ``python -m twimlkit``."""
    script = shutil.which("twimlkit", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "twimlkit"]


def process(*args: str, **options: Any) -> subprocess.CompletedProcess[bytes]:
    """``twimlkit args`` in a real process that must end within TIMEOUT seconds."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([*command(), *args], timeout=TIMEOUT, check=False, **options)


# -- 5. File names that are not text ---------------------------------------------------------


def _odd_file(folder: Path, name: bytes, content: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(os.path.join(os.fsencode(folder), name), "wb") as file:
            file.write(content)
    except (OSError, ValueError):
        pytest.skip(f"this file system refuses the name {name!r}")


@posix_only
def test_a_name_that_is_not_utf8_in_json(tmp_path: Path, write: Write) -> None:
    _odd_file(tmp_path / "calls", b"caf\xe9-\xff.xml", UNCLOSED)
    write("calls/ok.xml", GOOD)
    done = process("lint", "--format", "json", str(tmp_path / "calls"), cwd=tmp_path)
    assert done.returncode == 1
    (found,) = json.loads(done.stdout.decode("utf-8"))  # strict: the output is UTF-8
    assert found["path"] == f"{tmp_path}/calls/caf\\xe9-\\xff.xml"
    assert found["rule"] == "not-well-formed"


@posix_only
def test_a_name_that_is_not_utf8_in_text(tmp_path: Path) -> None:
    _odd_file(tmp_path / "calls", b"\xff.xml", UNCLOSED)
    done = process("lint", str(tmp_path / "calls"), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode("utf-8") == f"{tmp_path}/calls/\\xff.xml{UNCLOSED_SAYS}\n"


@posix_only
def test_a_newline_in_a_name_cannot_forge_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = b"x.xml:1:1: TK000 [fake] forged\n\x1b[2Jy.xml"
    _odd_file(tmp_path / "calls", forged, UNCLOSED)
    status, out, err = run(["lint", str(tmp_path / "calls")], capsys)
    assert status == 1
    assert out == (
        f"{tmp_path}/calls/x.xml:1:1: TK000 [fake] forged\\n\\x1b[2Jy.xml{UNCLOSED_SAYS}\n"
    )
    assert err == "Found 1 error in 1 file.\n"
    status, out, _ = run(["lint", "--format", "json", str(tmp_path / "calls")], capsys)
    assert json.loads(out)[0]["path"] == f"{tmp_path}/calls/{forged.decode()}"


def test_how_names_are_shown() -> None:
    name = "a\tb\rc\x7f\x85\u2028\udcff\ud800é.xml"
    assert one_line(name) == "a\\tb\\rc\\x7f\\x85\\u2028\\xff\\ud800é.xml"
    assert json_safe(name) == "a\tb\rc\x7f\x85\u2028\\xff\\ud800é.xml"


# -- 7. Configuration of the wrong shape, and selections of nothing ------------------------------


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("tool = 3", "[tool] must be a table, not an integer"),
        ("[tool]\ntwimlkit = 3", "[tool.twimlkit] must be a table, not an integer"),
        ('[tool]\ntwimlkit = "TK1"', "[tool.twimlkit] must be a table, not a string"),
        (
            '[tool.twimlkit]\nselect = "TK1"',
            "[tool.twimlkit] select must be a list of rule names, codes or code prefixes, not "
            'a string (write ["TK1"])',
        ),
        (
            "[tool.twimlkit]\nignore = 3",
            "[tool.twimlkit] ignore must be a list of rule names, codes or code prefixes, not "
            "an integer",
        ),
        (
            "[tool.twimlkit]\nselect = [3]",
            "[tool.twimlkit] select: each entry must be a rule name, code or code prefix as a "
            "string, not an integer",
        ),
        (
            "[tool.twimlkit]\nselect = []",
            "[tool.twimlkit] select is empty: it would turn every check off; name at least one "
            "rule, code or code prefix (or ALL, the default)",
        ),
        (
            '[tool.twimlkit]\nselect = [""]',
            "[tool.twimlkit] select: an empty name; give a rule name, code or code prefix",
        ),
        (
            '[tool.twimlkit]\nignore = [" "]',
            "[tool.twimlkit] ignore: an empty name; give a rule name, code or code prefix",
        ),
        (
            "[tool.twimlkit]\nper-file-ignores = 3",
            "[tool.twimlkit] per-file-ignores must be a table of pattern = [names], not an integer",
        ),
        (
            '[tool.twimlkit]\nper-file-ignores = { "x.xml" = "TK1" }',
            "[tool.twimlkit] per-file-ignores 'x.xml' must be a list of rule names, codes or "
            'code prefixes, not a string (write ["TK1"])',
        ),
        ('[tool.twimlkit]\ncolour = "blue"', "unknown [tool.twimlkit] keys: colour"),
    ],
)
def test_configuration_of_the_wrong_shape(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str], toml: str, says: str
) -> None:
    pyproject = write("pyproject.toml", toml + "\n")
    good = write("ok.xml", GOOD)
    status, out, err = run(["lint", "--config", str(pyproject), str(good)], capsys)
    assert (status, out, err) == (2, "", f"twimlkit: error: {pyproject}: {says}\n")


@pytest.mark.parametrize("names", ["", ",", " , "])
def test_selecting_nothing_is_a_usage_error(
    write: Write, capsys: pytest.CaptureFixture[str], names: str
) -> None:
    bad = write("bad.xml", BAD)
    status, out, err = run(["lint", "--select", names, str(bad)], capsys)
    assert (status, out) == (2, "")
    assert err == (
        "twimlkit: error: --select names no check: it would turn every check off; name at "
        "least one rule, code or code prefix (or ALL, the default)\n"
    )


def test_ignoring_nothing_clears_the_files_ignore(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = write("pyproject.toml", '[tool.twimlkit]\nignore = ["invalid-value"]\n')
    bad = write("bad.xml", BAD)
    assert run(["lint", "--config", str(pyproject), str(bad)], capsys)[:2] == (0, "")
    status, out, _ = run(["lint", "--config", str(pyproject), "--ignore", "", str(bad)], capsys)
    assert status == 1
    assert out.startswith(f"{bad}{BAD_SAYS}")
