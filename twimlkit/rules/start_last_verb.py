"""<Start> as the last verb of a document.

<Start> begins a stream, a recording, a transcription or a SIPREC session in the background
and Twilio moves straight on to the next verb. When there is none, the call ends at once, and
so does whatever <Start> began.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._base import Context, Finding

CODE = "TK223"
SLUG = "start-last-verb"
SEVERITY = "warning"
SUMMARY = "<Start> with no verb after it: the call ends immediately."
TWILIO_ERROR = "none: the call is hung up."
BAD = """
    <Response>
      <Start>
        <Stream url="wss://example.com/audio"/>
      </Start>
    </Response>
"""
GOOD = """
    <Response>
      <Start>
        <Stream url="wss://example.com/audio"/>
      </Start>
      <Dial>+15551239876</Dial>
    </Response>
"""


TRIGGER = "<Start"


def check(context: Context) -> Iterator[Finding]:
    verbs = context.top_verbs()
    if verbs and verbs[-1].tag == "Start":
        yield Finding(
            verbs[-1],
            "<Start> runs in the background and nothing follows it, so the call ends "
            "straight away; add the verb the call should continue with",
        )
