"""Where ``twimlkit lint --fix`` writes, and what it shows: the fixed document from standard
input, the file written back as the same file (permissions, owner, hard links, long names),
the diff of a file with CR line endings, and the exit status when a file cannot be fixed; and
what a fix may change: white space around free text, the items of a list, an element's name
where the new name may not stand."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run
from test_cli import installed

import twimlkit
from twimlkit import fix_command, validate
from twimlkit.diagnostic import Applicability

BAD = '<Response><Dial method="post">+15551239876</Dial></Response>'
GOOD = '<Response><Dial method="POST">+15551239876</Dial></Response>'


def test_the_fixed_document_goes_to_standard_output_when_the_report_goes_to_a_file(
    tmp_path: Path,
) -> None:
    done = installed(
        "lint", "--fix", "--output-file", "report.txt", "-", cwd=tmp_path, stdin=BAD.encode()
    )
    assert done.returncode == 0
    assert done.stdout == GOOD.encode()
    assert (tmp_path / "report.txt").read_text() == ""  # nothing remains to report
    left = installed(
        "lint",
        "--fix",
        "--output-file",
        "report.txt",
        "-",
        cwd=tmp_path,
        stdin=BAD.replace("<Dial ", "<Dial timout='5' ").encode(),
    )
    assert left.returncode == 1
    assert left.stdout == GOOD.replace("<Dial ", "<Dial timout='5' ").encode()
    assert "unknown-attribute" in (tmp_path / "report.txt").read_text()


def test_a_read_only_file_is_not_fixed(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("a.xml", BAD)
    path.chmod(0o444)  # no write bit: left alone, by root too
    status, out, err = run(["lint", "--fix", str(path)], capsys)
    assert status == 2
    assert f"twimlkit: error: {path} was not fixed: it is not writable\n" in err
    assert "value-wrong-case" in out
    assert path.read_text() == BAD
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_the_owner_and_group_of_a_fixed_file_are_kept(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("a.xml", BAD)
    os.chown(path, 4321, 8765)
    path.chmod(0o664)
    assert run(["lint", "--fix", str(path)], capsys)[0] == 0
    assert path.read_text() == GOOD
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 8765, 0o664)


def test_a_file_with_hard_links_is_fixed_under_every_name(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("a.xml", BAD)
    other = path.parent / "b.txt"
    os.link(path, other)
    inode = path.stat().st_ino
    assert run(["lint", "--fix", str(path)], capsys)[0] == 0
    assert path.read_text() == GOOD
    assert other.read_text() == GOOD
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2


def test_a_file_with_the_longest_name_is_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / ("a" * (255 - len(".xml")) + ".xml")
    path.write_text(BAD)
    assert run(["lint", "--fix", str(path)], capsys)[:2] == (0, "")
    assert path.read_text() == GOOD
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_diff_of_a_file_with_cr_line_endings(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("a.xml", "<Response>\r<Say>Tom & Jerry</Say>\r</Response>\r")
    status, out, _ = run(["lint", "--diff", str(path)], capsys)
    assert status == 1
    assert out == (
        f"--- {path}\n+++ {path}\n@@ -1,3 +1,3 @@\n <Response>\n-<Say>Tom & Jerry</Say>\n"
        "+<Say>Tom &amp; Jerry</Say>\n </Response>\n"
    )
    assert "\r" not in out
    assert fix_command.unified_diff("a", "x\r\ny\r", "x\r\nz\r") == (
        "--- a\n+++ a\n@@ -1,2 +1,2 @@\n x\r\n-y\n+z\n"
    )


def test_exit_zero_does_not_hide_a_file_that_was_not_fixed(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("a.xml", BAD)
    path.chmod(0o444)
    status, _, err = run(["lint", "--fix", "--exit-zero", str(path)], capsys)
    assert status == 2
    assert "was not fixed" in err
    fixable = write("b.xml", BAD.replace("<Dial ", "<Dial timout='5' "))
    assert run(["lint", "--fix", "--exit-zero", str(fixable)], capsys)[0] == 0


# -- what a fix may change -------------------------------------------------------------------


def test_white_space_around_free_text_is_removed_only_by_an_unsafe_fix() -> None:
    document = (
        '<Response><Connect><Stream name=" my stream " url=" wss://example.com/s">'
        '<Parameter name="k" value=" padded "/></Stream></Connect>'
        '<Dial timeout=" 5" method="POST ">+15551239876</Dial></Response>'
    )
    found = {
        d.message.split(":")[0]: d.fix.applicability
        for d in validate(document)
        if d.rule == "value-whitespace" and d.fix is not None
    }
    assert found == {
        "<Stream> attribute name": Applicability.UNSAFE,
        "<Stream> attribute url": Applicability.SAFE,
        "<Parameter> attribute value": Applicability.UNSAFE,
        "<Dial> attribute timeout": Applicability.SAFE,
        "<Dial> attribute method": Applicability.SAFE,
    }
    assert twimlkit.fix(document).text == (
        '<Response><Connect><Stream name=" my stream " url="wss://example.com/s">'
        '<Parameter name="k" value=" padded "/></Stream></Connect>'
        '<Dial timeout="5" method="POST">+15551239876</Dial></Response>'
    )
    unsafe = twimlkit.fix(document, unsafe=True).text
    assert 'name="my stream"' in unsafe and 'value="padded"' in unsafe


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Speech,DTMF", "separates its items with commas; use spaces and Twilio's case: "),
        ("speech,,dtmf", "separates its items with commas; use spaces, as in "),
        ("speech;dtmf", "separates its items with semicolons; use spaces, as in "),
        ("speech; DTMF", "separates its items with semicolons; use spaces and Twilio's case: "),
    ],
)
def test_a_list_written_with_separators_keeps_every_item(written: str, message: str) -> None:
    document = f'<Response><Gather input="{written}"/></Response>'
    (finding,) = validate(document)
    assert finding.message == (f"<Gather> attribute input: {written!r} {message}'speech dtmf'")
    assert finding.fix is not None and finding.fix.safe
    assert twimlkit.fix(document).text == '<Response><Gather input="speech dtmf"/></Response>'


def test_no_fix_drops_an_item_of_a_list() -> None:
    document = '<Response><Gather input="speech,dtmff"/></Response>'
    (finding,) = validate(document)
    assert finding.fix is None
    assert "did you mean" not in finding.message
    assert not twimlkit.fix(document, unsafe=True).changed


@pytest.mark.parametrize(
    "document",
    [
        "<Response><Gather><Dail>+15551239876</Dail></Gather></Response>",
        "<Response><Say><Sya>Hi</Sya></Say></Response>",
    ],
)
def test_an_element_is_not_renamed_to_one_that_may_not_stand_there(document: str) -> None:
    (finding,) = validate(document)
    assert finding.rule == "unknown-element" and "did you mean" in finding.message
    assert finding.fix is None
    assert not twimlkit.fix(document, unsafe=True).changed


def test_an_element_is_renamed_where_the_new_name_may_stand() -> None:
    document = "<Response><Gather><Sya>Press 1</Sya></Gather></Response>"
    assert twimlkit.fix(document, unsafe=True).text == document.replace("Sya", "Say")
