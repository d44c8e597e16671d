"""twimlkit's semantic rules: TwiML that is valid against the schema and still wrong.

Each rule is one module in this package: its docstring is its documentation, then CODE,
SLUG, SEVERITY, SUMMARY, TWILIO_ERROR, a BAD and a GOOD example, and ``check(context)``,
a generator of findings. This table is the registry: adding a rule is one module, one line
here, and its tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeAlias

from lxml import etree

from ..diagnostic import Diagnostic
from . import (
    conference_not_alone,
    deprecated_verb,
    dial_timeout_out_of_range,
    dial_without_target,
    dual_channel_ignored,
    empty_message,
    empty_say,
    enqueue_name_too_long,
    events_without_callback,
    gather_without_action,
    inline_twiml_relative_url,
    inline_twiml_too_long,
    invalid_send_digits,
    media_url_not_absolute,
    message_body_too_long,
    pay_action_not_https,
    phone_number_invalid,
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
from ._base import Context, DocumentCheck, ElementCheck, Finding, Rule

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
        phone_number_invalid,
        dial_timeout_out_of_range,
        inline_twiml_too_long,
        inline_twiml_relative_url,
    )
)

__all__ = ["RULES", "Context", "Finding", "Rule", "explained", "run"]

_Trigger: TypeAlias = "Callable[[str], bool] | None"
_ElementEntry: TypeAlias = "tuple[Rule, ElementCheck, _Trigger, frozenset[str] | None]"


class _Table(NamedTuple):
    """The rules of one context, laid out for the walk: by element name, and for the whole
    document."""

    document: tuple[tuple[Rule, DocumentCheck, _Trigger], ...]
    by_tag: dict[str, list[_ElementEntry]]

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> _Table:
        by_tag: dict[str, list[_ElementEntry]] = {}
        document: list[tuple[Rule, DocumentCheck, _Trigger]] = []
        for rule in rules:
            if rule.check_document is not None:
                document.append((rule, rule.check_document, rule.trigger))
            if rule.check_element is None:
                continue
            entry = (rule, rule.check_element, rule.trigger, rule.attributes)
            for tag in rule.elements:
                by_tag.setdefault(tag, []).append(entry)
        return cls(tuple(document), by_tag)


#: The rules for a document served from a URL, and for TwiML sent inline in a REST request.
_TABLES = {
    False: _Table.of(tuple(rule for rule in RULES if not rule.inline_only)),
    True: _Table.of(RULES),
}


def run(context: Context, schema_findings: list[Diagnostic]) -> list[Diagnostic]:
    """The rules' findings on a parsed document, in one walk of its elements, after the
    schema check's. A rule whose trigger the document's text fails is skipped. Where a rule's
    finding explains another at the same place, :func:`explained` keeps only the rule's."""
    found: list[Diagnostic] = []
    text = context.document.text
    table = _TABLES[context.inline]
    # Each rule's trigger is asked once a document, however many elements it looks at. A
    # character reference (&#100;) can spell any word a trigger looks for: with one in the
    # document, every trigger passes.
    passes: dict[object, bool] = {}
    escaped = "&#" in text
    for rule, check_document, trigger in table.document:
        if trigger is None or escaped or trigger(text):
            for finding in check_document(context):
                found.append(rule.diagnostic(context, finding))
    by_tag = table.by_tag
    for element in context.root.iter(etree.Element):
        here = by_tag.get(element.tag)
        if here is not None:
            keys: Sequence[str | bytes] = ()
            for rule, check, trigger, needs in here:
                if needs is not None:
                    if not keys:
                        keys = element.keys()
                    if needs.isdisjoint(keys):
                        continue
                if trigger is not None and not escaped:
                    passed = passes.get(trigger)
                    if passed is None:
                        passed = passes[trigger] = trigger(text)
                    if not passed:
                        continue
                for finding in check(context, element):
                    found.append(rule.diagnostic(context, finding))
    return schema_findings + found


def explained(found: list[Diagnostic]) -> list[Diagnostic]:
    """``found`` without the findings that a rule's own finding at the same place explains
    better (``REPLACES``): applied to what survives the document's suppression comments, so
    that silencing the better finding brings the other back."""
    replaced = {(d.line, d.column, slug) for d in found for slug in _REPLACES.get(d.rule, ())}
    if not replaced:
        return found
    return [d for d in found if (d.line, d.column, d.rule) not in replaced]


_REPLACES = {rule.rule: rule.replaces for rule in RULES if rule.replaces}
