"""The schema check's own walk agrees with libxml2's XSD validator.

twimlkit asks libxml2 first and walks the document against the schema model only when libxml2
finds a problem; the walk then says what is wrong, everywhere at once. These tests mutate
Twilio's published examples in many ways and check, document by document, that the walk
finds a problem exactly when libxml2 does, and that each finding names a specific check.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator

import pytest
from conftest import conformance_documents
from lxml import etree

from twimlkit import validate
from twimlkit.diagnostic import Diagnostic
from twimlkit.document import read_document
from twimlkit.schema import compiled_schema, detect_kind, model
from twimlkit.schema.check import WALK_FIRST_AT, _Walk

DOCUMENTS = conformance_documents()

# Values that exercise every kind of simple type: words from closed sets in other cases,
# numbers in and out of range, lists, white space, empty.
PROBES = [
    "",
    " ",
    "true",
    "True",
    "false",
    "0",
    "-1",
    "5",
    " 5",
    "5.0",
    "601",
    "99999999999999999999",
    "1e3",
    "POST",
    "post",
    "GET",
    "inbound",
    " inbound",
    "both",
    "dual",
    "record-from-answer-dual",
    "initiated ringing",
    "initiated,ringing",
    "initiated  answered ",
    "en-US",
    "en_US",
    "Polly.Joanna",
    "+15551234567",
    "https://example.com/x",
    "dtmf speech",
    "speech dtmf dtmf",
    "x-strong",
    "+10%",
    "10%",
    "abc",
]


def walk_findings(xml: bytes) -> tuple[bool, int]:
    """(libxml2 accepts it, how many findings the walk has), for one document."""
    document = read_document(xml)
    kind = detect_kind(document.root)
    accepted = bool(compiled_schema(kind).validate(document.root.getroottree()))
    walk = _Walk(document, model(kind))
    walk.run()
    blank_only = bool(walk.blank_only)
    return accepted, len(walk.found) if not blank_only or walk.found else -1


def mutations(xml: bytes, rng: random.Random) -> Iterator[bytes]:
    """Variants of ``xml``, each with one change of one kind."""
    root = etree.fromstring(xml)
    elements = list(root.iter(etree.Element))
    for _ in range(12):
        working = copy.deepcopy(root)
        targets = list(working.iter(etree.Element))
        target = targets[rng.randrange(len(targets))]
        choice = rng.randrange(7)
        if choice == 0 and target.attrib:  # a value from the probes
            name = rng.choice(list(target.attrib))
            target.set(name, rng.choice(PROBES))
        elif choice == 1:  # an attribute it may or may not have
            other = rng.choice(elements)
            if other.attrib:
                target.set(rng.choice(list(other.attrib)), rng.choice(PROBES))
            else:
                target.set("bogus", "1")
        elif choice == 2 and target.getparent() is not None:  # renamed
            target.tag = rng.choice([str(e.tag) for e in elements] + ["Sya", "say", "Foo"])
        elif choice == 3:  # text where there may be none
            target.text = (target.text or "") + rng.choice(["hello", " ", "", "+1555"])
        elif choice == 4 and len(targets) > 1:  # moved into another element
            mover = rng.choice(targets[1:])
            destination = rng.choice(targets)
            if mover is not destination and destination not in mover.iter():
                destination.append(mover)
        elif choice == 5 and target.attrib:  # an attribute removed
            del target.attrib[rng.choice(list(target.attrib))]
        elif choice == 6:  # emptied
            target.text = None
            for child in list(target):
                target.remove(child)
        yield etree.tostring(working)


@pytest.mark.skipif(not DOCUMENTS, reason="conformance corpus not found")
def test_the_walk_finds_a_problem_exactly_when_libxml2_does() -> None:
    rng = random.Random(20261129)
    disagreements: list[str] = []
    checked = invalid = 0
    for path in DOCUMENTS:
        for variant in mutations(path.read_bytes(), rng):
            try:
                accepted, found = walk_findings(variant)
            except Exception as error:  # a variant that is not a document (never expected)
                disagreements.append(f"{path.name}: {error!r}")
                continue
            checked += 1
            invalid += not accepted
            if found == -1:  # only white space where no text is taken: twimlkit accepts it
                continue
            if accepted != (found == 0):
                disagreements.append(f"{path.name}: libxml2 {accepted}, walk {found}: {variant!r}")
    assert disagreements == []
    assert checked > 2000 and invalid > 500  # the mutations reach both sides


@pytest.mark.skipif(not DOCUMENTS, reason="conformance corpus not found")
def test_no_finding_is_left_to_libxml2s_own_words() -> None:
    rng = random.Random(7)
    for path in DOCUMENTS[::4]:
        for variant in mutations(path.read_bytes(), rng):
            rules = {d.rule for d in validate(variant)}
            assert "schema-violation" not in rules, variant


def test_the_check_leaves_the_callers_document_alone() -> None:
    document = read_document(b"<Response><Hangup> </Hangup><Say>Hi</Say><Sya/></Response>")
    before = etree.tostring(document.root)
    from twimlkit.schema import check

    found = check(document, "voice")
    assert [d.rule for d in found] == ["unknown-element"]
    assert etree.tostring(document.root) == before


def test_white_space_in_an_element_that_takes_no_text_is_accepted() -> None:
    assert validate("<Response><Hangup>\n  </Hangup></Response>") == []


def test_cdata_is_part_of_the_stray_text_it_stands_in() -> None:
    found = validate("<Response><Hangup>c<![CDATA[d]]>e</Hangup></Response>")
    assert [(d.rule, d.column, d.end_column) for d in found] == [("unexpected-text", 19, 34)]
    assert validate("<Response><Hangup><![CDATA[ ]]></Hangup></Response>") == []


# -- XML Schema's own attributes ---------------------------------------------------------

XSI = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'

#: xsi: attributes, each inside <Response>: the walk must agree with libxml2 on each, or a
#: large document with many of them would be left to libxml2's own (quadratic) error path.
XSI_CASES = [
    '<Say xsi:type="Say">hi</Say>',
    '<Say xsi:type="Play">hi</Say>',
    '<Say xsi:type="x:Say">hi</Say>',
    '<Say xsi:type="xml:Say">hi</Say>',
    '<Say xsi:type="xs:string" xmlns:xs="http://www.w3.org/2001/XMLSchema">hi</Say>',
    '<Say xsi:nil="false">hi</Say>',
    '<Say xsi:nil="true"/>',
    '<Say xsi:foo="1">hi</Say>',
    '<Say xsi:schemaLocation="a b">hi</Say>',
    '<Say xsi:noNamespaceSchemaLocation="voice.xsd">hi</Say>',
    '<Say><amazon:effect xsi:type="amazon:AmazonEffect">x</amazon:effect></Say>',
    '<Say><amazon:effect xsi:type="AmazonEffect">x</amazon:effect></Say>',
    '<Say><amazon:effect xmlns:a="urn:twimlkit:amazon" xsi:type="a:AmazonEffect">x'
    "</amazon:effect></Say>",
    '<Say xmlns:a="urn:twimlkit:&#97;mazon"><amazon:effect xsi:type="a:AmazonEffect">x'
    "</amazon:effect></Say>",
    '<Say xmlns:a="urn:x"><amazon:effect xsi:type="a:AmazonEffect">x</amazon:effect></Say>',
    '<Say><amazon:effect xmlns="urn:twimlkit:amazon" xsi:type="AmazonEffect">x'
    "</amazon:effect></Say>",
]


def places(found: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in found if d.rule != "response-too-large"]


@pytest.mark.parametrize("body", XSI_CASES)
def test_the_walk_reads_xml_schemas_own_attributes_as_libxml2_does(body: str) -> None:
    xml = f"<Response{XSI}>{body}</Response>"
    accepted, found = walk_findings(xml.encode())
    assert accepted == (found == 0)
    small = validate(xml)
    assert "schema-violation" not in {d.rule for d in small}
    # A large document is walked before libxml2 is asked: the same findings, at the same places.
    large = validate(f"<Response{XSI}>{body}{' ' * WALK_FIRST_AT}</Response>")
    assert places(large) == places(small)


def test_xsi_attributes_that_do_not_fit_are_named() -> None:
    xml = (
        f'<Response{XSI}><Pause xsi:type="Say"/><Pause xsi:nil="true"/><Pause xsi:x="1"/>'
        "</Response>"
    )
    found = validate(xml)
    columns = [xml.index(name) + 1 for name in ("xsi:type=", "xsi:nil=", "xsi:x=")]
    assert [(d.rule, d.column) for d in found] == [
        ("invalid-value", columns[0]),
        ("unknown-attribute", columns[1]),
        ("unknown-attribute", columns[2]),
    ]
    assert found[0].message == (
        "<Pause> attribute xsi:type: 'Say' is not the type of <Pause> (Pause), the only type "
        "XML Schema takes there; remove xsi:type"
    )
    assert found[1].message == "<Pause> has no attribute 'xsi:nil': no TwiML element can be nil"


@pytest.mark.parametrize("padding", ["", " " * WALK_FIRST_AT])
def test_a_padded_xsi_type_is_only_padded(padding: str) -> None:
    # libxml2 does not trim an xsi:type; twimlkit reads it trimmed, as every other value.
    found = validate(f'<Response{XSI}><Say xsi:type=" Say ">hi</Say>{padding}</Response>')
    assert [d.rule for d in found if d.rule != "response-too-large"] == ["value-whitespace"]
    assert found[-1].message.startswith("<Say> attribute xsi:type: ' Say ' has white space")


@pytest.mark.parametrize("padding", ["", " " * WALK_FIRST_AT])
@pytest.mark.parametrize(
    "content", ["<!--c-->\n", "<?p?> ", " <!--c--> <?p?> ", "<![CDATA[ ]]><!--c-->"]
)
def test_white_space_around_comments_in_an_element_that_takes_nothing(
    content: str, padding: str
) -> None:
    # libxml2 objects to it, as text in an element whose content is empty; twimlkit does not.
    found = validate(f"<Response><Pause>{content}</Pause>{padding}</Response>")
    assert places(found) == []
