"""Property: any document the builder accepts is well-formed, schema-valid, and round-trips
through twimlkit.parse. Documents are drawn from the schema itself."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any
from xml.parsers import expat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twimlkit import checks, messaging, parse, validate, voice
from twimlkit.builder import Content, Element
from twimlkit.schema import ComplexType, Kind, SchemaModel, model

SCHEMA_CODES = {check.code for check in checks.ALL}

# Any character XML 1.0 allows, without surrogates (which str cannot encode to UTF-8).
FORBIDDEN = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]
XML_CHARS = st.characters(exclude_categories=["Cs"], exclude_characters=FORBIDDEN)
TEXT = st.text(XML_CHARS, max_size=12)
REQUIRED_TEXT = TEXT.filter(lambda t: t.strip(" \t\n\r") != "")
# An attribute value: no white space at either end (value-whitespace), unless it is all space.
ATTRIBUTE_TEXT = TEXT.filter(lambda t: t == t.strip(" \t\n\r") or not t.strip(" \t\n\r"))


def values(schema: SchemaModel, type_name: str) -> st.SearchStrategy[Any]:
    """Valid Python values for an attribute of the given schema type."""
    if type_name == "Boolean":
        return st.booleans()
    simple = schema.simple_types.get(type_name)
    if simple is None:
        if type_name in ("xs:integer", "xs:int"):
            return st.integers(-(10**6), 10**6)
        return ATTRIBUTE_TEXT
    if simple.enumeration:
        return st.sampled_from(simple.enumeration)
    if simple.list_of:
        item = schema.simple_types.get(simple.list_of)
        if item and item.enumeration:
            return st.lists(st.sampled_from(item.enumeration), min_size=1, max_size=3)
        return st.lists(st.from_regex(r"[a-z]{1,5}", fullmatch=True), min_size=1, max_size=3)
    if simple.members:
        if "xs:language" in simple.members:
            return st.from_regex(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*", fullmatch=True)
        enumerations = [
            schema.simple_types[m].enumeration if m in schema.simple_types else ()
            for m in simple.members
        ]
        if all(enumerations):
            words = st.sampled_from([v for values in enumerations for v in values])
            # Where the union includes Boolean, Python's True and False are taken too.
            return words | st.booleans() if "Boolean" in simple.members else words
        if "xs:string" in simple.members:
            return ATTRIBUTE_TEXT
        return st.one_of([values(schema, m) for m in simple.members])
    if simple.pattern:
        return st.from_regex(simple.pattern, fullmatch=True)
    low = int(simple.minimum) if simple.minimum and "." not in simple.minimum else None
    high = int(simple.maximum) if simple.maximum and "." not in simple.maximum else None
    if simple.base in ("xs:integer", "xs:int"):
        return st.integers(
            low if low is not None else -(10**6), high if high is not None else 10**6
        )
    if simple.base in ("xs:decimal", "xs:double"):
        least = Decimal(simple.minimum) if simple.minimum else Decimal(-1000)
        most = Decimal(simple.maximum) if simple.maximum else Decimal(1000)
        # Decimals, floats (written without an exponent) and decimal text.
        return (
            st.decimals(least, most, places=2)
            | st.floats(float(least), float(most))
            | st.decimals(least, most, places=3).map(str)
        )
    return ATTRIBUTE_TEXT


def keywords(
    schema: SchemaModel, complex_type: ComplexType, cls: type[Element]
) -> st.SearchStrategy[dict[str, Any]]:
    names = {a.name: a.keyword for a in cls.attributes()}
    required = {names[a]: values(schema, complex_type.attributes[a]) for a in complex_type.required}
    optional = {
        names[a]: values(schema, t)
        for a, t in complex_type.attributes.items()
        if a not in complex_type.required
    }
    return st.fixed_dictionaries(required, optional=optional)


def element(schema: SchemaModel, cls: type[Element], depth: int) -> st.SearchStrategy[Element]:
    complex_type = schema.complex_types[cls.__name__]
    make: Callable[..., Element] = cls  # each class has its own keyword arguments
    kw = keywords(schema, complex_type, cls)
    shape = cls.content
    if shape is Content.EMPTY:
        return kw.map(lambda k: make(**k))
    if shape is Content.TEXT:
        return st.tuples(REQUIRED_TEXT, kw).map(lambda a: make(a[0], **a[1]))
    if shape is Content.OPTIONAL_TEXT:
        return st.tuples(st.none() | TEXT, kw).map(
            lambda a: make(**a[1]) if a[0] is None else make(a[0], **a[1])
        )
    if depth > 0:
        children = st.one_of([element(schema, c, depth - 1) for c in cls._allowed])
        items = st.one_of(children, TEXT) if shape is Content.MIXED else children
        content = st.lists(items, max_size=3)
    else:
        content = st.lists(TEXT, max_size=1) if shape is Content.MIXED else st.just([])
    return st.tuples(content, kw).map(lambda a: make(*a[0], **a[1]))


def documents(kind: Kind) -> st.SearchStrategy[Element]:
    module = voice if kind == "voice" else messaging
    return element(model(kind), module.ROOT, depth=3)


@pytest.mark.parametrize("kind", ["voice", "messaging"])
def test_built_documents_are_valid_and_round_trip(kind: Kind) -> None:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents(kind))
    def check(document: Element) -> None:
        xml = document.to_xml()
        # Well-formed XML 1.0, or this raises. expat without namespace processing, because
        # TwiML writes Amazon's SSML tags (amazon:effect) without declaring the prefix.
        expat.ParserCreate().Parse(xml.encode(), True)
        # Valid against the schema: the semantic rules may still have advice for it.
        assert [d for d in validate(xml, kind=kind) if d.code in SCHEMA_CODES] == []
        again = parse(xml, kind=kind)
        assert again == document
        assert again.to_xml() == xml

    check()
