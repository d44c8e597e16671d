"""Step two of checking: a parsed document against the schema of its kind.

libxml2's XSD validator answers first, in C: for a valid document that is all the work there
is. When it finds a problem, twimlkit walks the document once against the schema model
(:mod:`twimlkit.schema.model`) and reports every problem, each in plain words with a
suggestion, in time linear in the document. libxml2 stops reporting inside an element at its
first misplaced child; the walk does not, so nothing is left out and nothing is capped.
Should the two ever disagree, libxml2's own words are reported rather than lost.

White space around attribute values is the one thing looked for in valid documents too,
because XML Schema trims it silently for numbers, words and lists and not for plain text: a
few regular expressions over the text tell whether any value can have it, and only then are
the attributes read (:func:`_padded`). The walk checks values without it, so a padded value
gives one finding.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple, cast

from lxml import etree

from .. import checks, edits
from ..diagnostic import Applicability, Check, Diagnostic, Fix
from ..document import (
    IMPLIED_NAMESPACES,
    XML_NAMESPACE,
    XML_SPACE,
    Document,
    Span,
    attribute_name,
    lxml_attribute_key,
    tag_name,
)
from .explain import correction, explain, one_of
from .files import compiled_schema
from .model import (
    KINDS,
    ComplexType,
    Kind,
    SchemaModel,
    TextContent,
    WhiteSpace,
    collapse,
    detect_kind,
    model,
)
from .suggest import did_you_mean, near_miss, suggest

#: From this many characters on, a document is walked before libxml2 validates it.
WALK_FIRST_AT = 64 * 1024

#: XML Schema's own attributes, which it reads on any element: xsi:type, xsi:nil and the
#: schema locations (xsi:noNamespaceSchemaLocation, which points editors at schemas/).
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_XSI_TYPE = f"{_XSI}type"
_XSI_NIL = f"{_XSI}nil"
_XSI_LOCATIONS = frozenset({f"{_XSI}schemaLocation", f"{_XSI}noNamespaceSchemaLocation"})


def check(document: Document, kind: Kind | None = None) -> list[Diagnostic]:
    """Every way ``document`` breaks the schema of ``kind`` (detected when ``None``), in
    document order. The document is left as it was."""
    kind = kind or detect_kind(document.root)
    schema = compiled_schema(kind)
    padded = _padded(document)
    types: dict[etree._Element, ComplexType | None] = {}
    found = [_padded_diagnostic(document, model(kind), types, *where) for where in padded]
    walk = None
    if len(document.text) > WALK_FIRST_AT:
        # libxml2 names each error's place by counting the element's preceding siblings, so
        # its time grows with the square of the errors among many siblings. A large document
        # is walked first, in linear time; libxml2 is asked only when the walk finds nothing.
        walk = _Walk(document, model(kind))
        walk.run()
        if walk.found:
            return sorted(found + walk.found, key=Diagnostic.sort_key)
        # libxml2 would object to the white space, at length, and looks the prefix of each
        # xsi:type up through every namespace declared around it: it is given a copy without
        # either.
        if walk.blank_only or padded or walk.typed:
            log = _log_when_cleaned(document, schema, walk, padded)
            return found + [_libxml2_diagnostic(document, entry) for entry in log]
    # The XSD accepts as a root any element it declares globally, <amazon:effect> too: only
    # <Response> is a TwiML document, which the walk reports (invalid-root) before validating.
    if document.root.tag == model(kind).root and schema.validate(document.root.getroottree()):
        return found
    log = list(cast(Iterable[etree._LogEntry], schema.error_log))
    if walk is None:
        walk = _Walk(document, model(kind))
        walk.run()
    if walk.found:
        return sorted(found + walk.found, key=Diagnostic.sort_key)
    if walk.blank_only or padded or walk.typed:
        log = _log_when_cleaned(document, schema, walk, padded)
        if not log:
            return found
    # libxml2 sees a problem that the walk does not: report libxml2's own words.
    return found + [_libxml2_diagnostic(document, entry) for entry in log]


class _Walk:
    """One pass over a document against the schema model, collecting diagnostics."""

    def __init__(self, document: Document, schema: SchemaModel) -> None:
        self.document = document
        self.schema = schema
        self.found: list[Diagnostic] = []
        # Elements that take no text but hold white space: XML Schema counts that as text,
        # twimlkit does not.
        self.blank_only: list[etree._Element] = []
        # Elements whose xsi:type names their own type, which changes nothing.
        self.typed: list[etree._Element] = []
        self.namespaces = _Namespaces(document)
        self.said: dict[tuple[str, str, str], tuple[Check, str, str | None]] = {}
        self.everywhere: list[str] | None = None  # every element name, as TwiML writes it
        self.told: dict[tuple[str, str, str], _Told] = {}
        self.unknown: dict[tuple[str, str, str], tuple[str, str | None]] = {}

    def report(self, check: Check, span: Span, message: str, fix: Fix | None = None) -> None:
        (line, column), end = span
        self.found.append(check.at(self.document.path, line, column, message, end, fix))

    def run(self) -> None:
        root = self.document.root
        schema = self.schema
        if root.tag != schema.root:
            tag = tag_name(str(root.tag))
            if tag.startswith("{"):  # another vocabulary's element: named as its file writes it
                local = etree.QName(root).localname
                tag = f"{root.prefix}:{local}" if root.prefix else local
            # A near miss of <Response>, or of a verb or noun, as the walk tells one from XML
            # that is not TwiML (twimlkit.files): the same closeness for both.
            local = etree.QName(root).localname
            fix = None
            if near_miss(local, [schema.root]):
                fix = edits.rename_element(
                    self.document, root, tag, schema.root, f"rename <{tag}> to <{schema.root}>"
                )
                hint = f"; did you mean <{schema.root}>?"
            else:
                if self.everywhere is None:
                    self.everywhere = [tag_name(name) for name in self.schema.element_names]
                meant = near_miss(local, self.everywhere)
                if meant is not None and meant != local:
                    hint = f"; did you mean <{meant}>, inside <{schema.root}>?"
                else:
                    hint = f"; wrap the verbs in <{schema.root}>"
            self.report(
                checks.INVALID_ROOT,
                self.document.element_span(root),
                f"the root element must be <{schema.root}>, not <{tag}>{hint}",
                fix,
            )
            return
        pending: list[tuple[etree._Element, ComplexType]] = [
            (root, schema.complex_types[schema.root_type])
        ]
        while pending:
            element, element_type = pending.pop()
            self.attributes(element, element_type)
            self.content(element, element_type, pending)

    # -- attributes --------------------------------------------------------------------------

    def attributes(self, element: etree._Element, element_type: ComplexType) -> None:
        allowed = element_type.attributes
        for attribute in _attributes(element):
            key, value = str(attribute.attrname), str(attribute)
            if key.startswith(_XSI):
                self.xsi_attribute(element, element_type, key, value)
                continue
            name = attribute_name(key)
            type_name = allowed.get(name)
            # White space around the value is value-whitespace's finding (see _padded).
            value = value.strip(XML_SPACE) or value
            if type_name is None:
                self.unknown_attribute(element, name, element_type)
            elif not self.schema.accepts(type_name, value):
                self.bad_value(
                    f"<{tag_name(str(element.tag))}> attribute {name}",
                    type_name,
                    value,
                    self.document.attribute_span(element, name),
                    (element, name),
                )
        for name in sorted(element_type.required):
            if element.get(lxml_attribute_key(name)) is None:
                self.report(
                    checks.MISSING_ATTRIBUTE,
                    self.document.element_span(element),
                    f"<{tag_name(str(element.tag))}> requires the attribute {name}",
                )

    def xsi_attribute(
        self, element: etree._Element, element_type: ComplexType, key: str, value: str
    ) -> None:
        """An attribute of XML Schema's own, as XML Schema reads it: a schema location may
        stand anywhere; xsi:type may name only the element's own type (no TwiML type derives
        from another); xsi:nil, nothing (no TwiML element may be nil); XML Schema has no
        other."""
        if key in _XSI_LOCATIONS:
            return
        if key == _XSI_TYPE:
            named = self.namespaces.qname(element, value)
            if named == (element_type.namespace, element_type.name):
                self.typed.append(element)
                return
        tag, name = tag_name(str(element.tag)), _written_name(key)
        span = self.document.attribute_span(element, name)
        if key == _XSI_TYPE:
            own = element_type.name
            if element_type.namespace:
                own += f" in namespace {element_type.namespace}"
            self.report(
                checks.INVALID_VALUE,
                span,
                f"<{tag}> attribute {name}: {collapse(value)!r} is not the type of <{tag}> "
                f"({own}), the only type XML Schema takes there; remove {name}",
            )
        elif key == _XSI_NIL:
            self.report(
                checks.UNKNOWN_ATTRIBUTE,
                span,
                f"<{tag}> has no attribute {name!r}: no TwiML element can be nil",
            )
        else:
            self.report(
                checks.UNKNOWN_ATTRIBUTE,
                span,
                f"<{tag}> has no attribute {name!r}: XML Schema's own attributes are "
                "xsi:type, xsi:nil, xsi:schemaLocation and xsi:noNamespaceSchemaLocation",
            )

    def bad_value(
        self,
        what: str,
        type_name: str,
        value: str,
        span: Span,
        attribute: tuple[etree._Element, str] | None = None,
    ) -> None:
        """Report ``value``, which ``type_name`` does not accept, as the check that fits: an
        allowed value in another case, a whole number written as a decimal, or neither; with
        the fix that writes the value to write instead, for an ``attribute`` (its element and
        name). The same mistake is often made many times over: its words are worked out
        once."""
        key = (what, type_name, value)
        told = self.told.get(key)
        if told is None:
            told = self.told[key] = self._bad_value(what, type_name, value)
        fix = None
        if attribute is not None and told.write is not None:
            element, name = attribute
            fix = edits.set_value(
                self.document, element, name, told.write, f"write {told.write!r}", told.safety
            )
        self.report(told.check, span, told.message, fix)

    def _bad_value(self, what: str, type_name: str, value: str) -> _Told:
        recased = self.schema.recased(type_name, value)
        if recased is not None:
            return _Told(
                checks.VALUE_WRONG_CASE,
                f"{what}: {value!r} is not in Twilio's case; write {recased!r}",
                recased,
            )
        whole = self.schema.whole_number(type_name, value)
        if whole is not None:
            return _Told(
                checks.NUMBER_NOT_WHOLE,
                f"{what}: {value!r} is written as a decimal; write {whole!r}",
                whole,
            )
        message = f"{what}: {explain(self.schema, type_name, value)}"
        corrected = correction(self.schema, type_name, value)
        if corrected is None:
            return _Told(checks.INVALID_VALUE, message)
        write, safe = corrected
        safety = Applicability.SAFE if safe else Applicability.UNSAFE
        return _Told(checks.INVALID_VALUE, message, write, safety)

    def unknown_attribute(
        self, element: etree._Element, name: str, element_type: ComplexType
    ) -> None:
        tag = tag_name(str(element.tag))
        key = (tag, element_type.name, name)
        known = self.unknown.get(key)
        if known is None:  # worked out once for each mistake, however often it is made
            names = sorted(element_type.attributes)
            suggestion = None
            if names:
                tail = did_you_mean(name, names) or f"; it takes {one_of(tuple(names))}"
                suggestion = suggest(name, names) if tail.startswith("; did") else None
            else:
                tail = "; it takes no attributes"
            known = self.unknown[key] = (f"<{tag}> has no attribute {name!r}{tail}", suggestion)
        message, suggestion = known
        fix = None
        if suggestion is not None:
            fix = edits.rename_attribute(
                self.document, element, name, suggestion, f"rename {name} to {suggestion}"
            )
        span = self.document.attribute_span(element, name)
        self.report(checks.UNKNOWN_ATTRIBUTE, span, message, fix)

    # -- content -----------------------------------------------------------------------------

    def content(
        self,
        element: etree._Element,
        element_type: ComplexType,
        pending: list[tuple[etree._Element, ComplexType]],
    ) -> None:
        children = element_type.children
        if element_type.text_type is not None:
            for child in element:
                if isinstance(child.tag, str):
                    self.misplaced(child, element, element_type)
            self.text_value(element, element_type)
            return
        if element_type.text is TextContent.NONE:
            self.no_text(element, element_type)
        later: list[tuple[etree._Element, ComplexType]] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            child_type_name = children.get(child.tag)
            if child_type_name is None:
                self.misplaced(child, element, element_type)
            else:
                later.append((child, self.schema.complex_types[child_type_name]))
        pending.extend(reversed(later))  # popped in document order

    def no_text(self, element: etree._Element, element_type: ComplexType) -> None:
        pieces = [element.text or "", *((child.tail or "") for child in element)]
        if not any(piece.strip(XML_SPACE) for piece in pieces):
            # White space anywhere, before or after a comment: XML Schema counts it as text
            # where no child element is taken.
            if any(pieces) and not element_type.children:
                self.blank_only.append(element)
            return
        tag = tag_name(str(element.tag))
        for (start, end), written in self.document.text_runs(element):
            self.report(
                checks.UNEXPECTED_TEXT,
                (start, end),
                f"<{tag}> takes no text; remove {_excerpt(written)}",
            )

    def text_value(self, element: etree._Element, element_type: ComplexType) -> None:
        assert element_type.text_type is not None
        pieces = [element.text or "", *((child.tail or "") for child in element)]
        text = "".join(pieces)
        if self.schema.accepts(element_type.text_type, text):
            return
        tag = tag_name(str(element.tag))
        if element_type.text is TextContent.REQUIRED and not text.strip(XML_SPACE):
            self.report(
                checks.MISSING_TEXT,
                self.document.element_span(element),
                f"<{tag}> is empty; it needs text content",
            )
            return
        shown = text.strip(XML_SPACE)
        self.bad_value(
            f"<{tag}> text", element_type.text_type, shown, self.document.text_span(element)
        )

    def misplaced(
        self, element: etree._Element, parent: etree._Element, parent_type: ComplexType
    ) -> None:
        # The same mistake is often made many times over: its words are worked out once.
        key = (str(element.tag), parent_type.name, str(parent.tag))
        said = self.said.get(key)
        if said is None:
            said = self.said[key] = self._misplaced(*key)
        check, message, suggestion = said
        fix = None
        if suggestion is not None:
            tag = tag_name(str(element.tag))
            fix = edits.rename_element(
                self.document, element, tag, suggestion, f"rename <{tag}> to <{suggestion}>"
            )
        self.report(check, self.document.element_span(element), message, fix)

    def _misplaced(
        self, key: str, parent_type_name: str, parent_key: str
    ) -> tuple[Check, str, str | None]:
        """The check, the message and the suggested name (if any) for a misplaced element."""
        tag = tag_name(key)  # as TwiML writes it; key is as the model keys elements
        parent_tag = tag_name(parent_key)
        parent_type = self.schema.complex_types[parent_type_name]
        names_here = sorted((tag_name(name) for name in parent_type.children), key=str.lower)
        retired = self.schema.retired.get(key)
        if retired is not None:
            return (
                checks.RETIRED_ELEMENT,
                f"<{tag}> is retired: Twilio no longer runs it; {retired.replacement}",
                None,
            )
        if key not in self.schema.element_names:
            other = next(k for k in KINDS if k != self.schema.kind)
            suggestion = None
            if key in model(other).element_names:
                hint = f"; <{tag}> belongs to TwiML {other}"
            else:
                if self.everywhere is None:
                    self.everywhere = [tag_name(name) for name in self.schema.element_names]
                # A name allowed here is the better guess; none of them is close when no name
                # is (they are among all the names), which is the usual case and spares
                # searching them.
                suggestion = suggest(tag, self.everywhere)
                if suggestion is not None:
                    suggestion = suggest(tag, names_here) or suggestion
                hint = f"; did you mean <{suggestion}>?" if suggestion else ""
            # The name is written for the author, wherever it belongs; it is written into
            # the document only where it may stand (not a <Dial> inside <Gather>).
            return (
                checks.UNKNOWN_ELEMENT,
                f"<{tag}> is not a TwiML {self.schema.kind} element{hint}",
                suggestion if suggestion in names_here else None,
            )
        if parent_type.text_type is not None or not names_here:
            takes = f"<{parent_tag}> takes no child elements"
        else:
            takes = f"<{parent_tag}> may contain " + ", ".join(f"<{c}>" for c in names_here)
        message = f"<{tag}> is not allowed inside <{parent_tag}>; {takes}"
        return checks.INVALID_NESTING, message, None


class _Told(NamedTuple):
    """What to say about a value a type does not accept: the check, its message, and the
    value to write instead (if one is known) with how safe writing it is."""

    check: Check
    message: str
    write: str | None = None
    safety: Applicability = Applicability.SAFE


# Hints that an attribute value may start or end with white space, written or as a character
# reference: an opening quote followed by it, or a quote preceded by it (which also matches
# ordinary text such as `said "hi"`; the attributes are then read to be sure). Each pattern
# opens with a literal character, which Python's re scans for quickly: the three cost a
# fraction of a parse.
_OPENING_PADDED = re.compile(r"""=[ \t\r\n]*["'](?:[ \t\r\n]|&\#)""")
_CLOSING_PADDED = (
    re.compile(r"""\"(?<=[ \t\r\n;]\")"""),
    re.compile(r"""'(?<=[ \t\r\n;]')"""),
)


class _Namespaces:
    """The namespace a prefix stands for at an element, read from the declarations written
    in the document's start tags. Each element's answer is its own declaration or its
    parent's answer, worked out once: lxml's nsmap (and iterwalk's namespace events) would
    cost time in the number of namespaces declared around the element, for each question."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.known: dict[tuple[etree._Element, str], str | None] = {}

    def qname(self, element: etree._Element, value: str) -> tuple[str | None, str] | None:
        """What the QName ``value`` names at ``element``, as (namespace, local name);
        ``None`` when its prefix is not declared there."""
        prefix, _, local = collapse(value).rpartition(":")
        if prefix == "xml":
            return XML_NAMESPACE, local
        namespace = self.bound(element, prefix)
        if namespace is None:
            namespace = IMPLIED_NAMESPACES.get(prefix, "" if not prefix else None)
        return None if namespace is None else (namespace or None, local)

    def bound(self, element: etree._Element, prefix: str) -> str | None:
        """The namespace ``prefix`` ("" for the default namespace) is declared for at
        ``element`` ("" where the default is undeclared), or ``None`` where nothing written
        declares it."""
        key = (element, prefix)
        if key not in self.known:
            namespace = self.declared(element, prefix)
            if namespace is None:
                parent = element.getparent()
                namespace = None if parent is None else self.bound(parent, prefix)
            self.known[key] = namespace
        return self.known[key]

    def declared(self, element: etree._Element, prefix: str) -> str | None:
        """The namespace ``element``'s own start tag declares ``prefix`` for, or ``None``."""
        document = self.document
        span = document.attribute_span(element, f"xmlns:{prefix}" if prefix else "xmlns")
        if span == document.element_span(element):  # no such attribute
            return None
        (line, column), (end_line, end_column) = span
        written = document.text[
            document.offset(line, column) : document.offset(end_line, end_column)
        ]
        quoted = written.partition("=")[2].strip(XML_SPACE)
        return _attribute_value(quoted[1:-1])


#: The references an attribute value may hold in a document without a DTD.
@functools.cache
def _reference() -> re.Pattern[str]:
    # Compiled when first needed: only a padded value asks.
    return re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));")


_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_SPACE_CHARACTERS = str.maketrans("\t\n\r", "   ")


def _attribute_value(written: str) -> str:
    """An attribute value as XML reads what is written between its quotes: each line break
    and tab a space, then each reference replaced by its character."""
    spaced = written.replace("\r\n", " ").translate(_SPACE_CHARACTERS)
    return _reference().sub(_referenced, spaced)


def _referenced(reference: re.Match[str]) -> str:
    hexadecimal, decimal, entity = reference.groups()
    if entity:
        return _ENTITIES[entity]
    # Leading zeros are allowed, in any number: Python's int() refuses more than 4,300 digits.
    return chr(int(hexadecimal, 16) if hexadecimal else int(decimal.lstrip("0") or "0"))


def _written_name(key: str) -> str:
    """An attribute's name as it is usually written, for lxml's key: xml:lang, xsi:type."""
    return "xsi:" + key[len(_XSI) :] if key.startswith(_XSI) else attribute_name(key)


def _may_be_padded(text: str) -> bool:
    return _OPENING_PADDED.search(text) is not None or any(
        hint.search(text) is not None for hint in _CLOSING_PADDED
    )


#: An attribute whose value has white space around it: its element, lxml key and value.
_Padded = tuple[etree._Element, str, str]


def _padded(document: Document) -> list[_Padded]:
    """Every attribute whose value starts or ends with white space and holds something else;
    in the time of three regular expressions when there is none. The value is kept as it is
    read: looking it up again by name would cost time in the number of the element's
    attributes, for each of them."""
    if not _may_be_padded(document.text):
        return []
    return [
        (element, str(attribute.attrname), str(attribute))
        for element in document.root.iter(etree.Element)
        for attribute in _attributes(element)
        if _is_padded(str(attribute))
    ]


def _attributes(element: etree._Element) -> list[etree._ElementUnicodeResult]:
    """The attributes of ``element``, each a string that knows its name (``attrname``).
    XPath lists them in one pass; lxml's attrib.items() looks each value up through all of
    them, which is quadratic in their number."""
    return cast(list[etree._ElementUnicodeResult], element.xpath("@*"))


def _is_padded(value: str) -> bool:
    trimmed = value.strip(XML_SPACE)
    return trimmed != value and trimmed != ""


def _padded_diagnostic(
    document: Document,
    schema: SchemaModel,
    types: dict[etree._Element, ComplexType | None],
    element: etree._Element,
    key: str,
    value: str,
) -> Diagnostic:
    name = _written_name(key)
    (line, column), end = document.attribute_span(element, name)
    trimmed = value.strip(XML_SPACE)
    element_type = _element_type(schema, element, types)
    type_name = element_type.attributes.get(name) if element_type is not None else None
    safety = Applicability.SAFE if _trimmed_alike(schema, type_name) else Applicability.UNSAFE
    return checks.VALUE_WHITESPACE.at(
        document.path,
        line,
        column,
        f"<{tag_name(str(element.tag))}> attribute {name}: {value!r} has white space around "
        f"it; write {trimmed!r}",
        end,
        edits.set_value(document, element, name, trimmed, f"write {trimmed!r}", safety, trim=True),
    )


#: Types of URLs: a URL has no white space at either end (the WHATWG URL parser strips it).
_URL_TYPES = frozenset({"Url", "WebSocketUrl"})


def _trimmed_alike(schema: SchemaModel, type_name: str | None) -> bool:
    """Whether a value of ``type_name`` means the same without white space around it: a
    number, a word from a closed set, a list, a URL, each of which the white space cannot
    belong to; not free text (``xs:string``, or a type open to any text), whose white space
    may be meant, nor an attribute the schema does not know."""
    if type_name is None:
        return False
    if type_name in _URL_TYPES or schema.white_space(type_name) is WhiteSpace.COLLAPSE:
        return True
    simple = schema.simple_types.get(type_name)
    if simple is None:
        return False
    if simple.members:
        return all(_trimmed_alike(schema, member) for member in simple.members)
    return bool(simple.enumeration)


def _element_type(
    schema: SchemaModel, element: etree._Element, types: dict[etree._Element, ComplexType | None]
) -> ComplexType | None:
    """The schema type of ``element`` where it stands (``None`` where it may not), worked out
    once for each element in ``types``."""
    if element in types:
        return types[element]
    parent = element.getparent()
    if parent is None:
        found = schema.type_at(None, str(element.tag))
    else:
        parent_type = _element_type(schema, parent, types)
        found = schema.type_at(parent_type, str(element.tag)) if parent_type else None
    types[element] = found
    return found


def _log_when_cleaned(
    document: Document, schema: etree.XMLSchema, walk: _Walk, padded: list[_Padded]
) -> list[etree._LogEntry]:
    """What libxml2 finds in a copy of the document without the white space in elements that
    take no text and around attribute values, and without the xsi:type attributes that name
    their element's own type (the caller's document is not touched).

    The copy is written out and parsed again: lxml's deepcopy, like its setting of a
    namespaced attribute, looks each prefix up through the namespaces declared around it.
    The other xsi: attributes are left as they are: libxml2 trims the schema locations
    itself, and an xsi:nil or any other is a finding of the walk."""
    working = etree.fromstring(etree.tostring(document.root), _copy_parser())
    blanks = set(walk.blank_only)
    typed = set(walk.typed)
    trims: dict[etree._Element, list[tuple[str, str]]] = {}
    for element, key, value in padded:
        if not key.startswith(_XSI):
            trims.setdefault(element, []).append((key, value.strip(XML_SPACE)))
    for original, element in zip(document.root.iter(), working.iter(), strict=True):
        if original in blanks:  # its white space, around comments too
            element.text = None
            for child in element:
                child.tail = None
        for key, trimmed in trims.get(original, ()):
            element.set(key, trimmed)
        if original in typed:
            del element.attrib[_XSI_TYPE]
    if schema.validate(working.getroottree()):
        return []
    return list(cast(Iterable[etree._LogEntry], schema.error_log))


def _copy_parser() -> etree.XMLParser:
    """A parser for a copy of a document twimlkit has already read (one per copy: lxml
    parsers may not be shared between threads)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)


def _libxml2_diagnostic(document: Document, entry: etree._LogEntry) -> Diagnostic:
    element = _element_at(document.root, entry.path)
    span = document.element_span(element) if element is not None else ((entry.line, 1),) * 2
    (line, column), end = span
    message = entry.message
    if message.startswith("Element '"):
        message = message.split(": ", 1)[-1]
    return checks.SCHEMA_VIOLATION.at(document.path, max(line, 1), column, message.strip(), end)


def _element_at(root: etree._Element, path: str | None) -> etree._Element | None:
    if not path:
        return None
    try:
        found = root.getroottree().xpath(path, namespaces=IMPLIED_NAMESPACES)
    except etree.XPathError:
        return None
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return found[0]
    return None


def _excerpt(text: str | None) -> str:
    words = " ".join((text or "").split())
    return repr(words if len(words) <= 30 else words[:27] + "...")
