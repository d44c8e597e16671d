"""``twimlkit.parse()``: TwiML text back into typed builder objects.

The document is read with the same hardened parser and checked against the same schema as
:func:`twimlkit.validate`, so only valid TwiML becomes builder objects; anything else raises
:class:`InvalidTwiML` carrying the diagnostics.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, overload

from lxml import etree

from . import schema
from .builder import Content, Element, ValueKind
from .diagnostic import Diagnostic
from .document import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    Source,
    lxml_attribute_key,
    read_document,
    tag_name,
)

# How an attribute's XML text becomes the Python value the builder takes, by its kind. Each
# value is written back as the same text, so parse(xml).to_xml() keeps every value as written.
_CONVERT: dict[ValueKind, Callable[[str], object]] = {
    ValueKind.TEXT: str,
    ValueKind.CHOICE: str,
    ValueKind.CHOICE_OR_BOOLEAN: str,
    ValueKind.BOOLEAN: lambda value: value == "true",
    ValueKind.INTEGER: int,
    ValueKind.DECIMAL: str.strip,
    ValueKind.INTEGER_OR_WORD: lambda value: (
        int(value) if re.fullmatch(r"\s*[+-]?[0-9]+\s*", value) else value.strip()
    ),
    ValueKind.LIST: str.split,
    ValueKind.PATTERN: str,
    ValueKind.LANGUAGE: str,
}

if TYPE_CHECKING:
    # Imported when parse() first runs, so that importing twimlkit stays light and the
    # generator can run while a generated module is being rewritten.
    from . import messaging, voice


class InvalidTwiML(ValueError):
    """The TwiML given to :func:`parse` is not valid; ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"line {first.line}, column {first.column}: {first.message}{more}")
        self.diagnostics = diagnostics


@overload
def parse(
    source: Source, *, kind: Literal["voice"], max_bytes: int = MAX_DOCUMENT_BYTES
) -> voice.Response: ...


@overload
def parse(
    source: Source, *, kind: Literal["messaging"], max_bytes: int = MAX_DOCUMENT_BYTES
) -> messaging.Response: ...


@overload
def parse(
    source: Source, *, kind: schema.Kind | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> voice.Response | messaging.Response: ...


def parse(
    source: Source,
    *,
    kind: schema.Kind | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> voice.Response | messaging.Response:
    """Turn a TwiML document into builder objects: ``parse(x.to_xml()) == x``.

    ``source`` is TwiML as ``str`` or ``bytes``, or a file as a :class:`pathlib.Path`. The
    result is a ``twimlkit.voice.Response`` or a ``twimlkit.messaging.Response``: ``kind``
    forces one, and type checkers then know which; by default the kind is detected as
    :func:`twimlkit.validate` does, and the result is typed as either (both take
    ``append(Message(...))``).
    """
    try:
        document = read_document(source, max_bytes=max_bytes)
    except DocumentError as error:
        raise InvalidTwiML(error.diagnostics) from None
    kind = kind or schema.detect_kind(document.root)
    problems = schema.check(document, kind)
    if problems:
        raise InvalidTwiML(sorted(problems, key=Diagnostic.sort_key))
    root_class: type[voice.Response] | type[messaging.Response]
    root_class = importlib.import_module(f"twimlkit.{kind}").ROOT
    root = _build(document.root, root_class)
    assert isinstance(root, root_class)
    return root


def _build(node: etree._Element, cls: type[Element]) -> Element:
    make: Callable[..., Element] = cls  # each class has its own keyword-only signature
    keywords: dict[str, object] = {}
    for attribute in cls.attributes():
        value = node.get(lxml_attribute_key(attribute.name))
        if value is not None:
            keywords[attribute.keyword] = _CONVERT[attribute.kind](value)
    shape = cls.content
    if shape is Content.EMPTY:
        return make(**keywords)
    if shape is Content.TEXT or shape is Content.OPTIONAL_TEXT:
        # The text as XML reads it: a comment or processing instruction inside is left out,
        # the text around it kept.
        pieces = [node.text or "", *((child.tail or "") for child in node)]
        if shape is Content.OPTIONAL_TEXT and node.text is None and len(node) == 0:
            return make(**keywords)
        return make("".join(pieces), **keywords)
    by_tag = {child_class.tag: child_class for child_class in cls._allowed}
    content: list[Element | str] = []
    mixed = shape is Content.MIXED
    # In mixed content every piece of text is kept as written, white space included, so that
    # parse(xml).to_xml() gives back the same text.
    if mixed and node.text:
        content.append(node.text)
    for child in node:
        if isinstance(child.tag, str):
            content.append(_build(child, by_tag[tag_name(child.tag)]))
        if mixed and child.tail:
            content.append(child.tail)
    return make(*content, **keywords)
