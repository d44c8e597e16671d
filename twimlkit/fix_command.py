"""``twimlkit lint --fix`` and ``--diff``: fixes applied to files, or shown as a diff.

The command line finds the files (:func:`twimlkit.cli.lint_paths`) and hands each one here.
A file is read once, fixed in memory (:func:`twimlkit.fix`), and written back only when it
changed: to a temporary file beside it, with the same mode and owner, which then replaces it in
one step (``os.replace``), so that a reader never sees half a file; a file with hard links is
written in place, so that every name sees the fix, and a link is written through to its
target (:func:`_write_back`). A file that changed on disk while it
was being fixed, or that cannot be written, is reported and left as it is. Templates are not
fixed: a fix is about the rendered document, not the template that writes it.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .diagnostic import Diagnostic
from .document import MAX_DOCUMENT_BYTES
from .fixer import FixResult, fix, fixable_counts
from .formats import FOR_PEOPLE, summary, tally
from .formats.options import OutputError
from .formatters import one_line
from .validate import Kind, validate

#: What a document read from standard input is called in output.
STDIN = "<stdin>"

#: A line with its line break: LF, CR LF or CR, as XML reads them.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass
class Fixing:
    """The fixing of one ``twimlkit lint`` run: what to apply, and what it did.

    With ``diff``, nothing is written: :attr:`diffs` gathers what would change. ``say``
    reports a note or a problem on standard error."""

    unsafe: bool
    diff: bool
    kind: Kind | None
    say: Callable[[str], None]
    #: How many findings were mended (or would be, with ``diff``), and in how many files.
    fixed: int = 0
    files: int = 0
    #: Unified diffs of what would change, with ``diff``.
    diffs: list[str] = field(default_factory=list)
    #: Files that could not be written, changed while they were fixed, or whose fixing
    #: stopped with fixes still to apply: each makes the exit status 2.
    failed: int = 0
    #: The fixed document from standard input, written to standard output.
    stdin_document: bytes | None = None

    def file(self, path: Path, settings: Settings) -> list[Diagnostic]:
        """Fix the document in ``path`` with its ``settings`` (or show its diff) and return
        what remains wrong."""
        try:
            with path.open("rb") as handle:
                before = handle.read(MAX_DOCUMENT_BYTES + 1)
            mode = os.stat(path).st_mode
        except OSError:
            return validate(path, kind=self.kind, settings=settings)  # says why it cannot
        result = fix(before, unsafe=self.unsafe, kind=self.kind, path=str(path), settings=settings)
        self._report(str(path), result)
        if not result.changed:
            return result.diagnostics
        if self.diff:
            return result.diagnostics
        if not stat.S_ISREG(mode):
            self.say(f"twimlkit: error: {path} is not a regular file; it was not fixed")
            return self._unfixed(before, str(path), settings)
        trouble = _write_back(path, before, result.data, mode)
        if trouble is not None:
            self.say(f"twimlkit: error: {path} was not fixed: {trouble}")
            return self._unfixed(before, str(path), settings)
        self.fixed += len(result.applied)
        self.files += 1
        return result.diagnostics

    def stdin(self, data: bytes, settings: Settings, name: str = STDIN) -> list[Diagnostic]:
        """Fix the document read from standard input, reported as ``name``; the fixed
        document (the same when nothing applied) is kept for standard output, unless this is
        a diff."""
        result = fix(data, unsafe=self.unsafe, kind=self.kind, path=name, settings=settings)
        self._report(name, result)
        if not self.diff:
            self.stdin_document = result.data if result.original else data
            if result.changed:
                self.fixed += len(result.applied)
                self.files += 1
        return result.diagnostics

    def template(self, path: Path, found: list[Diagnostic]) -> list[Diagnostic]:
        """A template's findings, with the note that templates are not fixed."""
        if found:
            self.say(f"twimlkit: {path} is a template; templates are not fixed, only checked")
        return found

    def _report(self, name: str, result: FixResult) -> None:
        if result.problem is not None:
            self.say(f"twimlkit: error: {name}: {result.problem}")
            self.failed += 1
        if self.diff and result.changed:
            self.diffs.append(unified_diff(name, result.original, result.text))
            self.fixed += len(result.applied)
            self.files += 1

    def _unfixed(self, data: bytes, name: str, settings: Settings) -> list[Diagnostic]:
        self.failed += 1
        return validate(data, kind=self.kind, path=name, settings=settings)

    def check_output(self, format_name: str, statistics: bool) -> None:
        """Raise :class:`~twimlkit.formats.options.OutputError` when the report asked for
        cannot be had: a diff takes the place of the report, so ``--diff`` goes with the
        formats for people only, and not with ``--statistics``."""
        if not self.diff:
            return
        if format_name not in FOR_PEOPLE or statistics:
            asked = "--statistics" if statistics else f"--output-format {format_name}"
            raise OutputError(
                f"--diff prints a diff, not a report, so {asked} cannot go with it; for a "
                "report of what fixing leaves, use --fix on a copy, or lint without --diff"
            )

    def summary(self, remaining: Sequence[Diagnostic]) -> list[str]:
        """The lines that say what was fixed (or would be, with a diff), what remains
        (``remaining``) and what ``--unsafe-fixes`` would mend besides."""
        problems = f"{self.fixed} problem{'s' if self.fixed != 1 else ''}"
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        if self.diff:  # the findings are not shown: what remains is counted here
            if remaining:
                them = "them" if len(remaining) != 1 else "it"
                how = f"(twimlkit lint without --diff lists {them})"
                after = (
                    f"{tally(remaining, 'would remain')} {how}"
                    if self.fixed
                    else f"found {tally(remaining)} {how}"
                )
            else:
                after = "no problems would remain" if self.fixed else "no problems found"
            before = f"Would fix {problems} in {files}" if self.fixed else "Nothing to fix"
            lines = [f"{before}; {after}."]
        else:
            done = f"Fixed {problems} in {files}." if self.fixed else "Nothing fixed."
            lines = [done, summary(remaining)]
        if hint := self._hint(remaining):
            lines.append(hint)
        return lines

    def _hint(self, remaining: Sequence[Diagnostic]) -> str:
        """What fixing again could mend of ``remaining``: the unsafe fixes not applied, or
        fixes that could not be (a file not written)."""
        safe, unsafe = fixable_counts(remaining)
        option = "--diff" if self.diff else "--fix"
        if self.unsafe:
            safe, unsafe = safe + unsafe, 0
        if safe and unsafe:
            return f"{safe} fixable with {option} ({unsafe} more with {option} --unsafe-fixes)."
        if safe:
            return f"{safe} fixable with {option}{' --unsafe-fixes' if self.unsafe else ''}."
        if unsafe:
            return f"{unsafe} fixable with {option} --unsafe-fixes."
        return ""


def unified_diff(name: str, before: str, after: str) -> str:
    """A unified diff from ``before`` to ``after``, both called ``name`` (with control
    characters escaped, so that a file name cannot forge a line). Lines are split where XML
    breaks them (LF, CR LF, CR); a line that ends in a lone CR is shown ending in LF, so that
    a terminal does not write the next line over it (CR LF is shown as written); a last line
    without a line break is marked as ``diff`` marks it."""
    shown = one_line(name)
    lines = difflib.unified_diff(
        _LINE.findall(before), _LINE.findall(after), fromfile=shown, tofile=shown
    )
    out = []
    for line in lines:
        if line.endswith("\r\n") or line.endswith("\n"):
            out.append(line)
        elif line.endswith("\r"):
            out.append(line[:-1] + "\n")
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _write_back(path: Path, before: bytes, data: bytes, mode: int) -> str | None:
    """Write ``data`` to the file at ``path`` (the file a link points to, for a link), if it
    still holds ``before``; why not, when it cannot.

    A file without write permission (no write bit in its mode, which root would otherwise
    pass over, or one the user may not write) is left alone. Otherwise the file is replaced
    in one step by a temporary file beside it, with a short name (so that a long file name
    still has room), the file's mode, and its owner and group where they can be given; a
    file with other names (hard links), or whose owner cannot be given to the temporary
    file, is written in place instead, so that it stays the file every name sees."""
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except OSError as error:
        return f"cannot write it: {error.strerror or error}"
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        target, os.W_OK
    ):
        return "it is not writable"
    if info.st_nlink > 1:
        return _write_in_place(target, before, data)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".twimlkit-")
    except OSError as error:
        return f"cannot write in {target.parent}: {error.strerror or error}"
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(mode))
        kept = os.stat(temporary)
        if (kept.st_uid, kept.st_gid) != (info.st_uid, info.st_gid):
            try:
                os.chown(temporary, info.st_uid, info.st_gid)
                os.chmod(temporary, stat.S_IMODE(mode))  # chown clears set-user/group-id
            except OSError:  # not ours to give: keep the file itself
                os.unlink(temporary)
                return _write_in_place(target, before, data)
        with target.open("rb") as current:
            if current.read(MAX_DOCUMENT_BYTES + 1) != before:
                os.unlink(temporary)
                return _CHANGED
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return f"cannot write it: {error.strerror or error}"
    return None


_CHANGED = "it changed on disk while it was being fixed; run twimlkit again"


def _write_in_place(target: Path, before: bytes, data: bytes) -> str | None:
    """Write ``data`` over the file at ``target`` itself, if it still holds ``before``."""
    try:
        with target.open("r+b") as file:
            if file.read(MAX_DOCUMENT_BYTES + 1) != before:
                return _CHANGED
            file.seek(0)
            file.write(data)
            file.truncate()
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        return f"cannot write it: {error.strerror or error}"
    return None
