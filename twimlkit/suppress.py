"""Comments that silence rules: ``<!-- twimlkit: disable=SLUG[,SLUG] -->`` for the element that
follows the comment (and everything inside it), ``<!-- twimlkit: disable-file=SLUG -->`` for
the whole document. Codes (TK201) work as well as slugs."""

from __future__ import annotations

import re

from lxml import etree

from . import checks, registry
from .diagnostic import Diagnostic
from .document import Document, Span

_DIRECTIVE = re.compile(r"^\s*twimlkit:\s*(disable|disable-file)\s*=\s*([\w\s,-]+?)\s*$")


def _names(text: str) -> set[str]:
    return {name.strip() for name in text.split(",") if name.strip()}


def _next_element(document: Document, comment: etree._Element) -> etree._Element | None:
    """The element that follows ``comment`` in document order."""
    if comment.getparent() is None:  # before or after the root element
        return document.root if comment in _before_root(document) else None
    found = comment.xpath("following::*[1]")
    return found[0] if isinstance(found, list) and found else None  # type: ignore[return-value]


def _before_root(document: Document) -> list[etree._Element]:
    return list(document.root.itersiblings(preceding=True))


def suppressed(document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` without those the document's own comments silence."""
    if "twimlkit:" not in document.text:
        return diagnostics
    whole_file: set[str] = set()
    extents: list[tuple[int, int, set[str]]] = []
    unknown: list[tuple[etree._Element, str]] = []
    nodes = [*_before_root(document), *document.root.iter(), *document.root.itersiblings()]
    for comment in nodes:
        if not isinstance(comment, etree._Comment):
            continue
        match = _DIRECTIVE.match(comment.text or "")
        if not match:
            continue
        names = _names(match.group(2))
        unknown.extend((comment, name) for name in sorted(names) if registry.find(name) is None)
        if match.group(1) == "disable-file":
            whole_file |= names
            continue
        element = _next_element(document, comment)
        if element is not None:
            start, end = document.element_extent(element)
            extents.append((start, end, names))
    kept = [d for d in diagnostics if not _silenced(document, d, whole_file, extents)]
    for comment, name in unknown:
        (line, column), comment_end = _comment_span(document, comment)
        kept.append(
            checks.UNKNOWN_SUPPRESSION.at(
                document.path,
                line,
                column,
                f"the twimlkit comment names {name!r}, which is not a twimlkit check "
                "(see twimlkit rules)",
                comment_end,
            )
        )
    return kept


def _comment_span(document: Document, comment: etree._Element) -> Span:
    """Where ``comment`` is, from its ``<!--`` to just past its ``-->``. lxml gives comments
    only a line, and that is the line where the comment ends: its place is found in the text,
    after the element (or start tag) that comes before it and the comments in between."""
    start, skip = 0, 0
    node = comment.getprevious()
    while node is not None and not isinstance(node.tag, str):
        skip += isinstance(node, etree._Comment)
        node = node.getprevious()
    parent = comment.getparent()
    if node is not None:
        start = document.element_extent(node)[1]
    elif parent is not None:
        start = document.offset(*document.element_span(parent)[1])
    text = document.text
    for _ in range(skip + 1):
        found = text.find("<!--", start)
        if found < 0:  # pragma: no cover - every comment is in the text
            break
        start = found + 1
    start = max(start - 1, 0)
    end = text.find("-->", start + 4)
    return document.line_column(start), document.line_column(end + 3 if end >= 0 else start)


def _silenced(
    document: Document,
    diagnostic: Diagnostic,
    whole_file: set[str],
    extents: list[tuple[int, int, set[str]]],
) -> bool:
    """Whether a comment silences ``diagnostic``: one for the whole file, or one before the
    element that the finding's position lies in (from its start tag to its end tag)."""
    names = {diagnostic.rule, diagnostic.code}
    if names & whole_file:
        return True
    offset = document.offset(diagnostic.line, diagnostic.column)
    return any(start <= offset < end and names & n for start, end, n in extents)
