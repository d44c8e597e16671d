"""A phone number to dial that cannot be a phone number.

Twilio fails the dial with 13223 (Dial: Invalid phone number format) when the text of a
<Number>, or of a <Dial> that dials a number directly, is not a number: it has letters
(Twilio documents no reading of letters as digits, as in 1-800-FLOWERS), no digits, more
than the 15 digits E.164 allows, or characters other than digits, a leading + and the
separators ( ) - . and space. A SIP address or a Twilio Client name is not a number either
(13223 names both as causes): dial those with <Sip> and <Client>.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from . import _phone
from ._base import Context, Finding

CODE = "TK235"
SLUG = "phone-number-invalid"
SEVERITY = "error"
SUMMARY = "A number to dial that is not a phone number: letters, no digits, over 15 digits."
TWILIO_ERROR = "13223 (Dial: Invalid phone number format): the dial fails."
VALUE_CHECK = True  # judges a value, which a template variable may write
BAD = """
    <Response>
      <Dial>
        <Number>sip:alice@example.com</Number>
      </Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial>
        <Sip>sip:alice@example.com</Sip>
      </Dial>
    </Response>
"""


ELEMENTS = _phone.ELEMENTS


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    yield from _phone.findings(context, element, _phone.Verdict.INVALID)
