"""A <Reject> that is not the first verb.

<Reject> refuses an incoming call without answering it, so the caller is not charged and
hears a busy signal or a not-in-service message. That works only as the first verb: once an
earlier verb has run, the call is already answered, and <Reject> merely hangs up.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._base import Context, Finding

CODE = "TK222"
SLUG = "reject-not-first"
SEVERITY = "warning"
SUMMARY = "<Reject> after other verbs: the call is already answered."
TWILIO_ERROR = "none: the call is answered and billed, then ended."
BAD = """
    <Response>
      <Say>Sorry, we are closed.</Say>
      <Reject reason="busy"/>
    </Response>
"""
GOOD = """
    <Response>
      <Reject reason="busy"/>
    </Response>
"""


TRIGGER = "<Reject"


def check(context: Context) -> Iterator[Finding]:
    for index, verb in enumerate(context.top_verbs()):
        if verb.tag == "Reject" and index > 0:
            yield Finding(
                verb,
                "<Reject> is not the first verb, so the call is already answered: it cannot "
                "be refused any more; make <Reject> the first verb, or use <Hangup>",
            )
