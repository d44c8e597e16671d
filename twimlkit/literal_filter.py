"""Whether a set of gitignore-style patterns can match a path at all, told without pathspec.

Importing pathspec costs more than the rest of a one-file lint's configuration, and most
patterns of a repository (``build/``, ``sms/**``) plainly cannot name most of its files. This
module does no matching: it only rules a path out when some piece of text that every match
would have to contain is missing from it. Whatever it cannot rule out is left to pathspec,
which stays the one judge of gitignore-style matching.

A pattern matches only where each run of its plain characters (those between ``*``, ``?``,
``/`` and white space) stands in the path as written: gitignore matches them exactly, case
included. Blank lines and comments match nothing. Patterns with an escape (``\\``) or a
character class (``[``) are never ruled out, nor are runs of dots alone (``.`` and ``..``).
A negated pattern (``!keep``) can only take a match back, so a set none of whose patterns
can match matches nothing. A pattern with no plain text at all (``**``, or ``!``, which
pathspec refuses) leaves every path to pathspec.
"""

from __future__ import annotations

import functools
import re

_SEPARATORS = re.compile(r"[*?/\s]+")


@functools.lru_cache(maxsize=256)
def _required(lines: tuple[str, ...]) -> tuple[tuple[str, ...], ...] | None:
    """For each pattern, the text a path must contain to match it; ``None`` when some pattern
    may match any path (so that nothing can be ruled out)."""
    needs: list[tuple[str, ...]] = []
    for line in lines:
        if not line.strip() or line.startswith("#"):  # nothing, or a comment: never matches
            continue
        if "\\" in line or "[" in line:
            return None
        text = line[1:] if line.startswith("!") else line
        pieces = tuple(p for p in _SEPARATORS.split(text) if p.strip("."))
        if not pieces:  # any path, or a pattern pathspec refuses (``!``): pathspec says which
            return None
        needs.append(pieces)
    return tuple(needs)


def may_match(lines: tuple[str, ...], path: str) -> bool:
    """False only when no pattern of ``lines`` can match ``path`` (``/`` between its parts);
    True means that pathspec has to be asked."""
    needs = _required(lines)
    return needs is None or any(all(piece in path for piece in need) for need in needs)
