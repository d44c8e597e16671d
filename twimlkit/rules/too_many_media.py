"""More pictures or files in one message than Twilio sends.

An MMS message can carry at most 10 media files. With more <Media> elements Twilio refuses
the message, so none of the pictures arrives; send the rest in a second <Message>.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK215"
SLUG = "too-many-media"
SEVERITY = "error"
SUMMARY = "A <Message> with more than 10 <Media>."
TWILIO_ERROR = "21623 (number of media files exceeds allowed limit)."
LIMIT = 10
BAD = (
    "<Response>\n  <Message>\n"
    + "".join(f"    <Media>https://example.com/p{i}.jpg</Media>\n" for i in range(11))
    + "  </Message>\n</Response>"
)
GOOD = """
    <Response>
      <Message>
        <Media>https://example.com/p1.jpg</Media>
        <Media>https://example.com/p2.jpg</Media>
      </Message>
    </Response>
"""


ELEMENTS = ("Message",)


def TRIGGER(text: str) -> bool:
    """Only a document with more than LIMIT <Media> can have a <Message> with that many."""
    return text.count("<Media") > LIMIT


def check(context: Context, message: etree._Element) -> Iterator[Finding]:
    media = [child for child in message if child.tag == "Media"]
    if len(media) > LIMIT:
        yield Finding(
            media[LIMIT],
            f"this <Message> has {len(media)} <Media>; Twilio sends at most {LIMIT}",
        )
