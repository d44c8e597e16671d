"""Which files ``twimlkit lint`` checks (include, exclude, ``.gitignore``, files that are
plainly not TwiML, ``--force-exclude``) and the exit status when nothing is checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from twimlkit import cli
from twimlkit.files import root_element

Write = Callable[[str, "str | bytes"], Path]

GOOD = "<Response><Say>Hello</Say></Response>"
BAD = '<Response><Dial recordingTrack="inbund">+15551239876</Dial></Response>'


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def linted(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    """The files with findings when ``folder`` is linted from inside it."""
    os.chdir(folder)
    status, out, _ = run(["lint", "--format", "json", *extra, "."], capsys)
    assert status in (0, 1)
    return sorted({d["path"].removeprefix("./") for d in json.loads(out)})


@pytest.fixture(autouse=True)
def _back_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(os.getcwd())  # the tests chdir; this puts the folder back


def test_folders_that_tools_made_are_not_searched(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ["calls", "venv", ".venv", "node_modules", "build", "dist", ".idea", ".tox"]:
        write(f"{folder}/bad.xml", BAD)
    write("x.egg-info/bad.xml", BAD)
    write("lib/python3.12/site-packages/pkg/bad.xml", BAD)
    assert linted(tmp_path, capsys) == ["calls/bad.xml"]


def test_extensions_are_matched_in_any_case(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("A.XML", BAD)
    write("b.TwiML", BAD)
    write("c.Xml.J2", BAD)
    write("d.xml.txt", BAD)
    assert linted(tmp_path, capsys) == ["A.XML", "b.TwiML", "c.Xml.J2"]


def test_exclude_and_extend_exclude(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ["calls/a.xml", "fixtures/b.xml", "calls/old/c.xml", "venv/d.xml"]:
        write(name, BAD)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.twimlkit]\nextend-exclude = ["fixtures/", "old"]\n')
    assert linted(tmp_path, capsys) == ["calls/a.xml"]
    # exclude replaces the default list: venv/ is searched again.
    config.write_text('[tool.twimlkit]\nexclude = ["fixtures/"]\n')
    assert linted(tmp_path, capsys) == ["calls/a.xml", "calls/old/c.xml", "venv/d.xml"]
    # The command line's --exclude replaces, --extend-exclude adds.
    assert linted(tmp_path, capsys, "--exclude", "calls/") == ["fixtures/b.xml", "venv/d.xml"]
    assert linted(tmp_path, capsys, "--extend-exclude", "venv/,/calls/old/") == ["calls/a.xml"]


def test_include(tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    write("calls/a.xml", BAD)
    write("calls/b.tml", BAD)
    write("pom/c.xml", BAD)
    (tmp_path / "twimlkit.toml").write_text('include = ["calls/*"]\n')
    assert linted(tmp_path, capsys) == ["calls/a.xml", "calls/b.tml"]
    assert linted(tmp_path, capsys, "--include", "*.tml") == ["calls/b.tml"]


def test_patterns_are_relative_to_the_file_that_sets_them(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("svc/twimlkit.toml", 'extend-exclude = ["/legacy/"]\n')
    write("svc/legacy/a.xml", BAD)
    write("legacy/b.xml", BAD)  # above svc: its pattern does not reach here
    assert linted(tmp_path, capsys) == ["legacy/b.xml"]


def test_gitignore_is_respected(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("private.xml\n")
    write(".gitignore", "generated/\n*.out.xml\n")
    write("svc/.gitignore", "!keep.out.xml\nlocal/\n")
    for name in [
        "a.xml",
        "private.xml",
        "generated/b.xml",
        "c.out.xml",
        "svc/keep.out.xml",
        "svc/other.out.xml",
        "svc/local/d.xml",
        "svc/e.xml",
    ]:
        write(name, BAD)
    expected = ["a.xml", "svc/e.xml", "svc/keep.out.xml"]
    assert linted(tmp_path, capsys) == expected
    # Walking a folder below still reads the ignore files above it, up to the repository.
    os.chdir(tmp_path / "svc")
    _, out, _ = run(["lint", "--format", "json", "."], capsys)
    assert sorted(d["path"] for d in json.loads(out)) == ["e.xml", "keep.out.xml"]
    everything = linted(tmp_path, capsys, "--no-respect-gitignore")
    assert len(everything) == 8
    write("twimlkit.toml", "respect-gitignore = false\n")
    assert linted(tmp_path, capsys) == everything
    assert linted(tmp_path, capsys, "--respect-gitignore") == expected


def test_a_file_named_is_checked_even_if_ignored_or_excluded(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write(".gitignore", "generated/\n")
    write("twimlkit.toml", 'extend-exclude = ["legacy/"]\n')
    named = [write(name, BAD) for name in ["generated/a.xml", "legacy/b.xml", "venv/c.xml"]]
    status, out, _ = run(["lint", "--format", "json", *map(str, named)], capsys)
    assert (status, len(json.loads(out))) == (1, 3)


def test_force_exclude_applies_exclude_to_the_files_named(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # pre-commit names .idea/misc.xml; with --force-exclude it is passed over.
    misc = write(".idea/misc.xml", '<project version="4"/>')
    legacy = write("legacy/b.xml", BAD)
    write("twimlkit.toml", 'extend-exclude = ["legacy/"]\n')
    os.chdir(tmp_path)
    status, out, err = run(["lint", "--force-exclude", ".idea/misc.xml", "legacy/b.xml"], capsys)
    assert (status, out) == (0, "")
    assert err == "twimlkit: nothing to check: every path named is excluded by the configuration\n"
    assert run(["lint", str(misc)], capsys)[0] == 1
    bad = write("calls/bad.xml", BAD)
    status, out, _ = run(["lint", "--force-exclude", str(legacy), str(bad)], capsys)
    assert status == 1
    assert out.startswith(f"{bad}:1:")


def test_a_folder_without_twiml_is_an_error(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write("calls/ok.xml", GOOD)
    write("docs/notes.txt", "not TwiML")
    status, out, err = run(["lint", str(good), str(tmp_path / "docs")], capsys)
    assert (status, out) == (2, "")
    assert f"twimlkit: error: nothing to check in {tmp_path / 'docs'}: " in err
    assert "No problems found" not in err
    # Findings elsewhere are still reported.
    bad = write("calls/bad.xml", BAD)
    status, out, _ = run(["lint", str(bad), str(tmp_path / "docs")], capsys)
    assert status == 2
    assert out.startswith(f"{bad}:1:")


def test_a_folder_that_holds_only_excluded_files_is_an_error(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("venv/a.xml", GOOD)
    status, _, err = run(["lint", str(tmp_path)], capsys)
    assert status == 2
    assert "nothing to check" in err


def test_xml_that_is_plainly_not_twiml_is_passed_over_in_a_walk(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("coverage.xml", '<?xml version="1.0" ?>\n<!-- made by coverage.py -->\n<coverage/>')
    write("pom.xml", '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"/>')
    write("mod.xml", "<!DOCTYPE module [<!ENTITY x 'y'>]>\n<module/>")
    write("typo.xml", "<Respone><Say>Hi</Say></Respone>")
    write("lower.xml", "<response><Say>Hi</Say></response>")
    write("verb.xml", "<Say>Hi</Say>")
    os.chdir(tmp_path)
    status, out, err = run(["lint", "."], capsys)
    assert status == 1
    assert err.splitlines()[:3] == [
        "twimlkit: skipped coverage.xml: its root element <coverage> is not TwiML",
        "twimlkit: skipped mod.xml: its root element <module> is not TwiML",
        "twimlkit: skipped pom.xml: its root element <project> is not TwiML",
    ]
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["lower.xml", "typo.xml", "verb.xml"]
    assert "did you mean <Response>?" in lines[1]
    assert "wrap the verbs in <Response>" in lines[2]
    # Named, it is checked.
    assert run(["lint", "coverage.xml"], capsys)[0] == 1


#: Roots that a walk passes over, and near misses of TwiML that it checks.
NOT_TWIML = ["coverage", "project", "module", "svg", "html", "root", "configuration", "rss"]
NEAR_MISSES = ["Resp", "Respone", "RESPONSE", "Responses", "Gathr", "Sya", "dail", "Mesage"]


def test_a_walk_checks_a_near_miss_of_any_twiml_name_and_passes_over_the_rest(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [*NOT_TWIML, *NEAR_MISSES]:
        write(f"{name}.xml", f"<{name}><Say>Hi</Say></{name}>")
    os.chdir(tmp_path)
    status, out, err = run(["lint", "."], capsys)
    assert status == 1
    assert sorted(err.splitlines()[:-1]) == sorted(
        f"twimlkit: skipped {name}.xml: its root element <{name}> is not TwiML"
        for name in NOT_TWIML
    )
    found = {line.split(":")[0]: line for line in out.splitlines()}
    assert sorted(found) == sorted(f"{name}.xml" for name in NEAR_MISSES)
    # Each is told what it is a near miss of, as the walk took it to be.
    assert all("invalid-root" in line and "did you mean <" in line for line in found.values())
    assert found["Gathr.xml"].endswith("did you mean <Gather>, inside <Response>?")
    assert found["Resp.xml"].endswith("did you mean <Response>?")


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"<Response/>", "Response"),
        (b"\xef\xbb\xbf<?xml version='1.0'?>\r\n<Response>", "Response"),
        (b"<!-- a -- b --><!---->\n<coverage ", "coverage"),
        (b"<!DOCTYPE x [ <!ELEMENT x ANY> ]>\n<x>", "x"),
        (b"<twiml:Response xmlns:twiml='u'>", "twiml:Response"),
        (b"", None),
        (b"Hello", None),
        (b"<!-- never closed", None),
        (b"<Respo", None),  # cut off by the head's end
        (b"< Response>", None),
    ],
)
def test_root_element(head: bytes, name: str | None) -> None:
    assert root_element(head) == name


def test_a_one_file_lint_does_not_import_pathspec(tmp_path: Path, write: Write) -> None:
    path = write("ok.xml", GOOD)
    probe = (
        "import sys\n"
        "from twimlkit.cli import main\n"
        f"main(['lint', '-q', {str(path)!r}])\n"
        "print('pathspec' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert done.stdout == "False\n"


def test_a_folder_named_is_searched_even_if_excluded(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("build/calls/a.xml", BAD)
    write("build/venv/b.xml", BAD)
    write("build/.gitignore", "ignored.xml\n")
    write("build/ignored.xml", BAD)
    os.chdir(tmp_path)
    status, out, _ = run(["lint", "--format", "json", "build"], capsys)
    assert status == 1
    assert sorted(d["path"] for d in json.loads(out)) == ["build/calls/a.xml", "build/venv/b.xml"]
    status, out, err = run(["lint", "--force-exclude", "build"], capsys)
    assert (status, out) == (0, "")
    assert "every path named is excluded" in err
