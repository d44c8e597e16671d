"""twimlkit.rest.lint takes inline TwiML in every form twilio-python sends (text, bytes, a
builder or twilio-python object) and says clearly, with TypeError, when params or twiml is of
a type it cannot check, instead of failing inside or checking nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from twimlkit import voice
from twimlkit.rest import lint

SEED_MISTAKE = voice.Response(voice.Dial(voice.Number("+15551239876"), recording_track="inbound"))
#: What rest.lint says of the seed's mistake, a recordingTrack on <Dial> without record.
MESSAGE = (
    'recordingTrack="inbound" chooses a track, but nothing is recorded: record is not set,'
    ' and it defaults to do-not-record; set record="record-from-answer"'
)


def findings(params: dict[str, Any]) -> list[tuple[object, ...]]:
    return [(d.path, d.line, d.column, d.rule, d.message) for d in lint("calls.create", params)]


def twilio_python_response() -> object:
    from twilio.twiml.voice_response import VoiceResponse

    response = VoiceResponse()
    response.dial(recording_track="inbound").number("+15551239876")
    return response


@pytest.mark.parametrize(
    "twiml",
    [
        pytest.param(lambda: SEED_MISTAKE.to_xml(), id="str"),
        pytest.param(lambda: SEED_MISTAKE.to_xml().encode(), id="bytes"),
        pytest.param(lambda: SEED_MISTAKE, id="builder"),
        pytest.param(twilio_python_response, id="twilio-python"),
    ],
)
@pytest.mark.parametrize("spelling", ["twiml", "Twiml"])
def test_inline_twiml_is_checked_in_every_form_it_is_sent(twiml: Any, spelling: str) -> None:
    given = twiml()
    xml = given if isinstance(given, (str, bytes)) else given.to_xml()
    xml = xml.decode() if isinstance(xml, bytes) else xml
    column = xml.index("recordingTrack") + 1  # twilio-python writes an XML declaration first
    found = findings({spelling: given})
    assert found == [
        (f"calls.create({spelling})", 1, column, "recording-track-without-record", MESSAGE)
    ]


def test_twiml_given_as_none_is_not_given() -> None:
    assert lint("calls.create", {"twiml": None, "record": True}) == []


@pytest.mark.parametrize(
    ("params", "got"),
    [
        (None, "NoneType None"),
        ([("record", True)], "list [('record', True)]"),
        ("record=true", "str 'record=true'"),
    ],
)
def test_params_of_another_type_is_a_type_error(params: Any, got: str) -> None:
    with pytest.raises(TypeError) as refused:
        lint("calls.create", params)
    assert str(refused.value) == (
        "params must be a mapping of parameter names to values, such as {'record': True},"
        f" got {got}"
    )


def test_a_parameter_name_that_is_not_text_is_a_type_error() -> None:
    with pytest.raises(
        TypeError, match=r"^parameter names must be str, such as 'record', got int 1$"
    ):
        lint("calls.create", {1: True})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("twiml", "got"),
    [
        (42, "int 42"),
        ({"Response": []}, "dict {'Response': []}"),
        (Path("answer.xml"), "PosixPath PosixPath('answer.xml')"),
        (["<Response/>"], "list ['<Response/>']"),
    ],
)
def test_twiml_of_another_type_is_a_type_error_naming_what_is_taken(twiml: Any, got: str) -> None:
    with pytest.raises(TypeError) as refused:
        lint("calls.create", {"twiml": twiml})
    assert str(refused.value) == (
        "twiml must be str, bytes or an object with to_xml() (a twimlkit builder element or a"
        f" twilio-python TwiML object), got {got}"
    )


def test_a_to_xml_that_returns_no_text_is_a_type_error() -> None:
    class Odd:
        def to_xml(self) -> object:
            return 7

    with pytest.raises(TypeError, match=r"^Twiml\.to_xml\(\) must return str or bytes, got int 7$"):
        lint("calls.create", {"Twiml": Odd()})
