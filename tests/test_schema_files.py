"""The XSD files in schemas/: valid XSD 1.0, documented throughout, and complete with respect
to what twilio-python 9.13's builders can emit."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO
from lxml import etree

from twimlkit.schema import KINDS, Kind, model, schema_dir, schema_path

XS = "{http://www.w3.org/2001/XMLSchema}"
SCHEMA_FILES = sorted((REPO / "schemas").glob("*.xsd"))


def test_the_package_uses_the_repository_schemas() -> None:
    # An installed twimlkit carries a copy; it must be the same text as schemas/ here.
    for path in SCHEMA_FILES:
        assert (schema_dir() / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("kind", KINDS)
def test_xmlschema_reads_the_schema_as_xsd_1_0(kind: Kind) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema10(str(schema_path(kind)))
    for example in sorted((EXAMPLES / kind).glob("*.xml")):
        schema.validate(str(example))


def documented(node: etree._Element) -> bool:
    text = node.findtext(f"{XS}annotation/{XS}documentation")
    return bool(text and text.strip() and "TODO" not in text)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_declaration_is_documented(path: Path) -> None:
    root = etree.parse(str(path)).getroot()
    missing = [
        f"{node.tag.removeprefix(XS)} {node.get('name') or node.get('ref')}"
        for node in root.iter(f"{XS}complexType", f"{XS}simpleType", f"{XS}attribute")
        if (node.get("name") or node.get("ref")) and not documented(node)
    ]
    assert missing == []


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_closed_value_set_is_a_named_type(path: Path) -> None:
    root = etree.parse(str(path)).getroot()
    for enumeration in root.iter(f"{XS}enumeration"):
        simple_type = enumeration.getparent().getparent()  # type: ignore[union-attr]
        assert simple_type is not None
        named = simple_type.get("name") or simple_type.getparent().tag == f"{XS}union"  # type: ignore[union-attr]
        assert named, f"anonymous enumeration near line {enumeration.sourceline}"


def test_seed_value_sets() -> None:
    voice = model("voice")
    dial = voice.complex_types["Dial"]
    assert voice.simple_types[dial.attributes["recordingTrack"]].enumeration == (
        "inbound",
        "outbound",
        "both",
    )
    # <Dial record> takes the five DialRecord values, and the older true and false.
    record = voice.simple_types[dial.attributes["record"]]
    assert set(voice.simple_types[record.members[0]].enumeration) == {
        "do-not-record",
        "record-from-answer",
        "record-from-ringing",
        "record-from-answer-dual",
        "record-from-ringing-dual",
    }
    assert voice.simple_types[record.members[1]].enumeration == ("true", "false")
    assert voice.simple_types[dial.attributes["method"]].enumeration == ("GET", "POST")
    # Single-party recording does not exist on <Record> or <Conference>.
    assert "recordingTrack" not in voice.complex_types["Record"].attributes
    assert "recordingTrack" not in voice.complex_types["Conference"].attributes


# ------------------------------------------------------------------------------------------
# Completeness against twilio-python 9.13


def twilio_edges(root: object) -> Iterator[tuple[type, str, type, set[str]]]:
    """(parent class, child tag, child class, attribute names) for everything a twilio-python
    builder can nest, found by calling each builder method with every parameter set."""
    from twilio.twiml import TwiML

    seen: set[type] = set()
    todo = [root]
    while todo:
        element = todo.pop()
        cls = type(element)
        if cls in seen:
            continue
        seen.add(cls)
        for name, method in vars(cls).items():
            if name.startswith("_") or not callable(method):
                continue
            parameters = [
                p
                for p in inspect.signature(method).parameters.values()
                if p.name != "self" and p.kind is not inspect.Parameter.VAR_KEYWORD
            ]
            fresh = cls.__new__(cls)
            TwiML.__init__(fresh)
            child = getattr(fresh, name)(**{p.name: "v" for p in parameters})
            assert isinstance(child, TwiML)
            yield cls, child.name, type(child), set(child.attrs)
            todo.append(child)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_declares_everything_twilio_python_emits(kind: Kind) -> None:
    twilio = pytest.importorskip("twilio")
    assert twilio.__version__ == "9.13.0"
    from twilio.twiml.messaging_response import MessagingResponse
    from twilio.twiml.voice_response import VoiceResponse

    schema = model(kind)
    response = VoiceResponse() if kind == "voice" else MessagingResponse()
    types: dict[type, str] = {type(response): schema.root_type}
    problems: list[str] = []
    tags: set[str] = {"Response"}
    attributes: set[tuple[type, str]] = set()
    for parent, tag, child, attrs in twilio_edges(response):
        tags.add(tag)
        attributes.update((child, attribute) for attribute in attrs)
        parent_type = schema.complex_types[types[parent]]
        child_type = parent_type.children.get(tag)
        if child_type is None and tag in schema.retired:
            assert parent_type.name in schema.retired[tag].parents
            continue  # marked retired in the schema, with what replaces it
        if child_type is None:
            problems.append(f"<{tag}> inside {parent_type.name}")
            continue
        assert types.setdefault(child, child_type) == child_type
        for attribute in sorted(attrs - set(schema.complex_types[child_type].attributes)):
            problems.append(f"<{tag}> attribute {attribute}")
    assert problems == []
    # The walk reached every tag and attribute: counts taken from twilio-python 9.13 source.
    if kind == "voice":
        assert (len(tags), len(attributes)) == (58, 298)
    else:
        assert (len(tags), len(attributes)) == (5, 6)


def test_the_parser_binds_the_namespace_amazon_xsd_declares() -> None:
    from twimlkit.document import IMPLIED_NAMESPACES

    root = etree.parse(str(REPO / "schemas" / "amazon.xsd")).getroot()
    assert {"amazon": root.get("targetNamespace")} == IMPLIED_NAMESPACES


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_open_unions_try_any_string_first(path: Path) -> None:
    # An open set (known values, or any other string) accepts every string. libxml2 tries a
    # union's members in order: with the known values first it compares the value with each
    # of them (thousands of voices) before it reaches xs:string, on every document.
    for union in etree.parse(str(path)).iter(f"{XS}union"):
        members = (union.get("memberTypes") or "").split()
        if "xs:string" in members:
            assert members[0] == "xs:string", f"{path.name}: {members}"
