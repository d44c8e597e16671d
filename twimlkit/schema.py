"""The TwiML schema: where ``schemas/`` is, what it says, and how a document is checked against it.

``schemas/*.xsd`` is the single source of truth about TwiML. This module compiles it for
lxml's XSD validator, and also reads it as plain XML into a small :class:`SchemaModel` (which
attributes and children each element has, which values a type allows) so that the
validator's findings can be told in plain words with a suggestion: nothing here repeats a
fact that the XSD files state.
"""

from __future__ import annotations

import copy
import difflib
import functools
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast, get_args

from lxml import etree

from . import checks
from .diagnostic import Diagnostic
from .document import (
    IMPLIED_NAMESPACES,
    XML_NAMESPACE,
    XML_SPACE,
    Document,
    attribute_name,
    lxml_attribute_key,
    tag_name,
)

Kind = Literal["voice", "messaging"]
KINDS: tuple[Kind, ...] = get_args(Kind)

_XS = "{http://www.w3.org/2001/XMLSchema}"


def schema_dir() -> Path:
    """The folder holding the XSD files: inside the installed package, or the repository's."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "schemas", package.parent / "schemas"):
        if (candidate / "voice.xsd").is_file():
            return candidate
    raise FileNotFoundError(f"twimlkit's schemas/ folder is missing (looked beside {package})")


def schema_path(kind: Kind) -> Path:
    """The XSD file for ``kind``: ``voice.xsd`` or ``messaging.xsd``."""
    return schema_dir() / f"{kind}.xsd"


_per_thread = threading.local()


def compiled_schema(kind: Kind) -> etree.XMLSchema:
    """lxml's compiled XSD for ``kind``, built once per thread: a validator keeps the errors
    of its last run in its own log, so threads (a web server's, say) must not share one."""
    schemas: dict[str, etree.XMLSchema] | None = getattr(_per_thread, "schemas", None)
    if schemas is None:
        schemas = _per_thread.schemas = {}
    if kind not in schemas:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        schemas[kind] = etree.XMLSchema(etree.parse(str(schema_path(kind)), parser))
    return schemas[kind]


# --------------------------------------------------------------------------------------------
# The schema read as data


@dataclass(frozen=True)
class SimpleType:
    """What a simple type allows, as far as messages need to tell it."""

    name: str
    base: str | None = None
    enumeration: tuple[str, ...] = ()
    list_of: str | None = None
    members: tuple[str, ...] = ()
    minimum: str | None = None
    maximum: str | None = None
    min_length: int | None = None
    pattern: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class ComplexType:
    """An element type: its attributes (name to simple type), children and text."""

    name: str
    attributes: dict[str, str]
    required: frozenset[str]
    children: dict[str, str]
    text: Literal["none", "optional", "required"]
    text_type: str | None
    doc: str = ""
    attribute_docs: dict[str, str] = field(default_factory=dict)


@dataclass
class SchemaModel:
    """The facts of one kind of TwiML (voice or messaging) that messages need."""

    kind: Kind
    root: str
    root_type: str
    complex_types: dict[str, ComplexType]
    simple_types: dict[str, SimpleType]
    element_names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        names = {self.root}
        for complex_type in self.complex_types.values():
            names.update(complex_type.children)
        self.element_names = frozenset(names)

    def type_of(self, element: etree._Element) -> ComplexType | None:
        """The complex type the schema gives ``element`` at its place in its document, or
        ``None`` where the schema has no such element there."""
        parent = element.getparent()
        if parent is None:
            name = self.root_type if element.tag == self.root else None
        else:
            parent_type = self.type_of(parent)
            name = parent_type.children.get(str(element.tag)) if parent_type else None
        return self.complex_types.get(name) if name else None


def _documents(path: Path, seen: set[Path] | None = None) -> Iterator[etree._Element]:
    """The root of ``path`` and of every schema document it includes or imports."""
    seen = set() if seen is None else seen
    path = path.resolve()
    if path in seen:
        return
    seen.add(path)
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    yield root.getroot()
    for ref in root.getroot().iter(f"{_XS}include", f"{_XS}import"):
        location = ref.get("schemaLocation")
        if location:
            yield from _documents(path.parent / location, seen)


def _doc(node: etree._Element) -> str:
    """The ``xs:documentation`` of a declaration, with its white space folded."""
    return " ".join((node.findtext(f"{_XS}annotation/{_XS}documentation") or "").split())


def _read_simple(node: etree._Element, name: str, types: dict[str, SimpleType]) -> SimpleType:
    doc = _doc(node)
    restriction = node.find(f"{_XS}restriction")
    list_node = node.find(f"{_XS}list")
    union = node.find(f"{_XS}union")
    if list_node is not None:
        item = list_node.get("itemType")
        if item is None:
            inner = list_node.find(f"{_XS}simpleType")
            item = f"{name}.item"
            types[item] = (
                _read_simple(inner, item, types) if inner is not None else SimpleType(item)
            )
        return SimpleType(name, list_of=item, doc=doc)
    if union is not None:
        members = list((union.get("memberTypes") or "").split())
        for index, inner in enumerate(union.findall(f"{_XS}simpleType")):
            member = f"{name}.{index}"
            types[member] = _read_simple(inner, member, types)
            members.append(member)
        return SimpleType(name, members=tuple(members), doc=doc)
    if restriction is None:
        return SimpleType(name, doc=doc)

    def facet(tag: str) -> str | None:
        found = restriction.find(f"{_XS}{tag}")
        return None if found is None else found.get("value")

    min_length = facet("minLength")
    return SimpleType(
        name,
        base=restriction.get("base"),
        enumeration=tuple(str(e.get("value")) for e in restriction.findall(f"{_XS}enumeration")),
        minimum=facet("minInclusive"),
        maximum=facet("maxInclusive"),
        min_length=int(min_length) if min_length is not None else None,
        pattern=facet("pattern"),
        doc=doc,
    )


def _read_attributes(
    node: etree._Element, owner: str, simple: dict[str, SimpleType], docs: dict[str, str]
) -> tuple[dict[str, str], frozenset[str]]:
    attributes: dict[str, str] = {}
    required: set[str] = set()
    for attribute in node.findall(f"{_XS}attribute"):
        ref = attribute.get("ref")
        name = "xml:" + ref.split(":", 1)[1] if ref else str(attribute.get("name"))
        # An xml: attribute's type is declared with the attribute, under its own name.
        declared = attribute.get("type")
        type_name = name if ref else (_type_ref(declared) if declared else None)
        if type_name is None:
            inline = attribute.find(f"{_XS}simpleType")
            type_name = f"{owner}@{name}"
            simple[type_name] = (
                _read_simple(inline, type_name, simple)
                if inline is not None
                else SimpleType(type_name)
            )
        attributes[name] = type_name
        docs[name] = _doc(attribute)
        if attribute.get("use") == "required":
            required.add(name)
    return attributes, frozenset(required)


def _clark(namespace: str | None, name: str) -> str:
    return f"{{{namespace}}}{name}" if namespace else name


def _resolve(node: etree._Element, qname: str) -> str:
    """A prefixed name written in a schema (``amazon:effect``) as lxml names elements."""
    prefix, _, local = qname.rpartition(":")
    return _clark(node.nsmap.get(prefix or None), local)


def _type_ref(value: str | None) -> str:
    """A type reference as the model keys types: built-ins keep ``xs:``; twimlkit's own types
    are unique across the schema files, so they go by their local name."""
    value = str(value)
    return value if value.startswith("xs:") else value.rpartition(":")[2]


def _particles(node: etree._Element, groups: dict[str, etree._Element]) -> Iterator[etree._Element]:
    """The element declarations of a complex type's content, groups included."""
    yield from node.iterfind(f"{_XS}choice/{_XS}element")
    for ref in node.iterfind(f"{_XS}group"):
        group = groups[_resolve(ref, str(ref.get("ref")))]
        yield from group.iterfind(f"{_XS}choice/{_XS}element")


@functools.cache
def model(kind: Kind) -> SchemaModel:
    """The :class:`SchemaModel` of ``kind``, read from ``schemas/`` once per process."""
    simple: dict[str, SimpleType] = {}
    complex_types: dict[str, ComplexType] = {}
    xml_attributes: dict[str, etree._Element] = {}
    roots = list(_documents(schema_path(kind)))
    for doc in roots:
        if doc.get("targetNamespace") == XML_NAMESPACE:
            for attribute in doc.findall(f"{_XS}attribute"):
                xml_attributes[f"xml:{attribute.get('name')}"] = attribute
            continue
        for node in doc.findall(f"{_XS}simpleType"):
            name = str(node.get("name"))
            simple[name] = _read_simple(node, name, simple)
    for name, attribute in xml_attributes.items():
        inline = attribute.find(f"{_XS}simpleType")
        simple[name] = (
            _read_simple(inline, name, simple) if inline is not None else SimpleType(name)
        )
    schema_docs = [doc for doc in roots if doc.get("targetNamespace") != XML_NAMESPACE]
    elements: dict[str, str] = {}  # global element (Clark name) -> its type
    groups: dict[str, etree._Element] = {}
    for doc in schema_docs:
        namespace = doc.get("targetNamespace")
        for element in doc.findall(f"{_XS}element"):
            elements[_clark(namespace, str(element.get("name")))] = _type_ref(element.get("type"))
        for group in doc.findall(f"{_XS}group"):
            groups[_clark(namespace, str(group.get("name")))] = group
    root = schema_docs[0].find(f"{_XS}element")  # the kind's own file declares the root
    assert root is not None, "the schema declares no root element"
    root_name, root_type = str(root.get("name")), _type_ref(root.get("type"))
    for doc in schema_docs:
        for node in doc.findall(f"{_XS}complexType"):
            name = str(node.get("name"))
            extension = node.find(f"{_XS}simpleContent/{_XS}extension")
            holder = extension if extension is not None else node
            docs: dict[str, str] = {}
            attributes, required = _read_attributes(holder, name, simple, docs)
            children: dict[str, str] = {}
            for particle in _particles(node, groups):
                ref = particle.get("ref")
                if ref:
                    key = _resolve(particle, ref)
                    children[key] = elements[key]
                else:
                    children[str(particle.get("name"))] = _type_ref(particle.get("type"))
            text: Literal["none", "optional", "required"]
            text_type = None
            if extension is not None:
                text_type = _type_ref(extension.get("base"))
                base = simple.get(text_type)
                text = "required" if base is not None and base.min_length else "optional"
            else:
                text = "optional" if node.get("mixed") == "true" else "none"
            complex_types[name] = ComplexType(
                name, attributes, required, children, text, text_type, _doc(node), docs
            )
    return SchemaModel(kind, root_name, root_type, complex_types, simple)


# --------------------------------------------------------------------------------------------
# Describing values


def _suggest(value: str, candidates: list[str] | tuple[str, ...] | frozenset[str]) -> str | None:
    """The candidate ``value`` was most likely meant to be, if any is close."""
    if not value:
        return None
    folded = {candidate.lower(): candidate for candidate in candidates}
    if value.lower() in folded:
        return folded[value.lower()]
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(value.lower(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def did_you_mean(value: str, candidates: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """``; did you mean 'x'?`` for the candidate closest to ``value``, or nothing."""
    suggestion = _suggest(value, candidates)
    return f"; did you mean {suggestion!r}?" if suggestion and suggestion != value else ""


_BUILTIN_WORDS = {
    "xs:integer": "a whole number",
    "xs:int": "a whole number",
    "xs:decimal": "a number",
    "xs:double": "a number",
    "xs:language": "a language tag such as en-US",
    "xs:string": "text",
    "xs:token": "text",
}


def _one_of(values: tuple[str, ...]) -> str:
    shown = [repr(v) if v == "" else v for v in values]
    if len(shown) > 12:
        return ", ".join(shown[:12]) + f", ... ({len(shown)} values)"
    return ", ".join(shown)


class _Values:
    """Explains why a value does not fit a simple type, using only the schema's facts."""

    def __init__(self, schema: SchemaModel) -> None:
        self.types = schema.simple_types

    def enumeration(self, type_name: str) -> tuple[str, ...]:
        """The values of a closed set, also when it is a union of closed sets."""
        simple = self.types.get(type_name)
        if simple is None:
            return ()
        if simple.enumeration:
            return simple.enumeration
        if simple.members:
            values = [self.enumeration(member) for member in simple.members]
            return tuple(v for group in values for v in group) if all(values) else ()
        if simple.base and simple.base in self.types:
            return self.enumeration(simple.base)
        return ()

    def describe(self, type_name: str) -> str:
        """A short phrase for what ``type_name`` accepts: "a whole number from 5 to 600"."""
        simple = self.types.get(type_name)
        if simple is None:
            return _BUILTIN_WORDS.get(type_name, "text")
        if simple.enumeration:
            return "one of " + _one_of(simple.enumeration)
        if simple.list_of:
            return "a space-separated list of " + self.describe(simple.list_of).removeprefix(
                "one of "
            )
        if simple.members:
            return " or ".join(self._member(member) for member in simple.members)
        words = self.describe(simple.base) if simple.base else "text"
        if simple.pattern:
            return f"{words} of the form {simple.pattern}"
        if simple.minimum is not None and simple.maximum is not None:
            return f"{words} from {simple.minimum} to {simple.maximum}"
        if simple.minimum is not None:
            return f"{words} of at least {simple.minimum}"
        if simple.maximum is not None:
            return f"{words} of at most {simple.maximum}"
        return words

    def _member(self, type_name: str) -> str:
        """Like :meth:`describe`, but a single allowed word is named bare: "auto"."""
        allowed = self.enumeration(type_name)
        return allowed[0] if len(allowed) == 1 else self.describe(type_name)

    def explain(self, type_name: str, value: str) -> str:
        """Why ``value`` is not a valid ``type_name``, with a suggestion where one is close."""
        simple = self.types.get(type_name)
        if simple is not None and simple.list_of:
            allowed = self.enumeration(simple.list_of)
            wrong = [item for item in value.split() if allowed and item not in allowed]
            if (
                "," in value
                and not wrong[1:]
                and all(part.strip() in allowed for part in value.split(","))
            ):
                return f"{value!r} separates its items with commas; use spaces, as in " + repr(
                    " ".join(part.strip() for part in value.split(","))
                )
            if wrong:
                return f"{wrong[0]!r} is not one of {_one_of(allowed)}" + did_you_mean(
                    wrong[0], allowed
                )
            return f"{value!r} is not {self.describe(type_name)}"
        allowed = self.enumeration(type_name)
        if allowed:
            return f"{value!r} is not one of {_one_of(allowed)}" + did_you_mean(value, allowed)
        return f"{value!r} is not {self.describe(type_name)}"


# --------------------------------------------------------------------------------------------
# Checking a document


def detect_kind(root: etree._Element) -> Kind:
    """Voice or messaging, from the document: a ``<Response>`` whose verbs are only
    ``<Message>`` and ``<Redirect>``, with at least one ``<Message>``, is messaging."""
    verbs = {child.tag for child in root if isinstance(child.tag, str)}
    messaging_verbs = set(model("messaging").complex_types[model("messaging").root_type].children)
    if "Message" in verbs and verbs <= messaging_verbs:
        return "messaging"
    return "voice"


_QUOTED = re.compile(r"'([^']*)'")
_ATTRIBUTE_IN_MESSAGE = re.compile(r"^Element '[^']*', attribute '([^']+)'")


#: How many times a document is re-validated after removing what libxml2 stopped at. libxml2
#: reports only the first misplaced child of an element and skips the rest of it; removing
#: that child (from a copy) and validating again finds the next problem.
MAX_PASSES = 25


def check(document: Document, kind: Kind | None = None) -> list[Diagnostic]:
    """Validate ``document`` against the schema of ``kind`` (detected when ``None``)."""
    kind = kind or detect_kind(document.root)
    _drop_blank_text_where_none_is_taken(document.root, model(kind))
    schema = compiled_schema(kind)
    if schema.validate(document.root.getroottree()):
        return []
    explainer = _Explainer(document, model(kind))
    working = copy.deepcopy(document.root)
    origin = dict(zip(working.iter(), document.root.iter(), strict=True))
    diagnostics: dict[tuple[int, int, str], Diagnostic] = {}
    for _ in range(MAX_PASSES):
        if schema.validate(working.getroottree()):
            break
        pruned = False
        for entry in _entries(schema.error_log):
            element = _element_at(working, entry.path)
            original = origin.get(element) if element is not None else None
            found, prune = explainer.explain(entry, original)
            for diagnostic in found:
                key = (diagnostic.line, diagnostic.column, diagnostic.message)
                diagnostics.setdefault(key, diagnostic)
            if prune is not None and element is not None:
                pruned |= _prune(element, prune)
        if not pruned:
            break
    return list(diagnostics.values())


def _drop_blank_text_where_none_is_taken(root: etree._Element, schema: SchemaModel) -> None:
    """XML Schema counts white space inside an element of empty content as text, so
    <Hangup> </Hangup> would be an error; in TwiML that white space means nothing. Drop it
    from elements that take no text and hold no elements."""
    for element in root.iter(etree.Element):
        if len(element) == 0 and element.text and not element.text.strip(XML_SPACE):
            element_type = schema.type_of(element)
            if element_type is not None and element_type.text == "none":
                element.text = None


def _entries(log: etree._ErrorLog) -> list[etree._LogEntry]:
    return list(cast(Iterable[etree._LogEntry], log))


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


def _remove_keeping_tail(element: etree._Element) -> None:
    """Remove ``element`` but keep the text after it, which lxml would remove with it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _prune(element: etree._Element, what: str) -> bool:
    """Remove from the working copy what was just reported, so the next pass gets further."""
    if what == "element":
        parent = element.getparent()
        if parent is None:
            return False
        _remove_keeping_tail(element)
        return True
    if what == "children":
        for child in list(element):
            _remove_keeping_tail(child)
        return True
    if what == "text":
        element.text = None
        for child in element:
            child.tail = None
        return True
    return False


class _Explainer:
    """Turns libxml2's XSD messages into twimlkit's plain, specific diagnostics."""

    def __init__(self, document: Document, schema: SchemaModel) -> None:
        self.document = document
        self.schema = schema
        self.values = _Values(schema)

    @property
    def label(self) -> str:
        return f"TwiML {self.schema.kind}"

    def type_of(self, element: etree._Element) -> ComplexType | None:
        return self.schema.type_of(element)

    def explain(
        self, entry: etree._LogEntry, element: etree._Element | None
    ) -> tuple[list[Diagnostic], str | None]:
        """Diagnostics for one libxml2 error about ``element`` (in the original document),
        and what to prune from the working copy before the next pass."""
        path = self.document.path
        if element is None:
            message = _strip_element_prefix(entry.message)
            return [checks.SCHEMA_VIOLATION.at(path, max(entry.line, 1), 1, message)], None
        attribute = _ATTRIBUTE_IN_MESSAGE.match(entry.message)
        kind = entry.type_name
        if kind == "SCHEMAV_CVC_ELT_1":
            return [self._invalid_root(element)], None
        if kind == "SCHEMAV_CVC_COMPLEX_TYPE_4":
            name = _QUOTED.findall(entry.message)[-1]
            return [self._missing_attribute(element, name)], None
        if attribute:
            return [self._attribute_problem(element, attribute.group(1))], None
        if kind == "SCHEMAV_ELEMENT_CONTENT":
            return [self._misplaced(element, entry.message)], "element"
        if "Element content is not allowed" in entry.message:
            children = [c for c in element if isinstance(c.tag, str)]
            return [self._misplaced(child, "") for child in children], "children"
        if "Character content" in entry.message:
            return [self._unexpected_text(element)], "text"
        return [self._text_problem(element, entry)], None

    def _unexpected_text(self, element: etree._Element) -> Diagnostic:
        child = next((c for c in element if (c.tail or "").strip(XML_SPACE)), None)
        if (element.text or "").strip(XML_SPACE) or child is None:
            content, (line, column) = element.text or "", self.document.text_position(element)
        else:
            content, (line, column) = child.tail or "", self.document.tail_position(child)
        return checks.UNEXPECTED_TEXT.at(
            self.document.path,
            line,
            column,
            f"<{tag_name(str(element.tag))}> takes no text; remove {_excerpt(content)}",
        )

    def _invalid_root(self, element: etree._Element) -> Diagnostic:
        line, column = self.document.element_position(element)
        tag = tag_name(str(element.tag))
        hint = did_you_mean(tag, [self.schema.root])
        return checks.INVALID_ROOT.at(
            self.document.path,
            line,
            column,
            f"the root element must be <{self.schema.root}>, not <{tag}>"
            + (hint.replace("'", "") if hint else f"; wrap the verbs in <{self.schema.root}>"),
        )

    def _missing_attribute(self, element: etree._Element, name: str) -> Diagnostic:
        name = attribute_name(name)
        line, column = self.document.element_position(element)
        return checks.MISSING_ATTRIBUTE.at(
            self.document.path,
            line,
            column,
            f"<{tag_name(str(element.tag))}> requires the attribute {name}",
        )

    def _attribute_problem(self, element: etree._Element, name: str) -> Diagnostic:
        tag = tag_name(str(element.tag))
        path = self.document.path
        owner = self.type_of(element)
        allowed = owner.attributes if owner else {}
        name = attribute_name(name)
        line, column = self.document.attribute_position(element, name)
        if name not in allowed:
            if allowed:
                hint = did_you_mean(name, list(allowed))
                tail = hint or f"; it takes {_one_of(tuple(sorted(allowed)))}"
            else:
                tail = "; it takes no attributes"
            return checks.UNKNOWN_ATTRIBUTE.at(
                path, line, column, f"<{tag}> has no attribute {name!r}{tail}"
            )
        value = element.get(lxml_attribute_key(name)) or ""
        return checks.INVALID_VALUE.at(
            path,
            line,
            column,
            f"<{tag}> attribute {name}: {self.values.explain(allowed[name], value)}",
        )

    def _misplaced(self, element: etree._Element, message: str) -> Diagnostic:
        key = str(element.tag)  # as the model keys elements
        tag = tag_name(key)  # as TwiML writes it
        path = self.document.path
        line, column = self.document.element_position(element)
        parent = element.getparent()
        parent_tag = tag_name(str(parent.tag)) if parent is not None else ""
        parent_type = self.type_of(parent) if parent is not None else None
        here = list(parent_type.children) if parent_type else []
        names_here = sorted((tag_name(name) for name in here), key=str.lower)
        if key not in self.schema.element_names:
            other = next(k for k in KINDS if k != self.schema.kind)
            everywhere = [tag_name(name) for name in self.schema.element_names]
            suggestion = _suggest(tag, names_here) or _suggest(tag, everywhere)
            if key in model(other).element_names:
                hint = f"; <{tag}> belongs to TwiML {other}"
            else:
                hint = f"; did you mean <{suggestion}>?" if suggestion else ""
            return checks.UNKNOWN_ELEMENT.at(
                path, line, column, f"<{tag}> is not a {self.label} element{hint}"
            )
        if key in here:
            # Allowed here, but not at this position or this many times.
            return checks.INVALID_NESTING.at(
                path,
                line,
                column,
                f"<{tag}> is not allowed at this point in <{parent_tag}>: "
                + _strip_element_prefix(message),
            )
        takes = (
            f"<{parent_tag}> may contain " + ", ".join(f"<{c}>" for c in names_here)
            if here
            else f"<{parent_tag}> takes no child elements"
        )
        return checks.INVALID_NESTING.at(
            path, line, column, f"<{tag}> is not allowed inside <{parent_tag}>; {takes}"
        )

    def _text_problem(self, element: etree._Element, entry: etree._LogEntry) -> Diagnostic:
        tag = tag_name(str(element.tag))
        path = self.document.path
        text = (element.text or "").strip()
        line, column = self.document.text_position(element)
        owner = self.type_of(element)
        if not text and owner is not None and owner.text == "required":
            return checks.MISSING_TEXT.at(
                path,
                *self.document.element_position(element),
                f"<{tag}> is empty; it needs text content",
            )
        if owner is not None and owner.text_type:
            return checks.INVALID_VALUE.at(
                path,
                line,
                column,
                f"<{tag}> text: {self.values.explain(owner.text_type, text)}",
            )
        return checks.SCHEMA_VIOLATION.at(path, line, column, _strip_element_prefix(entry.message))


def _strip_element_prefix(message: str) -> str:
    return re.sub(r"^Element '[^']*'(, attribute '[^']*')?: ", "", message).strip()


def _excerpt(text: str | None) -> str:
    words = " ".join((text or "").split())
    return repr(words if len(words) <= 30 else words[:27] + "...")
