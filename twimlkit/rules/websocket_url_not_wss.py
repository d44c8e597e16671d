"""A media stream or ConversationRelay URL that is not a secure WebSocket URL.

<Stream> and <ConversationRelay> connect Twilio to a WebSocket server, and Twilio supports
only secure WebSockets: the URL must start with wss://. With ws://, http:// or https:// the
connection is not made.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK220"
SLUG = "websocket-url-not-wss"
SEVERITY = "error"
SUMMARY = "<Stream url> or <ConversationRelay url> with a scheme other than wss://."
TWILIO_ERROR = "none documented: the WebSocket connection is not made."
BAD = """
    <Response>
      <Start>
        <Stream url="ws://example.com/audio"/>
      </Start>
      <Say>This call is being transcribed.</Say>
    </Response>
"""
GOOD = """
    <Response>
      <Start>
        <Stream url="wss://example.com/audio"/>
      </Start>
      <Say>This call is being transcribed.</Say>
    </Response>
"""


ELEMENTS = (
    "Stream",
    "ConversationRelay",
)


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    url = element.get("url") or ""
    if "://" in url and not url.lower().startswith("wss://"):
        yield Finding(
            element,
            f"<{element.tag}> url {url!r} must use wss:// (secure WebSocket)",
            attribute="url",
        )
