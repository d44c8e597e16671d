"""The last step: diagnostics as text for people or JSON for tools.

File names are not always text. On POSIX a name is bytes, and bytes that are not UTF-8 reach
Python as lone surrogates (``os.fsdecode``), which no UTF-8 output can carry; a name may also
hold a newline or a terminal escape. Both formats therefore write such a byte as ``\\xff``
(a backslash, ``x`` and two hex digits), and the text format, one line a diagnostic, also
writes control characters escaped: a newline as ``\\n``, a tab as ``\\t``, a carriage return
as ``\\r``, any other as ``\\x1b`` or ``\\u2028``. JSON escapes control characters itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .diagnostic import Diagnostic

#: What a document given as a string is called in output.
NO_PATH = "<string>"

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls, DEL, C1 controls, and the two characters Unicode calls line and paragraph
# separators (str.splitlines() and some editors break lines there).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
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
    return _SURROGATE.sub(_escape, text)


def one_line(text: str) -> str:
    """``text`` safe on one line of text output: control characters escaped (``\\n``,
    ``\\x1b``), and the bytes of a file name that are not UTF-8 written as ``\\xff``."""
    return _CONTROL.sub(_escape, text)


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One line a diagnostic: ``path:line:col: CODE [rule] message``."""
    return "".join(
        f"{one_line(d.path or NO_PATH)}:{d.line}:{d.column}: {d.code} [{d.rule}] "
        f"{one_line(d.message)}\n"
        for d in diagnostics
    )


def as_dict(diagnostic: Diagnostic) -> dict[str, str | int | None]:
    """The fields of ``diagnostic`` as plain JSON-ready values."""
    return {
        "path": json_safe(diagnostic.path) if diagnostic.path is not None else None,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.value,
        "message": json_safe(diagnostic.message),
    }


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON array of objects with the fields of :class:`Diagnostic`."""
    import json  # here: the text format, the usual one, does not need it

    return json.dumps([as_dict(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


FORMATTERS: dict[str, Callable[[Iterable[Diagnostic]], str]] = {
    "text": format_text,
    "json": format_json,
}
