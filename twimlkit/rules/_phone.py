"""How Twilio reads a phone number written in <Number> or as the text of <Dial>, shared by
the two phone number rules.

What Twilio's documentation says it dials: an E.164 number (+, country code, up to 15
digits), and "unformatted US numbers" such as (415) 555-1212 or 415-555-1212 (the <Number>
page; the <Dial> page opens with <Dial>415-123-4567</Dial>). Error 21212 says the same of
10-digit US and Canadian numbers "with any combination of non-digit separators". Nothing is
documented for other national forms, and error 13223 (Dial: invalid phone number format)
names what cannot be a number at all: more than 15 digits, or something that is not a phone
number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from enum import Enum
from typing import NamedTuple

from lxml import etree

from ._base import Context, Finding, words

#: The separators people write inside a number, which Twilio's US examples use.
_SEPARATORS = re.compile(r"[\s().-]+")
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
#: A US (NANP) number: an optional country code 1, a 3-digit area code not starting with 0
#: or 1, and 7 more digits.
_US = re.compile(r"(\+?1)?[2-9][0-9]{9}")
_OTHER_URIS = {"sip": ("a SIP address", "<Sip>"), "sips": ("a SIP address", "<Sip>")}
_OTHER_URIS["client"] = ("a Twilio Client name", "<Client>")


class Verdict(str, Enum):
    """What Twilio does with a number."""

    INVALID = "invalid"  # it cannot be dialed
    UNDOCUMENTED = "undocumented"  # a form Twilio does not document: it may not dial


class Problem(NamedTuple):
    verdict: Verdict
    number: str
    reason: str


ELEMENTS = ("Number", "Dial")  # the elements whose text is a number to dial


def findings(context: Context, element: etree._Element, verdict: Verdict) -> Iterator[Finding]:
    """The finding for the number ``element`` dials, when Twilio's verdict on it is
    ``verdict``: each of the two phone number rules reports one verdict."""
    number = dialed_number(context, element)
    found = problem(number) if number else None
    if found is not None and found.verdict is verdict:
        yield Finding(element, f"{found.number!r} {found.reason}", at_text=True)


def dialed_number(context: Context, element: etree._Element) -> str | None:
    """The number ``element`` dials, white space folded: the text of <Number>, or of a <Dial>
    that holds it directly; ``None`` where there is none."""
    if element.tag == "Dial" and context.verbs(element):
        return None
    number = words(element.text or "")
    return number or None


@functools.lru_cache(maxsize=1024)  # both phone rules ask about each number
def problem(number: str) -> Problem | None:
    """What is wrong with ``number``, or ``None`` for a form Twilio documents."""
    scheme, colon, _ = number.partition(":")
    if colon and scheme.lower() in _OTHER_URIS:
        what, noun = _OTHER_URIS[scheme.lower()]
        return Problem(Verdict.INVALID, number, f"is {what}; dial it with {noun}")
    if any(c.isalpha() for c in number):
        return Problem(Verdict.INVALID, number, "has letters; Twilio dials digits only")
    digits = sum(c.isdigit() for c in number)
    if digits == 0:
        return Problem(Verdict.INVALID, number, "has no digits")
    if digits > 15:
        return Problem(
            Verdict.INVALID, number, f"has {digits} digits; a phone number has at most 15"
        )
    compact = _SEPARATORS.sub("", number)
    stray = next((c for c in compact if not c.isdigit() and c != "+"), None)
    if stray is not None:
        return Problem(Verdict.INVALID, number, f"has {stray!r}, which is not part of a number")
    if "+" in compact[1:]:
        return Problem(Verdict.INVALID, number, "has a '+' inside; '+' may only open the number")
    if (compact == number and _E164.fullmatch(compact)) or _US.fullmatch(compact):
        return None
    if _E164.fullmatch(compact):
        reason = f"has separators; write it as {compact}, the E.164 form Twilio documents"
    else:
        reason = (
            "is neither E.164 (+, country code, digits) nor a US number, the forms Twilio "
            "documents; Twilio may dial the wrong country or not at all"
        )
    return Problem(Verdict.UNDOCUMENTED, number, reason)
