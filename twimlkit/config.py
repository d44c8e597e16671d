"""Which checks run: ``[tool.twimlkit]`` in ``pyproject.toml``, and the command line's overrides.

    [tool.twimlkit]
    select = ["TK1", "recording-track-without-record"]   # only these (default: everything)
    ignore = ["phone-number-not-e164"]                    # never these
    per-file-ignores = { "legacy/*.xml" = ["deprecated-verb"] }

A name is a rule's slug (``dual-channel-ignored``), its code (``TK203``), a code prefix
(``TK2``: every rule), or ``ALL``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePath

from . import registry
from .diagnostic import Diagnostic


class ConfigError(ValueError):
    """The configuration cannot be used; the message says where and why."""


#: Why an empty selection is refused rather than obeyed.
NOTHING_SELECTED = (
    "it would turn every check off; name at least one rule, code or code prefix "
    "(or ALL, the default)"
)


def _matches(name: str, diagnostic: Diagnostic) -> bool:
    """Whether ``name`` (as the registry reads it) selects the check that found it."""
    return diagnostic.rule in _selected(name)


@functools.cache
def _selected(name: str) -> frozenset[str]:
    return frozenset(check.rule for check in registry.matching(name))


@dataclass(frozen=True)
class Selection:
    """Which diagnostics to keep."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The folder that per-file-ignores patterns are relative to.
    root: Path = field(default_factory=Path.cwd)

    def keeps(self, diagnostic: Diagnostic) -> bool:
        if not any(_matches(name, diagnostic) for name in self.select):
            return False
        if any(_matches(name, diagnostic) for name in self.ignore):
            return False
        if diagnostic.path is None or not self.per_file_ignores:
            return True
        path = _relative(PurePath(diagnostic.path), self.root)
        for pattern, names in self.per_file_ignores:
            if (fnmatch(path, pattern) or fnmatch(PurePath(path).name, pattern)) and any(
                _matches(name, diagnostic) for name in names
            ):
                return False
        return True

    def filter(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        return [d for d in diagnostics if self.keeps(d)]

    def override(
        self, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
    ) -> Selection:
        """This selection with the command line's ``--select``/``--ignore`` taking over. A
        ``--select`` alone replaces both the file's select and its ignore: what the command
        line names, runs."""
        if ignore is None:
            ignore = () if select is not None else self.ignore
        return Selection(
            tuple(select) if select is not None else self.select,
            tuple(ignore),
            self.per_file_ignores,
            self.root,
        )


def _relative(path: PurePath, root: Path) -> str:
    try:
        resolved, folder = Path(path).resolve(), root.resolve()
    except (OSError, RuntimeError):  # a loop of links, which Python 3.11 cannot resolve
        resolved, folder = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    try:
        return resolved.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start``; :class:`ConfigError` when a
    folder on the way cannot be looked into, rather than a configuration further up."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        try:
            if candidate.is_file():
                return candidate
        except OSError as error:
            raise ConfigError(f"cannot look for {candidate}: {error.strerror or error}") from None
    return None


def _kind_of(value: object) -> str:
    """What a TOML value is, in the words of TOML's own documentation."""
    for kind, name in ((bool, "a boolean"), (int, "an integer"), (float, "a float")):
        if isinstance(value, kind):
            return name
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Mapping):
        return "a table"
    return "a date or time"


def check_names(value: object, where: str) -> tuple[str, ...]:
    """``value`` as a tuple of check names, or :class:`ConfigError` if it is not a list of
    names or any name is empty or unknown."""
    if isinstance(value, str):
        hint = f' (write ["{value}"])' if value.strip() else ""
        raise ConfigError(
            f"{where} must be a list of rule names, codes or code prefixes, not a string{hint}"
        )
    if not isinstance(value, list):
        raise ConfigError(
            f"{where} must be a list of rule names, codes or code prefixes, not {_kind_of(value)}"
        )
    for name in value:
        if not isinstance(name, str):
            raise ConfigError(
                f"{where}: each entry must be a rule name, code or code prefix as a string, "
                f"not {_kind_of(name)}"
            )
        if not name.strip():
            raise ConfigError(f"{where}: an empty name; give a rule name, code or code prefix")
        if not registry.is_known(name):
            raise ConfigError(f"{where}: {registry.unknown_name_message(name)}")
    return tuple(value)


def load(pyproject: str | os.PathLike[str] | None) -> Selection:
    """The selection that ``[tool.twimlkit]`` in ``pyproject`` (a path) describes (everything
    when the file or the table is missing)."""
    if pyproject is None:
        return Selection()
    # Imported only when there is a file to read: a run without one does not pay for it.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    pyproject = Path(pyproject)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{pyproject}: cannot read it: {error.strerror or error}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{pyproject}: {error}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, Mapping):
        raise ConfigError(f"{pyproject}: [tool] must be a table, not {_kind_of(tool)}")
    table = tool.get("twimlkit", {})
    if not isinstance(table, Mapping):
        raise ConfigError(f"{pyproject}: [tool.twimlkit] must be a table, not {_kind_of(table)}")
    unknown = set(table) - {"select", "ignore", "per-file-ignores"}
    if unknown:
        raise ConfigError(
            f"{pyproject}: unknown [tool.twimlkit] keys: {', '.join(sorted(unknown))}"
        )
    where = f"{pyproject}: [tool.twimlkit]"
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, Mapping):
        raise ConfigError(
            f"{where} per-file-ignores must be a table of pattern = [names], "
            f"not {_kind_of(per_file)}"
        )
    select = check_names(table["select"], f"{where} select") if "select" in table else ("ALL",)
    if not select:
        raise ConfigError(f"{where} select is empty: {NOTHING_SELECTED}")
    return Selection(
        select=select,
        ignore=check_names(table.get("ignore", []), f"{where} ignore"),
        per_file_ignores=tuple(
            (str(pattern), check_names(names, f"{where} per-file-ignores {pattern!r}"))
            for pattern, names in per_file.items()
        ),
        root=pyproject.parent,
    )
