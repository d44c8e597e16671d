"""What every rule is made of, and what a rule's check is given."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import NamedTuple, TypeAlias, cast

from lxml import etree

from ..diagnostic import Check, Diagnostic, Fix, Severity
from ..document import XML_SPACE, Document
from ..schema import ComplexType, Kind, model


class Context:
    """A parsed document, as a rule's check sees it."""

    __slots__ = ("_texts", "_top_verbs", "_types", "document", "inline", "kind")

    def __init__(self, document: Document, kind: Kind, *, inline: bool = False) -> None:
        self.document = document
        self.kind = kind
        #: True for TwiML sent inline in a REST request, which has no document URL.
        self.inline = inline
        self._types: dict[etree._Element, ComplexType | None] | None = None
        self._top_verbs: list[etree._Element] | None = None
        self._texts: dict[etree._Element, tuple[int, bool]] = {}

    @property
    def root(self) -> etree._Element:
        return self.document.root

    def type_of(self, element: etree._Element) -> ComplexType | None:
        """The schema's type for ``element`` (``None`` for an element the schema lacks)."""
        types = self._types
        if types is None:
            types = self._types = {}
        if element in types:
            return types[element]
        parent = element.getparent()
        parent_type = None if parent is None else self.type_of(parent)
        found = None
        if parent is None or parent_type is not None:
            found = model(self.kind).type_at(parent_type, str(element.tag))
        types[element] = found
        return found

    def top_verbs(self) -> list[etree._Element]:
        """The verbs of the document: the element children of its root, in order."""
        if self._top_verbs is None:
            self._top_verbs = self.verbs(self.root)
        return self._top_verbs

    @staticmethod
    def value(element: etree._Element, name: str) -> str | None:
        """Attribute ``name`` of ``element`` without XML white space at either end, as the
        schema check reads every value (white space itself is value-whitespace's finding);
        ``None`` when the element has no such attribute."""
        value = element.get(name)
        return None if value is None else value.strip(XML_SPACE)

    @staticmethod
    def verbs(parent: etree._Element) -> list[etree._Element]:
        """The element children of ``parent``, in order (comments left out)."""
        return [child for child in parent if isinstance(child.tag, str)]

    @staticmethod
    def text(element: etree._Element) -> str:
        """All the text directly inside ``element`` and its descendants."""
        if not len(element):
            return element.text or ""
        return "".join(str(piece) for piece in element.itertext())

    def text_length(self, element: etree._Element) -> int:
        """The length of :meth:`text`, without joining it."""
        return self._text_summary(element)[0]

    def has_text(self, element: etree._Element) -> bool:
        """Whether :meth:`text` holds more than white space (as ``str.strip`` reads it)."""
        return self._text_summary(element)[1]

    def _text_summary(self, element: etree._Element) -> tuple[int, bool]:
        """(length, whether it holds more than white space) of ``element``'s text, each
        element's worked out once from its children's: a rule asking about nested elements
        (a <Say> inside a <Say>) reads each piece of text once, not once per level."""
        if not len(element):
            own = element.text or ""
            return len(own), bool(own.strip())
        known = self._texts.get(element)
        if known is None:
            pieces = [element.text or ""]
            length, visible = 0, False
            for child in element:
                if isinstance(child.tag, str):  # comments and processing instructions: no text
                    child_length, child_visible = self._text_summary(child)
                    length += child_length
                    visible = visible or child_visible
                pieces.append(child.tail or "")
            length += sum(map(len, pieces))
            visible = visible or any(piece.strip() for piece in pieces)
            known = self._texts[element] = (length, visible)
        return known


#: How a rule's finding is mended: a function of the document that gives the
#: :class:`~twimlkit.diagnostic.Fix` (see :mod:`twimlkit.edits`), or ``None``.
FixOf: TypeAlias = Callable[[Document], "Fix | None"]


class Finding(NamedTuple):
    """What a check reports: where (an element, maybe one of its attributes) and why, and
    how to mend it (``fix``, given the document), when the rule knows."""

    element: etree._Element
    message: str
    attribute: str | None = None
    at_text: bool = False
    fix: FixOf | None = None


DocumentCheck: TypeAlias = Callable[[Context], Iterator[Finding]]
ElementCheck: TypeAlias = Callable[[Context, etree._Element], Iterator[Finding]]


@dataclass(frozen=True)
class Rule(Check):
    """A semantic rule: a :class:`Check` with its check.

    A rule looks either at the elements named in ``elements``, one at a time, with
    ``check(context, element)``, or, when ``elements`` is empty, at the whole document with
    ``check(context)``: rules that depend on the order of verbs.
    """

    elements: tuple[str, ...] = ()
    #: When set, the rule runs only on documents whose text passes this test: a cheap
    #: look at the text that lets a rule about rare markup cost nothing elsewhere. It must
    #: pass on every document where the rule could find something; a document with a
    #: character reference (which can spell any word) skips the test.
    trigger: Callable[[str], bool] | None = None
    #: When set, an element rule looks only at elements that have at least one of these
    #: attributes: the walk skips the others without calling the check.
    attributes: frozenset[str] | None = None
    replaces: tuple[str, ...] = ()
    #: A rule about TwiML sent inline in a REST request: it runs only in that context.
    inline_only: bool = False
    check_element: ElementCheck | None = None
    check_document: DocumentCheck | None = None

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """A rule from a module that defines CODE, SLUG, SEVERITY, SUMMARY, BAD, GOOD,
        TWILIO_ERROR and ``check``, with its documentation as the module docstring; with
        ELEMENTS, ``check(context, element)`` sees each of those elements, without it,
        ``check(context)`` sees the document. ``VALUE_CHECK = True`` marks a rule that judges
        a value (see :attr:`~twimlkit.diagnostic.Check.value_check`); ``FIXABLE``, a
        :class:`~twimlkit.diagnostic.Fixable`, one whose findings carry fixes."""
        elements = tuple(getattr(module, "ELEMENTS", ()))
        return cls(
            code=module.CODE,
            rule=module.SLUG,
            severity=Severity(module.SEVERITY),
            summary=module.SUMMARY,
            doc=_body(module.__doc__ or ""),
            bad=_dedent(module.BAD).strip(),
            good=_dedent(module.GOOD).strip(),
            twilio_error=module.TWILIO_ERROR,
            fixable=getattr(module, "FIXABLE", None),
            value_check=bool(getattr(module, "VALUE_CHECK", False)),
            elements=elements,
            trigger=_trigger(getattr(module, "TRIGGER", None)),
            attributes=frozenset(module.ATTRIBUTES) if hasattr(module, "ATTRIBUTES") else None,
            replaces=tuple(getattr(module, "REPLACES", ())),
            inline_only=bool(getattr(module, "INLINE_ONLY", False)),
            check_element=module.check if elements else None,
            check_document=None if elements else module.check,
        )

    def diagnostic(self, context: Context, finding: Finding) -> Diagnostic:
        """The :class:`Diagnostic` for one of this rule's findings, with its span."""
        document = context.document
        if finding.attribute is not None:
            (line, column), end = document.attribute_span(finding.element, finding.attribute)
        elif finding.at_text:
            (line, column), end = document.text_span(finding.element)
        else:
            (line, column), end = document.element_span(finding.element)
        fix = finding.fix(document) if finding.fix is not None else None
        return self.at(document.path, line, column, finding.message, end, fix)


def _dedent(text: str) -> str:
    """``textwrap.dedent(text)``, without textwrap when the text is indented with spaces only
    (as the rules' examples are): lines of spaces alone are emptied and the indentation every
    other line shares is taken off. Some examples are built in code, thousands of lines long,
    unindented: they are given back at once, as nothing is to be done."""
    starts_at_margin = text[:1] not in ("", " ", "\t", "\n")
    blank_lines_empty = not text.endswith((" ", "\t")) and " \n" not in text
    if starts_at_margin and blank_lines_empty and "\t\n" not in text:
        return text
    if "\t" in text:
        import textwrap  # a tab in the margin: textwrap's rules for mixed margins

        return textwrap.dedent(text)
    lines = ["" if not line.strip(" ") else line for line in text.split("\n")]
    margin = min((len(line) - len(line.lstrip(" ")) for line in lines if line), default=0)
    return "\n".join(line[margin:] for line in lines)


def _body(docstring: str) -> str:
    """A rule module's docstring without its first line, a title that SUMMARY says better."""
    text = _dedent(docstring).strip()
    title, _, body = text.partition("\n\n")
    return body.strip() if body.strip() else title


def _trigger(declared: object) -> Callable[[str], bool] | None:
    """A rule module's TRIGGER as a test of the document's text: a string must occur in it,
    a compiled pattern be found in it, a function say yes."""
    if declared is None:
        return None
    if isinstance(declared, str):
        return lambda text: declared in text
    if isinstance(declared, re.Pattern):
        return lambda text: declared.search(text) is not None
    if callable(declared):
        return cast(Callable[[str], bool], declared)
    raise TypeError(f"a rule's TRIGGER must be a str, a pattern or a function, not {declared!r}")


_SPACES = re.compile(r"\s+")


def words(text: str) -> str:
    """``text`` with white space folded, for messages."""
    return _SPACES.sub(" ", text).strip()
