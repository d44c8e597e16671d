"""A <Dial timeout> outside the 5 to 600 seconds that Twilio documents.

Twilio's <Dial> documentation gives timeout a range of 5 to 600 seconds (30 by default), but
its error 13212 (Dial: Invalid timeout value) asks only for "a positive integer", and nothing
says what Twilio does with 1 to 4 or with more than 600: it may raise or lower the value to
the nearest limit, or ignore it and ring for 30 seconds. Either way the dialed party does not
ring for as long as the document says, so this is a warning. The schema itself takes any
positive whole number; zero, a negative number or text are invalid-value errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK236"
SLUG = "dial-timeout-out-of-range"
SEVERITY = "warning"
SUMMARY = "<Dial timeout> below 5 or above 600 seconds, outside what Twilio documents."
TWILIO_ERROR = "none documented; 13212 (Dial: Invalid timeout value) if Twilio rejects it."
VALUE_CHECK = True  # judges a value, which a template variable may write
BAD = """
    <Response>
      <Dial timeout="3">+15551239876</Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial timeout="5">+15551239876</Dial>
    </Response>
"""

ELEMENTS = ("Dial",)
ATTRIBUTES = ("timeout",)  # the elements it looks at have one of these

#: The range of <Dial timeout> in Twilio's documentation, in seconds.
DOCUMENTED = range(5, 600 + 1)
#: A whole number (anything else is the schema check's finding), of any length: it is read
#: as a Decimal, which Python's int() refuses past 4,300 digits.
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def check(context: Context, dial: etree._Element) -> Iterator[Finding]:
    value = context.value(dial, "timeout") or ""
    if not _WHOLE_NUMBER.fullmatch(value):
        return
    from decimal import Decimal  # here: a document without a timeout does not need it

    seconds = Decimal(value)
    if seconds >= 1 and not DOCUMENTED.start <= seconds <= DOCUMENTED.stop - 1:
        limit = "at least 5" if seconds < DOCUMENTED.start else "at most 600"
        yield Finding(
            dial,
            f"<Dial> timeout={value!r}: Twilio documents {limit} seconds, and does not say "
            "what it does with this value; write a number from 5 to 600",
            attribute="timeout",
        )
