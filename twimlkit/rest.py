"""The REST side of single-party recording: lint the parameters of a call, recording or
participant request before it is sent.

Parameters may be written as twilio-python takes them (``record=True``,
``recording_track="inbound"``), as twilio-node does (``recordingTrack``), or as the REST API
names them (``Record``, ``RecordingTrack``, ``RecordingChannels``). What the recording
parameters mean comes from :mod:`twimlkit.recording`, the same place the TwiML rules ask, so a
finding says the same thing here as in a document, in the request's spelling.

Inline TwiML (``twiml``) is checked like any TwiML document, and for what being inline
changes: Twilio's length cap, and relative URLs, which have no document URL to resolve
against.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from typing import TypeAlias

from . import checks, recording, registry
from .diagnostic import Check, Diagnostic
from .rest_checks import REST_PARAMETER_NOT_TAKEN, REST_UNKNOWN_PARAMETER
from .schema import did_you_mean
from .validate import SupportsToXml, validate

#: What ``twiml`` may be: the TwiML as ``str`` or UTF-8 ``bytes``, or an object with a
#: ``to_xml()`` method, a twimlkit builder element or a twilio-python ``TwiML`` object (both
#: of which twilio-python sends as their XML). ``None`` is taken as not given.
InlineTwiML: TypeAlias = "str | bytes | SupportsToXml | None"
_INLINE_TWIML = (
    "str, bytes or an object with to_xml() (a twimlkit builder element or a twilio-python"
    " TwiML object)"
)

#: The endpoints twimlkit knows, with the parameters each one takes among those it checks:
#: the recording parameters (:data:`twimlkit.recording.REST_PARAMETERS`) and inline TwiML.
ENDPOINTS: dict[str, frozenset[str]] = {
    "calls.create": frozenset({"Record", "RecordingTrack", "RecordingChannels", "Twiml"}),
    "calls.recordings.create": frozenset({"RecordingTrack", "RecordingChannels"}),
    "conferences.participants.create": frozenset({"Record", "RecordingTrack", "RecordingChannels"}),
}
#: How close a name must be to a parameter's to be taken for a misspelling of it.
_MISSPELLING_CUTOFF = 0.8


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


def lint(endpoint: str, params: Mapping[str, InlineTwiML | object]) -> list[Diagnostic]:
    """Diagnostics for one request to ``endpoint`` (``"calls.create"``,
    ``"calls.recordings.create"`` or ``"conferences.participants.create"``) with ``params``,
    a mapping of parameter names to their values, such as ``{"record": True}``.

    Inline TwiML (``twiml``) may be given as :data:`InlineTwiML` says: text, bytes, or a
    builder or twilio-python object, which is checked as the XML it writes.

    Each diagnostic's ``path`` is the endpoint and its message names the parameter; line and
    column are 1. Findings in inline TwiML have the path ``endpoint(twiml)`` and their place
    in the TwiML. Raises ``ValueError`` for an endpoint twimlkit does not know, and
    ``TypeError`` for ``params`` that is not such a mapping or ``twiml`` of another type.
    """
    if endpoint not in ENDPOINTS:
        raise ValueError(f"unknown endpoint {endpoint!r}; known: {', '.join(ENDPOINTS)}")
    if not isinstance(params, Mapping):
        raise TypeError(
            "params must be a mapping of parameter names to values, such as"
            f" {{'record': True}}, got {type(params).__name__} {params!r}"
        )
    for name in params:
        if not isinstance(name, str):
            raise TypeError(
                f"parameter names must be str, such as 'record', got {type(name).__name__} {name!r}"
            )
    given = {_rest_name(name): (name, value) for name, value in params.items()}
    return [
        *_names(endpoint, given),
        *_recording(endpoint, given),
        *_inline_twiml(endpoint, given),
    ]


def _names(endpoint: str, given: dict[str, tuple[str, object]]) -> Iterator[Diagnostic]:
    """Recording parameters the endpoint does not take, and names that misspell one."""
    takes = ENDPOINTS[endpoint]
    folded = {name.lower(): name for name in takes}
    for rest_name, (name, _) in given.items():
        if rest_name in takes:
            continue
        if rest_name in recording.REST_PARAMETERS:
            yield REST_PARAMETER_NOT_TAKEN.at(
                endpoint, 1, 1, f"{endpoint} takes no {name} parameter; remove it"
            )
            continue
        close = difflib.get_close_matches(
            rest_name.lower(), folded, n=1, cutoff=_MISSPELLING_CUTOFF
        )
        if close:
            meant = _spelling(name, folded[close[0]])
            yield REST_UNKNOWN_PARAMETER.at(
                endpoint,
                1,
                1,
                f"{endpoint} takes no parameter {name!r}, so it would not be used; "
                f"did you mean {meant!r}?",
            )


def _recording(endpoint: str, given: dict[str, tuple[str, object]]) -> Iterator[Diagnostic]:
    """The recording parameters' values, and what they record together."""
    takes = ENDPOINTS[endpoint]
    settings: dict[str, recording.Setting] = {}
    invalid: set[str] = set()
    for rest_name, allowed in recording.REST_PARAMETERS.items():
        if rest_name not in takes or rest_name not in given:
            continue
        name, value = given[rest_name]
        if rest_name == "Record":
            flag = _as_bool(value)
            if flag is not None:
                settings[rest_name] = recording.Setting(name, flag, rest=True)
                continue
            message = f"{name}={value!r} is not true or false"
        elif value in allowed:
            settings[rest_name] = recording.Setting(name, value, rest=True)
            continue
        else:
            message = f"{name}={value!r} is not one of {', '.join(allowed)}" + did_you_mean(
                str(value), allowed
            )
        invalid.add(rest_name)
        yield checks.INVALID_VALUE.at(endpoint, 1, 1, message)
    track = settings.get("RecordingTrack")
    if track is None:
        return
    # An endpoint without Record (calls.recordings.create) records by being called.
    if "Record" in takes and "Record" not in invalid:
        record = settings.get(
            "Record", recording.Setting(_spelling(track.name, "Record"), rest=True)
        )
        why = recording.track_without_record(track, record)
        if why is not None:
            yield _rule("recording-track-without-record").at(endpoint, 1, 1, why)
    channels = settings.get("RecordingChannels")
    ignored = recording.channels_ignored(channels, track) if channels is not None else None
    if ignored is not None:
        yield _rule("dual-channel-ignored").at(endpoint, 1, 1, ignored)


def _inline_twiml(endpoint: str, given: dict[str, tuple[str, object]]) -> Iterator[Diagnostic]:
    """Inline TwiML, checked as a document and for what being inline changes."""
    name, twiml = given.get("Twiml", ("Twiml", None))
    if twiml is None or "Twiml" not in ENDPOINTS[endpoint]:
        return
    text: object = twiml
    if not isinstance(twiml, (str, bytes)):
        to_xml = getattr(twiml, "to_xml", None)
        if not callable(to_xml):
            raise TypeError(f"{name} must be {_INLINE_TWIML}, got {type(twiml).__name__} {twiml!r}")
        # A builder or twilio-python object, which twilio-python sends as its XML.
        text = to_xml()
    if not isinstance(text, (str, bytes)):
        raise TypeError(
            f"{name}.to_xml() must return str or bytes, got {type(text).__name__} {text!r}"
        )
    # Checked as inline TwiML: the same steps as any document, with the inline rules too.
    yield from validate(text, kind="voice", path=f"{endpoint}({name})", inline=True)


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
