"""The one type every twimlkit check reports through: :class:`Diagnostic`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How serious a finding is. The value is the lower-case word used in output."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about one place in one TwiML document.

    ``line`` and ``column`` are 1-based. ``path`` is the file the document came from, or
    ``None`` when it was given as a string or bytes. ``code`` (``TK101``) and ``rule``
    (``unknown-attribute``) both name the check that found it and never change meaning.
    """

    path: str | None
    line: int
    column: int
    code: str
    rule: str
    severity: Severity
    message: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path or "", self.line, self.column, self.code)


@dataclass(frozen=True, slots=True)
class Check:
    """A kind of finding: its stable code and slug, default severity and one-line summary."""

    code: str
    rule: str
    severity: Severity
    summary: str

    def at(self, path: str | None, line: int, column: int, message: str) -> Diagnostic:
        """A :class:`Diagnostic` of this kind at ``line``/``column`` of ``path``."""
        return Diagnostic(path, line, column, self.code, self.rule, self.severity, message)
