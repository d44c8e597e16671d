"""Applying fixes: ``twimlkit.fix()``, which ``twimlkit lint --fix`` and ``--diff`` call.

A finding may carry a :class:`~twimlkit.diagnostic.Fix`: edits of the document's text, safe or
unsafe. :func:`fix` applies them to the text as it was read, so that everything an edit does
not touch stays byte for byte: formatting, comments, line endings (CR LF too), a byte-order
mark, the XML declaration and its encoding. It works in rounds: validate, apply every fix that
does not overlap one already taken in the round, validate the result again, until no fix is
left to apply. A fix that mends one thing may show the next (a value in the right case lets a
rule read it), hence rounds; their number is bounded, and reaching the bound is reported in
the result (:attr:`FixResult.problem`), never passed over in silence. So is a round whose result
no longer parses: it is not kept.

A fix never changes what a valid document means: a document without findings gets no fix.
"""

from __future__ import annotations

import bisect
import itertools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .diagnostic import Diagnostic, Edit
from .document import MAX_DOCUMENT_BYTES, DocumentError, Lines, Source, read_document, read_source
from .validate import KINDS, Kind, validate

if TYPE_CHECKING:
    from .config import Settings

__all__ = ["MAX_ROUNDS", "FixResult", "apply_fixes", "fix", "fix_hint", "fixable_counts"]

#: The most rounds of fixes :func:`fix` makes on one document. A document with a long run of
#: one mistake that can only be found one at a time (a bare ``&``: XML stops at the first)
#: needs one round for each.
MAX_ROUNDS = 100

_BOM = "\ufeff"

#: Which findings to act on and report: what ``[tool.twimlkit]`` and ``--select`` keep.
Selection = Callable[[list[Diagnostic]], list[Diagnostic]]


@dataclass(frozen=True)
class FixResult:
    """What :func:`fix` did to a document.

    ``text`` is the fixed document (the source itself when nothing applied; a byte-order
    mark, if the source had one, is its first character), ``original`` the document as read;
    ``applied``, the findings mended, each with the fix that mended it, in the order applied;
    ``diagnostics``, what is still wrong with ``text``; ``rounds``, how many rounds changed
    it; ``problem``, why fixing stopped with fixes still to apply (``None`` when it did not).
    When the source cannot be read as text (a file that cannot be opened, bytes that are
    not UTF-8), ``text`` and ``original`` are empty and ``diagnostics`` says why: write
    :attr:`data` back only when :attr:`changed`.
    """

    text: str
    original: str
    applied: tuple[Diagnostic, ...] = ()
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rounds: int = 0
    problem: str | None = None

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def data(self) -> bytes:
        """``text`` as UTF-8 bytes, as the file is written."""
        return self.text.encode("utf-8", errors="surrogatepass")


def fix(
    source: Source,
    *,
    unsafe: bool = False,
    kind: Kind | None = None,
    path: str | None = None,
    settings: Settings | None = None,
    select: Selection | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> FixResult:
    """Apply the fixes twimlkit knows to a TwiML document, and return the fixed text with
    what remains wrong with it (a :class:`FixResult`).

    ``source`` is the document as ``str`` or ``bytes``, or a file as an
    :class:`os.PathLike` (read, not written: the caller decides where the result goes).
    Only safe fixes are applied, and unsafe ones too with ``unsafe``. ``kind`` and ``path``
    and ``settings`` are as for :func:`twimlkit.validate` (``settings`` choose the checks,
    and so the findings fixed); ``select`` keeps the findings to act on and report (by
    default, all). A document that cannot be read as UTF-8 is returned unchanged, with
    the finding that says why.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if max_rounds < 0:
        raise ValueError("max_rounds cannot be negative")
    if isinstance(source, str):
        text = source
    else:
        if isinstance(source, os.PathLike) and path is None:
            path = os.fspath(source)
        try:
            data, path = read_source(source, path=path, max_bytes=MAX_DOCUMENT_BYTES)
            text = data.decode("utf-8")
        except (DocumentError, UnicodeDecodeError):
            found = validate(source, kind=kind, path=path, settings=settings)
            return FixResult("", "", diagnostics=_selected(found, select))
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom) :]

    def check(document: str) -> list[Diagnostic]:
        return _selected(validate(document, kind=kind, path=path, settings=settings), select)

    found = check(body)
    readable = _parses(body)
    applied: list[Diagnostic] = []
    rounds, problem = 0, None
    while _candidates(found, unsafe):
        if rounds == max_rounds:
            rounds_done = f"{max_rounds} round{'s' if max_rounds != 1 else ''}"
            problem = f"stopped after {rounds_done} of fixes with fixes still to apply"
            break
        fixed, done = apply_fixes(body, found, unsafe=unsafe)
        if not done:
            problem = (
                "a fix could not be applied: its edits point outside the document or overlap "
                "each other"
            )
            break
        why = _parses(fixed)  # whether the checks chosen would say so or not
        if readable is True and why is not True and len(done) > 1:
            # Fixes sound each on its own may clash (two misspelt attributes renamed to one
            # name): this round takes the first alone, and the next is judged afresh.
            fixed, done = apply_fixes(body, done[:1], unsafe=unsafe)
            why = _parses(fixed)
        if readable is True and why is not True:
            problem = (
                f"fixing would leave a document that cannot be read ({why}); those fixes "
                "were not applied"
            )
            break
        body, found, rounds = fixed, check(fixed), rounds + 1
        readable = why
        applied += done
    return FixResult(bom + body, text, tuple(applied), found, rounds, problem)


def _selected(found: list[Diagnostic], select: Selection | None) -> list[Diagnostic]:
    return found if select is None else select(found)


def _parses(text: str) -> bool | str:
    """True when ``text`` reads as an XML document, or why not."""
    try:
        read_document(text)
    except DocumentError as error:
        return error.diagnostic.message
    return True


def _candidates(found: Sequence[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    return [d for d in found if d.fix is not None and d.fix.edits and (unsafe or d.fix.safe)]


def apply_fixes(
    text: str, diagnostics: Sequence[Diagnostic], *, unsafe: bool = False
) -> tuple[str, list[Diagnostic]]:
    """One round: ``text`` with the fixes of ``diagnostics`` applied (the safe ones, and
    the unsafe ones too with ``unsafe``), and the findings whose fixes were applied.

    Fixes are taken in document order; one whose edits overlap (or touch at the same
    position) those of a fix already taken waits for the next round, when the document has
    been checked again. A fix is applied whole or not at all. An edit that does not point
    into ``text`` (its line or column past the end) keeps its fix out."""
    lines = Lines(text)
    taken = _Taken()
    replacements: list[tuple[int, int, str]] = []
    applied: list[Diagnostic] = []
    for diagnostic in sorted(_candidates(diagnostics, unsafe), key=_first_edit):
        assert diagnostic.fix is not None
        spans = [_offsets(lines, text, edit) for edit in diagnostic.fix.edits]
        if any(span is None for span in spans):
            continue
        placed = sorted(
            (span[0], span[1], edit.replacement)
            for span, edit in zip(spans, diagnostic.fix.edits, strict=True)
            if span is not None
        )
        if any(_overlap(one[:2], other[:2]) for one, other in itertools.pairwise(placed)) or any(
            taken.overlaps(start, end) for start, end, _ in placed
        ):
            continue
        for start, end, _ in placed:
            taken.add(start, end)
        replacements += placed
        applied.append(diagnostic)
    pieces: list[str] = []
    position = 0
    for start, end, replacement in sorted(replacements):
        pieces += [text[position:start], replacement]
        position = end
    pieces.append(text[position:])
    return "".join(pieces), applied


class _Taken:
    """The spans of the edits taken in a round, which do not overlap, in order: whether a
    span overlaps one of them is told by its two neighbours alone, found by a binary search,
    rather than by comparing it with every span taken. Fixes come in document order, so a
    span is nearly always added at the end; one that is not (the end tag of an element
    renamed) is inserted in the list, and elements nest only so deep."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start)
        # The span taken that starts at or before ``start``, and the one after it: any other
        # lies wholly before the first or after the second, as the spans do not overlap.
        return any(
            _overlap((start, end), (self.starts[at], self.ends[at]))
            for at in (index - 1, index)
            if 0 <= at < len(self.starts)
        )

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_right(self.starts, start)
        if index == len(self.starts):  # in document order, as nearly every edit comes
            self.starts.append(start)
            self.ends.append(end)
        else:
            self.starts.insert(index, start)
            self.ends.insert(index, end)


def _first_edit(diagnostic: Diagnostic) -> tuple[int, int]:
    assert diagnostic.fix is not None
    return min((edit.line, edit.column) for edit in diagnostic.fix.edits)


def _offsets(lines: Lines, text: str, edit: Edit) -> tuple[int, int] | None:
    """The offsets an edit stands for in ``text``, or ``None`` when it does not point into
    it: each position must be on a line of the text, within it or just past its end."""
    found = []
    for line, column in ((edit.line, edit.column), (edit.end_line, edit.end_column)):
        if not 1 <= line <= len(lines.starts) or column < 1:
            return None
        offset = lines.offset(line, column)
        line_end = lines.starts[line] if line < len(lines.starts) else len(text)
        if offset > line_end:
            return None
        found.append(offset)
    start, end = found
    return (start, end) if start <= end else None


def _overlap(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return (one[0] < other[1] and other[0] < one[1]) or one[0] == other[0]


def fixable_counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    """How many of ``diagnostics`` have a safe fix, and how many an unsafe one."""
    safe = sum(d.fix is not None and d.fix.safe for d in diagnostics)
    return safe, sum(d.fix is not None for d in diagnostics) - safe


def fix_hint(found: Sequence[Diagnostic], *, unsafe: bool = False) -> str:
    """What ``twimlkit lint --fix`` could do about ``found``, in a line: how many safe fixes
    (and how many unsafe ones more), or with ``unsafe`` (``--unsafe-fixes``), every fix;
    nothing when there is none to tell."""
    safe, unsafe_count = fixable_counts(found)
    if unsafe:
        total = safe + unsafe_count
        return f"{total} fixable with --fix --unsafe-fixes.\n" if total else ""
    if safe and unsafe_count:
        return f"{safe} fixable with --fix ({unsafe_count} more with --fix --unsafe-fixes).\n"
    if safe:
        return f"{safe} fixable with --fix.\n"
    return ""  # unsafe fixes alone are listed with --unsafe-fixes
