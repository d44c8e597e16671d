"""What Twilio posts to a ``recordingStatusCallback`` URL, read and checked
(:class:`RecordingStatus`, also importable from :mod:`twimlkit.recording`, whose facts it uses).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, TypeGuard

from .recording import TRACKS, RecordedTrack

if TYPE_CHECKING:
    from datetime import datetime

_HEX32 = "[0-9a-fA-F]{32}"
_DIGITS = re.compile("[0-9]{1,10}")
_URL = re.compile(r"https?://[^\s/?#]+\S*")
_CHANNEL_COUNTS: Mapping[int | None, Literal[1, 2]] = MappingProxyType({1: 1, 2: 2})


def _is_recorded_track(value: str) -> TypeGuard[RecordedTrack]:
    return value in TRACKS


def _shown(value: str) -> str:
    """A form value as a message shows it: quoted, escaped, and not too long."""
    return repr(value if len(value) <= 60 else value[:57] + "...")


class _Form:
    """Reads a callback's form, one field at a time, naming the field in every refusal."""

    def __init__(self, form: Mapping[str, str]) -> None:
        self.form = form

    def text(self, key: str) -> str:
        value = self.form.get(key)
        if not value:
            raise ValueError(f"recording status callback: {key} is missing")
        return value

    def optional(self, key: str) -> str | None:
        # Twilio leaves some parameters empty rather than out; both mean "not given".
        return self.form.get(key) or None

    def sid(self, key: str, prefix: str, value: str) -> str:
        if not re.fullmatch(prefix + _HEX32, value):
            raise ValueError(
                f"recording status callback: {key} {_shown(value)} is not a SID "
                f"({prefix} and 32 hexadecimal digits)"
            )
        return value

    def optional_sid(self, key: str, prefix: str) -> str | None:
        value = self.optional(key)
        return None if value is None else self.sid(key, prefix, value)

    def number(self, key: str, value: str | None) -> int | None:
        if value is not None and not _DIGITS.fullmatch(value):
            raise ValueError(
                f"recording status callback: {key} {_shown(value)} is not a whole number"
            )
        return None if value is None else int(value)


@dataclass(frozen=True, slots=True)
class RecordingStatus:
    """What Twilio posts to a ``recordingStatusCallback`` URL, typed and checked.

    Read it with :meth:`from_form`. The structure is checked strictly: SIDs have their
    prefix and 32 hexadecimal digits, numbers are whole numbers, the start time is an RFC
    2822 date. The value lists that Twilio extends are kept as they come: ``status`` (known:
    in-progress, completed, absent, failed) and ``source`` (known: DialVerb, RecordVerb,
    Conference, OutboundAPI, Trunking, StartCallRecordingAPI, StartConferenceRecordingAPI,
    StartCallRecordingTwiML) are any text.
    """

    #: The account: ``AC`` and 32 hexadecimal digits.
    account_sid: str
    #: The recording: ``RE`` and 32 hexadecimal digits.
    recording_sid: str
    #: Where the recording is, without an extension (append ``.mp3`` or ``.wav``).
    recording_url: str
    #: ``in-progress``, ``completed``, ``absent`` or ``failed``; a newer value as it comes.
    status: str
    #: How many channels the recording file has: 1, or 2 (one a track).
    channels: Literal[1, 2]
    #: What made the recording (``DialVerb``, ``RecordVerb``, ...), as it comes.
    source: str
    #: When the recording started, with its time zone (UTC when Twilio gives ``-0000``).
    start_time: datetime
    #: The call: always the parent leg of a two-leg call. ``None`` for a conference's
    #: recording that names no call (it has ``conference_sid``).
    call_sid: str | None = None
    #: The conference whose recording this is, or ``None``.
    conference_sid: str | None = None
    #: The track recorded: ``inbound``, ``outbound`` or ``both``; ``None`` when Twilio did not
    #: say (the ``<Dial>``, ``<Record>`` and ``<Conference>`` pages do not list it).
    track: RecordedTrack | None = None
    #: How long the recording is, in seconds; Twilio gives it when the status is completed.
    duration: int | None = None
    #: Twilio's error code: 0 on success, 16101 or 16102 for an absent recording, ...;
    #: ``None`` when not given.
    error_code: int | None = None

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> RecordingStatus:
        """The callback whose form parameters are ``form`` (``request.form`` in Flask: any
        mapping of names to text). Parameters twimlkit does not read are ignored; an empty
        one is taken as not given.

        Raises :class:`ValueError` naming the parameter when one that is always sent is
        missing (``AccountSid``, ``RecordingSid``, ``RecordingUrl``, ``RecordingStatus``,
        ``RecordingChannels``, ``RecordingStartTime``, ``RecordingSource``, and ``CallSid``
        unless there is a ``ConferenceSid``), or when a value is malformed: a SID without
        its prefix and 32 hexadecimal digits, a number that is not a whole number, channels
        other than 1 or 2, a start time that is not an RFC 2822 date, a URL that is not
        http(s), or a ``RecordingTrack`` other than inbound, outbound or both. A track is a
        fact about what the file holds, from a list the schema closes, so an unknown one is
        refused rather than guessed at.
        """
        read = _Form(form)
        url = read.text("RecordingUrl")
        if not _URL.fullmatch(url):
            raise ValueError(f"recording status callback: RecordingUrl {_shown(url)} is not a URL")
        count = read.number("RecordingChannels", read.text("RecordingChannels"))
        channels = _CHANNEL_COUNTS.get(count)
        if channels is None:
            raise ValueError(f"recording status callback: RecordingChannels {count} is not 1 or 2")
        track = read.optional("RecordingTrack")
        if track is not None and not _is_recorded_track(track):
            raise ValueError(
                f"recording status callback: RecordingTrack {_shown(track)} is not one of "
                f"{', '.join(TRACKS)}"
            )
        conference_sid = read.optional_sid("ConferenceSid", "CF")
        call_sid = read.optional_sid("CallSid", "CA")
        if call_sid is None and conference_sid is None:
            read.text("CallSid")  # raises: one of the two is always sent
        return cls(
            account_sid=read.sid("AccountSid", "AC", read.text("AccountSid")),
            recording_sid=read.sid("RecordingSid", "RE", read.text("RecordingSid")),
            recording_url=url,
            status=read.text("RecordingStatus"),
            channels=channels,
            source=read.text("RecordingSource"),
            start_time=_start_time(read.text("RecordingStartTime")),
            call_sid=call_sid,
            conference_sid=conference_sid,
            track=track,
            duration=read.number("RecordingDuration", read.optional("RecordingDuration")),
            error_code=read.number("ErrorCode", read.optional("ErrorCode")),
        )


def _start_time(value: str) -> datetime:
    # Imported here: reading a callback needs them, linting TwiML does not.
    from datetime import timezone
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):  # Python 3.10 raises TypeError for some malformed dates
        raise ValueError(
            f"recording status callback: RecordingStartTime {_shown(value)} is not an RFC 2822 date"
        ) from None
    # RFC 2822's -0000 zone means "UTC, local zone unknown"; Python reads it as naive.
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)
