"""The typed builder: what it writes, and the mistakes it refuses at the line that made them."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CONFORMANCE, conformance_documents
from lxml import etree

from twimlkit import InvalidTwiML, parse, validate, voice
from twimlkit.messaging import Body, Media, Message
from twimlkit.messaging import Response as MessagingResponse
from twimlkit.voice import (
    AmazonEffect,
    Break,
    Dial,
    Emphasis,
    Gather,
    Hangup,
    Number,
    Pause,
    Play,
    Response,
    Say,
    SayAs,
    Start,
    Stream,
)

# The same classes with type checking switched off, for calls that are wrong on purpose: mypy
# rejects each of them (test_builder_generated.py shows that), and run time must too.
unchecked: Any = voice

SEED_XML = (
    '<Response><Dial record="record-from-answer" recordingStatusCallback='
    '"https://www.myexample.com/recording-handler" recordingTrack="inbound">'
    "<Number>+15551239876</Number></Dial></Response>"
)


def seed_document() -> Response:
    return Response(
        Dial(
            Number("+15551239876"),
            record="record-from-answer",
            recording_track="inbound",
            recording_status_callback="https://www.myexample.com/recording-handler",
        )
    )


def test_the_seed_example() -> None:
    response = seed_document()
    assert response.to_xml() == SEED_XML
    assert validate(response) == []


def test_tag_names_are_class_attributes() -> None:
    assert (Response.tag, Dial.tag, SayAs.tag, Break.tag) == ("Response", "Dial", "say-as", "break")


def test_values_are_written_as_twilio_reads_them() -> None:
    gather = Gather(input=["dtmf", "speech"], num_digits=1, profanity_filter=True, timeout=5)
    assert gather.to_xml() == (
        '<Gather input="dtmf speech" numDigits="1" profanityFilter="true" timeout="5"/>'
    )
    assert Gather(profanity_filter=False).to_xml() == '<Gather profanityFilter="false"/>'
    assert Gather(speech_timeout="auto").to_xml() == '<Gather speechTimeout="auto"/>'


def test_text_and_attributes_are_escaped() -> None:
    say = Say('Fish & chips <today> "fresh"\r\n', voice="Polly.Joanna")
    assert say.to_xml() == (
        '<Say voice="Polly.Joanna">Fish &amp; chips &lt;today&gt; "fresh"&#13;\n</Say>'
    )
    play = Play("https://example.com/a.mp3?x=1&y=2", digits="1w2")
    assert "https://example.com/a.mp3?x=1&amp;y=2" in play.to_xml()
    redirect = Dial(action='/next?msg="hi"\n&x=1')
    assert redirect.to_xml() == '<Dial action="/next?msg=&quot;hi&quot;&#10;&amp;x=1"/>'
    assert parse(Response(say, redirect).to_xml()) == Response(say, redirect)


def test_ssml_inside_say() -> None:
    say = Say("Your code is ", SayAs("4921", interpret_as="digits"), Break(strength="medium"))
    assert say.to_xml() == (
        '<Say>Your code is <say-as interpret-as="digits">4921</say-as>'
        '<break strength="medium"/></Say>'
    )


def test_append_builds_step_by_step() -> None:
    response = Response()
    dial = Dial(
        record="record-from-answer",
        recording_track="inbound",
        recording_status_callback="https://www.myexample.com/recording-handler",
    )
    assert response.append(dial) is response
    dial.append(Number("+15551239876"))
    assert response == seed_document()


def test_pretty_output_is_the_same_document() -> None:
    response = Response(Say("Hello"), Gather(Say("Press 1"), Play(loop=2)), Hangup())
    pretty = response.to_xml(pretty=True)
    assert pretty.splitlines()[:3] == ["<Response>", "  <Say>Hello</Say>", "  <Gather>"]
    assert parse(pretty) == response


@pytest.mark.parametrize(
    ("build", "error", "words"),
    [
        (
            lambda: unchecked.Dial(recording_track="inbund"),
            ValueError,
            "<Dial> attribute recordingTrack: 'inbund' is not one of inbound, outbound, both",
        ),
        (
            lambda: unchecked.Dial(timeout=0),
            ValueError,
            "<Dial> attribute timeout: 0 is out of range (at least 1)",
        ),
        (
            lambda: unchecked.Dial(timeout="30"),
            TypeError,
            "<Dial> attribute timeout: expected int, got str",
        ),
        (lambda: unchecked.Dial(timeout=True), TypeError, "expected int, got bool"),
        (
            lambda: unchecked.Dial(hangup_on_star="yes"),
            TypeError,
            "expected True or False, got str 'yes'",
        ),
        (
            lambda: unchecked.Gather(input=["dtmf", "voice"]),
            ValueError,
            "<Gather> attribute input: 'voice' is not one of dtmf, speech",
        ),
        (lambda: unchecked.Gather(input="dtmf speech"), TypeError, "expected a list of str"),
        (lambda: unchecked.Pay(charge_amount="ten"), ValueError, "'ten' is not a number"),
        (
            lambda: unchecked.Response(Number("+1555")),
            TypeError,
            "<Number> is not allowed inside <Response>; it may contain <Connect>",
        ),
        (
            lambda: unchecked.Gather(Dial()),
            TypeError,
            "<Dial> is not allowed inside <Gather>; it may contain <Pause>, <Play>, <Say>",
        ),
        (lambda: unchecked.Response("hello"), TypeError, "<Response> takes no text, got 'hello'"),
        (
            lambda: unchecked.Response(42),
            TypeError,
            "<Response> content must be TwiML elements, got int",
        ),
        (lambda: unchecked.Number("   "), ValueError, "<Number> needs text content"),
        (lambda: unchecked.ReferSip(""), ValueError, "<Sip> needs text content"),
        (
            lambda: unchecked.Dial(action="/next\n"),
            ValueError,
            "<Dial> attribute action: '/next\\n' has white space around it; write '/next'",
        ),
        (
            lambda: unchecked.ReferSip("sip:alice@example.com", unchecked.Uri("x")),
            TypeError,
            "positional argument",
        ),
        (
            lambda: unchecked.Say("Press \x07 now"),
            ValueError,
            "<Say> text: character U+0007 is not allowed",
        ),
        (
            lambda: unchecked.Dial(action="/next\x00"),
            ValueError,
            "<Dial> attribute action: character U+0000 is not allowed",
        ),
        (
            lambda: unchecked.Response(MessagingResponse()),
            TypeError,
            "<Response> is not allowed inside",
        ),
        (lambda: unchecked.Dial(recordTrack="inbound"), TypeError, "unexpected keyword argument"),
    ],
)
def test_mistakes_fail_loudly(build: object, error: type[Exception], words: str) -> None:
    with pytest.raises(error) as raised:
        build()  # type: ignore[operator]
    assert words in str(raised.value)


def test_append_checks_children_too() -> None:
    with pytest.raises(TypeError, match="<Say> is not allowed inside <Dial>"):
        unchecked.Dial().append(Say("hi"))


def test_equality_ignores_attribute_order_and_blank_space() -> None:
    a = parse(
        '<Response><Dial timeout="10" record="record-from-answer">'
        "\n  <Number>+15551239876</Number>\n</Dial></Response>"
    )
    b = Response(Dial(Number("+15551239876"), record="record-from-answer", timeout=10))
    assert a == b
    assert a != Response(Dial(Number("+15551239876"), timeout=10))
    assert Say("Hello   world") == Say("Hello world")
    assert Say("Hello") != Say("Goodbye")
    with pytest.raises(TypeError):
        hash(a)


def test_messaging_builder() -> None:
    reply = MessagingResponse(Message(Body("Thanks!"), Media("https://example.com/r.png")))
    assert reply.to_xml() == (
        "<Response><Message><Body>Thanks!</Body>"
        "<Media>https://example.com/r.png</Media></Message></Response>"
    )
    assert parse(reply.to_xml()) == reply
    assert isinstance(parse(reply.to_xml()), MessagingResponse)


def test_parse_refuses_invalid_twiml() -> None:
    with pytest.raises(InvalidTwiML) as raised:
        parse('<Response><Dial recordingTrack="inbund"/></Response>')
    assert raised.value.diagnostics[0].rule == "invalid-value"
    with pytest.raises(InvalidTwiML, match="<Response> is never closed") as raised:
        parse("<Response>")
    assert raised.value.diagnostics[0].rule == "not-well-formed"


def test_parse_keeps_mixed_content_in_order() -> None:
    twiml = '<Response><Say>One <break time="1s"/> two <emphasis>three</emphasis></Say></Response>'
    response = parse(twiml)
    assert parse(response.to_xml()).to_xml() == response.to_xml()
    assert response.to_xml() == twiml


def test_jinja_inserts_an_element_once_unescaped() -> None:
    jinja2 = pytest.importorskip("jinja2")
    template = jinja2.Environment(autoescape=True).from_string("<Response>{{ verb }}</Response>")
    html = template.render(verb=Say("Fish & chips"))
    assert html == "<Response><Say>Fish &amp; chips</Say></Response>"


def test_validate_accepts_twilio_python_objects() -> None:
    pytest.importorskip("twilio")
    from twilio.twiml.voice_response import VoiceResponse

    good = VoiceResponse()
    good.dial("+15551239876", record="record-from-answer", recording_track="inbound")
    assert validate(good) == []
    bad = VoiceResponse()
    bad.dial("+15551239876", recording_track="inbund")
    assert [d.rule for d in validate(bad)] == ["invalid-value"]


def test_start_stream_and_pause() -> None:
    response = Response(
        Start(Stream(url="wss://example.com/audio", track="inbound_track")), Pause(length=2)
    )
    assert validate(response.to_xml()) == []


DOCUMENTS = conformance_documents()


def canonical(xml: bytes | str) -> bytes:
    """The document with blank text removed and white space folded: for comparing."""
    data = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True, remove_comments=True))
    for node in root.iter():
        node.text = " ".join((node.text or "").split()) or None
        node.tail = " ".join((node.tail or "").split()) or None
    return etree.tostring(root, method="c14n")


@pytest.mark.parametrize(
    "document", DOCUMENTS, ids=[str(p.relative_to(CONFORMANCE)) for p in DOCUMENTS]
)
def test_every_twilio_example_round_trips(document: object) -> None:
    if any(d.rule == "retired-element" for d in validate(document)):  # type: ignore[arg-type]
        pytest.skip("the builder has no class for an element Twilio has retired")
    built = parse(document)  # type: ignore[call-overload]
    assert parse(built.to_xml()) == built
    assert canonical(built.to_xml()) == canonical(document.read_bytes())  # type: ignore[attr-defined]


def test_amazon_ssml_in_the_builder() -> None:
    say = Say(
        "A secret: ",
        AmazonEffect("I like ", Emphasis("cake"), name="whispered", vocal_tract_length="+10%"),
        voice="Polly.Joanna",
    )
    xml = Response(say).to_xml()
    assert '<amazon:effect name="whispered" vocal-tract-length="+10%">' in xml
    assert validate(xml) == []
    assert parse(xml) == Response(say)
    with pytest.raises(ValueError, match=r"vocal-tract-length: 'big' does not have the form"):
        AmazonEffect("x", vocal_tract_length="big")


def test_parse_keeps_the_text_around_a_comment() -> None:
    number = parse("<Response><Dial><Number>+1555<!-- c -->1239876</Number></Dial></Response>")
    assert number.to_xml() == "<Response><Dial><Number>+15551239876</Number></Dial></Response>"
    play = parse("<Response><Play>https://x.example/<?pi x?>a.mp3</Play></Response>")
    assert play.to_xml() == "<Response><Play>https://x.example/a.mp3</Play></Response>"
