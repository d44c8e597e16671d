"""<Play digits> inside a <Gather>.

<Play digits> sends keypad tones into the call. Inside <Gather>, which is listening for the
caller's keypad tones, Twilio does not allow it: the tones would answer the menu by
themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK218"
SLUG = "play-digits-in-gather"
SEVERITY = "error"
SUMMARY = "<Play digits> nested in <Gather>."
TWILIO_ERROR = "none documented: Twilio's <Play> nesting rules forbid it."
BAD = """
    <Response>
      <Gather action="/menu">
        <Play digits="1234"/>
      </Gather>
    </Response>
"""
GOOD = """
    <Response>
      <Play digits="1234"/>
      <Gather action="/menu">
        <Say>Enter your code.</Say>
      </Gather>
    </Response>
"""


ELEMENTS = ("Play",)
ATTRIBUTES = ("digits",)  # the elements it looks at have one of these


def check(context: Context, play: etree._Element) -> Iterator[Finding]:
    # Each <Play> once, however many <Gather> it is nested in.
    if next(play.iterancestors("Gather"), None) is not None:
        yield Finding(
            play,
            "<Play digits> is not allowed inside <Gather>; play the tones before it",
            attribute="digits",
        )
