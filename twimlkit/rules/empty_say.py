"""A <Say> with nothing to say.

<Say> speaks its text. Without text (and without SSML inside it) the caller hears silence,
and Twilio moves on: usually a template variable that came out empty.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK213"
SLUG = "empty-say"
SEVERITY = "warning"
SUMMARY = "A <Say> without text."
TWILIO_ERROR = "none: the caller hears nothing."
BAD = """
    <Response>
      <Say voice="alice"></Say>
    </Response>
"""
GOOD = """
    <Response>
      <Say voice="alice">Welcome to Example Company.</Say>
    </Response>
"""


ELEMENTS = ("Say",)


def check(context: Context, say: etree._Element) -> Iterator[Finding]:
    if not context.has_text(say):
        yield Finding(say, "<Say> has no text: the caller hears nothing")
