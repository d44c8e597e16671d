"""A recording track is asked for where single-party recording does not exist.

Twilio records a single side of a call only for <Dial> (and the REST API's call, recording
and participant requests). <Record> and <Conference> have no recordingTrack: Twilio reports
the attribute as unknown and records everything. A <Dial> that joins a <Conference> makes a
conference recording, which holds every participant, so its recordingTrack is ignored too.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK202"
SLUG = "recording-track-unsupported"
SEVERITY = "error"
SUMMARY = "recordingTrack on <Record>, <Conference>, or a <Dial> into a conference."
TWILIO_ERROR = "12200 (schema validation warning) for the attribute on <Record> and <Conference>."
# The schema check also reports the attribute on <Record> and <Conference> as unknown; this
# rule's diagnostic, which says why, takes its place.
REPLACES = ("unknown-attribute",)
BAD = """
    <Response>
      <Record recordingTrack="inbound" maxLength="60"/>
    </Response>
"""
GOOD = """
    <Response>
      <Record maxLength="60"/>
    </Response>
"""


ELEMENTS = ("Record", "Conference", "Dial")


TRIGGER = "recordingTrack"


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    if element.get("recordingTrack") is None:
        return
    if element.tag != "Dial":
        yield Finding(
            element,
            f"<{element.tag}> has no single-party recording: recordingTrack works only on "
            "<Dial> and in the REST API; remove it",
            attribute="recordingTrack",
        )
    elif next(iter(element.iter("Conference")), None) is not None:
        yield Finding(
            element,
            "this <Dial> joins a <Conference>, whose recordings hold every participant: "
            "recordingTrack does not apply; record the call's own leg without the "
            "conference, or remove recordingTrack",
            attribute="recordingTrack",
        )
