"""A TwiML document larger than Twilio accepts.

Twilio reads at most 64 kB of a TwiML response. A larger document is not run: the call hears
an application error, the message gets no reply.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._base import Context, Finding

CODE = "TK216"
SLUG = "response-too-large"
SEVERITY = "error"
SUMMARY = "A document over Twilio's 64 kB response limit."
TWILIO_ERROR = "11750 (TwiML response body too large)."
LIMIT = 64 * 1024
BAD = "<Response>\n" + "  <Say>Some words to read out.</Say>\n" * 2100 + "</Response>"
GOOD = """
    <Response>
      <Say>Some words to read out.</Say>
    </Response>
"""


def TRIGGER(text: str) -> bool:
    """A document of at most LIMIT // 4 characters has at most LIMIT bytes in UTF-8."""
    return len(text) > LIMIT // 4


def check(context: Context) -> Iterator[Finding]:
    size = len(context.document.text.encode("utf-8"))
    if size > LIMIT:
        yield Finding(
            context.root,
            f"the document is {size:,} bytes; Twilio accepts at most {LIMIT:,} (64 kB): "
            "split it and move the rest behind a <Redirect>",
        )
