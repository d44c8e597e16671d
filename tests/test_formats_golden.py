"""Every output format, pinned by its exact output for one set of findings (tests/golden/).

The findings cover what is hard to show: a tab, a terminal escape and wide characters before
a span, an empty span, a span over three lines and one over six, a line longer than is shown,
a file name with a newline, a terminal escape, a byte that is not UTF-8 and the characters
that workflow commands escape, a file outside the root, a file that cannot be read, standard
input, and each severity.

When a format changes on purpose, regenerate the expected files and review the difference::

    TWIMLKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_formats_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO

from twimlkit import registry
from twimlkit.diagnostic import Applicability, Check, Diagnostic, Edit, Fix, Severity
from twimlkit.formats import FORMATS, WITH_STATISTICS, Report, emit, emit_statistics, sarif
from twimlkit.formats.source import SourceFiles

GOLDEN = REPO / "tests" / "golden"
UPDATE = os.environ.get("TWIMLKIT_UPDATE_GOLDEN") == "1"
ROOT = "/project"

AGENT = f"{ROOT}/calls/agent.xml"
LONG = f"{ROOT}/calls/long.xml"
ODD = f"{ROOT}/calls/odd\n\x1b[2J\udcff:a,b%.xml"
GONE = f"{ROOT}/calls/gone.xml"
OUTSIDE = "/elsewhere/menu.xml.j2"
STDIN = "<stdin>"

TEXTS = {
    AGENT: (
        "<Response>\n"
        '\t<Dial recordingTrack="inbund">+15551239876</Dial>\n'
        "  <Say>日本語\x1b[31m</Say>\n"
        "  <Gather>\n"
        "    <Dial>\n"
        "      <Number>+15551239876</Number>\n"
        "    </Dial>\n"
        "  </Gather>\n"
        "</Response>\n"
    ).encode(),
    LONG: ("<Response><Say>" + "a" * 300 + "</Sya></Response>\n").encode(),
    STDIN: b"<Response>\r\n<Pause length='x'/>\r\n</Response>",
}

#: Stand-ins for the registry's checks, so that the SARIF report's rules do not change when a
#: check's documentation does.
CHECKS = (
    Check("TK001", "unreadable-file", Severity.ERROR, "The file could not be read."),
    Check(
        "TK005",
        "invalid-character",
        Severity.ERROR,
        "A character XML forbids.",
        doc="Twilio cannot parse it.",
        bad="<Say>\x1b</Say>",
        good="<Say>ok</Say>",
        twilio_error="12100",
    ),
    Check("TK101", "unknown-element", Severity.ERROR, "An element that TwiML does not have."),
    Check("TK103", "invalid-value", Severity.ERROR, "A value that is not allowed."),
    Check("TK104", "invalid-nesting", Severity.ERROR, "An element in the wrong place."),
    Check("TK213", "empty-say", Severity.WARNING, "A <Say> without text."),
    Check("TK403", "template-branch-not-rendered", Severity.INFO, "A branch not rendered."),
)


def _at(
    path: str,
    start: tuple[int, int],
    end: tuple[int, int],
    code: str,
    message: str,
    severity: Severity | None = None,
    fix: Fix | None = None,
) -> Diagnostic:
    check = next(c for c in CHECKS if c.code == code)
    return Diagnostic(
        path, *start, code, check.rule, severity or check.severity, message, *end, fix
    )  # fmt: skip


#: An unsafe fix (a misspelt value) and a safe one whose text needs escaping in every format.
INBOUND = Fix("write 'inbound'", (Edit(2, 24, 2, 30, "inbound"),), Applicability.UNSAFE)
PAUSE = Fix('write "1" & \x1b', (Edit(2, 15, 2, 18, '"1"\r\n\x1b'),))


DIAGNOSTICS = [
    _at(
        AGENT,
        (2, 8),
        (2, 31),
        "TK103",
        "recordingTrack: 'inbund' is not one of inbound",
        fix=INBOUND,
    ),
    _at(AGENT, (3, 11), (3, 11), "TK005", "character U+001B is not allowed in XML 1.0"),
    _at(AGENT, (3, 3), (3, 8), "TK213", "<Say> has no text", Severity.WARNING),
    _at(AGENT, (4, 3), (6, 14), "TK104", "<Dial> is not allowed inside <Gather>"),
    _at(AGENT, (4, 3), (9, 1), "TK104", "a span over six lines"),
    _at(LONG, (1, 316), (1, 322), "TK101", "<Sya> is not a TwiML voice element"),
    _at(ODD, (1, 1), (1, 1), "TK001", "cannot read odd\nname: 50% gone, a:b"),
    _at(GONE, (7, 5), (7, 9), "TK213", "a file that is gone", Severity.WARNING),
    _at(OUTSIDE, (3, 1), (3, 12), "TK403", "{% else %} was not rendered"),
    _at(
        STDIN,
        (2, 8),
        (2, 18),
        "TK103",
        "<Pause> attribute length: 'x' is not a number",
        fix=PAUSE,
    ),
]


def report(color: bool = False) -> Report:
    return Report(DIAGNOSTICS, sources=SourceFiles(TEXTS), color=color, root=ROOT)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text, f"{name} differs (see docstring)"


SUFFIXES = {
    "full": "txt",
    "concise": "txt",
    "json": "json",
    "json-lines": "jsonl",
    "sarif": "sarif",
    "github": "txt",
    "gitlab": "json",
}


@pytest.mark.parametrize("format_name", FORMATS)
def test_each_format(format_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "ALL", CHECKS)
    monkeypatch.setattr(sarif, "__version__", "1.2.3")
    check_golden(f"{format_name}.{SUFFIXES[format_name]}", emit(format_name, report()))


@pytest.mark.parametrize("format_name", ["full", "concise"])
def test_in_colour(format_name: str) -> None:
    check_golden(f"{format_name}-color.txt", emit(format_name, report(color=True)))


@pytest.mark.parametrize("format_name", WITH_STATISTICS)
def test_statistics(format_name: str) -> None:
    suffix = SUFFIXES[format_name]
    check_golden(f"statistics-{format_name}.{suffix}", emit_statistics(report(), format_name))


def test_every_golden_file_is_used() -> None:
    expected = {f"{name}.{suffix}" for name, suffix in SUFFIXES.items()}
    expected |= {"full-color.txt", "concise-color.txt"}
    expected |= {f"statistics-{name}.{SUFFIXES[name]}" for name in WITH_STATISTICS}
    assert {path.name for path in GOLDEN.iterdir()} == expected


def test_the_findings_have_the_sources_they_claim() -> None:
    # A guard for the goldens themselves: the spans point where their messages say.
    sources = SourceFiles(TEXTS)
    assert sources.line(AGENT, 2) == '\t<Dial recordingTrack="inbund">+15551239876</Dial>'
    assert (sources.line(AGENT, 3) or "")[10] == "\x1b"
    assert (sources.line(LONG, 1) or "")[315:321] == "</Sya>"
    assert sources.line(STDIN, 2) == "<Pause length='x'/>"
    assert sources.line(GONE, 7) is None
    assert Path(GONE).exists() is False
