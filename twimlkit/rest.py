"""The REST side of single-party recording: lint the parameters of a call, recording or
participant request before it is sent.

Parameters may be written as twilio-python takes them (``record=True``,
``recording_track="inbound"``), as twilio-node does (``recordingTrack``), or as the REST API
names them (``Record``, ``RecordingTrack``, ``RecordingChannels``). Inline TwiML (``twiml``)
is checked like any TwiML document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace

from . import checks, registry
from .diagnostic import Check, Diagnostic
from .recording import outcome
from .schema import did_you_mean, model
from .validate import validate

#: The endpoints twimlkit knows, with the recording parameters each one takes.
ENDPOINTS: dict[str, frozenset[str]] = {
    "calls.create": frozenset({"Record", "RecordingTrack", "RecordingChannels", "Twiml"}),
    "calls.recordings.create": frozenset({"RecordingTrack", "RecordingChannels"}),
    "conferences.participants.create": frozenset({"Record", "RecordingTrack", "RecordingChannels"}),
}


def _rest_name(name: str) -> str:
    """``recording_track``, ``recordingTrack`` and ``RecordingTrack`` all become
    ``RecordingTrack``."""
    if "_" in name:
        return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)
    return name[:1].upper() + name[1:]


def _as_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def lint(endpoint: str, params: Mapping[str, object]) -> list[Diagnostic]:
    """Diagnostics for one request to ``endpoint`` (``"calls.create"``,
    ``"calls.recordings.create"`` or ``"conferences.participants.create"``) with ``params``.

    Each diagnostic's ``path`` is the endpoint and its message names the parameter; line and
    column are 1. Raises ``ValueError`` for an endpoint twimlkit does not know.
    """
    if endpoint not in ENDPOINTS:
        raise ValueError(f"unknown endpoint {endpoint!r}; known: {', '.join(ENDPOINTS)}")
    given = {_rest_name(name): (name, value) for name, value in params.items()}
    return list(_check(endpoint, given))


def _check(endpoint: str, given: dict[str, tuple[str, object]]) -> Iterator[Diagnostic]:
    voice = model("voice")
    tracks = voice.simple_types["RecordingTrack"].enumeration
    layouts = voice.simple_types["RecordingChannels"].enumeration

    def at(check: Check, message: str) -> Diagnostic:
        return check.at(endpoint, 1, 1, message)

    record_name, record_value = given.get("Record", ("Record", None))
    track_name, track = given.get("RecordingTrack", ("RecordingTrack", None))
    channels_name, channels = given.get("RecordingChannels", ("RecordingChannels", None))
    record = _as_bool(record_value) if "Record" in given else None
    valid_record = "Record" not in given or record is not None
    if not valid_record:
        yield at(checks.INVALID_VALUE, f"{record_name}={record_value!r} is not true or false")
    for name, value, allowed in ((track_name, track, tracks), (channels_name, channels, layouts)):
        if value is not None and value not in allowed:
            yield at(
                checks.INVALID_VALUE,
                f"{name}={value!r} is not one of {', '.join(allowed)}"
                + did_you_mean(str(value), allowed),
            )
    valid_track = track is None or track in tracks
    valid_channels = channels is None or channels in layouts
    takes = ENDPOINTS[endpoint]
    for rest_name, (name, _) in given.items():
        if rest_name in {"Record", "RecordingTrack", "RecordingChannels"} - takes:
            yield at(checks.UNKNOWN_ATTRIBUTE, f"{endpoint} takes no {name} parameter")
    if track is not None and valid_track and valid_record and "Record" in takes and not record:
        record_spelled = _spelling(str(track_name), "Record")
        why = f"{record_spelled} is not set" if "Record" not in given else f"{record_name} is false"
        yield at(
            _rule("recording-track-without-record"),
            f"{track_name}={track!r} chooses a track but nothing is recorded: {why} (it defaults "
            f"to false); pass {record_spelled}=True",
        )
    both_given = channels is not None and track is not None
    if (
        valid_track
        and valid_channels
        and both_given
        and outcome(str(track), str(channels)).channels_ignored
    ):
        yield at(
            _rule("dual-channel-ignored"),
            f"{channels_name}={channels!r} with {track_name}={track!r}: a single track is "
            "always recorded in one channel",
        )
    twiml_name, twiml = given.get("Twiml", ("Twiml", None))
    if isinstance(twiml, str) and "Twiml" in takes:
        for diagnostic in validate(twiml, kind="voice"):
            yield replace(diagnostic, path=f"{endpoint}({twiml_name})")


def _rule(slug: str) -> Check:
    check = registry.find(slug)
    assert check is not None, slug
    return check


def _spelling(example: str, rest_name: str) -> str:
    """``rest_name`` written the way the caller wrote ``example``."""
    if "_" in example or example.islower():
        return re.sub(r"(?<!^)([A-Z])", r"_\1", rest_name).lower()
    if example[:1].islower():
        return rest_name[:1].lower() + rest_name[1:]
    return rest_name
