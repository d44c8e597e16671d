"""A <Stream> URL with a query string.

Twilio does not pass query strings on to the WebSocket server of a media stream. Values put
there are lost; send them as <Parameter> elements inside <Stream> instead, which arrive in
the stream's start message.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK221"
SLUG = "stream-url-query-string"
SEVERITY = "error"
SUMMARY = "<Stream url> with a query string: use <Parameter> instead."
TWILIO_ERROR = "none: the query string does not reach the server."
VALUE_CHECK = True  # judges a value, which a template variable may write
BAD = """
    <Response>
      <Connect>
        <Stream url="wss://example.com/audio?caller=alice"/>
      </Connect>
    </Response>
"""
GOOD = """
    <Response>
      <Connect>
        <Stream url="wss://example.com/audio">
          <Parameter name="caller" value="alice"/>
        </Stream>
      </Connect>
    </Response>
"""


ELEMENTS = ("Stream",)
ATTRIBUTES = ("url",)  # the elements it looks at have one of these


TRIGGER = "?"


def check(context: Context, stream: etree._Element) -> Iterator[Finding]:
    url = context.value(stream, "url") or ""
    if "?" in url:
        yield Finding(
            stream,
            "<Stream> url has a query string, which Twilio does not pass on; send the "
            "values as <Parameter name=... value=...> inside <Stream>",
            attribute="url",
        )
