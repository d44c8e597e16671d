"""What a type accepts and why a value does not fit it, told in plain words from the schema's
own facts."""

from __future__ import annotations

from .model import SchemaModel
from .suggest import did_you_mean

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
        allowed = schema.enumeration(simple.list_of)
        items = value.split()
        wrong = [item for item in items if not schema.accepts(simple.list_of, item)]
        if (
            "," in value
            and allowed
            and not wrong[1:]
            and all(part.strip() in allowed for part in value.split(","))
        ):
            return f"{value!r} separates its items with commas; use spaces, as in " + repr(
                " ".join(part.strip() for part in value.split(","))
            )
        if wrong and allowed:
            return f"{wrong[0]!r} is not one of {one_of(allowed)}" + did_you_mean(wrong[0], allowed)
        if wrong:
            return f"{wrong[0]!r} is not {describe(schema, simple.list_of)}"
        return f"{value!r} is not {describe(schema, type_name)}"
    allowed = schema.enumeration(type_name)
    if allowed:
        return f"{value!r} is not one of {one_of(allowed)}" + did_you_mean(value, allowed)
    return f"{value!r} is not {describe(schema, type_name)}"
