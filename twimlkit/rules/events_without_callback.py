"""Callback events are chosen, but no callback URL receives them.

statusCallbackEvent and recordingStatusCallbackEvent pick which events Twilio reports. They
are reported to statusCallback and recordingStatusCallback; without that URL on the same
element the events are chosen for nobody.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..schema import KINDS, model
from ._base import Context, Finding

CODE = "TK234"
SLUG = "events-without-callback"
SEVERITY = "warning"
SUMMARY = "statusCallbackEvent (or the recording one) without the matching callback URL."
TWILIO_ERROR = "none: the events are not sent anywhere."
BAD = """
    <Response>
      <Dial>
        <Number statusCallbackEvent="ringing answered">+15551239876</Number>
      </Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial>
        <Number statusCallbackEvent="ringing answered"
                statusCallback="https://example.com/call-events">+15551239876</Number>
      </Dial>
    </Response>
"""

_PAIRS = {
    "statusCallbackEvent": "statusCallback",
    "recordingStatusCallbackEvent": "recordingStatusCallback",
}


def _elements() -> tuple[str, ...]:
    """The elements that can choose callback events, in either kind of TwiML."""
    return tuple(
        sorted(
            {
                tag
                for kind in KINDS
                for tag, element_type in model(kind).element_types()
                if _PAIRS.keys() & element_type.attributes.keys()
            }
        )
    )


ELEMENTS = _elements()
TRIGGER = "tatusCallbackEvent"  # statusCallbackEvent and recordingStatusCallbackEvent
ATTRIBUTES = tuple(_PAIRS)  # the elements it looks at have one of these


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    for events, callback in _PAIRS.items():
        if not context.value(element, events) or context.value(element, callback):
            continue
        owner = context.type_of(element)
        if owner is not None and callback in owner.attributes:
            yield Finding(
                element,
                f"{events} is set but {callback} is not: the events go nowhere; add {callback}",
                attribute=events,
            )
