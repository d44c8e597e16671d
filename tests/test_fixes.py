"""Fixes: each one proven on a real document, the applier's rules, the command line's
``--fix``, ``--unsafe-fixes`` and ``--diff``, and every check's claim about its fixes.

The real documents are Twilio's published examples, read from the shared conformance corpus
in place. Each test breaks one the way a fix mends, fixes a copy through ``twimlkit lint
--fix``, and asserts that the result lints clean and is byte for byte what it should be: for
a fix that restores what was broken, the published example itself, so that every comment,
every space and every line break outside the edit is kept.
"""

from __future__ import annotations

import codecs
import functools
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CONFORMANCE, conformance_documents, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import twimlkit
from twimlkit import Diagnostic, cli, fix_command, fixer, registry, validate
from twimlkit.diagnostic import Applicability, Edit, Fix

EXAMPLES = CONFORMANCE / "twiml" / "voice"
CREDIT_CARD = EXAMPLES / "pay/prompt/full-example-credit-card/output/full-example-credit-card.xml"
GATHER = EXAMPLES / "gather/gather-3/output/gather-3.twiml"
CONFERENCE = EXAMPLES / "conference/conference-4/output/conference-4.twiml"
DIAL = EXAMPLES / "dial/dial-7/output/dial-7.twiml"
RECORD = EXAMPLES / "record/record-1/output/record-1.twiml"
STREAM = EXAMPLES / "connect/stream/output/connect_stream.twiml"
PAY = EXAMPLES / "pay/pay-parameter/output/pay-parameter.twiml"

needs_corpus = pytest.mark.skipif(
    not CONFORMANCE.is_dir(), reason=f"conformance corpus not found at {CONFORMANCE}"
)


def original(path: Path) -> str:
    text = path.read_bytes().decode("utf-8")
    assert validate(text) == [], f"{path.name} is not clean to start with"
    return text


def broken(text: str, good: str, bad: str, count: int = 1) -> str:
    """``text`` with ``count`` occurrences of ``good`` written as ``bad``."""
    assert text.count(good) >= count, f"{good!r} is not in the document"
    return text.replace(good, bad, count)


def lints_clean(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lint", str(path)], capsys) == (0, "", "No problems found.\n")


# -- each fix, on a real document ------------------------------------------------------------

#: (document, what is written in it, how it is broken, checks that find it, safe?)
BREAKAGES = [
    pytest.param(GATHER, 'method="GET"', 'method="get"', "value-wrong-case", True, id="case"),
    pytest.param(
        CREDIT_CARD,
        'paymentMethod="credit-card"',
        'paymentMethod="Credit-Card"',
        "value-wrong-case",
        True,
        id="case-among-comments",
    ),
    pytest.param(
        CONFERENCE,
        'statusCallbackEvent="start end join leave mute hold"',
        'statusCallbackEvent="start,end, join,leave,mute,hold"',
        "invalid-value",
        True,
        id="commas",
    ),
    pytest.param(
        GATHER,
        'action="/process_gather.php"',
        'action=" /process_gather.php\t"',
        "value-whitespace",
        True,
        id="white-space",
    ),
    pytest.param(RECORD, 'timeout="10"', 'timeout="10.0"', "number-not-whole", True, id="whole"),
    pytest.param(
        CREDIT_CARD,
        'errorType="timeout"',
        'errorTyp="timeout"',
        "unknown-attribute",
        False,
        id="attribute-name",
    ),
    pytest.param(
        RECORD, 'transcribe="true"', 'transcribe="ture"', "invalid-value", False, id="value"
    ),
    pytest.param(GATHER, "Say>", "Sya>", "unknown-element", False, id="element-name"),
    pytest.param(
        RECORD,
        'timeout="10"',
        'timeout="10"\n            recordingTrack="inbound"',
        "recording-track-unsupported",
        True,
        id="track-that-does-nothing",
    ),
    pytest.param(
        DIAL,
        'record="record-from-answer"',
        'record="do-not-record"',
        "recording-track-without-record",
        False,
        id="track-without-record",
    ),
    pytest.param(STREAM, 'url="wss:', 'url="ws:', "websocket-url-not-wss", False, id="wss"),
    pytest.param(PAY, 'action="https:', 'action="http:', "pay-action-not-https", False, id="https"),
]


@needs_corpus
@pytest.mark.parametrize(("document", "good", "bad", "rule", "safe"), BREAKAGES)
def test_a_fix_restores_the_published_document(
    document: Path,
    good: str,
    bad: str,
    rule: str,
    safe: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = original(document)
    count = 2 if good == "Say>" else 1  # an element's start and end tags
    copy = tmp_path / document.name
    copy.write_bytes(broken(text, good, bad, count).encode())
    found = validate(copy)
    assert [d.rule for d in found] == [rule]
    assert found[0].fix is not None and found[0].fix.safe is safe
    if not safe:  # not applied without --unsafe-fixes
        _, _, err = run(["lint", "--fix", str(copy)], capsys)
        assert err.startswith("Nothing fixed.\n")
        assert copy.read_text() == broken(text, good, bad, count)
    flags = ["--fix"] if safe else ["--fix", "--unsafe-fixes"]
    status, out, err = run(["lint", *flags, str(copy)], capsys)
    assert (status, out) == (0, "")
    assert err == "Fixed 1 problem in 1 file.\nNo problems found.\n"
    assert copy.read_bytes() == text.encode()
    lints_clean(copy, capsys)
    # Idempotent: fixing again changes nothing more.
    status, _, err = run(["lint", *flags, str(copy)], capsys)
    assert status == 0 and err.startswith("Nothing fixed.\n")
    assert copy.read_bytes() == text.encode()


@needs_corpus
def test_a_wrong_case_track_then_the_ignored_channel_are_fixed_in_two_rounds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = original(DIAL)
    bad = broken(
        broken(text, 'record="record-from-answer"', 'record="record-from-answer-dual"'),
        'recordingTrack="inbound"',
        'recordingTrack="Inbound"',
    )
    copy = tmp_path / "dial.twiml"
    copy.write_text(bad)
    assert [d.rule for d in validate(copy)] == ["value-wrong-case"]
    status, _, err = run(["lint", "--fix", str(copy)], capsys)
    assert status == 0
    assert err == "Fixed 2 problems in 1 file.\nNo problems found.\n"
    assert copy.read_text() == text
    result = twimlkit.fix(bad)
    assert (result.rounds, [d.rule for d in result.applied]) == (
        2,
        ["value-wrong-case", "dual-channel-ignored"],
    )


def test_the_ignored_channel_setting_of_a_recording_is_fixed() -> None:
    document = (
        "<Response>\n  <Start>\n    <!-- agent side only -->\n"
        '    <Recording channels="dual" track="outbound" />\n  </Start>\n  <Say>Hi</Say>\n'
        "</Response>\n"
    )
    found = validate(document)
    assert [d.rule for d in found] == ["dual-channel-ignored"]
    result = twimlkit.fix(document)
    assert result.text == document.replace('channels="dual"', 'channels="mono"')
    assert result.diagnostics == []


@needs_corpus
def test_line_endings_and_byte_order_mark_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = original(CREDIT_CARD).replace("\n", "\r\n")
    good = codecs.BOM_UTF8 + text.encode()
    bad = broken(text, 'for="security-code"', 'for="Security-Code"', 6)
    copy = tmp_path / "card.xml"
    copy.write_bytes(codecs.BOM_UTF8 + bad.encode())
    status, _, err = run(["lint", "--fix", str(copy)], capsys)
    assert status == 0 and err.startswith("Fixed 6 problems in 1 file.\n")
    assert copy.read_bytes() == good
    lints_clean(copy, capsys)


@needs_corpus
def test_the_mode_of_a_fixed_file_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "gather.twiml"
    copy.write_text(broken(original(GATHER), 'method="GET"', 'method="get"'))
    copy.chmod(0o640)
    assert run(["lint", "--fix", str(copy)], capsys)[0] == 0
    assert stat.S_IMODE(copy.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["gather.twiml"]  # no temporary file left


# -- --diff ----------------------------------------------------------------------------------


@needs_corpus
def test_diff_shows_what_would_change_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = broken(original(GATHER), 'method="GET"', 'method="get"')
    copy = tmp_path / "gather.twiml"
    copy.write_text(bad)
    status, out, err = run(["lint", "--diff", str(copy)], capsys)
    assert status == 1
    assert out == (
        f"--- {copy}\n+++ {copy}\n@@ -1,7 +1,7 @@\n"
        ' <?xml version="1.0" encoding="UTF-8"?>\n'
        " <!-- page located at http://example.com/complex_gather.xml -->\n"
        " <Response>\n"
        '-    <Gather action="/process_gather.php" method="get">\n'
        '+    <Gather action="/process_gather.php" method="GET">\n'
        "         <Say>\n"
        "             Please enter your account number,\n"
        "             followed by the pound sign\n"
    )
    assert err == "Would fix 1 problem in 1 file; no problems would remain.\n"
    assert copy.read_text() == bad


def test_diff_exits_one_while_a_problem_remains_and_zero_when_none(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    clean = write("clean.xml", "<Response><Say>Hi</Say></Response>")
    assert run(["lint", "--diff", str(clean)], capsys) == (
        0,
        "",
        "Nothing to fix; no problems found.\n",
    )
    unfixable = write("empty.xml", "<Response><Dial><Number></Number></Dial></Response>")
    status, out, err = run(["lint", "--diff", str(unfixable)], capsys)
    assert (status, out) == (1, "")
    assert err == (
        "Nothing to fix; found 1 error in 1 file (twimlkit lint without --diff lists it).\n"
    )
    warning = write("warning.xml", "<Response><Say/></Response>")
    assert run(["lint", "--diff", str(warning)], capsys)[:2] == (1, "")
    assert run(["lint", str(warning)], capsys)[0] == 0  # lint itself passes on a warning
    unsafe_only = write("typo.xml", '<Response><Dial timout="5">+15551239876</Dial></Response>')
    status, out, _ = run(["lint", "--diff", str(unsafe_only)], capsys)
    assert (status, out) == (1, "")
    status, out, _ = run(["lint", "--diff", "--unsafe-fixes", str(unsafe_only)], capsys)
    assert status == 1 and '+<Response><Dial timeout="5">' in out
    assert out.endswith("\n\\ No newline at end of file\n")


MIXED = (
    "<Response>\n"
    '  <Dial method="post" timout="5">+15551239876</Dial>\n'
    "  <Dial><Number></Number></Dial>\n"
    "</Response>\n"
)


def test_the_summary_of_a_diff_agrees_with_the_diff_and_the_exit_status(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """One safe fix, one unsafe, one finding that no fix mends: the diff shows the safe one,
    and the summary says what it mends, what would remain and how to see it, and what
    --unsafe-fixes would mend besides."""
    path = write("mixed.xml", MIXED)
    status, out, err = run(["lint", "--diff", str(path)], capsys)
    assert status == 1
    assert '+  <Dial method="POST" timout="5">' in out
    assert err == (
        "Would fix 1 problem in 1 file; 2 errors would remain in 1 file (twimlkit lint without "
        "--diff lists them).\n1 fixable with --diff --unsafe-fixes.\n"
    )
    status, out, err = run(["lint", "--diff", "--unsafe-fixes", str(path)], capsys)
    assert status == 1 and 'timeout="5"' in out
    assert err == (
        "Would fix 2 problems in 1 file; 1 error would remain in 1 file (twimlkit lint "
        "without --diff lists it).\n"
    )
    assert run(["lint", "--diff", "-q", str(path)], capsys)[0::2] == (1, "")
    assert path.read_text() == MIXED


@pytest.mark.parametrize("option", ["--fix", "--diff"])
@pytest.mark.parametrize("format_name", ["full", "concise"])
def test_after_fixing_the_summary_says_what_unsafe_fixes_would_mend(
    write: Callable[[str, str], Path],
    capsys: pytest.CaptureFixture[str],
    option: str,
    format_name: str,
) -> None:
    path = write("typo.xml", '<Response><Dial timout="5">+15551239876</Dial></Response>\n')
    status, _, err = run(["lint", option, "--output-format", format_name, str(path)], capsys)
    assert status == 1
    assert err.endswith(f"\n1 fixable with {option} --unsafe-fixes.\n")
    if option == "--fix":  # a report for programs in a file: the summary is on stderr too
        report = path.parent / "report.json"
        argv = ["lint", option, "--output-format", "json", "--output-file", str(report)]
        status, _, err = run([*argv, str(path)], capsys)
        assert status == 1 and json.loads(report.read_text())[0]["rule"] == "unknown-attribute"
        assert err.endswith("\n1 fixable with --fix --unsafe-fixes.\n")


@pytest.mark.parametrize(
    "options",
    [
        ["--output-format", "json"],
        ["--format", "json-lines"],
        ["--output-format", "sarif"],
        ["--output-format", "github"],
        ["--output-format", "gitlab"],
        ["--statistics"],
    ],
)
def test_diff_with_a_report_for_programs_is_a_usage_error(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    path = write("mixed.xml", MIXED)
    status, out, err = run(["lint", "--diff", *options, str(path)], capsys)
    assert (status, out) == (2, "")
    assert err.startswith("twimlkit: error: --diff prints a diff, not a report")
    # The formats for people are what --diff is read in.
    for format_name in ("full", "concise"):
        assert run(["lint", "--diff", "--output-format", format_name, str(path)], capsys)[0] == 1
    assert path.read_text() == MIXED


# -- the command line around the fixes -------------------------------------------------------


def test_lint_says_how_many_findings_fix_would_mend(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("a.xml", '<Response><Dial method="post" timout="5">+15551239876</Dial></Response>')
    status, _, err = run(["lint", str(path)], capsys)
    assert status == 1
    assert err.endswith("1 fixable with --fix (1 more with --fix --unsafe-fixes).\n")
    _, _, err = run(["lint", "--unsafe-fixes", str(path)], capsys)
    assert err.endswith("2 fixable with --fix --unsafe-fixes.\n")
    assert "--" not in run(["lint", str(write("b.xml", "<Response><Say/></Response>"))], capsys)[2]


def test_fix_reports_what_remains(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("a.xml", '<Response><Dial method="post" timout="5">+15551239876</Dial></Response>')
    status, out, err = run(["lint", "--fix", str(path)], capsys)
    assert status == 1
    assert out == (
        f"{path}:1:31: error TK102 [unknown-attribute] <Dial> has no attribute 'timout'; did you "
        "mean 'timeout'?\n"
    )
    assert err == (
        "Fixed 1 problem in 1 file.\nFound 1 error in 1 file.\n"
        "1 fixable with --fix --unsafe-fixes.\n"
    )


def test_fix_on_standard_input_writes_the_document_to_standard_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    document = '<Response>\r\n  <Dial method="post">+15551239876</Dial>\r\n</Response>\r\n'

    class Stdin:
        buffer = io.BytesIO(document.encode())

    class Stdout(io.TextIOWrapper):
        pass

    out = io.BytesIO()
    monkeypatch.setattr("sys.stdin", Stdin())
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(out, encoding="utf-8"))
    status = cli.main(["lint", "--fix", "-"])
    err = capsys.readouterr().err
    assert status == 0
    assert out.getvalue() == document.replace("post", "POST").encode()
    assert err == "Fixed 1 problem in 1 file.\nNo problems found.\n"


def test_templates_are_not_fixed(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    template = '<Response><Dial method="post">{{ number }}</Dial></Response>'
    path = write("call.xml.j2", template)
    status, out, err = run(["lint", "--fix", str(path)], capsys)
    assert status == 0  # a warning
    assert "value-wrong-case" in out
    assert f"twimlkit: {path} is a template; templates are not fixed, only checked\n" in err
    assert path.read_text() == template


def test_a_file_changed_while_it_was_fixed_is_not_overwritten(
    write: Callable[[str, str], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write("a.xml", '<Response><Dial method="post">+15551239876</Dial></Response>')
    meanwhile = '<Response><Dial method="get">+15551239876</Dial></Response>'
    real_fix = twimlkit.fix

    def fix_while_someone_writes(*args: object, **kwargs: object) -> fixer.FixResult:
        result = real_fix(*args, **kwargs)  # type: ignore[arg-type]
        path.write_text(meanwhile)
        return result

    monkeypatch.setattr(fix_command, "fix", fix_while_someone_writes)
    status, _, err = run(["lint", "--fix", str(path)], capsys)
    assert status == 2
    assert (
        f"twimlkit: error: {path} was not fixed: it changed on disk while it was being fixed; "
        "run twimlkit again\n"
    ) in err
    assert path.read_text() == meanwhile
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.xml"]


def test_a_file_that_cannot_be_written_is_reported(
    write: Callable[[str, str], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = '<Response><Dial method="post">+15551239876</Dial></Response>'
    path = write("a.xml", document)

    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    status, out, err = run(["lint", "--fix", str(path)], capsys)
    assert status == 2
    assert f"twimlkit: error: {path} was not fixed: cannot write it: Permission denied\n" in err
    assert "value-wrong-case" in out  # the finding is still there, and reported
    assert path.read_text() == document
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.xml"]


def test_a_link_is_fixed_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "real.xml"
    target.write_text('<Response><Dial method="post">+15551239876</Dial></Response>')
    link = tmp_path / "link.xml"
    link.symlink_to(target)
    assert run(["lint", "--fix", str(link)], capsys)[0] == 0
    assert link.is_symlink()
    assert target.read_text() == '<Response><Dial method="POST">+15551239876</Dial></Response>'


# -- the applier -----------------------------------------------------------------------------


def _finding(line: int, column: int, end: tuple[int, int], replacement: str) -> Diagnostic:
    check = registry.find("not-well-formed")
    assert check is not None
    edit = Edit(line, column, *end, replacement)
    return check.at(None, line, column, "mend", fix=Fix("mend", (edit,)))


def test_any_fix_given_is_applied_where_it_points() -> None:
    text = "<Response>\r\n  <Say>Tom & Jerry</Say>\r\n</Response>\r\n"
    fixed, applied = fixer.apply_fixes(text, [_finding(2, 12, (2, 13), "&amp;")])
    assert fixed == text.replace("& ", "&amp; ")
    assert len(applied) == 1


def test_overlapping_fixes_wait_for_the_next_round() -> None:
    text = "abcdef"
    first, second, third = (
        _finding(1, 2, (1, 4), "X"),
        _finding(1, 3, (1, 5), "Y"),
        _finding(1, 5, (1, 6), "Z"),
    )
    fixed, applied = fixer.apply_fixes(text, [third, second, first])
    assert fixed == "aXdZf"
    assert applied == [first, third]


def test_an_edit_outside_the_text_is_not_applied() -> None:
    text = "<Response/>\n"
    for finding in (_finding(3, 1, (3, 2), "x"), _finding(1, 20, (1, 21), "x")):
        assert fixer.apply_fixes(text, [finding]) == (text, [])


def test_unsafe_fixes_only_when_asked() -> None:
    text = "abc"
    edit = Edit(1, 1, 1, 2, "X")
    check = registry.find("unknown-element")
    assert check is not None
    unsafe = check.at(None, 1, 1, "m", fix=Fix("m", (edit,), Applicability.UNSAFE))
    assert fixer.apply_fixes(text, [unsafe]) == (text, [])
    assert fixer.apply_fixes(text, [unsafe], unsafe=True) == ("Xbc", [unsafe])


@needs_corpus
def test_the_parse_steps_fixes_mend_every_bare_ampersand_in_one_round() -> None:
    # The parse step reports each bare & before the first other mistake, each with its fix.
    text = original(CREDIT_CARD)
    bad = text.replace("Two digits for the month and two", "Two digits for the month & two")
    assert bad.count("& ") == 3
    found = validate(bad)
    assert [d.rule for d in found] == ["unescaped-ampersand"] * 3
    assert all(d.fix is not None and d.fix.safe for d in found)
    result = twimlkit.fix(bad)
    assert result.text == text.replace("month and two", "month &amp; two")
    assert (result.rounds, len(result.applied), result.diagnostics) == (1, 3, [])


def _validate_with_a_bad_fix(source: str, **options: object) -> list[Diagnostic]:
    """validate(), but every finding's fix would leave a document that does not parse."""
    found = validate(source, **options)  # type: ignore[arg-type]
    return [replace(d, fix=Fix("break", (Edit(1, 1, 1, 1, "<"),))) for d in found]


def test_a_round_that_would_break_the_document_is_not_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = '<Response><Dial method="post">+15551239876</Dial></Response>'

    monkeypatch.setattr(fixer, "validate", _validate_with_a_bad_fix)
    result = twimlkit.fix(document)
    assert result.text == document and not result.changed
    assert result.problem is not None and "cannot be read" in result.problem


def test_fix_from_python() -> None:
    source = '<Response><Dial method="post" timout="5">+15551239876</Dial></Response>'
    result = twimlkit.fix(source)
    assert result.text == source.replace("post", "POST")
    assert [d.rule for d in result.applied] == ["value-wrong-case"]
    assert [d.rule for d in result.diagnostics] == ["unknown-attribute"]
    assert result.diagnostics == validate(result.text)
    assert twimlkit.fix(source, unsafe=True).text == source.replace("post", "POST").replace(
        "timout", "timeout"
    )
    assert (
        twimlkit.fix(source.encode(), unsafe=True).data
        == twimlkit.fix(source, unsafe=True).text.encode()
    )
    with pytest.raises(ValueError, match="kind"):
        twimlkit.fix(source, kind="fax")  # type: ignore[arg-type]


def test_fix_leaves_what_cannot_be_read_as_it_is(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin.xml"
    latin1.write_bytes(b"<Response><Say>caf\xe9</Say></Response>")
    result = twimlkit.fix(latin1)
    assert not result.changed and [d.rule for d in result.diagnostics] == ["not-utf8"]
    assert [d.rule for d in twimlkit.fix(tmp_path / "missing.xml").diagnostics] == [
        "unreadable-file"
    ]


def test_padding_written_as_references_is_kept_as_references() -> None:
    document = '<Response><Dial method="&#32;post">+15551239876</Dial></Response>'
    assert [d.rule for d in validate(document)] == ["value-wrong-case", "value-whitespace"]
    result = twimlkit.fix(document)
    assert result.text == '<Response><Dial method="POST">+15551239876</Dial></Response>'
    quoted = "<Response><Dial method='po&#115;t'>+15551239876</Dial></Response>"
    assert (
        twimlkit.fix(quoted).text == "<Response><Dial method='POST'>+15551239876</Dial></Response>"
    )


def test_an_element_is_renamed_in_its_end_tag_too() -> None:
    document = "<Respone>\n  <Say>Hi</Say>\n</Respone  >\n"
    result = twimlkit.fix(document, unsafe=True)
    assert result.text == "<Response>\n  <Say>Hi</Say>\n</Response  >\n"
    assert result.diagnostics == []


# -- no fix for a valid document, and every check's claim ------------------------------------


@needs_corpus
@pytest.mark.parametrize("path", conformance_documents(), ids=lambda p: p.name)
def test_no_fix_is_offered_on_a_published_example(path: Path) -> None:
    found = validate(path)
    assert all(d.fix is None for d in found)
    result = twimlkit.fix(path, unsafe=True)
    assert not result.changed and result.applied == () and result.problem is None


@needs_corpus
def test_fix_on_standard_input_through_the_installed_command(tmp_path: Path) -> None:
    from test_cli import installed

    text = original(CREDIT_CARD).replace("\n", "\r\n")
    bad = (
        codecs.BOM_UTF8 + broken(text, 'for="expiration-date"', 'for="EXPIRATION-DATE"', 3).encode()
    )
    done = installed("lint", "--fix", "-", cwd=tmp_path, stdin=bad)
    assert done.returncode == 0
    assert done.stdout == codecs.BOM_UTF8 + text.encode()
    assert done.stderr.decode() == "Fixed 3 problems in 1 file.\nNo problems found.\n"
    diff = installed("lint", "--diff", "-", cwd=tmp_path, stdin=bad)
    assert diff.returncode == 1
    assert diff.stdout.decode().count('\n+    <Prompt for="expiration-date"') == 3


def test_fixing_twice_changes_nothing_more() -> None:
    from test_fix_claims import corpus

    for document in corpus():
        for unsafe in (False, True):
            once = twimlkit.fix(document, unsafe=unsafe)
            assert once.problem is None, document
            again = twimlkit.fix(once.text, unsafe=unsafe)
            assert not again.changed and again.applied == (), document
            assert once.diagnostics == again.diagnostics


def test_findings_turned_off_are_not_fixed(
    write: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    suppressed = (
        "<Response>\n  <!-- twimlkit: disable=value-wrong-case -->\n"
        '  <Dial method="post">+15551239876</Dial>\n</Response>\n'
    )
    assert not twimlkit.fix(suppressed).changed
    document = '<Response><Dial method="post" timeout="5.0">+15551239876</Dial></Response>'
    path = write("a.xml", document)
    status, out, err = run(["lint", "--fix", "--ignore", "value-wrong-case", str(path)], capsys)
    assert (status, out) == (0, "")
    assert err == "Fixed 1 problem in 1 file.\nNo problems found.\n"
    assert path.read_text() == document.replace("5.0", "5")


def test_a_broken_round_is_caught_even_when_parse_errors_are_ignored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = '<Response><Dial method="post">+15551239876</Dial></Response>'

    def without_parse_errors(found: list[Diagnostic]) -> list[Diagnostic]:
        return [d for d in found if d.rule != "not-well-formed"]

    monkeypatch.setattr(fixer, "validate", _validate_with_a_bad_fix)
    result = twimlkit.fix(document, select=without_parse_errors)
    assert not result.changed and result.problem is not None


# -- any document: fixing ends, keeps comments, and what remains is what validate() says ----

_TAGS = ["Response", "Respone", "Dial", "Number", "Numbr", "Sya", "Say", "Record", "Start",
         "Recording", "Stream", "Pay", "Conference", "Gather"]  # fmt: skip
_ATTRIBUTES = ["method", "timeout", "timout", "recordingTrack", "record", "channels", "track",
               "statusCallbackEvent", "url", "action", "Method"]  # fmt: skip
_VALUES = ["post", "POST", "Get", "5.0", " 5 ", "inbound", "Inbound", "inbund", "dual",
           "record-from-answer-dual", "do-not-record", "initiated,ringing", "initiated, Ringing",
           "ws://a.example/x", "http://a.example/&amp;", "p&#79;st", "&#32;post"]  # fmt: skip
_TEXTS = ["", "hi", "<!-- keep -->", "\r\n  ", "<!-- twimlkit: disable=value-wrong-case -->"]


def _soup(depth: int) -> st.SearchStrategy[str]:
    children = st.lists(_soup(depth - 1), max_size=3) if depth else st.just([])
    return st.builds(
        lambda tag, attrs, kids, text, quote: (
            f"<{tag}"
            + "".join(f" {name}={quote}{value}{quote}" for name, value in attrs.items())
            + f">{text}{''.join(kids)}</{tag}>"
        ),
        st.sampled_from(_TAGS),
        st.dictionaries(st.sampled_from(_ATTRIBUTES), st.sampled_from(_VALUES), max_size=3),
        children,
        st.sampled_from(_TEXTS),
        st.sampled_from(['"', "'"]),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_soup(3))
def test_fixing_any_document(document: str) -> None:
    for unsafe in (False, True):
        result = twimlkit.fix(document, unsafe=unsafe)
        assert result.problem is None
        assert result.diagnostics == validate(result.text)
        assert all(unsafe or (d.fix is not None and d.fix.safe) for d in result.applied)
        assert re.findall("<!--.*?-->", result.text) == re.findall("<!--.*?-->", document)
        # It still parses: no finding of the input (a bare & included).
        assert not any(d.code < "TK008" or d.code == "TK009" for d in result.diagnostics)
        again = twimlkit.fix(result.text, unsafe=unsafe)
        assert not again.changed


def test_reaching_the_bound_on_rounds_is_reported_and_fails_the_run(
    write: Callable[[str, str], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = (
        '<Response><Dial record="record-from-answer-dual" recordingTrack="Inbound">'
        "+15551239876</Dial></Response>"
    )
    path = write("a.xml", document)
    one_round = functools.partial(twimlkit.fix, max_rounds=1)
    monkeypatch.setattr(fix_command, "fix", one_round)
    status, out, err = run(["lint", "--fix", str(path)], capsys)
    assert status == 2
    assert "dual-channel-ignored" in out
    assert (
        f"twimlkit: error: {path}: stopped after 1 round of fixes with fixes still to apply\n"
        in err
    )
    assert path.read_text() == document.replace("Inbound", "inbound")


def test_a_file_name_cannot_forge_a_line_of_the_diff() -> None:
    diff = fix_command.unified_diff("a\n+++ b.xml", "<A/>\n", "<B/>\n")
    assert diff.splitlines()[:2] == ["--- a\\n+++ b.xml", "+++ a\\n+++ b.xml"]


def test_each_file_is_fixed_with_its_own_settings(
    write: Callable[[str, str], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = '<Response><Dial method="post" timeout="5.0">+15551239876</Dial></Response>'
    strict = write("strict/a.xml", document)
    loose = write("loose/a.xml", document)
    write("loose/twimlkit.toml", 'ignore = ["value-wrong-case"]\n')
    monkeypatch.chdir(strict.parent.parent)
    status, out, err = run(["lint", "--fix", "--output-format", "json", "strict", "loose"], capsys)
    assert (status, out) == (0, "[]\n")
    assert err == ""  # json: no summary
    assert strict.read_text() == document.replace("post", "POST").replace("5.0", "5")
    assert loose.read_text() == document.replace("5.0", "5")


def test_fixes_that_clash_are_applied_one_at_a_time() -> None:
    # Each misspelling alone would be renamed to paymentMethod; both at once would write the
    # attribute twice, which is not XML. The first is renamed, the second keeps its finding.
    document = '<Response><Pay method="ach-debit" Method="ach-debit"></Pay></Response>'
    result = twimlkit.fix(document, unsafe=True)
    assert result.problem is None
    assert result.text.count("paymentMethod=") == 1
    assert result.diagnostics == validate(result.text)
    assert any(d.rule == "unknown-attribute" for d in result.diagnostics)
