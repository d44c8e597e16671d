"""A message body longer than Twilio sends.

A message body may hold at most 1,600 characters. Twilio refuses a longer body: the reply is
not sent at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK214"
SLUG = "message-body-too-long"
SEVERITY = "error"
SUMMARY = "A <Message> body over 1,600 characters."
TWILIO_ERROR = "21617 (message body exceeds the 1,600 character limit), or 14103."
VALUE_CHECK = True  # judges a value, which a template variable may write
LIMIT = 1600
BAD = f"""
    <Response>
      <Message>{"Long news. " * 150}</Message>
    </Response>
"""
GOOD = """
    <Response>
      <Message>Short news. Details: https://example.com/news</Message>
    </Response>
"""


ELEMENTS = ("Message",)


def TRIGGER(text: str) -> bool:
    """Only a document longer than the limit can hold a body longer than it."""
    return len(text) > LIMIT


def check(context: Context, message: etree._Element) -> Iterator[Finding]:
    body = "".join([message.text or "", *(b.text or "" for b in message if b.tag == "Body")])
    if len(body) > LIMIT:
        yield Finding(
            message,
            f"the message body has {len(body):,} characters; Twilio sends at most "
            f"{LIMIT:,}: shorten it or send a link",
        )
