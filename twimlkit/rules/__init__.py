"""twimlkit's semantic rules: TwiML that is valid against the schema and still wrong.

Each rule is one module in this package: its docstring is its documentation, then CODE,
SLUG, SEVERITY, SUMMARY, TWILIO_ERROR, a BAD and a GOOD example, and ``check(context)``,
a generator of findings. This table is the registry: adding a rule is one module, one line
here, and its tests.
"""

from __future__ import annotations

from .. import checks
from ..diagnostic import Check, Diagnostic
from . import (
    conference_not_alone,
    deprecated_verb,
    dial_without_target,
    dual_channel_ignored,
    empty_message,
    empty_say,
    enqueue_name_too_long,
    events_without_callback,
    gather_without_action,
    invalid_send_digits,
    media_url_not_absolute,
    message_body_too_long,
    pay_action_not_https,
    phone_number_not_e164,
    play_digits_in_gather,
    recording_track_unsupported,
    recording_track_without_record,
    reject_not_first,
    response_too_large,
    say_too_long,
    start_last_verb,
    stream_url_query_string,
    time_limit_over_four_hours,
    too_many_dial_nouns,
    too_many_media,
    unreachable_verb,
    url_without_scheme,
    websocket_url_not_wss,
)
from ._base import Context, Finding, Rule

RULES: tuple[Rule, ...] = tuple(
    Rule.from_module(module)
    for module in (
        recording_track_without_record,
        recording_track_unsupported,
        dual_channel_ignored,
        unreachable_verb,
        url_without_scheme,
        phone_number_not_e164,
        empty_say,
        message_body_too_long,
        too_many_media,
        response_too_large,
        gather_without_action,
        play_digits_in_gather,
        media_url_not_absolute,
        websocket_url_not_wss,
        stream_url_query_string,
        reject_not_first,
        start_last_verb,
        dial_without_target,
        say_too_long,
        invalid_send_digits,
        enqueue_name_too_long,
        pay_action_not_https,
        empty_message,
        deprecated_verb,
        time_limit_over_four_hours,
        too_many_dial_nouns,
        conference_not_alone,
        events_without_callback,
    )
)

__all__ = ["ALL_CHECKS", "RULES", "Context", "Finding", "Rule", "find", "run"]


def run(context: Context, schema_findings: list[Diagnostic]) -> list[Diagnostic]:
    """The rules' findings on a parsed document, merged with the schema check's: where a rule
    explains a schema finding at the same place (``REPLACES``), the rule's finding stays."""
    found: list[Diagnostic] = []
    replaced: set[tuple[int, int, str]] = set()
    for rule in RULES:
        for diagnostic in rule.findings(context):
            found.append(diagnostic)
            replaced.update((diagnostic.line, diagnostic.column, r) for r in rule.replaces)
    kept = [d for d in schema_findings if (d.line, d.column, d.rule) not in replaced]
    return kept + found


def find(name: str) -> Check | None:
    """The rule or schema check with slug or code ``name``."""
    for check in ALL_CHECKS:
        if name in (check.rule, check.code):
            return check
    return None


#: Every check twimlkit runs: input and schema checks first, then the rules.
ALL_CHECKS: tuple[Check, ...] = (*checks.ALL, *RULES)
