"""``twimlkit lint``: output formats, exit statuses and file discovery."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, Write, run

GOOD = "<Response><Say>Hello</Say></Response>"
BAD = '<Response>\n  <Dial recordingTrack="inbund">+15551239876</Dial>\n</Response>'


def test_clean_files_exit_zero(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("ok.xml", GOOD)
    assert run(["lint", str(path)], capsys) == (0, "", "No problems found.\n")


def test_text_format(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("calls/bad.xml", BAD)
    status, out, err = run(["lint", str(path)], capsys)
    assert status == 1
    assert out == (
        f"{path}:2:9: error TK103 [invalid-value] <Dial> attribute recordingTrack: 'inbund' is not"
        " one of inbound, outbound, both; did you mean 'inbound'?\n"
    )
    assert err == "Found 1 error in 1 file.\n"


def test_json_format_is_only_json(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write("bad.xml", BAD)
    good = write("good.xml", GOOD)
    status, out, err = run(["lint", "--format", "json", str(bad), str(good)], capsys)
    assert status == 1
    assert err == ""
    assert json.loads(out) == [
        {
            "path": str(bad),
            "line": 2,
            "column": 9,
            "end_line": 2,
            "end_column": 32,
            "code": "TK103",
            "rule": "invalid-value",
            "severity": "error",
            "message": "<Dial> attribute recordingTrack: 'inbund' is not one of inbound, "
            "outbound, both; did you mean 'inbound'?",
            "fix": {
                "description": "write 'inbound'",
                "applicability": "unsafe",
                "edits": [
                    {
                        "line": 2,
                        "column": 25,
                        "end_line": 2,
                        "end_column": 31,
                        "replacement": "inbound",
                    }
                ],
            },
        }
    ]


def test_json_format_with_nothing_found(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["lint", "--format", "json", str(write("a.xml", GOOD))], capsys)
    assert (status, json.loads(out)) == (0, [])


def test_folders_are_searched_for_twiml(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("a/one.xml", BAD)
    write("a/b/two.twiml", BAD)
    write("a/notes.txt", BAD)
    write("a/.hidden/three.xml", BAD)
    status, out, _ = run(["lint", "--format", "json", str(tmp_path / "a")], capsys)
    assert status == 1
    assert [Path(d["path"]).name for d in json.loads(out)] == ["one.xml", "two.twiml"]


def test_a_named_file_is_linted_whatever_its_suffix(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["lint", str(write("response.txt", BAD))], capsys)[0] == 1


def installed(
    *args: str, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the console script that pip installed beside this Python (or ``python -m
    twimlkit`` when there is none), in ``cwd``, away from the source tree."""
    script = shutil.which("twimlkit", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "twimlkit"]
    return subprocess.run([*command, *args], input=stdin, capture_output=True, cwd=cwd, check=False)


def test_standard_input(tmp_path: Path) -> None:
    done = installed("lint", "-", cwd=tmp_path, stdin=BAD.encode())
    assert done.returncode == 1
    assert done.stdout.decode().startswith("<stdin>:2:9: error TK103 [invalid-value] <Dial> ")
    assert done.stderr.decode() == "Found 1 error in 1 file.\n"


def test_standard_input_beside_files(tmp_path: Path, write: Write) -> None:
    path = write("ok.xml", GOOD)
    done = installed("lint", "--format", "json", "-", str(path), cwd=tmp_path, stdin=b"")
    assert done.returncode == 1
    assert [(d["path"], d["rule"]) for d in json.loads(done.stdout)] == [
        ("<stdin>", "empty-document")
    ]


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["lint", str(tmp_path / "missing.xml")], capsys)
    assert (status, out) == (2, "")
    assert "no such file or directory" in err


@pytest.mark.parametrize(
    "argv", [[], ["lint"], ["lint", "--format", "xml", "x.xml"], ["frobnicate"]]
)
def test_bad_command_lines_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv, capsys)[0] == 2


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["lint", "--bogus", "x.xml"], "unrecognized arguments: --bogus"),
        (["lint", "x.xml", "--bogus=1", "-z"], "unrecognized arguments: --bogus=1 -z"),
        (["lint"], "the following arguments are required: PATH"),
        (["lint", "--jobs", "0", "x.xml"], "argument --jobs: expected a number of processes"),
        (["rule", "say", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_a_command_s_usage_error_shows_that_command_s_usage(
    argv: list[str], error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(argv, capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"usage: twimlkit {argv[0]} [-h]")
    assert err.splitlines()[-1].startswith(f"twimlkit {argv[0]}: error: {error}")


def test_an_unknown_option_before_the_command_shows_the_general_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = run(["--bogus", "lint", "x.xml"], capsys)
    assert status == 2
    assert err.startswith("usage: twimlkit [-h] [--version] COMMAND ...")
    assert err.splitlines()[-1] == "twimlkit: error: unrecognized arguments: --bogus"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["--version"], capsys)
    assert status == 0
    assert out.startswith("twimlkit ")


def test_kind_option_forces_messaging(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("sms.xml", GOOD)
    assert run(["lint", str(path)], capsys)[0] == 0
    assert run(["lint", "--kind", "messaging", str(path)], capsys)[0] == 1


def test_strict_fails_on_warnings(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    # A <Say> with no text is a warning (empty-say), and nothing else is wrong.
    path = write("quiet.xml", "<Response>\n  <Say></Say>\n</Response>")
    status, out, err = run(["lint", str(path)], capsys)
    assert (status, out) == (
        0,
        f"{path}:2:3: warning TK213 [empty-say] <Say> has no text: the caller hears nothing\n",
    )
    assert err == "Found 1 warning in 1 file.\n"
    assert run(["lint", "--strict", str(path)], capsys)[0] == 1
    assert run(["lint", "--strict", str(write("ok.xml", GOOD))], capsys)[0] == 0


def test_quiet_drops_the_summary(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lint", "-q", str(write("ok.xml", GOOD))], capsys) == (0, "", "")


def test_installed_command_lints_the_examples(tmp_path: Path) -> None:
    done = installed("lint", str(EXAMPLES), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, b"")
    assert done.stderr == b"No problems found.\n"


def test_lint_imports_nothing_heavy(tmp_path: Path) -> None:
    # examples/flask_app holds a template, which brings jinja2 in: only the plain files here.
    plain = [str(EXAMPLES / "voice"), str(EXAMPLES / "messaging")]
    probe = (
        "import sys\n"
        "from twimlkit.cli import main\n"
        f"main(['lint', '-q', *{plain!r}])\n"
        "heavy = {'jinja2', 'xmlschema', 'twilio', 'flask', 'hypothesis', 'jsonschema'}\n"
        "heavy &= set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert done.stdout == "[]\n"
