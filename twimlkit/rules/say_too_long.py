"""A <Say> text longer than Twilio's text-to-speech reads.

Twilio speaks at most 4,096 characters of one <Say> with the basic voices, and 3,000 with
Amazon Polly voices (SSML tags not counted). A longer text fails; split it over several <Say>
elements.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK225"
SLUG = "say-too-long"
SEVERITY = "error"
SUMMARY = "A <Say> over 4,096 characters (3,000 for Polly voices)."
TWILIO_ERROR = "13521 when the text is over the limit."
BASIC_LIMIT, POLLY_LIMIT = 4096, 3000
VALUE_CHECK = True  # judges a value, which a template variable may write
BAD = f"""
    <Response>
      <Say voice="Polly.Joanna">{"Please hold. " * 240}</Say>
    </Response>
"""
GOOD = """
    <Response>
      <Say voice="Polly.Joanna">Please hold.</Say>
      <Play loop="0">https://example.com/hold-music.mp3</Play>
    </Response>
"""


ELEMENTS = ("Say",)


def TRIGGER(text: str) -> bool:
    """Only a document with more characters than the limit can break it."""
    return len(text) > min(BASIC_LIMIT, POLLY_LIMIT)


def check(context: Context, say: etree._Element) -> Iterator[Finding]:
    polly = (context.value(say, "voice") or "").startswith("Polly.")
    limit = POLLY_LIMIT if polly else BASIC_LIMIT
    length = context.text_length(say)
    if length > limit:
        voices = "Polly voices" if polly else "this voice"
        yield Finding(
            say,
            f"<Say> has {length:,} characters; Twilio reads at most {limit:,} with {voices}: "
            "split the text over several <Say>",
        )
