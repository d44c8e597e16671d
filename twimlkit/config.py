"""Settings: which files ``twimlkit lint`` looks at, which checks run, at which severity, and
which kind of TwiML a file is. They come from ``[tool.twimlkit]`` in a ``pyproject.toml`` or
from a ``twimlkit.toml`` (the same keys at the top level), and the command line overrides them.

    [tool.twimlkit]
    extend = "../pyproject.toml"                          # inherit, then change
    select = ["TK1", "recording-track-without-record"]   # only these (default: everything)
    extend-select = ["TK2"]                               # and these
    ignore = ["phone-number-not-e164"]                    # never these
    extend-ignore = []
    per-file-ignores = { "legacy/*.xml" = ["deprecated-verb"] }
    severity = { "recording-track-without-record" = "error" }
    kind = { "sms/**" = "messaging" }
    include = ["*.xml", "*.twiml"]                        # what a folder's walk picks up
    exclude = [...]                                       # replaces DEFAULT_EXCLUDE
    extend-exclude = ["fixtures/"]                        # adds to it
    respect-gitignore = true

A check's name is its slug (``dual-channel-ignored``), its code (``TK203``), a code prefix
(``TK2``: every rule), or ``ALL``. Every pattern is gitignore-style (matched by the
``pathspec`` library, imported only when a pattern has to be matched) and relative to the
folder of the file that sets it.

Each file gets the settings of the nearest folder at or above it that holds a
``twimlkit.toml``, or a ``pyproject.toml`` with a ``[tool.twimlkit]`` table (the
``twimlkit.toml`` when a folder has both): :func:`settings_for`, or a :class:`Resolver` that
remembers what it found for many files.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from . import registry
from .diagnostic import Diagnostic, Severity
from .literal_filter import may_match
from .schema.model import KINDS, Kind

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

__all__ = [
    "CONFIG_FILES",
    "DEFAULT_EXCLUDE",
    "DEFAULT_INCLUDE",
    "ConfigError",
    "Exclusion",
    "Patterns",
    "Resolver",
    "Selection",
    "Settings",
    "load",
    "settings_for",
]

#: The files settings are read from, in the order a folder's are preferred.
CONFIG_FILES = ("twimlkit.toml", "pyproject.toml")

#: What a walk of a folder picks up by default, in any case (``.XML`` too).
DEFAULT_INCLUDE = ("*.xml", "*.twiml", "*.xml.j2", "*.twiml.j2")
_DEFAULT_SUFFIXES = tuple(pattern[1:] for pattern in DEFAULT_INCLUDE)

#: Folders no walk goes into by default: hidden folders (``.git``, ``.venv``, ``.idea``, ...)
#: and those that hold what tools made or installed rather than a repository's own TwiML.
#: Setting ``exclude`` replaces this list; ``extend-exclude`` adds to it.
DEFAULT_EXCLUDE = (
    ".*/",
    "venv/",
    "node_modules/",
    "bower_components/",
    "build/",
    "dist/",
    "site-packages/",
    "__pypackages__/",
    "__pycache__/",
    "_build/",
    "buck-out/",
    "htmlcov/",
    "*.egg-info/",
)
_DEFAULT_EXCLUDED_NAMES = frozenset(p.rstrip("/") for p in DEFAULT_EXCLUDE if "*" not in p)

_SEVERITIES = tuple(severity.value for severity in Severity)
_KEYS = (
    "extend",
    "select",
    "extend-select",
    "ignore",
    "extend-ignore",
    "per-file-ignores",
    "severity",
    "kind",
    "include",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
)


class ConfigError(ValueError):
    """The configuration cannot be used; the message says where and why."""


#: Why an empty selection is refused rather than obeyed.
NOTHING_SELECTED = (
    "it would turn every check off; name at least one rule, code or code prefix "
    "(or ALL, the default)"
)


@functools.cache
def _selected(name: str) -> frozenset[str]:
    return frozenset(check.rule for check in registry.matching(name))


@functools.lru_cache(maxsize=256)
def _spec(lines: tuple[str, ...]) -> GitIgnoreSpec:
    import pathspec  # only when a pattern has to be matched

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _refused(line: str) -> bool:
    """Whether pathspec refuses the pattern ``line`` (a lone ``!``, a ``\\`` escaping
    nothing at the end)."""
    try:
        _spec((line,))
    except ValueError:  # pathspec's GitIgnorePatternError
        return True
    return False


def ignore_file_spec(lines: tuple[str, ...]) -> GitIgnoreSpec:
    """The patterns of an ignore file (``.gitignore``) as git reads them: a line that is not
    a pattern is passed over, as git passes over it."""
    try:
        return _spec(lines)
    except ValueError:
        return _spec(tuple(line for line in lines if not _refused(line)))


def relative(path: str | os.PathLike[str], folder: str) -> str | None:
    """``path`` relative to the absolute ``folder``, with ``/`` between its parts, or ``None``
    when it is not inside it. Links are not resolved: a path is where it was found."""
    absolute = os.path.abspath(path)
    if absolute == folder:
        return ""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if not absolute.startswith(prefix):
        return None
    inside = absolute[len(prefix) :]
    return inside.replace(os.sep, "/") if os.sep != "/" else inside


_Found = TypeVar("_Found")


class Patterns(NamedTuple):
    """Gitignore-style ``lines``, relative to the absolute folder ``root``; ``origin`` is
    where they were set: the configuration file's path, or the command line's option
    (``--exclude``), for messages; ``where`` names the setting in it, for the error about a
    line that is not a pattern."""

    root: str
    lines: tuple[str, ...]
    origin: str = ""
    where: str = "a pattern setting"

    def described(self, setting: str) -> str:
        """Where these patterns come from, for a message: ``extend-exclude in
        svc/pyproject.toml``, ``--extend-exclude``, or just ``setting``."""
        if self.origin.startswith("--"):
            return self.origin
        return f"{setting} in {shown(self.origin)}" if self.origin else setting

    def matches(self, path: str | os.PathLike[str], is_dir: bool = False) -> bool:
        """Whether ``path`` (a folder when ``is_dir``) or a folder it lies in matches. A path
        outside :attr:`root` (``../other`` from the folder the patterns belong to) is matched
        by its own name, which only a pattern without a folder in it (``*.xml``, ``build/``)
        can name, as such a pattern names a file at any depth."""
        patterns = self
        inside = relative(path, self.root)
        if inside is None:
            inside = os.path.basename(os.path.abspath(path))
            patterns = self._replace(lines=tuple(filter(_names_a_name, self.lines)))
        if not inside or not patterns.lines:
            return False
        inside = inside + "/" if is_dir else inside
        return may_match(patterns.lines, inside) and bool(patterns.spec().match_file(inside))

    def spec(self) -> GitIgnoreSpec:
        """The compiled patterns; :class:`ConfigError` naming :attr:`where` and the line
        when one is not a pattern (compiled only when a path is to be matched, so that a run
        that matches none does not import pathspec)."""
        try:
            return _spec(self.lines)
        except ValueError:  # pathspec's GitIgnorePatternError
            refused = next((line for line in self.lines if _refused(line)), self.lines[0])
            raise ConfigError(
                f"{self.where}: {refused!r} is not a gitignore-style pattern (a lone '!' "
                "negates nothing, a '\\' at the end escapes nothing; write '\\!' or '\\\\' "
                "for the character itself)"
            ) from None


def _names_a_name(line: str) -> bool:
    """Whether the gitignore-style ``line`` has no folder in it (``*.xml``, ``build/``,
    ``!keep.xml``), so that it names a file or folder by its name alone, wherever it is; an
    anchored ``/skip.xml`` or ``a/b.xml`` does not."""
    body = line[1:] if line.startswith("!") else line
    return "/" not in body.rstrip("/")


def _patterns(
    root: str | os.PathLike[str],
    lines: Iterable[str],
    origin: str | os.PathLike[str] = "",
    where: str = "a pattern setting",
) -> Patterns:
    return Patterns(os.path.abspath(root), tuple(lines), os.fspath(origin), where)


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` as a message shows it: relative to the current folder when it lies below it,
    else as it is."""
    try:
        inside = relative(path, os.getcwd())
    except OSError:  # the current folder is gone
        inside = None
    return inside if inside else os.fspath(path)


def _specificity(name: str) -> tuple[int, int]:
    """How precisely ``name`` picks checks: ALL, then longer code prefixes, then one check."""
    if name == registry.EVERYTHING:
        return (0, 0)
    return (2, 0) if registry.find(name) is not None else (1, len(name))


@dataclass(frozen=True)
class Settings:
    """What applies to a file: which checks run (and at which severity), which files a walk
    picks up, and which kind of TwiML a file is. ``root`` is the folder the configuration
    file is in (the one ``per_file_ignores`` patterns given as text are relative to), and
    ``source`` that file (``None`` for the defaults)."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str | Patterns, tuple[str, ...]], ...] = ()
    root: Path = field(default_factory=Path.cwd)
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    #: Name -> severity, in the order written; the most precise name wins.
    severity: tuple[tuple[str, Severity], ...] = ()
    #: Pattern -> kind; the last that matches wins.
    kind: tuple[tuple[Patterns, Kind], ...] = ()
    #: What a walk picks up: ``None`` for :data:`DEFAULT_INCLUDE` (in any case).
    include: Patterns | None = None
    #: What a walk passes over: ``None`` for :data:`DEFAULT_EXCLUDE`.
    exclude: Patterns | None = None
    extend_exclude: tuple[Patterns, ...] = ()
    respect_gitignore: bool = True
    source: Path | None = None

    def __post_init__(self) -> None:
        if any(isinstance(pattern, str) for pattern, _ in self.per_file_ignores):
            root = os.path.abspath(self.root)
            object.__setattr__(
                self,
                "per_file_ignores",
                tuple(
                    (
                        Patterns(root, (p,), "", "per_file_ignores") if isinstance(p, str) else p,
                        names,
                    )
                    for p, names in self.per_file_ignores
                ),
            )

    @functools.cached_property
    def _root(self) -> str:
        return os.path.abspath(self.root)

    @functools.cached_property
    def _rules(self) -> frozenset[str]:
        chosen = set().union(*(_selected(n) for n in (*self.select, *self.extend_select)))
        return frozenset(chosen - set().union(*(_selected(n) for n in self._ignored)))

    @property
    def _ignored(self) -> tuple[str, ...]:
        return (*self.ignore, *self.extend_ignore)

    @functools.cached_property
    def _severities(self) -> dict[str, Severity]:
        ranked = sorted(
            enumerate(self.severity), key=lambda entry: (_specificity(entry[1][0]), entry[0])
        )
        chosen: dict[str, Severity] = {}
        for _, (name, severity) in ranked:  # the most precise last
            chosen.update(dict.fromkeys(_selected(name), severity))
        for rule in registry.ALWAYS_REPORTED:  # an unread document stays an error
            chosen.pop(rule, None)
        return chosen

    def keeps(self, diagnostic: Diagnostic) -> bool:
        """Whether the check that found ``diagnostic`` runs on its file (a check that says the
        document was not read always does: :attr:`~twimlkit.diagnostic.Check.always_reported`)."""
        if diagnostic.rule in registry.ALWAYS_REPORTED:
            return True
        if diagnostic.rule not in self._rules:
            return False
        if diagnostic.path is None or not self.per_file_ignores:
            return True
        for patterns, names in self.per_file_ignores:
            assert isinstance(patterns, Patterns)
            if any(diagnostic.rule in _selected(n) for n in names) and patterns.matches(
                diagnostic.path
            ):
                return False
        return True

    def filter(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The ``diagnostics`` whose checks run (see :meth:`keeps`)."""
        return [d for d in diagnostics if self.keeps(d)]

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The ``diagnostics`` whose checks run, each at the severity configured for it."""
        severities = self._severities
        kept = self.filter(diagnostics)
        if not severities:
            return kept
        return [
            dataclasses.replace(d, severity=severities[d.rule])
            if d.rule in severities and severities[d.rule] is not d.severity
            else d
            for d in kept
        ]

    def kind_for(self, path: str | os.PathLike[str]) -> Kind | None:
        """The kind that ``kind`` patterns give ``path``, or ``None``."""
        found: Kind | None = None
        for patterns, kind in self.kind:
            if patterns.matches(path):
                found = kind
        return found

    def includes(self, path: str | os.PathLike[str]) -> bool:
        """Whether a walk that meets the file ``path`` checks it (``include``)."""
        if self.include is None:
            return os.fspath(path).lower().endswith(_DEFAULT_SUFFIXES)
        # Like the default, an include matches without regard to case (*.xml takes CALL.XML).
        include = self.include
        folded = include._replace(lines=tuple(line.lower() for line in include.lines))
        absolute = os.path.abspath(path)
        inside = relative(absolute, include.root)
        if inside is None:  # matched by its name (see Patterns.matches)
            head, name = os.path.split(absolute)
            return folded.matches(os.path.join(head, name.lower()))
        return folded.matches(os.path.join(include.root, inside.lower()))

    def excludes(self, path: str | os.PathLike[str], is_dir: bool = False) -> bool:
        """Whether ``exclude`` or ``extend-exclude`` names ``path`` (a folder when
        ``is_dir``) or a folder it lies in, below :attr:`root`."""
        return self.exclusion(path, is_dir) is not None

    def exclusion(self, path: str | os.PathLike[str], is_dir: bool = False) -> Exclusion | None:
        """Which setting excludes ``path`` (see :meth:`excludes`), or ``None``."""
        if self.exclude is None:
            inside = relative(path, self._root)
            if inside is None:  # outside the folder: only a folder's own name counts
                name = os.path.basename(os.path.abspath(path))
                if is_dir and _excluded_by_default(name):
                    return Exclusion("excluded by default", f"{name}/")
            elif inside:
                parts = inside.split("/")
                folders = parts if is_dir else parts[:-1]
                for part in folders:
                    if _excluded_by_default(part):
                        return Exclusion("excluded by default", f"{part}/")
        elif self.exclude.matches(path, is_dir):
            return Exclusion(f"excluded by {self.exclude.described('exclude')}")
        for patterns in self.extend_exclude:
            if patterns.matches(path, is_dir):
                return Exclusion(f"excluded by {patterns.described('extend-exclude')}")
        return None

    def override(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        **changes: Any,
    ) -> Settings:
        """These settings with the command line's taking over. A ``select`` alone replaces
        the file's select, extend-select, ignore and extend-ignore: what the command line
        names, runs; an ``ignore`` replaces ignore and extend-ignore. Other ``changes`` are
        fields to replace, except ``extend_select``, ``extend_ignore`` and
        ``extend_exclude``, which add to what is left."""
        extend_select = () if select is not None else self.extend_select
        extend_ignore = () if select is not None or ignore is not None else self.extend_ignore
        if select is not None:
            changes["select"] = tuple(select)
            changes["ignore"] = () if ignore is None else tuple(ignore)
        elif ignore is not None:
            changes["ignore"] = tuple(ignore)
        changes["extend_select"] = (*extend_select, *changes.get("extend_select", ()))
        changes["extend_ignore"] = (*extend_ignore, *changes.get("extend_ignore", ()))
        changes["extend_exclude"] = (*self.extend_exclude, *changes.get("extend_exclude", ()))
        return dataclasses.replace(self, **changes)


#: The name this type had when it only chose checks.
Selection = Settings


class Exclusion(NamedTuple):
    """Why the settings leave a path out: ``by`` says which setting (``excluded by default``,
    ``excluded by extend-exclude in svc/pyproject.toml``), ``detail`` what of it matched
    (the default exclude's folder, ``venv/``), when that is known."""

    by: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.by} ({self.detail})" if self.detail else self.by


def _excluded_by_default(name: str) -> bool:
    return name.startswith(".") or name in _DEFAULT_EXCLUDED_NAMES or name.endswith(".egg-info")


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


def _pattern_list(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ConfigError(f'{where} must be a list of patterns, not a string (write ["{value}"])')
    if not isinstance(value, list):
        raise ConfigError(f"{where} must be a list of patterns, not {_kind_of(value)}")
    for pattern in value:
        if not isinstance(pattern, str) or not pattern.strip():
            what = "an empty string" if isinstance(pattern, str) else _kind_of(pattern)
            raise ConfigError(f"{where}: each pattern must be a non-empty string, not {what}")
    return tuple(value)


def _choice(value: object, choices: Sequence[str], where: str) -> str:
    """``value`` if it is one of ``choices``, or :class:`ConfigError` with a suggestion."""
    if isinstance(value, str) and value in choices:
        return value
    if not isinstance(value, str):
        raise ConfigError(f"{where} must be one of {', '.join(choices)}, not {_kind_of(value)}")
    import difflib  # here: only a wrong value needs a suggestion

    close = difflib.get_close_matches(value.lower().strip(), choices, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ConfigError(f"{where}: {value!r} is not one of {', '.join(choices)}{hint}")


def severity_of(value: object, where: str) -> Severity:
    """A severity as configuration writes it (``"error"``, ``"warning"``, ``"info"``)."""
    return Severity(_choice(value, _SEVERITIES, where))


def kind_of(value: object, where: str) -> Kind:
    """A kind as configuration writes it (``"voice"``, ``"messaging"``)."""
    chosen = _choice(value, KINDS, where)
    return next(kind for kind in KINDS if kind == chosen)  # the one, typed as a Kind


def _table(value: object, where: str, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be a table of {what}, not {_kind_of(value)}")
    return value


class _File(NamedTuple):
    """A configuration file that holds settings: its path, its table, and how its messages
    name the table."""

    path: Path
    table: Mapping[str, Any]
    where: str


def _read(path: Path, required: bool = True) -> _File | None:
    """The twimlkit settings in ``path``; ``None`` for a pyproject.toml without
    ``[tool.twimlkit]`` unless ``required`` (then an empty table)."""
    # Imported only when there is a file to read: a run without one does not pay for it.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read it: {error.strerror or error}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise ConfigError(
            f"{path}: cannot read it: arrays or tables nested too deeply for Python's TOML reader"
        ) from None
    if path.name != "pyproject.toml":
        return _File(path, data, f"{path}:")
    tool = data.get("tool", {})
    if not isinstance(tool, Mapping):
        raise ConfigError(f"{path}: [tool] must be a table, not {_kind_of(tool)}")
    if "twimlkit" not in tool:
        return _File(path, {}, f"{path}: [tool.twimlkit]") if required else None
    table = tool["twimlkit"]
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: [tool.twimlkit] must be a table, not {_kind_of(table)}")
    return _File(path, table, f"{path}: [tool.twimlkit]")


def _settings(file: _File, chain: tuple[Path, ...] = ()) -> Settings:
    """The settings ``file`` describes, on top of those of the file it extends."""
    table, where, folder = file.table, file.where, file.path.parent
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        import difflib  # here: only an unknown key needs a suggestion

        hints = [
            f"did you mean {match[0]!r} for {name!r}?"
            for name in unknown
            if (match := difflib.get_close_matches(name, _KEYS, n=1))
        ]
        listing = ", ".join(unknown) + (f"; {' '.join(hints)}" if hints else "")
        if file.path.name == "pyproject.toml":
            raise ConfigError(f"{file.path}: unknown [tool.twimlkit] keys: {listing}")
        if "tool" in unknown:
            listing += (
                " (twimlkit.toml holds the settings at its top level, not in [tool.twimlkit])"
            )
        raise ConfigError(f"{file.path}: unknown keys: {listing}")
    base = Settings(root=folder, source=file.path)
    if "extend" in table:
        base = dataclasses.replace(_extended(file, chain), root=folder, source=file.path)
    changes: dict[str, Any] = {}
    for key in ("select", "extend-select", "ignore", "extend-ignore"):
        if key in table:
            changes[key.replace("-", "_")] = check_names(table[key], f"{where} {key}")
    if changes.get("select") == ():
        raise ConfigError(f"{where} select is empty: {NOTHING_SELECTED}")
    if "per-file-ignores" in table:
        per_file = _table(
            table["per-file-ignores"], f"{where} per-file-ignores", "pattern = [names]"
        )
        changes["per_file_ignores"] = tuple(
            (
                _patterns(folder, (str(pattern),), file.path, f"{where} per-file-ignores"),
                check_names(names, f"{where} per-file-ignores {pattern!r}"),
            )
            for pattern, names in per_file.items()
        )
    if "severity" in table:
        given = _table(table["severity"], f"{where} severity", 'name = "error"')
        for name in given:
            if not registry.is_known(name):
                raise ConfigError(f"{where} severity: {registry.unknown_name_message(name)}")
        changes["severity"] = (
            *base.severity,
            *((n, severity_of(v, f"{where} severity {n!r}")) for n, v in given.items()),
        )
    if "kind" in table:
        given = _table(table["kind"], f"{where} kind", 'pattern = "voice" or "messaging"')
        changes["kind"] = (
            *base.kind,
            *(
                (
                    _patterns(folder, (p,), file.path, f"{where} kind"),
                    kind_of(v, f"{where} kind {p!r}"),
                )
                for p, v in given.items()
            ),
        )
    for key in ("include", "exclude"):
        if key in table:
            given_key = f"{where} {key}"
            lines = _pattern_list(table[key], given_key)
            changes[key] = _patterns(folder, lines, file.path, given_key)
    if "extend-exclude" in table:
        given_key = f"{where} extend-exclude"
        extra = _pattern_list(table["extend-exclude"], given_key)
        changes["extend_exclude"] = (
            *base.extend_exclude,
            _patterns(folder, extra, file.path, given_key),
        )
    for key in ("extend-select", "extend-ignore"):
        name = key.replace("-", "_")
        if name in changes:
            changes[name] = (*getattr(base, name), *changes[name])
    if "respect-gitignore" in table:
        value = table["respect-gitignore"]
        if not isinstance(value, bool):
            raise ConfigError(
                f"{where} respect-gitignore must be true or false, not {_kind_of(value)}"
            )
        changes["respect_gitignore"] = value
    return dataclasses.replace(base, **changes)


def _extended(file: _File, chain: tuple[Path, ...]) -> Settings:
    """The settings of the file that ``file``'s ``extend`` names."""
    value = file.table["extend"]
    if not isinstance(value, str) or not value.strip():
        what = "an empty string" if isinstance(value, str) else _kind_of(value)
        raise ConfigError(
            f"{file.where} extend must be the path of a configuration file, not {what}"
        )
    target = Path(os.path.abspath(file.path.parent / os.path.expanduser(value)))
    seen = (*chain, Path(os.path.abspath(file.path)))
    if target in seen:
        cycle = " -> ".join(str(path) for path in (*seen[seen.index(target) :], target))
        raise ConfigError(f"{file.where} extend makes a cycle: {cycle}")
    if not target.is_file():
        raise ConfigError(f"{file.where} extend: {target} is not a file")
    extended = _read(target)
    assert extended is not None
    return _settings(extended, seen)


def load(path: str | os.PathLike[str] | None) -> Settings:
    """The settings in the configuration file ``path`` (a ``pyproject.toml``, whose
    ``[tool.twimlkit]`` table is read, or a ``twimlkit.toml``); the defaults for ``None``
    or a ``pyproject.toml`` without the table."""
    if path is None:
        return Settings()
    file = _read(Path(path))
    assert file is not None
    return _settings(file)


class Resolver:
    """Finds each file's settings: those of ``config`` when it is given, otherwise of the
    nearest configuration file at or above the file, with ``override`` (the command line's)
    applied. What it learns about a folder is kept, so that many files cost one look at
    each folder and one read of each configuration file."""

    def __init__(
        self,
        config: str | os.PathLike[str] | None = None,
        override: Callable[[Settings], Settings] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        self._override = override or (lambda settings: settings)
        self._cwd = os.path.abspath(cwd if cwd is not None else os.getcwd())
        self._forced = self._override(load(config)) if config is not None else None
        self._by_folder: dict[str, Settings | None] = {}
        self._by_file: dict[str, Settings] = {}
        self._default: Settings | None = None

    def settings_for(self, path: str | os.PathLike[str], is_dir: bool = False) -> Settings:
        """The settings that apply to the file (or, with ``is_dir``, folder) ``path``."""
        if self._forced is not None:
            return self._forced
        absolute = os.path.abspath(path)
        return self.folder_settings(absolute if is_dir else os.path.dirname(absolute))

    def folder_settings(self, folder: str) -> Settings:
        """The settings of the files in the absolute ``folder``."""
        if self._forced is not None:
            return self._forced
        found = nearest(folder, self._by_folder, self._here)
        return found if found is not None else self._defaults()

    def _here(self, folder: str) -> Settings | None:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            try:
                if not os.path.isfile(candidate):
                    continue
            except OSError as error:  # pragma: no cover - isfile swallows most errors
                raise ConfigError(
                    f"cannot look for {candidate}: {error.strerror or error}"
                ) from None
            known = self._by_file.get(candidate)
            if known is not None:
                return known
            file = _read(Path(candidate), required=False)
            if file is None:
                continue
            settings = self._override(_settings(file))
            self._by_file[candidate] = settings
            return settings
        return None

    def _defaults(self) -> Settings:
        if self._default is None:
            self._default = self._override(Settings(root=Path(self._cwd)))
        return self._default


def nearest(
    folder: str, known: dict[str, _Found | None], here: Callable[[str], _Found | None]
) -> _Found | None:
    """What ``here`` finds in the nearest folder at or above the absolute ``folder`` where it
    finds something (``None`` when it finds nothing up to the root). ``known`` remembers the
    answer for every folder looked at, so that the files of one folder, and of the folders
    below it, cost one look each."""
    on_the_way: list[str] = []
    current = folder
    found: _Found | None = None
    while True:
        if current in known:
            found = known[current]
            break
        on_the_way.append(current)
        found = here(current)
        if found is not None:
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for visited in on_the_way:
        known[visited] = found
    return found


def settings_for(
    path: str | os.PathLike[str], *, config: str | os.PathLike[str] | None = None
) -> Settings:
    """The settings that apply to the file ``path``: those in ``config`` when it is given,
    otherwise those of the nearest configuration file at or above it (the defaults when there
    is none). :class:`ConfigError` when a configuration file is broken."""
    return Resolver(config).settings_for(path)
