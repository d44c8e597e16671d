"""A media stream or ConversationRelay URL that is not a secure WebSocket URL.

<Stream> and <ConversationRelay> connect Twilio to a WebSocket server, and Twilio supports
only secure WebSockets: the URL must start with wss://. With ws://, http:// or https:// the
connection is not made. A URL with no scheme at all (YOUR_WSS_URL/twilio, /media) is no
better: Twilio reads it as relative to the document's own http(s) URL, so the scheme it ends
up with is https://, and the stream fails the same way. For <Stream>, Twilio's documentation
names the failure: error 31922, "URL Schema Not Supported"; for <ConversationRelay> it asks
for a wss:// URL and names no error code.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..diagnostic import Fixable
from ..edits import replace_scheme
from ._base import Context, Finding

CODE = "TK220"
SLUG = "websocket-url-not-wss"
SEVERITY = "error"
SUMMARY = "<Stream url> or <ConversationRelay url> that is not a wss:// URL."
TWILIO_ERROR = (
    "31922 (Stream - WebSocket - URL Schema Not Supported) for <Stream>; for "
    "<ConversationRelay> none documented: the WebSocket connection is not made."
)
VALUE_CHECK = True  # judges a value, which a template variable may write
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
ATTRIBUTES = ("url",)  # the elements it looks at have one of these
FIXABLE = Fixable(
    unsafe="when the URL has a scheme (ws://, http://, https://): writes wss:// for it, and "
    "Twilio then connects, to a server that must answer there",
    always=False,
)

_ONLY_WSS = "Twilio connects only to wss:// URLs"


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    url = context.value(element, "url") or ""
    if not url or url.lower().startswith("wss://"):
        return
    scheme, separator, _ = url.partition("://")
    if separator:
        problem = f"uses {scheme}://; {_ONLY_WSS}"
    else:
        problem = (
            f"has no scheme; {_ONLY_WSS} (a relative URL resolves against this document's "
            "https:// URL)"
        )
    yield Finding(
        element,
        f"<{element.tag}> url {url!r} {problem}",
        attribute="url",
        fix=(lambda document: replace_scheme(document, element, "url", "wss", "use wss://"))
        if separator
        else None,
    )
