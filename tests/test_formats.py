"""The output formats of ``twimlkit lint`` against what reads them: SARIF against SARIF's
schema and what GitHub code scanning needs, workflow commands against GitHub's syntax and
escaping, GitLab's required fields; the ``full`` format's source lines on hostile text; and
the options that choose a report (colour, files, statistics, exit status, standard input)."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SHARED, Write, run

from twimlkit import MAX_DOCUMENT_BYTES, registry
from twimlkit.diagnostic import Diagnostic, Severity
from twimlkit.formats import CHECKS_DOCS_URL, FORMATS, Report, emit, github
from twimlkit.formats.full import MAX_SHOWN, shown
from twimlkit.formats.options import use_color
from twimlkit.formats.source import SourceFiles

BAD = (
    '<Response>\n  <Dial recordingTrack="inbund">+15551239876</Dial>\n  <Say></Say>\n</Response>\n'
)
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def twimlkit(*args: str, cwd: Path, **options: Any) -> subprocess.CompletedProcess[bytes]:
    """``twimlkit args`` in a real process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "twimlkit", *args],
        cwd=cwd,
        capture_output=True,
        timeout=120,
        check=False,
        **options,
    )


# -- SARIF ------------------------------------------------------------------------------------


def validate_sarif(log: dict[str, Any]) -> None:
    if not SARIF_SCHEMA.is_file():
        if os.environ.get("CI"):
            raise RuntimeError(f"the SARIF schema is missing: {SARIF_SCHEMA}")
        pytest.skip("the SARIF schema is not beside the clone")
    from jsonschema.validators import validator_for

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validator_for(schema)
    validator.check_schema(schema)
    validator(schema).validate(log)


#: RFC 3986: what a URI reference may hold, a percent sign only before two hex digits.
URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})+")


def sarif_of(
    paths: list[str], cwd: Path, capsys: pytest.CaptureFixture[str], *more: str
) -> dict[str, Any]:
    here = os.getcwd()
    os.chdir(cwd)
    try:
        out = run(["lint", "--output-format", "sarif", *more, *paths], capsys)[1]
    finally:
        os.chdir(here)
    log: dict[str, Any] = json.loads(out)
    return log


@pytest.fixture
def odd_name(tmp_path: Path) -> str:
    """A file whose name holds a newline, a colon, a comma, a percent sign and a byte that is
    not UTF-8, with a finding in it."""
    name = b"calls/odd \n:,%\xff.xml"
    (tmp_path / "calls").mkdir(exist_ok=True)
    try:
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as file:
            file.write(BAD.encode())
    except (OSError, ValueError):
        pytest.skip("this file system refuses such a name")
    return os.fsdecode(name)


def test_sarif_validates_against_the_schema(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str], odd_name: str
) -> None:
    write("calls/bad.xml", BAD)
    write("calls/broken.xml", "<Response><Say>&</Say></Response>")
    log = sarif_of(["calls", "-"], tmp_path, capsys)
    validate_sarif(log)
    (run_,) = log["runs"]
    assert log["version"] == "2.1.0"
    # broken.xml's bare & is unescaped-ampersand (TK009), XML that does not parse.
    assert {r["ruleId"] for r in run_["results"]} >= {"TK103", "TK213", "TK009"}
    # With nothing found, the report is still a valid log: an upload then closes old alerts.
    write("ok/good.xml", "<Response/>")
    empty = sarif_of(["ok"], tmp_path, capsys)
    validate_sarif(empty)
    assert empty["runs"][0]["results"] == []


def test_the_golden_sarif_report_validates_too() -> None:
    # It has a file outside the root, standard input and a name with control characters.
    validate_sarif(json.loads((REPO / "tests" / "golden" / "sarif.sarif").read_text("utf-8")))


def test_sarif_rules_describe_every_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ok.xml").write_text("<Response/>")
    driver = sarif_of(["ok.xml"], tmp_path, capsys)["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == (
        "twimlkit",
        "https://github.com/twimlkit/twimlkit",
    )
    assert [rule["id"] for rule in driver["rules"]] == [check.code for check in registry.ALL]
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', (REPO / "docs" / "checks.md").read_text()))
    for rule, check in zip(driver["rules"], registry.ALL, strict=True):
        assert rule["name"] == check.rule
        assert rule["shortDescription"]["text"] == check.summary
        assert rule["fullDescription"]["text"] == (check.doc or check.summary)
        assert rule["help"]["text"] == check.documentation()
        assert rule["helpUri"] == f"{CHECKS_DOCS_URL}#{check.rule}"
        assert check.rule in anchors, f"docs/checks.md has no anchor for {check.rule}"
        level = {"error": "error", "warning": "warning", "info": "note"}[check.severity.value]
        assert rule["defaultConfiguration"]["level"] == level


def test_sarif_results(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str], odd_name: str
) -> None:
    write("calls/bad.xml", BAD)
    log = sarif_of(["calls", str(tmp_path / "calls" / "bad.xml")], tmp_path, capsys)
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    results = run_["results"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert URI_REFERENCE.fullmatch(artifact["uri"]), artifact["uri"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert not artifact["uri"].startswith(("/", "./"))
    uris = sorted(
        {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    )
    # A path given absolute, inside the folder twimlkit runs in, is made relative too.
    assert uris == ["calls/bad.xml", "calls/odd%20%0A%3A%2C%25%FF.xml"]
    dial = next(r for r in results if r["ruleId"] == "TK103")
    assert dial["level"] == "error"
    assert dial["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 9,
        "endLine": 2,
        "endColumn": 32,
    }
    say = next(r for r in results if r["ruleId"] == "TK213")
    assert say["level"] == "warning"


def test_sarif_names_a_file_outside_the_folder_by_its_absolute_uri(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write("elsewhere/bad.xml", BAD)
    (tmp_path / "here").mkdir()
    log = sarif_of([str(bad)], tmp_path / "here", capsys)
    validate_sarif(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": bad.resolve().as_uri()}


def test_sarif_positions_start_at_one() -> None:
    zero = Diagnostic("a.xml", 0, 0, "TK006", "not-well-formed", Severity.ERROR, "x")
    log = json.loads(emit("sarif", Report([zero])))
    validate_sarif(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}


def fingerprints(log: dict[str, Any]) -> list[tuple[str, int, str]]:
    return [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["partialFingerprints"]["twimlkit/v1"],
        )
        for r in log["runs"][0]["results"]
    ]


def test_sarif_fingerprints_follow_a_line_that_moves(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    twice = BAD.replace("<Say></Say>", "<Say></Say>\n  <Say></Say>")
    write("bad.xml", twice)
    before = fingerprints(sarif_of(["bad.xml"], tmp_path, capsys))
    write("bad.xml", "<!-- a comment above -->\n\n" + twice)
    after = fingerprints(sarif_of(["bad.xml"], tmp_path, capsys))
    assert [line for _, line, _ in after] == [line + 2 for _, line, _ in before]
    assert [f for *_, f in after] == [f for *_, f in before]
    # The two identical <Say> lines are told apart.
    says = [f for rule, _, f in before if rule == "TK213"]
    assert len(says) == 2 and len(set(says)) == 2
    assert says[0].endswith(":1") and says[1].endswith(":2")
    # Changing the line makes a new finding.
    write("bad.xml", twice.replace("inbund", "outbund"))
    changed = fingerprints(sarif_of(["bad.xml"], tmp_path, capsys))
    assert changed[0][2] != before[0][2] and changed[1:] == before[1:]


# -- GitHub workflow commands -------------------------------------------------------------------

#: A workflow command as GitHub documents it: ``::name key=value,key=value::message``, where a
#: value holds no ``,`` or ``:`` and neither holds a line break (they are escaped).
COMMAND = re.compile(
    r"::(?P<name>error|warning|notice) "
    r"(?P<properties>[A-Za-z]+=[^,:\r\n]*(?:,[A-Za-z]+=[^,:\r\n]*)*)"
    r"::(?P<message>[^\r\n]*)"
)


def unescape(text: str) -> str:
    """What GitHub reads from an escaped value (the reverse of its documented escaping)."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    matched = COMMAND.fullmatch(line)
    assert matched, line
    properties = dict(item.split("=", 1) for item in matched["properties"].split(","))
    return (
        matched["name"],
        {k: unescape(v) for k, v in properties.items()},
        unescape(matched["message"]),
    )


def test_github_commands_follow_the_documented_syntax(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("calls/bad.xml", BAD)
    write("calls/x.xml", "<Response><Say>x</Say></Response>")
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        status, out, err = run(["lint", "--output-format", "github", "calls"], capsys)
    finally:
        os.chdir(here)
    assert (status, err) == (1, "")
    *commands, summary = out.splitlines()
    parsed = [parse_command(line) for line in commands]
    assert parsed[0] == (
        "error",
        {
            "file": "calls/bad.xml",
            "line": "2",
            "endLine": "2",
            "col": "9",
            "endColumn": "32",
            "title": "TK103 invalid-value",
        },
        "<Dial> attribute recordingTrack: 'inbund' is not one of inbound, outbound, both; "
        "did you mean 'inbound'?",
    )
    assert parsed[1][0] == "warning"
    assert summary == "twimlkit: Found 1 error, 1 warning in 1 file."


def test_github_escaping_round_trips() -> None:
    awkward = "50% of a,b: c\r\nd\ne"
    diagnostic = Diagnostic(
        f"odd:{awkward}.xml", 3, 4, "TK103", "invalid-value", Severity.INFO, awkward, 5, 2
    )
    name, properties, message = parse_command(github.command(diagnostic))
    assert name == "notice"
    assert properties["file"] == f"odd:{awkward}.xml"
    assert message == awkward
    # Over several lines: no columns, as GitHub takes them only on one line.
    assert (properties["line"], properties["endLine"], properties["col"]) == ("3", "5", "4")
    assert "endColumn" not in properties


def test_github_control_characters_and_bytes_stay_escaped() -> None:
    diagnostic = Diagnostic(
        "a\x1b[2J\udcff.xml", 1, 1, "TK001", "unreadable-file", Severity.ERROR, "x\x07\u2028y"
    )
    line = github.command(diagnostic)
    assert line == (
        "::error file=a\\x1b[2J\\xff.xml,line=1,endLine=1,col=1,endColumn=1,"
        "title=TK001 unreadable-file::x\\x07\\u2028y"
    )


def test_github_summary_says_what_was_not_annotated() -> None:
    diagnostics = [
        Diagnostic("a.xml", n, 1, "TK103", "invalid-value", Severity.ERROR, "bad")
        for n in range(1, 13)
    ] + [Diagnostic("a.xml", 20, 1, "TK213", "empty-say", Severity.WARNING, "quiet")]
    *commands, summary = emit("github", Report(diagnostics, root="/")).splitlines()
    assert len(commands) == 13
    assert summary.startswith(
        "twimlkit: Found 12 errors, 1 warning in 1 file. Not annotated: 2 errors (GitHub "
        "annotates only the first 10 errors, 10 warnings and 10 notices of a step); "
    )
    assert "--output-format concise" in summary and "--output-format sarif" in summary
    few = emit("github", Report(diagnostics[-3:], root="/")).splitlines()[-1]
    assert few == "twimlkit: Found 2 errors, 1 warning in 1 file."


# -- GitLab code quality ------------------------------------------------------------------------


def test_gitlab_report_has_every_required_field(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str], odd_name: str
) -> None:
    twice = BAD.replace("<Say></Say>", "<Say></Say>\n  <Say></Say>")
    write("calls/bad.xml", twice)
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        status, out, _ = run(
            ["lint", "--output-format", "gitlab", "calls", "./calls/bad.xml"], capsys
        )
    finally:
        os.chdir(here)
    assert status == 1
    entries = json.loads(out)
    assert len(entries) == 5  # calls/bad.xml is named and found in calls: reported once
    for entry in entries:
        assert isinstance(entry["description"], str) and entry["description"]
        assert isinstance(entry["check_name"], str) and registry.find(entry["check_name"])
        assert re.fullmatch("[0-9a-f]{32}", entry["fingerprint"])
        assert entry["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(entry["location"]["path"], str)
        assert not entry["location"]["path"].startswith(("./", "/"))
        assert isinstance(entry["location"]["lines"]["begin"], int)
    assert {e["location"]["path"] for e in entries} == {"calls/bad.xml", "calls/odd \n:,%\\xff.xml"}
    assert {e["severity"] for e in entries} == {"major", "minor"}
    # The same finding twice in a file (two empty <Say>s): each fingerprint is unique.
    in_bad = [e["check_name"] for e in entries if e["location"]["path"] == "calls/bad.xml"]
    assert sorted(in_bad) == ["TK103", "TK213", "TK213"]
    assert len({e["fingerprint"] for e in entries}) == len(entries)


# -- The full format ------------------------------------------------------------------------


def test_full_format_on_a_real_file(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("bad.xml", BAD.replace("  <Dial", "\t<Dial"))
    status, out, _ = run(["lint", "--output-format", "full", str(path)], capsys)
    assert status == 1
    assert out.split("\n\n")[0] == (
        f"{path}:2:8: error TK103 [invalid-value] <Dial> attribute recordingTrack: 'inbund' is "
        "not one of inbound, outbound, both; did you mean 'inbound'?\n"
        "  |\n"
        '2 |     <Dial recordingTrack="inbund">+15551239876</Dial>\n'
        "  |           ^^^^^^^^^^^^^^^^^^^^^^^\n"
        "  |\n"
        "help: write 'inbound' (--fix --unsafe-fixes)"
    )


def carets_under(text: str, start: int, end: int) -> str:
    """What stands above the carets, read back from the line shown."""
    line, at, width = shown(text, start, end)
    return line[at : at + width]


def test_full_format_keeps_the_caret_under_the_span() -> None:
    assert carets_under('\t\t<Say loop="x">', 7, 15) == 'loop="x"'
    assert shown('\t\t<Say loop="x">', 7, 15) == ('        <Say loop="x">', 13, 8)
    line, at, width = shown("<Say>日本語</Sya>", 8, 14)
    assert (line, at, width) == ("<Say>日本語</Sya>", 11, 6)  # three wide characters before
    line, at, width = shown("<Say>\x1b[2J\u202e</Sya>", 5, 6)
    assert line == "<Say>\\x1b[2J\\u202e</Sya>"
    assert (at, width) == (5, 4)
    assert "\x1b" not in line and "\u202e" not in line
    # An empty span, and one past the end of the line, still get one caret.
    assert shown("<Say>", 2, 2)[1:] == (2, 1)
    assert shown("<Say>", 9, 12)[1:] == (5, 1)


def test_full_format_cuts_a_long_line_around_the_span() -> None:
    text = "<Response>" + "x" * MAX_DOCUMENT_BYTES + "<Sya/></Response>"
    start = text.index("<Sya/>")
    line, at, width = shown(text, start, start + 6)
    assert line.startswith("...") and line.endswith("...") is False
    assert len(line) <= MAX_SHOWN + 6
    assert line[at : at + width] == "<Sya/>"
    line, at, width = shown(text, 0, len(text))
    assert line.endswith("...") and line[at:].startswith("<Response>")


def test_full_format_many_findings_on_one_huge_line(tmp_path: Path) -> None:
    # A megabyte on one line, a finding every few characters: each is shown cut, quickly.
    text = "<Response>" + "<Sya/>" * 150_000 + "</Response>"
    path = tmp_path / "huge.xml"
    path.write_text(text)
    diagnostics = [
        Diagnostic(
            str(path), 1, 11 + 6 * n, "TK101", "unknown-element", Severity.ERROR, "x", 1, 17 + 6 * n
        )
        for n in range(0, 150_000, 15)
    ]
    started = time.perf_counter()
    out = emit("full", Report(diagnostics, sources=SourceFiles()))
    elapsed = time.perf_counter() - started
    assert out.count("^^^^^^") == len(diagnostics)
    assert max(len(line) for line in out.splitlines()) < MAX_SHOWN + 20
    assert elapsed < 10, elapsed


# -- Reading the source ---------------------------------------------------------------------


def test_sources_are_read_as_documents_are(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_bytes(b"\xef\xbb\xbf<Response>\r\n<Say>caf\xe9</Say>\r<Pause/>\n</Response>")
    sources = SourceFiles()
    assert [sources.line(str(path), n) for n in range(1, 6)] == [
        "<Response>",
        "<Say>caf\ufffd</Say>",
        "<Pause/>",
        "</Response>",
        None,
    ]
    assert sources.line(str(tmp_path), 1) is None  # a folder
    assert sources.line(str(tmp_path / "missing.xml"), 1) is None
    assert sources.line(None, 1) is None
    if os.path.exists(os.devnull) and os.name == "posix":
        assert sources.line(os.devnull, 1) is None  # a device is not opened


def test_a_file_over_the_cap_has_no_lines(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"<Response>" + b" " * 100 + b"</Response>")
    assert SourceFiles(max_bytes=50).line(str(path), 1) is None
    assert SourceFiles(max_bytes=500).line(str(path), 1) is not None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_opened_again_to_wait_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.xml"
    os.mkfifo(pipe)
    found: list[str | None] = []
    reader = threading.Thread(target=lambda: found.append(SourceFiles().line(str(pipe), 1)))
    reader.daemon = True
    reader.start()
    reader.join(10)
    assert found == [None]


def test_standard_input_is_shown_from_what_was_read(tmp_path: Path) -> None:
    done = twimlkit(
        "lint", "--output-format", "full", "--stdin-filename", "sms/reply.xml", "-",
        cwd=tmp_path, input=BAD.encode(),
    )  # fmt: skip
    assert done.returncode == 1
    out = done.stdout.decode()
    assert out.startswith("sms/reply.xml:2:9: error TK103 [invalid-value] ")
    assert '2 |   <Dial recordingTrack="inbund">+15551239876</Dial>\n' in out
    assert done.stderr.decode() == "Found 1 error, 1 warning in 1 file.\n"


# -- Colour and the default format ----------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "terminal", "environ", "colour"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),  # set to nothing: not set
        ("auto", False, {"FORCE_COLOR": ""}, False),  # the same
        ("auto", False, {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),
        ("auto", False, {"FORCE_COLOR": "0"}, True),  # any value but nothing counts
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ("auto", True, {"TERM": "dumb"}, False),
        ("always", False, {"NO_COLOR": "1"}, True),
        ("never", True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_when_to_colour(choice: str, terminal: bool, environ: dict[str, str], colour: bool) -> None:
    assert use_color(choice, terminal, environ) is colour


def quiet_environment(**changes: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**environ, "TERM": "xterm", **changes}


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    ("environ", "coloured"), [({}, True), ({"NO_COLOR": "1"}, False), ({"NO_COLOR": ""}, True)]
)
def test_on_a_terminal_full_is_the_default(
    tmp_path: Path, write: Write, environ: dict[str, str], coloured: bool
) -> None:
    path = write("bad.xml", BAD)
    main, terminal = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "twimlkit", "lint", str(path)],
            stdout=terminal,
            stderr=subprocess.PIPE,
            env=quiet_environment(**environ),
            timeout=120,
            check=False,
        )
        os.close(terminal)
        shown_text = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal's other end is closed: all was read
                break
            if not chunk:
                break
            shown_text += chunk
    finally:
        os.close(main)
    text = shown_text.decode().replace("\r\n", "\n")
    assert done.returncode == 1
    assert ("\x1b[" in text) is coloured
    plain = re.sub("\x1b\\[[0-9;]*m", "", text)
    assert '2 |   <Dial recordingTrack="inbund">+15551239876</Dial>\n' in plain


def test_not_on_a_terminal_concise_is_the_default(tmp_path: Path, write: Write) -> None:
    write("bad.xml", BAD)
    done = twimlkit("lint", "bad.xml", cwd=tmp_path, env=quiet_environment())
    assert done.stdout.decode().splitlines() == [
        "bad.xml:2:9: error TK103 [invalid-value] <Dial> attribute recordingTrack: 'inbund' "
        "is not one of inbound, outbound, both; did you mean 'inbound'?",
        "bad.xml:3:3: warning TK213 [empty-say] <Say> has no text: the caller hears nothing",
    ]
    forced = twimlkit("lint", "bad.xml", cwd=tmp_path, env=quiet_environment(FORCE_COLOR="1"))
    assert forced.stdout.decode().startswith("\x1b[1mbad.xml\x1b[0m:2:9: \x1b[1;31merror\x1b[0m ")
    set_to_nothing = twimlkit(
        "lint", "bad.xml", cwd=tmp_path, env=quiet_environment(FORCE_COLOR="")
    )
    assert set_to_nothing.stdout == done.stdout


def test_the_readme_says_when_the_colour_variables_count() -> None:
    """As no-color.org has it, and as :func:`use_color` does: a variable set to nothing is
    not set."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    bullet = readme[readme.index("- `--color auto`") :]
    bullet = " ".join(bullet[: bullet.index("\n- ")].split())
    assert "set to anything" not in bullet
    assert "`NO_COLOR` is set to a non-empty value" in bullet
    assert "`FORCE_COLOR` set to a non-empty value" in bullet
    assert "set to nothing (empty) counts as not set" in bullet


# -- The options that choose a report -----------------------------------------------------------


def test_format_keeps_its_old_meanings(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(write("bad.xml", BAD))
    assert run(["lint", "--format", "text", path], capsys) == run(
        ["lint", "--output-format", "concise", path], capsys
    )
    assert run(["lint", "--format", "json", path], capsys) == run(
        ["lint", "--output-format", "json", path], capsys
    )
    status, out, err = run(["lint", "--format", "text", "--output-format", "json", path], capsys)
    assert (status, out) == (2, "")
    assert err == (
        "twimlkit: error: --format text and --output-format json disagree; give one of them\n"
    )


def test_json_lines(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(write("bad.xml", BAD))
    status, out, err = run(["lint", "--output-format", "json-lines", path], capsys)
    assert (status, err) == (1, "")
    _, array, _ = run(["lint", "--output-format", "json", path], capsys)
    assert [json.loads(line) for line in out.splitlines()] == json.loads(array)


def test_output_file(tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(write("bad.xml", BAD))
    report = tmp_path / "reports" / "twimlkit.sarif"
    status, out, err = run(
        ["lint", "--output-format", "sarif", "--output-file", str(report), path], capsys
    )
    assert (status, out, err) == (1, "", "Found 1 error, 1 warning in 1 file.\n")
    assert len(json.loads(report.read_text(encoding="utf-8"))["runs"][0]["results"]) == 2
    # The default format for a file is concise, never coloured.
    listing = tmp_path / "out.txt"
    run(["lint", "--color", "auto", "--output-file", str(listing), path], capsys)
    assert listing.read_text().startswith(f"{path}:2:9: error TK103 ")


def test_an_output_file_that_cannot_be_written(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write("bad.xml", BAD))
    status, out, err = run(["lint", "--output-file", str(tmp_path), path], capsys)
    assert (status, out) == (2, "")
    assert err == f"twimlkit: error: cannot write the report to {tmp_path}: Is a directory\n"


def test_exit_zero(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(write("bad.xml", BAD))
    status, out, _ = run(["lint", "--exit-zero", "--strict", path], capsys)
    assert status == 0 and " error TK103 " in out
    # A usage error is still one.
    assert run(["lint", "--exit-zero", path + ".missing"], capsys)[0] == 2


@pytest.mark.parametrize(
    ("format_name", "expected"),
    [
        ("concise", "1  TK103  invalid-value  error\n1  TK213  empty-say      warning\n"),
        (
            "json-lines",
            '{"code": "TK103", "rule": "invalid-value", "severity": "error", "count": 1}\n'
            '{"code": "TK213", "rule": "empty-say", "severity": "warning", "count": 1}\n',
        ),
    ],
)
def test_statistics(
    write: Write, capsys: pytest.CaptureFixture[str], format_name: str, expected: str
) -> None:
    path = str(write("bad.xml", BAD))
    status, out, _ = run(["lint", "--statistics", "--output-format", format_name, path], capsys)
    assert (status, out) == (1, expected)


@pytest.mark.parametrize("format_name", ["sarif", "github", "gitlab"])
def test_statistics_only_where_they_fit(
    write: Write, capsys: pytest.CaptureFixture[str], format_name: str
) -> None:
    path = str(write("bad.xml", BAD))
    status, out, err = run(["lint", "--statistics", "--output-format", format_name, path], capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"twimlkit: error: --statistics cannot be written as {format_name}")


def test_stdin_filename_needs_standard_input(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write("bad.xml", BAD))
    status, out, err = run(["lint", "--stdin-filename", "x.xml", path], capsys)
    assert (status, out) == (2, "")
    assert "--stdin-filename names what '-' reads" in err


# -- Start-up ------------------------------------------------------------------------------------


@pytest.mark.parametrize("format_name", FORMATS)
def test_only_the_chosen_format_is_imported(tmp_path: Path, write: Write, format_name: str) -> None:
    path = str(write("bad.xml", BAD))
    probe = (
        "import sys\n"
        "from twimlkit.cli import main\n"
        f"main(['lint', '-q', '--output-format', {format_name!r}, {path!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith('twimlkit.formats.')"
        " or m == 'jsonschema'), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    loaded = set(ast.literal_eval(done.stderr))
    module = "twimlkit.formats." + format_name.replace("-", "_")
    assert module in loaded
    # full writes each finding's first line as concise does.
    allowed = {module, "twimlkit.formats.concise"} if format_name == "full" else {module}
    others = {f"twimlkit.formats.{name.replace('-', '_')}" for name in FORMATS} - allowed
    assert not loaded & others, loaded & others
    assert "jsonschema" not in loaded
    if format_name in ("concise", "json", "json-lines"):
        assert "twimlkit.formats.source" not in loaded


@pytest.mark.parametrize("format_name", FORMATS)
def test_no_format_writes_a_file_name_raw(tmp_path: Path, format_name: str, odd_name: str) -> None:
    # odd_name holds a newline and a byte that is not UTF-8; add a terminal escape.
    (tmp_path / "calls" / "esc\x1b[2J.xml").write_text(BAD)
    done = twimlkit("lint", "--output-format", format_name, "calls", cwd=tmp_path)
    assert done.returncode == 1
    text = done.stdout.decode("utf-8")  # strict: the output is UTF-8
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f]", text)
    assert not any(line.startswith((":,%", "[2J")) for line in text.splitlines())
    assert "\\xff" in text or "%FF" in text


def test_the_summary_writes_large_counts_with_thousands_separators() -> None:
    from twimlkit.diagnostic import Diagnostic, Severity
    from twimlkit.formats import summary

    found = [
        Diagnostic(f"f{n}.xml", 1, 1, "TK213", "empty-say", Severity.WARNING, "m")
        for n in range(1500)
    ]
    assert summary(found) == "Found 1,500 warnings in 1,500 files."
