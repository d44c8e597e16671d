"""A phone number to dial in a form that Twilio does not document.

Twilio dials E.164 numbers (+, the country code and the national number: +15551239876) and,
as its <Number> documentation says, unformatted US numbers such as 415-555-1212 or
(415) 555-1212; neither gets a finding. Any other form, such as a national number of another
country (020 7946 0958) or an international one with separators (+44 20 7946 0958), is left
to Twilio's guess: it may dial the wrong country or fail with 13223. A warning, since Twilio
sometimes reads such numbers; what cannot be a number at all is phone-number-invalid.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from . import _phone
from ._base import Context, Finding

CODE = "TK212"
SLUG = "phone-number-not-e164"
SEVERITY = "warning"
SUMMARY = "A number to dial that is neither E.164 nor a US number in a documented form."
TWILIO_ERROR = "13223 (Dial: Invalid phone number format) when Twilio cannot read it."
VALUE_CHECK = True  # judges a value, which a template variable may write
BAD = """
    <Response>
      <Dial>
        <Number>020 7946 0958</Number>
      </Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial>
        <Number>+442079460958</Number>
      </Dial>
    </Response>
"""


ELEMENTS = _phone.ELEMENTS


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    yield from _phone.findings(context, element, _phone.Verdict.UNDOCUMENTED)
