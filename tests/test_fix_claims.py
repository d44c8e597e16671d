"""Every check says truly whether its findings can be fixed, and how safely: a check that
says it has no fix never offers one, one that says "yes" offers one on every finding, and each
fix is of a safety its documentation names. Each claim is shown by a fix in the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import conformance_documents

from twimlkit import registry, validate
from twimlkit.diagnostic import Applicability, Fixable
from twimlkit.document import Lines


@pytest.mark.parametrize("path", conformance_documents(), ids=lambda p: p.name)
def test_no_fix_is_offered_on_a_published_example(path: Path) -> None:
    assert all(d.fix is None for d in validate(path))


def _replaced(document: str, unsafe: bool = False) -> list[tuple[str, str]]:
    """What each fix of ``document``'s findings replaces, and with what."""
    lines = Lines(document)
    pairs = []
    for diagnostic in validate(document):
        if diagnostic.fix is not None and (unsafe or diagnostic.fix.safe):
            for edit in diagnostic.fix.edits:
                start = lines.offset(edit.line, edit.column)
                end = lines.offset(edit.end_line, edit.end_column)
                pairs.append((document[start:end], edit.replacement))
    return pairs


def test_a_fix_replaces_only_what_it_mends() -> None:
    assert _replaced('<Response><Dial method = "post" >+15551239876</Dial></Response>') == [
        ("post", "POST")
    ]
    assert _replaced("<Response><Dial timeout=' 5.0 '>+15551239876</Dial></Response>") == [
        (" 5.0 ", "5.0"),
        ("5.0", "5"),
    ]
    assert _replaced(
        '<Response><Sya>Hi</Sya><Dial timout="5" recordingTrack="inbund">+15551239876'
        "</Dial></Response>",
        unsafe=True,
    ) == [("Sya", "Say"), ("Sya", "Say"), ("timout", "timeout"), ("inbund", "inbound")]
    assert _replaced('<Response><Dial method="p&#79;st">+15551239876</Dial></Response>') == [
        ("p&#79;st", "POST")
    ]
    assert _replaced(
        "<Response><Dial recordingTrack='inbound'>+15551239876</Dial></Response>", unsafe=True
    ) == [("", "record='record-from-answer' ")]
    assert _replaced(
        '<Response><Record\n  recordingTrack="inbound"\n  maxLength="60"/></Response>'
    ) == [('\n  recordingTrack="inbound"', "")]


def test_a_rename_to_an_attribute_already_there_is_not_offered() -> None:
    document = '<Response><Dial timout="5" timeout="5">+15551239876</Dial></Response>'
    (finding,) = validate(document)
    assert finding.rule == "unknown-attribute" and finding.fix is None


def corpus() -> list[str]:
    """Documents with every kind of finding: each check's own example, and more."""
    documents = [check.bad for check in registry.ALL if check.bad]
    documents += [
        '<Response><Dial statusCallbackEvent="initiated,ringing" statusCallback="/s">'
        '<Number statusCallbackEvent="initiated, ringing" statusCallback="/s">+15551239876'
        "</Number></Dial></Response>",
        '<Response><Dial recordingTrack="Inbound" method="GeT" timeout="5.00">'
        "+15551239876</Dial></Response>",
        '<Response><Dial method="  post "><Numbr>+15551239876</Numbr></Dial></Response>',
        "<Respone><Say>Hi</Say></Respone>",
        '<Response><Say>{{ "a" & "b" }}</Say></Response>',
        "<response><Say>Hi</Say></response>",
        "<Response><Gather><Sya>Press 1</Sya><Hangup/></Gather></Response>",
        '<Response><Say voice="alice" lang="en-US" loup="2">Hi</Say><say>x</say></Response>',
        '<Response><Dial record="record-from-ringing-dual" recordingTrack="outbound">'
        "+15551239876</Dial></Response>",
        '<Response><Start><Recording channels="dual" track="inbound"/></Start><Say>x</Say>'
        "</Response>",
        "<Response><Message><Body>x</Body><Media>a</Media></Message><Say>x</Say></Response>",
        '<Response><Dial record="record-from-answer-dual" recordingTrack="inbound">'
        "<Conference>room</Conference></Dial></Response>",
        '<Response><Connect><Stream name=" my stream " url="wss://example.com/s">'
        '<Parameter name="k" value=" padded "/></Stream></Connect></Response>',
    ]
    return documents


def test_every_check_says_truly_whether_and_how_it_can_be_fixed() -> None:
    seen: dict[str, set[Applicability]] = {}
    for document in corpus():
        for diagnostic in validate(document):
            check = registry.find(diagnostic.code)
            assert check is not None
            fixable = check.fixable
            if diagnostic.fix is None:
                assert fixable is None or not fixable.always, (
                    f"{check.rule} says every finding has a fix: {diagnostic.message}"
                )
                continue
            assert fixable is not None, f"{check.rule} says it has no fix"
            assert fixable.allows(diagnostic.fix.applicability), (
                f"{check.rule} does not say its fixes may be {diagnostic.fix.applicability}"
            )
            seen.setdefault(check.rule, set()).add(diagnostic.fix.applicability)
    for check in registry.ALL:
        if check.fixable is not None:  # each claim is shown by a fix in the corpus
            claimed = {a for a in Applicability if check.fixable.allows(a)}
            assert seen.get(check.rule) == claimed, check.rule
    assert set(seen) >= {"value-wrong-case", "dual-channel-ignored", "unknown-attribute"}


def test_the_documentation_says_how_safely_a_check_can_be_fixed() -> None:
    def doc(name: str) -> str:
        check = registry.find(name)
        assert check is not None
        return check.documentation()

    assert "\nFix available: yes, safe: writes the value in Twilio's case" in doc(
        "value-wrong-case"
    )
    assert "\nFix available: sometimes, unsafe: renames the attribute" in doc("unknown-attribute")
    assert "\nFix available: sometimes: safe when an attribute's list" in doc("invalid-value")
    assert "\nFix available: sometimes, safe: asks for the one channel" in doc(
        "dual-channel-ignored"
    )
    assert "\nFix available: no\n" in doc("empty-say") + "\n"
    with pytest.raises(ValueError, match="says what"):
        Fixable()
    with pytest.raises(ValueError, match="sometimes"):
        Fixable(safe="a", unsafe="b")
