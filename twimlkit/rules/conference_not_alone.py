"""A <Conference> that shares its <Dial> with other nouns, or with another <Conference>.

A <Dial> can join one conference, and then nothing else: Twilio does not dial numbers, clients
or a second conference from the same <Dial>.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK233"
SLUG = "conference-not-alone"
SEVERITY = "error"
SUMMARY = "<Conference> must be the only noun of its <Dial>."
TWILIO_ERROR = "13000 (Dial: invalid nesting of nouns)."
BAD = """
    <Response>
      <Dial>
        <Conference>standup</Conference>
        <Number>+15551239876</Number>
      </Dial>
    </Response>
"""
GOOD = """
    <Response>
      <Dial>
        <Conference>standup</Conference>
      </Dial>
    </Response>
"""


ELEMENTS = ("Dial",)


TRIGGER = "<Conference"


def check(context: Context, dial: etree._Element) -> Iterator[Finding]:
    nouns = context.verbs(dial)
    conference = next((noun for noun in nouns if noun.tag == "Conference"), None)
    if conference is not None and len(nouns) > 1:
        extra = next(noun for noun in nouns if noun is not conference)
        yield Finding(
            extra,
            f"<{extra.tag}> shares a <Dial> with a <Conference>; a <Dial> that joins a "
            "conference can hold nothing else",
        )
