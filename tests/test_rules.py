"""Every rule fires on its documented bad example and stays quiet on its good one; the seed's
three rules are checked in detail."""

from __future__ import annotations

from textwrap import dedent

import pytest

from twimlkit import Severity, validate
from twimlkit.registry import ALL as ALL_CHECKS
from twimlkit.registry import find
from twimlkit.rules import RULES, Rule


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.rule)
def test_rule_fires_on_its_bad_example(rule: Rule) -> None:
    found = [d for d in validate(rule.bad, inline=rule.inline_only) if d.rule == rule.rule]
    assert found, f"{rule.rule} did not fire on:\n{rule.bad}"
    assert all(d.code == rule.code and d.severity is rule.severity for d in found)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.rule)
def test_rule_is_quiet_on_its_good_example(rule: Rule) -> None:
    assert validate(rule.good, inline=rule.inline_only) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.rule)
def test_rule_is_documented(rule: Rule) -> None:
    text = rule.documentation()
    assert text.startswith(f"{rule.code} {rule.rule} ({rule.severity.value})")
    for part in ("Example:", "Use instead:", "Twilio error it predicts:"):
        assert part in text
    assert len(rule.doc.split()) >= 20, "the documentation says what and why"


def test_codes_and_slugs_are_unique_and_well_formed() -> None:
    codes = [c.code for c in ALL_CHECKS]
    slugs = [c.rule for c in ALL_CHECKS]
    assert len(set(codes)) == len(codes)
    assert len(set(slugs)) == len(slugs)
    for check in ALL_CHECKS:
        assert check.code.startswith("TK") and check.code[2:].isdigit()
        assert check.rule == check.rule.lower() and " " not in check.rule and "_" not in check.rule


def test_at_least_twenty_rules_beyond_the_seed() -> None:
    seed = {"recording-track-without-record", "recording-track-unsupported", "dual-channel-ignored"}
    assert seed <= {r.rule for r in RULES}
    assert len(RULES) - len(seed) >= 20


def test_find_by_slug_or_code() -> None:
    assert find("dual-channel-ignored") is find("TK203")
    assert find("unknown-attribute") is not None
    assert find("no-such-rule") is None


def findings(twiml: str) -> list[tuple[int, int, str, Severity]]:
    return [(d.line, d.column, d.rule, d.severity) for d in validate(dedent(twiml))]


# -- the seed's rules ---------------------------------------------------------------------


@pytest.mark.parametrize("record", [None, "do-not-record", "false"])
def test_track_without_record(record: str | None) -> None:
    attr = f' record="{record}"' if record else ""
    twiml = f"""\
        <Response>
          <Dial{attr}
                recordingTrack="outbound">
            <Number>+15551239876</Number>
          </Dial>
        </Response>
        """
    assert findings(twiml) == [(3, 9, "recording-track-without-record", Severity.WARNING)]


@pytest.mark.parametrize(
    "record", ["record-from-answer", "record-from-ringing", "record-from-answer-dual", "true"]
)
def test_track_with_record_is_fine(record: str) -> None:
    twiml = (
        f'<Response><Dial record="{record}" recordingTrack="both">+15551239876</Dial></Response>'
    )
    assert findings(twiml) == []


@pytest.mark.parametrize("verb", ["Record", "Conference"])
def test_track_unsupported_replaces_the_unknown_attribute(verb: str) -> None:
    inner = (
        '<Record recordingTrack="inbound"/>'
        if verb == "Record"
        else '<Dial><Conference recordingTrack="inbound">room</Conference></Dial>'
    )
    found = validate(f"<Response>\n  {inner}\n</Response>")
    assert [(d.rule, d.severity) for d in found] == [
        ("recording-track-unsupported", Severity.ERROR)
    ]
    assert found[0].line == 2
    assert f"<{verb}> has no single-party recording" in found[0].message


def test_track_unsupported_on_a_dial_into_a_conference() -> None:
    twiml = """\
        <Response>
          <Dial record="record-from-answer" recordingTrack="inbound">
            <Conference>standup</Conference>
          </Dial>
        </Response>
        """
    assert findings(twiml) == [(2, 37, "recording-track-unsupported", Severity.ERROR)]


@pytest.mark.parametrize(
    ("record", "track", "fires"),
    [
        ("record-from-answer-dual", "inbound", True),
        ("record-from-ringing-dual", "outbound", True),
        ("record-from-answer-dual", "both", False),
        ("record-from-answer", "inbound", False),
    ],
)
def test_dual_channel_ignored_on_dial(record: str, track: str, fires: bool) -> None:
    twiml = (
        f'<Response><Dial record="{record}" recordingTrack="{track}">+15551239876</Dial></Response>'
    )
    rules = [r for _, _, r, _ in findings(twiml)]
    assert rules == (["dual-channel-ignored"] if fires else [])


def test_dual_channel_ignored_on_start_recording() -> None:
    twiml = """\
        <Response>
          <Start><Recording channels="dual" track="inbound"/></Start>
          <Dial>+15551239876</Dial>
        </Response>
        """
    assert findings(twiml) == [(2, 21, "dual-channel-ignored", Severity.WARNING)]


# -- a few other rules in detail -----------------------------------------------------------


def test_unreachable_verb_after_redirect_points_at_every_dead_verb() -> None:
    twiml = """\
        <Response>
          <Redirect>/next</Redirect>
          <Say>one</Say>
          <Say>two</Say>
        </Response>
        """
    found = validate(dedent(twiml))
    assert [(d.line, d.rule) for d in found] == [(3, "unreachable-verb"), (4, "unreachable-verb")]
    assert all("the <Redirect> on line 2 moves the call to another" in d.message for d in found)


def test_a_comment_silences_one_unreachable_verb_and_not_the_next() -> None:
    twiml = (
        "<Response><Hangup/><!-- twimlkit: disable=unreachable-verb -->"
        "<Say>x</Say><Say>y</Say></Response>"
    )
    # The first <Say> ends at column 74: the second starts at 75.
    assert [(d.rule, d.column) for d in validate(twiml)] == [("unreachable-verb", 75)]


def test_dial_without_action_lets_the_next_verb_run() -> None:
    assert findings("<Response><Dial>+15551239876</Dial><Say>Bye</Say></Response>") == []


def test_polly_say_limit_is_lower() -> None:
    text = "x" * 3500
    assert findings(f"<Response><Say>{text}</Say></Response>") == []
    assert [
        r for _, _, r, _ in findings(f'<Response><Say voice="Polly.Amy">{text}</Say></Response>')
    ] == ["say-too-long"]


def test_events_without_callback_on_conference() -> None:
    twiml = (
        '<Response><Dial><Conference statusCallbackEvent="join">r</Conference></Dial></Response>'
    )
    assert [r for _, _, r, _ in findings(twiml)] == ["events-without-callback"]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("YOUR_WSS_URL/twilio", "'YOUR_WSS_URL/twilio' has no scheme"),
        ("/media", "'/media' has no scheme"),
        ("example.com/audio", "'example.com/audio' has no scheme"),
        ("ws://example.com/audio", "'ws://example.com/audio' uses ws://"),
        ("https://example.com/audio", "'https://example.com/audio' uses https://"),
    ],
)
@pytest.mark.parametrize("verb", ["Stream", "ConversationRelay"])
def test_websocket_url_must_be_wss(verb: str, url: str, words: str) -> None:
    twiml = f'<Response>\n  <Connect>\n    <{verb} url="{url}"/>\n  </Connect>\n</Response>'
    found = [d for d in validate(twiml) if d.rule == "websocket-url-not-wss"]
    assert [(d.line, d.column, d.severity) for d in found] == [
        (3, len(f"    <{verb} ") + 1, Severity.ERROR)
    ]
    assert words in found[0].message
    assert "Twilio connects only to wss:// URLs" in found[0].message


@pytest.mark.parametrize("url", ["wss://example.com/audio", "WSS://example.com/audio"])
def test_websocket_url_with_wss_is_fine(url: str) -> None:
    twiml = f'<Response><Connect><Stream url="{url}"/></Connect></Response>'
    assert [d.rule for d in validate(twiml)] == []


@pytest.mark.parametrize("body", ["<Body></Body>", "<Body/>", "<Body>  </Body>"])
def test_an_empty_body_is_one_finding(body: str) -> None:
    twiml = f"<Response>\n  <Message>\n    {body}\n  </Message>\n</Response>"
    found = validate(twiml)
    assert [(d.line, d.column, d.rule) for d in found] == [(3, 5, "empty-message")]
    assert found[0].message == (
        "<Body> is empty and the <Message> has no <Media>: there is nothing to send; "
        "write the text in <Body> or add a <Media>"
    )


def test_an_empty_message_without_body_is_reported_at_the_message() -> None:
    found = validate("<Response>\n  <Message to='+15551239876'/>\n</Response>")
    assert [(d.line, d.column, d.rule) for d in found] == [(2, 3, "empty-message")]


# -- phone numbers: quiet where Twilio dials, loud where it cannot -------------------------

PHONE_FINDINGS = ("phone-number-not-e164", "phone-number-invalid")


def phone_findings(number: str, where: str = "Number") -> list[tuple[int, int, str, Severity]]:
    inner = f"<Number>{number}</Number>" if where == "Number" else number
    twiml = f"<Response>\n  <Dial>{inner}</Dial>\n</Response>"
    return [f for f in findings(twiml) if f[2] in PHONE_FINDINGS]


@pytest.mark.parametrize(
    "number",
    [
        "+15551239876",
        "415-123-4567",  # Twilio's own <Dial> example
        "(415) 555-1212",  # the forms the <Number> documentation accepts
        "415 555 1212",
        "415.555.1212",
        "1-415-555-1212",
        "+1 (415) 555-1212",
        " +442079460958 ",
    ],
)
@pytest.mark.parametrize("where", ["Number", "Dial"])
def test_numbers_twilio_dials_get_no_finding(number: str, where: str) -> None:
    assert phone_findings(number, where) == []


@pytest.mark.parametrize("number", ["020 7946 0958", "07400123456", "+44 20 7946 0958", "5551212"])
def test_numbers_in_an_undocumented_form_get_a_warning(number: str) -> None:
    column = len("  <Dial><Number>") + 1
    assert phone_findings(number) == [(2, column, "phone-number-not-e164", Severity.WARNING)]


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("1-800-FLOWERS", "has letters"),
        ("sip:alice@example.com", "a SIP address; dial it with <Sip>"),
        ("client:alice", "a Twilio Client name; dial it with <Client>"),
        ("+1234567890123456", "has 16 digits; a phone number has at most 15"),
        ("---", "has no digits"),
        ("415*555*1212", "has '*'"),
        ("415+555", "'+' may only open the number"),
    ],
)
def test_numbers_that_cannot_dial_are_errors(number: str, words: str) -> None:
    column = len("  <Dial><Number>") + 1
    assert phone_findings(number) == [(2, column, "phone-number-invalid", Severity.ERROR)]
    found = [d for d in validate(f"<Response><Dial><Number>{number}</Number></Dial></Response>")]
    assert words in found[0].message


@pytest.mark.parametrize(
    ("timeout", "fires"), [("1", True), ("4", True), ("5", False), ("600", False), ("601", True)]
)
def test_dial_timeout_outside_what_twilio_documents(timeout: str, fires: bool) -> None:
    twiml = f'<Response>\n  <Dial timeout="{timeout}">+15551239876</Dial>\n</Response>'
    expected = [(2, 9, "dial-timeout-out-of-range", Severity.WARNING)] if fires else []
    assert findings(twiml) == expected


def test_dial_timeout_that_is_not_a_positive_number_is_still_an_error() -> None:
    twiml = '<Response><Dial timeout="0">+15551239876</Dial></Response>'
    assert [(d.rule, d.severity) for d in validate(twiml)] == [("invalid-value", Severity.ERROR)]


@pytest.mark.parametrize(
    ("nouns", "column", "tag"),
    [
        # "<Response><Dial>" is 16 characters: the first noun starts at column 17.
        ("<Number>+15551230000</Number><Conference>x</Conference>", 17, "Number"),
        ("<Conference>x</Conference><Number>+15551230000</Number>", 43, "Number"),
        ("<Conference>a</Conference><Conference>b</Conference>", 43, "Conference"),
    ],
)
def test_conference_not_alone_names_the_other_noun(nouns: str, column: int, tag: str) -> None:
    found = validate(f"<Response><Dial>{nouns}</Dial></Response>")
    assert [(d.rule, d.column) for d in found] == [("conference-not-alone", column)]
    assert found[0].message.startswith(f"<{tag}> shares a <Dial> with a <Conference>")


def test_play_digits_in_nested_gathers_is_one_finding() -> None:
    twiml = '<Response><Gather><Gather><Play digits="1"/></Gather></Gather></Response>'
    found = [d for d in validate(twiml) if d.rule == "play-digits-in-gather"]
    assert [(d.line, d.column) for d in found] == [(1, 33)]


def test_rules_read_values_without_the_white_space_around_them() -> None:
    twiml = '<Response><Dial timeout=" 700 ">+15551239876</Dial></Response>'
    assert {d.rule for d in validate(twiml)} == {"value-whitespace", "dial-timeout-out-of-range"}
    twiml = (
        '<Response><Dial record=" record-from-answer-dual " recordingTrack="inbound">'
        "+15551239876</Dial></Response>"
    )
    assert {d.rule for d in validate(twiml)} == {"value-whitespace", "dual-channel-ignored"}


def test_a_character_reference_cannot_hide_a_finding_from_a_trigger() -> None:
    # "&#100;" is "d": the rule's trigger, which looks for "dual" in the text, must not skip it.
    twiml = (
        '<Response><Dial record="record-from-answer-&#100;ual" recordingTrack="inbound">'
        "+15551239876</Dial></Response>"
    )
    assert [d.rule for d in validate(twiml)] == ["dual-channel-ignored"]


def _trigger_documents() -> list[str]:
    """Every rule's examples and Twilio's, plus each of them with its verbs reordered and
    its attributes' values emptied: documents where rules fire and where they do not."""
    from conftest import conformance_documents

    texts = [rule.bad for rule in RULES] + [rule.good for rule in RULES]
    texts += [path.read_text(encoding="utf-8") for path in conformance_documents()]
    variants = []
    for text in texts:
        variants.append(text.replace('"', '" ', 1))
        variants.append(text.replace("</Response>", "<Say>after</Say></Response>"))
    return texts + variants


@pytest.mark.parametrize("rule", [r for r in RULES if r.trigger], ids=lambda r: r.rule)
def test_a_trigger_never_skips_a_document_where_its_rule_fires(rule: Rule) -> None:
    # A trigger is a cheap test of the text that lets a rule be skipped: it must pass on
    # every document where the rule, asked directly, finds something.
    from twimlkit.document import DocumentError, read_document
    from twimlkit.rules import Context

    assert rule.trigger is not None
    asked = fired = 0
    for text in _trigger_documents():
        try:
            document = read_document(text)
        except DocumentError:
            continue
        context = Context(document, "voice", inline=rule.inline_only)
        if rule.check_document is not None:
            findings = list(rule.check_document(context))
        else:
            assert rule.check_element is not None
            findings = [
                finding
                for element in document.root.iter(*rule.elements)
                for finding in rule.check_element(context, element)
            ]
        asked += 1
        fired += bool(findings)
        if findings:
            assert rule.trigger(text), f"{rule.rule}'s trigger skips:\n{text}"
    assert fired, f"{rule.rule} fired on none of {asked} documents"


@pytest.mark.parametrize(
    ("url", "fires"),
    [
        ("www.example.com", True),
        ("www.example.com/menu", True),
        ("WWW.x:8080", True),
        ("example.com", True),
        ("api.example.co/x", True),
        ("a.b.c.DEV:443/x", True),
        ("example.com.", False),
        ("example..com", False),
        (".example.com", False),
        ("example.comx", False),
        ("example.com?x=1", False),
        ("example", False),
        ("/menu", False),
        ("menu.xml", False),
        ("a." * 5000 + "x/", False),  # a long run of labels: read once, not backtracked through
        ("a." * 5000 + "com/", True),
    ],
)
def test_url_without_scheme_reads_a_host_name(url: str, fires: bool) -> None:
    twiml = f'<Response><Gather action="{url}"/></Response>'
    assert ("url-without-scheme" in {d.rule for d in validate(twiml)}) == fires
