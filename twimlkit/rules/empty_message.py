"""A <Message> with neither a body nor media.

A message needs text (as the text of <Message> or a <Body>) or at least one <Media>. An empty
<Message> cannot be sent.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK229"
SLUG = "empty-message"
SEVERITY = "error"
SUMMARY = "A <Message> with no text and no <Media>."
TWILIO_ERROR = "14103 (invalid body)."
BAD = """
    <Response>
      <Message to="+15551239876"></Message>
    </Response>
"""
GOOD = """
    <Response>
      <Message to="+15551239876">Your table is ready.</Message>
    </Response>
"""


ELEMENTS = ("Message",)


def check(context: Context, message: etree._Element) -> Iterator[Finding]:
    has_media = any(child.tag == "Media" for child in message)
    if not has_media and not context.text(message).strip():
        yield Finding(message, "<Message> has no text and no <Media>: there is nothing to send")
