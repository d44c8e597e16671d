"""A <Dial> with nobody to call.

<Dial> connects the call to a phone number given as its text, or to the nouns inside it
(<Number>, <Client>, <Sip>, <Conference>, <Queue>, ...). With neither, there is nothing to
dial.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK224"
SLUG = "dial-without-target"
SEVERITY = "error"
SUMMARY = "<Dial> with no number and no noun inside."
TWILIO_ERROR = "none documented: there is no one to connect the call to."
BAD = """
    <Response>
      <Dial timeout="20"></Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial timeout="20">+15551239876</Dial>
    </Response>
"""


ELEMENTS = ("Dial",)


def check(context: Context, dial: etree._Element) -> Iterator[Finding]:
    if not (dial.text or "").strip() and not context.verbs(dial):
        yield Finding(dial, "<Dial> has nothing to dial: give a number or a noun inside it")
