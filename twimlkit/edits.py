"""Fixes written as edits of a document's own text: a new value for an attribute, a new name
for an attribute or an element. The checks that know a correction (:mod:`twimlkit.schema`,
:mod:`twimlkit.rules`) ask here for the :class:`~twimlkit.diagnostic.Fix` that writes it.

Each edit replaces only what it mends, found where the document writes it: the quotes, the
white space between attributes, the end tag's spacing and everything else stay as written.
When the text is not as expected (nothing known does that), no fix is offered rather than a
wrong one.
"""

from __future__ import annotations

import re

from lxml import etree

from .diagnostic import Applicability, Edit, Fix
from .document import XML_SPACE, Document, lxml_attribute_key

_ESCAPES = {"&": "&amp;", "<": "&lt;", '"': "&quot;", "'": "&apos;"}
_NAME = re.compile(r"[A-Za-z_][\w.-]*\Z")


def _escaped(value: str, quote: str) -> str:
    """``value`` as it may be written between ``quote`` characters."""
    return "".join(_ESCAPES[c] if c in "&<" or c == quote else c for c in value)


def _referenced(spaces: str) -> str:
    """White space written as character references, which XML reads back as written."""
    return "".join(f"&#{ord(character)};" for character in spaces)


def _edit(document: Document, start: int, end: int, replacement: str) -> Edit:
    (line, column), (end_line, end_column) = (
        document.line_column(start),
        document.line_column(end),
    )
    return Edit(line, column, end_line, end_column, replacement)


def _value_offsets(document: Document, element: etree._Element, name: str) -> tuple[int, int]:
    """The offsets of attribute ``name``'s value as written between its quotes, or (-1, -1)."""
    (line, column), (end_line, end_column) = document.attribute_span(element, name)
    start, end = document.offset(line, column), document.offset(end_line, end_column)
    text = document.text
    written = text[start:end]
    if not written.startswith(name) or len(written) < len(name) + 3:
        return -1, -1
    rest = written[len(name) :].lstrip(XML_SPACE)
    if not rest.startswith("="):
        return -1, -1
    quoted = rest[1:].lstrip(XML_SPACE)
    if len(quoted) < 2 or quoted[0] not in "\"'" or quoted[-1] != quoted[0]:
        return -1, -1
    return end - len(quoted) + 1, end - 1


def set_value(
    document: Document,
    element: etree._Element,
    name: str,
    value: str,
    description: str,
    applicability: Applicability = Applicability.SAFE,
    *,
    trim: bool = False,
) -> Fix | None:
    """A fix that makes attribute ``name`` of ``element`` read ``value`` between the white
    space around it (which stays as written), or without that white space with ``trim``."""
    start, end = _value_offsets(document, element, name)
    if start < 0:
        return None
    written, quote = document.text[start:end], document.text[end]
    if trim:
        replacement = _escaped(value, quote)
    elif "&" not in written:  # as read, but for line breaks: keep the padding as written
        inner = written.strip(XML_SPACE)
        start += len(written) - len(written.lstrip(XML_SPACE))
        end = start + len(inner)
        replacement = _escaped(value, quote)
    else:  # references: write the value's padding as references, read back the same
        read = element.get(lxml_attribute_key(name))
        if read is None:
            return None
        lead = read[: len(read) - len(read.lstrip(XML_SPACE))]
        trail = read[len(read.rstrip(XML_SPACE)) :] if read.strip(XML_SPACE) else ""
        replacement = _referenced(lead) + _escaped(value, quote) + _referenced(trail)
    if document.text[start:end] == replacement:
        return None
    return Fix(description, (_edit(document, start, end, replacement),), applicability)


def rename_attribute(
    document: Document,
    element: etree._Element,
    name: str,
    new_name: str,
    description: str,
    applicability: Applicability = Applicability.UNSAFE,
) -> Fix | None:
    """A fix that renames attribute ``name`` of ``element`` to ``new_name``; none when the
    element has a ``new_name`` already (two would not be XML) or a name is namespaced."""
    if not _NAME.match(name) or not _NAME.match(new_name) or element.get(new_name) is not None:
        return None
    start, _ = _value_offsets(document, element, name)
    if start < 0:
        return None
    (line, column), _ = document.attribute_span(element, name)
    begin = document.offset(line, column)
    return Fix(description, (_edit(document, begin, begin + len(name), new_name),), applicability)


def rename_element(
    document: Document,
    element: etree._Element,
    name: str,
    new_name: str,
    description: str,
    applicability: Applicability = Applicability.UNSAFE,
) -> Fix | None:
    """A fix that renames ``element``, written ``name``, to ``new_name``, in its start tag
    and its end tag; none for a namespaced name."""
    if not _NAME.match(name) or not _NAME.match(new_name):
        return None
    text = document.text
    start, after = document.element_extent(element)
    (_, _), (end_line, end_column) = document.element_span(element)
    content = document.offset(end_line, end_column)
    if not text.startswith(f"<{name}", start) or text[start + 1 + len(name)] not in " \t\r\n/>":
        return None
    edits = [_edit(document, start + 1, start + 1 + len(name), new_name)]
    if after > content:  # not an empty-element tag: it has an end tag
        closing = text.rfind("</", content, after)
        if closing < 0 or not re.fullmatch(rf"</{re.escape(name)}[ \t\r\n]*>", text[closing:after]):
            return None
        edits.append(_edit(document, closing + 2, closing + 2 + len(name), new_name))
    return Fix(description, tuple(edits), applicability)


def remove_attribute(
    document: Document,
    element: etree._Element,
    name: str,
    description: str,
    applicability: Applicability = Applicability.SAFE,
) -> Fix | None:
    """A fix that removes attribute ``name`` of ``element`` with the white space before it,
    so that the attributes around it stay as they are laid out."""
    start, end = _value_offsets(document, element, name)
    if start < 0:
        return None
    (line, column), _ = document.attribute_span(element, name)
    begin = document.offset(line, column)
    text = document.text
    while begin > 0 and text[begin - 1] in XML_SPACE:
        begin -= 1
    return Fix(description, (_edit(document, begin, end + 1, ""),), applicability)


def add_attribute(
    document: Document,
    element: etree._Element,
    before: str,
    name: str,
    value: str,
    description: str,
    applicability: Applicability = Applicability.UNSAFE,
) -> Fix | None:
    """A fix that writes attribute ``name`` with ``value`` just before ``element``'s
    attribute ``before``, on its line, in the same quotes."""
    start, end = _value_offsets(document, element, before)
    if start < 0 or not _NAME.match(name) or element.get(name) is not None:
        return None
    quote = document.text[end]
    (line, column), _ = document.attribute_span(element, before)
    at = document.offset(line, column)
    written = f"{name}={quote}{_escaped(value, quote)}{quote} "
    return Fix(description, (_edit(document, at, at, written),), applicability)


def replace_scheme(
    document: Document,
    element: etree._Element,
    name: str,
    scheme: str,
    description: str,
    applicability: Applicability = Applicability.UNSAFE,
) -> Fix | None:
    """A fix that writes ``scheme`` (``wss``) in place of the scheme of the URL in attribute
    ``name`` of ``element``, the rest of the URL as written; none when it is not written
    plainly (``http://`` at the start of the value, after any white space)."""
    start, end = _value_offsets(document, element, name)
    if start < 0:
        return None
    written = document.text[start:end]
    begin = start + len(written) - len(written.lstrip(XML_SPACE))
    found = re.match(r"[A-Za-z][A-Za-z0-9+.-]*(?=://)", document.text[begin:end])
    if found is None:
        return None
    return Fix(description, (_edit(document, begin, begin + found.end(), scheme),), applicability)
