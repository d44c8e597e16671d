"""A queue name of 64 characters or more.

<Enqueue> puts the caller in the queue its text names, creating it if needed. Twilio refuses
queue names of 64 characters or more.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK227"
SLUG = "enqueue-name-too-long"
SEVERITY = "error"
SUMMARY = "An <Enqueue> queue name of 64 characters or more."
TWILIO_ERROR = "14204 or 14205 (Enqueue: queue name too long)."
VALUE_CHECK = True  # judges a value, which a template variable may write
LIMIT = 64
BAD = f"""
    <Response>
      <Enqueue>{"support-" * 9}</Enqueue>
    </Response>
"""
GOOD = """
    <Response>
      <Enqueue>support</Enqueue>
    </Response>
"""


ELEMENTS = ("Enqueue",)


def TRIGGER(text: str) -> bool:
    """Only a document with more characters than the limit can break it."""
    return len(text) >= LIMIT


def check(context: Context, enqueue: etree._Element) -> Iterator[Finding]:
    name = (enqueue.text or "").strip()
    if len(name) >= LIMIT:
        yield Finding(
            enqueue,
            f"the queue name has {len(name)} characters; Twilio needs fewer than {LIMIT}",
            at_text=True,
        )
