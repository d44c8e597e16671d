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
INLINE_TWIML_LIMIT = 4000

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
INLINE_TWIML_TOO_LONG = Check(
    "TK303",
    "inline-twiml-too-long",
    Severity.ERROR,
    "TwiML passed inline is longer than Twilio's 4,000-character cap.",
    doc=f"TwiML sent in the Twiml parameter of a call request may be at most "
    f"{INLINE_TWIML_LIMIT:,} characters long; Twilio refuses a longer document and the call "
    "does not run it. The same TwiML served from a URL may be far longer (up to 64 kB), so "
    "move a long document behind the url parameter.",
    bad='client.calls.create(to=..., from_=..., twiml="<Response>... 5,000 characters ...'
    '</Response>")',
    good='client.calls.create(to=..., from_=..., url="https://example.com/call.xml")',
    twilio_error="32018 (Twiml size exceeded maximum allowed value).",
)
INLINE_TWIML_RELATIVE_URL = Check(
    "TK304",
    "inline-twiml-relative-url",
    Severity.ERROR,
    "A relative URL in TwiML passed inline, which has no URL to resolve it against.",
    doc="A relative URL in TwiML (an action, a callback, the text of <Play> or <Redirect>) is "
    "resolved against the URL the document was fetched from. TwiML sent inline in the Twiml "
    "parameter was fetched from nowhere, so Twilio cannot tell where the relative URL points: "
    "the action is never requested, the audio never plays. Write absolute URLs in inline "
    "TwiML.",
    bad='client.calls.create(to=..., from_=..., twiml=\'<Response><Gather action="/menu">'
    "<Say>Press 1</Say></Gather></Response>')",
    good="client.calls.create(to=..., from_=..., twiml='<Response><Gather action=\"https://"
    "example.com/menu\"><Say>Press 1</Say></Gather></Response>')",
    twilio_error="15004 (Action Callback URL must be an absolute URL when using TwiML to "
    "update in-progress calls) for an action URL; 11100 (Invalid URL format) for other URLs.",
)

#: Every REST check, in code order.
ALL: tuple[Check, ...] = (
    REST_PARAMETER_NOT_TAKEN,
    REST_UNKNOWN_PARAMETER,
    INLINE_TWIML_TOO_LONG,
    INLINE_TWIML_RELATIVE_URL,
)
