"""Which files ``twimlkit lint`` checks: :func:`find_twiml` walks the folders it is given,
picking up what each folder's settings include (``*.xml``, ``*.twiml``, ``*.xml.j2``,
``*.twiml.j2`` in any case, by default) and passing over what they exclude, what
``.gitignore`` files ignore (inside a git repository only, as git reads them), and XML files
whose root element is plainly not TwiML. Each file is found once, however often it is named
or reached.

A file named is always checked, unless ``force_exclude`` is given: then it is left out as a
walk would leave it out (pre-commit names every file it hands over). Gitignore-style
patterns are matched by ``pathspec``, imported only when there is one to match
(see :mod:`twimlkit.config`).
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from . import registry
from .config import Resolver, Settings, nearest, relative, shown
from .diagnostic import Diagnostic

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

__all__ = [
    "Found",
    "NothingFound",
    "Skipped",
    "UsageError",
    "find_twiml",
    "left_out",
    "not_twiml",
    "root_element",
]


class UsageError(Exception):
    """A command line that cannot be carried out (exit status 2)."""


class Skipped(NamedTuple):
    """A file that a folder's walk passed over without reading it, and why; ``root`` is its
    root element when that is why (it is plainly not TwiML)."""

    path: Path
    reason: str
    root: str | None = None


class NothingFound(NamedTuple):
    """A path named that gave nothing to check. ``excluded`` when the path itself is left
    out (``force_exclude``: by the settings' excludes, ``.gitignore`` or its root element),
    otherwise a folder in which nothing was found. ``reason`` says why in plain words, and
    ``hint`` how to check what was left out (empty when nothing was)."""

    path: Path
    excluded: bool
    reason: str = ""
    hint: str = ""


#: What looking for TwiML finds: a file to check, a finding about a file or folder that
#: cannot be read, a file passed over, or a path named that gave nothing to check.
Found: TypeAlias = "Path | Diagnostic | Skipped | NothingFound"

_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)

#: How much of an XML file a walk reads to see its root element.
HEAD_BYTES = 4096

#: What makes a file the same file wherever it is reached from.
_Identity: TypeAlias = "tuple[int, int] | str"

#: How the reasons a file is left out are named (see :class:`_Tally`).
_NOT_TWIML = "not TwiML"
_PASSED_OVER = "passed over"
_BY_DEFAULT = "excluded by default"
_IGNORED = "ignored by "


def unreadable(path: str | os.PathLike[str], error: OSError, what: str = "") -> Diagnostic:
    """The unreadable-file finding for ``path``, which ``error`` kept twimlkit out of."""
    check = registry.find("unreadable-file")
    assert check is not None
    reason = error.strerror or str(error)
    return check.at(str(path), 1, 1, f"cannot read {what}{path}: {reason}")


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")
    return f"not a regular file ({kind})"


def _identity(looked: os.stat_result, path: str) -> _Identity:
    """Which file ``path`` is: its device and inode where the system has them, else the
    path with every link resolved."""
    if looked.st_ino:
        return (looked.st_dev, looked.st_ino)
    return os.path.realpath(path)


def find_twiml(
    paths: Sequence[str], resolver: Resolver | None = None, force_exclude: bool = False
) -> Iterator[Found]:
    """What to lint, in a stable order: each path named, and what a walk of each folder
    named picks up (:mod:`twimlkit.files`), each file by its own settings (``resolver``'s;
    by default, the nearest configuration file's). A file is found once, however often it is
    named or reached (through a link, or a folder named that holds it), where it first
    appears.

    Every path named is looked at before this returns, so that one that does not exist is a
    :class:`UsageError` before anything is read. A file named is read whatever it is (a named
    pipe such as bash's ``<(...)`` too, up to the size cap), unless ``force_exclude``: then
    it is left out as a folder's walk would leave it out (what its settings exclude, what
    ``.gitignore`` ignores, an XML file whose root element is plainly not TwiML). In a
    folder, only regular files are read: named pipes, sockets and devices are passed over
    (:class:`Skipped`), and so are links to files outside the folder named; links to folders
    are not followed. A path that exists but cannot be looked into gives an unreadable-file
    finding, and the rest is still checked. A path named that gives nothing to check is
    followed by :class:`NothingFound`.
    """
    named: list[tuple[str, os.stat_result | OSError]] = []
    for name in paths:
        try:
            named.append((name, os.stat(name)))
        except OSError as error:
            if error.errno in (errno.ENOENT, errno.ENOTDIR) and not os.path.islink(name):
                reason = (error.strerror or "no such file or directory").lower()
                raise UsageError(f"{reason}: {name}") from None
            named.append((name, error))  # a broken link, a loop, no permission...
    return _found(named, resolver or Resolver(), force_exclude)


def _found(
    named: list[tuple[str, os.stat_result | OSError]], resolver: Resolver, force_exclude: bool
) -> Iterator[Found]:
    seen: set[_Identity] = set()
    ignores = _GitIgnores()
    for name, looked in named:
        is_dir = not isinstance(looked, OSError) and stat.S_ISDIR(looked.st_mode)
        key = os.path.realpath(name) if isinstance(looked, OSError) else _identity(looked, name)
        if key in seen:
            continue
        seen.add(key)
        if force_exclude:
            reason = _left_out(name, is_dir, resolver, ignores)
            if reason is not None:
                yield NothingFound(Path(name), excluded=True, reason=reason)
                continue
        if isinstance(looked, OSError):
            yield unreadable(Path(name), looked)
        elif is_dir:
            # A folder named that its settings exclude is searched all the same (without
            # force_exclude), and then without them.
            excluded = resolver.settings_for(name, is_dir).excludes(name, is_dir)
            tally = _Tally()
            yield from _walk(name, resolver, not excluded, seen, tally, ignores)
            if not tally.checked:
                yield tally.nothing(name, resolver, force_exclude)
        elif force_exclude and stat.S_ISREG(looked.st_mode):
            item = _sniffed(Path(name))
            yield item
            if isinstance(item, Skipped):
                yield NothingFound(
                    Path(name), excluded=True, reason=f"{_NOT_TWIML} (<{item.root}>)"
                )
        else:
            yield Path(name)


def left_out(
    path: str | os.PathLike[str], resolver: Resolver | None = None, is_dir: bool = False
) -> str | None:
    """Why a folder's walk would leave ``path`` (a folder when ``is_dir``) out, in plain
    words: what of its settings excludes it, or which ``.gitignore`` ignores it; ``None``
    when neither does. (Its root element is not looked at: see :func:`not_twiml`.)"""
    return _left_out(os.fspath(path), is_dir, resolver or Resolver(), _GitIgnores())


def _left_out(name: str, is_dir: bool, resolver: Resolver, ignores: _GitIgnores) -> str | None:
    settings = resolver.settings_for(name, is_dir)
    exclusion = settings.exclusion(name, is_dir)
    if exclusion is not None:
        return str(exclusion)
    if settings.respect_gitignore:
        ignore = ignores.ignoring(name, is_dir)
        if ignore is not None:
            return f"{_IGNORED}{shown(ignore.file)}"
    return None


def not_twiml(name: str | os.PathLike[str], head: bytes) -> str | None:
    """The root element of ``head``, the beginning of the ``*.xml`` document ``name``, when
    it is plainly not TwiML (``coverage``, ``project``); ``None`` otherwise, and for a file
    of another name. A near miss (``Respone``) is TwiML here: its findings say what is
    wrong."""
    if not os.fspath(name).lower().endswith(".xml"):
        return None
    root = root_element(head)
    if root is None or _twiml_like(root):
        return None
    return root


class _Ignore(NamedTuple):
    """The patterns of one ``.gitignore`` (or ``.git/info/exclude``), the absolute folder
    they are relative to, and the file they are in."""

    folder: str
    spec: GitIgnoreSpec
    file: str


class _GitIgnores:
    """The ignore files git reads, each read once. They apply only inside a git repository
    (a folder with ``.git`` at or above it), from the repository's root down: outside one,
    git reads none, and so the result does not depend on where twimlkit runs from."""

    def __init__(self) -> None:
        self._files: dict[str, _Ignore | None] = {}
        self._repositories: dict[str, str | None] = {}

    def read(self, folder: str, file: str) -> _Ignore | None:
        """The patterns in ``file``, relative to ``folder``; ``None`` when it has none."""
        if file not in self._files:
            self._files[file] = _gitignore(folder, file)
        return self._files[file]

    def repository(self, folder: str) -> str | None:
        """The root of the git repository that the absolute ``folder`` is in, or ``None``."""
        return nearest(folder, self._repositories, _repository_root)

    def root_chain(self, repository: str) -> list[_Ignore]:
        """What applies at a repository's root: ``.git/info/exclude`` and its ``.gitignore``."""
        found = [
            self.read(repository, os.path.join(repository, ".git", "info", "exclude")),
            self.read(repository, os.path.join(repository, ".gitignore")),
        ]
        return [ignore for ignore in found if ignore is not None]

    def above(self, top: str) -> list[_Ignore] | None:
        """The ignore files that apply to what the absolute folder ``top`` holds, except its
        own ``.gitignore``: from the root of its repository down to its parent. ``None``
        when it is not in a git repository."""
        repository = self.repository(top)
        if repository is None:
            return None
        if repository == top:
            found = [self.read(top, os.path.join(top, ".git", "info", "exclude"))]
            return [ignore for ignore in found if ignore is not None]
        chain = self.root_chain(repository)
        inside = relative(top, repository) or ""
        folder = repository
        for part in inside.split("/")[:-1]:
            folder = os.path.join(folder, part)
            own = self.read(folder, os.path.join(folder, ".gitignore"))
            if own is not None:
                chain.append(own)
        return chain

    def ignoring(self, path: str, is_dir: bool) -> _Ignore | None:
        """The ignore file that ignores ``path`` (a folder when ``is_dir``) or a folder it
        lies in, as a walk from its repository's root would find it; ``None`` when none
        does, or it is not in a repository."""
        absolute = os.path.abspath(path)
        repository = self.repository(os.path.dirname(absolute))
        if repository is None:
            return None
        chain = self.root_chain(repository)
        parts = (relative(absolute, repository) or "").split("/")
        folder = repository
        for at, part in enumerate(parts):
            if at:
                own = self.read(folder, os.path.join(folder, ".gitignore"))
                if own is not None:
                    chain.append(own)
            here = os.path.join(folder, part)
            ignore = _ignored(chain, here, is_dir or at < len(parts) - 1)
            if ignore is not None:
                return ignore
            folder = here
        return None


def _repository_root(folder: str) -> str | None:
    """``folder`` when it is the root of a git repository (it holds ``.git``)."""
    return folder if os.path.exists(os.path.join(folder, ".git")) else None


def _gitignore(folder: str, file: str) -> _Ignore | None:
    from .config import ignore_file_spec

    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            lines = tuple(line.rstrip("\n") for line in handle)
    except OSError:  # not there, or not readable: git would not read it either
        return None
    if not any(line.strip() and not line.startswith("#") for line in lines):
        return None
    return _Ignore(folder, ignore_file_spec(lines), file)


def _ignored(chain: Sequence[_Ignore], path: str, is_dir: bool) -> _Ignore | None:
    """The innermost ignore file that decides about ``path``, when it ignores it."""
    for ignore in reversed(chain):
        inside = relative(path, ignore.folder)
        if not inside:
            continue
        decided = ignore.spec.check_file(inside + "/" if is_dir else inside).include
        if decided is not None:
            return ignore if decided else None
    return None


class _Tally:
    """What a walk of one folder named checked, and what it left out and why: to tell,
    when it found nothing, why (:meth:`nothing`)."""

    def __init__(self) -> None:
        self.checked = 0
        #: Reason -> how many files, and the details (folders, root elements) in order.
        self.left_out: dict[str, tuple[int, list[str]]] = {}
        #: Folders not gone into: their path, why, and their settings' include.
        self.pruned: list[tuple[str, str, str, Settings]] = []

    def leave_out(self, by: str, detail: str = "", count: int = 1) -> None:
        counted, details = self.left_out.get(by, (0, []))
        if detail and detail not in details:
            details.append(detail)
        self.left_out[by] = (counted + count, details)

    def nothing(self, name: str, resolver: Resolver, force_exclude: bool) -> NothingFound:
        """What to say of the folder ``name``, in which nothing was found to check."""
        for folder, by, detail, settings in self.pruned:
            count = _count_included(folder, settings)
            if count:
                self.leave_out(by, detail, count)
        total = sum(count for count, _ in self.left_out.values())
        if not total:
            settings = resolver.settings_for(name, is_dir=True)
            return NothingFound(Path(name), False, f"it holds no {_what_is_included(settings)}")
        groups = [
            (count, f"{by} ({', '.join(details)})" if details else by)
            for by, (count, details) in self.left_out.items()
        ]
        files = f"{total} file{'s' if total != 1 else ''} there {'are' if total != 1 else 'is'}"
        if len(groups) == 1:
            reason = f"{files} {groups[0][1]}"
        else:
            listed = "; ".join(f"{count} {group}" for count, group in groups)
            reason = f"{files} left out: {listed}"
        return NothingFound(Path(name), False, reason, self._hint(force_exclude))

    def _hint(self, force_exclude: bool) -> str:
        if force_exclude:
            ways = ["name them on the command line without --force-exclude"]
        else:
            ways = ["name them on the command line (a file named is always checked)"]
        for by in self.left_out:
            if by == _BY_DEFAULT:
                way = "set exclude in the configuration (it replaces the default list)"
            elif by.startswith("excluded by --"):
                way = f"leave out {by.removeprefix('excluded by ')}"
            elif by.startswith("excluded by "):
                way = f"change {by.removeprefix('excluded by ')}"
            elif by.startswith(_IGNORED):
                way = "pass --no-respect-gitignore"
            else:
                continue
            if way not in ways:
                ways.append(way)
        listed = ", ".join(ways[:-1]) + ", or " + ways[-1] if len(ways) > 1 else ways[0]
        return f"to check them, {listed}"


def _what_is_included(settings: Settings) -> str:
    if settings.include is None:
        return "*.xml, *.twiml, *.xml.j2 or *.twiml.j2 file"
    patterns = ", ".join(settings.include.lines)
    return f"file that {settings.include.described('include')} picks up ({patterns})"


def _count_included(top: str, settings: Settings) -> int:
    """How many files below ``top`` (links not followed) ``settings`` include."""
    count = 0
    stack = [top]
    while stack:
        try:
            with os.scandir(stack.pop()) as listing:
                for entry in listing:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif settings.includes(os.path.abspath(entry.path)):
                        count += 1
        except OSError:
            continue
    return count


def _walk(
    top: str,
    resolver: Resolver,
    obey_exclude: bool,
    seen: set[_Identity],
    tally: _Tally,
    ignores: _GitIgnores,
) -> Iterator[Found]:
    """The TwiML files below folder ``top`` in the order os.walk() gives, a folder's own files
    before those of its subfolders, each sorted by name, but none already ``seen``. Written
    out rather than os.walk() so that a folder that cannot be read is reported instead of
    left out, and with a stack, so that no depth of folders is too deep. A folder named that
    its settings exclude is searched without them (``obey_exclude`` false). What is checked
    and left out is counted in ``tally``."""
    inside = os.path.realpath(top)
    top_absolute = os.path.abspath(top)
    respect = resolver.settings_for(top, is_dir=True).respect_gitignore
    above = ignores.above(top_absolute) if respect else None
    in_repository = above is not None or ignores.repository(top_absolute) is not None
    stack: list[tuple[str, tuple[_Ignore, ...], bool]] = [(top, tuple(above or ()), in_repository)]
    while stack:
        folder, chain, in_repository = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            tally.checked += 1
            yield unreadable(Path(folder), error, "folder ")
            continue
        absolute = os.path.abspath(folder)
        settings = resolver.folder_settings(absolute)
        if settings.respect_gitignore:
            names = {entry.name for entry in entries}
            if ".git" in names and absolute != top_absolute:  # a repository of its own
                chain, in_repository = tuple(ignores.root_chain(absolute)), True
            elif in_repository and ".gitignore" in names:
                own = ignores.read(absolute, os.path.join(absolute, ".gitignore"))
                chain = (*chain, own) if own is not None else chain
        else:
            chain = ()
        # By default only folders are excluded, and this one's were looked at on the way.
        files_excluded = obey_exclude and (
            settings.exclude is not None or bool(settings.extend_exclude)
        )
        subfolders: list[str] = []
        for entry in entries:
            here = os.path.join(absolute, entry.name)  # absolute: matching needs no getcwd()
            try:
                if entry.is_dir(follow_symlinks=False):
                    exclusion = settings.exclusion(here, is_dir=True) if obey_exclude else None
                    if exclusion is not None:
                        tally.pruned.append((entry.path, exclusion.by, exclusion.detail, settings))
                        continue
                    ignore = _ignored(chain, here, is_dir=True) if chain else None
                    if ignore is not None:
                        by = _IGNORED + shown(ignore.file)
                        tally.pruned.append((entry.path, by, "", settings))
                        continue
                    subfolders.append(entry.path)
                    continue
                if not settings.includes(here):
                    continue
                exclusion = settings.exclusion(here) if files_excluded else None
                if exclusion is not None:
                    tally.leave_out(exclusion.by, exclusion.detail)
                    continue
                ignore = _ignored(chain, here, is_dir=False) if chain else None
                if ignore is not None:
                    tally.leave_out(_IGNORED + shown(ignore.file))
                    continue
                item, key = _walked_file(entry, inside, top)
            except OSError as error:
                tally.checked += 1
                yield unreadable(Path(entry.path), error)
                continue
            if key in seen:
                tally.checked += 1  # checked already, where it first appeared
                continue
            seen.add(key)
            if isinstance(item, Skipped):
                if item.root is not None:
                    tally.leave_out(_NOT_TWIML, f"<{item.root}>")
                else:
                    tally.leave_out(_PASSED_OVER)
            else:
                tally.checked += 1
            yield item
        stack.extend((subfolder, chain, in_repository) for subfolder in reversed(subfolders))


def _walked_file(entry: os.DirEntry[str], inside: str, top: str) -> tuple[Found, _Identity]:
    """What to do with a file a walk met: read it (a regular file, or a link to one inside
    the folder named), or pass it over; and which file it is."""
    path = Path(entry.path)
    if not entry.is_symlink():
        looked = entry.stat(follow_symlinks=False)
        key = _identity(looked, entry.path)
        if stat.S_ISREG(looked.st_mode):
            return _sniffed(path), key
        return Skipped(path, _not_regular(looked.st_mode)), key
    target: os.stat_result | None
    try:
        target = os.stat(entry.path)
    except OSError:
        target = None  # a broken link or a loop: if it stays inside, reading it says which
    key = os.path.realpath(entry.path) if target is None else _identity(target, entry.path)
    if target is not None and stat.S_ISDIR(target.st_mode):
        return Skipped(path, "a link to a folder; links to folders are not followed"), key
    if not _within(os.path.realpath(entry.path), inside):
        return Skipped(path, f"a link to a file outside {top}"), key
    if target is None:
        return path, key
    if stat.S_ISREG(target.st_mode):
        return _sniffed(path), key
    return Skipped(path, _not_regular(target.st_mode)), key


def _within(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([folder, path]) == folder
    except ValueError:  # on another drive
        return False


def _sniffed(path: Path) -> Path | Skipped:
    """``path``, or :class:`Skipped` for an ``*.xml`` file whose root element is plainly not
    TwiML (``<coverage>``, ``<project>``). A near miss (``<Respone>``) is checked."""
    if not path.name.lower().endswith(".xml"):
        return path
    try:
        with open(path, "rb") as file:
            head = file.read(HEAD_BYTES)
    except OSError:
        return path  # reading it again reports why
    root = not_twiml(path, head)
    if root is None:
        return path
    return Skipped(path, f"its root element <{root}> is not TwiML", root)


def root_element(head: bytes) -> str | None:
    """The name of the first start tag in ``head`` (the beginning of an XML document), after
    the XML declaration, processing instructions, comments, a DOCTYPE and white space; ``None``
    when ``head`` does not show one plainly."""
    text = head.decode("utf-8", "replace").removeprefix("\ufeff")
    at = 0
    while True:
        while at < len(text) and text[at] in " \t\r\n":
            at += 1
        if text.startswith("<?", at):
            end = text.find("?>", at + 2)
            at = end + 2
        elif text.startswith("<!--", at):
            end = text.find("-->", at + 4)
            at = end + 3
        elif text.startswith("<!DOCTYPE", at):
            bracket, close = text.find("[", at), text.find(">", at)
            if 0 <= bracket < close:
                close = text.find(">", text.find("]", bracket))
            end, at = close, close + 1
        elif text.startswith("<", at):
            start = at + 1
            stop = start
            while stop < len(text) and (text[stop].isalnum() or text[stop] in "_-.:"):
                stop += 1
            if stop == start or stop == len(text):
                return None
            return text[start:stop]
        else:
            return None
        if end < 0:
            return None


@functools.cache
def _twiml_names() -> frozenset[str]:
    from .schema import KINDS, model  # the schema is loaded to check any document anyway

    return frozenset(tag.lower() for kind in KINDS for tag, _ in model(kind).element_types())


def _twiml_like(name: str) -> bool:
    """Whether an element called ``name`` could be meant as TwiML: ``<Response>`` or any
    TwiML element, in any case or misspelt a little, as the finding about such a root
    (invalid-root) tells it (:func:`twimlkit.schema.suggest.near_miss`)."""
    from .schema.suggest import near_miss  # here: only a root that is not <Response> needs it

    local = name.rpartition(":")[2]
    return local == "Response" or near_miss(local, ["response", *_twiml_names()]) is not None
