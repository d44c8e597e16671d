"""A progress line for long runs of ``twimlkit lint``, on a terminal only.

The line counts the files checked so far. It appears only when standard error is a terminal,
outside CI (no ``CI`` environment variable), and only once a run has taken longer than
:data:`SHOW_AFTER` seconds, so short runs, pipes and CI logs never see it. It is written over
itself with a carriage return and erased (overwritten with spaces) before anything else is
written, so the report and the notes on standard error read as if it had never been there:
whatever writes to standard error during a run calls :func:`erase` first (``twimlkit lint``'s
notes all go through one function that does).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TextIO

#: Seconds a run takes before the progress line appears.
SHOW_AFTER = 1.5
#: Seconds between two updates of the line, at least.
EVERY = 0.1


def wanted(stream: TextIO | None, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether a progress line may be shown on ``stream``: a terminal, and not in CI."""
    if stream is None or environ.get("CI", ""):
        return False
    try:
        return stream.isatty()
    except (OSError, ValueError):  # closed
        return False


def erase() -> None:
    """Take the progress line shown now, if any, off the terminal (before a note is written
    to standard error); the next count shows it again."""
    if _showing:
        _showing[-1].erase()


#: The progress line on the terminal now (none, or one).
_showing: list[Progress] = []


class Progress:
    """Counts what is done and, on a terminal, shows the count; use it as a context manager,
    which erases the line at the end (an interrupt or an error too)."""

    def __init__(
        self,
        stream: TextIO | None,
        environ: Mapping[str, str] = os.environ,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if wanted(stream, environ) else None
        self.clock = clock
        self.done = 0
        self._start = clock()
        self._next = self._start + SHOW_AFTER
        self._shown = 0  # the length of the line on the terminal now

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.erase()

    def advance(self, count: int = 1) -> None:
        """``count`` more files are done: update the line if it is time to."""
        self.done += count
        if self.stream is None:
            return
        now = self.clock()
        if now < self._next:
            return
        self._next = now + EVERY
        line = f"twimlkit: {self.done:,} file{'s' if self.done != 1 else ''} checked..."
        self._put("\r" + line.ljust(self._shown))
        self._shown = len(line) if self.stream is not None else 0
        if self._shown and not _showing:
            _showing.append(self)

    def erase(self) -> None:
        """Take the line off the terminal, if it is there."""
        if self._shown:
            self._put("\r" + " " * self._shown + "\r")
            self._shown = 0
        if self in _showing:
            _showing.remove(self)

    def _put(self, text: str) -> None:
        if self.stream is None:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # standard error went away: nothing to show it on
            self.stream = None
            self._shown = 0
