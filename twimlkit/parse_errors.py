"""What is wrong with XML that does not parse, in plain words: the mistake, the exact place of
the character at fault and what to write instead.

libxml2 says that a document is not well-formed, and roughly where, in its own words
(``xmlParseEntityRef: no name``, often a column late). Only once it has refused a document,
:func:`explain` reads the text again with a small scanner of XML's syntax that knows what it
is in (text, a tag, an attribute's value, a comment) and which elements are open, so it can
say "<Say> opened at line 3, column 5 is never closed" or that a bare ``&`` must be written
``&amp;``, with a fix.

The scanner only explains what libxml2 found: its first mistake is used when it stands no
later than libxml2's, and libxml2's own words otherwise. A stray ``&`` (or an entity XML does
not know) spoils nothing around it, so every one of them is reported, up to the first other
mistake; after a mistake in the structure, anything more would be a guess, and nothing more
is reported. Each later mistake is confirmed by libxml2 on the text with the ``&`` mistakes
mended. Everything here runs in time linear in the text.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import checks
from .diagnostic import Applicability, Check, Diagnostic, Edit, Fix
from .document import IMPLIED_NAMESPACES, Lines
from .template_lint import is_template

__all__ = ["Failure", "Mistake", "explain", "scan", "template_syntax", "unrendered_template"]

_NAME_START = (
    "A-Z_a-z:\xc0-\xd6\xd8-\xf6\xf8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NAME_CHAR = _NAME_START + r"\-.0-9\xb7\u0300-\u036f\u203f\u2040"
#: An XML name (XML 1.0, fifth edition).
_NAME = re.compile(f"[{_NAME_START}][{_NAME_CHAR}]*")
_SPACE = re.compile("[ \t\r\n]*")
#: What ends a stretch of text inside an element.
_TEXT_STOP = re.compile(r"[<&]|\]\]>")
#: What may stand where an unquoted attribute value is: up to white space or the tag's end.
_UNQUOTED = re.compile(r"[^\s>]*?(?=/?>|\s|$)")
_CHARACTER_REFERENCE = re.compile(r"#(?:x([0-9a-fA-F]+)|([0-9]+));")
#: The five entities XML defines.
_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
#: Jinja2's syntax left in a file: an expression or a statement on one line.
_TEMPLATE_SYNTAX = re.compile(r"\{\{[^{}\r\n]*\}\}|\{%[^{}\r\n]*%\}")
#: A Jinja2 statement tag on one line.
_TEMPLATE_TAG = re.compile(r"\{%[^{}\r\n]*%\}")


def _spaced(text: str, at: int) -> int:
    """``at`` moved past the XML white space that stands there."""
    space = _SPACE.match(text, at)
    return space.end() if space else at


def _allowed(code: int) -> bool:
    """Whether XML 1.0 allows the character ``code``, written as a reference too."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


@dataclass(frozen=True, slots=True)
class Mistake:
    """One mistake the scanner found: where (a character offset into the text, and how many
    characters it spans), what to say, the check it is, and a fix when there is a safe one.
    ``ampersand`` marks a mistake with an ``&`` (a bare one, or an entity XML does not know):
    it spoils nothing around it."""

    offset: int
    message: str
    length: int = 0
    check: Check = checks.NOT_WELL_FORMED
    fix: tuple[int, int, str] | None = None
    ampersand: bool = False


@dataclass(frozen=True, slots=True)
class Failure:
    """libxml2's first error: where it says it is (line and column as twimlkit counts them,
    and as an offset into the text) and its message."""

    line: int
    column: int
    offset: int
    message: str


class _Stop(Exception):
    """The scanner met a mistake after which it cannot tell what follows."""


class _Scanner:
    """One pass over the text. Mistakes with an ``&`` are collected and the pass goes on; any
    other mistake ends it (:class:`_Stop`)."""

    def __init__(self, text: str, position: Callable[[int], tuple[int, int]]) -> None:
        self.text = text
        self.position = position
        self.found: list[Mistake] = []
        self.open: list[tuple[str, int]] = []  # each open element's name and its "<"
        self.root_end = 0  # where the root's end tag (or its only tag) starts
        self.start = 0  # where the document starts: after a byte-order mark
        self.declared: list[list[str]] = []  # the prefixes each open element declares
        self.prefixes: dict[str, int] = {}  # how many open elements declare each prefix
        # The prefixes twimlkit binds itself (see document.IMPLIED_NAMESPACES).
        self.implied = {
            prefix
            for prefix in IMPLIED_NAMESPACES
            if f"<{prefix}:" in text and f"xmlns:{prefix}=" not in text
        }

    def where(self, offset: int) -> str:
        line, column = self.position(offset)
        return f"line {line}, column {column}"

    def stop(self, offset: int, message: str, length: int = 0) -> _Stop:
        self.found.append(Mistake(offset, message, length))
        return _Stop()

    # -- the document ------------------------------------------------------------------------

    def run(self) -> list[Mistake]:
        with contextlib.suppress(_Stop):
            self._document()
        return self.found

    def _document(self) -> None:
        text = self.text
        at = self.start = 1 if text.startswith("\ufeff") else 0  # a byte-order mark
        root: str | None = None  # the root element's name, once it is read
        while True:
            at = _spaced(text, at)
            if at >= len(text):
                break
            name = _NAME.match(text, at + 1) if text.startswith("<", at) else None
            if text.startswith("\ufeff", at):
                raise self.stop(
                    at,
                    "a byte-order mark (U+FEFF) may only be the first character of a document: "
                    "remove this one",
                )
            if text.startswith("<?", at):
                at = self._instruction(at)
            elif text.startswith("<!--", at):
                at = self._comment(at)
            elif root is not None:
                ended = f"<{root}> ended at {self.where(self.root_end)}"
                if name is not None and name.group() == root:
                    raise self.stop(
                        at,
                        f"a second <{root}>: a document has one root element, and {ended}; "
                        f"move what this one holds into the first <{root}>, or remove it",
                    )
                if name is not None:
                    raise self.stop(
                        at,
                        f"a second root element <{name.group()}>: a document is one element, "
                        f"and {ended}; move <{name.group()}> inside <{root}>",
                    )
                raise self.stop(
                    at,
                    f"{'text' if text[at] != '<' else 'markup'} after the root element: "
                    f"{ended}; remove it or move it inside <{root}>",
                )
            elif name is not None:
                root = name.group()
                at = self._element(at)
            elif text[at] == "<":
                raise self.stop(at, self._bad_markup(at, "before the root element"))
            else:
                raise self.stop(
                    at,
                    "text before the root element: a TwiML document starts with <Response> "
                    "(after an optional <?xml ...?> declaration and comments)",
                )
        if root is None:
            raise self.stop(
                0, "the document has no element: a TwiML document is one <Response> element"
            )

    def _bad_markup(self, at: int, context: str) -> str:
        text = self.text
        if text.startswith("<!", at):
            return (
                "'<!' starts only a comment (<!-- ... -->) or, inside an element, a CDATA "
                "section (<![CDATA[ ... ]]>)"
            )
        if text.startswith("</", at):
            return f"an end tag {context}, where no element is open"
        return (
            "a '<' that does not start a tag: a tag's name follows '<' directly; in text, "
            "write '&lt;'"
        )

    def _instruction(self, at: int) -> int:
        text = self.text
        end = text.find("?>", at + 2)
        target = _NAME.match(text, at + 2)
        if end < 0:
            what = (
                "XML declaration"
                if target and target.group() == "xml"
                else "processing instruction"
            )
            raise self.stop(at, f"this {what} is never closed with '?>'")
        if target is None:
            raise self.stop(
                at, "'<?' must be followed by a name (<?xml version=\"1.0\"?>, for instance)"
            )
        after = target.end()
        if not text.startswith("?>", after) and text[after] not in " \t\r\n":
            raise self.stop(
                after,
                f"the processing instruction <?{target.group()} needs white space or '?>' "
                "after its name",
            )
        if target.group().lower() == "xml" and target.group() != "xml":
            raise self.stop(
                at + 2,
                f"the name {target.group()!r} is reserved: the XML declaration is written "
                "<?xml ...?>, in lower case",
            )
        if target.group() == "xml" and at > self.start:
            blank = not text[self.start : at].strip(" \t\r\n")
            raise self.stop(
                at,
                "the XML declaration <?xml ...?> must be the very first thing in the document: "
                + ("remove the white space before it" if blank else "move it there or remove it"),
            )
        return end + 2

    def _comment(self, at: int) -> int:
        text = self.text
        end = text.find("-->", at + 4)
        if end < 0:
            raise self.stop(at, "this comment is never closed with '-->'")
        dashes = text.find("--", at + 4)
        if dashes != end:
            raise self.stop(
                dashes,
                "'--' inside a comment: XML allows two hyphens in a row only in the "
                "comment's closing '-->'",
            )
        return end + 3

    # -- elements ----------------------------------------------------------------------------

    def _element(self, at: int) -> int:
        """Read the root element from its ``<`` to just past its end, or stop."""
        text = self.text
        position = self._start_tag(at)
        while self.open:
            stop = _TEXT_STOP.search(text, position)
            if stop is None:
                break
            position = stop.start()
            if text[position] == "&":
                position = self._reference(position, "")
            elif text.startswith("]]>", position):
                raise self.stop(
                    position,
                    "']]>' may not stand in text (it ends a CDATA section): write ']]&gt;'",
                )
            elif text.startswith("</", position):
                position = self._end_tag(position)
            elif text.startswith("<!--", position):
                position = self._comment(position)
            elif text.startswith("<![CDATA[", position):
                end = text.find("]]>", position + 9)
                if end < 0:
                    raise self.stop(position, "this CDATA section is never closed with ']]>'")
                position = end + 3
            elif text.startswith("<?", position):
                position = self._instruction(position)
            elif _NAME.match(text, position + 1):
                position = self._start_tag(position)
            else:
                raise self.stop(position, self._bad_markup(position, "inside an element"), 1)
        if self.open:
            name, start = self.open[-1]
            also = "".join(f"</{outer}>" for outer, _ in reversed(self.open[:-1]))
            more = f" (nor are the elements around it: add {also} too)" if also else ""
            raise self.stop(
                start,
                f"<{name}> is never closed: the document ends before its </{name}>{more}",
                len(name) + 1,
            )
        return position

    def _start_tag(self, at: int) -> int:
        text = self.text
        name = _NAME.match(text, at + 1)
        assert name is not None
        tag = name.group()
        position = name.end()
        seen: dict[str, int] = {}
        while True:
            before, position = position, _spaced(text, position)
            if text.startswith((">", "/>"), position):
                declared = [key[6:] for key in seen if key.startswith("xmlns:")]
                for prefix in declared:
                    self.prefixes[prefix] = self.prefixes.get(prefix, 0) + 1
                self._prefixes(tag, at, seen)
                if text.startswith(">", position):
                    self.open.append((tag, at))
                    self.declared.append(declared)
                    return position + 1
                self._forget(declared)
                if not self.open:
                    self.root_end = at
                return position + 2
            attribute = _NAME.match(text, position)
            if attribute is None:
                if position >= len(text):
                    raise self.stop(at, f"the start tag <{tag} is never closed with '>'")
                raise self.stop(
                    position,
                    f"{text[position]!r} does not belong in the start tag <{tag}>: a tag holds "
                    "attributes (name=\"value\") and ends with '>' or '/>'",
                    1,
                )
            key = attribute.group()
            if position == before:
                raise self.stop(
                    position, f"attribute {key} of <{tag}> needs white space before it", len(key)
                )
            if key in seen:
                raise self.stop(
                    position,
                    f"attribute {key} is written twice in <{tag}> (first at "
                    f"{self.where(seen[key])}); keep one",
                    len(key),
                )
            seen[key] = position
            position = self._attribute(tag, key, attribute.end())

    def _forget(self, declared: list[str]) -> None:
        for prefix in declared:
            self.prefixes[prefix] -= 1

    def _prefixes(self, tag: str, at: int, attributes: dict[str, int]) -> None:
        """Stop at the first name of a start tag whose prefix is not declared."""
        for name, where in ((tag, at), *attributes.items()):
            prefix, colon, local = name.partition(":")
            if not colon or prefix in ("xml", "xmlns"):
                continue
            what = f"<{tag}>" if where == at else f"attribute {name} of <{tag}>"
            length = len(name) + (where == at)  # an element's from its "<"
            if not prefix or not local or ":" in local:
                raise self.stop(
                    where,
                    f"the name of {what} is not one XML reads: a ':' stands only between a "
                    "prefix and a name, once (amazon:effect)",
                    length,
                )
            if self.prefixes.get(prefix, 0) or prefix in self.implied:
                continue
            if prefix in IMPLIED_NAMESPACES:
                raise self.stop(
                    where,
                    f"the prefix {prefix}: of {what} is for Amazon Polly's elements in <Say> "
                    "(<amazon:effect>), not for attributes: remove it",
                    length,
                )
            raise self.stop(
                where,
                f"the prefix {prefix}: of {what} is not declared: TwiML uses no prefix but "
                f"amazon: (Amazon Polly's tags in <Say>); remove it, or declare it "
                f'(xmlns:{prefix}="...")',
                length,
            )

    def _attribute(self, tag: str, key: str, at: int) -> int:
        """Read an attribute's ``= "value"`` from just after its name; return the position
        just past the value."""
        text = self.text
        position = _spaced(text, at)
        name_at = at - len(key)
        if not text.startswith("=", position):
            if text.startswith(('"', "'"), position):
                raise self.stop(
                    name_at, f"attribute {key} of <{tag}> needs '=' before its value", len(key)
                )
            raise self.stop(
                name_at,
                f'attribute {key} of <{tag}> has no value: XML needs one, in quotes ({key}="...")',
                len(key),
            )
        position = _spaced(text, position + 1)
        quote = text[position : position + 1]
        if quote not in ('"', "'"):
            value = _UNQUOTED.match(text, position)
            written = value.group() if value else ""
            shown = f'{key}="{written}"' if written else f'{key}="..."'
            raise self.stop(
                position,
                f"the value of attribute {key} of <{tag}> must be in quotes: {shown}",
                len(written),
            )
        end = text.find(quote, position + 1)
        if end < 0:
            raise self.stop(
                position, f"the value of attribute {key} of <{tag}> has no closing {quote}", 1
            )
        inside = position + 1
        while True:
            stop = _ATTRIBUTE_STOP.search(text, inside, end)
            if stop is None:
                return end + 1
            if stop.group() == "<":
                raise self.stop(
                    stop.start(),
                    f"a '<' in the value of attribute {key} of <{tag}> must be written '&lt;'",
                    1,
                )
            inside = self._reference(stop.start(), f" in the value of attribute {key}")

    def _end_tag(self, at: int) -> int:
        text = self.text
        name = _NAME.match(text, at + 2)
        if name is None:
            raise self.stop(
                at,
                "'</' must be followed by the name of the element it closes"
                + (f" (</{self.open[-1][0]}>)" if self.open else ""),
            )
        tag = name.group()
        close = _spaced(text, name.end())
        if close >= len(text):
            raise self.stop(at, f"the end tag </{tag} is never closed with '>'")
        if text[close] != ">":
            raise self.stop(
                close,
                f"the end tag </{tag} must be closed with '>' right after its name (</{tag}>)",
                1,
            )
        open_name, open_at = self.open[-1]
        if tag == open_name:
            self.open.pop()
            self._forget(self.declared.pop())
            if not self.open:
                self.root_end = at
            return close + 1
        names = [name for name, _ in self.open]
        if tag in names:
            inner = names[len(names) - names[::-1].index(tag) :]  # open inside the last <tag>
            closing = "".join(f"</{n}>" for n in reversed(inner))
            raise self.stop(
                at,
                f"<{open_name}> opened at {self.where(open_at)} is never closed: add "
                f"{closing} before </{tag}>",
                close + 1 - at,
            )
        close_enough = tag.lower() == open_name.lower() or (
            max(len(tag), len(open_name)) <= _LONGEST_COMPARED
            and difflib.SequenceMatcher(None, tag, open_name).ratio() >= 0.6
        )
        if close_enough:
            raise self.stop(
                at,
                f"</{tag}> does not match <{open_name}> opened at {self.where(open_at)}: "
                f"write </{open_name}>",
                close + 1 - at,
            )
        raise self.stop(
            at,
            f"</{tag}> closes no open element: the element open here is <{open_name}>, "
            f"opened at {self.where(open_at)}; remove </{tag}> or write </{open_name}>",
            close + 1 - at,
        )

    # -- references ------------------------------------------------------------------------

    def _reference(self, at: int, context: str) -> int:
        """Read a reference from its ``&``; record a mistake with it; return where to go on."""
        text = self.text
        after = at + 1
        if text.startswith("#", after):
            number = _CHARACTER_REFERENCE.match(text, after)
            if number is None:
                raise self.stop(
                    at,
                    f"'&#' starts a character reference{context}, written '&#' and decimal "
                    "digits or '&#x' and hexadecimal digits, then ';' (&#160;, &#xA0;); a "
                    "literal '&' is written '&amp;'",
                    2,
                )
            hexadecimal, decimal = number.groups()
            code = int(hexadecimal, 16) if hexadecimal else int(decimal)
            if not _allowed(code):
                shown = f"U+{code:04X}" if code <= 0x10FFFF else "no character"
                raise self.stop(
                    at,
                    f"{text[at : number.end()]}{context} refers to {shown}, which XML does "
                    "not allow; remove it",
                    number.end() - at,
                )
            return number.end()
        name = _NAME.match(text, after)
        bare = f"a bare '&'{context} must be written '&amp;'"
        if name is None:
            self._ampersand(at, bare, fix=True)
            return after
        entity, end = name.group(), name.end()
        if text.startswith(";", end):
            if entity in _PREDEFINED:
                return end + 1
            self._ampersand(at, f"'&{entity};'{context} is {_unknown(entity)}", end + 1 - at)
            return end + 1
        if text.startswith("=", end):  # a URL's query string: ?a=1&b=2
            self._ampersand(
                at,
                f"the '&' before {entity}={context} must be written '&amp;' "
                f"(&amp;{entity}=), in URLs too",
                fix=True,
            )
        elif entity in _PREDEFINED:
            self._ampersand(
                at,
                f"'&{entity}'{context} lacks its ';': write '&{entity};' (or '&amp;{entity}')",
                end - at,
            )
        elif _html_character(entity) is not None:
            self._ampersand(at, f"'&{entity}'{context} (no ';') is {_unknown(entity)}", end - at)
        else:
            self._ampersand(at, f"{bare} (&amp;{entity})", fix=True)
        return after

    def _ampersand(self, at: int, message: str, length: int = 1, fix: bool = False) -> None:
        if fix:
            self.found.append(
                Mistake(
                    at,
                    message,
                    1,
                    checks.UNESCAPED_AMPERSAND,
                    fix=(at, at + 1, "&amp;"),
                    ampersand=True,
                )
            )
        else:
            self.found.append(Mistake(at, message, length, ampersand=True))


_ATTRIBUTE_STOP = re.compile("[<&]")
#: Names longer than this are not compared for likeness (the comparison's time grows faster
#: than their length; TwiML's names are short).
_LONGEST_COMPARED = 64


def _html_character(name: str) -> str | None:
    from html.entities import name2codepoint  # only once a document has failed

    code = name2codepoint.get(name)
    return None if code is None else chr(code)


def _unknown(entity: str) -> str:
    """What to say about ``&entity;``, which XML does not define."""
    character = _html_character(entity)
    if character is None:
        return (
            "not an entity XML knows (it knows only &amp; &lt; &gt; &quot; &apos;); write "
            f"the character itself, or '&amp;{entity};' for the text as it stands"
        )
    import unicodedata

    code = ord(character)
    name = unicodedata.name(character, "")
    return (
        f"an HTML entity, which XML does not know: write the character itself "
        f"(U+{code:04X}{' ' + name if name else ''}) or '&#{code};'"
    )


def scan(text: str, position: Callable[[int], tuple[int, int]] | None = None) -> list[Mistake]:
    """The mistakes in ``text`` up to its first that is not about an ``&``, in order; none
    for well-formed XML. ``position`` turns an offset into (line, column) for messages that
    name another place (by default, counted over ``text``)."""
    if position is None:
        position = Lines(text).line_column
    return _Scanner(text, position).run()


def template_syntax(text: str) -> re.Match[str] | None:
    """The first ``{{ ... }}`` or ``{% ... %}`` on one line of ``text``, if any."""
    return _TEMPLATE_SYNTAX.search(text)


def unrendered_template(text: str, path: str | None) -> Diagnostic | None:
    """The unrendered-template finding for a document that parsed and holds Jinja2 tags
    (``{% ... %}``), at the first of them; ``None`` when it holds none, or when ``path`` is a
    template's (the text is then what a template rendered)."""
    if path is not None and is_template(path):
        return None
    tags = _TEMPLATE_TAG.finditer(text)
    first = next(tags, None)
    if first is None:
        return None
    more = sum(1 for _ in tags)
    others = f", and {more:,} more" if more else ""
    lines = Lines(text)
    return checks.UNRENDERED_TEMPLATE.at(
        path,
        *lines.line_column(first.start()),
        f"the document holds Jinja2 tags ({first.group()!r}{others}), so it is checked as it "
        "stands, not as what it renders: if it is a template, name its file *.xml.j2 so that "
        "twimlkit lint renders it and checks every branch",
        lines.line_column(first.end()),
    )


def explain(
    text: str,
    path: str | None,
    failure: Failure,
    parse: Callable[[str], Failure | None],
) -> list[Diagnostic]:
    """The findings for ``text``, which libxml2 refused with ``failure``: the scanner's, where
    libxml2 confirms them, libxml2's own otherwise. ``parse`` parses a text as
    :func:`~twimlkit.document.read_document` does and returns its first error (``None``
    when it parses): it checks what the scanner says after the mistakes with an ``&``."""
    lines = Lines(text)
    found = scan(text, lines.line_column)
    diagnostics: list[Diagnostic] = []
    if not found or found[0].offset > failure.offset:
        diagnostics.append(_libxml2(failure, text, path))
    else:
        ampersands = [mistake for mistake in found if mistake.ampersand]
        rest = [mistake for mistake in found if not mistake.ampersand]
        in_tags = _template_tags(text)
        diagnostics += (_diagnostic(mistake, text, lines, path, in_tags) for mistake in ampersands)
        if ampersands:
            # What follows is confirmed by libxml2 on the text with each '&' written '&amp;'.
            mended, shifts = _mended(text, ampersands)
            after = parse(mended)
            if after is not None:
                offset = _unshifted(after.offset, shifts)
                if rest and rest[0].offset <= offset:
                    diagnostics.append(_diagnostic(rest[0], text, lines, path))
                else:
                    line, column = lines.line_column(min(offset, len(text)))
                    moved = replace(after, line=line, column=column, offset=offset)
                    diagnostics.append(_libxml2(moved, text, path))
        elif rest:
            diagnostics.append(_diagnostic(rest[0], text, lines, path))
    diagnostics.sort(key=Diagnostic.sort_key)
    hint = None if (path is not None and is_template(path)) else template_syntax(text)
    if hint is not None:
        line, _ = lines.line_column(hint.start())
        first = diagnostics[0]
        diagnostics[0] = replace(
            first,
            message=f"{first.message}; the document holds template syntax ({hint.group()!r} on "
            f"line {line}): if it is a Jinja2 template, name its file *.xml.j2 so that "
            "twimlkit lint checks what it renders",
        )
    return diagnostics


def _diagnostic(
    mistake: Mistake,
    text: str,
    lines: Lines,
    path: str | None,
    in_tags: Callable[[int], bool] = lambda offset: False,
) -> Diagnostic:
    line, column = lines.line_column(mistake.offset)
    fix = None
    end = lines.line_column(mistake.offset + mistake.length) if mistake.length else None
    if mistake.fix is not None:
        start, stop, replacement = mistake.fix
        end = lines.line_column(stop)
        # Inside {{ ... }} or {% ... %} the '&' may be Jinja2's, in a template named as plain
        # XML: the fix is offered, but only as an unsafe one.
        templated = in_tags(start)
        description = f"write {text[start:stop]!r} as {replacement!r}"
        fix = Fix(
            description + (" (it stands inside template syntax)" if templated else ""),
            (Edit(*lines.line_column(start), *end, replacement),),
            Applicability.UNSAFE if templated else Applicability.SAFE,
        )
    return mistake.check.at(path, line, column, mistake.message, end, fix)


def _template_tags(text: str) -> Callable[[int], bool]:
    """Whether an offset of ``text`` lies inside a ``{{ ... }}`` or ``{% ... %}`` (one that is
    never closed runs to the end). One pass over ``text``, however many tags it holds."""
    if "{{" not in text and "{%" not in text:
        return lambda offset: False
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    while True:
        opening = _TAG_OPENING.search(text, at)
        if opening is None:
            break
        closer = "}}" if opening.group() == "{{" else "%}"
        close = text.find(closer, opening.end())
        starts.append(opening.start())
        ends.append(len(text) if close < 0 else close + 2)
        if close < 0:
            break
        at = close + 2

    def inside(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < ends[index]

    return inside


_TAG_OPENING = re.compile(r"\{[{%]")


def _libxml2(failure: Failure, text: str, path: str | None) -> Diagnostic:
    """libxml2's own words for a mistake the scanner does not judge."""
    start = 1 if text.startswith("\ufeff") else 0
    declaration = text.find("?>", start) + 2 if text.startswith("<?xml", start) else 0
    if failure.offset < declaration:
        message = (
            'the XML declaration is not written as XML requires: write <?xml version="1.0" '
            f'encoding="UTF-8"?> or leave it out (libxml2: {failure.message})'
        )
    else:
        message = f"not well-formed XML: {failure.message}"
    return checks.NOT_WELL_FORMED.at(path, failure.line, failure.column, message)


def _mended(text: str, ampersands: list[Mistake]) -> tuple[str, list[int]]:
    """``text`` with the ``&`` of each mistake written ``&amp;``, and the offsets (in
    ``text``) of the ``&`` written so."""
    pieces: list[str] = []
    last = 0
    offsets = [mistake.offset for mistake in ampersands]
    for offset in offsets:
        pieces += [text[last:offset], "&amp;"]
        last = offset + 1
    pieces.append(text[last:])
    return "".join(pieces), offsets


def _unshifted(offset: int, ampersands: list[int]) -> int:
    """An offset into the mended text as an offset into the text before it was mended: each
    '&' mended before it became five characters, four more."""
    starts = [at + 4 * index for index, at in enumerate(ampersands)]
    return offset - 4 * bisect.bisect_left(starts, offset)
