"""The lines of the documents that findings are about, for the formats that show or hash them.

A file is read when one of its lines is first asked for, up to the size cap that
:func:`twimlkit.validate` reads (a larger file has no lines to show: its one finding says it
is too large), and only a regular file: a named pipe that was read once cannot be read again,
and opening it would wait for a writer; opening a device may do something. One file is kept
at a time, the last one asked for, since findings come file by file. Text is decoded as
twimlkit decodes documents (UTF-8, a byte-order mark left out, lines ending at LF, CR LF or a
lone CR), so that columns agree; a byte that is not UTF-8 becomes U+FFFD.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Mapping

from ..document import MAX_DOCUMENT_BYTES, Lines


class SourceFiles:
    """The lines of files on disk, and of the documents read otherwise (standard input),
    which ``texts`` gives by the name they are reported under."""

    def __init__(
        self, texts: Mapping[str, bytes] | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
    ) -> None:
        self._texts = dict(texts or {})
        self._max_bytes = max_bytes
        self._path: str | None = None
        self._current: tuple[str, Lines] | None = None
        # The last line asked for: a long line with many findings is cut out once.
        self._last: tuple[int, str | None] = (0, None)

    def line(self, path: str | None, number: int) -> str | None:
        if path is None:
            return None
        if path != self._path:
            self._path, self._current = path, self._read(path)
            self._last = (0, None)
        if self._current is None:
            return None
        if self._last[0] != number:
            self._last = (number, _cut(*self._current, number))
        return self._last[1]

    def _read(self, path: str) -> tuple[str, Lines] | None:
        data = self._texts[path] if path in self._texts else self._read_file(path)
        if data is None or len(data) > self._max_bytes:
            return None
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        text = data.decode("utf-8", errors="replace")
        return text, Lines(text)

    def _read_file(self, path: str) -> bytes | None:
        try:
            # Only a regular file is opened (opening a device can do something), and without
            # blocking, should it have become a named pipe since, which waits for a writer.
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except (OSError, ValueError):
            return None
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            with os.fdopen(descriptor, "rb", closefd=False) as file:
                return file.read(self._max_bytes + 1)
        except OSError:
            return None
        finally:
            os.close(descriptor)


def _cut(text: str, lines: Lines, number: int) -> str | None:
    """Line ``number`` of ``text`` without its line break, or ``None`` when it has none."""
    if not 1 <= number <= len(lines.starts):
        return None
    start = lines.starts[number - 1]
    end = lines.starts[number] if number < len(lines.starts) else len(text)
    return text[start:end].rstrip("\r\n")
