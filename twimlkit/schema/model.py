"""``schemas/`` read as data: which attributes, children and text each element takes, and
which values each type accepts.

This reading is the one answer to "what does TwiML allow here" for the whole project: the
schema check, the generator of the typed builder and the tests all ask it. It is immutable
and made once per process.

:func:`read_schema` reads ``schemas/`` itself. Reading the XSD files takes longer than the rest
of a one-file lint's checking, so :func:`model` takes the same reading from
:mod:`twimlkit.schema.model_data`, which ``tools/generate_model.py`` writes from
:func:`read_schema` (as ``tools/generate_builder.py`` writes the builder); the test suite
fails when that module is not what ``schemas/`` gives.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias, get_args

from lxml import etree

from ..document import XML_NAMESPACE
from .files import schema_parser, schema_path

if TYPE_CHECKING:
    from decimal import Decimal

Kind = Literal["voice", "messaging"]
KINDS: tuple[Kind, ...] = get_args(Kind)

_XS = "{http://www.w3.org/2001/XMLSchema}"
#: twimlkit's own annotations inside ``xs:appinfo`` (retired elements).
ANNOTATION_NAMESPACE = "urn:twimlkit:schema"


class WhiteSpace(str, Enum):
    """How XML Schema normalizes a value before checking it (its whiteSpace facet)."""

    PRESERVE = "preserve"  # checked as written
    COLLAPSE = "collapse"  # runs of white space made one space, none at either end


class TextContent(str, Enum):
    """Whether an element takes text."""

    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"


#: The XML Schema built-in types twimlkit's schema uses, with their white space handling and
#: the form of their values (None: any text).
BUILTINS: Mapping[str, tuple[WhiteSpace, re.Pattern[str] | None]] = MappingProxyType(
    {
        "xs:string": (WhiteSpace.PRESERVE, None),
        "xs:token": (WhiteSpace.COLLAPSE, None),
        "xs:integer": (WhiteSpace.COLLAPSE, re.compile(r"[+-]?[0-9]+")),
        "xs:decimal": (WhiteSpace.COLLAPSE, re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")),
        "xs:language": (WhiteSpace.COLLAPSE, re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")),
    }
)
NUMERIC_BUILTINS = frozenset({"xs:integer", "xs:decimal"})


def form_of(builtin: str) -> re.Pattern[str]:
    """The form of a built-in type's values (after its white space handling), to match in
    full: the one definition the builder and the schema check share."""
    form = BUILTINS[builtin][1]
    if form is None:
        raise ValueError(f"{builtin} takes any text")
    return form


_XML_SPACE_RUN = re.compile("[ \t\n\r]+")
#: A whole number with a decimal point and only zeros after it: 5.0, 30., 10.00.
_WHOLE_DECIMAL = re.compile(r"([+-]?[0-9]+)\.0*")


def collapse(value: str) -> str:
    """``value`` as XML Schema's whiteSpace="collapse" reads it."""
    return _XML_SPACE_RUN.sub(" ", value).strip(" ")


class SimpleType(NamedTuple):
    """A simple type as the schema declares it: a restriction (``base`` with facets), a list
    (``list_of``) or a union (``members``)."""

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


class ComplexType(NamedTuple):
    """An element type: its attributes (name to simple type), children (element name to
    complex type) and text (``text_type`` names the simple type of text-only content).
    ``namespace`` is the target namespace of the schema document that declares it (``None``:
    no namespace), which an ``xsi:type`` naming it must resolve to."""

    name: str
    attributes: Mapping[str, str]
    required: frozenset[str]
    children: Mapping[str, str]
    text: TextContent
    text_type: str | None
    doc: str = ""
    attribute_docs: Mapping[str, str] = MappingProxyType({})
    namespace: str | None = None


class Retired(NamedTuple):
    """An element Twilio no longer runs, kept in the schema so that it can be named as retired
    rather than unknown: where it stood, and what replaces it."""

    name: str
    parents: tuple[str, ...]
    replacement: str
    doc: str


class SchemaModel(NamedTuple):
    """The facts of one kind of TwiML (voice or messaging).

    The model's types are named tuples rather than dataclasses: a one-file lint makes them
    at start-up, where a dataclass takes several times as long to define."""

    kind: Kind
    root: str
    root_type: str
    complex_types: Mapping[str, ComplexType]
    simple_types: Mapping[str, SimpleType]
    element_names: frozenset[str]
    retired: Mapping[str, Retired]

    def type_at(self, parent: ComplexType | None, tag: str) -> ComplexType | None:
        """The type of an element named ``tag`` (as lxml names it) inside an element of type
        ``parent``, or at the root when ``parent`` is ``None``; ``None`` where the schema has
        no such element there."""
        if parent is None:
            name = self.root_type if tag == self.root else None
        else:
            name = parent.children.get(tag)
        return self.complex_types.get(name) if name else None

    def element_types(self) -> Iterator[tuple[str, ComplexType]]:
        """Every element name with the type it has, once for each place it may stand."""
        yield self.root, self.complex_types[self.root_type]
        for parent in self.complex_types.values():
            for tag, type_name in parent.children.items():
                yield tag, self.complex_types[type_name]

    def attributes_of_type(self, type_name: str) -> dict[str, frozenset[str]]:
        """For each element name, the attributes of simple type ``type_name`` it may have."""
        found: dict[str, frozenset[str]] = {}
        for tag, element_type in self.element_types():
            names = {n for n, t in element_type.attributes.items() if t == type_name}
            if names:
                found[tag] = found.get(tag, frozenset()) | names
        return found

    # -- values ------------------------------------------------------------------------------

    def white_space(self, type_name: str) -> WhiteSpace:
        """How values of ``type_name`` are normalized before they are checked."""
        if type_name in BUILTINS:
            return BUILTINS[type_name][0]
        simple = self.simple_types[type_name]
        if simple.list_of is not None:
            return WhiteSpace.COLLAPSE
        if simple.base is not None:
            return self.white_space(simple.base)
        return WhiteSpace.PRESERVE  # a union: each member normalizes for itself

    def normalize(self, type_name: str, value: str) -> str:
        """``value`` as the schema reads it for ``type_name``."""
        return collapse(value) if self.white_space(type_name) is WhiteSpace.COLLAPSE else value

    def accepts(self, type_name: str, value: str) -> bool:
        """Whether ``value``, as written, is a valid ``type_name`` (a simple type or one of
        the built-ins in :data:`BUILTINS`): the schema's own answer, facet by facet."""
        value = self.normalize(type_name, value)
        if type_name in BUILTINS:
            form = BUILTINS[type_name][1]
            return form is None or form.fullmatch(value) is not None
        simple = self.simple_types[type_name]
        if simple.list_of is not None:
            return all(self.accepts(simple.list_of, item) for item in value.split(" ") if item)
        if simple.members:
            return any(self.accepts(member, value) for member in simple.members)
        if simple.base is not None and not self.accepts(simple.base, value):
            return False
        return self._facets_allow(simple, value)

    def _facets_allow(self, simple: SimpleType, value: str) -> bool:
        numeric = self._numeric(simple.name)
        if simple.enumeration:
            if numeric:
                if _number(value) not in {_number(v) for v in simple.enumeration}:
                    return False
            elif value not in simple.enumeration:
                return False
        if simple.minimum is not None or simple.maximum is not None:
            number = _number(value)
            if number is None:
                return False
            from decimal import Decimal  # imported by _number() already

            if simple.minimum is not None and number < Decimal(simple.minimum):
                return False
            if simple.maximum is not None and number > Decimal(simple.maximum):
                return False
        if simple.min_length is not None and len(value) < simple.min_length:
            return False
        return simple.pattern is None or _xsd_pattern(simple.pattern).fullmatch(value) is not None

    def _numeric(self, type_name: str) -> bool:
        while type_name not in BUILTINS:
            base = self.simple_types[type_name].base
            if base is None:
                return False
            type_name = base
        return type_name in NUMERIC_BUILTINS

    def enumeration(self, type_name: str) -> tuple[str, ...]:
        """The values of a closed set, also when it is a union of closed sets or a
        restriction of one; ``()`` for an open type."""
        simple = self.simple_types.get(type_name)
        if simple is None:
            return ()
        if simple.enumeration:
            return simple.enumeration
        if simple.members:
            values = [self.enumeration(member) for member in simple.members]
            return tuple(v for group in values for v in group) if all(values) else ()
        if simple.base and simple.base in self.simple_types:
            return self.enumeration(simple.base)
        return ()

    def recased(self, type_name: str, value: str) -> str | None:
        """The one allowed value that ``value`` spells in another case (``'POST'`` for
        ``'post'``); for a list, the list with each such item mended. ``None`` when there is
        no such value."""
        simple = self.simple_types.get(type_name)
        if simple is not None and simple.list_of is not None:
            items = collapse(value).split(" ") if collapse(value) else []
            mended = [
                item if self.accepts(simple.list_of, item) else self.recased(simple.list_of, item)
                for item in items
            ]
            if not items or None in mended or mended == items:
                return None
            return " ".join(str(item) for item in mended)
        folded = value.casefold()
        spelt = {v for v in self._spellings(type_name) if v.casefold() == folded and v != value}
        if len(spelt) != 1:
            return None
        candidate = spelt.pop()
        return candidate if self.accepts(type_name, candidate) else None

    def _spellings(self, type_name: str) -> tuple[str, ...]:
        """Every enumerated value of ``type_name``, through its bases and union members."""
        simple = self.simple_types.get(type_name)
        if simple is None:
            return ()
        found = [*simple.enumeration]
        for member in simple.members:
            found.extend(self._spellings(member))
        if simple.base is not None:
            found.extend(self._spellings(simple.base))
        return tuple(found)

    def whole_number(self, type_name: str, value: str) -> str | None:
        """The whole number that ``value`` writes as a decimal (``'5'`` for ``'5.0'``) when
        ``type_name`` takes integers and accepts it; otherwise ``None``."""
        match = _WHOLE_DECIMAL.fullmatch(value.strip(" \t\n\r"))
        if match is None or not self._takes_integers(type_name):
            return None
        whole = _integer(match[1])
        return whole if self.accepts(type_name, whole) else None

    def _takes_integers(self, type_name: str) -> bool:
        if type_name not in BUILTINS and type_name not in self.simple_types:
            return False
        if self.builtin(type_name) == "xs:integer":
            return True
        simple = self.simple_types.get(type_name)
        return simple is not None and any(self._takes_integers(m) for m in simple.members)

    def builtin(self, type_name: str) -> str | None:
        """The XML Schema built-in that ``type_name`` restricts, through its bases (``None``
        for lists and unions)."""
        while type_name not in BUILTINS:
            simple = self.simple_types[type_name]
            if simple.base is None:
                return None
            type_name = simple.base
        return type_name


def _integer(written: str) -> str:
    """An optional sign and digits as ``str(int(written))`` writes them, for any number of
    digits: Python's int() refuses more than 4,300 (and would take time in their square)."""
    digits = written.lstrip("+-").lstrip("0") or "0"
    return "-" + digits if written.startswith("-") and digits != "0" else digits


def _number(value: str) -> Decimal | None:
    # decimal is imported here: only a number that has to be compared needs it.
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@functools.cache
def _xsd_pattern(pattern: str) -> re.Pattern[str]:
    # XML Schema patterns are anchored at both ends; the ones in schemas/ use no syntax that
    # Python reads differently (the schema test compiles every pattern both ways).
    return re.compile(pattern)


# --------------------------------------------------------------------------------------------
# Reading the XSD files


def _documents(path: Path, seen: set[Path] | None = None) -> Iterator[etree._Element]:
    """The root of ``path`` and of every schema document it includes or imports."""
    seen = set() if seen is None else seen
    path = path.resolve()
    if path in seen:
        return
    seen.add(path)
    root = etree.parse(str(path), schema_parser())
    yield root.getroot()
    for ref in root.getroot().iter(f"{_XS}include", f"{_XS}import"):
        location = ref.get("schemaLocation")
        if location:
            yield from _documents(path.parent / location, seen)


def _child(node: etree._Element, name: str) -> etree._Element | None:
    """The first child ``xs:NAME`` of ``node``. Reading the schema asks this often:
    iterchildren() runs in lxml's C code, where find() takes the ElementPath route."""
    return next(node.iterchildren(f"{_XS}{name}"), None)


def _children(node: etree._Element, name: str) -> Iterator[etree._Element]:
    """Every child ``xs:NAME`` of ``node``, in order."""
    return node.iterchildren(f"{_XS}{name}")


def _doc(node: etree._Element) -> str:
    """The ``xs:documentation`` of a declaration, with its white space folded."""
    for annotation in _children(node, "annotation"):
        for documentation in _children(annotation, "documentation"):
            return " ".join((documentation.text or "").split())
    return ""


#: The facets twimlkit reads (and annotations), by local name and as lxml names them.
_KNOWN_FACETS = frozenset(
    {"enumeration", "minInclusive", "maxInclusive", "minLength", "pattern", "annotation"}
)
_KNOWN_FACET_TAGS = frozenset(f"{_XS}{name}" for name in _KNOWN_FACETS)


def _read_simple(node: etree._Element, name: str, types: dict[str, SimpleType]) -> SimpleType:
    doc = _doc(node)
    restriction = _child(node, "restriction")
    list_node = _child(node, "list")
    union = _child(node, "union")
    if list_node is not None:
        item = list_node.get("itemType")
        if item is None:
            inner = _child(list_node, "simpleType")
            item = f"{name}.item"
            types[item] = (
                _read_simple(inner, item, types) if inner is not None else SimpleType(item)
            )
        return SimpleType(name, list_of=_type_ref(item), doc=doc)
    if union is not None:
        members = [_type_ref(m) for m in (union.get("memberTypes") or "").split()]
        for index, inner in enumerate(_children(union, "simpleType")):
            member = f"{name}.{index}"
            types[member] = _read_simple(inner, member, types)
            members.append(member)
        return SimpleType(name, members=tuple(members), doc=doc)
    if restriction is None:
        return SimpleType(name, base="xs:string", doc=doc)

    def facet(tag: str) -> str | None:
        found = _child(restriction, tag)
        return None if found is None else found.get("value")

    for child in restriction:
        if child.tag in _KNOWN_FACET_TAGS:
            continue
        local = etree.QName(child).localname if isinstance(child.tag, str) else "annotation"
        if local not in _KNOWN_FACETS:
            raise ValueError(f"schema type {name}: facet xs:{local} is not supported by twimlkit")
    min_length = facet("minLength")
    return SimpleType(
        name,
        base=_type_ref(restriction.get("base")),
        enumeration=tuple(str(e.get("value")) for e in _children(restriction, "enumeration")),
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
    for attribute in _children(node, "attribute"):
        ref = attribute.get("ref")
        name = "xml:" + ref.split(":", 1)[1] if ref else str(attribute.get("name"))
        # An xml: attribute's type is declared with the attribute, under its own name.
        declared = attribute.get("type")
        type_name = name if ref else (_type_ref(declared) if declared else None)
        if type_name is None:
            inline = _child(attribute, "simpleType")
            type_name = f"{owner}@{name}"
            simple[type_name] = (
                _read_simple(inline, type_name, simple)
                if inline is not None
                else SimpleType(type_name, base="xs:string")
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


def _read_retired(docs: list[etree._Element]) -> dict[str, Retired]:
    retired: dict[str, Retired] = {}
    tag = f"{{{ANNOTATION_NAMESPACE}}}retired"
    for doc in docs:
        for node in doc.iterfind(f"{_XS}annotation/{_XS}appinfo/{tag}"):
            name = str(node.get("element"))
            retired[name] = Retired(
                name,
                tuple(str(node.get("parents", "")).split()),
                str(node.get("replacement", "")),
                " ".join((node.text or "").split()),
            )
    return retired


@functools.cache
def model(kind: Kind) -> SchemaModel:
    """The :class:`SchemaModel` of ``kind``: what :func:`read_schema` reads from ``schemas/``,
    made once per process from :mod:`twimlkit.schema.model_data` (from ``schemas/`` itself
    only while that module is not there: before ``tools/generate_model.py`` first writes it)."""
    try:
        from .model_data import MODELS
    except ModuleNotFoundError as missing:
        if missing.name != f"{__package__}.model_data":
            raise
        return read_schema(kind)
    return from_data(MODELS[kind])


#: A :class:`SimpleType`, :class:`ComplexType` and :class:`Retired` as plain data, each field
#: in order (mappings as pairs, sets sorted, :class:`TextContent` as its value).
SimpleData: TypeAlias = tuple[
    str,
    str | None,
    tuple[str, ...],
    str | None,
    tuple[str, ...],
    str | None,
    str | None,
    int | None,
    str | None,
    str,
]
Pairs: TypeAlias = tuple[tuple[str, str], ...]
ComplexData: TypeAlias = tuple[
    str, Pairs, tuple[str, ...], Pairs, str, str | None, str, Pairs, str | None
]
RetiredData: TypeAlias = tuple[str, tuple[str, ...], str, str]
#: A :class:`SchemaModel` as plain data, which a generated module can write as literals.
ModelData: TypeAlias = tuple[
    str,
    str,
    str,
    tuple[SimpleData, ...],
    tuple[ComplexData, ...],
    tuple[str, ...],
    tuple[RetiredData, ...],
]


def to_data(schema: SchemaModel) -> ModelData:
    """``schema`` as plain data, in its own order: :func:`from_data` makes it again."""
    return (
        schema.kind,
        schema.root,
        schema.root_type,
        tuple(
            (
                t.name,
                t.base,
                t.enumeration,
                t.list_of,
                t.members,
                t.minimum,
                t.maximum,
                t.min_length,
                t.pattern,
                t.doc,
            )
            for t in schema.simple_types.values()
        ),
        tuple(
            (
                t.name,
                tuple(t.attributes.items()),
                tuple(sorted(t.required)),
                tuple(t.children.items()),
                t.text.value,
                t.text_type,
                t.doc,
                tuple(t.attribute_docs.items()),
                t.namespace,
            )
            for t in schema.complex_types.values()
        ),
        tuple(sorted(schema.element_names)),
        tuple((r.name, r.parents, r.replacement, r.doc) for r in schema.retired.values()),
    )


def from_data(data: ModelData) -> SchemaModel:
    """The :class:`SchemaModel` that :func:`to_data` gave ``data`` for."""
    kind, root, root_type, simple, complex_types, names, retired = data
    if kind not in KINDS:
        raise ValueError(f"not a kind of TwiML: {kind!r}")
    types = {}
    for (
        name,
        attributes,
        required,
        children,
        text,
        text_type,
        doc,
        docs,
        namespace,
    ) in complex_types:
        types[name] = ComplexType(
            name,
            MappingProxyType(dict(attributes)),
            frozenset(required),
            MappingProxyType(dict(children)),
            TextContent(text),
            text_type,
            doc,
            MappingProxyType(dict(docs)),
            namespace,
        )
    return SchemaModel(
        kind,
        root,
        root_type,
        MappingProxyType(types),
        MappingProxyType({row[0]: SimpleType(*row) for row in simple}),
        frozenset(names),
        MappingProxyType({row[0]: Retired(*row) for row in retired}),
    )


def read_schema(kind: Kind) -> SchemaModel:
    """The :class:`SchemaModel` of ``kind``, read from ``schemas/``."""
    simple: dict[str, SimpleType] = {}
    complex_types: dict[str, ComplexType] = {}
    xml_attributes: dict[str, etree._Element] = {}
    roots = list(_documents(schema_path(kind)))
    for doc in roots:
        if doc.get("targetNamespace") == XML_NAMESPACE:
            for attribute in _children(doc, "attribute"):
                xml_attributes[f"xml:{attribute.get('name')}"] = attribute
            continue
        for node in _children(doc, "simpleType"):
            name = str(node.get("name"))
            simple[name] = _read_simple(node, name, simple)
    for name, attribute in xml_attributes.items():
        inline = _child(attribute, "simpleType")
        simple[name] = (
            _read_simple(inline, name, simple)
            if inline is not None
            else SimpleType(name, base="xs:string")
        )
    schema_docs = [doc for doc in roots if doc.get("targetNamespace") != XML_NAMESPACE]
    elements: dict[str, str] = {}  # global element (Clark name) -> its type
    groups: dict[str, etree._Element] = {}
    for doc in schema_docs:
        namespace = doc.get("targetNamespace")
        for element in _children(doc, "element"):
            elements[_clark(namespace, str(element.get("name")))] = _type_ref(element.get("type"))
        for group in _children(doc, "group"):
            groups[_clark(namespace, str(group.get("name")))] = group
    root = _child(schema_docs[0], "element")  # the kind's own file declares the root
    assert root is not None, "the schema declares no root element"
    root_name, root_type = str(root.get("name")), _type_ref(root.get("type"))
    for doc in schema_docs:
        namespace = doc.get("targetNamespace")
        for node in _children(doc, "complexType"):
            complex_types[str(node.get("name"))] = _read_complex(
                node, groups, elements, simple, namespace
            )
    names = {root_name}
    for complex_type in complex_types.values():
        names.update(complex_type.children)
    for simple_type in list(simple.values()):
        for referenced in (simple_type.base, simple_type.list_of, *simple_type.members):
            if referenced is not None and referenced not in simple and referenced not in BUILTINS:
                raise ValueError(f"schema type {simple_type.name}: unknown type {referenced}")
    return SchemaModel(
        kind,
        root_name,
        root_type,
        MappingProxyType(complex_types),
        MappingProxyType(simple),
        frozenset(names),
        MappingProxyType(_read_retired(schema_docs)),
    )


def _read_complex(
    node: etree._Element,
    groups: dict[str, etree._Element],
    elements: dict[str, str],
    simple: dict[str, SimpleType],
    namespace: str | None,
) -> ComplexType:
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
    text_type = None
    if extension is not None:
        text_type = _type_ref(extension.get("base"))
        base = simple.get(text_type)
        text = (
            TextContent.REQUIRED if base is not None and base.min_length else TextContent.OPTIONAL
        )
    else:
        text = TextContent.OPTIONAL if node.get("mixed") == "true" else TextContent.NONE
    return ComplexType(
        name,
        MappingProxyType(attributes),
        required,
        MappingProxyType(children),
        text,
        text_type,
        _doc(node),
        MappingProxyType(docs),
        namespace,
    )


def detect_kind(root: etree._Element) -> Kind:
    """Voice or messaging, from the document: a ``<Response>`` whose verbs are only
    ``<Message>`` and ``<Redirect>``, with at least one ``<Message>``, is messaging."""
    verbs = {child.tag for child in root if isinstance(child.tag, str)}
    if "Message" not in verbs:
        return "voice"
    messaging = model("messaging")
    if verbs <= messaging.complex_types[messaging.root_type].children.keys():
        return "messaging"
    return "voice"
