"""More numbers or clients in one <Dial> than Twilio dials.

A <Dial> rings at most 10 <Number> nouns and at most 10 <Client> nouns, at once or one after
another. The ones past the tenth are not dialed.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK232"
SLUG = "too-many-dial-nouns"
SEVERITY = "error"
SUMMARY = "A <Dial> with more than 10 <Number> or 10 <Client>."
TWILIO_ERROR = "none documented: numbers past the tenth are not dialed."
LIMIT = 10
BAD = (
    "<Response>\n  <Dial>\n"
    + "".join(f"    <Number>+1555123{i:04d}</Number>\n" for i in range(11))
    + "  </Dial>\n</Response>"
)
GOOD = """
    <Response>
      <Dial>
        <Number>+15551230001</Number>
        <Number>+15551230002</Number>
      </Dial>
    </Response>
"""


ELEMENTS = ("Dial",)


def TRIGGER(text: str) -> bool:
    """Only a document with more than LIMIT of a noun can have a <Dial> with that many."""
    return text.count("<Number") > LIMIT or text.count("<Client") > LIMIT


def check(context: Context, dial: etree._Element) -> Iterator[Finding]:
    for noun in ("Number", "Client"):
        found = [child for child in dial if child.tag == noun]
        if len(found) > LIMIT:
            yield Finding(
                found[LIMIT],
                f"this <Dial> has {len(found)} <{noun}>; Twilio dials at most {LIMIT}",
            )
