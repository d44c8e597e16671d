"""A <Say> with nothing to say.

<Say> speaks its text. Without text (and without SSML inside it) the caller hears silence,
and Twilio moves on: usually a template variable that came out empty.
"""

from __future__ import annotations

from collections.abc import Iterator

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


def check(context: Context) -> Iterator[Finding]:
    for say in context.elements("Say"):
        if not context.text(say).strip():
            yield Finding(say, "<Say> has no text: the caller hears nothing")
