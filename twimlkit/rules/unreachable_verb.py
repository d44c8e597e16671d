"""Verbs that can never run, because an earlier verb leaves the document for good.

Twilio runs the verbs of a <Response> in order until one of them ends the call or moves it to
another document. After <Hangup>, <Reject> or <Redirect>, and after a <Dial> or <Connect> that
has an action URL (the action's response takes over the call), or a <Gather> with
actionOnEmptyResult="true", the verbs that follow are never executed. They usually mark a
misunderstanding of the call flow.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._base import Context, Finding

CODE = "TK210"
SLUG = "unreachable-verb"
SEVERITY = "warning"
SUMMARY = "Verbs after <Hangup>, <Reject>, <Redirect> or an action-taking verb never run."
TWILIO_ERROR = "none: Twilio skips the verbs."
BAD = """
    <Response>
      <Say>Goodbye.</Say>
      <Hangup/>
      <Say>Thanks for calling.</Say>
    </Response>
"""
GOOD = """
    <Response>
      <Say>Thanks for calling. Goodbye.</Say>
      <Hangup/>
    </Response>
"""


def _leaves(verb: etree._Element) -> str | None:
    """Why the call never comes back from ``verb`` to the next verb, if it does not."""
    tag = verb.tag
    if tag in ("Hangup", "Reject"):
        return "ends the call"
    if tag == "Redirect":
        return "moves the call to another document"
    if tag in ("Dial", "Connect") and Context.value(verb, "action"):
        return "hands the call to its action URL"
    if tag == "Gather" and Context.value(verb, "actionOnEmptyResult") == "true":
        return "always requests its action URL (actionOnEmptyResult)"
    return None


_MAY_LEAVE = frozenset({"Hangup", "Reject", "Redirect", "Dial", "Connect", "Gather"})


def TRIGGER(text: str) -> bool:
    """Only a verb that ends the call or moves it on, or one with an action, can leave."""
    return "<Hangup" in text or "<Re" in text or "action" in text


def check(context: Context) -> Iterator[Finding]:
    left: tuple[etree._Element, str] | None = None
    line = 0  # of the verb that leaves, worked out only when something follows it
    for verb in context.root:
        if not isinstance(verb.tag, str):
            continue  # a comment or processing instruction
        if left is not None:
            # Each verb after it is reported, so that a suppression comment on one silences
            # only that one.
            leaver, why = left
            line = line or context.document.element_position(leaver)[0]
            yield Finding(verb, f"<{verb.tag}> never runs: the <{leaver.tag}> on line {line} {why}")
        elif verb.tag in _MAY_LEAVE:
            reason = _leaves(verb)
            if reason:
                left = (verb, reason)
