"""The run-time half of the typed builder: what every generated element class shares.

The classes themselves (``twimlkit.voice``, ``twimlkit.messaging``) are generated from
``schemas/`` by ``tools/generate_builder.py``. Each class's ``__init__`` checks and escapes its
attributes once, at construction, into one ready string; serializing is then little more than
joining strings. Mistakes fail at the line that made them: a wrong child or a wrong type of
value raises ``TypeError``, a value outside the allowed set or range ``ValueError``; both name
the element and the attribute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import ClassVar

# XML 1.0 forbids these characters anywhere in a document, escaped or not.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_SPACE = " \t\n\r"


def _check_chars(value: str, where: str) -> None:
    bad = _FORBIDDEN.search(value)
    if bad:
        raise ValueError(
            f"{where}: character U+{ord(bad.group()):04X} is not allowed in XML 1.0 (in {value!r})"
        )


def escape_text(value: str, tag: str) -> str:
    """``value`` escaped as the text of element ``tag``; ``ValueError`` for a character XML
    forbids. ``isprintable()`` is a fast C check that is False for every control character
    (and for some harmless ones, which then take the slower exact path)."""
    if value.isprintable():
        if "&" in value or "<" in value or ">" in value:
            # str.replace beats str.translate by far on short strings.
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return value
    _check_chars(value, f"<{tag}> text")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Carriage returns are escaped so that XML parsers do not turn them into line feeds.
    return value.replace("\r", "&#13;")


def _escape_attr(value: str, where: str) -> str:
    if value and (value[0] in _XML_SPACE or value[-1] in _XML_SPACE):
        # The schema check's value-whitespace: Twilio is not documented to trim values.
        trimmed = value.strip(_XML_SPACE)
        if trimmed:
            raise ValueError(f"{where}: {value!r} has white space around it; write {trimmed!r}")
    if value.isprintable():
        if "&" in value or "<" in value or ">" in value or '"' in value:
            value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            return value.replace('"', "&quot;")
        return value
    _check_chars(value, where)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace('"', "&quot;")
    # White space other than the space is kept by writing it as a character reference.
    return value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def _type_error(where: str, expected: str, value: object) -> TypeError:
    return TypeError(f"{where}: expected {expected}, got {type(value).__name__} {value!r}")


def attr(name: str, value: str, where: str) -> str:
    """`` name="value"`` for free text, escaped."""
    if not isinstance(value, str):
        raise _type_error(where, "str", value)
    return f' {name}="{_escape_attr(value, where)}"'


def enum_attr(name: str, value: str, allowed: tuple[str, ...], where: str) -> str:
    """`` name="value"`` for a value from a closed set."""
    if value not in allowed:
        if not isinstance(value, str):
            raise _type_error(where, "str", value)
        raise ValueError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return f' {name}="{value}"'


def bool_attr(name: str, value: bool, where: str) -> str:
    """`` name="true"`` or `` name="false"``."""
    if value is True:
        return f' {name}="true"'
    if value is False:
        return f' {name}="false"'
    raise _type_error(where, "True or False", value)


def _bounds(low: object, high: object) -> str:
    if low is not None and high is not None:
        return f"{low} to {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def int_attr(name: str, value: int, low: int | None, high: int | None, where: str) -> str:
    """`` name="42"`` for a whole number within the documented bounds."""
    if type(value) is not int and (isinstance(value, bool) or not isinstance(value, int)):
        raise _type_error(where, "int", value)
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{where}: {value} is out of range ({_bounds(low, high)})")
    return f' {name}="{int(value)}"'


def decimal_attr(
    name: str, value: float | Decimal | str, low: str | None, high: str | None, where: str
) -> str:
    """`` name="10.00"`` for a decimal number within the documented bounds. Strings and
    :class:`~decimal.Decimal` keep their exact digits (money amounts stay "10.00")."""
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        text = str(value)
    else:
        raise _type_error(where, "a number", value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{where}: {value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{where}: {value!r} is not a finite number")
    if (low is not None and number < Decimal(low)) or (high is not None and number > Decimal(high)):
        raise ValueError(f"{where}: {text} is out of range ({_bounds(low, high)})")
    return f' {name}="{text}"'


def int_or_word_attr(
    name: str,
    value: int | str,
    low: int | None,
    high: int | None,
    words: tuple[str, ...],
    where: str,
) -> str:
    """`` name="5"`` or `` name="auto"``: a bounded whole number or one of a few words."""
    if isinstance(value, str):
        return enum_attr(name, value, words, where)
    return int_attr(name, value, low, high, where)


def pattern_attr(name: str, value: str, pattern: re.Pattern[str], where: str) -> str:
    """`` name="value"`` for text that must match the schema's ``pattern`` as a whole."""
    if not isinstance(value, str):
        raise _type_error(where, "str", value)
    if not pattern.fullmatch(value):
        raise ValueError(f"{where}: {value!r} does not have the form {pattern.pattern}")
    return f' {name}="{_escape_attr(value, where)}"'


# XML Schema's xs:language: a language tag such as en-US or cmn-CN.
_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")


def language_attr(name: str, value: str, where: str) -> str:
    """`` name="en-US"`` for a language tag."""
    if not isinstance(value, str):
        raise _type_error(where, "str", value)
    if not _LANGUAGE_TAG.fullmatch(value):
        raise ValueError(f"{where}: {value!r} is not a language tag such as en-US")
    return f' {name}="{value}"'


def list_attr(name: str, value: Sequence[str], allowed: tuple[str, ...] | None, where: str) -> str:
    """`` name="a b c"``: a space-separated list of values."""
    if (type(value) is not list and type(value) is not tuple) and (
        isinstance(value, str) or not isinstance(value, Sequence)
    ):
        raise _type_error(where, "a list of str", value)
    if allowed is not None:
        for item in value:
            if item not in allowed:
                if not isinstance(item, str):
                    raise _type_error(where, "str items", item)
                raise ValueError(f"{where}: {item!r} is not one of {', '.join(allowed)}")
        return f' {name}="{" ".join(value)}"'  # schema values need no escaping
    for item in value:
        if not isinstance(item, str):
            raise _type_error(where, "str items", item)
        if not item or item.split() != [item]:
            raise ValueError(f"{where}: list items cannot be empty or hold spaces: {item!r}")
    return f' {name}="{_escape_attr(" ".join(value), where)}"'


def required_text(text: str, tag: str) -> list[Element | str]:
    """The content of an element that must have text: ``text``, escaped."""
    if type(text) is not str:
        if not isinstance(text, str):
            raise _type_error(f"<{tag}> text", "str", text)
        text = str(text)
    if not text.strip(_XML_SPACE):
        raise ValueError(f"<{tag}> needs text content, got {text!r}")
    return [escape_text(text, tag)]


def optional_text(text: str | None, tag: str) -> list[Element | str]:
    """The content of an element whose text may be left out."""
    if text is None:
        return []
    if type(text) is not str:
        if not isinstance(text, str):
            raise _type_error(f"<{tag}> text", "str", text)
        text = str(text)
    if not text:
        return []
    return [escape_text(text, tag)]


def allow(parent: type[Element], *children: type[Element]) -> None:
    """Declare the child classes ``parent`` may hold (generated modules call this once)."""
    parent._allowed = children
    parent._allowed_exact = frozenset(children)


class Element:
    """A TwiML element: its tag, its attributes as one escaped string, and its content.

    Generated subclasses set :attr:`tag`, ``_allowed`` (the child classes this element may
    hold), ``_takes_text``, ``_shape`` and ``_attributes``, and define ``__init__`` with one
    keyword argument per attribute and an ``append`` typed with the children they take.
    """

    __slots__ = ("_attrs", "_content")

    #: The element's XML name.
    tag: ClassVar[str] = ""
    _allowed: ClassVar[tuple[type[Element], ...]] = ()
    _allowed_exact: ClassVar[frozenset[type[Element]]] = frozenset()  # for a fast type check
    _takes_text: ClassVar[bool] = False
    #: How the constructor takes content: "children" (elements), "mixed" (elements and text),
    #: "text" (required text), "optional-text", or "empty".
    _shape: ClassVar[str] = "empty"
    #: (XML attribute name, keyword argument name, how twimlkit.parse converts the value)
    _attributes: ClassVar[tuple[tuple[str, str, str], ...]] = ()

    _attrs: str
    _content: list[Element | str]

    def _add(self, content: tuple[object, ...]) -> None:
        """Check ``content`` (children and text) and add it at the end, escaped."""
        items = self._content
        append = items.append
        exact = self._allowed_exact
        for item in content:
            if type(item) in exact:
                append(item)  # type: ignore[arg-type]
            elif type(item) is str:
                if not self._takes_text:
                    raise TypeError(f"<{self.tag}> takes no text, got {item!r}")
                if item:
                    append(escape_text(item, self.tag))
            elif isinstance(item, self._allowed):
                append(item)
            elif isinstance(item, Element):
                raise TypeError(self._misplaced(item))
            elif isinstance(item, str):  # a str subclass
                self._add((str(item),))
            else:
                what = "TwiML elements or str" if self._takes_text else "TwiML elements"
                raise TypeError(
                    f"<{self.tag}> content must be {what}, got {type(item).__name__} {item!r}"
                )

    def _misplaced(self, item: Element) -> str:
        if not self._allowed:
            return f"<{item.tag}> is not allowed inside <{self.tag}>, which takes no elements"
        names = ", ".join(f"<{cls.tag}>" for cls in self._allowed)
        return f"<{item.tag}> is not allowed inside <{self.tag}>; it may contain {names}"

    def _write(self, out: list[str]) -> None:
        content = self._content
        if not content:
            out.append(f"<{self.tag}{self._attrs}/>")
            return
        if len(content) == 1 and isinstance(content[0], str):
            out.append(f"<{self.tag}{self._attrs}>{content[0]}</{self.tag}>")
            return
        append = out.append
        append(f"<{self.tag}{self._attrs}>")
        for item in content:
            if isinstance(item, str):
                append(item)
                continue
            # Leaves, the most common children, are written here without another call.
            inner = item._content
            if not inner:
                append(f"<{item.tag}{item._attrs}/>")
            elif len(inner) == 1 and isinstance(inner[0], str):
                tag = item.tag
                append(f"<{tag}{item._attrs}>{inner[0]}</{tag}>")
            else:
                item._write(out)
        append(f"</{self.tag}>")

    def _write_pretty(self, out: list[str], depth: int) -> None:
        pad = "  " * depth
        content = self._content
        if not content:
            out.append(f"{pad}<{self.tag}{self._attrs}/>\n")
            return
        if all(isinstance(item, str) for item in content):
            text = "".join(item for item in content if isinstance(item, str))
            out.append(f"{pad}<{self.tag}{self._attrs}>{text}</{self.tag}>\n")
            return
        out.append(f"{pad}<{self.tag}{self._attrs}>\n")
        for item in content:
            if isinstance(item, Element):
                item._write_pretty(out, depth + 1)
            elif item.strip():
                out.append(f"{pad}  {' '.join(item.split())}\n")
        out.append(f"{pad}</{self.tag}>\n")

    def to_xml(self, *, pretty: bool = False) -> str:
        """This element as XML text. ``pretty`` puts each element on a line of its own,
        indented two spaces a level (text inside mixed content is folded onto its own line)."""
        out: list[str] = []
        if pretty:
            self._write_pretty(out, 0)
            return "".join(out)
        self._write(out)
        return "".join(out)

    def __str__(self) -> str:
        return self.to_xml()

    def __html__(self) -> str:
        """Markup for Jinja2 and MarkupSafe: inserted as is, never escaped a second time."""
        return self.to_xml()

    def __repr__(self) -> str:
        xml = self.to_xml()
        return f"{type(self).__name__}({xml if len(xml) <= 80 else xml[:77] + '...'})"

    # Equality: same tag, same attributes in any order, same content once insignificant white
    # space is dropped. Elements are mutable (append), so they are not hashable.

    def _key(self) -> tuple[object, ...]:
        attrs = tuple(sorted(_ATTRIBUTE.findall(self._attrs)))
        content: list[object] = []
        text = ""
        for item in self._content:
            if isinstance(item, Element):
                if _fold(text):
                    content.append(_fold(text))
                text = ""
                content.append(item._key())
            else:
                text += item
        if _fold(text):
            content.append(_fold(text))
        return (self.tag, attrs, tuple(content))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Element):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]


_ATTRIBUTE = re.compile(r' [^=]+="[^"]*"')
_XML_SPACE_RUN = re.compile("[ \t\n\r]+")


def _fold(text: str) -> str:
    """``text`` with runs of XML white space made one space, and none at either end."""
    return _XML_SPACE_RUN.sub(" ", text).strip(_XML_SPACE)
