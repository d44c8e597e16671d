"""Keypad tones to send that contain characters a keypad does not have.

sendDigits on <Number> and digits on <Play> may hold only 0-9, A-D, # and *, plus w (wait
half a second) and W (wait a second). Anything else, such as a space or a dash used for
readability, makes Twilio refuse the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK226"
SLUG = "invalid-send-digits"
SEVERITY = "error"
SUMMARY = "sendDigits or <Play digits> with characters other than 0-9, A-D, #, *, w and W."
TWILIO_ERROR = "13222 (Dial -> Number: invalid sendDigits)."
VALUE_CHECK = True  # judges a value, which a template variable may write
BAD = """
    <Response>
      <Dial>
        <Number sendDigits="ww 1234 #">+15551239876</Number>
      </Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial>
        <Number sendDigits="ww1234#">+15551239876</Number>
      </Dial>
    </Response>
"""

_TONES = re.compile(r"[0-9A-D#*wW]*")
_ATTRIBUTES = {"Number": "sendDigits", "Play": "digits"}


ELEMENTS = tuple(_ATTRIBUTES)
ATTRIBUTES = tuple(_ATTRIBUTES.values())  # the elements it looks at have one of these


TRIGGER = "igits"


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    name = _ATTRIBUTES[str(element.tag)]
    value = context.value(element, name)
    if value is not None and not _TONES.fullmatch(value):
        bad = next(c for c in value if not _TONES.fullmatch(c))
        yield Finding(
            element,
            f"{name}={value!r} contains {bad!r}; only 0-9, A-D, #, * and the pauses w and "
            "W are allowed",
            attribute=name,
        )
