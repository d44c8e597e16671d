"""A recording track is chosen on a <Dial> that records nothing.

Single-party recording picks which audio a recording keeps, but it does not switch recording
on. <Dial record> defaults to do-not-record, so a recordingTrack without a record value (or
with record="do-not-record") produces no recording at all: the track choice is silently
ignored, and the recording the author expected never arrives.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

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


# record left out, or a value that means no recording (false is the older spelling).
_NO_RECORDING = (None, "do-not-record", "false")


ELEMENTS = ("Dial",)


TRIGGER = "recordingTrack"


def check(context: Context, dial: etree._Element) -> Iterator[Finding]:
    track = dial.get("recordingTrack")
    record = dial.get("record")
    # An invalid track is the schema check's to report; this rule is about valid ones.
    if track not in ("inbound", "outbound", "both") or record not in _NO_RECORDING:
        return
    why = (
        "record is not set and defaults to do-not-record"
        if record is None
        else f'record="{record}"'
    )
    yield Finding(
        dial,
        f'<Dial> chooses recordingTrack="{track}" but records nothing ({why}); '
        'add record="record-from-answer" or another record value',
        attribute="recordingTrack",
    )
