"""A recording track is asked for where single-party recording does not exist.

Twilio records a single side of a call only for <Dial> (and the REST API's call, recording
and participant requests). <Record> and <Conference> have no recordingTrack: Twilio reports
the attribute as unknown and records everything. A <Dial> that joins a <Conference> makes a
conference recording, which holds every participant, so its recordingTrack is ignored too.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..diagnostic import Fixable
from ..edits import remove_attribute
from ..recording import TRACK_ATTRIBUTES, WITHOUT_SINGLE_PARTY, track_unsupported
from ._base import Context, Finding

CODE = "TK202"
SLUG = "recording-track-unsupported"
SEVERITY = "error"
SUMMARY = "recordingTrack on <Record>, <Conference>, or a <Dial> into a conference."
TWILIO_ERROR = "12200 (schema validation warning) for the attribute on <Record> and <Conference>."
# The schema check also reports the attribute on <Record> and <Conference> as unknown; this
# rule's diagnostic, which says why, takes its place.
REPLACES = ("unknown-attribute",)
BAD = """
    <Response>
      <Record recordingTrack="inbound" maxLength="60"/>
    </Response>
"""
GOOD = """
    <Response>
      <Record maxLength="60"/>
    </Response>
"""


ELEMENTS = (*WITHOUT_SINGLE_PARTY, "Dial")
# The attribute as it is written where it works (<Dial>), and where authors copy it to.
_ATTRIBUTE = TRACK_ATTRIBUTES["Dial"]
ATTRIBUTES = ("recordingTrack",)  # the elements it looks at have one of these


TRIGGER = "recordingTrack"
FIXABLE = Fixable(
    safe="removes the recordingTrack, which does nothing there: what is recorded stays the same"
)


def check(context: Context, element: etree._Element) -> Iterator[Finding]:
    if element.get(_ATTRIBUTE) is None:
        return
    joins_conference = next(iter(element.iter("Conference")), None) is not None
    why = track_unsupported(str(element.tag), joins_conference=joins_conference)
    if why is not None:
        yield Finding(
            element,
            why,
            attribute=_ATTRIBUTE,
            fix=lambda document: remove_attribute(
                document, element, _ATTRIBUTE, f"remove {_ATTRIBUTE}"
            ),
        )
