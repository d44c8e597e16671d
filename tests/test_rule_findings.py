"""Each rule's exact findings on its documented BAD example, silence on its GOOD one, and the
edges of every numeric threshold.

The table below was written by hand from the text of each BAD example (``twimlkit rule SLUG``
prints it): lines and columns are 1-based, and the end is just past the last character. A
finding about an attribute spans ``name="value"``, one about text spans the text without the
white space around it, and one about an element spans its start tag, ``<`` to ``>``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pytest

from twimlkit import Diagnostic, validate
from twimlkit.rules import (
    RULES,
    Rule,
    enqueue_name_too_long,
    inline_twiml_too_long,
    message_body_too_long,
    response_too_large,
    say_too_long,
    time_limit_over_four_hours,
    too_many_dial_nouns,
    too_many_media,
)


@dataclass(frozen=True)
class Expected:
    """One finding: where it starts and ends, and words its message must contain."""

    line: int
    column: int
    end_line: int
    end_column: int
    phrase: str


EXPECTED: dict[str, list[Expected]] = {
    # 2:  <Dial recordingTrack="inbound">     the attribute: 9 + len('recordingTrack="inbound"')
    "recording-track-without-record": [
        Expected(2, 9, 2, 33, 'recordingTrack="inbound" chooses a track, but nothing is recorded'),
    ],
    # 2:  <Record recordingTrack="inbound" maxLength="60"/>
    "recording-track-unsupported": [
        Expected(2, 11, 2, 35, "<Record> has no single-party recording"),
    ],
    # 2:  <Dial record="record-from-answer-dual" recordingTrack="inbound">   the record attribute
    "dual-channel-ignored": [
        Expected(2, 9, 2, 41, 'record="record-from-answer-dual" asks for two channels'),
    ],
    # 4:  <Say>Thanks for calling.</Say>      the first verb after <Hangup>: its start tag
    "unreachable-verb": [
        Expected(4, 3, 4, 8, "<Say> never runs: the <Hangup> on line 3 ends the call"),
    ],
    # 2:  <Dial recordingStatusCallback="www.example.com/recordings" record=...>
    "url-without-scheme": [
        Expected(2, 9, 2, 61, "write https://www.example.com/recordings"),
    ],
    # 3:    <Number>020 7946 0958</Number>    the text
    "phone-number-not-e164": [
        Expected(3, 13, 3, 26, "'020 7946 0958' is neither E.164"),
    ],
    # 2:  <Say voice="alice"></Say>           the start tag
    "empty-say": [
        Expected(2, 3, 2, 22, "<Say> has no text"),
    ],
    # 2:  <Message>Long news. ...             the start tag; 150 x "Long news. "
    "message-body-too-long": [
        Expected(2, 3, 2, 12, "the message body has 1,650 characters"),
    ],
    # 13:    <Media>https://example.com/p10.jpg</Media>   the eleventh <Media>
    "too-many-media": [
        Expected(13, 5, 13, 12, "this <Message> has 11 <Media>; Twilio sends at most 10"),
    ],
    # 1:<Response>   11 + 2100 x 37 + 11 bytes
    "response-too-large": [
        Expected(1, 1, 1, 11, "the document is 77,722 bytes"),
    ],
    # 2:  <Gather numDigits="1">
    "gather-without-action": [
        Expected(2, 3, 2, 25, "<Gather> has no action"),
    ],
    # 3:    <Play digits="1234"/>             the digits attribute
    "play-digits-in-gather": [
        Expected(3, 11, 3, 24, "<Play digits> is not allowed inside <Gather>"),
    ],
    # 3:    <Media>/images/receipt.png</Media>   the text
    "media-url-not-absolute": [
        Expected(3, 12, 3, 31, "'/images/receipt.png' is not an absolute http(s) URL"),
    ],
    # 3:    <Stream url="ws://example.com/audio"/>
    "websocket-url-not-wss": [
        Expected(3, 13, 3, 41, "url 'ws://example.com/audio' uses ws://"),
    ],
    # 3:    <Number>sip:alice@example.com</Number>   the text
    "phone-number-invalid": [
        Expected(3, 13, 3, 34, "'sip:alice@example.com' is a SIP address; dial it with <Sip>"),
    ],
    # 2:  <Dial timeout="3">+15551239876</Dial>   the timeout attribute
    "dial-timeout-out-of-range": [
        Expected(2, 9, 2, 20, "Twilio documents at least 5 seconds"),
    ],
    # 3:    <Stream url="wss://example.com/audio?caller=alice"/>
    "stream-url-query-string": [
        Expected(3, 13, 3, 55, "url has a query string"),
    ],
    # 3:  <Reject reason="busy"/>
    "reject-not-first": [
        Expected(3, 3, 3, 26, "<Reject> is not the first verb"),
    ],
    # 2:  <Start>
    "start-last-verb": [
        Expected(2, 3, 2, 10, "nothing follows it"),
    ],
    # 2:  <Dial timeout="20"></Dial>
    "dial-without-target": [
        Expected(2, 3, 2, 22, "<Dial> has nothing to dial"),
    ],
    # 2:  <Say voice="Polly.Joanna">Please hold. ...   240 x "Please hold. "
    "say-too-long": [
        Expected(2, 3, 2, 29, "<Say> has 3,120 characters; Twilio reads at most 3,000"),
    ],
    # 3:    <Number sendDigits="ww 1234 #">+15551239876</Number>
    "invalid-send-digits": [
        Expected(3, 13, 3, 35, "sendDigits='ww 1234 #' contains ' '"),
    ],
    # 2:  <Enqueue>support-support-...</Enqueue>   the text: 9 x "support-"
    "enqueue-name-too-long": [
        Expected(2, 12, 2, 84, "the queue name has 72 characters"),
    ],
    # 2:  <Pay action="http://example.com/payment-result"/>
    "pay-action-not-https": [
        Expected(2, 8, 2, 50, "must use https://"),
    ],
    # 2:  <Message to="+15551239876"></Message>
    "empty-message": [
        Expected(2, 3, 2, 30, "<Message> has no text and no <Media>"),
    ],
    # 3:  <Sms>Your booking is confirmed.</Sms>
    "deprecated-verb": [
        Expected(3, 3, 3, 8, "<Sms> is deprecated"),
    ],
    # 2:  <Dial timeLimit="28800">+15551239876</Dial>
    "time-limit-over-four-hours": [
        Expected(2, 9, 2, 26, "timeLimit=28800 is over 14,400 seconds"),
    ],
    # 13:    <Number>+15551230010</Number>   the eleventh <Number>
    "too-many-dial-nouns": [
        Expected(13, 5, 13, 13, "this <Dial> has 11 <Number>; Twilio dials at most 10"),
    ],
    # 4:    <Number>+15551239876</Number>    the noun beside the <Conference>
    "conference-not-alone": [
        Expected(4, 5, 4, 13, "<Number> shares a <Dial> with a <Conference>"),
    ],
    # 3:    <Number statusCallbackEvent="ringing answered">+15551239876</Number>
    "events-without-callback": [
        Expected(3, 13, 3, 51, "statusCallbackEvent is set but statusCallback is not"),
    ],
    # 1: <Response>                 the root's start tag; 90 <Say> make 4,432 characters
    "inline-twiml-too-long": [
        Expected(1, 1, 1, 11, "the TwiML is 4,432 characters long"),
    ],
    # 2:  <Gather action="/menu"><Say>Press 1</Say></Gather>   the action attribute
    "inline-twiml-relative-url": [
        Expected(2, 11, 2, 25, "<Gather> action='/menu' is relative"),
    ],
}


def by_slug(rule: Rule) -> str:
    return rule.rule


def of_rule(found: list[Diagnostic], rule: Rule) -> list[Diagnostic]:
    return [d for d in found if d.rule == rule.rule]


def test_every_rule_has_an_entry_in_the_table() -> None:
    slugs = {rule.rule for rule in RULES}
    assert set(EXPECTED) - slugs == set(), "entries for rules that do not exist"
    assert slugs - set(EXPECTED) == set(), "rules without expected findings on their BAD example"


@pytest.mark.parametrize("rule", RULES, ids=by_slug)
def test_exact_findings_on_the_bad_example(rule: Rule) -> None:
    found = of_rule(validate(rule.bad, inline=rule.inline_only), rule)
    expected = EXPECTED.get(rule.rule)
    assert expected is not None, f"add {rule.rule} to EXPECTED"
    assert [(d.line, d.column, d.end_line, d.end_column) for d in found] == [
        (e.line, e.column, e.end_line, e.end_column) for e in expected
    ]
    for diagnostic, wanted in zip(found, expected, strict=True):
        assert (diagnostic.code, diagnostic.severity) == (rule.code, rule.severity)
        assert wanted.phrase in diagnostic.message
        assert diagnostic.path is None


@pytest.mark.parametrize("rule", RULES, ids=by_slug)
def test_the_bad_example_shows_only_its_own_mistake(rule: Rule) -> None:
    assert {d.rule for d in validate(rule.bad, inline=rule.inline_only)} == {rule.rule}


@pytest.mark.parametrize("rule", RULES, ids=by_slug)
def test_the_good_example_is_silent(rule: Rule) -> None:
    found = validate(rule.good, inline=rule.inline_only)
    assert of_rule(found, rule) == []
    assert found == [], "the GOOD example should be valid TwiML with nothing to report"


@pytest.mark.parametrize("rule", RULES, ids=by_slug)
def test_each_span_is_a_start_tag_an_attribute_or_text(rule: Rule) -> None:
    # Each finding's span is text of the BAD example, on one line, and names what the rule is
    # about: an element's start tag, an attribute, or text.
    lines = rule.bad.split("\n")
    for d in of_rule(validate(rule.bad, inline=rule.inline_only), rule):
        assert d.line == d.end_line
        spanned = lines[d.line - 1][d.column - 1 : d.end_column - 1]
        assert spanned, "the span is empty"
        assert spanned.startswith("<") == spanned.endswith(">")
        if spanned.startswith("<"):
            assert ">" not in spanned[:-1], "an element's span is its start tag only"
        elif "=" in spanned:
            assert spanned.endswith('"') and spanned.count('"') == 2, "an attribute's span"
        else:
            assert "<" not in spanned and spanned == spanned.strip(), "a text's span"


# -- the edges of every numeric threshold ------------------------------------------------


def say(voice: str | None) -> Callable[[int], str]:
    attribute = f' voice="{voice}"' if voice else ""
    return lambda n: f"<Response><Say{attribute}>{'x' * n}</Say></Response>"


def message_text(n: int) -> str:
    return f"<Response><Message>{'x' * n}</Message></Response>"


def message_body(n: int) -> str:
    # The body split over the text of <Message> and a <Body>: both count.
    return f"<Response><Message>x<Body>{'x' * (n - 1)}</Body></Message></Response>"


def media(n: int) -> str:
    items = "".join(f"<Media>https://example.com/{i}.jpg</Media>" for i in range(n))
    return f"<Response><Message>{items}</Message></Response>"


def padded(filler: str) -> Callable[[int], str]:
    """A document of exactly ``n`` bytes, padded with a comment of ``filler`` characters."""

    def document(n: int) -> str:
        frame = "<Response><!---->\n</Response>"
        room = n - len(frame.encode())
        size = len(filler.encode())
        text = filler * (room // size) + "x" * (room % size)
        made = f"<Response><!--{text}-->\n</Response>"
        assert len(made.encode()) == n
        return made

    return document


def enqueue(n: int) -> str:
    # White space around the name is not part of it.
    return f"<Response><Enqueue>  {'q' * n}\n</Enqueue></Response>"


def time_limit(n: int) -> str:
    return f'<Response><Dial timeLimit="{n}">+15551239876</Dial></Response>'


def dial(noun: str) -> Callable[[int], str]:
    def document(n: int) -> str:
        text = "+1555123{:04d}" if noun == "Number" else "agent{}"
        nouns = "".join(f"<{noun}>{text.format(i)}</{noun}>" for i in range(n))
        return f"<Response><Dial>{nouns}</Dial></Response>"

    return document


@dataclass(frozen=True)
class Edge:
    """A rule's threshold: ``quiet`` is the largest size that passes, ``document(size)``."""

    rule: str
    module: ModuleType
    quiet: int
    document: Callable[[int], str]
    inline: bool = False


EDGES = {
    "say-basic-voice": Edge("say-too-long", say_too_long, say_too_long.BASIC_LIMIT, say(None)),
    "say-alice": Edge("say-too-long", say_too_long, say_too_long.BASIC_LIMIT, say("alice")),
    "say-polly": Edge(
        "say-too-long", say_too_long, say_too_long.POLLY_LIMIT, say("Polly.Joanna-Neural")
    ),
    "message-text": Edge(
        "message-body-too-long", message_body_too_long, message_body_too_long.LIMIT, message_text
    ),
    "message-body": Edge(
        "message-body-too-long", message_body_too_long, message_body_too_long.LIMIT, message_body
    ),
    "media": Edge("too-many-media", too_many_media, too_many_media.LIMIT, media),
    "response-ascii": Edge(
        "response-too-large", response_too_large, response_too_large.LIMIT, padded("x")
    ),
    "response-bytes-not-characters": Edge(
        "response-too-large", response_too_large, response_too_large.LIMIT, padded("\u00e9")
    ),
    # Twilio needs fewer than LIMIT characters: a name of LIMIT characters is already refused.
    "enqueue": Edge(
        "enqueue-name-too-long", enqueue_name_too_long, enqueue_name_too_long.LIMIT - 1, enqueue
    ),
    "time-limit": Edge(
        "time-limit-over-four-hours",
        time_limit_over_four_hours,
        time_limit_over_four_hours.LIMIT,
        time_limit,
    ),
    "dial-numbers": Edge(
        "too-many-dial-nouns", too_many_dial_nouns, too_many_dial_nouns.LIMIT, dial("Number")
    ),
    "inline-twiml": Edge(
        "inline-twiml-too-long",
        inline_twiml_too_long,
        inline_twiml_too_long.LIMIT,
        lambda n: "<Response>" + " " * (n - len("<Response></Response>")) + "</Response>",
        inline=True,
    ),
    "dial-clients": Edge(
        "too-many-dial-nouns", too_many_dial_nouns, too_many_dial_nouns.LIMIT, dial("Client")
    ),
}


def limits_of(module: ModuleType) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if name.isupper() and name.endswith("LIMIT") and isinstance(value, int)
    }


def module_of(rule: Rule) -> ModuleType:
    check = rule.check_element or rule.check_document
    assert check is not None
    return sys.modules[check.__module__]


def test_every_limit_of_every_rule_has_its_edges_tested() -> None:
    # A limit is an int constant whose name ends in LIMIT; each one must be the quiet size or
    # the first size that fires of some Edge of that rule.
    wanted = {(rule.rule, name) for rule in RULES for name in limits_of(module_of(rule))}
    tested = {
        (edge.rule, name)
        for edge in EDGES.values()
        for name in limits_of(edge.module)
        if getattr(edge.module, name) in (edge.quiet, edge.quiet + 1)
    }
    assert wanted == tested
    assert len(wanted) >= 8


@pytest.mark.parametrize("edge", EDGES.values(), ids=EDGES.keys())
def test_at_the_limit_is_quiet(edge: Edge) -> None:
    assert validate(edge.document(edge.quiet), inline=edge.inline) == []


@pytest.mark.parametrize("edge", EDGES.values(), ids=EDGES.keys())
def test_one_past_the_limit_fires_once(edge: Edge) -> None:
    found = validate(edge.document(edge.quiet + 1), inline=edge.inline)
    assert [d.rule for d in found] == [edge.rule]
    size = edge.quiet + 1
    assert f"{size:,}" in found[0].message or f"={size} " in found[0].message


def test_a_long_polly_say_is_fine_with_another_voice() -> None:
    text = "x" * (say_too_long.POLLY_LIMIT + 1)
    assert validate(say("man")(len(text))) == []
    assert [d.rule for d in validate(say("Polly.Amy")(len(text)))] == ["say-too-long"]
