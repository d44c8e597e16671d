"""A relative URL in TwiML sent inline in a call request.

A relative URL in TwiML (an action, a callback, the text of <Play> or <Redirect>) is resolved
against the URL the document was fetched from. TwiML sent inline in the Twiml parameter was
fetched from nowhere, so Twilio cannot tell where the relative URL points: the action is never
requested, the audio never plays. Write absolute URLs in inline TwiML. This rule looks only at
TwiML checked as inline: ``rest.lint`` on ``calls.create``, or ``validate(..., inline=True)``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..document import XML_SPACE
from ..schema import model
from ._base import Context, Finding

CODE = "TK304"
SLUG = "inline-twiml-relative-url"
SEVERITY = "error"
SUMMARY = "A relative URL in TwiML passed inline, which has no URL to resolve it against."
TWILIO_ERROR = (
    "15004 (Action Callback URL must be an absolute URL when using TwiML to update "
    "in-progress calls) for an action URL; 11100 (Invalid URL format) for other URLs."
)
VALUE_CHECK = True  # judges a value, which a template variable may write
INLINE_ONLY = True
# Where the same value is a host name with no scheme, this finding says more.
REPLACES = ("url-without-scheme",)
BAD = """
    <Response>
      <Gather action="/menu"><Say>Press 1</Say></Gather>
    </Response>
"""
GOOD = """
    <Response>
      <Gather action="https://example.com/menu"><Say>Press 1</Say></Gather>
    </Response>
"""

_URL = "Url"
_WHY = "TwiML sent inline has no document URL to resolve it against; write an absolute URL"


def _places() -> dict[str, tuple[tuple[str, ...], bool]]:
    """For each voice element name, its attributes typed as a Url, and whether its text is."""
    schema = model("voice")
    attributes = schema.attributes_of_type(_URL)
    texts = {tag for tag, element_type in schema.element_types() if element_type.text_type == _URL}
    return {
        tag: (tuple(sorted(attributes.get(tag, ()))), tag in texts)
        for tag in sorted(attributes.keys() | texts)
    }


_PLACES = _places()
ELEMENTS = tuple(_PLACES)


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    names, text = _PLACES[str(element.tag)]
    element_type = context.type_of(element)
    if element_type is None:
        return
    for name in names:
        value = context.value(element, name)
        if value and "://" not in value and element_type.attributes.get(name) == _URL:
            yield Finding(
                element, f"<{element.tag}> {name}={value!r} is relative: {_WHY}", attribute=name
            )
    if text and element_type.text_type == _URL:
        url = Context.text(element).strip(XML_SPACE)
        if url and "://" not in url:
            yield Finding(element, f"<{element.tag}> URL {url!r} is relative: {_WHY}", at_text=True)
