"""A <Media> URL that is not an absolute http(s) URL.

Twilio fetches each <Media> file from the internet to attach it to the message, so the URL
must be absolute and use http or https. A relative path or another scheme cannot be fetched
and the message fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding, words

CODE = "TK219"
SLUG = "media-url-not-absolute"
SEVERITY = "error"
SUMMARY = "<Media> needs an absolute http:// or https:// URL."
TWILIO_ERROR = "21620 (invalid media URL)."
VALUE_CHECK = True  # judges a value, which a template variable may write
BAD = """
    <Response>
      <Message>
        <Media>/images/receipt.png</Media>
      </Message>
    </Response>
"""
GOOD = """
    <Response>
      <Message>
        <Media>https://example.com/images/receipt.png</Media>
      </Message>
    </Response>
"""


ELEMENTS = ("Media",)


def check(context: Context, media: etree._Element) -> Iterator[Finding]:
    url = words(media.text or "")
    if url and not url.lower().startswith(("http://", "https://")):
        yield Finding(
            media,
            f"<Media> {url!r} is not an absolute http(s) URL; Twilio cannot fetch it",
            at_text=True,
        )
