"""Twilio's own published TwiML examples are valid TwiML: twimlkit must accept every one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONFORMANCE, EXAMPLES, conformance_documents

from twimlkit import Severity, validate
from twimlkit.document import read_document
from twimlkit.schema import detect_kind

DOCUMENTS = conformance_documents()


def test_the_whole_corpus_is_there() -> None:
    if not DOCUMENTS:
        pytest.skip(f"conformance corpus not found at {CONFORMANCE}")
    assert len(DOCUMENTS) == 194


# Twilio's examples are valid TwiML, but a few of them have real flaws that twimlkit's rules
# name, each at warning severity. Every one was read and is listed here with its reason:
# - start-last-verb: the snippet's <Start> is the last verb, so the call ends at once;
# - deprecated-verb: <Sms>, which Twilio has deprecated;
# - url-without-scheme: recordingStatusCallback="www.myexample.com", a relative path;
# - unreachable-verb: dial-3 shows a <Say> after a <Dial action>, which never runs;
# - retired-element: <Autopilot>, which Twilio shut down in 2023.
EXPECTED_WARNINGS: dict[str, list[tuple[int, str]]] = {
    "quickstart/ruby/sms/example-7/output/send-sms-during-call.twiml": [(6, "deprecated-verb")],
    "twiml/voice/conference/conference-10/output/conference-10.twiml": [(5, "url-without-scheme")],
    "twiml/voice/connect/autopilot/output/connect_autopilot.twiml": [(4, "retired-element")],
    "twiml/voice/dial/dial-3/output/dial-3.twiml": [(7, "unreachable-verb")],
    "twiml/voice/dial/dial-5/output/dial-5.twiml": [(4, "url-without-scheme")],
    "twiml/voice/dial/dial-6/output/dial-6.twiml": [(4, "url-without-scheme")],
    "twiml/voice/siprec/siprec-1/output/siprec-1.twiml": [(3, "start-last-verb")],
    "twiml/voice/sms/sms-1/output/sms-1.twiml": [(3, "deprecated-verb")],
    "twiml/voice/sms/sms-2/output/sms-2.twiml": [(5, "deprecated-verb")],
    "twiml/voice/sms/sms-3/output/sms-3.twiml": [(5, "deprecated-verb")],
    "twiml/voice/sms/sms-4/output/sms-4.twiml": [(5, "deprecated-verb")],
    "twiml/voice/stream/stream-2/output/stream-2.twiml": [(3, "start-last-verb")],
    "twiml/voice/transcription/transcription-basic-usage/output/transcription-basic-usage.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-enableautomaticpunctuation/output/transcription-enableautomaticpunctuation.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-hints/output/transcription-hints.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-hints-tokens/output/transcription-hints-tokens.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-inboundtracklabel-outboundtracklabel/output/transcription-inboundtracklabel-outboundtracklabel.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-languagecode/output/transcription-languagecode.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-name/output/transcription-name.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-partialresults/output/transcription-partialresults.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-profanityfilter/output/transcription-profanityfilter.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-speechmodel/output/transcription-speechmodel.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-track/output/transcription-track.twiml": [
        (3, "start-last-verb")
    ],
    "twiml/voice/transcription/transcription-transcriptionengine/output/transcription-transcriptionengine.twiml": [
        (3, "start-last-verb")
    ],
}


@pytest.mark.parametrize(
    "document", DOCUMENTS, ids=[str(p.relative_to(CONFORMANCE)) for p in DOCUMENTS]
)
def test_twilio_example_is_accepted(document: Path) -> None:
    found = validate(document)
    assert [d for d in found if d.severity is Severity.ERROR] == []
    expected = EXPECTED_WARNINGS.get(str(document.relative_to(CONFORMANCE)), [])
    assert [(d.line, d.rule) for d in found] == expected


def test_expected_warnings_name_real_documents() -> None:
    if not DOCUMENTS:
        pytest.skip("conformance corpus not found")
    names = {str(p.relative_to(CONFORMANCE)) for p in DOCUMENTS}
    assert set(EXPECTED_WARNINGS) <= names


def test_corpus_covers_both_kinds() -> None:
    if not DOCUMENTS:
        pytest.skip("conformance corpus not found")
    kinds = {detect_kind(read_document(document).root) for document in DOCUMENTS}
    assert kinds == {"voice", "messaging"}


@pytest.mark.parametrize("example", sorted(EXAMPLES.rglob("*.xml")), ids=lambda p: p.name)
def test_project_examples_are_valid(example: Path) -> None:
    assert validate(example) == []
