"""Two channels are requested together with a single track.

A recording of one track (inbound or outbound) always has one channel. When two channels are
requested as well (record="record-from-answer-dual" on <Dial>, channels="dual" on
<Start><Recording>), Twilio silently records mono: whoever expects a two-channel file, for
example to separate speakers, gets one channel.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..diagnostic import Fixable
from ..edits import set_value
from ..recording import DUAL_RECORD_VALUES, MONO, TRACK_ATTRIBUTES, Setting, channels_ignored
from ._base import Context, Finding

CODE = "TK203"
SLUG = "dual-channel-ignored"
SEVERITY = "warning"
SUMMARY = "Dual channels with a single recording track: the recording is mono."
TWILIO_ERROR = "none: Twilio records a single channel."
BAD = """
    <Response>
      <Dial record="record-from-answer-dual" recordingTrack="inbound">
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

ELEMENTS = tuple(TRACK_ATTRIBUTES)
ATTRIBUTES = ("record", "channels")  # the elements it looks at have one of these


TRIGGER = "dual"
FIXABLE = Fixable(
    safe="asks for the one channel that is recorded anyway (record-from-answer for "
    'record-from-answer-dual, channels="mono" for channels="dual"): the recording stays the '
    "same. Not offered on a <Dial> that joins a <Conference>, whose recording holds every "
    "participant (recording-track-unsupported)",
    always=False,
)


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    track_attribute = TRACK_ATTRIBUTES[element.tag]
    # <Dial> asks for two channels in its record value; <Recording> in its channels.
    channels_attribute = "record" if element.tag == "Dial" else "channels"
    why = channels_ignored(
        Setting(channels_attribute, context.value(element, channels_attribute)),
        Setting(track_attribute, context.value(element, track_attribute)),
    )
    if why is not None and next(iter(element.iter("Conference")), None) is not None:
        yield Finding(element, why, attribute=channels_attribute)
    elif why is not None:
        asked = str(context.value(element, channels_attribute))
        one_channel = DUAL_RECORD_VALUES.get(asked, MONO)
        yield Finding(
            element,
            why,
            attribute=channels_attribute,
            fix=lambda document: set_value(
                document, element, channels_attribute, one_channel, f"write {one_channel!r}"
            ),
        )
