"""A URL attribute that looks like a host name but has no http:// or https://.

Twilio accepts absolute URLs and URLs relative to the document it is running. A value such as
www.example.com/status has no scheme, so it is not taken as a host at all: Twilio resolves it
as a path below the current document's URL, and the callback goes to the wrong place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK211"
SLUG = "url-without-scheme"
SEVERITY = "warning"
SUMMARY = "A URL that starts with a host name but no scheme is taken as a relative path."
TWILIO_ERROR = "11200 or 11205 when the resolved URL does not answer."
BAD = """
    <Response>
      <Dial recordingStatusCallback="www.example.com/recordings" record="record-from-answer">
        <Number>+15551239876</Number>
      </Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial recordingStatusCallback="https://www.example.com/recordings"
            record="record-from-answer">
        <Number>+15551239876</Number>
      </Dial>
    </Response>
"""

# www.anything, or name.tld at the start, followed by the end or a path.
_HOST_LIKE = re.compile(
    r"^(www\.[^/\s]+|[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|org|io|co|us|uk|de|app|dev))(/|:|$)",
    re.IGNORECASE,
)


ELEMENTS = ("*",)
# Only a document with an attribute value that starts like a host name ("name.tld") or that
# holds a character reference can have a finding: a cheap test of the text.
TRIGGER = re.compile(r"""=\s*["'](?:[a-zA-Z0-9-]+\.)+[a-zA-Z]|&#""")


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    owner = context.type_of(element)
    if owner is None:
        return
    for name, type_name in owner.attributes.items():
        value = element.get(name)
        if type_name == "Url" and value and "://" not in value and _HOST_LIKE.match(value):
            yield Finding(
                element,
                f"{name}={value!r} has no scheme, so Twilio takes it as a path relative to "
                f"this document; write https://{value}",
                attribute=name,
            )
