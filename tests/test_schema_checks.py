"""Each schema check fires on a document that breaks it, at the line and column of the mistake."""

from __future__ import annotations

from textwrap import dedent
from typing import Any

import pytest

from twimlkit import Diagnostic, Severity, checks
from twimlkit import validate as validate_all
from twimlkit.diagnostic import Check
from twimlkit.schema.suggest import near_miss

VALID_VOICE = """\
<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Dial record="record-from-answer" recordingTrack="inbound">
    <Number>+15551239876</Number>
  </Dial>
</Response>
"""


SCHEMA_CODES = {check.code for check in checks.ALL}


def validate(twiml: str, **options: Any) -> list[Diagnostic]:
    """The parse and schema findings only: the semantic rules have tests of their own."""
    return [d for d in validate_all(twiml, **options) if d.code in SCHEMA_CODES]


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    assert len(diagnostics) == 1, diagnostics
    return diagnostics[0]


# (check, TwiML, line, column, words the message must contain)
CASES = [
    (
        checks.INVALID_ROOT,
        """\
        <?xml version="1.0"?>
        <Dial>+15551239876</Dial>
        """,
        2,
        1,
        "must be <Response>, not <Dial>",
    ),
    (
        checks.UNKNOWN_ELEMENT,
        """\
        <Response>
          <Say>Hello</Say>
          <Sya>Goodbye</Sya>
        </Response>
        """,
        3,
        3,
        "<Sya> is not a TwiML voice element; did you mean <Say>?",
    ),
    (
        checks.UNKNOWN_ATTRIBUTE,
        """\
        <Response>
          <Dial record="record-from-answer"
                recordTrack="inbound">
            <Number>+15551239876</Number>
          </Dial>
        </Response>
        """,
        3,
        9,
        "<Dial> has no attribute 'recordTrack'; did you mean 'recordingTrack'?",
    ),
    (
        checks.INVALID_VALUE,
        """\
        <Response>
          <Dial record="record-from-answer"
                recordingTrack="inbund">
            <Number>+15551239876</Number>
          </Dial>
        </Response>
        """,
        3,
        9,
        "<Dial> attribute recordingTrack: 'inbund' is not one of inbound, outbound, both;"
        " did you mean 'inbound'?",
    ),
    (
        checks.INVALID_NESTING,
        """\
        <Response>
          <Gather input="dtmf">
            <Dial>+15551239876</Dial>
          </Gather>
        </Response>
        """,
        3,
        5,
        "<Dial> is not allowed inside <Gather>; <Gather> may contain <Pause>, <Play>, <Say>",
    ),
    (
        checks.MISSING_ATTRIBUTE,
        """\
        <Response>
          <Say>Your code is
            <say-as>1234</say-as>
          </Say>
        </Response>
        """,
        3,
        5,
        "<say-as> requires the attribute interpret-as",
    ),
    (
        checks.UNEXPECTED_TEXT,
        """\
        <Response>
          <Hangup/>
          Goodbye
        </Response>
        """,
        3,
        3,
        "<Response> takes no text; remove 'Goodbye'",
    ),
    (
        checks.MISSING_TEXT,
        """\
        <Response>
          <Dial>
            <Number>   </Number>
          </Dial>
        </Response>
        """,
        3,
        5,
        "<Number> is empty; it needs text content",
    ),
]


def test_a_retired_element_is_named_with_what_replaces_it() -> None:
    found = only(
        validate("<Response>\n  <Connect><Autopilot>UA1</Autopilot></Connect>\n</Response>")
    )
    assert (found.rule, found.severity, found.line, found.column) == (
        "retired-element",
        Severity.WARNING,
        2,
        12,
    )
    assert "ConversationRelay" in found.message
    found = only(validate("<Response><Connect><Assistant id='x'/></Connect></Response>"))
    assert found.rule == "retired-element"


@pytest.mark.parametrize(
    ("check", "twiml", "line", "column", "words"), CASES, ids=[c[0].rule for c in CASES]
)
def test_check_fires_where_the_mistake_is(
    check: Check, twiml: str, line: int, column: int, words: str
) -> None:
    found = only(validate(dedent(twiml)))
    assert (found.code, found.rule, found.severity) == (check.code, check.rule, Severity.ERROR)
    assert (found.line, found.column) == (line, column)
    assert words in found.message


WARNINGS = {
    checks.RETIRED_ELEMENT.rule,
    checks.VALUE_WRONG_CASE.rule,
    checks.VALUE_WHITESPACE.rule,
    checks.NUMBER_NOT_WHOLE.rule,
}


def test_every_schema_check_is_covered() -> None:
    covered = {case[0].rule for case in CASES}
    schema_checks = {c.rule for c in checks.ALL if c.code.startswith("TK1")}
    schema_checks -= WARNINGS  # tested on their own, below
    # schema-violation is the fallback for libxml2 findings twimlkit has no words for.
    assert schema_checks - covered == {checks.SCHEMA_VIOLATION.rule}


def test_a_valid_document_has_no_findings() -> None:
    assert validate(VALID_VOICE) == []


def test_all_findings_in_one_run_even_after_a_misplaced_element() -> None:
    twiml = dedent(
        """\
        <Response>
          <Sya>hello</Sya>
          <Pause length="two"/>
          <Redirect method="post">/next</Redirect>
        </Response>
        """
    )
    found = [(d.rule, d.line) for d in validate(twiml)]
    assert found == [("unknown-element", 2), ("invalid-value", 3), ("value-wrong-case", 4)]


@pytest.mark.parametrize(
    ("attribute", "value", "words"),
    [
        ("timeout", "0", "'0' is not a whole number of at least 1"),
        ("timeout", "soon", "'soon' is not a whole number of at least 1"),
        ("timeout", "5.5", "'5.5' is not a whole number of at least 1"),
        ("hangupOnStar", "yes", "'yes' is not one of true, false"),
        ("method", "PUT", "'PUT' is not one of GET, POST"),
        ("method", "pots", "'pots' is not one of GET, POST; did you mean 'POST'?"),
        (
            "recordingStatusCallbackEvent",
            "completed,absent",
            "'completed,absent' separates its items with commas; use spaces, as in"
            " 'completed absent'",
        ),
        (
            "recordingStatusCallbackEvent",
            "in-progress complete",
            "'complete' is not one of in-progress, completed, absent; did you mean 'completed'?",
        ),
        ("record", "yes", "'yes' is not one of do-not-record, record-from-answer"),
    ],
)
def test_invalid_values_are_explained(attribute: str, value: str, words: str) -> None:
    found = only(validate(f'<Response><Dial {attribute}="{value}">+15551239876</Dial></Response>'))
    assert found.rule == "invalid-value"
    assert found.message == f"<Dial> attribute {attribute}: {words}" or words in found.message
    assert found.column == len("<Response><Dial ") + 1


def test_union_type_is_described_by_all_its_members() -> None:
    found = only(validate('<Response><Gather speechTimeout="0"/></Response>'))
    assert "'0' is not a whole number of at least 1 or auto" in found.message


def test_element_in_a_leaf_is_nesting_not_text() -> None:
    found = validate("<Response><Pause><Say>hi</Say><Play/></Pause></Response>")
    assert [(d.rule, d.column) for d in found] == [("invalid-nesting", 18), ("invalid-nesting", 31)]
    assert "<Pause> takes no child elements" in found[0].message


def test_wrong_case_element_suggests_the_right_one() -> None:
    found = only(validate("<Response><say>Hello</say></Response>"))
    assert found.rule == "unknown-element"
    assert "did you mean <Say>?" in found.message


def test_wrong_case_root_is_an_invalid_root() -> None:
    found = only(validate("<response><Say>Hello</Say></response>"))
    assert found.rule == "invalid-root"
    assert "did you mean <Response>?" in found.message


def test_unknown_attribute_without_a_close_match_lists_what_the_element_takes() -> None:
    found = only(validate('<Response><Pause seconds="3"/></Response>'))
    assert found.message == "<Pause> has no attribute 'seconds'; it takes length"


def test_attribute_on_an_element_that_takes_none() -> None:
    found = only(validate('<Response><Hangup reason="busy"/></Response>'))
    assert found.message == "<Hangup> has no attribute 'reason'; it takes no attributes"


def test_ssml_xml_lang_is_checked_and_required() -> None:
    assert validate('<Response><Say><lang xml:lang="fr-FR">Bonjour</lang></Say></Response>') == []
    found = only(validate("<Response><Say><lang>Bonjour</lang></Say></Response>"))
    assert found.message == "<lang> requires the attribute xml:lang"


def test_messaging_document_is_checked_as_messaging() -> None:
    found = only(validate("<Response><Message><Sya>hi</Sya></Message></Response>"))
    assert found.message.startswith("<Sya> is not a TwiML messaging element")


def test_voice_document_may_send_a_message() -> None:
    # Twilio's own voice quickstart texts the caller with <Message> during a call.
    assert validate("<Response><Say>Hi</Say><Message>Thanks!</Message></Response>") == []


def test_kind_can_be_forced() -> None:
    twiml = "<Response><Message>Hi</Message></Response>"
    assert validate(twiml, kind="messaging") == []
    assert validate(twiml, kind="voice") == []
    found = only(validate("<Response><Say>Hi</Say></Response>", kind="messaging"))
    assert found.rule == "unknown-element"
    assert found.message == ("<Say> is not a TwiML messaging element; <Say> belongs to TwiML voice")


def test_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="kind must be one of voice, messaging"):
        validate_all("<Response/>", kind="fax")  # type: ignore[arg-type]


def test_findings_are_in_document_order() -> None:
    twiml = '<Response>\n<Play loop="x"/>\n<Pause length="y"/>\n<Dial timeout="0"/>\n</Response>'
    assert [d.line for d in validate(twiml)] == [2, 3, 4]


@pytest.mark.parametrize(
    "twiml", ["<Hangup> </Hangup>", "<Pause>\n</Pause>", "<Record>\t</Record>"]
)
def test_white_space_in_an_element_without_content_is_fine(twiml: str) -> None:
    assert validate(f"<Response>{twiml}</Response>") == []


def test_no_break_space_is_text() -> None:
    found = only(validate("<Response>\u00a0</Response>"))
    assert (found.rule, found.column) == ("unexpected-text", 11)


POLLY = """\
<Response>
  <Say voice="Polly.Joanna">Here is a secret:
    <amazon:effect name="whispered">I like <emphasis>cake</emphasis></amazon:effect>.
    <prosody rate="slow"><amazon:domain name="news">More news.</amazon:domain></prosody>
  </Say>
</Response>
"""


def test_amazon_ssml_tags_are_valid_without_a_declared_prefix() -> None:
    assert validate(POLLY) == []


@pytest.mark.parametrize(
    ("change", "rule", "words"),
    [
        ('name="whispered"', "unknown-attribute", "<amazon:effect> has no attribute 'nme'"),
        ('name="news"', "missing-attribute", "<amazon:domain> requires the attribute name"),
        (
            "<emphasis>cake</emphasis>",
            "invalid-nesting",
            "<Say> is not allowed inside <amazon:effect>",
        ),
        (
            "amazon:effect",
            "unknown-element",
            "<amazon:efect> is not a TwiML voice element; did you mean <amazon:effect>?",
        ),
    ],
)
def test_amazon_ssml_mistakes(change: str, rule: str, words: str) -> None:
    broken = {
        'name="whispered"': POLLY.replace('name="whispered"', 'nme="whispered"'),
        'name="news"': POLLY.replace(' name="news"', ""),
        "<emphasis>cake</emphasis>": POLLY.replace("<emphasis>cake</emphasis>", "<Say>cake</Say>"),
        "amazon:effect": POLLY.replace("amazon:effect", "amazon:efect"),
    }[change]
    found = only(validate(broken))
    assert (found.rule, found.line) == (rule, 3 if change != 'name="news"' else 4)
    assert words in found.message


def test_syntax_error_columns_are_those_of_the_text_as_written() -> None:
    twiml = "<Response><Say><amazon:effect>Hi</amazon:effect></Say><Say></Response>"
    found = only(validate(twiml))
    assert found.rule == "not-well-formed"
    assert found.column == twiml.index("</Response>") + 1
    # A mistake only libxml2 names: its column is the same as in a document of the same
    # length without the amazon: prefix, which twimlkit declares on the root as it parses.
    twiml = '<Response><Say><amazon:effect>Hi</amazon:effect></Say><Say xmlns:p=""/></Response>'
    found = only(validate(twiml))
    assert "Empty XML namespace" in found.message
    unprefixed = only(validate(twiml.replace("amazon:effect", "amazon_effect")))
    assert (found.line, found.column) == (unprefixed.line, unprefixed.column)
    assert found.column > twiml.index("<Say xmlns:p")


def test_threads_validating_at_once_get_their_own_findings() -> None:
    from concurrent.futures import ThreadPoolExecutor

    timeouts = list(range(-20, 20))  # below 1 is invalid
    twiml = '<Response><Dial timeout="{}">+15551239876</Dial></Response>'
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda n: validate(twiml.format(n)), timeouts))
    for timeout, found in zip(timeouts, results, strict=True):
        if timeout < 1:
            assert [d.rule for d in found] == ["invalid-value"]
            assert f"'{timeout}' is not a whole number" in found[0].message
        else:
            assert found == []


# -- <Refer><Sip>: a SIP URI as text, nothing else (every Twilio SDK builds it so) -----------


def test_refer_sip_needs_its_uri() -> None:
    found = only(validate("<Response>\n  <Refer>\n    <Sip/>\n  </Refer>\n</Response>"))
    assert (found.rule, found.line, found.column) == ("missing-text", 3, 5)
    assert found.message == "<Sip> is empty; it needs text content"


def test_refer_sip_takes_no_child_elements() -> None:
    found = only(
        validate("<Response><Refer><Sip>sip:alice@example.com<Uri>x</Uri></Sip></Refer></Response>")
    )
    assert (found.rule, found.column) == ("invalid-nesting", 44)
    assert found.message == "<Uri> is not allowed inside <Sip>; <Sip> takes no child elements"


def test_refer_sip_takes_no_attributes() -> None:
    twiml = '<Response><Refer><Sip username="a">sip:alice@example.com</Sip></Refer></Response>'
    found = only(validate(twiml))
    assert found.message == "<Sip> has no attribute 'username'; it takes no attributes"


def test_refer_sip_with_headers_in_its_uri_is_valid() -> None:
    uri = "sip:alice@example.com?X-AcctNumber=123456&amp;X-ReasonForCalling=billing"
    assert validate(f"<Response><Refer><Sip>{uri}</Sip></Refer></Response>") == []


# -- values in a form Twilio does not document: warnings, each with its own check -------------


def where(found: Diagnostic) -> tuple[str, Severity, int, int]:
    return (found.rule, found.severity, found.line, found.column)


@pytest.mark.parametrize(
    ("attributes", "words"),
    [
        ('method="post"', "<Dial> attribute method: 'post' is not in Twilio's case; write 'POST'"),
        ('hangupOnStar="True"', "'True' is not in Twilio's case; write 'true'"),
        ('record="Record-From-Answer"', "write 'record-from-answer'"),
        ('recordingStatusCallbackEvent="Completed absent"', "write 'completed absent'"),
    ],
)
def test_a_value_in_the_wrong_case_is_a_warning(attributes: str, words: str) -> None:
    found = only(validate(f"<Response>\n  <Dial {attributes}>+15551239876</Dial>\n</Response>"))
    assert where(found) == ("value-wrong-case", Severity.WARNING, 2, 9)
    assert words in found.message


def test_a_union_value_in_the_wrong_case_is_a_warning() -> None:
    found = only(validate('<Response><Gather speechTimeout="Auto"/></Response>'))
    assert where(found) == ("value-wrong-case", Severity.WARNING, 1, 19)
    assert found.message.endswith("write 'auto'")


@pytest.mark.parametrize(
    ("attribute", "value", "column"),
    [
        ("timeout", " 5", 9),  # an xs:integer: libxml2 accepts it
        ("method", "POST ", 9),  # an enumeration of xs:string: libxml2 does not
        ("action", " /next", 9),  # any text
        ("hangupOnStar", "&#10;true", 9),  # a character reference
        ("recordingStatusCallbackEvent", " completed  absent", 9),  # a list
    ],
)
def test_white_space_around_any_value_is_one_warning(
    attribute: str, value: str, column: int
) -> None:
    twiml = f'<Response>\n  <Dial {attribute}="{value}">+15551239876</Dial>\n</Response>'
    found = only(validate(twiml))
    assert where(found) == ("value-whitespace", Severity.WARNING, 2, column)
    assert "has white space around it" in found.message


def test_white_space_is_reported_on_unknown_attributes_too() -> None:
    found = validate('<Response><Say colour=" blue">Hi</Say></Response>')
    assert [d.rule for d in found] == ["unknown-attribute", "value-whitespace"]


def test_white_space_and_another_mistake_are_two_findings() -> None:
    found = validate(
        '<Response><Dial method=" post" timeout="soon ">+15551239876</Dial></Response>'
    )
    assert [(d.rule, d.column) for d in found] == [
        ("value-wrong-case", 17),
        ("value-whitespace", 17),
        ("invalid-value", 32),
        ("value-whitespace", 32),
    ]
    assert "'soon' is not a whole number" in found[2].message


@pytest.mark.parametrize(
    "twiml",
    [
        '<Response><Say>He said "hi" to me. </Say></Response>',
        "<Response><Say>It's 'fine' </Say><Pause length='2'/></Response>",
        '<Response><Dial recordingStatusCallbackEvent="completed  absent">+15551239876</Dial>'
        "</Response>",
        '<Response><Dial\n    timeout="5"\n    method="GET"\n>+15551239876</Dial></Response>',
    ],
)
def test_white_space_outside_values_is_fine(twiml: str) -> None:
    assert validate(twiml) == []


@pytest.mark.parametrize(("value", "whole"), [("5.0", "5"), ("30.00", "30"), ("10.", "10")])
def test_a_whole_number_written_as_a_decimal_is_a_warning(value: str, whole: str) -> None:
    found = only(validate(f'<Response>\n  <Gather timeout="{value}"/>\n</Response>'))
    assert where(found) == ("number-not-whole", Severity.WARNING, 2, 11)
    assert found.message == (
        f"<Gather> attribute timeout: {value!r} is written as a decimal; write {whole!r}"
    )


@pytest.mark.parametrize(
    "check",
    [checks.VALUE_WRONG_CASE, checks.VALUE_WHITESPACE, checks.NUMBER_NOT_WHOLE],
    ids=lambda c: c.rule,
)
def test_value_form_checks_fire_on_their_documented_example(check: Check) -> None:
    assert [(d.rule, d.severity) for d in validate(check.bad)] == [(check.rule, Severity.WARNING)]
    assert validate(check.good) == []
    assert len(check.doc.split()) >= 20


def test_white_space_in_a_value_and_in_an_empty_element_together() -> None:
    # libxml2 rejects both; neither is an error once the walk has looked.
    twiml = '<Response><Hangup> </Hangup><Redirect method="GET ">/next</Redirect></Response>'
    found = only(validate(twiml))
    assert (found.rule, found.column) == ("value-whitespace", 39)


@pytest.mark.parametrize("root", ["amazon:effect", "amazon:domain"])
def test_an_element_the_schema_declares_globally_is_not_a_document(root: str) -> None:
    # The XSD declares these at the top level of amazon.xsd, which lets XML Schema accept
    # them as a root; TwiML does not.
    found = validate_all(f"<{root}>hello</{root}>")
    assert [(d.rule, d.line, d.column, d.end_column) for d in found] == [
        ("invalid-root", 1, 1, len(root) + 3)
    ]
    assert f"not <{root}>" in found[0].message


@pytest.mark.parametrize(
    ("root", "hint"),
    [
        ("Gathr", "; did you mean <Gather>, inside <Response>?"),
        ("Sya", "; did you mean <Say>, inside <Response>?"),
        ("dial", "; did you mean <Dial>, inside <Response>?"),
        ("Resp", "; did you mean <Response>?"),
        ("Responses", "; did you mean <Response>?"),
        ("Dial", "; wrap the verbs in <Response>"),
        ("root", "; wrap the verbs in <Response>"),
        ("project", "; wrap the verbs in <Response>"),
    ],
)
def test_invalid_root_tells_a_near_miss_of_any_twiml_name(root: str, hint: str) -> None:
    found = only(validate(f"<{root}><Pause/></{root}>"))
    assert found.rule == "invalid-root"
    assert found.message == f"the root element must be <Response>, not <{root}>{hint}"
    # Only <Response> is what a rename of the root mends.
    assert (found.fix is not None) is (hint == "; did you mean <Response>?")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("say", "Say"),
        ("Sya", "Say"),
        ("Gathr", "Gather"),
        ("Gatherr", "Gather"),
        ("Gahter", "Gather"),
        ("Redirct", "Redirect"),
        ("Resp", "Response"),
        ("Respnose", "Response"),
        ("Reponce", "Response"),  # two slips in a name of 8 letters
        ("Converstaion", "Conversation"),
        ("root", None),  # a letter changed in a short name makes another word
        ("rom", "Room"),
        ("project", None),
        ("coverage", None),
        ("svg", None),
        ("html", None),
        ("P", "p"),
        ("q", None),
        ("Re", None),
        ("Res", None),  # not half of it
        ("Conv", None),
        ("Diall", "Dial"),
    ],
)
def test_near_miss(typed: str, meant: str | None) -> None:
    names = ["Response", "Say", "Gather", "Redirect", "Room", "Dial", "Conversation", "p"]
    assert near_miss(typed, names) == meant


def test_invalid_root_names_a_namespaced_root_as_its_file_writes_it() -> None:
    pom = '<project xmlns="http://maven.apache.org/POM/4.0.0"><x/></project>'
    (found,) = validate(pom)
    assert found.rule == "invalid-root"
    assert "not <project>" in found.message and "{" not in found.message
    (prefixed,) = validate('<m:project xmlns:m="urn:example"/>')
    assert "not <m:project>" in prefixed.message
    (near,) = validate("<Respone><Say>Hi</Say></Respone>")
    assert near.message.endswith("did you mean <Response>?")
