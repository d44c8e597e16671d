"""A <Message> with neither a body nor media.

A message needs text (as the text of <Message> or a <Body>) or at least one <Media>. An empty
<Message> cannot be sent. When the <Message> holds an empty <Body>, the finding is at that
<Body>, and it is the only one there: the schema's missing-text would say the same thing less
well, since the text could also be replaced by a <Media>.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK229"
SLUG = "empty-message"
SEVERITY = "error"
SUMMARY = "A <Message> with no text and no <Media>."
TWILIO_ERROR = "14103 (Invalid Body): the message is not sent."
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
REPLACES = ("missing-text",)


def check(context: Context, message: etree._Element) -> Iterator[Finding]:
    has_media = any(child.tag == "Media" for child in message)
    if has_media or context.has_text(message):
        return
    body = next((child for child in message if child.tag == "Body"), None)
    if body is not None:
        yield Finding(
            body,
            "<Body> is empty and the <Message> has no <Media>: there is nothing to send; "
            "write the text in <Body> or add a <Media>",
        )
    else:
        yield Finding(message, "<Message> has no text and no <Media>: there is nothing to send")
