"""The report of a ``twimlkit lint`` run, in one of several formats: one small emitter a format,
each a module of this package with one function, ``emit(report) -> str``, over the same
:class:`Report`.

===============  ================================================================================
``full``         each finding with its source line and a caret under its span (on a terminal)
``concise``      one line a finding: ``path:line:col: severity CODE [rule] message``
``json``         a JSON array of objects
``json-lines``   the same objects, one a line
``sarif``        SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
``github``       GitHub Actions workflow commands: annotations on the pull request
``gitlab``       GitLab's code quality report
===============  ================================================================================

A format's module is imported only when it is chosen, so that the lint path stays light. File
names are escaped by the helpers of :mod:`twimlkit.formatters` (:func:`one_line`,
:func:`json_safe`) or percent-encoded (SARIF's URIs): a control character or a byte that is
not UTF-8 never reaches the output raw, whatever the format.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from ..diagnostic import Check, Diagnostic, Severity

#: Every format, the default ones first.
FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab")
#: The formats meant for people; the others are read by programs.
FOR_PEOPLE = ("full", "concise")
#: The formats that ``--statistics`` can take the place of (see :mod:`.statistics`).
WITH_STATISTICS = ("full", "concise", "json", "json-lines")

#: twimlkit's home page, named in SARIF's ``informationUri``.
HOME_URL = "https://github.com/twimlkit/twimlkit"
#: Where the documentation of every check is published (``docs/checks.md``, which
#: ``tools/generate_docs.py`` writes with an anchor a check, named by its slug). The one place
#: that says so: SARIF's ``helpUri`` is made from it.
CHECKS_DOCS_URL = f"{HOME_URL}/blob/main/docs/checks.md"


def help_uri(check: Check) -> str:
    """Where ``check``'s documentation can be read on the web."""
    return f"{CHECKS_DOCS_URL}#{check.rule}"


class Sources(Protocol):
    """Where a format finds the text of the lines that findings are about."""

    def line(self, path: str | None, number: int) -> str | None:
        """Line ``number`` (1-based) of the document at ``path``, without its line break;
        ``None`` when it cannot be had (no such line, a file that cannot be read, ...)."""


class NoSources:
    """No source at all: each finding is shown without its line."""

    __slots__ = ()

    def line(self, path: str | None, number: int) -> str | None:
        return None


class Report(NamedTuple):
    """What every format reports: the findings, in the order to show them, and what some
    formats need besides.

    ``sources`` gives the text of a finding's line (for the ``full`` format and the
    fingerprints of ``sarif`` and ``gitlab``); ``color`` asks for ANSI colour (the formats for
    people only); ``root`` is the folder that relative paths in ``sarif``, ``github`` and
    ``gitlab`` are relative to, the repository's top (by default the current folder).
    """

    diagnostics: Sequence[Diagnostic]
    sources: Sources = NoSources()
    color: bool = False
    root: str = "."


def emit(format_name: str, report: Report) -> str:
    """``report`` in the format named ``format_name`` (one of :data:`FORMATS`), importing
    that format's module only now."""
    if format_name not in FORMATS:
        raise ValueError(f"unknown output format {format_name!r}; choose from {', '.join(FORMATS)}")
    module = importlib.import_module(f".{format_name.replace('-', '_')}", __name__)
    text: str = module.emit(report)
    return text


def emit_statistics(report: Report, format_name: str) -> str:
    """The number of findings of each rule in ``report``, written for ``format_name`` (one
    of :data:`WITH_STATISTICS`)."""
    from .statistics import table

    return table(report, format_name)


def relative_path(path: str, root: str = ".") -> str | None:
    """``path`` relative to ``root`` with forward slashes and no ``./``, as GitHub and GitLab
    name a file of the repository; ``None`` when it lies outside ``root`` (or on another
    drive). A relative ``path`` is taken as relative to ``root``."""
    try:
        absolute_root = os.path.abspath(root)
        relative = os.path.relpath(os.path.join(absolute_root, path), absolute_root)
    except ValueError:  # another drive
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    """One sentence that counts the findings by severity, and the files they are in."""
    if not diagnostics:
        return "No problems found."
    return f"Found {tally(diagnostics)}."


def tally(diagnostics: Sequence[Diagnostic], verb: str = "") -> str:
    """The findings counted by severity, and the files they are in: ``1 error, 2 warnings in
    2 files`` (``diagnostics`` is not empty), with ``verb`` before ``in`` when given."""
    counts = [
        f"{n:,} {severity.value}{'s' if n != 1 else ''}"
        for severity in Severity
        if (n := sum(d.severity is severity for d in diagnostics))
    ]
    files = len({d.path for d in diagnostics})
    counted = f"{', '.join(counts)} {verb}" if verb else ", ".join(counts)
    return f"{counted} in {files:,} file{'s' if files != 1 else ''}"
