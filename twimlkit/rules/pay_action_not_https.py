"""A <Pay> action URL that is not https.

The result of a payment, card or bank details included in tokenized form, is posted to the
<Pay> action URL. Twilio requires that URL to use https.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..diagnostic import Fixable
from ..edits import replace_scheme
from ._base import Context, Finding

CODE = "TK228"
SLUG = "pay-action-not-https"
SEVERITY = "error"
SUMMARY = "<Pay action> with http:// instead of https://."
TWILIO_ERROR = "none documented: Twilio's <Pay> documentation requires https."
VALUE_CHECK = True  # judges a value, which a template variable may write
BAD = """
    <Response>
      <Pay action="http://example.com/payment-result"/>
    </Response>
"""
GOOD = """
    <Response>
      <Pay action="https://example.com/payment-result"/>
    </Response>
"""


ELEMENTS = ("Pay",)
ATTRIBUTES = ("action",)  # the elements it looks at have one of these
FIXABLE = Fixable(
    unsafe="writes https:// for http://: the results then go to the server's https address, "
    "which must answer there"
)


def check(context: Context, pay: etree._Element) -> Iterator[Finding]:
    action = context.value(pay, "action") or ""
    if action.lower().startswith("http://"):
        yield Finding(
            pay,
            "<Pay> posts payment results to its action, which must use https://",
            attribute="action",
            fix=lambda document: replace_scheme(document, pay, "action", "https", "use https://"),
        )
