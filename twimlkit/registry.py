"""Every check twimlkit runs, in one table: the input checks, the schema checks, the rules and
the checks of REST requests and of templates.

This is the one place that answers "which check is called X": lookup by slug or code, code
prefixes (``TK2``: every rule), and a suggestion for a misspelt name. Configuration,
suppression comments, the command line and ``twimlkit rule`` all ask it. Each check carries
the same documentation (:meth:`~twimlkit.diagnostic.Check.documentation`).
"""

from __future__ import annotations

from . import checks, rest_checks, template_checks
from .diagnostic import Check
from .rules import RULES

#: Every check, input and schema checks, rules, REST and template checks, in code order.
ALL: tuple[Check, ...] = tuple(
    sorted(
        (*checks.ALL, *RULES, *rest_checks.ALL, *template_checks.ALL), key=lambda check: check.code
    )
)

_BY_NAME: dict[str, Check] = {
    **{check.code: check for check in ALL},
    **{check.rule: check for check in ALL},
}
if len(_BY_NAME) != 2 * len(ALL):  # pragma: no cover - caught by the registry's tests
    raise RuntimeError("two twimlkit checks share a code or a slug")

#: The slugs of the checks that say a document was not read: settings never leave them out.
ALWAYS_REPORTED: frozenset[str] = frozenset(check.rule for check in ALL if check.always_reported)

#: What a selection may name besides slugs, codes and prefixes: every check.
EVERYTHING = "ALL"


def find(name: str) -> Check | None:
    """The check whose slug or code is ``name``, or ``None``."""
    return _BY_NAME.get(name)


def matching(name: str) -> tuple[Check, ...]:
    """The checks that ``name`` selects: ``ALL``, a slug, a code or a code prefix (``TK2``).
    An empty tuple when it names nothing."""
    if name == EVERYTHING:
        return ALL
    found = find(name)
    if found is not None:
        return (found,)
    if name.startswith("TK"):
        return tuple(check for check in ALL if check.code.startswith(name))
    return ()


def is_known(name: str) -> bool:
    """Whether ``name`` selects at least one check (see :func:`matching`)."""
    return bool(matching(name))


def suggest(name: str) -> str | None:
    """The slug or code closest to a misspelt ``name``, if one is close."""
    folded = name.lower().replace("_", "-").strip()
    if folded in _BY_NAME:
        return folded
    if folded.upper() in _BY_NAME:
        return folded.upper()
    import difflib  # here: only a misspelt name needs it

    close = difflib.get_close_matches(folded, list(_BY_NAME), n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_name_message(name: str) -> str:
    """What to tell someone who named a check that does not exist."""
    suggestion = suggest(name)
    hint = f"; did you mean {suggestion!r}?" if suggestion else "; see 'twimlkit rules'"
    return f"{name!r} is not a twimlkit rule, code or code prefix{hint}"
