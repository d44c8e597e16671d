"""What every output format (:mod:`twimlkit.formats`) shares: how file names and messages are
made safe to write, and a diagnostic's fields as JSON-ready values.

File names are not always text. On POSIX a name is bytes, and bytes that are not UTF-8 reach
Python as lone surrogates (``os.fsdecode``), which no UTF-8 output can carry; a name may also
hold a newline or a terminal escape. Every format therefore writes such a byte as ``\\xff``
(a backslash, ``x`` and two hex digits), or percent-encodes it in a URI (SARIF), and the
formats written a line a finding also write control characters escaped: a newline as
``\\n``, a tab as ``\\t``, a carriage return as ``\\r``, any other as ``\\x1b`` or
``\\u2028``. JSON escapes control characters itself.
"""

from __future__ import annotations

import functools
import re

from .diagnostic import Diagnostic

#: What a document given as a string is called in output.
NO_PATH = "<string>"

_SURROGATES = "[\ud800-\udfff]"
# C0 controls, DEL, C1 controls, and the two characters Unicode calls line and paragraph
# separators (str.splitlines() and some editors break lines there).
# Each of them is one that str.isprintable() refuses: printable text needs no look at all.
_CONTROLS = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"
_NAMED_CONTROLS = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED_CONTROLS:
        return _NAMED_CONTROLS[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode() keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def json_safe(text: str) -> str:
    """``text`` with the bytes of a file name that are not UTF-8 written as ``\\xff``, so
    that it can be written as UTF-8."""
    return text if text.isprintable() else _pattern(_SURROGATES).sub(_escape, text)


def one_line(text: str) -> str:
    """``text`` safe on one line of text output: control characters escaped (``\\n``,
    ``\\x1b``), and the bytes of a file name that are not UTF-8 written as ``\\xff``."""
    return text if text.isprintable() else _pattern(_CONTROLS).sub(_escape, text)


@functools.cache
def _pattern(form: str) -> re.Pattern[str]:
    # Compiled when first needed: a class with the surrogates in it takes half a millisecond,
    # longer than a one-file lint spends on a small valid document.
    return re.compile(form)


#: What makes a line of a CI log a workflow command for GitHub Actions, at its start (after
#: any white space): ``::add-mask::``, ``::stop-commands::`` and the rest.
_WORKFLOW_COMMAND = "::"


def leading_path(path: str | None) -> str:
    """``path`` (:data:`NO_PATH` for ``None``) as :func:`one_line` shows it, written so that a
    line that begins with it cannot be taken for a command by the CI that reads the log: a
    relative path that would begin the line with ``::`` (a file named ``::add-mask::x.xml``)
    is written ``./::add-mask::x.xml``."""
    shown = one_line(path or NO_PATH)
    if shown.lstrip().startswith(_WORKFLOW_COMMAND):
        return "./" + shown
    return shown


def as_dict(diagnostic: Diagnostic) -> dict[str, object]:
    """The fields of ``diagnostic`` as plain JSON-ready values: where it starts and ends, what
    found it, and its fix (``None`` when it has none): what it does, ``safe`` or ``unsafe``,
    and its edits, each a span of the document's text and what replaces it."""
    fix = diagnostic.fix
    return {
        "path": json_safe(diagnostic.path) if diagnostic.path is not None else None,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "end_line": diagnostic.end_line,
        "end_column": diagnostic.end_column,
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.value,
        "message": json_safe(diagnostic.message),
        "fix": None
        if fix is None
        else {
            "description": json_safe(fix.description),
            "applicability": fix.applicability.value,
            "edits": [
                {
                    "line": edit.line,
                    "column": edit.column,
                    "end_line": edit.end_line,
                    "end_column": edit.end_column,
                    "replacement": json_safe(edit.replacement),
                }
                for edit in fix.edits
            ],
        },
    }
