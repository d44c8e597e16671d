"""``twimlkit.parse()``: TwiML text back into typed builder objects.

The document is read with the same hardened parser and checked against the same schema as
:func:`twimlkit.validate`, so only valid TwiML becomes builder objects; anything else raises
:class:`InvalidTwiML` carrying the diagnostics.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from decimal import Decimal

from lxml import etree

from . import schema
from .builder import Element
from .diagnostic import Diagnostic
from .document import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    Source,
    lxml_attribute_key,
    read_document,
    tag_name,
)

_CONVERT: dict[str, Callable[[str], object]] = {
    "s": str,
    "b": lambda value: value == "true",
    "i": int,
    "d": Decimal,
    "l": str.split,
    "u": lambda value: int(value) if re.fullmatch(r"\s*[+-]?[0-9]+\s*", value) else value,
}


class InvalidTwiML(ValueError):
    """The TwiML given to :func:`parse` is not valid; ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"line {first.line}, column {first.column}: {first.message}{more}")
        self.diagnostics = diagnostics


def parse(
    source: Source,
    *,
    kind: schema.Kind | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Element:
    """Turn a TwiML document into builder objects: ``parse(x.to_xml()) == x``.

    ``source`` is TwiML as ``str`` or ``bytes``, or a file as a :class:`pathlib.Path`. The
    result is a ``twimlkit.voice.Response`` or a ``twimlkit.messaging.Response`` (``kind``
    forces one; by default it is detected as :func:`twimlkit.validate` does).
    """
    try:
        document = read_document(source, max_bytes=max_bytes)
    except DocumentError as error:
        raise InvalidTwiML([error.diagnostic]) from None
    kind = kind or schema.detect_kind(document.root)
    problems = schema.check(document, kind)
    if problems:
        raise InvalidTwiML(sorted(problems, key=Diagnostic.sort_key))
    module = importlib.import_module(f"twimlkit.{kind}")
    root_class: type[Element] = module.ROOT
    return _build(document.root, root_class)


def _build(node: etree._Element, cls: type[Element]) -> Element:
    make: Callable[..., Element] = cls  # each class has its own keyword-only signature
    keywords: dict[str, object] = {}
    for xml_name, keyword, conversion in cls._attributes:
        value = node.get(lxml_attribute_key(xml_name))
        if value is not None:
            keywords[keyword] = _CONVERT[conversion](value)
    shape = cls._shape
    if shape == "empty":
        return make(**keywords)
    if shape == "text" or (shape == "optional-text" and node.text is not None):
        return make(node.text or "", **keywords)
    if shape == "optional-text":
        return make(**keywords)
    by_tag = {child_class.tag: child_class for child_class in cls._allowed}
    content: list[Element | str] = []
    mixed = shape == "mixed"
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
