"""A URL attribute that looks like a host name but has no http:// or https://.

Twilio accepts absolute URLs and URLs relative to the document it is running. A value such as
www.example.com/status has no scheme, so it is not taken as a host at all: Twilio resolves it
as a path below the current document's URL, and the callback goes to the wrong place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from lxml import etree

from ..schema import KINDS, model
from ._base import Context, Finding

CODE = "TK211"
SLUG = "url-without-scheme"
SEVERITY = "warning"
SUMMARY = "A URL that starts with a host name but no scheme is taken as a relative path."
TWILIO_ERROR = "11200 or 11205 when the resolved URL does not answer."
VALUE_CHECK = True  # judges a value, which a template variable may write
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
_WWW = r"www\.[^/\s]+(/|:|$)"
_HOST_CHARACTERS = r"[a-z0-9.-]*"
_TOP_LEVEL_DOMAIN = r"com|net|org|io|co|us|uk|de|app|dev"


@functools.cache
def _pattern(form: str) -> re.Pattern[str]:
    # Compiled when a value without a scheme is first looked at: most documents have none.
    return re.compile(form, re.IGNORECASE)


def _host_like(value: str) -> bool:
    """Whether ``value`` starts with www.anything or with name.tld, followed by the end, a
    path or a port. A name.tld is the whole run of letters, digits, hyphens and dots at the
    start (what follows it is none of them), read label by label: a regular expression that
    repeats a group of labels backtracks through each of them, which grows past linear on a
    long run of dots."""
    if _pattern(_WWW).match(value):
        return True
    host = _pattern(_HOST_CHARACTERS).match(value)
    end = host.end() if host else 0
    if value[end : end + 1] not in ("/", ":", "") and value[end:] != "\n":
        return False
    *names, domain = value[:end].split(".")
    return bool(names) and all(names) and _pattern(_TOP_LEVEL_DOMAIN).fullmatch(domain) is not None


def _url_attributes() -> dict[str, tuple[str, ...]]:
    """For each element name, the attributes the schema types as a Url on it (in either kind
    of TwiML): the only places this rule has to look."""
    found: dict[str, frozenset[str]] = {}
    for kind in KINDS:
        for tag, names in model(kind).attributes_of_type(_URL).items():
            found[tag] = found.get(tag, frozenset()) | names
    return {tag: tuple(sorted(names)) for tag, names in found.items()}


_URL = "Url"
_URL_ATTRIBUTES = _url_attributes()
ELEMENTS = tuple(_URL_ATTRIBUTES)
ATTRIBUTES = {name for names in _URL_ATTRIBUTES.values() for name in names}


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    for name in _URL_ATTRIBUTES[str(element.tag)]:
        value = context.value(element, name)
        if not value or "://" in value or not _host_like(value):
            continue
        owner = context.type_of(element)  # the same name may be typed otherwise elsewhere
        if owner is not None and owner.attributes.get(name) == _URL:
            yield Finding(
                element,
                f"{name}={value!r} has no scheme, so Twilio takes it as a path relative to "
                f"this document; write https://{value}",
                attribute=name,
            )
