"""``concise``: one line a finding, ``path:line:col: severity CODE [rule] message``; what
``--format text`` means, and the default when standard output is not a terminal."""

from __future__ import annotations

from ..diagnostic import Diagnostic, Severity
from ..formatters import leading_path, one_line
from . import Report

_RESET = "\x1b[0m"
#: ANSI colours (SGR parameters) of each severity's word, and of the caret under a span.
SEVERITY_COLORS = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}
BOLD = "1"
BLUE = "1;34"


def paint(text: str, sgr: str, color: bool) -> str:
    """``text`` in the ANSI style ``sgr`` when ``color`` is on, else as it is."""
    return f"\x1b[{sgr}m{text}{_RESET}" if color and text else text


def headline(diagnostic: Diagnostic, color: bool = False) -> str:
    """The one line that says what and where ``diagnostic`` is (without a line break)."""
    severity = diagnostic.severity
    path = paint(leading_path(diagnostic.path), BOLD, color)
    return (
        f"{path}:{diagnostic.line}:{diagnostic.column}: "
        f"{paint(severity.value, SEVERITY_COLORS[severity], color)} "
        f"{paint(diagnostic.code, BOLD, color)} [{diagnostic.rule}] {one_line(diagnostic.message)}"
    )


def emit(report: Report) -> str:
    return "".join(headline(d, report.color) + "\n" for d in report.diagnostics)
