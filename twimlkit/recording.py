"""What a recording will actually capture: Twilio's single-party recording outcome table.

Twilio records the inbound track (audio Twilio receives from the call), the outbound track
(audio Twilio generates or relays to the call), or both. Both tracks can share one channel
(mixed, mono) or take one channel each (dual). A single track is always recorded in one
channel: asking for two channels with one track is silently turned into mono.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .schema.model import model

Track = Literal["inbound", "outbound"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """The recording Twilio makes for a requested track and channel layout."""

    #: The tracks in the recording, inbound before outbound.
    tracks: tuple[Track, ...]
    #: How many channels the recording file has: 1 (mono) or 2 (dual).
    channels: Literal[1, 2]
    #: True when both tracks are mixed together into one channel.
    mixed: bool
    #: True when two channels were asked for but Twilio records one: a single track is mono.
    channels_ignored: bool = False


def _allowed(type_name: str) -> tuple[str, ...]:
    # The values come from the schema, the single source of truth about TwiML.
    return model("voice").simple_types[type_name].enumeration


def outcome(track: str | None = None, channels: str | None = None) -> Outcome:
    """What is recorded for ``track`` (``recordingTrack``: inbound, outbound or both; ``None``
    when not given) and ``channels`` (``recordingChannels``: mono or dual; ``None`` when not
    given). Raises ``ValueError`` for any other value.

    >>> outcome("inbound", "dual")
    Outcome(tracks=('inbound',), channels=1, mixed=False, channels_ignored=True)
    """
    tracks, layouts = _allowed("RecordingTrack"), _allowed("RecordingChannels")
    if track is not None and track not in tracks:
        raise ValueError(f"recording track {track!r} is not one of {', '.join(tracks)}")
    if channels is not None and channels not in layouts:
        raise ValueError(f"recording channels {channels!r} is not one of {', '.join(layouts)}")
    if track in ("inbound", "outbound"):
        single: Track = "inbound" if track == "inbound" else "outbound"
        return Outcome((single,), 1, mixed=False, channels_ignored=channels == "dual")
    if channels == "dual":
        return Outcome(("inbound", "outbound"), 2, mixed=False)
    return Outcome(("inbound", "outbound"), 1, mixed=True)
