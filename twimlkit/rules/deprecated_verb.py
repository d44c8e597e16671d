"""A deprecated verb.

<Sms> sent a text message during a call. Twilio has deprecated it: send the message with the
REST API (or <Message> in a messaging response) instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK230"
SLUG = "deprecated-verb"
SEVERITY = "warning"
SUMMARY = "<Sms> is deprecated."
TWILIO_ERROR = "none: deprecated verbs may stop working."
BAD = """
    <Response>
      <Say>We will text you the details.</Say>
      <Sms>Your booking is confirmed.</Sms>
    </Response>
"""
GOOD = """
    <Response>
      <Say>We have sent you a text with the details.</Say>
    </Response>
"""


ELEMENTS = ("Sms",)


def check(context: Context, sms: etree._Element) -> Iterator[Finding]:
    yield Finding(
        sms,
        "<Sms> is deprecated: send the text with the Messages REST API during the call",
    )
