"""TwiML sent inline in a call request is longer than Twilio takes.

TwiML sent in the Twiml parameter of a call request may be at most 4,000 characters long;
Twilio refuses a longer document and the call does not run it. The same TwiML served from a
URL may be far longer (up to 64 kB), so move a long document behind the url parameter. This
rule looks only at TwiML checked as inline: ``rest.lint`` on ``calls.create``, or
``validate(..., inline=True)``; like every rule, at documents that parse (one that does not
is reported as not well-formed).
"""

from __future__ import annotations

from collections.abc import Iterator

from ._base import Context, Finding

CODE = "TK303"
SLUG = "inline-twiml-too-long"
SEVERITY = "error"
SUMMARY = "TwiML passed inline is longer than Twilio's 4,000-character cap."
TWILIO_ERROR = "32018 (Twiml size exceeded maximum allowed value)."
INLINE_ONLY = True
LIMIT = 4000
BAD = "<Response>\n" + "  <Say>Thank you for calling. Please hold.</Say>\n" * 90 + "</Response>"
GOOD = """
    <Response>
      <Redirect>https://example.com/call.xml</Redirect>
    </Response>
"""


def TRIGGER(text: str) -> bool:
    """Only a document longer than the cap can break it."""
    return len(text) > LIMIT


def check(context: Context) -> Iterator[Finding]:
    length = len(context.document.text)
    if length > LIMIT:
        yield Finding(
            context.root,
            f"the TwiML is {length:,} characters long, and Twilio takes at most {LIMIT:,} inline; "
            "serve it from a URL instead",
        )
