"""Lint Jinja2 templates of TwiML: ``validate_template()``, which ``twimlkit lint`` calls for
``*.xml.j2`` and ``*.twiml.j2`` files.

A template is rendered with a stand-in for every variable it is not given (any attribute,
item, call, filter, test or comparison of a stand-in is a stand-in; it is true, iterates over
two stand-ins, and is written as its variable's name), once, and again for each branch of an
``{% if %}`` or ``{% elif %}`` that a stand-in decides and no render has reached yet. Each
output is checked by :func:`twimlkit.validate`, and each finding is reported at the template's
own line and column (:mod:`twimlkit.template_trace` traces the render). A value check
(:attr:`twimlkit.diagnostic.Check.value_check`) is not reported where a stand-in wrote part of
the value; names and nesting are checked everywhere.

This module imports nothing heavy: jinja2 is imported only when a template is linted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import UNKNOWN_SUPPRESSION
from .diagnostic import Diagnostic
from .document import MAX_DOCUMENT_BYTES, DocumentError, Lines, read_source, utf8_text
from .suppress import kind_directive
from .validate import KINDS, Kind

if TYPE_CHECKING:
    from .config import Settings

__all__ = ["TEMPLATE_SUFFIXES", "is_template", "validate_template"]

#: The endings of TwiML templates' file names (in any case).
TEMPLATE_SUFFIXES = (".xml.j2", ".twiml.j2")

#: What a template given as text is called in Jinja2's messages.
STRING_NAME = "<template>"


def is_template(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a TwiML template: ``*.xml.j2`` or ``*.twiml.j2``, in any case."""
    return os.fspath(path).lower().endswith(TEMPLATE_SUFFIXES)


def validate_template(
    source: str | bytes | os.PathLike[str],
    *,
    path: str | None = None,
    kind: Kind | None = None,
    search_path: Iterable[str | os.PathLike[str]] = (),
    max_bytes: int = MAX_DOCUMENT_BYTES,
    settings: Settings | None = None,
) -> list[Diagnostic]:
    """Check a Jinja2 template of TwiML and return what is wrong with it, at the template's
    own lines and columns, in order.

    ``source`` is a template file as a :class:`pathlib.Path` (any :class:`os.PathLike`), or
    the template's text as ``str`` or as ``bytes`` in UTF-8 (read as a file is read: up to
    ``max_bytes``, a byte that is not UTF-8 reported where it is). Templates it includes,
    imports or extends are looked for in the file's folder, then in ``search_path``, then
    among twimlkit's stock templates. ``kind`` forces ``"voice"`` or ``"messaging"`` for
    every render; ``path`` names the template in diagnostics (by default the file's path, or
    ``None`` for text). Besides what :func:`twimlkit.validate` reports, a template may get
    ``template-syntax-error``, ``template-render-error`` and
    ``template-branch-not-rendered``. Raises ``TypeError`` for
    a ``source`` of another type and ``ValueError`` for an unknown ``kind``, and nothing else.

    A ``{# twimlkit: kind=messaging #}`` (or ``<!-- ... -->``) comment gives the kind when
    ``kind`` is not given; ``settings`` apply as in :func:`twimlkit.validate`.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    folders = [os.fspath(folder) for folder in search_path]
    if isinstance(source, (os.PathLike, bytes)):
        if isinstance(source, os.PathLike) and path is None:
            path = os.fspath(source)
        try:  # read as a document is read: up to the cap, as UTF-8
            data, _ = read_source(source, path=path, max_bytes=max_bytes)
            text = utf8_text(data, path)
        except DocumentError as error:
            return settings.apply([error.diagnostic]) if settings else [error.diagnostic]
        if isinstance(source, bytes):
            name, filename = STRING_NAME, STRING_NAME
        else:
            file = Path(source)
            name, filename, folders = file.name, str(file), [str(file.parent), *folders]
    elif isinstance(source, str):
        text, name, filename = source, STRING_NAME, STRING_NAME
    else:
        raise TypeError(
            f"a template is a path or its text (str or bytes), not {type(source).__name__}"
        )
    declared, comment_findings = _declared_kind(text, path)
    if kind is None:
        kind = declared
    if kind is None and settings is not None and path is not None:
        kind = settings.kind_for(path)
    from . import template_trace  # imports jinja2

    found = template_trace.lint(
        text, path=path, name=name, filename=filename, search_path=folders, kind=kind
    )
    if comment_findings:
        found = sorted([*found, *comment_findings], key=Diagnostic.sort_key)
    return settings.apply(found) if settings is not None else found


def _declared_kind(text: str, path: str | None) -> tuple[Kind | None, list[Diagnostic]]:
    """The kind the template's first ``twimlkit: kind=`` comment (Jinja2's or XML's) gives,
    and a finding for each such comment that names no kind."""
    if "twimlkit:" not in text:
        return None, []
    kind: Kind | None = None
    found: list[Diagnostic] = []
    lines: Lines | None = None
    at = 0
    while True:
        opened = _COMMENT_OPENS.search(text, at)
        if opened is None:
            break
        start, close = opened.start(), _COMMENT_CLOSES[opened.group()]
        end = text.find(close, opened.end())
        if end < 0:
            break
        at = end + len(close)
        directive = kind_directive(text[start + (4 if close == "-->" else 2) : end])
        if directive is None:
            continue
        named, message = directive
        if message is not None:
            lines = lines or Lines(text)
            line, column = lines.line_column(start)
            found.append(UNKNOWN_SUPPRESSION.at(path, line, column, message, lines.line_column(at)))
        elif kind is None:
            kind = "voice" if named == "voice" else "messaging"
    return kind, found


#: How a comment opens and closes, in XML and in Jinja2.
_COMMENT_CLOSES = {"<!--": "-->", "{#": "#}"}
_COMMENT_OPENS = re.compile("<!--|{#")
