"""The builder's old traps, one test each: values are converted once, into the exact string
that is checked and written, and the given Python value can be read back."""

from __future__ import annotations

import math
from decimal import Decimal
from enum import Enum, IntEnum
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from test_builder_generated import run_mypy

from twimlkit import builder, messaging, parse, validate, voice
from twimlkit.voice import Dial, Gather, Number, Pay, Refer, ReferSip, Response, Say

unchecked: Any = voice


class Track(str, Enum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Misspelt(str, Enum):
    INBOUND = "inbund"


class Seconds(IntEnum):
    SHORT = 20


class Shouting(str):
    """A str subclass whose __str__ says something other than its content."""

    def __str__(self) -> str:
        return self.upper() + "!"


# -- values: what is checked is what is written ------------------------------------------


def test_dial_record_takes_a_bool_as_twilio_python_users_write_it() -> None:
    assert Dial(record=True).to_xml() == '<Dial record="true"/>'
    assert Dial(record=False).to_xml() == '<Dial record="false"/>'
    assert Dial(record="record-from-answer").to_xml() == '<Dial record="record-from-answer"/>'
    assert validate(Response(Dial(Number("+15551239876"), record=True))) == []


def test_a_str_enum_member_is_written_as_its_value() -> None:
    # Type checkers want the Literal strings; at run time an Enum member stands for its value.
    dial = unchecked.Dial(record=True, recording_track=Track.INBOUND)
    assert dial.to_xml() == '<Dial record="true" recordingTrack="inbound"/>'
    assert Say(Track.OUTBOUND).to_xml() == "<Say>outbound</Say>"
    assert Dial(timeout=Seconds.SHORT).to_xml() == '<Dial timeout="20"/>'
    with pytest.raises(ValueError, match="'inbund' is not one of"):
        unchecked.Dial(recording_track=Misspelt.INBOUND)


def test_a_str_subclass_is_written_as_its_content_not_its_str() -> None:
    assert Say(Shouting("hello")).to_xml() == "<Say>hello</Say>"
    assert Number(Shouting("+15551239876")).to_xml() == "<Number>+15551239876</Number>"
    assert Dial(action=Shouting("/next")).to_xml() == '<Dial action="/next"/>'
    assert Response().append(Say("a")).to_xml() == "<Response><Say>a</Say></Response>"
    assert Say("a").append(Shouting("b")).to_xml() == "<Say>ab</Say>"


def test_a_float_is_written_without_an_exponent() -> None:
    pay = Pay(charge_amount=1e-07)
    assert pay.to_xml() == '<Pay chargeAmount="0.0000001"/>'
    assert validate(Response(pay)) == []
    assert Pay(charge_amount=2.5e-05).to_xml() == '<Pay chargeAmount="0.000025"/>'
    assert Pay(charge_amount=1000000.0).to_xml() == '<Pay chargeAmount="1000000.0"/>'
    assert Pay(charge_amount=Decimal("1E-3")).to_xml() == '<Pay chargeAmount="0.001"/>'
    assert Pay(charge_amount="10.00").to_xml() == '<Pay chargeAmount="10.00"/>'


@pytest.mark.parametrize("value", [math.nan, math.inf, "1e-7", "nan", " 1", "1_000", Decimal("-0")])
def test_a_decimal_the_schema_would_refuse_is_refused(value: object) -> None:
    if value == Decimal("-0"):
        # -0 is a valid xs:decimal and within Pay's bounds; it is written as given.
        assert unchecked.Pay(charge_amount=value).to_xml() == '<Pay chargeAmount="-0"/>'
        return
    with pytest.raises(ValueError, match="chargeAmount"):
        unchecked.Pay(charge_amount=value)


# -- reading values back ------------------------------------------------------------------


def test_attribute_values_read_back_as_given() -> None:
    gather = Gather(num_digits=4, input=["dtmf", "speech"], action="/menu")
    assert gather.num_digits == 4
    assert gather.input == ("dtmf", "speech")
    assert gather.action == "/menu"
    assert gather.timeout is None
    assert Dial(record=True).record is True
    assert unchecked.Dial(recording_track=Track.INBOUND).recording_track is Track.INBOUND
    assert Pay(charge_amount=1e-07).charge_amount == 1e-07
    parsed = parse('<Response><Dial timeout="10" record="true"/></Response>', kind="voice")
    assert parsed == Response(Dial(timeout=10, record="true"))


def test_a_list_value_is_kept_as_it_was_when_built() -> None:
    modes: list[Any] = ["dtmf"]
    gather = Gather(input=modes)
    modes.append("speech")
    assert gather.input == ("dtmf",)
    assert gather.to_xml() == '<Gather input="dtmf"/>'


# -- traps --------------------------------------------------------------------------------


def test_message_is_one_class_shared_by_voice_and_messaging() -> None:
    assert voice.Message is messaging.Message
    assert voice.Body is messaging.Body and voice.Media is messaging.Media
    response = voice.Response(messaging.Message("hi"))
    assert response.to_xml() == "<Response><Message>hi</Message></Response>"
    assert validate(response, kind="voice") == []


@pytest.mark.parametrize(
    "element",
    [
        messaging.Media("https://example.com/a.png"),
        messaging.Body("Hello"),
        Number("+1555"),
        voice.Play("https://example.com/a.mp3"),
        voice.Play(),
    ],
    ids=["Media", "Body", "Number", "Play", "empty Play"],
)
def test_text_only_elements_refuse_appended_text(element: Any) -> None:
    before = element.to_xml()
    with pytest.raises((TypeError, AttributeError)):
        element.append("junk")
    assert element.to_xml() == before


def test_mixed_content_still_takes_appended_text() -> None:
    assert Say("One").append(" two").to_xml() == "<Say>One two</Say>"


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (
            lambda: unchecked.Gather(num_digit=4),
            "Gather() got an unexpected keyword argument 'num_digit'; did you mean 'num_digits'?",
        ),
        (
            lambda: unchecked.Dial(recordingTrack="inbound"),
            "Dial() got an unexpected keyword argument 'recordingTrack'; "
            "did you mean 'recording_track'?",
        ),
        (lambda: unchecked.Say("hi", zzz=1), "Say() got an unexpected keyword argument 'zzz'"),
    ],
)
def test_a_misspelt_keyword_gets_a_suggestion(build: Any, words: str) -> None:
    with pytest.raises(TypeError) as raised:
        build()
    assert str(raised.value) == words or str(raised.value).startswith(words)


def test_equality_compares_stored_strings_without_parsing() -> None:
    # Equality compares the stored attribute text; there is no pattern to read it back with.
    assert not hasattr(builder, "_ATTRIBUTE")
    assert Dial(timeout=10, record=True) == Dial(record="true", timeout=10)
    assert Dial(timeout=10) != Dial(timeout=11)
    assert Pay(charge_amount=Decimal("10.00")) == Pay(charge_amount="10.00")


def test_parse_is_typed_so_that_its_result_takes_children(tmp_path: Path) -> None:
    out = run_mypy(
        tmp_path,
        """
        import twimlkit
        from twimlkit.messaging import Message
        from twimlkit.voice import Say

        xml = "<Response/>"
        twimlkit.parse(xml).append(Message("hi"))
        twimlkit.parse(xml, kind="voice").append(Say("hi"))
        twimlkit.parse(xml, kind="messaging").append(Message("hi"))
        reveal_type(twimlkit.parse(xml, kind="voice"))
        reveal_type(twimlkit.parse(xml))
        """,
    )
    assert "error" not in out, out
    revealed = [line for line in out.splitlines() if "Revealed type" in line]
    assert "twimlkit.voice.Response" in revealed[0], out
    assert "twimlkit.voice.Response" in revealed[1], out
    assert "twimlkit.messaging.Response" in revealed[1], out


# -- the escape hatch ---------------------------------------------------------------------


def test_an_attribute_newer_than_the_schema_can_be_added_and_is_still_reported() -> None:
    dial = Dial(Number("+15551239876"), timeout=10, extra_attributes={"newOption": "a&b"})
    assert dial.to_xml() == (
        '<Dial newOption="a&amp;b" timeout="10"><Number>+15551239876</Number></Dial>'
    )
    problems = validate(Response(dial))
    assert [d.rule for d in problems] == ["unknown-attribute"]
    assert "newOption" in problems[0].message


def test_the_escape_hatch_refuses_what_it_cannot_write() -> None:
    with pytest.raises(ValueError, match="use the keyword timeout"):
        Dial(extra_attributes={"timeout": "10"})
    for name in ("bad name", "xmlns", "xmlns:x", "amazon:x", "1st"):
        with pytest.raises(ValueError, match="not an XML attribute name"):
            Dial(extra_attributes={name: "x"})
    with pytest.raises(TypeError, match="expected str"):
        unchecked.Dial(extra_attributes={"newOption": 3})


# -- generated code ------------------------------------------------------------------------


def test_the_runtime_is_driven_by_named_kinds_not_letters() -> None:
    assert Gather.content is builder.Content.CHILDREN
    assert Say.content is builder.Content.MIXED
    assert Number.content is builder.Content.TEXT
    kinds = {a.keyword: a.kind for a in Gather.attributes()}
    assert kinds["num_digits"] is builder.ValueKind.INTEGER
    assert kinds["input"] is builder.ValueKind.LIST


GENERATED = ["twimlkit/voice.py", "twimlkit/messaging.py", "twimlkit/message.py"]


@pytest.mark.parametrize("path", GENERATED)
def test_generated_files_say_so(path: str) -> None:
    first = (REPO / path).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Generated by tools/generate_builder.py from schemas/"), first
    attributes = (REPO / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert f"{path} linguist-generated=true" in attributes


def test_an_element_of_the_other_kind_is_named_as_such() -> None:
    with pytest.raises(TypeError) as raised:
        unchecked.Response(messaging.Redirect("/next"))
    assert str(raised.value) == (
        "<Redirect> from twimlkit.messaging is not allowed inside twimlkit.voice's <Response>;"
        " use twimlkit.voice.Redirect"
    )


def test_a_required_attribute_is_still_required() -> None:
    with pytest.raises(TypeError, match=r"Parameter\(\) missing required keyword 'name'"):
        unchecked.Parameter(value="x")
    assert voice.Parameter(name="a", value="b").to_xml() == '<Parameter name="a" value="b"/>'


def test_mypy_knows_the_read_back_types_and_the_text_only_elements(tmp_path: Path) -> None:
    out = run_mypy(
        tmp_path,
        """
        from twimlkit.messaging import Media
        from twimlkit.voice import Dial, Gather
        reveal_type(Gather(num_digits=4).num_digits)
        reveal_type(Dial(record=True).record)
        Dial(extra_attributes={"newOption": "on"})
        Media("https://example.com/a.png").append("junk")
        """,
    )
    lines = out.splitlines()
    assert 'Revealed type is "int | None"' in lines[0], out
    assert "| bool | None" in lines[1] and "record-from-answer" in lines[1], out
    errors = [line for line in lines if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["7"], out
    assert '"Media" has no attribute "append"' in errors[0], out


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (
            lambda: unchecked.Number(),
            "Number() missing 1 positional argument: the text of <Number>",
        ),
        (
            lambda: unchecked.Number("+1555", "+1666"),
            "Number() takes 1 positional argument, the text of <Number>, but 2 were given",
        ),
        (
            lambda: unchecked.Play("a.mp3", "b.mp3"),
            "Play() takes at most 1 positional argument, the text of <Play>, but 2 were given",
        ),
        (
            lambda: unchecked.Pause("now"),
            "Pause() takes no positional arguments: <Pause> holds nothing but attributes, got 1",
        ),
    ],
)
def test_a_wrong_number_of_positional_arguments_names_the_element(build: Any, words: str) -> None:
    with pytest.raises(TypeError) as raised:
        build()
    assert str(raised.value) == words


def test_refer_and_dial_each_name_their_own_sip() -> None:
    with pytest.raises(TypeError) as raised:
        unchecked.Refer(unchecked.Sip("sip:alice@example.com"))  # mypy refuses it too
    assert str(raised.value) == (
        "<Refer> takes its own <Sip>, twimlkit.voice.ReferSip, not twimlkit.voice.Sip; "
        "build it with ReferSip(...)"
    )
    with pytest.raises(TypeError, match=r"<Dial> takes its own <Sip>, twimlkit.voice.Sip"):
        unchecked.Dial(unchecked.ReferSip("sip:alice@example.com"))
    assert Refer(ReferSip("sip:alice@example.com")).to_xml() == (
        "<Refer><Sip>sip:alice@example.com</Sip></Refer>"
    )


def test_a_word_in_the_wrong_case_gets_a_suggestion() -> None:
    with pytest.raises(ValueError, match=r"'post' is not one of GET, POST; did you mean 'POST'\?"):
        unchecked.Dial(method="post")


def test_children_and_text_read_back_as_given() -> None:
    say = Say("Tom & Jerry <3\r\n")
    assert say.text == "Tom & Jerry <3\r\n" and say.children == ()
    numbers = [Number("+15551230001"), Number("+15551230002")]
    dial = Dial(*numbers, timeout=20)
    assert dial.children == tuple(numbers) and dial.text == ""
    parsed = parse(Response(dial, say).to_xml(), kind="voice")
    assert [child.tag for child in parsed.children] == ["Dial", "Say"]
    assert parsed.children[1].text == "Tom & Jerry <3\r\n"
    assert [n.text for n in parsed.children[0].children] == ["+15551230001", "+15551230002"]
