"""``full``: each finding as ``concise`` writes it, then the lines of its span with a caret
under it; the default on a terminal.

::

    calls/agent.xml:2:9: error TK103 [invalid-value] <Dial> attribute recordingTrack: ...
      |
    2 |   <Dial recordingTrack="inbund">+15551239876</Dial>
      |         ^^^^^^^^^^^^^^^^^^^^^^^
      |

What is shown of a line is safe and lined up on a terminal: a tab is written as spaces up to
the next tab stop, a control character or a character that turns the direction of text
(U+202E...) as its escape (``\\x1b``, ``\\u202e``), and characters that take two cells (CJK)
or none (combining accents) count as such, so the caret stays under the span. A line longer
than :data:`MAX_SHOWN` characters is shown around the span, with ``...`` where it is cut. A
span over more than :data:`MAX_SPAN_LINES` lines shows its first and last lines. A finding
whose line cannot be had (a file that can no longer be read, or over the size cap) is shown
by its first line alone.
"""

from __future__ import annotations

import re
import unicodedata

from ..diagnostic import Diagnostic
from ..formatters import one_line
from . import Report, Sources
from .concise import BLUE, BOLD, SEVERITY_COLORS, headline, paint

#: Tab stops are this many cells apart.
TAB_WIDTH = 4
#: The most characters of one line that are shown.
MAX_SHOWN = 100
#: How many characters before its span a line cut short keeps.
CONTEXT = 30
#: A span over more lines than this shows only its first and last line.
MAX_SPAN_LINES = 3
CUT = "..."

# C0 and C1 controls, DEL, line and paragraph separators, lone surrogates, and the characters
# that change the direction of text (which could make the line look like other code).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _cells(char: str, at: int) -> str:
    """How ``char`` is shown when it starts at cell ``at`` of the line shown."""
    if char == "\t":
        return " " * (TAB_WIDTH - at % TAB_WIDTH)
    if _UNSAFE.match(char):
        code = ord(char)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    return char


def _width(char: str) -> int:
    """How many cells of a terminal ``char`` takes."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def shown(text: str, start: int, end: int) -> tuple[str, int, int]:
    """What is shown of the line ``text`` for a span from character ``start`` up to ``end``
    (0-based, ``end`` not included), and the cell where the caret starts and how many cells
    wide it is (at least one)."""
    start = min(max(start, 0), len(text))
    end = min(max(end, start), len(text))
    low, high = 0, len(text)
    if len(text) > MAX_SHOWN:
        low = max(0, start - CONTEXT)
        high = min(len(text), low + MAX_SHOWN)
        low = max(0, high - MAX_SHOWN)
    parts = [CUT] if low > 0 else []
    at = len(CUT) if low > 0 else 0
    caret_start = caret_end = at
    for index in range(low, high):
        if index == start:
            caret_start = at
        if index == end:
            caret_end = at
        piece = _cells(text[index], at)
        parts.append(piece)
        at += len(piece) if piece != text[index] else _width(piece)
    if start >= high:
        caret_start = at
    if end >= high:
        caret_end = at
    if high < len(text):
        parts.append(CUT)
    return "".join(parts), caret_start, max(1, caret_end - caret_start)


def snippet(diagnostic: Diagnostic, sources: Sources, color: bool = False) -> list[str]:
    """The lines under a finding's headline: its span's lines, each with carets under the
    part of the span on it; none when its first line cannot be had."""
    first, last = diagnostic.line, max(diagnostic.end_line, diagnostic.line)
    if first < 1:
        return []
    numbers = list(range(first, last + 1))
    if len(numbers) > MAX_SPAN_LINES:
        numbers = [first, 0, last]  # 0: the lines left out
    texts = {n: sources.line(diagnostic.path, n) for n in numbers if n}
    if texts[first] is None:
        return []
    width = len(str(last))
    gutter = paint(" " * width + " |", BLUE, color)
    caret_color = SEVERITY_COLORS[diagnostic.severity]
    lines = [gutter]
    for number in numbers:
        text = texts.get(number)
        if number == 0:
            lines.append(f"{gutter} {CUT}")
            continue
        if text is None:
            continue
        start = diagnostic.column - 1 if number == first else 0
        end = diagnostic.end_column - 1 if number == last else len(text)
        line, caret_at, caret_width = shown(text, start, end)
        lines.append(f"{paint(f'{number:>{width}} |', BLUE, color)} {line}".rstrip())
        lines.append(f"{gutter} {' ' * caret_at}{paint('^' * caret_width, caret_color, color)}")
    lines.append(gutter)
    return lines


def emit(report: Report) -> str:
    blocks = []
    for diagnostic in report.diagnostics:
        lines = [headline(diagnostic, report.color)]
        lines += snippet(diagnostic, report.sources, report.color)
        if diagnostic.fix is not None:
            how = "--fix" if diagnostic.fix.safe else "--fix --unsafe-fixes"
            help_word = paint("help", BOLD, report.color)
            lines.append(f"{help_word}: {one_line(diagnostic.fix.description)} ({how})")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
