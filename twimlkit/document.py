"""Step one of checking: turn a source (text, bytes or a file) into a parsed TwiML document.

The parser is hardened: it never loads a DTD, never expands an entity, never touches the
network, and refuses documents over a size cap. Anything that stops a document from being
read as XML is reported through :class:`DocumentError`, with the line and column of the
problem: one :class:`~twimlkit.diagnostic.Diagnostic`, or for XML that does not parse, its
first mistake after each bare ``&`` before it, in plain words (:mod:`.parse_errors`).
"""

from __future__ import annotations

import bisect
import codecs
import functools
import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from lxml import etree

from . import checks
from .diagnostic import Diagnostic
from .limits import MAX_DEPTH

if TYPE_CHECKING:
    from . import parse_errors

Source: TypeAlias = "str | bytes | os.PathLike[str]"

#: The largest document twimlkit parses, in bytes. Twilio itself refuses TwiML responses of
#: more than 64 kB, so anything near this size is not a TwiML document anyone can use.
MAX_DOCUMENT_BYTES = 1024 * 1024

# XML 1.0 allows tab, newline and carriage return, and nothing else below U+0020. U+FFFE and
# U+FFFF are not characters at all. (Surrogates cannot survive UTF-8 decoding.)
_FORBIDDEN_CHARS = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_XML_DECLARATION_BYTES = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_UTF8_NAMES_BYTES = frozenset({b"utf-8", b"utf8", b"us-ascii", b"ascii"})
#: The XML declarations nearly every document opens with, which need no closer look.
_USUAL_DECLARATIONS = tuple(
    f'<?xml version="1.0"{encoding}?>'.encode()
    for encoding in ("", ' encoding="UTF-8"', ' encoding="utf-8"')
)
_BOM = codecs.BOM_UTF8
_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)

# Markup in document order. Comments, CDATA sections, processing instructions and the DOCTYPE
# are matched first so that a tag inside them is not taken for an element. Only used on text
# that lxml has already accepted as well-formed.
_MARKUP_FORM = (
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"""|<(?P<name>[^\s/>!?][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>"""
    r"|</[^\s>]+\s*>"
)
_NAME_END = re.compile(r"[\s/>]")
_ATTRIBUTE_FORM = r"""(?P<name>[^\s=/]+)\s*=\s*(?:"[^"]*"|'[^']*')"""


# The patterns only some documents need are compiled when first needed: compiling them
# takes longer than checking a small valid document does.
@functools.cache
def _forbidden_char() -> re.Pattern[str]:
    return re.compile(_FORBIDDEN_CHARS)


@functools.cache
def _markup() -> re.Pattern[str]:
    return re.compile(_MARKUP_FORM, re.DOTALL)


@functools.cache
def _attribute() -> re.Pattern[str]:
    return re.compile(_ATTRIBUTE_FORM)


XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

#: The characters XML counts as white space (Python's str.strip() removes more, such as
#: U+00A0, which XML treats as text).
XML_SPACE = " \t\n\r"


def lxml_attribute_key(name: str) -> str:
    """The key lxml uses for attribute ``name``: ``xml:lang`` is ``{...namespace}lang``."""
    return f"{{{XML_NAMESPACE}}}{name[4:]}" if name.startswith("xml:") else name


def attribute_name(key: str) -> str:
    """The attribute as written in TwiML for an lxml key: the reverse of lxml_attribute_key."""
    prefix = f"{{{XML_NAMESPACE}}}"
    return "xml:" + key[len(prefix) :] if key.startswith(prefix) else key


class DocumentError(Exception):
    """The source could not be read as an XML document; ``diagnostics`` say why and where
    (one, or for XML that does not parse, each bare ``&`` before its first other mistake
    too), ``diagnostic`` is the first."""

    def __init__(self, diagnostic: Diagnostic, *more: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.diagnostics = [diagnostic, *more]


# Where an element is written: the offsets of the "<" of its start tag, just after that
# tag's ">", and just after its end tag (the start tag's end when it closes itself).
_Tag: TypeAlias = "list[int]"
_START, _CONTENT, _AFTER = 0, 1, 2


#: A stretch of a document: its first character and the position just past its last, each as
#: a 1-based (line, column).
Span: TypeAlias = "tuple[tuple[int, int], tuple[int, int]]"

_LINE_BREAK = re.compile("\r\n?|\n")


class Lines:
    """Where each line of a text starts (XML's line breaks: LF, CR LF and CR), to turn a
    character offset into a 1-based line and column and back."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        #: The offset at which each line starts.
        self.starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a character offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based ``line`` (kept within the text's lines) and
        ``column``."""
        starts = self.starts
        return starts[min(max(line, 1), len(starts)) - 1] + column - 1


class Document:
    """A well-formed XML document together with the text it was parsed from.

    Positions of elements and attributes are taken from the text, so they point at the
    ``<`` of a start tag or the first letter of an attribute name, even when a start tag
    spans several lines. They are worked out on the first question, so a document with
    nothing to report costs nothing here.
    """

    __slots__ = ("_attribute_places", "_comments", "_lines", "_tags", "path", "root", "text")

    def __init__(self, path: str | None, text: str, root: etree._Element) -> None:
        self.path = path
        self.text = text
        self.root = root
        self._lines: Lines | None = None
        self._tags: dict[etree._Element, _Tag] | None = None
        self._comments: list[_Tag] = []
        self._attribute_places: dict[int, dict[str, tuple[int, int]]] | None = None

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, root=<{self.root.tag}>)"

    # -- offsets and lines -------------------------------------------------------------------

    def lines(self) -> Lines:
        """Where each line of :attr:`text` starts, worked out on the first question."""
        if self._lines is None:
            self._lines = Lines(self.text)
        return self._lines

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a character offset into :attr:`text`."""
        return self.lines().line_column(offset)

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based ``line`` and ``column``."""
        return self.lines().offset(line, column)

    def _tag(self, element: etree._Element) -> _Tag | None:
        if self._tags is None:
            self._tags, self._comments = _scan(self.text, self.root)
        return self._tags.get(element)

    def comments(self) -> list[tuple[int, int]]:
        """Where each comment is written, in document order: the offsets of its ``<!--`` and
        just past its ``-->``."""
        if self._tags is None:
            self._tags, self._comments = _scan(self.text, self.root)
        return [(comment[_START], comment[_CONTENT]) for comment in self._comments]

    def start_offsets(self) -> list[tuple[int, int]]:
        """Where every element is written, in document order: the offsets of its start tag's
        ``<`` and just past its end tag."""
        if self._tags is None:
            self._tags, self._comments = _scan(self.text, self.root)
        return sorted((tag[_START], tag[_AFTER]) for tag in self._tags.values())

    def _span(self, start: int, end: int) -> Span:
        return self.line_column(start), self.line_column(end)

    # -- where things are --------------------------------------------------------------------

    def element_span(self, element: etree._Element) -> Span:
        """``element``'s start tag, from its ``<`` to just past its ``>``."""
        tag = self._tag(element)
        if tag is None:
            line = int(getattr(element, "sourceline", None) or 1)
            return (line, 1), (line, 1)
        return self._span(tag[_START], tag[_CONTENT])

    def element_extent(self, element: etree._Element) -> tuple[int, int]:
        """The offsets of ``element``'s first character and just past its last (its end tag)."""
        tag = self._tag(element)
        if tag is None:
            start = self.offset(self.element_span(element)[0][0], 1)
            return start, start
        return tag[_START], tag[_AFTER]

    def attribute_span(self, element: etree._Element, name: str) -> Span:
        """Attribute ``name`` of ``element``, from its name to its closing quote; the
        element's start tag when it has no such attribute."""
        tag = self._tag(element)
        if tag is not None:
            where = self._attributes(tag).get(name)
            if where is not None:
                return self._span(*where)
        return self.element_span(element)

    def _attributes(self, tag: _Tag) -> dict[str, tuple[int, int]]:
        """Where each attribute of a start tag is written, read once per tag."""
        cache = self._attribute_places
        if cache is None:
            cache = self._attribute_places = {}
        places = cache.get(tag[_START])
        if places is None:
            name_end = _NAME_END.search(self.text, tag[_START] + 1)
            begin = name_end.start() if name_end else tag[_START]
            places = cache[tag[_START]] = {
                found.group("name"): found.span()
                for found in _attribute().finditer(self.text, begin, tag[_CONTENT])
            }
        return places

    def text_span(self, element: etree._Element) -> Span:
        """The text directly inside ``element``, without the white space around it."""
        tag = self._tag(element)
        return self._visible(tag[_CONTENT]) if tag else self.element_span(element)

    def text_runs(self, element: etree._Element) -> list[tuple[Span, str]]:
        """Each stretch of text written directly inside ``element`` (not inside its children,
        comments or processing instructions; a CDATA section counts as text), without the
        white space around it, with the text as written. Where the text cannot be placed, one
        stretch at the element's start tag stands for all of it."""
        tag = self._tag(element)
        if tag is None or tag[_CONTENT] == tag[_AFTER]:
            pieces = [element.text or "", *((child.tail or "") for child in element)]
            return [(self.element_span(element), "".join(pieces))]
        text = self.text
        end = text.rfind("</", tag[_CONTENT], tag[_AFTER])
        runs: list[tuple[int, int]] = []
        depth, position = 0, tag[_CONTENT]
        for match in _markup().finditer(text, position, end):
            start = match.start()
            if depth == 0 and text.startswith("<![CDATA[", start):
                continue  # a CDATA section is text: part of the stretch it stands in
            if depth == 0 and start > position:
                runs.append((position, start))
            if text.startswith("</", start):
                depth -= 1
            elif match.group("name") is not None:
                depth += text[match.end() - 2] != "/"
            position = match.end()
        if depth == 0 and position < end:
            runs.append((position, end))
        found: list[tuple[Span, str]] = []
        for start, stop in runs:
            written = text[start:stop].strip(XML_SPACE)
            read = written.replace("<![CDATA[", "").replace("]]>", "")
            if read.strip(XML_SPACE):
                first = start + text[start:stop].index(written[0])
                found.append((self._span(first, first + len(written)), written))
        return found

    def _visible(self, offset: int) -> Span:
        found = _VISIBLE.search(self.text, offset)
        start = found.start() if found else offset
        end = self.text.find("<", start)
        end = len(self.text) if end < 0 else end
        while end > start and self.text[end - 1] in XML_SPACE:
            end -= 1
        return self._span(start, end)

    def element_position(self, element: etree._Element) -> tuple[int, int]:
        """Where ``element``'s start tag begins."""
        return self.element_span(element)[0]


_VISIBLE = re.compile(r"[^ \t\r\n]")  # not XML white space


def read_source(
    source: Source, *, path: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> tuple[bytes, str | None]:
    """The bytes of ``source`` and the path to report them under.

    ``str`` and ``bytes`` are TwiML itself; an :class:`os.PathLike` is a file to read. A file is
    read only up to the size cap, so a huge file costs no more than a small one.
    """
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str):
        if len(source) > max_bytes:  # each character is at least one byte: no need to encode
            raise DocumentError(_too_large(path, max_bytes))
        data = source.encode("utf-8", errors="surrogatepass")
    elif isinstance(source, os.PathLike):
        file = Path(source)
        path = path if path is not None else str(file)
        try:
            with file.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            reason = error.strerror or str(error)
            raise DocumentError(
                checks.UNREADABLE_FILE.at(path, 1, 1, f"cannot read {file}: {reason}")
            ) from None
    else:
        raise TypeError(
            "twimlkit expects TwiML as str or bytes, or a path as pathlib.Path, "
            f"not {type(source).__name__}"
        )
    if len(data) > max_bytes:
        raise DocumentError(_too_large(path, max_bytes))
    return data, path


def _too_large(path: str | None, max_bytes: int) -> Diagnostic:
    return checks.DOCUMENT_TOO_LARGE.at(
        path,
        1,
        1,
        f"the document is over {max_bytes:,} bytes; twimlkit does not parse it "
        "(Twilio refuses TwiML responses over 64 kB)",
    )


def decode(data: bytes, path: str | None) -> tuple[bytes, str]:
    """Check that ``data`` is UTF-8 text that XML allows; return it without a BOM, and decoded."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_32_BOMS):
        raise DocumentError(
            checks.NOT_UTF8.at(path, 1, 1, "the document is UTF-16 or UTF-32; TwiML must be UTF-8")
        )
    # The declaration first: a document that names another encoding is usually written in
    # it, and its first byte that is not UTF-8 is a symptom of that.
    declared = _XML_DECLARATION_BYTES.match(data)
    if declared and declared.group(1).lower() not in _UTF8_NAMES_BYTES:
        name = declared.group(1).decode("ascii", errors="replace")
        line, column = _line_column(data[: declared.start(1)].decode("ascii", errors="replace"))
        raise DocumentError(
            checks.NOT_UTF8.at(
                path,
                line,
                column,
                f"the XML declaration names encoding {name!r}; "
                'TwiML must be UTF-8 (encoding="UTF-8")',
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # All valid up to the first bad byte.
        line, column = _line_column(data[: error.start].decode("utf-8"))
        raise DocumentError(
            checks.NOT_UTF8.at(
                path,
                line,
                column,
                f"byte 0x{data[error.start]:02X} is not valid UTF-8; TwiML must be UTF-8",
            )
        ) from None
    if not text.strip(XML_SPACE):
        raise DocumentError(checks.EMPTY_DOCUMENT.at(path, 1, 1, "the document is empty"))
    bad = _forbidden_char().search(text)
    if bad:
        line, column = _line_column(text, bad.start())
        raise DocumentError(
            checks.INVALID_CHARACTER.at(
                path,
                line,
                column,
                f"character U+{ord(bad.group()):04X} is not allowed in XML 1.0; "
                "remove it (Twilio cannot parse the document)",
            )
        )
    return data, text


def _line_column(text: str, offset: int | None = None) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` (by default, the end of ``text``), lines
    ending at XML's line breaks (LF, CR LF and a lone CR)."""
    if offset is None:
        offset = len(text)
    if "\r" not in text:
        line_start = text.rfind("\n", 0, offset) + 1
        return text.count("\n", 0, offset) + 1, offset - line_start + 1
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line, line_start = line + 1, match.end()
    return line, offset - line_start + 1


def _from_libxml2(text: str, line: int, column: int) -> tuple[int, int]:
    """libxml2's position of an error (it ends lines at LF only) as twimlkit counts it: the
    same place, with a lone CR ending a line too."""
    if "\r" not in text:
        return line, column
    last = text.split("\n", line - 1)[-1]
    return _line_column(text, len(text) - len(last) + column - 1)


_per_thread = threading.local()


def _parser() -> etree.XMLParser:
    """This thread's hardened parser. lxml parsers may not be shared between threads; one
    parser serves every document of its thread, and its error log holds the last parse's."""
    parser: etree.XMLParser | None = getattr(_per_thread, "parser", None)
    if parser is None:
        parser = _per_thread.parser = hardened_parser()
    return parser


class _RefuseEverything(etree.Resolver):
    """Answers every request the parser makes to open something (an external DTD, an external
    or parameter entity) with nothing: the parser never reads a file or a URL."""

    # lxml passes a context that lxml-stubs leaves out of the signature.
    def resolve(self, system_url: str, public_id: str, context: object) -> object:  # type: ignore[override]
        return self.resolve_string("", context, base_url=None)


def hardened_parser() -> etree.XMLParser:
    """A new parser set up as twimlkit parses TwiML: no DTD loaded, no entity expanded, no
    network, nothing opened at all (every file or URL it asks for is answered with nothing),
    libxml2's limits on depth and size kept, comments kept for suppression."""
    parser = etree.XMLParser(
        encoding="utf-8",
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        collect_ids=False,
        remove_comments=False,
    )
    parser.resolvers.add(_RefuseEverything())
    return parser


def read_document(
    source: Source, *, path: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Document:
    """Parse ``source`` with the hardened parser, or raise :class:`DocumentError`.

    libxml2 itself refuses bytes that are not UTF-8 and characters that XML forbids, so the
    usual, well-formed document is decoded once and handed to it; only when it refuses, or
    when the document has a DOCTYPE, does twimlkit look closer, to say exactly why and where.
    """
    data, path = read_source(source, path=path, max_bytes=max_bytes)
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if b"<!DOCTYPE" in data or _declares_an_encoding(data):
        data, checked = decode(data, path)  # raises for what the bytes themselves get wrong
        if "<!DOCTYPE" in checked:
            _refuse_doctype(checked, path)
    written = data
    text: str | None = None
    if any(marker in data for marker in _IMPLIED_MARKERS):
        text = utf8_text(data, path)
        data, _ = _bind_implied_prefixes(data, text, _root_offset(text))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        checked = decode(written, path)[1]  # raises when the bytes or characters are at fault
        if "<!DOCTYPE" in checked:  # whatever else is wrong, the DTD is the first thing to go
            _refuse_doctype(checked, path, anywhere=True)
        raise DocumentError(*_not_well_formed(checked, path)) from None
    text = text if text is not None else utf8_text(written, path)
    if root.getroottree().docinfo.internalDTD is not None:
        # Bytes that slipped past the check above (nothing known does): the parsed document
        # has a DOCTYPE, whose declarations (attribute defaults, entities) would change what
        # the checks see. It is refused all the same.
        _refuse_doctype(text, path, anywhere=True)
    return Document(path, text, root)


def utf8_text(data: bytes, path: str | None) -> str:
    """``data`` as text; for bytes that are not UTF-8, raises :class:`DocumentError` with the
    precise diagnostic (the first bad byte's line and column)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode(data, path)[1]


def _declares_an_encoding(data: bytes) -> bool:
    """Whether ``data`` opens with a byte-order mark of UTF-16 or UTF-32, or with an XML
    declaration that names an encoding other than UTF-8 (:func:`decode` says which)."""
    if not data.startswith(b"<?xml"):
        return data.startswith(_UTF16_32_BOMS)
    if data.startswith(_USUAL_DECLARATIONS):
        return False
    declared = _XML_DECLARATION_BYTES.match(data)
    return declared is not None and declared.group(1).lower() not in _UTF8_NAMES_BYTES


# What may come before the root element: white space, the XML declaration, other processing
# instructions and comments. A DOCTYPE is the one thing refused there.
_PROLOG_ITEM = re.compile(r"[\s\ufeff]+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


def _root_offset(text: str) -> int:
    """Where the first thing after the prolog (white space, declarations, comments) starts."""
    offset = 0
    while match := _PROLOG_ITEM.match(text, offset):
        offset = match.end()
    return offset


def _refuse_doctype(text: str, path: str | None, *, anywhere: bool = False) -> None:
    """Refuse a DOCTYPE before the parser sees it: a DTD can fetch files and URLs (XXE) or
    expand entities without bound, and TwiML never needs one. The DOCTYPE is looked for where
    XML allows it, after the prolog; with ``anywhere``, the document is known to have one, and
    the first ``<!DOCTYPE`` in the text is reported (the start of the document if none is)."""
    offset = _root_offset(text)
    if not text.startswith("<!DOCTYPE", offset):
        if not anywhere:
            return
        offset = max(text.find("<!DOCTYPE"), 0)
    line, column = _line_column(text, offset)
    raise DocumentError(
        checks.FORBIDDEN_DTD.at(
            path,
            line,
            column,
            "DOCTYPE declarations are not allowed in TwiML; twimlkit does not load DTDs "
            "or expand their entities",
        )
    )


#: Prefixes TwiML uses without declaring them (Amazon Polly's SSML tags inside <Say>), with
#: the namespace that schemas/amazon.xsd gives their elements. twimlkit binds them while it
#: parses; lxml then names such an element {urn:twimlkit:amazon}effect.
IMPLIED_NAMESPACES = {"amazon": "urn:twimlkit:amazon"}
_PREFIXES = {namespace: prefix for prefix, namespace in IMPLIED_NAMESPACES.items()}
_IMPLIED_MARKERS = tuple(f"<{prefix}:".encode() for prefix in IMPLIED_NAMESPACES)
_ROOT_NAME = re.compile(r"<[^\s/>]+")


def _bind_implied_prefixes(data: bytes, text: str, root_at: int) -> tuple[bytes, int]:
    """``data`` with the implied prefixes it uses declared on its root element, and the
    number of characters added (inserted after the root's name, on the root's line)."""
    declarations = "".join(
        f' xmlns:{prefix}="{namespace}"'
        for prefix, namespace in IMPLIED_NAMESPACES.items()
        if f"<{prefix}:" in text and f"xmlns:{prefix}=" not in text
    )
    name = _ROOT_NAME.match(text, root_at)
    if not declarations or name is None:
        return data, 0
    cut = len(text[: name.end()].encode("utf-8"))
    return data[:cut] + declarations.encode("ascii") + data[cut:], len(declarations)


def tag_name(tag: str) -> str:
    """An element's name as TwiML writes it: ``{urn:twimlkit:amazon}effect`` is
    ``amazon:effect``; other names are unchanged."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        prefix = _PREFIXES.get(namespace)
        if prefix:
            return f"{prefix}:{local}"
    return tag


def _scan(text: str, root: etree._Element) -> tuple[dict[etree._Element, _Tag], list[_Tag]]:
    """Pair each element with where it is written in ``text`` (both are in document order),
    and list where each comment is (its ``<!--`` and just past its ``-->``), in one pass."""
    tags: list[_Tag] = []
    open_tags: list[_Tag] = []
    comments: list[_Tag] = []
    for match in _markup().finditer(text):
        start, end = match.span()
        second = text[start + 1]
        if second == "/":
            if open_tags:
                open_tags.pop()[_AFTER] = end
        elif match.group("name") is not None:
            tag = [start, end, end]
            tags.append(tag)
            if text[end - 2] != "/":
                open_tags.append(tag)
        elif text.startswith("!--", start + 1):
            comments.append([start, end, end])
    elements = list(root.iter(etree.Element))
    if len(elements) != len(tags):  # pragma: no cover - a scanner mistake; positions degrade
        return {}, comments
    return dict(zip(elements, tags, strict=True)), comments


_LIBXML_SUFFIX = re.compile(r", line \d+, column \d+$")


def _not_well_formed(text: str, path: str | None) -> list[Diagnostic]:
    """What is wrong with ``text``, which libxml2 refused, in plain words
    (:mod:`twimlkit.parse_errors`, imported only now)."""
    from . import parse_errors

    failure = _libxml2_failure(text)
    if failure is None:  # pragma: no cover - it was refused a moment ago
        failure = parse_errors.Failure(1, 1, 0, "the XML parser refused the document")
    return parse_errors.explain(text, path, failure, _libxml2_failure)


def _libxml2_failure(text: str) -> parse_errors.Failure | None:
    """libxml2's first error for ``text``, parsed as :func:`read_document` parses (implied
    prefixes bound), at the line and column of ``text`` as twimlkit counts them; ``None``
    when it parses."""
    from .parse_errors import Failure

    data = text.encode("utf-8", errors="surrogatepass")
    root_at, added = 0, 0
    if any(marker in data for marker in _IMPLIED_MARKERS):
        root_at = _root_offset(text)
        data, added = _bind_implied_prefixes(data, text, root_at)
    parser = _parser()
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        entries = [entry for entry in parser.error_log if entry.level >= etree.ErrorLevels.ERROR]
        entry = entries[0] if entries else None
        line = entry.line if entry else (error.lineno or 1)
        column = entry.column if entry else (error.position[1] if error.position else 1)
        message = entry.message if entry else _LIBXML_SUFFIX.sub("", str(error.msg))
    else:
        return None
    line, column = max(line, 1), max(column, 1)
    name = _ROOT_NAME.match(text, root_at)
    if added and name is not None:  # the column in the text as written, not as parsed
        root_line = text.count("\n", 0, root_at) + 1  # as libxml2 counts
        inserted = name.end() - text.rfind("\n", 0, root_at)  # the column of the insertion
        if line == root_line and column > inserted:
            column = max(column - added, inserted)
    line, column = _from_libxml2(text, line, column)
    if message.startswith("Excessive depth in document"):
        message = f"elements are nested too deeply (more than {MAX_DEPTH} levels)"
    return Failure(line, column, Lines(text).offset(line, column), message.strip())
