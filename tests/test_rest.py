"""twimlkit.rest.lint: the seed's rules on REST parameters, in every spelling users write."""

from __future__ import annotations

import pytest

from twimlkit import Severity, validate
from twimlkit.registry import ALL, find
from twimlkit.rest import lint


def rules_of(endpoint: str, **params: object) -> list[tuple[str, Severity]]:
    return [(d.rule, d.severity) for d in lint(endpoint, params)]


@pytest.mark.parametrize(
    "params",
    [
        {"record": True, "recording_track": "outbound"},  # twilio-python
        {"record": True, "recordingTrack": "outbound"},  # twilio-node
        {"Record": "true", "RecordingTrack": "outbound"},  # the REST API
    ],
    ids=["python", "node", "rest"],
)
def test_the_seed_call_is_clean_in_every_spelling(params: dict[str, object]) -> None:
    assert lint("calls.create", {"to": "+14155552345", "from_": "+14155552344", **params}) == []


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"recording_track": "inbound"}, "set record=True"),
        ({"recordingTrack": "inbound", "record": False}, "record=False records nothing"),
        ({"RecordingTrack": "inbound"}, "set Record=True"),
    ],
)
def test_track_without_record(params: dict[str, object], words: str) -> None:
    found = lint("calls.create", params)
    assert [(d.rule, d.severity) for d in found] == [
        ("recording-track-without-record", Severity.WARNING)
    ]
    assert words in found[0].message
    assert found[0].path == "calls.create"


def test_starting_a_recording_needs_no_record_flag() -> None:
    assert lint("calls.recordings.create", {"recording_track": "inbound"}) == []


@pytest.mark.parametrize(
    "endpoint", ["calls.create", "calls.recordings.create", "conferences.participants.create"]
)
def test_dual_channels_with_one_track(endpoint: str) -> None:
    params: dict[str, object] = {"recording_track": "outbound", "recording_channels": "dual"}
    if endpoint != "calls.recordings.create":
        params["record"] = True
    assert rules_of(endpoint, **params) == [("dual-channel-ignored", Severity.WARNING)]
    params["recording_track"] = "both"
    assert rules_of(endpoint, **params) == []


def test_invalid_values_are_errors() -> None:
    found = lint(
        "calls.create", {"record": "yes", "RecordingTrack": "inbund", "RecordingChannels": "stereo"}
    )
    assert [(d.rule, d.severity) for d in found] == [("invalid-value", Severity.ERROR)] * 3
    assert "did you mean 'inbound'?" in found[1].message


def test_an_invalid_record_flag_is_reported_once() -> None:
    found = lint("calls.create", {"record": "yes", "recording_track": "inbound"})
    assert [d.rule for d in found] == ["invalid-value"]
    assert "record='yes' is not true or false" in found[0].message


def test_inline_twiml_is_linted_as_twiml() -> None:
    found = lint(
        "calls.create", {"twiml": '<Response><Record recordingTrack="inbound"/></Response>'}
    )
    assert [(d.path, d.rule) for d in found] == [
        ("calls.create(twiml)", "recording-track-unsupported")
    ]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("record", "calls.recordings.create takes no record parameter"),
        ("Record", "calls.recordings.create takes no Record parameter"),
    ],
)
def test_a_parameter_the_endpoint_does_not_take(name: str, words: str) -> None:
    found = lint("calls.recordings.create", {name: True})
    assert [(d.rule, d.severity) for d in found] == [("rest-parameter-not-taken", Severity.ERROR)]
    assert words in found[0].message


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("recording_trak", "recording_track"),  # twilio-python
        ("recordingChanels", "recordingChannels"),  # twilio-node
        ("RecordingTrak", "RecordingTrack"),  # the REST API
        ("recrod", "record"),
    ],
)
def test_a_misspelt_recording_parameter_gets_a_suggestion(name: str, suggestion: str) -> None:
    found = lint("calls.create", {"to": "+14155552345", name: "inbound"})
    assert [(d.rule, d.severity) for d in found] == [("rest-unknown-parameter", Severity.ERROR)]
    assert f"did you mean {suggestion!r}?" in found[0].message
    assert repr(name) in found[0].message


def test_a_misspelling_is_matched_against_what_the_endpoint_takes() -> None:
    found = lint("calls.recordings.create", {"recording_trak": "inbound"})
    assert [d.rule for d in found] == ["rest-unknown-parameter"]
    assert lint("calls.recordings.create", {"recrod": True}) == []


@pytest.mark.parametrize(
    "name",
    [
        "to",
        "from_",
        "url",
        "method",
        "status_callback",
        "recording_status_callback",
        "recording_status_callback_event",
        "machine_detection",
        "timeout",
        "trim",
    ],
)
def test_other_parameters_are_left_alone(name: str) -> None:
    for endpoint in ("calls.create", "calls.recordings.create", "conferences.participants.create"):
        assert lint(endpoint, {name: "x"}) == [], (endpoint, name)


def test_rest_checks_are_in_the_registry_and_documented() -> None:
    for slug in (
        "rest-parameter-not-taken",
        "rest-unknown-parameter",
        "inline-twiml-too-long",
        "inline-twiml-relative-url",
    ):
        check = find(slug)
        assert check is not None, slug
        assert check in ALL and check.code.startswith("TK3")
        assert check.summary and check.bad and check.good and check.twilio_error
        assert len(check.doc.split()) >= 20, "the documentation says what and why"
        text = check.documentation()
        for part in ("Example:", "Use instead:", "Twilio error it predicts:"):
            assert part in text


# -- inline TwiML: checked where it is sent --------------------------------------------------


def inline(twiml: str) -> list[tuple[str | None, int, int, str]]:
    return [(d.path, d.line, d.column, d.rule) for d in lint("calls.create", {"twiml": twiml})]


def padded(length: int) -> str:
    """A valid document of exactly ``length`` characters (white space between verbs)."""
    head, tail = "<Response>", "<Say>Hello</Say></Response>"
    return head + " " * (length - len(head) - len(tail)) + tail


def test_inline_twiml_of_4000_characters_is_fine() -> None:
    assert inline(padded(4000)) == []


def test_inline_twiml_over_4000_characters_is_too_long() -> None:
    found = lint("calls.create", {"Twiml": padded(4001)})
    assert [(d.path, d.rule, d.severity) for d in found] == [
        ("calls.create(Twiml)", "inline-twiml-too-long", Severity.ERROR)
    ]
    assert "4,001 characters" in found[0].message and "4,000" in found[0].message


def test_long_twiml_in_a_file_is_not_held_to_the_inline_cap() -> None:
    assert validate(padded(5000)) == []


def test_relative_urls_in_inline_twiml_have_nothing_to_resolve_against() -> None:
    twiml = (
        "<Response>\n"
        '  <Gather action="/menu" input="dtmf"><Say>Press 1</Say></Gather>\n'
        "  <Play>hold.mp3</Play>\n"
        "  <Redirect>next.xml</Redirect>\n"
        "</Response>"
    )
    assert inline(twiml) == [
        ("calls.create(twiml)", 2, 11, "inline-twiml-relative-url"),
        ("calls.create(twiml)", 3, 9, "inline-twiml-relative-url"),
        ("calls.create(twiml)", 4, 13, "inline-twiml-relative-url"),
    ]
    found = lint("calls.create", {"twiml": twiml})
    assert "action='/menu'" in found[0].message
    assert "<Redirect> URL 'next.xml'" in found[2].message


def test_absolute_urls_in_inline_twiml_are_fine() -> None:
    twiml = (
        '<Response><Gather action="https://example.com/menu"><Say>Press 1</Say></Gather>'
        "<Play>https://example.com/hold.mp3</Play>"
        "<Redirect>https://example.com/next.xml</Redirect></Response>"
    )
    assert inline(twiml) == []


def test_relative_urls_are_fine_in_a_served_document() -> None:
    assert validate("<Response><Redirect>next.xml</Redirect></Response>") == []


def test_unknown_endpoint() -> None:
    with pytest.raises(ValueError, match=r"unknown endpoint 'messages\.create'"):
        lint("messages.create", {})


def test_inline_findings_obey_the_documents_own_comments() -> None:
    twiml = (
        "<Response><!-- twimlkit: disable=inline-twiml-relative-url -->"
        "<Redirect>/x</Redirect></Response>"
    )
    assert lint("calls.create", {"twiml": twiml}) == []


def test_a_host_with_no_scheme_in_inline_twiml_is_one_finding() -> None:
    twiml = '<Response><Gather action="www.example.com/x"><Say>x</Say></Gather></Response>'
    assert [(r, c) for _, _, c, r in inline(twiml)] == [("inline-twiml-relative-url", 19)]
    assert [d.rule for d in validate(twiml)] == ["url-without-scheme"]  # not inline: a path
