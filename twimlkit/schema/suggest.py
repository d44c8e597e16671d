"""Suggestions for a name or value that is close to a right one."""

from __future__ import annotations

from collections.abc import Collection


def suggest(value: str, candidates: Collection[str]) -> str | None:
    """The candidate ``value`` was most likely meant to be, if any is close."""
    if not value:
        return None
    folded = {candidate.lower(): candidate for candidate in candidates}
    if value.lower() in folded:
        return folded[value.lower()]
    import difflib  # here: only a name or value that is wrong needs it

    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(value.lower(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def did_you_mean(value: str, candidates: Collection[str]) -> str:
    """``; did you mean 'x'?`` for the candidate closest to ``value``, or nothing."""
    suggestion = suggest(value, candidates)
    return f"; did you mean {suggestion!r}?" if suggestion and suggestion != value else ""


def near_miss(value: str, candidates: Collection[str]) -> str | None:
    """The candidate that ``value`` is a slip of the keyboard away from, if any: the same
    name in another case, or, case aside, a name with one letter missing, added, changed or
    two letters swapped (two such slips in a name of 8 letters or more, three in one of 12 or
    more), or the first half or more of a name of 8 letters or more (``Resp``).

    Stricter than :func:`suggest`, which picks the likeliest of the names that may stand at
    one place: this one tells a misspelt name from another word. In a name of 4 letters or
    fewer, a letter changed makes another word (``<root>`` is not ``<Room>``), and so does any
    slip in a name of 1 or 2 letters; and a whole word that shares letters with a name
    (``<project>``, ``<reject>``) is not a near miss."""
    folded = value.lower()
    best: tuple[int, str] | None = None
    for candidate in candidates:
        name = candidate.lower()
        if name == folded:
            return candidate
        if len(name) < 3 or len(folded) < 3:
            continue
        if len(name) >= 8 and 2 * len(folded) >= len(name) and name.startswith(folded):
            distance = len(name) - len(folded)  # an abbreviation: after any slip of a letter
        else:
            allowed = 1 if len(name) < 8 else 2 if len(name) < 12 else 3
            distance = _slips(folded, name, allowed, changes=len(name) > 4)
            if distance > allowed:
                continue
        if best is None or distance < best[0]:
            best = (distance, candidate)
    return best[1] if best else None


def _slips(typed: str, meant: str, most: int, changes: bool) -> int:
    """How many letters missing, added, changed (only with ``changes``) or swapped with the
    next turn ``typed`` into ``meant`` (the optimal string alignment distance), or ``most +
    1`` when it is more than ``most``."""
    if abs(len(typed) - len(meant)) > most:
        return most + 1
    change = 1 if changes else most + 1
    before: list[int] = []
    row = list(range(len(meant) + 1))
    for i in range(1, len(typed) + 1):
        current = [i] + [0] * len(meant)
        for j in range(1, len(meant) + 1):
            same = typed[i - 1] == meant[j - 1]
            current[j] = min(
                row[j] + 1,  # a letter added
                current[j - 1] + 1,  # a letter missing
                row[j - 1] + (0 if same else change),
            )
            if (
                before
                and i > 1
                and j > 1
                and typed[i - 1] == meant[j - 2]
                and typed[i - 2] == meant[j - 1]
            ):
                current[j] = min(current[j], before[j - 2] + 1)  # two letters swapped
        before, row = row, current
        if min(row) > most:
            return most + 1
    return min(row[-1], most + 1)
