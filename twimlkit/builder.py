"""The run-time half of the typed builder: what every generated element class shares.

The classes themselves (``twimlkit.voice``, ``twimlkit.messaging`` and ``twimlkit.message``,
which both share) are generated from ``schemas/`` by ``tools/generate_builder.py``. Each class
declares its attributes as :class:`Attribute` objects, each with a value type that knows how
to check a Python value and turn it into text, and has its own constructor, which takes each
keyword directly and calls the value type's function (``_text_value`` and so on) for it.

Every value is converted once, when the element is built, into the exact text that is checked
and written; the Python value given is kept beside it, so that ``Gather(num_digits=4)
.num_digits == 4``. Mistakes fail at the line that made them: a wrong child, a wrong type of
value or an unknown keyword raises ``TypeError``, a value outside the allowed set or range
``ValueError``; both name the element and the attribute.

A tree is never deeper than twimlkit reads back, :data:`twimlkit.limits.MAX_DEPTH` levels of
elements. Only the SSML elements can hold one another without end; appending to one of them
raises ``ValueError`` when its own tree would get too deep, or would hold itself. An element
does not know where it is held, so a tree that grows too deep below an element already inside
it is refused when it is written (``to_xml()``, ``str()``) or compared, with ``ValueError``
too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar, cast, overload

from .document import XML_SPACE
from .limits import MAX_DEPTH
from .schema.model import collapse, form_of
from .schema.suggest import did_you_mean

# XML 1.0 forbids these characters anywhere in a document, escaped or not.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


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


def _unescape_text(written: str) -> str:
    """Text as :func:`escape_text` was given it, from what it wrote."""
    if "&" not in written:
        return written
    written = written.replace("&#13;", "\r").replace("&gt;", ">").replace("&lt;", "<")
    return written.replace("&amp;", "&")


def _refuse_padding(value: str, where: str) -> None:
    """The schema check's value-whitespace: Twilio is not documented to trim values."""
    trimmed = value.strip(XML_SPACE)
    if trimmed:
        raise ValueError(f"{where}: {value!r} has white space around it; write {trimmed!r}")


def _escape_attribute(value: str, where: str) -> str:
    """``value`` escaped for an attribute written between double quotes."""
    if value and (value[0] in XML_SPACE or value[-1] in XML_SPACE):
        _refuse_padding(value, where)
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


def _plain(value: object) -> object:
    """``value`` as the plain Python value it stands for: an :class:`~enum.Enum` member as its
    ``value``, a ``str`` subclass as its content (never through its own ``__str__``)."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str) and type(value) is not str:
        return str.__str__(value)
    return value


def written(value: object) -> str:
    """How twimlkit writes a Python value as TwiML text where no attribute type says more
    (a value a template inserts): an enum member as its value, a ``str`` subclass as its
    content, ``True``/``False`` as ``true``/``false`` (TwiML's spelling), a ``float`` or
    ``Decimal`` in positional notation (``0.0000001``, never ``1e-07``), anything else as
    ``str()`` gives it."""
    value = _plain(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    return str(value)


def _text(value: object, where: str) -> str:
    if type(value) is str:
        return value
    value = _plain(value)
    if not isinstance(value, str):
        raise _type_error(where, "str", value)
    return value


# -- value types ---------------------------------------------------------------------------


class ValueKind(Enum):
    """What kind of value an attribute takes; :func:`twimlkit.parse` reads XML text back into
    a Python value by its kind."""

    TEXT = "text"
    """Any text, as ``str``."""
    CHOICE = "choice"
    """One word of a closed set, as ``str``."""
    BOOLEAN = "boolean"
    """``True`` or ``False``, written ``true`` or ``false``."""
    CHOICE_OR_BOOLEAN = "choice-or-boolean"
    """One word of a closed set, or ``True``/``False`` written ``true``/``false``."""
    INTEGER = "integer"
    """A whole number, as ``int``."""
    DECIMAL = "decimal"
    """A decimal number, as ``float``, ``Decimal``, ``int`` or ``str``."""
    INTEGER_OR_WORD = "integer-or-word"
    """A whole number, or one of a few words."""
    LIST = "list"
    """A sequence of words, written space-separated."""
    PATTERN = "pattern"
    """Text of a form given by a regular expression."""
    LANGUAGE = "language"
    """A language tag such as ``en-US``."""


T = TypeVar("T")

# -- writing one value -----------------------------------------------------------------------
# Each function checks one value of a kind and returns it as written, `` name="text"``, with
# ``prefix`` being `` name="`` and ``where`` naming the element and attribute in errors. The
# generated constructors call them directly; each Attribute's ``render`` calls the same one.


def _text_value(prefix: str, value: object, where: str) -> str:
    if type(value) is not str:
        value = _text(value, where)
    if value and (value[0] in XML_SPACE or value[-1] in XML_SPACE):
        _refuse_padding(value, where)
    if value.isprintable():  # the common case, without another call
        if "&" in value or "<" in value or ">" in value or '"' in value:
            value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            value = value.replace('"', "&quot;")
        return f'{prefix}{value}"'
    return f'{prefix}{_escape_attribute(value, where)}"'


def _one_of(value: str, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        hint = did_you_mean(value, allowed)
        raise ValueError(f"{where}: {value!r} is not one of {', '.join(allowed)}{hint}")
    return value


def _choice_value(prefix: str, value: object, where: str, values: tuple[str, ...]) -> str:
    """One of ``values``, written as it is (schema words need no escaping)."""
    if type(value) is not str or value not in values:
        value = _one_of(_text(value, where), values, where)
    return f'{prefix}{value}"'


def _boolean_value(prefix: str, value: object, where: str) -> str:
    if value is True:
        return f'{prefix}true"'
    if value is False:
        return f'{prefix}false"'
    raise _type_error(where, "True or False", value)


def _choice_or_boolean_value(
    prefix: str, value: object, where: str, values: tuple[str, ...]
) -> str:
    if value is True:
        return f'{prefix}true"'
    if value is False:
        return f'{prefix}false"'
    if type(value) is not str or value not in values:
        value = _one_of(_text(value, where), values, where)
    return f'{prefix}{value}"'


def _bounds(low: object, high: object) -> str:
    if low is not None and high is not None:
        return f"{low} to {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def _integer_value(
    prefix: str, value: object, where: str, low: int | None, high: int | None
) -> str:
    """``bool`` is refused; an ``int`` subclass such as an ``IntEnum`` member is written as its
    plain number."""
    if type(value) is not int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _type_error(where, "int", value)
        value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{where}: {value} is out of range ({_bounds(low, high)})")
    return f'{prefix}{value}"'


# XML Schema's xs:decimal, as written: no exponent, no white space, no underscores. The form
# is the schema model's, so the builder and the validator cannot disagree.
_DECIMAL = form_of("xs:decimal")


def _decimal_value(
    prefix: str, value: object, where: str, low: str | None, high: str | None
) -> str:
    """A ``str`` is written as given (so money amounts stay "10.00") once it has xs:decimal's
    form; a ``float`` or ``Decimal`` is written in positional notation, never with an
    exponent; ``nan`` and infinities are refused."""
    value = _plain(value)
    if isinstance(value, str):
        if not _DECIMAL.fullmatch(value):
            raise ValueError(f"{where}: {value!r} is not a number such as 10 or 0.5")
        text = value
    elif isinstance(value, float):
        # repr() gives the shortest digits that read back as the same float.
        number = Decimal(repr(value))
        if not number.is_finite():
            raise ValueError(f"{where}: {value!r} is not a finite number")
        text = format(number, "f")
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{where}: {value!r} is not a finite number")
        text = format(value, "f")
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(int(value))
    else:
        raise _type_error(where, "a number", value)
    number = Decimal(text)
    if (low is not None and number < Decimal(low)) or (high is not None and number > Decimal(high)):
        raise ValueError(f"{where}: {text} is out of range ({_bounds(low, high)})")
    return f'{prefix}{text}"'


def _integer_or_word_value(
    prefix: str,
    value: object,
    where: str,
    low: int | None,
    high: int | None,
    words: tuple[str, ...],
) -> str:
    if isinstance(value, (str, Enum)):
        value = _plain(value)
        if isinstance(value, str):
            return f'{prefix}{_one_of(value, words, where)}"'
    return _integer_value(prefix, value, where, low, high)


def _list_value(
    prefix: str, value: object, where: str, values: tuple[str, ...] | None = None
) -> str:
    """A sequence of words written space-separated: words of ``values`` when given, else any
    words without white space."""
    if (type(value) is not list and type(value) is not tuple) and (
        isinstance(value, str) or not isinstance(value, Sequence)
    ):
        raise _type_error(where, "a list of str", value)
    if values is not None:
        for item in value:
            if type(item) is not str or item not in values:
                break
        else:
            return f'{prefix}{" ".join(value)}"'  # schema words need no escaping
        items = [_one_of(_text(item, where), values, where) for item in value]
        return f'{prefix}{" ".join(items)}"'
    items = [_text(item, where) for item in value]
    for item in items:
        if not item or item.split() != [item]:
            raise ValueError(f"{where}: list items cannot be empty or hold spaces: {item!r}")
    return f'{prefix}{_escape_attribute(" ".join(items), where)}"'


def _pattern_value(prefix: str, value: object, where: str, pattern: re.Pattern[str]) -> str:
    """Text that matches ``pattern`` as a whole (XSD patterns match whole values)."""
    text = _text(value, where)
    if not pattern.fullmatch(text):
        raise ValueError(f"{where}: {text!r} does not have the form {pattern.pattern}")
    return f'{prefix}{_escape_attribute(text, where)}"'


# XML Schema's xs:language: a language tag such as en-US or cmn-CN.
_LANGUAGE_TAG = form_of("xs:language")


def _language_value(prefix: str, value: object, where: str) -> str:
    text = _text(value, where)
    if not _LANGUAGE_TAG.fullmatch(text):
        raise ValueError(f"{where}: {text!r} is not a language tag such as en-US")
    return f'{prefix}{text}"'


# -- attributes ------------------------------------------------------------------------------


class Attribute(Generic[T]):
    """One attribute of an element class: its XML ``name``, its keyword argument, whether it
    is required, and (by its subclass, one a :class:`ValueKind`) how a value is checked and
    written. On an element, it reads back the Python value given for it (``None`` when the
    attribute is absent)."""

    __slots__ = ("index", "keyword", "name", "prefix", "required", "where")
    kind: ClassVar[ValueKind]

    def __init__(self, name: str, keyword: str, *, required: bool = False) -> None:
        self.name = name
        self.keyword = keyword
        self.required = required
        self.where = f"attribute {name}"
        self.prefix = f' {name}="'
        self.index = 0  # its place among its class's attributes, set by the class

    def __set_name__(self, owner: type[Element], name: str) -> None:
        if name != self.keyword:
            raise TypeError(f"{owner.__name__}.{name} declares the keyword {self.keyword}")
        self.where = f"<{owner.tag}> attribute {self.name}"

    def render(self, value: object) -> str:
        """`` name="text"``: ``value`` checked, converted to its text and escaped."""
        raise NotImplementedError

    @overload
    def __get__(self, instance: None, owner: type[Element]) -> Attribute[T]: ...

    @overload
    def __get__(self, instance: Element, owner: type[Element]) -> T | None: ...

    def __get__(self, instance: Element | None, owner: type[Element]) -> Attribute[T] | T | None:
        if instance is None:
            return self
        values = instance._values
        return cast("T | None", values[self.index] if values else None)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, {self.keyword!r})"


class TextAttribute(Attribute[T]):
    __slots__ = ()
    kind = ValueKind.TEXT

    def render(self, value: object) -> str:
        return _text_value(self.prefix, value, self.where)


class ChoiceAttribute(Attribute[T]):
    """One of ``values``, which are written as they are (schema words need no escaping)."""

    __slots__ = ("values",)
    kind = ValueKind.CHOICE

    def __init__(
        self, name: str, keyword: str, values: tuple[str, ...], *, required: bool = False
    ) -> None:
        super().__init__(name, keyword, required=required)
        self.values = values

    def render(self, value: object) -> str:
        return _choice_value(self.prefix, value, self.where, self.values)


class BooleanAttribute(Attribute[T]):
    __slots__ = ()
    kind = ValueKind.BOOLEAN

    def render(self, value: object) -> str:
        return _boolean_value(self.prefix, value, self.where)


class ChoiceOrBooleanAttribute(ChoiceAttribute[T]):
    """One of ``values`` (among them the words true and false), or a Python bool."""

    __slots__ = ()
    kind = ValueKind.CHOICE_OR_BOOLEAN

    def render(self, value: object) -> str:
        return _choice_or_boolean_value(self.prefix, value, self.where, self.values)


class _BoundedAttribute(Attribute[T]):
    """A number with bounds from the schema (``low``, ``high``; either may be None), kept in
    the form the kind of number checks them in."""

    __slots__ = ("high", "low")

    def __init__(
        self,
        name: str,
        keyword: str,
        low: Any = None,
        high: Any = None,
        *,
        required: bool = False,
    ) -> None:
        super().__init__(name, keyword, required=required)
        self.low = low
        self.high = high


class IntegerAttribute(_BoundedAttribute[T]):
    """A whole number within ``low`` and ``high`` (either may be None). ``bool`` is refused;
    an ``int`` subclass such as an ``IntEnum`` member is written as its plain number."""

    __slots__ = ()
    kind = ValueKind.INTEGER

    def render(self, value: object) -> str:
        return _integer_value(self.prefix, value, self.where, self.low, self.high)


class DecimalAttribute(_BoundedAttribute[T]):
    """A decimal number within ``low`` and ``high``. A ``str`` is written as given (so money
    amounts stay "10.00") once it has xs:decimal's form; a ``float`` or ``Decimal`` is written
    in positional notation, never with an exponent; ``nan`` and infinities are refused."""

    __slots__ = ()
    kind = ValueKind.DECIMAL

    def render(self, value: object) -> str:
        return _decimal_value(self.prefix, value, self.where, self.low, self.high)


class IntegerOrWordAttribute(IntegerAttribute[T]):
    """A bounded whole number, or one of a few words (``speechTimeout="auto"``)."""

    __slots__ = ("words",)
    kind = ValueKind.INTEGER_OR_WORD

    def __init__(
        self,
        name: str,
        keyword: str,
        low: int | None,
        high: int | None,
        words: tuple[str, ...],
        *,
        required: bool = False,
    ) -> None:
        super().__init__(name, keyword, low, high, required=required)
        self.words = words

    def render(self, value: object) -> str:
        return _integer_or_word_value(
            self.prefix, value, self.where, self.low, self.high, self.words
        )


class ListAttribute(Attribute[T]):
    """A sequence of words written space-separated: words of ``values`` when given, else
    any words without white space."""

    __slots__ = ("values",)
    kind = ValueKind.LIST

    def __init__(
        self,
        name: str,
        keyword: str,
        values: tuple[str, ...] | None = None,
        *,
        required: bool = False,
    ) -> None:
        super().__init__(name, keyword, required=required)
        self.values = values

    def render(self, value: object) -> str:
        return _list_value(self.prefix, value, self.where, self.values)


class PatternAttribute(Attribute[T]):
    """Text that matches ``pattern`` as a whole (XSD patterns match whole values)."""

    __slots__ = ("pattern",)
    kind = ValueKind.PATTERN

    def __init__(
        self, name: str, keyword: str, pattern: re.Pattern[str], *, required: bool = False
    ) -> None:
        super().__init__(name, keyword, required=required)
        self.pattern = pattern

    def render(self, value: object) -> str:
        return _pattern_value(self.prefix, value, self.where, self.pattern)


class LanguageAttribute(Attribute[T]):
    __slots__ = ()
    kind = ValueKind.LANGUAGE

    def render(self, value: object) -> str:
        return _language_value(self.prefix, value, self.where)


# -- elements ------------------------------------------------------------------------------


class Content(Enum):
    """What an element holds besides its attributes, and so how it is built."""

    EMPTY = "empty"
    """Nothing: ``Hangup()``."""
    TEXT = "text"
    """Text that must be present, given first: ``Number("+15551239876")``."""
    OPTIONAL_TEXT = "optional-text"
    """Text that may be left out, given first: ``Play()``, ``Play(url)``."""
    CHILDREN = "children"
    """Elements: ``Gather(Say(...), Play(...))``; ``append()`` adds more."""
    MIXED = "mixed"
    """Elements and text in any order: ``Say("Hi ", Break())``; ``append()`` adds more."""


# A plain XML attribute name, for extra_attributes: no prefix, which would need a namespace,
# and nothing starting with "xml" (reserved; xmlns would change what the element is).
_EXTRA_NAME = re.compile(r"(?![Xx][Mm][Ll])[A-Za-z_][-A-Za-z0-9._]*")


def allow(parent: type[Element], *children: type[Element]) -> None:
    """Declare the child classes ``parent`` may hold (generated modules call this once)."""
    parent._allowed = children
    parent._allowed_exact = frozenset(children)


def _find_nesting(cls: type[Element]) -> bool:
    """Whether an element of ``cls`` can hold, at any depth, an element of ``cls``; kept as
    ``cls._nests``."""
    seen: set[type[Element]] = set()
    todo = list(cls._allowed)
    while todo:
        child = todo.pop()
        if issubclass(cls, child):
            cls._nests = True
            return True
        if child not in seen:
            seen.add(child)
            todo.extend(child._allowed)
    cls._nests = False
    return False


def _height(root: Element, parent: Element) -> int | None:
    """How many levels of elements ``root``'s tree has, or ``None`` if ``parent`` is in it.
    Walked without recursion; an element held in several places is measured once."""
    heights: dict[int, int] = {}
    todo: list[tuple[Element, bool]] = [(root, False)]
    while todo:
        element, measured = todo.pop()
        if measured:
            below = [heights[id(i)] for i in element._content if isinstance(i, Element)]
            heights[id(element)] = 1 + max(below, default=0)
        elif id(element) not in heights:
            if element is parent:
                return None
            todo.append((element, True))
            todo += [(i, False) for i in element._content if isinstance(i, Element)]
    return heights[id(root)]


class _TooDeep(ValueError):
    """Raised while writing or comparing a tree deeper than MAX_DEPTH, where it is found; the
    method called turns it into the ``ValueError`` the caller sees."""

    def refusal(self, top: Element) -> ValueError:
        return ValueError(
            f"elements are nested too deeply under <{top.tag}>: {self}, and twimlkit reads at"
            f" most {MAX_DEPTH} levels of elements (twimlkit.limits.MAX_DEPTH)"
        )


class Element:
    """A TwiML element: its tag, its attributes, and its content.

    Generated subclasses derive from one of :class:`EmptyElement`, :class:`TextElement`,
    :class:`OptionalTextElement`, :class:`ParentElement` and :class:`MixedElement` (their
    :attr:`content`), set :attr:`tag`, declare one :class:`Attribute` per XML attribute and
    a typed ``__init__`` for type checkers; elements that hold children have a typed
    ``append``. Every constructor also takes ``extra_attributes``: a mapping of attribute
    names the schema does not know yet to their text, written escaped as given.
    ``twimlkit.validate()`` still reports those as unknown attributes.
    """

    __slots__ = ("_attrs", "_content", "_values")

    #: The element's XML name.
    tag: ClassVar[str] = ""
    #: What the element holds besides attributes.
    content: ClassVar[Content] = Content.EMPTY
    _allowed: ClassVar[tuple[type[Element], ...]] = ()
    _allowed_exact: ClassVar[frozenset[type[Element]]] = frozenset()  # for a fast type check
    _takes_text: ClassVar[bool] = False
    # Whether an element of this class can end up inside another of its class (the SSML
    # elements can): only then can a tree grow deep, or hold itself. Found on first use.
    _nests: ClassVar[bool | None] = None
    _by_keyword: ClassVar[dict[str, Attribute[Any]]] = {}
    # For each keyword, the method that writes its `` name="text"``.
    _writers: ClassVar[dict[str, Callable[[object], str]]] = {}
    _required: ClassVar[frozenset[str]] = frozenset()

    #: The attributes as written: each `` name="text"``, sorted by name, so that equal
    #: attributes give equal strings.
    _attrs: str
    #: The Python value given for each attribute, in the order of :meth:`attributes`, for
    #: reading back; empty when none was given.
    _values: tuple[object, ...]
    _content: list[Element | str] | tuple[str, ...]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        attributes = [a for a in vars(cls).values() if isinstance(a, Attribute)]
        if attributes:
            for index, attribute in enumerate(attributes):
                attribute.index = index
            cls._by_keyword = {a.keyword: a for a in attributes}
            cls._writers = {a.keyword: a.render for a in attributes}
            cls._required = frozenset(a.keyword for a in attributes if a.required)

    @property
    def children(self) -> tuple[Element, ...]:
        """The elements this one holds, in order (its text left out)."""
        return tuple(item for item in self._content if not isinstance(item, str))

    @property
    def text(self) -> str:
        """The text this element holds itself (not its children's), as it was given."""
        return "".join(_unescape_text(item) for item in self._content if isinstance(item, str))

    @classmethod
    def attributes(cls) -> tuple[Attribute[Any], ...]:
        """The attributes this element may have, sorted by XML name."""
        return tuple(cls._by_keyword.values())

    def _set_attributes(self, given: dict[str, Any], extra: Mapping[str, str] | None) -> None:
        """Check and convert the keyword arguments ``given`` (``None`` means absent): the
        general way, taken for ``extra_attributes`` and unknown keywords."""
        writers = self._writers
        parts = []
        for keyword, value in given.items():
            render = writers.get(keyword)
            if render is None:
                raise self._unknown_keyword(keyword)
            if value is not None:
                if type(value) is list:
                    # Kept as a tuple, so that what is read back is what was written.
                    value = given[keyword] = tuple(value)
                parts.append(render(value))
        if extra is not None:
            parts += self._extra_attributes(extra)
        if self._required:
            self._check_required(given)
        if len(parts) == 1:
            self._attrs = parts[0]
        elif parts:
            # Sorted by name, so that the same attributes always make the same string.
            parts.sort()
            self._attrs = "".join(parts)
        else:
            self._attrs = ""
        self._values = tuple(given.get(keyword) for keyword in writers) if given else ()

    def _set_given(
        self, values: tuple[object, ...], unknown: dict[str, Any], extra: Mapping[str, str] | None
    ) -> None:
        """The general way for a generated constructor: ``values`` are those of its keywords,
        in the order of :meth:`attributes`, and ``unknown`` the keywords it does not know."""
        given = dict(zip(self._by_keyword, values, strict=True))
        given.update(unknown)
        self._set_attributes(given, extra)

    def _check_required(self, given: Mapping[str, object]) -> None:
        missing = [k for k in self._writers if k in self._required and given.get(k) is None]
        if missing:
            names = ", ".join(repr(k) for k in missing)
            raise TypeError(f"{type(self).__name__}() missing required keyword {names}")

    def _unknown_keyword(self, keyword: str) -> TypeError:
        table = self._by_keyword
        message = f"{type(self).__name__}() got an unexpected keyword argument {keyword!r}"
        by_name = {a.name: a.keyword for a in table.values()}
        close = difflib.get_close_matches(keyword, [*table, "extra_attributes"], n=1)
        suggestion = by_name.get(keyword) or (close[0] if close else None)
        if suggestion:
            message += f"; did you mean {suggestion!r}?"
        return TypeError(message)

    def _extra_attributes(self, extra: Mapping[str, str]) -> list[str]:
        where = f"<{self.tag}> extra_attributes"
        if not isinstance(extra, Mapping):
            raise _type_error(where, "a mapping of names to str", extra)
        parts = []
        for name, value in extra.items():
            if not isinstance(name, str) or not _EXTRA_NAME.fullmatch(name):
                raise ValueError(f"{where}: {name!r} is not an XML attribute name it can add")
            for attribute in self._by_keyword.values():
                if attribute.name == name:
                    keyword = attribute.keyword
                    raise ValueError(f"{where}: {name} is known; use the keyword {keyword}")
            parts.append(f' {name}="{_escape_attribute(_text(value, where), where)}"')
        return parts

    def _add(self, content: tuple[object, ...]) -> None:
        """Check ``content`` (children and text) and add it at the end, escaped."""
        nests = self._nests
        if nests is None:
            nests = _find_nesting(type(self))
        if nests:
            self._check_nesting(content)
        items = cast("list[Element | str]", self._content)
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
            elif isinstance(item, str):  # a str subclass: its content, not its __str__
                self._add((str.__str__(item),))
            else:
                what = "TwiML elements or str" if self._takes_text else "TwiML elements"
                raise TypeError(
                    f"<{self.tag}> content must be {what}, got {type(item).__name__} {item!r}"
                )

    def _check_nesting(self, content: tuple[object, ...]) -> None:
        """``ValueError`` if a child in ``content`` holds this element, or would make this
        element's tree deeper than :data:`~twimlkit.limits.MAX_DEPTH` levels."""
        for item in content:
            if not isinstance(item, Element):
                continue
            if item is self:
                raise ValueError(f"<{self.tag}> cannot hold itself")
            height = _height(item, self)
            if height is None:
                raise ValueError(
                    f"<{self.tag}> cannot hold this <{item.tag}>, which holds it: an element"
                    " cannot be inside itself"
                )
            if height >= MAX_DEPTH:
                raise ValueError(
                    f"<{self.tag}> cannot hold this <{item.tag}>: its tree would be"
                    f" {height + 1} levels of elements deep, and twimlkit reads at most"
                    f" {MAX_DEPTH} (twimlkit.limits.MAX_DEPTH)"
                )

    def _misplaced(self, item: Element) -> str:
        if not self._allowed:
            return f"<{item.tag}> is not allowed inside <{self.tag}>, which takes no elements"
        for cls in self._allowed:
            if cls.tag == item.tag:
                wanted = f"{cls.__module__}.{cls.__name__}"
                if type(item).__module__ == cls.__module__:
                    # Two classes write the same tag: Dial's <Sip> and Refer's (ReferSip).
                    given = f"{type(item).__module__}.{type(item).__name__}"
                    return (
                        f"<{self.tag}> takes its own <{item.tag}>, {wanted}, not {given}; "
                        f"build it with {cls.__name__}(...)"
                    )
                # The same tag from the other kind of TwiML (a messaging <Redirect> in voice).
                return (
                    f"<{item.tag}> from {type(item).__module__} is not allowed inside"
                    f" {type(self).__module__}'s <{self.tag}>; use {wanted}"
                )
        names = ", ".join(f"<{cls.tag}>" for cls in self._allowed)
        return f"<{item.tag}> is not allowed inside <{self.tag}>; it may contain {names}"

    def _write(self, out: list[str], level: int = 1) -> None:
        """Write this element, which is ``level`` levels down (the top one is level 1)."""
        tag = self.tag
        content = self._content
        if not content:
            out.append(f"<{tag}{self._attrs}/>")
            return
        if len(content) == 1 and type(content[0]) is str:
            out.append(f"<{tag}{self._attrs}>{content[0]}</{tag}>")
            return
        if level >= MAX_DEPTH:  # its children would be past the limit, if it has any
            self._check_depth(level)
        append = out.append
        append(f"<{tag}{self._attrs}>")
        for item in content:
            if type(item) is str:
                append(item)
                continue
            # Leaves, the most common children, are written here without another call.
            inner = item._content  # type: ignore[union-attr]
            if not inner:
                append(f"<{item.tag}{item._attrs}/>")  # type: ignore[union-attr]
            elif len(inner) == 1 and type(inner[0]) is str:
                child = item.tag  # type: ignore[union-attr]
                append(f"<{child}{item._attrs}>{inner[0]}</{child}>")  # type: ignore[union-attr]
            else:
                item._write(out, level + 1)  # type: ignore[union-attr]
        append(f"</{tag}>")

    def _write_pretty(self, out: list[str], depth: int) -> None:
        pad = "  " * depth
        content = self._content
        if not content:
            out.append(f"{pad}<{self.tag}{self._attrs}/>\n")
            return
        if depth + 1 >= MAX_DEPTH:
            self._check_depth(depth + 1)
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

    def _check_depth(self, level: int) -> None:
        """``_TooDeep`` if this element, ``level`` levels down, holds elements: they would be
        past :data:`~twimlkit.limits.MAX_DEPTH`."""
        if any(type(item) is not str for item in self._content):
            raise _TooDeep(f"<{self.tag}> at level {level} holds elements")

    def to_xml(self, *, pretty: bool = False) -> str:
        """This element as XML text. ``pretty`` puts each element on a line of its own,
        indented two spaces a level (text inside mixed content is folded onto its own line).

        Raises ``ValueError`` for a tree of more than :data:`~twimlkit.limits.MAX_DEPTH`
        levels of elements, which twimlkit's parser would refuse to read back."""
        out: list[str] = []
        try:
            if pretty:
                self._write_pretty(out, 0)
            else:
                self._write(out)
        except _TooDeep as error:
            raise error.refusal(self) from None
        return "".join(out)

    def __str__(self) -> str:
        return self.to_xml()

    def __html__(self) -> str:
        """Markup for Jinja2 and MarkupSafe: inserted as is, never escaped a second time."""
        return self.to_xml()

    def __repr__(self) -> str:
        try:
            xml = self.to_xml()
        except ValueError:  # nested too deeply to write
            return f"{type(self).__name__}(<{self.tag}> nested too deeply to write)"
        return f"{type(self).__name__}({xml if len(xml) <= 80 else xml[:77] + '...'})"

    # Equality: same tag, same attributes (their stored text, kept sorted by name), same
    # content once insignificant white space is dropped. Elements are mutable (append), so
    # they are not hashable.

    def _key(self, level: int = 1) -> tuple[object, ...]:
        if level >= MAX_DEPTH:
            self._check_depth(level)
        content: list[object] = []
        text = ""
        for item in self._content:
            if isinstance(item, Element):
                if folded := collapse(text):
                    content.append(folded)
                text = ""
                content.append(item._key(level + 1))
            else:
                text += item
        if folded := collapse(text):
            content.append(folded)
        return (self.tag, self._attrs, tuple(content))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Element):
            return NotImplemented
        try:
            return self._key() == other._key()
        except _TooDeep as error:
            raise error.refusal(self) from None

    __hash__ = None  # type: ignore[assignment]


# -- the five shapes of element --------------------------------------------------------------
# Each generated class derives from one of these and defines its own constructor, which takes
# the content through the base class's ``_take`` and converts each keyword it knows directly.
# The constructors here are the general way, for a class that does not define its own.


_MISSING: Any = object()  # no text given where text is required


def _text_count_error(element: Element, given: int, *, required: bool = True) -> TypeError:
    name, tag = type(element).__name__, element.tag
    if not given:
        return TypeError(f"{name}() missing 1 positional argument: the text of <{tag}>")
    most = "1 positional argument" if required else "at most 1 positional argument"
    return TypeError(f"{name}() takes {most}, the text of <{tag}>, but {given} were given")


class EmptyElement(Element):
    """An element that holds nothing but attributes."""

    __slots__ = ()
    content = Content.EMPTY

    def _take(self, content: tuple[object, ...]) -> tuple[str, ...]:
        """The content to keep: none, and no positional arguments are taken."""
        if content:
            raise TypeError(
                f"{type(self).__name__}() takes no positional arguments: <{self.tag}> holds"
                f" nothing but attributes, got {len(content)}"
            )
        return ()

    def __init__(
        self, *content: object, extra_attributes: Mapping[str, str] | None = None, **given: Any
    ) -> None:
        self._content = self._take(content)
        if given or extra_attributes is not None or self._required:
            self._set_attributes(given, extra_attributes)
        else:
            self._attrs = ""
            self._values = ()


class TextElement(Element):
    """An element whose content is one piece of text that must be present (a phone number, a
    URL, a message): given when it is built, it takes nothing more, so it has no
    ``append``."""

    __slots__ = ()
    content = Content.TEXT

    def _take(self, text: object, more: tuple[object, ...]) -> tuple[str, ...]:
        """The content to keep: ``text``, escaped, and nothing ``more``."""
        if more or text is _MISSING:  # a wrong count, said here with the element's name
            raise _text_count_error(self, 1 + len(more) if text is not _MISSING else 0)
        if type(text) is not str:
            text = _text(text, f"<{self.tag}> text")
        # isspace() is quick and is False for any text with something in it; it is True for
        # some characters XML does not count as white space, which the exact check keeps.
        if not text or (text.isspace() and not text.strip(XML_SPACE)):
            raise ValueError(f"<{self.tag}> needs text content, got {text!r}")
        if text.isprintable() and not ("&" in text or "<" in text or ">" in text):
            return (text,)  # nothing to escape: the common case, without a call
        return (escape_text(text, self.tag),)

    def __init__(
        self,
        text: str = _MISSING,
        /,
        *more: object,
        extra_attributes: Mapping[str, str] | None = None,
        **given: Any,
    ) -> None:
        self._content = self._take(text, more)
        if given or extra_attributes is not None or self._required:
            self._set_attributes(given, extra_attributes)
        else:
            self._attrs = ""
            self._values = ()


class OptionalTextElement(Element):
    """An element whose content is one piece of text that may be left out (``Play()``); like
    :class:`TextElement`, it has no ``append``."""

    __slots__ = ()
    content = Content.OPTIONAL_TEXT

    def _take(self, text: object, more: tuple[object, ...]) -> tuple[str, ...]:
        """The content to keep: ``text``, escaped, if given, and nothing ``more``."""
        if more:
            raise _text_count_error(self, 1 + len(more), required=False)
        if text is None:
            return ()
        if type(text) is not str:
            text = _text(text, f"<{self.tag}> text")
        if text.isprintable() and not ("&" in text or "<" in text or ">" in text):
            return (text,) if text else ()
        return (escape_text(text, self.tag),)

    def __init__(
        self,
        text: str | None = None,
        /,
        *more: object,
        extra_attributes: Mapping[str, str] | None = None,
        **given: Any,
    ) -> None:
        self._content = self._take(text, more)
        if given or extra_attributes is not None or self._required:
            self._set_attributes(given, extra_attributes)
        else:
            self._attrs = ""
            self._values = ()


class ParentElement(Element):
    """An element that holds other elements, given positionally or with ``append()``."""

    __slots__ = ()
    content = Content.CHILDREN

    def _take(self, content: tuple[object, ...]) -> list[Element | str]:
        """The content to keep: ``content``, checked."""
        self._content = []
        if content:
            self._add(content)
        return self._content

    def __init__(
        self,
        *content: Element | str,
        extra_attributes: Mapping[str, str] | None = None,
        **given: Any,
    ) -> None:
        self._content = self._take(content)
        if given or extra_attributes is not None or self._required:
            self._set_attributes(given, extra_attributes)
        else:
            self._attrs = ""
            self._values = ()


class MixedElement(ParentElement):
    """An element that holds elements and text in any order."""

    __slots__ = ()
    content = Content.MIXED
    _takes_text = True

    def _take(self, content: tuple[object, ...]) -> list[Element | str]:
        """The content to keep: ``content``, checked, its text escaped."""
        # One piece of text, the most common content (Say("Hello")), takes the short way.
        if len(content) == 1 and type(text := content[0]) is str:
            if text.isprintable() and not ("&" in text or "<" in text or ">" in text):
                return [text] if text else []
            return [escape_text(text, self.tag)]
        self._content = []
        if content:
            self._add(content)
        return self._content
