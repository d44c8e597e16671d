"""The one type every twimlkit check reports through (:class:`Diagnostic`), and what a kind of
finding is (:class:`Check`): its code, slug, severity and documentation."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How serious a finding is. The value is the lower-case word used in output."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from (``line``, ``column``) up to, not including, (``end_line``,
    ``end_column``) with ``replacement``. Positions are 1-based, as in :class:`Diagnostic`."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str


class Applicability(str, Enum):
    """Whether a fix may be applied without asking (as ruff's fix applicability).

    A safe fix makes the document say exactly what it evidently means, and never changes what
    Twilio does with a valid document: ``twimlkit lint --fix`` applies it. An unsafe fix
    changes what Twilio does (a misspelt attribute, renamed, starts to take effect): it is
    applied only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Fix:
    """A way to mend a finding: what it does, in words, the edits that do it (positions in
    the document's text, none overlapping another), and whether it is safe."""

    description: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE


@dataclass(frozen=True, slots=True)
class Fixable:
    """What a check's documentation says about mending its findings: ``safe``, what its safe
    fix does; ``unsafe``, what its unsafe fix does and why it is unsafe (either may be empty,
    not both); ``always``, whether every finding comes with a fix, or only some ("sometimes":
    those that ``safe`` and ``unsafe`` describe)."""

    safe: str = ""
    unsafe: str = ""
    always: bool = True

    def __post_init__(self) -> None:
        if not self.safe and not self.unsafe:
            raise ValueError("a fixable check says what its safe or its unsafe fix does")
        if self.always and self.safe and self.unsafe:
            raise ValueError("a check whose fix is sometimes safe and sometimes not is 'sometimes'")

    def allows(self, applicability: Applicability) -> bool:
        """Whether the documentation claims fixes of this ``applicability``."""
        return bool(self.safe if applicability is Applicability.SAFE else self.unsafe)

    def __str__(self) -> str:
        how = "yes" if self.always else "sometimes"
        if self.safe and self.unsafe:
            return f"{how}: safe {self.safe}; unsafe {self.unsafe}"
        if self.safe:
            return f"{how}, safe: {self.safe}"
        return f"{how}, unsafe: {self.unsafe}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about one place in one TwiML document.

    ``line`` and ``column`` are 1-based and point at the first character of what the finding
    is about (an element's ``<``, an attribute's name, the first character of text);
    ``end_line`` and ``end_column`` point just past its last character (for an element, the
    end of its start tag). When no end is given, the span is empty: the end is the start.
    ``path`` is the file the document came from, or ``None`` when it was given as a string or
    bytes. ``code`` (``TK101``) and ``rule`` (``unknown-attribute``) both name the check that
    found it and never change meaning. ``fix``, when present, mends it.
    """

    path: str | None
    line: int
    column: int
    code: str
    rule: str
    severity: Severity
    message: str
    end_line: int = 0
    end_column: int = 0
    fix: Fix | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.end_line == 0 or (self.end_line, self.end_column) < (self.line, self.column):
            object.__setattr__(self, "end_line", self.line)
            object.__setattr__(self, "end_column", self.column)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path or "", self.line, self.column, self.code)


#: What a value check does in a linted template, as its documentation says.
VALUE_CHECK_IN_TEMPLATES = (
    "not reported where a template variable wrote part of the value (twimlkit lint knows "
    "only a stand-in for it)."
)

#: Why some checks cannot be turned off, as their documentation says.
ALWAYS_REPORTED = (
    "yes, at error severity, whatever select, ignore, per-file-ignores and severity say: "
    "nothing else in the document was checked, so leaving this out would pass a document "
    "that was never read."
)

#: Examples longer than this many lines are shown with their middle left out.
LONGEST_EXAMPLE = 24


def shortened(example: str) -> str:
    """``example`` as documentation shows it: a long one keeps its first and last lines and
    says how many lines stand between them."""
    lines = example.splitlines()
    if len(lines) <= LONGEST_EXAMPLE:
        return example
    left_out = len(lines) - 8
    return "\n".join([*lines[:6], f"... ({left_out:,} more lines like these)", *lines[-2:]])


@dataclass(frozen=True, slots=True)
class Check:
    """A kind of finding: its stable code and slug, default severity and documentation.

    Every check, of the input, of the schema or a semantic rule, is documented the same way:
    ``summary`` (one line: what it finds), ``doc`` (what it finds and why it matters),
    ``bad`` (an example it reports), ``good`` (what to write instead), ``twilio_error`` (what
    Twilio does with the mistake) and ``fixable`` (whether twimlkit can mend it, and how
    safely: a :class:`Fixable`, or ``None``).

    ``value_check`` says that the check judges a value (an attribute's value or an element's
    text) that a template fills in with ``{{ ... }}``: linting a template, where every
    variable is a stand-in, such a finding is dropped when a stand-in wrote part of what it
    is about (see :mod:`twimlkit.template_lint`). Checks of names and nesting are not value
    checks: a template is to blame for those whatever its variables hold.

    ``always_reported`` says that a finding of the check means the document was not read
    (nothing else in it was checked): settings cannot leave it out or make it less than an
    error (:data:`ALWAYS_REPORTED`).
    """

    code: str
    rule: str
    severity: Severity
    summary: str
    doc: str = ""
    bad: str = ""
    good: str = ""
    twilio_error: str = ""
    fixable: Fixable | None = None
    value_check: bool = False
    always_reported: bool = False

    def at(
        self,
        path: str | None,
        line: int,
        column: int,
        message: str,
        end: tuple[int, int] | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A :class:`Diagnostic` of this kind from ``line``/``column`` to ``end`` in ``path``."""
        end_line, end_column = end if end is not None else (line, column)
        return Diagnostic(
            path, line, column, self.code, self.rule, self.severity, message, end_line,
            end_column, fix,
        )  # fmt: skip

    def fix_available(self) -> str:
        """Whether a fix is available, as the documentation says it: "no", "yes, safe: ...",
        "yes, unsafe: ..." or "sometimes ..."."""
        return "no" if self.fixable is None else str(self.fixable)

    def documentation(self) -> str:
        """The check's documentation as ``twimlkit rule NAME`` prints it."""
        import textwrap  # here: a lint prints no documentation

        parts = [f"{self.code} {self.rule} ({self.severity.value})", "", self.summary]
        if self.doc:
            parts += ["", self.doc]
        if self.bad:
            parts += ["", "Example:", "", textwrap.indent(shortened(self.bad), "    ")]
        if self.good:
            parts += ["", "Use instead:", "", textwrap.indent(shortened(self.good), "    ")]
        parts += [
            "",
            f"Twilio error it predicts: {self.twilio_error or 'none'}",
            f"Fix available: {self.fix_available()}",
        ]
        if self.value_check:
            parts.append(f"In a template: {VALUE_CHECK_IN_TEMPLATES}")
        if self.always_reported:
            parts.append(f"Always reported: {ALWAYS_REPORTED}")
        return "\n".join(parts)
