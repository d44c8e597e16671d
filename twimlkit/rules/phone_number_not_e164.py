"""A phone number to dial that is not written in E.164 form.

E.164 is a plus sign, the country code and the national number, with no spaces or
punctuation: +15551239876. Twilio reads other forms (415-123-4567) as numbers of the country
of the account or caller, which works until the call comes from, or the application serves,
another country; then the call goes to the wrong number or fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding, words

CODE = "TK212"
SLUG = "phone-number-not-e164"
SEVERITY = "warning"
SUMMARY = "A <Number> (or <Dial> text) that is not an E.164 phone number."
TWILIO_ERROR = "13223 (Dial: invalid phone number format) when Twilio cannot read it."
BAD = """
    <Response>
      <Dial>
        <Number>415-123-4567</Number>
      </Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial>
        <Number>+14151234567</Number>
      </Dial>
    </Response>
"""

E164 = re.compile(r"\+[1-9][0-9]{1,14}")


ELEMENTS = (
    "Number",
    "Dial",
)


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    number = words(element.text or "")
    if number and not E164.fullmatch(number):
        yield Finding(
            element,
            f"{number!r} is not an E.164 number (+, country code, digits only, such as "
            "+15551239876); Twilio guesses the country",
            at_text=True,
        )
