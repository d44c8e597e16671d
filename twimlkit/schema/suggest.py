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
