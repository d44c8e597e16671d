"""Comments that silence checks: ``<!-- twimlkit: disable=NAME[,NAME] -->`` for the element that
follows the comment (and everything inside it), ``<!-- twimlkit: disable-file=NAME -->`` for
the whole document. A name is anything ``--select`` takes: a slug, a code, a code prefix
(``TK2``) or ``ALL``, resolved by the registry. ``<!-- twimlkit: kind=messaging -->`` (or
``voice``) says which kind of TwiML the document is (:func:`declared_kind`).

A finding is silenced by a comment when it lies in the element that comes next after the
comment within the same parent, from that element's start tag to its end tag: exact on a
one-line document. The work
is one scan of the text and one sweep over the findings, whatever the number of comments."""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable

from . import checks, registry
from .diagnostic import Diagnostic
from .document import Document
from .schema import KINDS, Kind

_PREFIX = "twimlkit:"
_MODES = ("disable", "disable-file")
_NAMES = re.compile(r"[\w\s,-]*")  # no nested repetition: linear on any comment


def _parsed(comment: str, modes: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """``(mode, values)`` of a ``twimlkit: MODE=VALUE[,VALUE]`` comment's text whose mode is
    one of ``modes``, or ``None``."""
    body = comment.strip()
    if not body.startswith(_PREFIX):
        return None
    mode, equals, names = body[len(_PREFIX) :].partition("=")
    mode = mode.strip()
    if not equals or mode not in modes or not _NAMES.fullmatch(names):
        return None
    return mode, [name.strip() for name in names.split(",") if name.strip()]


def _directive(comment: str) -> tuple[str, list[str]] | None:
    """``(mode, names)`` of a ``twimlkit: disable...`` comment's text, or ``None``."""
    return _parsed(comment, _MODES)


def kind_directive(comment: str) -> tuple[Kind | None, str | None] | None:
    """For a ``twimlkit: kind=KIND`` comment's text, ``(kind, None)``, or ``(None, message)``
    when it names no kind (one of :data:`twimlkit.schema.KINDS`); ``None`` for any other
    comment."""
    found = _parsed(comment, ("kind",))
    if found is None:
        return None
    values = found[1]
    named = next((kind for kind in KINDS if [kind] == values), None)
    if named is not None:
        return named, None
    written = ",".join(values)
    import difflib  # here: only a misspelt kind needs a suggestion

    close = difflib.get_close_matches(written.lower(), KINDS, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return None, (
        f"the twimlkit comment names kind {written!r}, which is not one of {', '.join(KINDS)}{hint}"
    )


def first_kind(
    text: str,
    comments: Iterable[tuple[int, int, str]],
    unknown: Callable[[str, int, int], Diagnostic],
) -> tuple[Kind | None, list[Diagnostic]]:
    """The kind the first ``twimlkit: kind=`` comment among ``comments`` gives, and, made by
    ``unknown(message, start, end)``, a finding for each such comment that names no kind.
    Each comment is its start and end offsets in ``text`` and what stands between its
    delimiters; XML documents (:func:`declared_kind`) and templates (Jinja2's comments
    too) both read their kind here."""
    if _PREFIX not in text:
        return None, []
    kind: Kind | None = None
    found: list[Diagnostic] = []
    for start, end, body in comments:
        directive = kind_directive(body)
        if directive is None:
            continue
        named, message = directive
        if message is not None:
            found.append(unknown(message, start, end))
        elif kind is None:
            kind = named
    return kind, found


def declared_kind(document: Document) -> tuple[Kind | None, list[Diagnostic]]:
    """The kind the document's first ``twimlkit: kind=`` comment gives, and a finding for
    each such comment that names no kind."""
    text = document.text
    return first_kind(
        text,
        ((start, end, text[start + 4 : end - 3]) for start, end in document.comments()),
        functools.partial(_unknown, document),
    )


def suppressed(document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` without those the document's own comments silence, with a finding for
    each name in a comment that selects no check (itself subject to the comments)."""
    text = document.text
    if _PREFIX not in text:
        return diagnostics
    whole_file: set[str] = set()
    extents: list[tuple[int, int, frozenset[str]]] = []
    found = list(diagnostics)
    elements = document.start_offsets()
    starts = [start for start, _ in elements]
    open_elements: list[tuple[int, int]] = []  # the elements holding the current comment
    entered = 0
    for start, end in document.comments():
        while entered < len(elements) and elements[entered][0] < start:
            while open_elements and open_elements[-1][1] <= elements[entered][0]:
                open_elements.pop()  # closed before this one opens
            open_elements.append(elements[entered])
            entered += 1
        while open_elements and open_elements[-1][1] <= start:
            open_elements.pop()
        directive = _directive(text[start + 4 : end - 3])
        if directive is None:
            continue
        mode, names = directive
        selected: set[str] = set()
        for name in dict.fromkeys(names):
            rules, unknown = _selection(name)
            if unknown is not None:
                found.append(_unknown(document, unknown, start, end))
            selected |= rules
        if mode == "disable-file":
            whole_file |= selected
            continue
        # The element after the comment, among the comment's siblings: a comment that ends
        # its parent's content silences nothing outside it.
        following = bisect.bisect_left(starts, end)
        parent_end = open_elements[-1][1] if open_elements else len(text)
        if following < len(elements) and elements[following][0] < parent_end and selected:
            extents.append((*elements[following], frozenset(selected)))
    return _without_silenced(document, found, whole_file, extents)


@functools.lru_cache(maxsize=1024)
def _selection(name: str) -> tuple[frozenset[str], str | None]:
    """The rules ``name`` selects, and the message for a name that selects none: worked out
    once for a name written in many comments (a suggestion costs a search of every name)."""
    rules = frozenset(check.rule for check in registry.matching(name))
    if rules:
        return rules, None
    suggestion = registry.suggest(name)
    hint = f"; did you mean {suggestion!r}?" if suggestion else " (see twimlkit rules)"
    return rules, f"the twimlkit comment names {name!r}, which is not a twimlkit check{hint}"


def _unknown(document: Document, message: str, start: int, end: int) -> Diagnostic:
    (line, column), comment_end = document.line_column(start), document.line_column(end)
    return checks.UNKNOWN_SUPPRESSION.at(document.path, line, column, message, comment_end)


def _without_silenced(
    document: Document,
    found: list[Diagnostic],
    whole_file: set[str],
    extents: list[tuple[int, int, frozenset[str]]],
) -> list[Diagnostic]:
    """``found`` without what ``whole_file`` names or an extent holding it names: one sweep
    over the findings in offset order, the extents that hold the current offset on a heap."""
    extents.sort()
    active: list[tuple[int, int]] = []  # (end, index of its extent) of the extents begun
    silenced_here: Counter[str] = Counter()
    upcoming = 0
    placed = sorted((document.offset(d.line, d.column), i) for i, d in enumerate(found))
    silenced: set[int] = set()
    for offset, index in placed:
        while upcoming < len(extents) and extents[upcoming][0] <= offset:
            heapq.heappush(active, (extents[upcoming][1], upcoming))
            silenced_here.update(extents[upcoming][2])
            upcoming += 1
        while active and active[0][0] <= offset:
            _, ended = heapq.heappop(active)
            silenced_here.subtract(extents[ended][2])
        rule = found[index].rule
        if rule in whole_file or silenced_here[rule] > 0:
            silenced.add(index)
    return [d for i, d in enumerate(found) if i not in silenced]
