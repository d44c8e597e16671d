"""The ``twimlkit`` command. A thin layer: everything it does is callable from Python."""

from __future__ import annotations

import argparse
import errno
import functools
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, TypeAlias

from . import MAX_DOCUMENT_BYTES, __version__, config, parallel, registry
from .diagnostic import Check, Diagnostic, Severity
from .formatters import FORMATTERS, one_line
from .progress import Progress
from .template_lint import is_template, validate_template
from .validate import KINDS, Kind, validate

#: File name endings that ``twimlkit lint`` picks up when it walks a folder, besides the
#: templates' (:data:`twimlkit.template_lint.TEMPLATE_SUFFIXES`, in any case).
TWIML_SUFFIXES = (".xml", ".twiml")

#: Exit status when the command is interrupted (Ctrl-C): 128 + SIGINT, as shells report it.
INTERRUPTED = 130
#: Exit status for a usage error, and when the report could not be written.
TROUBLE = 2

#: What a document read from standard input is called in output.
STDIN = "<stdin>"


class UsageError(Exception):
    """A command line that cannot be carried out (exit status 2)."""


class Skipped(NamedTuple):
    """A file that a folder's walk passed over without reading it, and why."""

    path: Path
    reason: str


#: What looking for TwiML finds: a file to check, a finding about a file or folder that
#: cannot be read, or a file passed over.
Found: TypeAlias = "Path | Diagnostic | Skipped"

_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _unreadable(path: str | os.PathLike[str], error: OSError, what: str = "") -> Diagnostic:
    """The unreadable-file finding for ``path``, which ``error`` kept twimlkit out of."""
    check = registry.find("unreadable-file")
    assert check is not None
    reason = error.strerror or str(error)
    return check.at(str(path), 1, 1, f"cannot read {what}{path}: {reason}")


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")
    return f"not a regular file ({kind})"


def find_twiml(paths: Sequence[str]) -> Iterator[Found]:
    """What to lint, in a stable order: each path named, and every ``*.xml``/``*.twiml`` (and
    template: ``*.xml.j2``/``*.twiml.j2``) below each folder named (hidden folders such as
    ``.git`` are skipped).

    Every path named is looked at before this returns, so that one that does not exist is a
    :class:`UsageError` before anything is read. A file named is read whatever it is (a named
    pipe such as bash's ``<(...)`` too, up to the size cap). In a folder, only regular files
    are read: named pipes, sockets and devices are passed over (:class:`Skipped`), and so are
    links to files outside the folder named; links to folders are not followed. A path that
    exists but cannot be looked into gives an unreadable-file finding, and the rest is
    still checked.
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
    return _found(named)


def _found(named: list[tuple[str, os.stat_result | OSError]]) -> Iterator[Found]:
    for name, looked in named:
        if isinstance(looked, OSError):
            yield _unreadable(Path(name), looked)
        elif stat.S_ISDIR(looked.st_mode):
            yield from _walk(name)
        else:
            yield Path(name)


def _walk(top: str) -> Iterator[Found]:
    """The TwiML files below folder ``top`` in the order os.walk() gives, a folder's own files
    before those of its subfolders, each sorted by name. Written out rather than os.walk()
    so that a folder that cannot be read is reported instead of left out, and with a stack,
    so that no depth of folders is too deep."""
    inside = os.path.realpath(top)
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            yield _unreadable(Path(folder), error, "folder ")
            continue
        subfolders: list[str] = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        subfolders.append(entry.path)
                elif entry.name.endswith(TWIML_SUFFIXES) or is_template(entry.name):
                    yield _walked_file(entry, inside, top)
            except OSError as error:
                yield _unreadable(Path(entry.path), error)
        stack.extend(reversed(subfolders))


def _walked_file(entry: os.DirEntry[str], inside: str, top: str) -> Found:
    """What to do with a file a walk met: read it (a regular file, or a link to one inside
    the folder named), or pass it over."""
    path = Path(entry.path)
    if not entry.is_symlink():
        mode = entry.stat(follow_symlinks=False).st_mode
        return path if stat.S_ISREG(mode) else Skipped(path, _not_regular(mode))
    target: int | None
    try:
        target = os.stat(entry.path).st_mode
    except OSError:
        target = None  # a broken link or a loop: if it stays inside, reading it says which
    if target is not None and stat.S_ISDIR(target):
        return Skipped(path, "a link to a folder; links to folders are not followed")
    if not _within(os.path.realpath(entry.path), inside):
        return Skipped(path, f"a link to a file outside {top}")
    if target is None or stat.S_ISREG(target):
        return path
    return Skipped(path, _not_regular(target))


def _within(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([folder, path]) == folder
    except ValueError:  # on another drive
        return False


def lint_paths(
    paths: Sequence[str],
    kind: Kind | None = None,
    skipped: list[Skipped] | None = None,
    jobs: int | None = 1,
    done: Callable[[], None] | None = None,
) -> list[Diagnostic]:
    """Validate every TwiML file that ``paths`` name, and lint every template among them
    (:func:`~twimlkit.template_lint.validate_template`); ``-`` reads one document from stdin.
    The files a walk passed over are added to ``skipped`` when it is given. ``jobs`` is the
    number of processes (``None``: as many as pay, see :func:`twimlkit.parallel.in_order`);
    the result is the same whatever it is. ``done`` is called after each file."""
    found = find_twiml([p for p in paths if p != "-"])
    diagnostics: list[Diagnostic] = []
    if "-" in paths:
        diagnostics += _lint_stdin(kind)
    for result in parallel.in_order(functools.partial(lint_found, kind=kind), found, jobs):
        if isinstance(result, Skipped):
            if skipped is not None:
                skipped.append(result)
        else:
            diagnostics += result
        if done is not None:
            done()
    return diagnostics


def lint_found(item: Found, kind: Kind | None = None) -> list[Diagnostic] | Skipped:
    """What checking one thing that :func:`find_twiml` found gives: a file's findings, the
    finding about a file or folder that cannot be read, or the file passed over."""
    if isinstance(item, Path):
        return (
            validate_template(item, kind=kind) if is_template(item) else validate(item, kind=kind)
        )
    return [item] if isinstance(item, Diagnostic) else item


def _lint_stdin(kind: Kind | None) -> list[Diagnostic]:
    """The document on standard input, read only up to the size cap (plus the byte that
    shows it is over), so that an endless pipe costs no more than a large file."""
    if sys.stdin is None:
        return [_unreadable(STDIN, OSError(errno.EBADF, "standard input is closed"))]
    try:
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        return [_unreadable(STDIN, error)]
    return validate(data, kind=kind, path=STDIN)


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, fitted to the terminal as argparse fits it, but without
    importing shutil (and the compression modules it brings) on every run to ask."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """The terminal's width as shutil.get_terminal_size() finds it: $COLUMNS, else standard
    output's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _ArgumentParser(argparse.ArgumentParser):
    """argparse's parser with :class:`_HelpFormatter`, for the subcommands' parsers too."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog="twimlkit", description="Check TwiML before Twilio runs it.")
    parser.add_argument("--version", action="version", version=f"twimlkit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    lint = commands.add_parser(
        "lint",
        help="check TwiML files against the schema",
        description="Check TwiML files and Jinja2 templates of TwiML. Folders are searched "
        "for *.xml, *.twiml, *.xml.j2 and *.twiml.j2 files (regular files only; links to "
        "folders are not followed); '-' reads a document from "
        "standard input. Exit status: 0 when nothing at error severity was found, 1 when "
        "something was (a file or folder that cannot be read counts), 2 for a usage error or "
        "when the report cannot be written, 130 when interrupted.",
    )
    lint.add_argument("paths", nargs="+", metavar="PATH", help="files and folders to check")
    lint.add_argument(
        "--format", choices=sorted(FORMATTERS), default="text", help="output format (text)"
    )
    lint.add_argument(
        "--kind",
        choices=("auto", *KINDS),
        default="auto",
        help="check every document as voice or messaging TwiML (auto: detect per document)",
    )
    lint.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="check files in N processes (default: auto, one process for a few files and "
        "one a CPU for many; the report is the same whatever N is)",
    )
    lint.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too, not only on errors"
    )
    lint.add_argument(
        "-q", "--quiet", action="store_true", help="no summary line on standard error"
    )
    lint.add_argument(
        "--select",
        type=_name_list,
        metavar="NAMES",
        help="only these checks: comma-separated slugs, codes or code prefixes (overrides "
        "[tool.twimlkit] select and ignore)",
    )
    lint.add_argument(
        "--ignore",
        type=_name_list,
        metavar="NAMES",
        help="skip these checks (overrides [tool.twimlkit] ignore)",
    )
    lint.add_argument(
        "--config",
        type=Path,
        metavar="PYPROJECT",
        help="read [tool.twimlkit] from this file (default: the nearest pyproject.toml)",
    )
    commands.add_parser("rules", help="list every check with its code, severity and summary")
    rule = commands.add_parser("rule", help="print the documentation of one check")
    rule.add_argument("name", metavar="SLUG", help="a check's slug or code")
    return parser


def _jobs(value: str) -> int | None:
    if value == "auto":
        return None
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(
            f"expected a number of processes (1 or more) or auto, not {value!r}"
        )
    return jobs


def _name_list(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``twimlkit`` with ``argv`` (default: the command line) and return its exit status:
    130 when interrupted (Ctrl-C), 2 when the report cannot be written (standard output
    closed, or a pipe whose reader has gone), quietly."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        _say("twimlkit: interrupted\n")
        return INTERRUPTED
    except _OutputGone:
        return TROUBLE


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed its message already
        return stop.code if isinstance(stop.code, int) else 2
    if args.command == "rules":
        _write(_rule_table())
        return 0
    if args.command == "rule":
        return _rule_doc(args.name)
    kind = None if args.kind == "auto" else args.kind
    skipped: list[Skipped] = []
    try:
        pyproject = args.config if args.config else config.find_pyproject(_cwd())
        for option in ("select", "ignore"):
            if getattr(args, option) is not None:
                config.check_names(getattr(args, option), f"--{option}")
        if args.select == []:
            raise UsageError(f"--select names no check: {config.NOTHING_SELECTED}")
        selection = config.load(pyproject).override(args.select, args.ignore)
        with Progress(sys.stderr) as progress:
            found = lint_paths(args.paths, kind, skipped, args.jobs, progress.advance)
        diagnostics = selection.filter(found)
    except (UsageError, config.ConfigError, parallel.WorkerCrashed) as error:
        _say(f"twimlkit: error: {error}\n")
        return 2
    for passed_over in skipped:
        _say(f"twimlkit: skipped {passed_over.path}: {passed_over.reason}\n")
    _write(FORMATTERS[args.format](diagnostics))
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    if args.format == "text" and not args.quiet:
        _say(_summary(diagnostics))
    return 1 if any(d.severity in failing for d in diagnostics) else 0


def _cwd() -> Path:
    try:
        return Path.cwd()
    except OSError as error:
        raise UsageError(f"cannot tell which folder this is: {error.strerror or error}") from None


class _OutputGone(Exception):
    """Standard output is closed, or its reader has gone: nothing more can be reported."""


def _write(text: str) -> None:
    """Write ``text`` to standard output and flush it, or raise :class:`_OutputGone`."""
    if not text:
        return
    stream = sys.stdout
    if stream is None:  # started with standard output closed
        raise _OutputGone
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:  # a terminal that cannot show every character
            encoding = stream.encoding or "utf-8"
            stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        stream.flush()
    except OSError as error:
        if not isinstance(error, BrokenPipeError) and error.errno != errno.EBADF:
            _say(f"twimlkit: error: cannot write the report: {error.strerror or error}\n")
        if stream is sys.__stdout__ and stream is not None:
            # As Python's documentation advises: point standard output at the null device, so
            # that the interpreter's last flush at exit does not fail once more.
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, stream.fileno())
                os.close(devnull)
            except (OSError, ValueError):
                pass
        raise _OutputGone from None


def _say(text: str) -> None:
    """Write ``text`` to standard error, with control characters in it escaped (file names
    are shown as :func:`~twimlkit.formatters.one_line` shows them); a closed standard error
    is no reason to stop."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(one_line(text.removesuffix("\n")) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _rule_table(selected: Sequence[Check] = registry.ALL) -> str:
    lines = [f"{'code':<7}{'rule':<34}{'severity':<10}summary"]
    for check in selected:
        lines.append(f"{check.code:<7}{check.rule:<34}{check.severity.value:<10}{check.summary}")
    return "\n".join(lines) + "\n"


def _rule_doc(name: str) -> int:
    check = registry.find(name)
    if check is not None:
        _write(check.documentation() + "\n")
        return 0
    selected = registry.matching(name)
    if not selected:
        _say(f"twimlkit: error: {registry.unknown_name_message(name)}\n")
        return 2
    # A prefix (TK2) or ALL: the checks it selects, one line each.
    _write(_rule_table(selected))
    return 0


def _summary(diagnostics: Sequence[Diagnostic]) -> str:
    if not diagnostics:
        return "No problems found.\n"
    counts = [
        f"{n} {severity.value}{'s' if n != 1 else ''}"
        for severity in Severity
        if (n := sum(d.severity is severity for d in diagnostics))
    ]
    files = len({d.path for d in diagnostics})
    return f"Found {', '.join(counts)} in {files} file{'s' if files != 1 else ''}.\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
