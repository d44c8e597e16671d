"""The checks that only a REST request has: its parameters, and TwiML sent inline in it.

They are reported by :func:`twimlkit.rest.lint` and documented like every other check (what it
finds and why, an example, what to write instead, the Twilio error it predicts). Examples are
written as twilio-python calls; the same parameters in twilio-node's or the REST API's spelling
are checked the same way.

TK3xx: a REST request that Twilio will not carry out as written.
"""

from __future__ import annotations

from .diagnostic import Check, Severity

#: Twilio's cap on TwiML passed inline in the ``Twiml`` parameter, in characters.
_TYPE_ERROR = (
    "none from Twilio: twilio-python raises TypeError (an unexpected keyword argument) "
    "before sending; twilio-node and a direct REST request send it, and Twilio does not use it."
)

REST_PARAMETER_NOT_TAKEN = Check(
    "TK301",
    "rest-parameter-not-taken",
    Severity.ERROR,
    "A recording parameter passed to an endpoint that does not take it.",
    doc="Each REST endpoint takes its own recording parameters: a call or a conference "
    "participant is recorded only when Record is set, while creating a call recording starts "
    "one by itself and takes no Record at all. A parameter the endpoint does not take does "
    "nothing, or stops the request in the helper library, so the recording is not what the "
    "request asks for.",
    bad='client.calls("CA...").recordings.create(record=True, recording_track="inbound")',
    good='client.calls("CA...").recordings.create(recording_track="inbound")',
    twilio_error=_TYPE_ERROR,
)
REST_UNKNOWN_PARAMETER = Check(
    "TK302",
    "rest-unknown-parameter",
    Severity.ERROR,
    "A parameter name that is close to, but not, one the endpoint takes.",
    doc="A parameter whose name is close to one of the endpoint's recording parameters "
    "(recording_trak for recording_track) is almost certainly a typo. The setting it was "
    "meant to make is never applied: the recording keeps both tracks, or one channel. Only "
    "names close to a recording parameter twimlkit knows are reported; every other "
    "parameter is left alone. The message suggests the name, spelled the way the request "
    "spells its parameters.",
    bad='client.calls.create(to=..., from_=..., url=..., record=True, recording_trak="inbound")',
    good='client.calls.create(to=..., from_=..., url=..., record=True, recording_track="inbound")',
    twilio_error=_TYPE_ERROR,
)
#: Every REST check, in code order.
ALL: tuple[Check, ...] = (
    REST_PARAMETER_NOT_TAKEN,
    REST_UNKNOWN_PARAMETER,
)
