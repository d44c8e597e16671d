"""Two channels are requested together with a single track.

A recording of one track (inbound or outbound) always has one channel. When two channels are
requested as well (record="record-from-answer-dual" on <Dial>, channels="dual" on
<Start><Recording>), Twilio silently records mono: whoever expects a two-channel file, for
example to separate speakers, gets one channel.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..recording import outcome
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

_TRACKS = ("inbound", "outbound", "both")


ELEMENTS = ("Dial", "Recording")


TRIGGER = "dual"


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    if element.tag == "Dial":
        record, track = element.get("record") or "", element.get("recordingTrack")
        if (
            track in _TRACKS
            and record.endswith("-dual")
            and outcome(track, "dual").channels_ignored
        ):
            yield Finding(
                element,
                f'record="{record}" asks for two channels, but recordingTrack="{track}" records '
                f'one track, always in one channel; use record="{record[:-5]}", or '
                'recordingTrack="both" for two channels',
                attribute="record",
            )
        return
    channels, track = element.get("channels"), element.get("track")
    if channels == "dual" and track in _TRACKS and outcome(track, channels).channels_ignored:
        yield Finding(
            element,
            f'channels="dual" with track="{track}" records one channel; use '
            'channels="mono", or track="both" for two channels',
            attribute="channels",
        )
