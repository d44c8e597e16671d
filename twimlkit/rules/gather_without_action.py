"""A <Gather> without an action URL, followed by more verbs.

When the caller answers a <Gather> that has no action, Twilio requests the current document
again with the digits or speech: the same menu starts over, and the verbs after <Gather>
(meant for "no input") run only when the caller says nothing. Give <Gather> an action that
handles the input.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._base import Context, Finding

CODE = "TK217"
SLUG = "gather-without-action"
SEVERITY = "warning"
SUMMARY = "A <Gather> without action, with verbs after it."
TWILIO_ERROR = "none: the caller's input is posted to the current document."
BAD = """
    <Response>
      <Gather numDigits="1">
        <Say>Press 1 for sales.</Say>
      </Gather>
      <Say>We did not get your choice.</Say>
    </Response>
"""
GOOD = """
    <Response>
      <Gather numDigits="1" action="/menu/choice">
        <Say>Press 1 for sales.</Say>
      </Gather>
      <Say>We did not get your choice.</Say>
    </Response>
"""


TRIGGER = "<Gather"


def check(context: Context) -> Iterator[Finding]:
    verbs = context.top_verbs()
    for verb in verbs[:-1]:
        if verb.tag == "Gather" and not context.value(verb, "action"):
            yield Finding(
                verb,
                "<Gather> has no action: the caller's input is posted to this same document, "
                "and the verbs after it run only when there is no input; add action",
            )
