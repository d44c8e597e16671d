"""Single-party call recording, written once: what each setting means and what is recorded.

Twilio records the inbound track (audio Twilio receives from the call), the outbound track
(audio Twilio generates or relays to the call), or both. Both tracks can share one channel
(mixed, mono) or take one channel each (dual). A single track is always recorded in one
channel: asking for two channels with one track is silently turned into mono. Choosing a track
does not switch recording on.

The TwiML rules and the REST linter (:mod:`twimlkit.rest`) both ask this module, so the facts
and the words that explain them are the same wherever a setting is written. The values come
from the schema; this module imports neither the rules nor the REST linter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, get_args

from .schema.model import model

if TYPE_CHECKING:
    from .recording_status import RecordingStatus as RecordingStatus

Track = Literal["inbound", "outbound"]
#: A recorded track as Twilio reports it: one side of the call, or both.
RecordedTrack = Literal[Track, "both"]


def _enumeration(type_name: str) -> tuple[str, ...]:
    # The values come from the schema, the single source of truth about TwiML.
    return model("voice").simple_types[type_name].enumeration


#: Every value a recording track takes: inbound, outbound, both.
TRACKS: tuple[str, ...] = _enumeration("RecordingTrack")
#: The tracks that are one side of the call; the remaining value records both.
SINGLE_TRACKS: tuple[Track, ...] = get_args(Track)
BOTH = "both"
#: Every channel layout: mono (one channel) and dual (one channel a track).
CHANNEL_LAYOUTS: tuple[str, ...] = _enumeration("RecordingChannels")
MONO, DUAL = "mono", "dual"

#: <Dial record> values that ask for two channels, each with its one-channel counterpart.
DUAL_RECORD_VALUES: Mapping[str, str] = MappingProxyType(
    {
        value: value.removesuffix(f"-{DUAL}")
        for value in _enumeration("DialRecord")
        if value.endswith(f"-{DUAL}")
    }
)
#: The <Dial record> value that turns recording on, when a fix has to pick one.
RECORD_FROM_ANSWER = "record-from-answer"
#: Record values that record nothing: <Dial record>'s default and the older false.
NO_RECORDING: tuple[str, ...] = ("do-not-record", "false")
if (
    set(TRACKS) != {*SINGLE_TRACKS, BOTH}
    or set(TRACKS) != set(get_args(RecordedTrack))
    or set(CHANNEL_LAYOUTS) != {MONO, DUAL}
    or not {RECORD_FROM_ANSWER, *NO_RECORDING, *DUAL_RECORD_VALUES.values()}
    <= {*_enumeration("DialRecord"), *_enumeration("Boolean")}
):  # pragma: no cover - the schema and this module must agree; the tests would fail first
    raise RuntimeError("schemas/ no longer has the recording values twimlkit.recording knows")

#: The elements whose recording track can be chosen, with the attribute that chooses it.
TRACK_ATTRIBUTES: Mapping[str, str] = MappingProxyType(
    {
        element: attribute
        for element, names in model("voice").attributes_of_type("RecordingTrack").items()
        for attribute in sorted(names)
    }
)
#: Recording elements that have no single-party recording (Twilio's documentation: "not yet
#: available in TwiML <Record> or <Conference>").
WITHOUT_SINGLE_PARTY: tuple[str, ...] = ("Record", "Conference")

#: The recording parameters of Twilio's REST API that twimlkit knows, with their values.
REST_PARAMETERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Record": _enumeration("Boolean"),
        "RecordingTrack": TRACKS,
        "RecordingChannels": CHANNEL_LAYOUTS,
    }
)


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


def outcome(track: str | None = None, channels: str | None = None) -> Outcome:
    """What is recorded for ``track`` (``recordingTrack``: inbound, outbound or both; ``None``
    when not given) and ``channels`` (``recordingChannels``: mono or dual; ``None`` when not
    given). Raises ``ValueError`` for any other value.

    >>> outcome("inbound", "dual")
    Outcome(tracks=('inbound',), channels=1, mixed=False, channels_ignored=True)
    """
    if track is not None and track not in TRACKS:
        raise ValueError(f"recording track {track!r} is not one of {', '.join(TRACKS)}")
    if channels is not None and channels not in CHANNEL_LAYOUTS:
        raise ValueError(
            f"recording channels {channels!r} is not one of {', '.join(CHANNEL_LAYOUTS)}"
        )
    for single in SINGLE_TRACKS:
        if track == single:
            return Outcome((single,), 1, mixed=False, channels_ignored=channels == DUAL)
    if channels == DUAL:
        return Outcome(SINGLE_TRACKS, 2, mixed=False)
    return Outcome(SINGLE_TRACKS, 1, mixed=True)


# -- what a setting means, in the words of the place it is written ---------------------------


@dataclass(frozen=True, slots=True)
class Setting:
    """One recording setting as its author wrote it: a TwiML attribute (``recordingTrack``)
    or a REST parameter (``recording_track``, ``recordingTrack``, ``RecordingTrack``).
    ``value`` is ``None`` when the setting is not given; ``name`` is then how the author would
    write it."""

    name: str
    value: object = None
    rest: bool = False

    def __str__(self) -> str:
        if self.rest:
            return f"{self.name}={self.value!r}"
        return f'{self.name}="{self.value}"'

    def set_to(self, value: object) -> Setting:
        """The same setting with another value: how to write a fix."""
        return replace(self, value=value)


def records(record: object) -> bool:
    """Whether a record value (TwiML ``record``, REST ``Record`` as a bool) records at all."""
    if record is None or record is False:
        return False
    return not (isinstance(record, str) and record in NO_RECORDING)


def track_without_record(track: Setting, record: Setting) -> str | None:
    """Why choosing ``track`` records nothing with ``record``, or ``None`` when it records
    (or when the track is not a valid one: that is for the value check to say)."""
    if track.value not in TRACKS or records(record.value):
        return None
    if record.value is None:
        default = "false" if record.rest else NO_RECORDING[0]
        why = f"{record.name} is not set, and it defaults to {default}"
    else:
        why = f"{record} records nothing"
    turn_on = record.set_to(True if record.rest else RECORD_FROM_ANSWER)
    return f"{track} chooses a track, but nothing is recorded: {why}; set {turn_on}"


def asks_for_two_channels(channels: object) -> bool:
    """Whether a channel layout (``dual``) or a <Dial record> value (``...-dual``) asks for
    one channel a track."""
    return channels == DUAL or channels in DUAL_RECORD_VALUES


def channels_ignored(channels: Setting, track: Setting) -> str | None:
    """Why two channels asked for by ``channels`` (a channel layout, or a <Dial record> value
    ending in -dual) come out as one with ``track``, or ``None`` when they do not."""
    if not asks_for_two_channels(channels.value) or track.value not in TRACKS:
        return None
    if not outcome(str(track.value), DUAL).channels_ignored:
        return None
    one_channel = channels.set_to(DUAL_RECORD_VALUES.get(str(channels.value), MONO))
    return (
        f"{channels} asks for two channels, but {track} records one track, which is always "
        f"recorded in one channel; use {one_channel}, or {track.set_to(BOTH)} for two channels"
    )


def track_unsupported(element: str, *, joins_conference: bool = False) -> str | None:
    """Why a recording track chosen on ``element`` (a TwiML element name) does nothing, or
    ``None`` when it works there. ``joins_conference``: a <Dial> that holds a <Conference>."""
    if element in WITHOUT_SINGLE_PARTY:
        where = ", ".join(f"<{name} {attribute}>" for name, attribute in TRACK_ATTRIBUTES.items())
        return (
            f"<{element}> has no single-party recording: a track can be chosen only with "
            f"{where} and in the REST API; remove it"
        )
    if joins_conference:
        return (
            f"this <{element}> joins a <Conference>, whose recordings hold every participant: "
            "the recording track does not apply; record the call's own leg without the "
            "conference, or remove the track"
        )
    return None


# -- what Twilio reports: the recording status callback ---------------------------------------
# RecordingStatus lives in twimlkit.recording_status, imported when first asked for here: a web
# app reads callbacks, a lint never does, and defining it is a measurable part of a one-file
# lint's start-up.


def __getattr__(name: str) -> object:
    if name == "RecordingStatus":
        from .recording_status import RecordingStatus

        return RecordingStatus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
