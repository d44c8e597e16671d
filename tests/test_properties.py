"""Properties over hostile input, beside tests/test_never_crashes.py (which checks the shape of
every diagnostic for tag soup, bytes and text) and tests/test_builder_properties.py (which
builds valid documents from valid values):

- ``validate()`` never raises for text or bytes, however broken: not for random bytes, and
  not for Twilio-like documents mutated with stray tags, attributes, markup and control
  characters in values, entities, CDATA, comments, processing instructions, DOCTYPEs and
  BOMs. Whenever an independent parser (expat) cannot read the document, twimlkit reports
  only findings of the input itself (not-well-formed and its kin): one, after each mistake
  with an & before it.
- The builder, given hostile values (markup and control characters, str subclasses with
  their own ``__str__``, enum members, nan, infinities, huge and tiny numbers, bools, bytes,
  objects), either refuses them at construction with ``TypeError`` or ``ValueError`` naming
  the element, or writes a document that is well-formed, reads back through
  ``twimlkit.parse()`` as the same tree and the same text, and has no finding of the input
  or the schema. Findings of the rules (TK2xx) are allowed: they judge what values mean
  together (a track recorded without record), which the builder builds as asked on purpose;
  a schema finding would mean the builder wrote a value the schema refuses.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from xml.parsers import expat

from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_builder_properties import keywords
from test_never_crashes import INPUT_CHECKS, assert_well_formed

from twimlkit import checks, messaging, parse, validate, voice
from twimlkit.builder import Content, Element
from twimlkit.schema import Kind, model

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
SCHEMA_CODES = {check.code for check in checks.ALL}


def expat_reads(source: str | bytes) -> bool:
    """Whether expat, without namespace processing (TwiML writes amazon: undeclared), reads
    ``source`` as well-formed XML."""
    try:
        expat.ParserCreate().Parse(source, True)
    except (expat.ExpatError, UnicodeError, ValueError):
        return False
    return True


def lxml_reads(source: str | bytes) -> bool:
    """Whether libxml2, with lxml's plain settings (no entities loaded), reads ``source``."""
    data = source.encode("utf-8", errors="surrogatepass") if isinstance(source, str) else source
    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return False
    return True


def checked(source: str | bytes, kind: Kind | None = None) -> None:
    """``validate(source)`` answers without raising, with well-formed diagnostics, and with
    one input finding whenever neither expat nor libxml2 can read the document. (Each alone
    refuses some well-formed XML: expat names with characters XML 1.0 allows only since its
    fifth edition, such as U+FEFF; libxml2 the amazon: prefix TwiML leaves undeclared.)"""
    found = validate(source, kind=kind)
    assert_well_formed(source, found)
    if not expat_reads(source) and not lxml_reads(source):
        assert found and {d.rule for d in found} <= INPUT_CHECKS, found


# -- (a) random bytes ------------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from([None, "voice", "messaging"]))
def test_random_bytes_are_answered_with_diagnostics(data: bytes, kind: Kind | None) -> None:
    checked(data, kind)


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_inside_a_response(data: bytes) -> None:
    checked(b"<Response><Say>" + data + b"</Say></Response>")


# -- (b) near-TwiML: Twilio-like documents, mutated --------------------------------------------

SEEDS = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.rglob("*.xml"))] + [
    '<Response><Dial record="record-from-answer" recordingTrack="inbound"'
    ' recordingStatusCallback="https://www.myexample.com/recording-handler">'
    "<Number>+15551239876</Number></Dial></Response>",
    '<Response><Gather input="dtmf speech" numDigits="1" action="/menu">'
    "<Say>Press 1</Say></Gather><Redirect>/menu</Redirect></Response>",
    "<Response><Message><Body>Hi &amp; welcome</Body>"
    "<Media>https://example.com/a.png</Media></Message></Response>",
]
FRAGMENTS = [
    # tags, known, unknown, misspelt, unbalanced, prefixed
    "<Say>", "</Say>", "<Say/>", "<Sya>x</Sya>", "<Dial>", "</Dial>", "<Number>+1555</Number>",
    "<amazon:effect>", "</amazon:effect>", "<x:y/>", "<Message>", "<Body>b</Body>", "<Response>",
    "</Response>", "<prosody rate='slow'>", "</prosody>", "< Say>", "<Say", "</>",
    # attributes and values with markup
    ' timeout="5"', ' timeout="-1"', ' record="true"', ' recordingTrack="both"', " a='<'",
    ' b="&"', ' c="x"', ' c="x"', ' xml:lang="en-US"', ' xmlns="urn:x"', ' xmlns:amazon="urn:a"',
    ' url="ftp://x"', '="', "'", '"',
    # control characters and odd white space
    "\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\u2028", "\xa0", "\r", "\r\n", "\t",
    # entities, character references, good and bad
    "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x41;", "&#0;", "&#x1F;",
    "&#xD800;", "&#1114112;", "&#xFFFE;", "&nope;", "&", "&#;", "&#x;",
    # CDATA, comments, processing instructions, DOCTYPEs
    "<![CDATA[<Say>]]>", "<![CDATA[", "]]>", "<!-- c -->", "<!-- -- -->", "<!--", "-->",
    "<!-- twimlkit: disable=empty-say -->", "<!-- twimlkit: disable=nope -->", "<?pi x?>",
    '<?xml version="1.0"?>', '<?xml version="1.0" encoding="latin-1"?>', "<!DOCTYPE Response>",
    '<!DOCTYPE r [<!ENTITY e "x">]>', "&e;",
    # BOMs, other planes, surrogates
    "\ufeff", "\ufffe", "\uffff", "\U0001f600", "\ud800", "é",
]  # fmt: skip


# Pieces that keep a document well-formed where they are put: between tags, or inside a
# start tag. What they do to its TwiML is for twimlkit to say.
CONTENT = [
    "<Say>hi</Say>",
    "<Say/>",
    "<Sya>x</Sya>",
    "<Pause length='2'/>",
    "<Hangup/>",
    "<amazon:effect name='whispered'>x</amazon:effect>",
    "<Message><Body>b</Body></Message>",
    "<Dial><Number>+15551239876</Number></Dial>",
    "<prosody rate='slow'>slow</prosody>",
    "text",
    "  \n\t ",
    "&amp;&lt;&gt;&quot;&apos;",
    "&#65;&#x1F600;",
    "\xa0\u2028\x85\ufeff",
    "<![CDATA[<Say>]]>",
    "<!-- c -->",
    "<!-- twimlkit: disable=empty-say -->",
    "<!-- twimlkit: disable=nope -->",
    "<?pi x?>",
    "\r\n",
    "\U0001f600é",
]
IN_TAG = [
    ' timeout="5"', ' timeout="-1"', ' record="true"', ' recordingTrack="both"', ' a="&lt;&amp;"',
    " b='\"'", ' xml:lang="en-US"', ' loop=" 2"', ' url="ftp://x"', ' method="post"',
    ' xmlns:amazon="urn:a"', ' c="&#9;&#10;&#13;"',
]  # fmt: skip


@st.composite
def near_twiml(draw: st.DrawFn) -> str | bytes:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 3))):
        ends = [i + 1 for i, c in enumerate(text) if c == ">"]
        tag_ends = [i - 1 for i in ends if text[i - 2] not in "/?-" and "</" not in text[:i][-12:]]
        op = draw(st.sampled_from(["content", "content", "in-tag", "raw", "cut"]))
        if op == "content" and ends:
            at = draw(st.sampled_from(ends))
            text = text[:at] + draw(st.sampled_from(CONTENT)) + text[at:]
        elif op == "in-tag" and tag_ends:
            at = draw(st.sampled_from(tag_ends))
            text = text[:at] + draw(st.sampled_from(IN_TAG)) + text[at:]
        elif op == "raw":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at:]
        else:
            at = draw(st.integers(0, len(text)))
            end = draw(st.integers(at, min(len(text), at + 40)))
            kind = draw(st.sampled_from(["delete", "repeat", "truncate"]))
            if kind == "delete":
                text = text[:at] + text[end:]
            elif kind == "repeat":
                text = text[:end] + text[at:end] + text[end:]
            else:
                text = text[:at]
    form = draw(st.sampled_from(["str", "utf-8", "bom", "utf-16"]))
    if form == "str":
        return text
    data = text.encode("utf-16" if form == "utf-16" else "utf-8", errors="surrogatepass")
    return b"\xef\xbb\xbf" + data if form == "bom" else data


@SETTINGS
@given(near_twiml(), st.sampled_from([None, "voice", "messaging"]))
def test_mutated_twiml_is_answered_with_diagnostics(source: str | bytes, kind: Kind | None) -> None:
    checked(source, kind)


def test_the_oracle_tells_broken_from_well_formed() -> None:
    # A guard for the tests above: expat refuses what is broken and reads TwiML with amazon:.
    assert expat_reads("<Response><amazon:effect>hi</amazon:effect></Response>")
    assert not expat_reads("<Response><Say>&nope;</Say></Response>")
    assert not expat_reads(b"<Response>\x00</Response>")
    assert [d.rule for d in validate("<Response><Say>&nope;</Say></Response>")] == [
        "not-well-formed"
    ]
    fifth_edition_name = '<?\ufeffxml version="1.0"?><Response/>'
    assert not expat_reads(fifth_edition_name) and lxml_reads(fifth_edition_name)
    assert validate(fifth_edition_name) == []
    assert not lxml_reads("<Response><amazon:effect>hi</amazon:effect></Response>")


# -- (c) the builder, given hostile values -----------------------------------------------------


class Shouty(str):
    """A str subclass whose __str__ says something else: its content is what is written."""

    __slots__ = ()

    def __str__(self) -> str:
        return "<not this>"


HOSTILE_CHARS = st.sampled_from([
    *"<>&\"' \t\n\r]-;#x1", "]]>", "&amp;", "&#0;", "<!--", "-->", "<![CDATA[", "<Say>",
    "\x00", "\x0b", "\x1f", "\x7f", "\x85", "\u2028", "\xa0", "\ufeff", "\ufffe", "\ud800",
    "é", "\U0001f600", "+15551239876", "https://example.com/a?b=1&c=2", "inbound", "POST",
])  # fmt: skip
HOSTILE_TEXT = st.lists(HOSTILE_CHARS, max_size=6).map("".join)


def enum_member(value: object, mixin: type | None = None) -> enum.Enum:
    """The one member of a new Enum whose value is ``value`` (a ``str`` or ``int`` enum with
    ``mixin``)."""
    members = enum.Enum("Drawn", {"MEMBER": value}, type=mixin)  # type: ignore[misc]
    return next(iter(members))


WORDS = st.sampled_from(["inbound", "both", "dual", "true", "false", "POST", "dtmf", "auto"])
NUMBERS: st.SearchStrategy[object] = st.one_of(
    st.integers(),
    st.sampled_from([0, 1, -1, 2**31, 2**63, 10**40, -(10**40)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("nan"), float("inf"), -0.0, 5e-324, 1e-300, 1.7976931348623157e308]),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("sNaN"), Decimal("1E+5"), Decimal("-0.00"), Decimal("1e-30")]),
)
HOSTILE: st.SearchStrategy[Any] = st.one_of(
    HOSTILE_TEXT,
    WORDS,
    HOSTILE_TEXT.map(Shouty),
    WORDS.map(Shouty),
    st.one_of(WORDS, HOSTILE_TEXT).map(lambda v: enum_member(v, str)),
    st.integers(-5, 100).map(lambda v: enum_member(v, int)),
    st.one_of(WORDS, st.integers(0, 10)).map(enum_member),
    NUMBERS,
    st.booleans(),
    st.none(),
    st.lists(st.one_of(WORDS, HOSTILE_TEXT), max_size=3),
    st.tuples(WORDS, WORDS),
    st.sampled_from([b"inbound", bytearray(b"1"), object(), [1, 2], {"a": 1}, ("dtmf", 3)]),
)


def paths(root: type[Element]) -> dict[type[Element], tuple[type[Element], ...]]:
    """Each class reachable from ``root``, with the classes above it on a shortest way down."""
    found: dict[type[Element], tuple[type[Element], ...]] = {root: ()}
    todo = deque([root])
    while todo:
        parent = todo.popleft()
        for child in parent._allowed:
            if child not in found:
                found[child] = (*found[parent], parent)
                todo.append(child)
    return found


PATHS = {"voice": paths(voice.ROOT), "messaging": paths(messaging.ROOT)}


@st.composite
def hostile_elements(draw: st.DrawFn, kind: Kind) -> tuple[Callable[[], Element], type[Element]]:
    """A way to build a document holding one element built with hostile values, and the
    element's class. The elements above it get valid values, drawn from the schema."""
    schema = model(kind)
    cls = draw(st.sampled_from(sorted(PATHS[kind], key=lambda c: c.__name__)))
    given_keywords = dict(draw(keywords(schema, schema.complex_types[cls.__name__], cls)))
    attributes = list(cls.attributes())
    if attributes:
        for attribute in draw(st.lists(st.sampled_from(attributes), max_size=3, unique=True)):
            given_keywords[attribute.keyword] = draw(HOSTILE)
    content: list[Any] = []
    if cls.content is Content.TEXT:
        content = [draw(HOSTILE)]
    elif cls.content is Content.OPTIONAL_TEXT:
        content = draw(st.lists(HOSTILE, max_size=1))
    elif cls.content is Content.MIXED:
        content = draw(st.lists(st.one_of(HOSTILE_TEXT, HOSTILE_TEXT.map(Shouty)), max_size=3))
    above = [
        (parent, draw(keywords(schema, schema.complex_types[parent.__name__], parent)))
        for parent in PATHS[kind][cls]
    ]
    make: Callable[..., Element] = cls  # each class has its own keyword arguments

    def build() -> Element:
        element = make(*content, **given_keywords)
        for parent, parent_keywords in reversed(above):
            wrap: Callable[..., Element] = parent
            element = wrap(element, **parent_keywords)
        return element

    return build, cls


def built_or_refused(build: Callable[[], Element], cls: type[Element], kind: Kind) -> None:
    try:
        document = build()
    except (TypeError, ValueError) as refused:
        # Refused where it was built, naming the element (by its tag or its class).
        assert f"<{cls.tag}>" in str(refused) or f"{cls.__name__}()" in str(refused), refused
        return
    xml = document.to_xml()
    assert expat_reads(xml), xml
    assert [d for d in validate(xml, kind=kind) if d.code in SCHEMA_CODES] == []
    again = parse(xml, kind=kind)
    assert again == document
    assert again.to_xml() == xml


@SETTINGS
@given(hostile_elements("voice"))
def test_hostile_values_in_voice_are_refused_or_round_trip(
    drawn: tuple[Callable[[], Element], type[Element]],
) -> None:
    built_or_refused(*drawn, "voice")


@SETTINGS
@given(hostile_elements("messaging"))
def test_hostile_values_in_messaging_are_refused_or_round_trip(
    drawn: tuple[Callable[[], Element], type[Element]],
) -> None:
    built_or_refused(*drawn, "messaging")


def test_some_hostile_values_are_taken_and_some_refused() -> None:
    # A guard for the two tests above: both outcomes happen, and each is checked.
    say = voice.Response(voice.Say(Shouty("a < b & c ]]> \u2028"), loop=enum_member(2, int)))  # type: ignore[arg-type]
    assert say.to_xml() == (
        '<Response><Say loop="2">a &lt; b &amp; c ]]&gt; \u2028</Say></Response>'
    )
    built_or_refused(lambda: say, voice.Say, "voice")
    for value, error in [
        (float("nan"), TypeError),
        (True, TypeError),
        (b"2", TypeError),
        (-1, ValueError),
    ]:
        try:
            voice.Pause(length=value)  # type: ignore[arg-type]
        except error as refused:
            assert str(refused).startswith("<Pause> attribute length: ")
        else:
            raise AssertionError(f"Pause(length={value!r}) was taken")
