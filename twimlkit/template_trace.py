"""A traced render of a Jinja2 template: which stretch of the output came from which stretch of
the template, so that a finding about the output is reported at the template's own line and
column.

How: an extension (:class:`_Tracing`) rewrites the token stream of every template the
environment compiles. Each literal chunk of the template (a ``data`` token) is written between
two markers that name it, and so is the output of each ``{{ ... }}`` expression; the template's
own offsets of each chunk and expression are known from Jinja2's lexer. After the render,
:func:`untangle` takes the markers out again and keeps, for each stretch of what is left, where
it came from: a literal chunk maps character by character, the output of an expression maps
to the whole ``{{ ... }}``. Markers are noncharacters (U+FDD0 to U+FDD2) that a template's
text never holds (the linter reads them as U+FFFD) and that no expression writes.

When a template is linted (:mod:`twimlkit.template_lint`), the same rewrite also lets each
``{% if %}`` and ``{% elif %}`` test ask which branch to take when the test depends on a
stand-in value, and turns ``{# twimlkit: disable=... #}`` comments into the XML comments
:mod:`twimlkit.suppress` reads, at the same place. The renderer
(:mod:`twimlkit.templating`) uses only the markers: when what it rendered has findings, it
renders the template once more, traced, to report them at the template's lines.

This module imports jinja2; nothing imports it on the way to linting plain TwiML.
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
import traceback
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import jinja2
import jinja2.ext
import jinja2.lexer
from jinja2.lexer import Token
from markupsafe import Markup

from . import checks, registry, template_checks
from .diagnostic import Check, Diagnostic
from .document import MAX_DOCUMENT_BYTES, Lines
from .schema import Kind
from .suppress import _directive
from .validate import validate

#: The most a render with stand-ins may write, trace marks included, before it is stopped
#: (and reported): a few times the size cap on documents, since the marks take room too.
MAX_TRACED_OUTPUT = 8 * MAX_DOCUMENT_BYTES

__all__ = ["TemplateSource", "Trace", "Traced", "locate", "untangle"]

_OPEN, _CLOSE, _END = "\ufdd0", "\ufdd2", "\ufdd1"
_MARKER = re.compile(f"([{_OPEN}{_CLOSE}])([0-9]+){_END}")
_MARKER_CHARACTERS = re.compile(f"[{_OPEN}{_END}{_CLOSE}]")
_LINE_BREAK = re.compile("\r\n?|\n")
_SPACE = re.compile(r"\s*")
_ON_LINE = re.compile(r"\bon line ([0-9]+)\b")
_AT_LINE_COLUMN = re.compile(r"\bat line ([0-9]+), column ([0-9]+)\b")

#: Tokens that Jinja2's lexer yields and its parser never sees (wrap() drops them).
_DROPPED = frozenset(
    {
        jinja2.lexer.TOKEN_COMMENT_BEGIN,
        jinja2.lexer.TOKEN_COMMENT,
        jinja2.lexer.TOKEN_COMMENT_END,
        jinja2.lexer.TOKEN_WHITESPACE,
        jinja2.lexer.TOKEN_LINECOMMENT_BEGIN,
        jinja2.lexer.TOKEN_LINECOMMENT_END,
        jinja2.lexer.TOKEN_LINECOMMENT,
        jinja2.lexer.TOKEN_RAW_BEGIN,
        jinja2.lexer.TOKEN_RAW_END,
    }
)

#: What wrote a stretch of output: a literal chunk of a template, the output of a
#: ``{{ ... }}`` (a placeholder, when linting), or a ``{# twimlkit: ... #}`` comment.
Writer = Literal["text", "placeholder", "comment"]

#: The names the rewritten ``{% if %}`` tests call.
ARM = "_twimlkit_arm"
START = "_twimlkit_start"


class TemplateSource:
    """A template's text as Jinja2's lexer reads it (line breaks as ``\\n``), its name, and
    the offset at which each line starts."""

    __slots__ = ("lines", "name", "text")

    def __init__(self, name: str | None, text: str) -> None:
        self.name = name
        self.text = text
        self.lines = Lines(text)

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        return self.lines.line_column(offset)


def lexed_text(source: str) -> str:
    """``source`` as the tracer reads it: line breaks as Jinja2's lexer writes them, and the
    marker characters, should a template hold one, as U+FFFD (one character for one, so
    lines and columns stay)."""
    text = "\n".join(_LINE_BREAK.split(source))
    return _MARKER_CHARACTERS.sub("\ufffd", text) if _MARKER_CHARACTERS.search(text) else text


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a marked stretch of output came from: ``start`` to ``end`` in ``source``."""

    source: TemplateSource
    start: int
    end: int
    kind: Writer


@dataclass(frozen=True, slots=True)
class Branch:
    """One branch (arm) of an ``{% if %}``: its statement, its index among the statement's
    branches, its keyword and where its tag is written."""

    statement: int
    index: int
    keyword: str
    source: TemplateSource
    start: int
    end: int


#: What a render chooses: for a variable's name, whether a stand-in for it is true (1) or
#: false (0), true when not said; for a statement's number, the branch to take where a test
#: that twimlkit cannot answer (``x == "dual"``, ``x is defined``) decides.
Plan = dict["str | int", int]


@dataclass
class Trace:
    """What the tracing extension learned about the templates it rewrote, and the state of
    the render under way. ``explore`` (linting) rewrites ``{% if %}`` tests and twimlkit
    comments too; without it, only the markers are added."""

    explore: bool = False
    sources: list[TemplateSource] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    branches: dict[tuple[int, int], Branch] = field(default_factory=dict)
    #: For each statement, the index of its last tested branch and whether an else follows.
    shapes: dict[int, tuple[int, bool]] = field(default_factory=dict)
    #: The names each template's ``{# twimlkit: disable-file=... #}`` comments give.
    disabled_files: dict[int, list[str]] = field(default_factory=dict)
    plan: Plan = field(default_factory=dict)
    #: The branches rendered, by any render, and the statements whose tests ran.
    reached: set[tuple[int, int]] = field(default_factory=set)
    evaluated: set[int] = field(default_factory=set)
    #: For each statement, the variables whose truth its tests asked, and whether a test
    #: that twimlkit cannot answer took part.
    asked: dict[int, set[str]] = field(default_factory=dict)
    undecided: set[int] = field(default_factory=set)
    testing: tuple[int, int] | None = None

    def origin(self, source: TemplateSource, start: int, end: int, kind: Writer) -> int:
        self.origins.append(Origin(source, start, end, kind))
        return len(self.origins) - 1

    # -- asked by stand-ins and by the rewritten {% if %} tests -------------------------------

    def truth(self, name: str) -> bool:
        """Whether a stand-in for variable ``name`` is true in this render."""
        if self.testing is not None:
            self.asked.setdefault(self.testing[0], set()).add(name)
        return bool(self.plan.get(name, 1))

    def choice(self) -> bool:
        """The answer to a test twimlkit cannot answer, in the test under way: true for the
        branch the plan chooses (by default, the first such test's) and those after it."""
        if self.testing is None:
            return True
        statement, index = self.testing
        self.undecided.add(statement)
        target = self.plan.get(statement)
        return target is None or target <= index

    def start_test(self, statement: int, index: int) -> None:
        self.testing = (statement, index)

    def take(self, statement: int, index: int, started: None, value: object) -> bool:
        """Whether branch ``index`` of ``statement`` is taken, its test having given
        ``value`` (``started`` is what :meth:`start_test` returned, called just before)."""
        self.testing = (statement, index)
        self.evaluated.add(statement)
        taken = bool(value)  # a stand-in answers through truth() or choice()
        self.testing = None
        if taken:
            self.reached.add((statement, index))
        else:
            last, has_else = self.shapes.get(statement, (index, False))
            if index == last and has_else:
                self.reached.add((statement, index + 1))
        return taken


#: The trace of the render under way in this thread, for the stand-ins to ask.
_CURRENT: ContextVar[Trace | None] = ContextVar("twimlkit_trace", default=None)

_NAME_CHARACTERS = re.compile(r"[^\w.]+")


class StandIn(jinja2.Undefined):
    """The value of every variable a linted template is not given: it answers anything a
    template asks (attributes, items, calls, iteration over two stand-ins, arithmetic,
    filters) with another stand-in, and is written as its variable's name, which is plain
    text in any place of TwiML. Its truth is the render's choice for its variable (the same
    in every test of one render); a comparison or a test of it is an :class:`Undecided`."""

    __slots__ = ()

    @property
    def key(self) -> str:
        """The variable this stands in for: ``caller``, ``caller.name``, ``items_1``."""
        return str(self._undefined_name or "value")

    def _named(self, suffix: str) -> StandIn:
        return StandIn(name=f"{self.key}{suffix}")

    def __str__(self) -> str:
        name = _NAME_CHARACTERS.sub("", self.key)
        return name[:40] or "value"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r})"

    def __bool__(self) -> bool:
        trace = _CURRENT.get()
        return True if trace is None else trace.truth(self.key)

    def __len__(self) -> int:
        return 2

    def __iter__(self) -> Iterator[Any]:
        yield self._named("_1")
        yield self._named("_2")

    def __contains__(self, item: object) -> bool:
        return bool(Undecided())

    def __int__(self) -> int:  # type: ignore[override]
        return 2

    def __float__(self) -> float:  # type: ignore[override]
        return 2.0

    def __complex__(self) -> complex:  # type: ignore[override]
        return complex(2)

    def __index__(self) -> int:
        return 2

    def __hash__(self) -> int:
        return id(self)

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__" and name[-2:] == "__":
            raise AttributeError(name)
        return self._named(f".{name}")

    def __getitem__(self, key: object) -> StandIn:  # type: ignore[override]
        return self._named("[]")

    def __call__(self, *args: object, **kwargs: object) -> StandIn:  # type: ignore[override]
        return self._named("()")

    def _same(self, *other: object) -> StandIn:
        return self

    def _undecided(self, *other: object) -> Undecided:
        return Undecided()

    # Jinja2's Undefined raises for all of these; a stand-in answers them.
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same  # type: ignore[assignment]
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _same  # type: ignore[assignment]
    __mod__ = __rmod__ = __pow__ = __rpow__ = __neg__ = __pos__ = __abs__ = _same  # type: ignore[assignment]
    __round__ = __trunc__ = _same
    __eq__ = __ne__ = _undecided  # type: ignore[assignment]
    __lt__ = __le__ = __gt__ = __ge__ = _undecided  # type: ignore[assignment]


class Undecided(StandIn):
    """A stand-in that twimlkit cannot say is true or false (``x == "dual"``, ``x is
    defined``): in a test it is what the render's plan chooses for that test's branch."""

    __slots__ = ()

    def __bool__(self) -> bool:
        trace = _CURRENT.get()
        return True if trace is None else trace.choice()


@dataclass(frozen=True, slots=True)
class _Placed:
    """A token of the lexer's, where it is written in the template."""

    kind: str
    start: int
    end: int
    value: str


def _placed(environment: jinja2.Environment, source: TemplateSource) -> list[_Placed]:
    """Every token of ``source`` with its offsets. Each token's text is written where the
    last one ended, or after white space that a ``-`` in a tag took away."""
    text = source.text
    found: list[_Placed] = []
    cursor = 0
    for line, kind, value in environment.lexer.tokeniter(text, source.name):
        if not text.startswith(value, cursor):
            skipped = _SPACE.match(text, cursor)
            cursor = skipped.end() if skipped else cursor
            if not text.startswith(value, cursor):  # never seen; keep to the token's line
                cursor = source.lines.offset(line, 1)
        found.append(_Placed(kind, cursor, cursor + len(value), value))
        cursor += len(value)
    return found


def _token(line: int, kind: str, value: Any) -> Token:
    return Token(line, kind, value)


def _test_opening(line: int, statement: int, index: int) -> list[Token]:
    """``_twimlkit_arm(S, I, _twimlkit_start(S, I), (``, where the test follows."""
    numbers = [
        _token(line, "integer", statement),
        _token(line, "comma", ","),
        _token(line, "integer", index),
    ]
    return [
        _token(line, "name", ARM),
        _token(line, "lparen", "("),
        *numbers,
        _token(line, "comma", ","),
        _token(line, "name", START),
        _token(line, "lparen", "("),
        *numbers,
        _token(line, "rparen", ")"),
        _token(line, "comma", ","),
        _token(line, "lparen", "("),
    ]


class _Rewriter:
    """Rewrites the token stream of one template (see the module's documentation)."""

    def __init__(self, trace: Trace, environment: jinja2.Environment, source: TemplateSource):
        self.trace = trace
        self.source = source
        self.number = trace.sources.index(source)
        self.placed = _placed(environment, source)

    def _data(self, line: int, text: str, start: int, end: int, kind: Writer) -> Token:
        origin = self.trace.origin(self.source, start, end, kind)
        return _token(line, "data", f"{_OPEN}{origin}{_END}{text}{_CLOSE}{origin}{_END}")

    def _comments(self) -> tuple[dict[int, list[tuple[str, int, int]]], list[tuple[str, int, int]]]:
        """The twimlkit comments: the ``disable=`` ones by the index of the token they come
        before (among those the parser sees), and the ``disable-file=`` ones."""
        before: dict[int, list[tuple[str, int, int]]] = {}
        whole: list[tuple[str, int, int]] = []
        kept = 0
        opened = 0
        directive: tuple[str, str, list[str]] | None = None
        for placed in self.placed:
            if placed.kind == jinja2.lexer.TOKEN_COMMENT_BEGIN:
                opened, directive = placed.start, None
            elif placed.kind == jinja2.lexer.TOKEN_COMMENT:
                body = placed.value.strip()
                found = _directive(placed.value)
                # An XML comment holds no "--" and does not end with "-".
                if found is not None and "--" not in body and not body.endswith("-"):
                    directive = (body, *found)
            elif placed.kind == jinja2.lexer.TOKEN_COMMENT_END and directive is not None:
                body, mode, names = directive
                where = (body, opened, placed.start + len(placed.value.rstrip()))
                if mode == "disable-file":
                    whole.append(where)
                    self.trace.disabled_files.setdefault(self.number, []).extend(names)
                else:
                    before.setdefault(kept, []).append(where)
            elif placed.kind not in _DROPPED:
                kept += 1
        return before, whole

    def rewrite(self, stream: jinja2.lexer.TokenStream) -> Iterator[Token]:
        trace = self.trace
        kept = [p for p in self.placed if p.kind not in _DROPPED]
        before, whole = self._comments() if trace.explore else ({}, [])
        # Open {% if %} and {% for %} statements, innermost last: [statement or -1, branch].
        blocks: list[list[int]] = []
        expression = 0
        closing_test = False
        after_block_begin = False
        block_start = 0
        line = 1
        for index, token in enumerate(stream):
            line = token.lineno
            for body, start, end in before.get(index, ()):
                yield self._data(line, f"<!--{body}-->", start, end, "comment")
            placed = kept[index] if index < len(kept) else None
            kind = token.type
            if kind == "data" and placed is not None:
                start = placed.start
                yield self._data(line, token.value, start, start + len(token.value), "text")
                continue
            if kind == "variable_begin":
                start = placed.start if placed else 0
                end = self._end_of(index, kept, "variable_end", start)
                expression = trace.origin(self.source, start, end, "placeholder")
                yield _token(line, "data", f"{_OPEN}{expression}{_END}")
                yield token
                continue
            if kind == "variable_end":
                yield token
                yield _token(line, "data", f"{_CLOSE}{expression}{_END}")
                continue
            if not trace.explore:
                yield token
                continue
            if kind == "block_begin":
                after_block_begin = True
                block_start = placed.start if placed else 0
                yield token
                continue
            if after_block_begin:
                after_block_begin = False
                if kind == "name":
                    end = self._end_of(index, kept, "block_end", block_start)
                    opening = self._branch(token.value, blocks, block_start, end, line)
                    if opening is not None:
                        yield token
                        yield from opening
                        closing_test = bool(opening)
                        continue
            if kind == "block_end" and closing_test:
                closing_test = False
                yield _token(line, "rparen", ")")
                yield _token(line, "rparen", ")")
            yield token
        for body, start, end in [*before.get(len(kept), ()), *whole]:
            yield self._data(line, f"<!--{body}-->", start, end, "comment")

    def _branch(
        self, keyword: str, blocks: list[list[int]], start: int, end: int, line: int
    ) -> list[Token] | None:
        """What follows the keyword of a tag that opens a branch (the start of the rewritten
        test, or nothing for an ``else``), or ``None`` for any other tag. Keeps ``blocks``,
        the open ``if`` and ``for`` statements."""
        trace = self.trace
        if keyword == "for":
            blocks.append([-1, 0])
        elif keyword in ("endfor", "endif"):
            if blocks:
                blocks.pop()
        elif keyword == "if":
            statement = len(trace.shapes)
            trace.shapes[statement] = (0, False)
            blocks.append([statement, 0])
            self._add(statement, 0, "if", start, end)
            return _test_opening(line, statement, 0)
        elif keyword in ("elif", "else") and blocks and blocks[-1][0] >= 0:
            statement, branch = blocks[-1][0], blocks[-1][1] + 1
            blocks[-1][1] = branch
            self._add(statement, branch, keyword, start, end)
            if keyword == "else":
                trace.shapes[statement] = (branch - 1, True)
                return []
            trace.shapes[statement] = (branch, False)
            return _test_opening(line, statement, branch)
        return None

    def _add(self, statement: int, index: int, keyword: str, start: int, end: int) -> None:
        self.trace.branches[(statement, index)] = Branch(
            statement, index, keyword, self.source, start, end
        )

    @staticmethod
    def _end_of(index: int, kept: list[_Placed], kind: str, otherwise: int) -> int:
        """Where the tag that token ``index`` is in ends: after its first ``kind`` token
        (``%}`` or ``}}``) from there, without the white space a ``-`` takes with it."""
        for position in range(index, len(kept)):  # no slice: a copy a tag would be quadratic
            placed = kept[position]
            if placed.kind == kind:
                return placed.start + len(placed.value.rstrip())
        return otherwise


class _Tracing(jinja2.ext.Extension):
    """The extension that rewrites every template its environment compiles; the environment
    carries the :class:`Trace` as ``twimlkit_trace``."""

    def _trace(self) -> Trace:
        trace = getattr(self.environment, "twimlkit_trace", None)
        if not isinstance(trace, Trace):
            raise RuntimeError("a tracing environment needs its twimlkit_trace")
        return trace

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        text = lexed_text(source)
        self._trace().sources.append(TemplateSource(name, text))
        return text

    def filter_stream(self, stream: jinja2.lexer.TokenStream) -> Iterator[Token]:
        trace = self._trace()
        return _Rewriter(trace, self.environment, trace.sources[-1]).rewrite(stream)


def tracing(
    environment: jinja2.Environment, trace: Trace, cache_size: int = 0
) -> jinja2.Environment:
    """An overlay of ``environment`` (its loader, filters, tests, globals and settings) that
    compiles every template traced into ``trace`` (the environment's own compiled templates
    are not traced), keeping up to ``cache_size`` of them: by default none, so that each
    render compiles, and records, what it includes afresh."""
    overlay = environment.overlay(extensions=[_Tracing], cache_size=cache_size)
    overlay.extend(twimlkit_trace=trace)
    overlay.globals = {**environment.globals, ARM: trace.take, START: trace.start_test}
    return overlay


@dataclass(frozen=True, slots=True)
class _Stretch:
    """A stretch of the output, from ``start`` to the next stretch's start: what wrote it
    (innermost) and, when that is another template, the innermost origin in the main one;
    ``base`` is where the innermost origin's output began."""

    start: int
    origin: Origin | None
    base: int
    main: Origin | None
    main_base: int


class Traced:
    """A render's output without its markers, and where each part of it came from."""

    def __init__(self, text: str, stretches: list[_Stretch], main: TemplateSource) -> None:
        self.text = text
        self.main = main
        self._stretches = stretches
        self._starts = [stretch.start for stretch in stretches]
        self._lines = Lines(text)
        # How many characters placeholders wrote before each stretch starts.
        self._written: list[int] = []
        total = 0
        for index, stretch in enumerate(stretches):
            self._written.append(total)
            if stretch.origin is not None and stretch.origin.kind == "placeholder":
                end = stretches[index + 1].start if index + 1 < len(stretches) else len(text)
                total += end - stretch.start
        # The last place in the main template before each stretch: where output that only
        # another template wrote (an include, a parent template) is reported.
        self._before: list[int] = []
        last = 0
        for stretch in stretches:
            self._before.append(last)
            if stretch.main is not None:
                last = stretch.main.end

    def _stretch(self, offset: int) -> int:
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def _placeholder_written(self, offset: int) -> int:
        if not self._stretches:
            return 0
        index = self._stretch(offset)
        stretch = self._stretches[index]
        inside = offset - stretch.start
        placeholder = stretch.origin is not None and stretch.origin.kind == "placeholder"
        return self._written[index] + (inside if placeholder else 0)

    def placeholder_in(self, start: int, end: int) -> bool:
        """Whether a placeholder wrote any of the output from ``start`` up to ``end``."""
        end = max(end, start + 1)
        return self._placeholder_written(end) > self._placeholder_written(start)

    def source_offset(self, offset: int, *, end: bool = False) -> tuple[int, str]:
        """Where output ``offset`` (``end``: the end of a span reaching it) came from in the
        main template, and a note naming the other template it came from, if it did."""
        if not self._stretches:
            return 0, ""
        at = offset - 1 if end and offset > 0 else offset
        index = self._stretch(at)
        stretch = self._stretches[index]
        note = ""
        origin = stretch.origin
        if origin is not None and origin.source is not self.main:
            line, column = origin.source.line_column(self._within(origin, stretch.base, at))
            note = f" (in {origin.source.name or 'another template'}, line {line}, column {column})"
        main = stretch.main
        if main is None:
            return self._before[index], note
        if main.kind != "text" or main is not origin:
            return (main.end if end else main.start), note
        found = self._within(main, stretch.main_base, at)
        return (found + 1 if end and offset > 0 else found), note

    @staticmethod
    def _within(origin: Origin, base: int, offset: int) -> int:
        if origin.kind != "text":
            return origin.start
        return min(origin.start + max(offset - base, 0), max(origin.end - 1, origin.start))

    def located(self, diagnostic: Diagnostic, path: str | None) -> Diagnostic:
        """``diagnostic``, about the output, moved to the main template's line and column."""
        start = self._lines.offset(diagnostic.line, diagnostic.column)
        finish = self._lines.offset(diagnostic.end_line, diagnostic.end_column)
        first, note = self.source_offset(start)
        last, _ = self.source_offset(finish, end=True) if finish > start else (first, "")
        (line, column), (end_line, end_column) = (
            self.main.line_column(first),
            self.main.line_column(max(last, first)),
        )
        message = _ON_LINE.sub(self._moved_line, diagnostic.message)
        return replace(
            diagnostic,
            path=path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            message=_AT_LINE_COLUMN.sub(self._moved_place, message) + note,
            fix=None,  # its edits are about the output, not the template
        )

    def _moved_place(self, match: re.Match[str]) -> str:
        """ "at line N, column M" of the output, in a message, as the template's."""
        line, column = int(match.group(1)), int(match.group(2))
        if not 1 <= line <= len(self._lines.starts):
            return match.group(0)
        offset, _ = self.source_offset(self._lines.offset(line, column))
        line, column = self.main.line_column(offset)
        return f"at line {line}, column {column}"

    def _moved_line(self, match: re.Match[str]) -> str:
        """ "on line N" of the output, in a rule's message, as the template's line."""
        line = int(match.group(1))
        if not 1 <= line <= len(self._lines.starts):
            return match.group(0)
        start = self._lines.starts[line - 1]
        visible = _SPACE.match(self.text, start)
        offset, _ = self.source_offset(visible.end() if visible else start)
        return f"on line {self.main.line_column(offset)[0]}"

    def written_by_placeholder(self, diagnostic: Diagnostic) -> bool:
        """Whether a placeholder wrote part of what ``diagnostic`` is about."""
        start = self._lines.offset(diagnostic.line, diagnostic.column)
        return self.placeholder_in(
            start, self._lines.offset(diagnostic.end_line, diagnostic.end_column)
        )


def untangle(output: str, trace: Trace, main: TemplateSource) -> Traced:
    """``output`` of a traced render without its markers, and where each part came from.
    One pass over the output: each marker opens or closes its origin on a stack."""
    pieces: list[str] = []
    stretches: list[_Stretch] = []
    stack: list[tuple[Origin, int]] = []  # the open origins, with where each began
    length = 0
    position = 0

    def begin() -> None:
        origin, base = stack[-1] if stack else (None, length)
        main_origin, main_base = None, 0
        for candidate, candidate_base in reversed(stack):
            if candidate.source is main:
                main_origin, main_base = candidate, candidate_base
                break
        if stretches and stretches[-1].start == length:
            stretches.pop()
        stretches.append(_Stretch(length, origin, base, main_origin, main_base))

    begin()
    origins = trace.origins
    for marker in _MARKER.finditer(output):
        if marker.start() > position:
            pieces.append(output[position : marker.start()])
            length += marker.start() - position
        position = marker.end()
        number = int(marker.group(2))
        if number >= len(origins):
            continue
        origin = origins[number]
        if marker.group(1) == _OPEN:
            stack.append((origin, length))
        else:
            depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] is origin), -1)
            if depth < 0:
                continue
            del stack[depth:]
        begin()
    pieces.append(output[position:])
    return Traced("".join(pieces), stretches, main)


def main_source(trace: Trace) -> TemplateSource:
    return trace.sources[0]


def error_line(error: BaseException, filename: str | None) -> int | None:
    """The line of the template ``filename`` where ``error`` was raised (the innermost frame
    of the template in Jinja2's rewritten traceback), or ``None``."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def value_check(rule: str) -> bool:
    check = registry.find(rule)
    return check is not None and check.value_check


#: How many traced templates each thread keeps for :func:`locate`: a template whose renders
#: keep having findings (logged in warn mode, render after render) is compiled traced once.
MAX_TRACED_TEMPLATES = 32
_traced = threading.local()


def _traced_template(
    environment: jinja2.Environment, name: str | None, source: str | None
) -> tuple[Trace, jinja2.Template]:
    """The template ``name`` (or the text ``source``) of ``environment``, compiled traced,
    with its trace: from this thread's cache when it was compiled before and is up to date.
    What it includes is compiled once too, so the trace does not grow render after render;
    a locating render only reads the trace (no branch is explored)."""
    cache: OrderedDict[tuple[int, str | None, str | None], tuple[Any, ...]] | None = getattr(
        _traced, "cache", None
    )
    if cache is None:
        cache = _traced.cache = OrderedDict()
    key = (id(environment), name, source)
    hit = cache.get(key)
    if hit is not None:
        cached_environment, trace, template = hit
        if cached_environment is environment and template.is_up_to_date:
            cache.move_to_end(key)
            return trace, template
    trace = Trace()
    traced_environment = tracing(environment, trace, cache_size=MAX_TRACED_TEMPLATES)
    if name is not None and source is None:
        template = traced_environment.get_template(name)
    else:
        template = traced_environment.from_string(source or "")
    cache[key] = (environment, trace, template)
    if len(cache) > MAX_TRACED_TEMPLATES:
        cache.popitem(last=False)
    return trace, template


def locate(
    environment: jinja2.Environment,
    found: list[Diagnostic],
    output: str,
    *,
    name: str | None,
    source: str | None,
    context: Mapping[str, Any],
) -> list[Diagnostic]:
    """``found``, the findings in ``output`` that the template ``name`` (or the template text
    ``source``) rendered with ``context``, moved to the template's own lines and columns.
    The template is rendered once more, traced; when that render does not write ``output``
    again (a template that reads the clock, say), or fails, ``found`` is returned as it is."""
    try:
        trace, template = _traced_template(environment, name, source)
        traced = untangle(template.render(context), trace, main_source(trace))
    except Exception:
        return found
    if traced.text != output:
        return found
    return [traced.located(diagnostic, diagnostic.path) for diagnostic in found]


# -- linting: rendering with stand-ins, every branch --------------------------------------------

#: The most renders of one template that linting makes to reach every branch.
MAX_RENDERS = 64


def _stand_in_filter(real: Any) -> Any:
    """``real``, a filter, for a template rendered with stand-ins: a stand-in filtered is a
    stand-in (whatever the filter, so that no test of a filtered variable is decided by the
    filter's answer to a stand-in), and a filter that fails on a stand-in argument gives one."""

    @functools.wraps(real)
    def filtered(*args: Any, **kwargs: Any) -> Any:
        values = args[1:] if getattr(real, "jinja_pass_arg", None) is not None else args
        if values and isinstance(values[0], StandIn):
            return values[0]._named("")
        try:
            return real(*args, **kwargs)
        except Exception:
            if any(isinstance(v, StandIn) for v in (*values, *kwargs.values())):
                return StandIn(name="value")
            raise

    return filtered


def _stand_in_test(real: Any) -> Any:
    """``real``, a test, for a template rendered with stand-ins: a test of a stand-in has no
    answer of its own (``x is defined`` may go either way), so it is a stand-in."""

    @functools.wraps(real)
    def tested(*args: Any, **kwargs: Any) -> Any:
        if any(isinstance(v, StandIn) for v in (*args, *kwargs.values())):
            return Undecided(name="test")
        return real(*args, **kwargs)

    return tested


def _unknown(*args: Any, **kwargs: Any) -> StandIn:
    """A filter or test that twimlkit does not know (one an application registers)."""
    return Undecided(name="value")


class _Known(dict[str, Any]):
    """Filters or tests by name, where a name not among them is :func:`_unknown`."""

    def __missing__(self, name: str) -> Any:
        return _unknown

    def get(self, name: str, default: Any = None) -> Any:
        return self[name]


def _empty_attributes(*args: Any, **kwargs: Any) -> Markup:
    return Markup("")


def _lint_environment(search_path: list[str], trace: Trace) -> jinja2.Environment:
    """The renderer's environment over ``search_path`` (then the stock templates), traced,
    with a stand-in for every variable, filter and test it lacks."""
    from .templating import Renderer  # the renderer's settings: escaping, finalize, loader

    environment = tracing(Renderer("off", search_path=search_path).environment, trace)
    environment.undefined = StandIn
    filters = _Known({name: _stand_in_filter(f) for name, f in environment.filters.items()})
    filters["xmlattr"] = _stand_in_xmlattr(environment.filters["xmlattr"])
    environment.filters = filters
    environment.tests = _Known({name: _stand_in_test(t) for name, t in environment.tests.items()})
    return environment


def _stand_in_xmlattr(real: Any) -> Any:
    """``xmlattr`` of a stand-in writes no attribute (a stand-in's name is no attribute)."""
    wrapped = _stand_in_filter(real)

    @functools.wraps(real)
    def xmlattr(*args: Any, **kwargs: Any) -> Any:
        if any(isinstance(v, StandIn) for v in args):
            return _empty_attributes()
        return wrapped(*args, **kwargs)

    return xmlattr


def _check(rule: str) -> Check:
    found = registry.find(rule)
    assert found is not None, rule
    return found


@dataclass
class _Exploration:
    """Which branches have been reached, and the plans still to try for the others.

    A branch no render reached is tried with the plan of the first render that ran its
    statement's tests, changed in one way at a time: its branch chosen where a test that
    twimlkit cannot answer decides; each variable its tests asked turned the other way; all
    of them false. Each round renders once with a change for every such branch that agrees
    with the others'; a branch whose changes have all been tried is left unreached."""

    trace: Trace
    #: For each statement, the plan of the first render that evaluated it.
    under: dict[int, Plan] = field(default_factory=dict)
    tried: dict[tuple[int, int], int] = field(default_factory=dict)

    def rendered(self, plan: Plan) -> None:
        for statement in self.trace.evaluated:
            self.under.setdefault(statement, plan)

    def missing(self) -> list[tuple[int, int]]:
        """The branches of evaluated statements that no render reached yet."""
        reached = self.trace.reached
        return sorted(
            key for key in self.trace.branches if key[0] in self.under and key not in reached
        )

    def _changes(self, statement: int, branch: int) -> list[Plan]:
        base = self.under[statement]
        asked = sorted(self.trace.asked.get(statement, ()))
        changes: list[Plan] = []
        if statement in self.trace.undecided:
            changes.append({statement: branch})
        changes += [{name: 0 if base.get(name, 1) else 1} for name in asked]
        if len(asked) > 1:
            changes.append(dict.fromkeys(asked, 0))
        return [{**base, **change} for change in changes]

    def plans(self) -> list[Plan]:
        """The next render's plan, or none when every branch is reached or given up."""
        together: Plan = {}
        for key in self.missing():
            changes = self._changes(*key)
            tried = self.tried.get(key, 0)
            if tried >= len(changes):
                continue
            wanted = changes[tried]
            if all(together.get(name, value) == value for name, value in wanted.items()):
                together.update(wanted)
                self.tried[key] = tried + 1
        return [together] if together else []


def lint(
    text: str,
    *,
    path: str | None,
    name: str,
    filename: str,
    search_path: list[str],
    kind: Kind | None,
) -> list[Diagnostic]:
    """What is wrong with the template ``text``: rendered with stand-ins once for the branches
    a stand-in decides and again until every branch was rendered (at most
    :data:`MAX_RENDERS` times), each output validated, each finding moved to the template's
    line and column, without duplicates."""
    trace = Trace(explore=True)
    environment = _lint_environment(search_path, trace)
    try:
        code = environment.compile(text, name=name, filename=filename)
        template = environment.template_class.from_code(
            environment, code, environment.make_globals(None), None
        )
    except jinja2.TemplateSyntaxError as error:
        message = f"Jinja2 cannot read the template: {error.message}"
        line = error.lineno if error.filename in (filename, None) else 1
        return _file_filtered(trace, [_check("template-syntax-error").at(path, line, 1, message)])
    except (SyntaxError, RecursionError) as error:
        # Jinja2 read it, but Python cannot compile what Jinja2 made of it: blocks nested too
        # deep (Python allows 20 loops and ifs inside each other, Jinja2 more).
        reason = error.msg if isinstance(error, SyntaxError) else "it is nested too deeply"
        message = f"Jinja2 cannot compile the template: {reason}"
        return _file_filtered(trace, [_check("template-syntax-error").at(path, 1, 1, message)])
    main = trace.sources[0]
    found: dict[tuple[str, int, int, str], Diagnostic] = {}
    exploration = _Exploration(trace)
    queue: list[Plan] = [{}]
    renders = 0
    while queue and renders < MAX_RENDERS:
        plan = queue.pop(0)
        renders += 1
        for diagnostic in _render(template, trace, plan, main, path, filename, kind):
            key = (diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.message)
            found.setdefault(key, diagnostic)
        exploration.rendered(plan)
        if not queue:
            queue = exploration.plans()
    stopped = bool(queue) or (renders >= MAX_RENDERS and bool(exploration.plans()))
    for statement, branch in exploration.missing():
        where = trace.branches[(statement, branch)]
        if where.source is not main:
            continue  # a branch of an included template: linting that template reports it
        (line, column), end = main.line_column(where.start), main.line_column(where.end)
        tag = f"{{% {where.keyword} %}}"
        why = (
            f"twimlkit stopped after {MAX_RENDERS} renders of this template"
            if stopped
            else "the template decides the tests that lead to it by itself"
        )
        message = f"the {tag} branch was never rendered ({why}): the TwiML it writes is not checked"
        diagnostic = _check("template-branch-not-rendered").at(path, line, column, message, end)
        found.setdefault((diagnostic.code, line, column, message), diagnostic)
    return sorted(_file_filtered(trace, list(found.values())), key=Diagnostic.sort_key)


def _render(
    template: jinja2.Template,
    trace: Trace,
    plan: Plan,
    main: TemplateSource,
    path: str | None,
    filename: str,
    kind: Kind | None,
) -> Iterator[Diagnostic]:
    """The findings of one render with ``plan``, at the template's lines."""
    trace.plan = plan
    token = _CURRENT.set(trace)
    pieces: list[str] = []
    written = 0
    try:
        # Written piece by piece, so that loops over stand-ins nested deep (each stand-in
        # iterates twice) stop at the cap instead of writing an output that doubles a level.
        for piece in template.generate():
            pieces.append(piece)
            written += len(piece)
            if written > MAX_TRACED_OUTPUT:
                message = (
                    f"rendering with stand-in values wrote more than {MAX_TRACED_OUTPUT:,} "
                    "characters (each loop over a stand-in runs twice, so nested loops "
                    "multiply) and was stopped: this render is not checked"
                )
                yield checks.DOCUMENT_TOO_LARGE.at(path, 1, 1, message)
                return
    except Exception as error:
        line = error_line(error, filename) or 1
        message = f"rendering with stand-in values failed: {type(error).__name__}: {error}"
        yield _check("template-render-error").at(path, line, 1, message.rstrip(": "))
        return
    finally:
        _CURRENT.reset(token)
    output = "".join(pieces)
    traced = untangle(output, trace, main)
    for diagnostic in validate(traced.text, kind=kind, path=path):
        if value_check(diagnostic.rule) and traced.written_by_placeholder(diagnostic):
            continue  # a stand-in's value is not the template's mistake
        yield traced.located(diagnostic, path)


def _file_filtered(trace: Trace, found: list[Diagnostic]) -> list[Diagnostic]:
    """``found`` without the template's own findings that its ``{# twimlkit:
    disable-file=... #}`` comments silence (the others were silenced with the output)."""
    names = trace.disabled_files.get(0, [])
    if not names:
        return found
    silenced = {check.rule for name in names for check in registry.matching(name)}
    own = {check.rule for check in template_checks.ALL}
    return [d for d in found if not (d.rule in own and d.rule in silenced)]
