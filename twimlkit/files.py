"""Which files ``twimlkit lint`` checks: :func:`find_twiml` walks the folders it is given,
picking up what each folder's settings include (``*.xml``, ``*.twiml``, ``*.xml.j2``,
``*.twiml.j2`` in any case, by default) and passing over what they exclude, what
``.gitignore`` files ignore, and XML files whose root element is plainly not TwiML.

A file named is always checked, unless ``force_exclude`` is given and its settings exclude
it. Gitignore-style patterns are matched by ``pathspec``, imported only when there is one to
match (see :mod:`twimlkit.config`).
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
from .config import Resolver, relative
from .diagnostic import Diagnostic

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

__all__ = ["Found", "NothingFound", "Skipped", "UsageError", "find_twiml", "root_element"]


class UsageError(Exception):
    """A command line that cannot be carried out (exit status 2)."""


class Skipped(NamedTuple):
    """A file that a folder's walk passed over without reading it, and why."""

    path: Path
    reason: str


class NothingFound(NamedTuple):
    """A path named that gave nothing to check: ``excluded`` when the settings exclude the
    path itself (``force_exclude``), otherwise a folder without TwiML in it."""

    path: Path
    excluded: bool


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


def unreadable(path: str | os.PathLike[str], error: OSError, what: str = "") -> Diagnostic:
    """The unreadable-file finding for ``path``, which ``error`` kept twimlkit out of."""
    check = registry.find("unreadable-file")
    assert check is not None
    reason = error.strerror or str(error)
    return check.at(str(path), 1, 1, f"cannot read {what}{path}: {reason}")


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")
    return f"not a regular file ({kind})"


def find_twiml(
    paths: Sequence[str], resolver: Resolver | None = None, force_exclude: bool = False
) -> Iterator[Found]:
    """What to lint, in a stable order: each path named, and what a walk of each folder
    named picks up (:mod:`twimlkit.files`), each file by its own settings (``resolver``'s;
    by default, the nearest configuration file's).

    Every path named is looked at before this returns, so that one that does not exist is a
    :class:`UsageError` before anything is read. A file named is read whatever it is (a named
    pipe such as bash's ``<(...)`` too, up to the size cap), and whatever its settings
    exclude unless ``force_exclude``. In a folder, only regular files are read: named pipes,
    sockets and devices are passed over (:class:`Skipped`), and so are links to files
    outside the folder named; links to folders are not followed. A path that exists but
    cannot be looked into gives an unreadable-file finding, and the rest is still checked.
    A path named that gives nothing to check is followed by :class:`NothingFound`.
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
    for name, looked in named:
        is_dir = not isinstance(looked, OSError) and stat.S_ISDIR(looked.st_mode)
        # Whether the settings exclude the path itself matters only with force_exclude, or
        # for a folder (searched without them if they do): a file named costs no pattern.
        excluded = (force_exclude or is_dir) and resolver.settings_for(name, is_dir).excludes(
            name, is_dir
        )
        if force_exclude and excluded:
            yield NothingFound(Path(name), excluded=True)
        elif isinstance(looked, OSError):
            yield unreadable(Path(name), looked)
        elif is_dir:
            checked = 0
            for item in _walk(name, resolver, obey_exclude=not excluded):
                checked += isinstance(item, (Path, Diagnostic))
                yield item
            if not checked:
                yield NothingFound(Path(name), excluded=False)
        else:
            yield Path(name)


class _Ignore(NamedTuple):
    """The patterns of one ``.gitignore`` (or ``.git/info/exclude``), and the absolute folder
    they are relative to."""

    folder: str
    spec: GitIgnoreSpec


def _gitignore(folder: str, file: str) -> _Ignore | None:
    from .config import ignore_file_spec

    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            lines = tuple(line.rstrip("\n") for line in handle)
    except OSError:  # not there, or not readable: git would not read it either
        return None
    if not any(line.strip() and not line.startswith("#") for line in lines):
        return None
    return _Ignore(folder, ignore_file_spec(lines))


def _ignores_above(top: str) -> list[_Ignore]:
    """The ignore files above the folder ``top`` that git reads for it: from the root of the
    repository it is in (``.git/info/exclude``, then each ``.gitignore`` on the way down)
    to its parent. None when it is not in a git repository."""
    folders: list[str] = []
    repository = top
    while not os.path.exists(os.path.join(repository, ".git")):
        parent = os.path.dirname(repository)
        if parent == repository:
            return []
        repository = parent
        folders.append(repository)
    found = [_gitignore(repository, os.path.join(repository, ".git", "info", "exclude"))]
    found += [_gitignore(f, os.path.join(f, ".gitignore")) for f in reversed(folders)]
    return [ignore for ignore in found if ignore is not None]


def _ignored(chain: Sequence[_Ignore], path: str, is_dir: bool) -> bool:
    """Whether the innermost ignore file that decides about ``path`` ignores it."""
    for ignore in reversed(chain):
        inside = relative(path, ignore.folder)
        if not inside:
            continue
        decided = ignore.spec.check_file(inside + "/" if is_dir else inside).include
        if decided is not None:
            return bool(decided)
    return False


def _walk(top: str, resolver: Resolver, obey_exclude: bool = True) -> Iterator[Found]:
    """The TwiML files below folder ``top`` in the order os.walk() gives, a folder's own files
    before those of its subfolders, each sorted by name. Written out rather than os.walk()
    so that a folder that cannot be read is reported instead of left out, and with a stack,
    so that no depth of folders is too deep. A folder named that its settings exclude is
    searched without them (``obey_exclude`` false)."""
    inside = os.path.realpath(top)
    respect = resolver.settings_for(top, is_dir=True).respect_gitignore
    above = tuple(_ignores_above(os.path.abspath(top))) if respect else ()
    stack: list[tuple[str, tuple[_Ignore, ...]]] = [(top, above)]
    while stack:
        folder, chain = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            yield unreadable(Path(folder), error, "folder ")
            continue
        absolute = os.path.abspath(folder)
        settings = resolver.folder_settings(absolute)
        if settings.respect_gitignore:
            if any(entry.name == ".gitignore" for entry in entries):
                own = _gitignore(absolute, os.path.join(absolute, ".gitignore"))
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
                    if not (obey_exclude and settings.excludes(here, is_dir=True)) and not (
                        chain and _ignored(chain, here, is_dir=True)
                    ):
                        subfolders.append(entry.path)
                elif (
                    settings.includes(here)
                    and not (files_excluded and settings.excludes(here))
                    and not (chain and _ignored(chain, here, is_dir=False))
                ):
                    yield _walked_file(entry, inside, top)
            except OSError as error:
                yield unreadable(Path(entry.path), error)
        stack.extend((subfolder, chain) for subfolder in reversed(subfolders))


def _walked_file(entry: os.DirEntry[str], inside: str, top: str) -> Found:
    """What to do with a file a walk met: read it (a regular file, or a link to one inside
    the folder named), or pass it over."""
    path = Path(entry.path)
    if not entry.is_symlink():
        mode = entry.stat(follow_symlinks=False).st_mode
        return _sniffed(path) if stat.S_ISREG(mode) else Skipped(path, _not_regular(mode))
    target: int | None
    try:
        target = os.stat(entry.path).st_mode
    except OSError:
        target = None  # a broken link or a loop: if it stays inside, reading it says which
    if target is not None and stat.S_ISDIR(target):
        return Skipped(path, "a link to a folder; links to folders are not followed")
    if not _within(os.path.realpath(entry.path), inside):
        return Skipped(path, f"a link to a file outside {top}")
    if target is None:
        return path
    return _sniffed(path) if stat.S_ISREG(target) else Skipped(path, _not_regular(target))


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
    name = root_element(head)
    if name is None or _twiml_like(name):
        return path
    return Skipped(path, f"its root element <{name}> is not TwiML")


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
    TwiML element, in any case or misspelt a little."""
    local = name.rpartition(":")[2].lower()
    if local == "response" or local in _twiml_names():
        return True
    import difflib  # here: only a root that is not TwiML needs it

    close = difflib.get_close_matches(local, ["response"], n=1, cutoff=0.75)
    return bool(close) or bool(difflib.get_close_matches(local, _twiml_names(), n=1, cutoff=0.85))
