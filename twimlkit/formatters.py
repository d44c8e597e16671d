"""The last step: diagnostics as text for people or JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from .diagnostic import Diagnostic

#: What a document given as a string is called in output.
NO_PATH = "<string>"


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One line a diagnostic: ``path:line:col: CODE [rule] message``."""
    return "".join(
        f"{d.path or NO_PATH}:{d.line}:{d.column}: {d.code} [{d.rule}] {d.message}\n"
        for d in diagnostics
    )


def as_dict(diagnostic: Diagnostic) -> dict[str, str | int | None]:
    """The fields of ``diagnostic`` as plain JSON-ready values."""
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
    }


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON array of objects with the fields of :class:`Diagnostic`."""
    return json.dumps([as_dict(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


FORMATTERS: dict[str, Callable[[Iterable[Diagnostic]], str]] = {
    "text": format_text,
    "json": format_json,
}
