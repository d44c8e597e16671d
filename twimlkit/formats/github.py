"""``github``: GitHub Actions workflow commands, which GitHub shows as annotations on the lines
of a pull request and of the commit.

One command a finding, ``::error file=PATH,line=L,endLine=L,col=C,endColumn=C,title=T::MESSAGE``
(``error``, ``warning`` or ``notice`` by severity), escaped as GitHub documents: in the
message ``%``, CR and LF are written ``%25``, ``%0D`` and ``%0A``, and in a property value
``:`` and ``,`` too (``%3A``, ``%2C``). Any other control character, and a byte of a file
name that is not UTF-8, is written as :func:`~twimlkit.formatters.one_line` writes it
(``\\x1b``). Columns are given only for a span on one line, as GitHub takes them. The file is
relative to the report's root: run twimlkit from the top of the repository.

GitHub annotates only the first :data:`PER_STEP` errors, warnings and notices of a step, so a
summary line follows the commands: the counts and, when some findings were not annotated,
how many and how to see them all.
"""

from __future__ import annotations

from collections import Counter

from ..diagnostic import Diagnostic, Severity
from ..formatters import NO_PATH, one_line
from . import Report, relative_path, summary

#: GitHub shows at most this many annotations of each kind (error, warning, notice) a step.
PER_STEP = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """``text`` as the message of a workflow command."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(escaped)


def escape_property(text: str) -> str:
    """``text`` as the value of a property (``file=``, ``title=``) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(diagnostic: Diagnostic, root: str = ".") -> str:
    """The workflow command that annotates ``diagnostic``."""
    path = diagnostic.path or NO_PATH
    properties = [
        ("file", relative_path(path, root) or path),
        ("line", str(diagnostic.line)),
        ("endLine", str(diagnostic.end_line)),
    ]
    if diagnostic.end_line == diagnostic.line:
        properties += [("col", str(diagnostic.column)), ("endColumn", str(diagnostic.end_column))]
    else:
        properties.append(("col", str(diagnostic.column)))
    properties.append(("title", f"{diagnostic.code} {diagnostic.rule}"))
    written = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{COMMANDS[diagnostic.severity]} {written}::{escape_data(diagnostic.message)}"


def emit(report: Report) -> str:
    lines = [command(d, report.root) for d in report.diagnostics]
    kinds = Counter(COMMANDS[d.severity] for d in report.diagnostics)
    hidden = {kind: n - PER_STEP for kind, n in kinds.items() if n > PER_STEP}
    closing = f"twimlkit: {summary(report.diagnostics)}"
    if hidden:
        left_out = ", ".join(
            f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(hidden.items())
        )
        closing += (
            f" Not annotated: {left_out} (GitHub annotates only the first {PER_STEP} errors, "
            f"{PER_STEP} warnings and {PER_STEP} notices of a step); "
            "`twimlkit lint --output-format concise` lists every finding, and code scanning "
            "shows them all when `--output-format sarif` is uploaded."
        )
    lines.append(closing)
    return "".join(line + "\n" for line in lines)
