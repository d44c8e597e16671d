"""Callback events are chosen, but no callback URL receives them.

statusCallbackEvent and recordingStatusCallbackEvent pick which events Twilio reports. They
are reported to statusCallback and recordingStatusCallback; without that URL on the same
element the events are chosen for nobody.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

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


ELEMENTS = ("*",)
TRIGGER = "tatusCallbackEvent"  # statusCallbackEvent and recordingStatusCallbackEvent


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    owner = context.type_of(element)
    if owner is None:
        return
    for events, callback in _PAIRS.items():
        if element.get(events) and callback in owner.attributes and not element.get(callback):
            yield Finding(
                element,
                f"{events} is set but {callback} is not: the events go nowhere; add {callback}",
                attribute=events,
            )
