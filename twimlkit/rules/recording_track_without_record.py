"""A recording track is chosen on a <Dial> that records nothing.

Single-party recording picks which audio a recording keeps, but it does not switch recording
on. <Dial record> defaults to do-not-record, so a recordingTrack without a record value (or
with record="do-not-record") produces no recording at all: the track choice is silently
ignored, and the recording the author expected never arrives.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..diagnostic import Applicability, Fix, Fixable
from ..document import Document
from ..edits import add_attribute, set_value
from ..recording import RECORD_FROM_ANSWER, TRACK_ATTRIBUTES, Setting, track_without_record
from ._base import Context, Finding

CODE = "TK201"
SLUG = "recording-track-without-record"
SEVERITY = "warning"
SUMMARY = "recordingTrack is set on a <Dial> that does not record."
TWILIO_ERROR = "none: Twilio ignores recordingTrack and makes no recording."
BAD = """
    <Response>
      <Dial recordingTrack="inbound">
        <Number>+15551239876</Number>
      </Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial record="record-from-answer" recordingTrack="inbound">
        <Number>+15551239876</Number>
      </Dial>
    </Response>
"""


ELEMENTS = ("Dial",)
ATTRIBUTES = ("recordingTrack",)  # the elements it looks at have one of these


TRIGGER = "recordingTrack"
FIXABLE = Fixable(
    unsafe=f'sets record="{RECORD_FROM_ANSWER}" (before the track when record is not '
    "written): the call is then recorded, as the track suggests was meant"
)


def check(context: Context, dial: etree._Element) -> Iterator[Finding]:
    track = TRACK_ATTRIBUTES[dial.tag]
    why = track_without_record(
        Setting(track, context.value(dial, track)),
        Setting("record", context.value(dial, "record")),
    )
    if why is not None:

        def turn_on(document: Document) -> Fix | None:
            description = f'set record="{RECORD_FROM_ANSWER}"'
            if dial.get("record") is None:
                return add_attribute(
                    document, dial, track, "record", RECORD_FROM_ANSWER, description
                )
            return set_value(
                document, dial, "record", RECORD_FROM_ANSWER, description, Applicability.UNSAFE
            )

        yield Finding(dial, why, attribute=track, fix=turn_on)
