"""A <Dial> time limit over four hours.

Calls last at most 4 hours (14,400 seconds) unless the account has 24-hour calls enabled.
A larger timeLimit fails on accounts without that setting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK231"
SLUG = "time-limit-over-four-hours"
SEVERITY = "warning"
SUMMARY = "<Dial timeLimit> over 14,400 seconds needs 24-hour calls on the account."
TWILIO_ERROR = "13216 (Dial: invalid timeLimit) on accounts without 24-hour calls."
VALUE_CHECK = True  # judges a value, which a template variable may write
LIMIT = 14400
_WHOLE_NUMBER = re.compile(r"\+?[0-9]+")  # an invalid value is the schema check's to report
BAD = """
    <Response>
      <Dial timeLimit="28800">+15551239876</Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial timeLimit="14400">+15551239876</Dial>
    </Response>
"""


ELEMENTS = ("Dial",)
ATTRIBUTES = ("timeLimit",)  # the elements it looks at have one of these


TRIGGER = "timeLimit"


def check(context: Context, dial: etree._Element) -> Iterator[Finding]:
    value = context.value(dial, "timeLimit") or ""
    from decimal import Decimal  # here: a document without a timeLimit does not need it

    # Read as a Decimal: Python's int() refuses a number of more than 4,300 digits.
    if _WHOLE_NUMBER.fullmatch(value) and Decimal(value) > LIMIT:
        yield Finding(
            dial,
            f"timeLimit={value} is over {LIMIT:,} seconds (4 hours), the limit unless the "
            "account has 24-hour calls enabled",
            attribute="timeLimit",
        )
