"""What a type accepts and why a value does not fit it, told in plain words from the schema's
own facts."""

from __future__ import annotations

import re

from .model import SchemaModel
from .suggest import did_you_mean, suggest

_BUILTIN_WORDS = {
    "xs:integer": "a whole number",
    "xs:decimal": "a number",
    "xs:language": "a language tag such as en-US",
    "xs:string": "text",
    "xs:token": "text",
}


def one_of(values: tuple[str, ...]) -> str:
    """``a, b, c``, shortened after twelve values."""
    shown = [repr(v) if v == "" else v for v in values]
    if len(shown) > 12:
        return ", ".join(shown[:12]) + f", ... ({len(shown)} values)"
    return ", ".join(shown)


def describe(schema: SchemaModel, type_name: str) -> str:
    """A short phrase for what ``type_name`` accepts: "a whole number from 5 to 600"."""
    simple = schema.simple_types.get(type_name)
    if simple is None:
        return _BUILTIN_WORDS.get(type_name, "text")
    if simple.enumeration:
        return "one of " + one_of(simple.enumeration)
    if simple.list_of:
        return "a space-separated list of " + describe(schema, simple.list_of).removeprefix(
            "one of "
        )
    if simple.members:
        return " or ".join(_member(schema, member) for member in simple.members)
    words = describe(schema, simple.base) if simple.base else "text"
    if simple.pattern:
        return f"{words} of the form {simple.pattern}"
    if simple.minimum is not None and simple.maximum is not None:
        return f"{words} from {simple.minimum} to {simple.maximum}"
    if simple.minimum is not None:
        return f"{words} of at least {simple.minimum}"
    if simple.maximum is not None:
        return f"{words} of at most {simple.maximum}"
    return words


def _member(schema: SchemaModel, type_name: str) -> str:
    """Like :func:`describe`, but a single allowed word is named bare: "auto"."""
    allowed = schema.enumeration(type_name)
    return allowed[0] if len(allowed) == 1 else describe(schema, type_name)


def explain(schema: SchemaModel, type_name: str, value: str) -> str:
    """Why ``value`` is not a valid ``type_name``, with a suggestion where one is close."""
    simple = schema.simple_types.get(type_name)
    if simple is not None and simple.list_of:
        allowed, _, wrong, spaced = _list_value(schema, simple.list_of, value)
        if spaced is not None:
            separators = "commas" if "," in value else "semicolons"
            if spaced.split() == _words(value):
                return (
                    f"{value!r} separates its items with {separators}; use spaces, as in {spaced!r}"
                )
            return (
                f"{value!r} separates its items with {separators}; use spaces and Twilio's "
                f"case: {spaced!r}"
            )
        if wrong and allowed:
            hint = "" if _SEPARATORS.search(wrong[0]) else did_you_mean(wrong[0], allowed)
            return f"{wrong[0]!r} is not one of {one_of(allowed)}" + hint
        if wrong:
            return f"{wrong[0]!r} is not {describe(schema, simple.list_of)}"
        return f"{value!r} is not {describe(schema, type_name)}"
    allowed = schema.enumeration(type_name)
    if allowed:
        return f"{value!r} is not one of {one_of(allowed)}" + did_you_mean(value, allowed)
    return f"{value!r} is not {describe(schema, type_name)}"


#: What authors write between the items of a list instead of a space.
_SEPARATORS = re.compile(r"[,;]")


def _words(value: str) -> list[str]:
    """The items of a list written with commas, semicolons or spaces between them."""
    return [word for word in re.split(r"[,;\s]+", value) if word]


def _list_value(
    schema: SchemaModel, item_type: str, value: str
) -> tuple[tuple[str, ...], list[str], list[str], str | None]:
    """What a list ``value`` of ``item_type`` is made of: the item type's allowed words (if it
    is a closed set), the items, those the item type refuses, and the value with spaces for
    commas (:func:`_spaced`), if that is what it needs."""
    allowed = schema.enumeration(item_type)
    items = value.split()
    wrong = [item for item in items if not schema.accepts(item_type, item)]
    return allowed, items, wrong, _spaced(value, allowed)


def _spaced(value: str, allowed: tuple[str, ...]) -> str | None:
    """A list of ``allowed`` words written with commas or semicolons between them (and maybe
    spaces too, or an item left empty), written as XML Schema writes a list: the same words,
    each in Twilio's case, a space between each two."""
    if not _SEPARATORS.search(value) or not allowed:
        return None
    spelt = {word.casefold(): word for word in allowed}
    words = _words(value)
    if not words or not all(word.casefold() in spelt for word in words):
        return None
    return " ".join(spelt[word.casefold()] for word in words)


def correction(schema: SchemaModel, type_name: str, value: str) -> tuple[str, bool] | None:
    """The value :func:`explain` tells the author to write instead of ``value``, if it names
    one, and whether writing it is safe: ``True`` for a list written with commas or
    semicolons (the same items, as the schema spells a list, each in Twilio's case, as
    value-wrong-case writes a word), ``False`` for the closest allowed value to a misspelt
    one (it makes the attribute take effect as it did not). Never a list that loses an item."""
    simple = schema.simple_types.get(type_name)
    if simple is not None and simple.list_of:
        allowed, items, wrong, spaced = _list_value(schema, simple.list_of, value)
        if spaced is not None:
            found, safe = spaced, True
        elif allowed and len(set(wrong)) == 1 and not _SEPARATORS.search(wrong[0]):
            suggestion = suggest(wrong[0], allowed)
            if suggestion is None:
                return None
            found = " ".join(suggestion if item == wrong[0] else item for item in items)
            safe = False
        else:
            return None
    else:
        allowed = schema.enumeration(type_name)
        suggestion = suggest(value, allowed) if allowed else None
        if suggestion is None:
            return None
        found, safe = suggestion, False
    return (found, safe) if found != value and schema.accepts(type_name, found) else None
