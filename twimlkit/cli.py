"""The ``twimlkit`` command. A thin layer: everything it does is callable from Python."""

from __future__ import annotations

import argparse
import errno
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import MAX_DOCUMENT_BYTES, __version__, config, formats, parallel, registry
from .diagnostic import Check, Diagnostic, Severity
from .files import (
    HEAD_BYTES,
    Found,
    NothingFound,
    Skipped,
    UsageError,
    find_twiml,
    left_out,
    not_twiml,
    unreadable,
)
from .formats import options as output
from .formatters import one_line
from .progress import Progress, erase
from .template_lint import is_template, validate_template
from .validate import KINDS, Kind, validate

if TYPE_CHECKING:
    from .fix_command import Fixing

#: Exit status when the command is interrupted (Ctrl-C): 128 + SIGINT, as shells report it.
INTERRUPTED = 130
#: Exit status for a usage error, and when the report could not be written.
TROUBLE = 2

#: What a document read from standard input is called in output.
STDIN = "<stdin>"


def lint_paths(
    paths: Sequence[str],
    kind: Kind | None = None,
    skipped: list[Skipped] | None = None,
    resolver: config.Resolver | None = None,
    force_exclude: bool = False,
    nothing: list[NothingFound] | None = None,
    *,
    stdin_name: str = STDIN,
    stdin_texts: dict[str, bytes] | None = None,
    fixing: Fixing | None = None,
    jobs: int | None = 1,
    done: Callable[[], None] | None = None,
    counts: dict[str, int] | None = None,
    crashed: list[parallel.WorkerCrashed] | None = None,
) -> list[Diagnostic]:
    """Validate every TwiML file that ``paths`` name, and lint every template among them
    (:func:`~twimlkit.template_lint.validate_template`), each with its own settings
    (``resolver``'s: by default, the nearest configuration file's); ``-`` reads one document
    from stdin, reported under ``stdin_name`` (and kept in ``stdin_texts`` under that name,
    when given), with the settings of a file of that name (by default, of the current
    folder), as a template when it names one, and with ``force_exclude`` left out when such
    a file would be. The files a walk passed over are added to ``skipped``, and the paths named
    that gave nothing to check to ``nothing``, when they are given. With ``fixing``
    (``--fix``, ``--diff``), each document is fixed first and what remains is returned.
    ``jobs`` is the number of processes that check the files (``None``: as many as pay, see
    :func:`twimlkit.parallel.in_order`; fixing stays in this process); the result is the
    same whatever it is. ``done`` is called after each thing found is checked.
    ``counts["checked"]`` is set to how many documents were checked (files, standard input,
    and paths that could not be read), when ``counts`` is given. When a worker process
    dies, :class:`~twimlkit.parallel.WorkerCrashed` is raised, or, when ``crashed`` is given,
    added to it, and the findings of what was checked before are returned."""
    resolver = resolver or config.Resolver()
    found = find_twiml([p for p in paths if p != "-"], resolver, force_exclude)
    diagnostics: list[Diagnostic] = []
    checked = 0
    if "-" in paths:
        read = _lint_stdin(kind, resolver, stdin_name, stdin_texts, fixing, force_exclude)
        if isinstance(read, list):
            diagnostics += read
            checked += 1
        else:
            if isinstance(read, Skipped):
                if skipped is not None:
                    skipped.append(read)
                read = NothingFound(read.path, True, f"not TwiML (<{read.root}>)")
            if nothing is not None:
                nothing.append(read)
    # Each thing found with its settings, worked out here, where the resolver keeps what it has
    # read; the checking itself may be done by other processes (twimlkit.parallel).
    work = ((item, _settings_of(item, resolver)) for item in found)
    results: Iterator[list[Diagnostic] | Skipped | NothingFound]
    if fixing is not None:  # one file at a time, in this process: fixing writes files
        results = map(functools.partial(_fix_found, fixing=fixing, kind=kind), work)
    else:
        results = parallel.in_order(functools.partial(lint_found, kind=kind), work, jobs)
    try:
        for result in results:
            if isinstance(result, NothingFound):
                if nothing is not None:
                    nothing.append(result)
            elif isinstance(result, Skipped):
                if skipped is not None:
                    skipped.append(result)
            else:
                diagnostics += result
                checked += 1
            if done is not None:
                done()
    except parallel.WorkerCrashed as crash:
        # Named by the path of the first thing not checked, rather than by the work item.
        named = parallel.WorkerCrashed(_path_of(crash.first), crash.lost)
        if crashed is None:
            raise named from None
        crashed.append(named)
    finally:
        if counts is not None:
            counts["checked"] = checked
    return diagnostics


def _path_of(work: object) -> object:
    """The path of a work item of :func:`lint_paths` (what was found, with its settings)."""
    found = work[0] if isinstance(work, tuple) else work
    if isinstance(found, (Skipped, NothingFound, Diagnostic)):
        return found.path
    return found


def crash_message(crash: parallel.WorkerCrashed) -> str:
    """What :func:`lint_paths` lost to a worker process that died, in plain words."""
    first = crash.first
    count = f"{crash.lost:,} file{'s' if crash.lost != 1 else ''}"
    return (
        "a worker process ended unexpectedly (killed, or out of memory?): "
        f"{count} {'were' if crash.lost != 1 else 'was'} not checked, from {first} on"
    )


def _settings_of(item: Found, resolver: config.Resolver) -> config.Settings | None:
    if isinstance(item, Path):
        return resolver.settings_for(item)
    if isinstance(item, Diagnostic):
        return resolver.settings_for(item.path or ".")
    return None


def lint_found(
    work: tuple[Found, config.Settings | None], kind: Kind | None = None
) -> list[Diagnostic] | Skipped | NothingFound:
    """What checking one thing that :func:`~twimlkit.files.find_twiml` found, with its
    settings, gives: a file's findings, the finding about a file or folder that cannot be
    read, or the file or path passed over."""
    item, settings = work
    if isinstance(item, Path):
        assert settings is not None
        if is_template(item):
            return validate_template(item, kind=kind, settings=settings)
        return validate(item, kind=kind, settings=settings)
    if isinstance(item, Diagnostic):
        assert settings is not None
        return settings.apply([item])
    return item


def _fix_found(
    work: tuple[Found, config.Settings | None], fixing: Fixing, kind: Kind | None = None
) -> list[Diagnostic] | Skipped | NothingFound:
    """As :func:`lint_found`, fixing each document first (``--fix``, ``--diff``)."""
    item, settings = work
    if isinstance(item, Path):
        assert settings is not None
        if is_template(item):
            return fixing.template(item, validate_template(item, kind=kind, settings=settings))
        return fixing.file(item, settings)
    return lint_found(work, kind)


def _lint_stdin(
    kind: Kind | None,
    resolver: config.Resolver,
    name: str = STDIN,
    texts: dict[str, bytes] | None = None,
    fixing: Fixing | None = None,
    force_exclude: bool = False,
) -> list[Diagnostic] | Skipped | NothingFound:
    """The document on standard input, read only up to the size cap (plus the byte that
    shows it is over), so that an endless pipe costs no more than a large file. A ``name``
    (``--stdin-filename``) is taken for the file's: its settings, whether it is a template,
    and with ``force_exclude`` whether it is left out (then the document is not checked,
    and ``--fix`` gives it back as it is)."""
    named = name != STDIN
    settings = resolver.settings_for(name) if named else resolver.folder_settings(str(_cwd()))
    if sys.stdin is None:
        return settings.apply([unreadable(name, OSError(errno.EBADF, "standard input is closed"))])
    try:
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        return settings.apply([unreadable(name, error)])
    if named and force_exclude:
        reason = left_out(name, resolver)
        root = not_twiml(name, data[:HEAD_BYTES]) if reason is None else None
        if reason is not None or root is not None:
            if fixing is not None and not fixing.diff:
                fixing.stdin_document = data  # given back as it came
            if reason is not None:
                return NothingFound(Path(name), True, reason)
            return Skipped(Path(name), f"its root element <{root}> is not TwiML", root)
    if named and is_template(name):
        if texts is not None:
            texts[name] = data
        search = [os.path.dirname(os.path.abspath(name))]
        found = validate_template(data, path=name, kind=kind, settings=settings, search_path=search)
        if fixing is None:
            return found
        if not fixing.diff:
            fixing.stdin_document = data  # templates are not fixed
        return fixing.template(Path(name), found)
    if fixing is not None:
        found = fixing.stdin(data, settings, name)
        if texts is not None:  # what the findings' lines and columns are in
            texts[name] = fixing.stdin_document or data
        return found
    if texts is not None:
        texts[name] = data
    return validate(data, kind=kind, path=name, settings=settings)


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


class _CommandParser(_ArgumentParser):
    """The parser of one command (``twimlkit lint``): an argument it does not know is its
    usage error, shown with its own usage, not left for the top-level parser to report."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog="twimlkit", description="Check TwiML before Twilio runs it.")
    parser.add_argument("--version", action="version", version=f"twimlkit {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_CommandParser
    )
    lint = commands.add_parser(
        "lint",
        help="check TwiML files against the schema",
        description="Check TwiML files and Jinja2 templates of TwiML. Folders are searched "
        "for *.xml, *.twiml, *.xml.j2 and *.twiml.j2 files in any case (regular files only; "
        "links to folders are not followed), except what the settings exclude, what "
        ".gitignore ignores, and XML whose root element is plainly not TwiML; files named "
        "are always checked (unless --force-exclude). Each file gets the settings of the "
        "nearest twimlkit.toml or pyproject.toml with [tool.twimlkit] at or above it. '-' "
        "reads a document from standard input. Exit status: 0 when nothing at error severity "
        "was found (or with --exit-zero), 1 when something was (a file or folder that cannot "
        "be read counts), 2 for a usage error, when a path named gives nothing to check, "
        "when the report cannot be written, when a worker process dies, or for an internal "
        "error (a bug: its traceback is shown), 130 when interrupted.",
    )
    lint.add_argument("paths", nargs="+", metavar="PATH", help="files and folders to check")
    output.add_arguments(lint)
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
        "--extend-select", type=_name_list, metavar="NAMES", help="run these checks too"
    )
    lint.add_argument(
        "--extend-ignore", type=_name_list, metavar="NAMES", help="skip these checks too"
    )
    lint.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="use the settings in this pyproject.toml ([tool.twimlkit]) or twimlkit.toml for "
        "every file (default: the nearest one at or above each file)",
    )
    for option, what in (
        ("--include", "what a folder's search picks up (replaces include)"),
        ("--exclude", "what a folder's search passes over (replaces exclude)"),
        ("--extend-exclude", "pass over these too"),
    ):
        lint.add_argument(
            option,
            type=_name_list,
            metavar="PATTERNS",
            help=f"comma-separated gitignore-style patterns: {what}",
        )
    lint.add_argument(
        "--force-exclude",
        action="store_true",
        help="leave out a file named as a folder's search would: what exclude and "
        "extend-exclude name, what .gitignore ignores, and XML that is plainly not TwiML (for "
        "pre-commit, which names every file; the same for --stdin-filename)",
    )
    lint.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="pass over what .gitignore files ignore (default: respect-gitignore, true)",
    )
    lint.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes to the files in place and report what remains ('-': write "
        "the fixed document to standard output, the report to standard error); templates are "
        "not fixed",
    )
    lint.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, apply the unsafe fixes too (they change what Twilio does)",
    )
    lint.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of what --fix would change, without writing, and count "
        "on standard error what would remain; exit 1 while problems remain, fixable or not "
        "(a usage error with a format for programs or --statistics)",
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
    closed, or a pipe whose reader has gone), quietly; 2 too for an internal error, after its
    traceback and a line that says so (never 1, which would pass it off as findings)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        _say("twimlkit: interrupted\n")
        return INTERRUPTED
    except _OutputGone:
        return TROUBLE
    except Exception as error:  # a bug in twimlkit: say so, never look like findings
        _internal_error(error)
        return TROUBLE


def _internal_error(error: Exception) -> None:
    import traceback  # here: only a bug needs it

    for line in "".join(traceback.format_exception(error)).splitlines():
        _say(line)
    _say(f"twimlkit: internal error: {type(error).__name__}: {error}")
    _say(
        "twimlkit: this is a bug in twimlkit, not a finding about your files; please report "
        f"it with the traceback above (twimlkit {__version__}, Python "
        f"{sys.version.split()[0]}) to twimlkit's issue tracker\n"
    )


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
    nothing: list[NothingFound] = []
    counts: dict[str, int] = {}
    stdin_texts: dict[str, bytes] = {}
    fixing: Fixing | None = None
    crashed: list[parallel.WorkerCrashed] = []
    try:
        chosen = output.choose(args, args.paths, sys.stdout, os.environ)
        root = _cwd()
        resolver = config.Resolver(args.config, _overrides(args), root)
        if args.fix or args.diff:
            from .fix_command import Fixing

            fixing = Fixing(args.unsafe_fixes, args.diff, kind, _say)
            fixing.check_output(chosen.format, chosen.statistics)
        with Progress(sys.stderr) as progress:
            diagnostics = lint_paths(
                args.paths,
                kind,
                skipped,
                resolver,
                args.force_exclude,
                nothing,
                stdin_name=chosen.stdin_name or STDIN,
                stdin_texts=stdin_texts,
                fixing=fixing,
                jobs=args.jobs,
                done=progress.advance,
                counts=counts,
                crashed=crashed,
            )
    except (UsageError, config.ConfigError, output.OutputError) as error:
        _say(f"twimlkit: error: {error}\n")
        return 2
    for passed_over in skipped:
        _say(f"twimlkit: skipped {passed_over.path}: {passed_over.reason}\n")
    if fixing is not None and fixing.diff:  # the diff, instead of the report
        report = "".join(fixing.diffs)
    else:
        report = output.render(chosen, diagnostics, stdin_texts, str(root))
    if fixing is not None and fixing.stdin_document is not None:
        _write_bytes(fixing.stdin_document)  # the fixed document; the report goes aside
        if chosen.file is None:
            for line in report.splitlines():
                _say(line)
        elif not _write_file(chosen.file, report):
            return TROUBLE
    elif chosen.file is None:
        _write(report)
    elif not _write_file(chosen.file, report):
        return TROUBLE
    # A path that gave nothing to check is an error of its own, said after the summary of
    # what was checked; when nothing was, there is no summary.
    empty = [n for n in nothing if not n.excluded]
    nothing_checked = not counts.get("checked")
    for_people = chosen.format in formats.FOR_PEOPLE or chosen.file is not None
    if fixing is not None and fixing.diff:
        for_people = True  # no report: the summary says what a diff would leave
    if for_people and not args.quiet and not (nothing_checked or crashed):
        if fixing is not None:  # what was fixed, what remains, what more could be
            for line in fixing.summary(diagnostics):
                _say(line)
        else:
            _say(formats.summary(diagnostics) + "\n")
            if diagnostics:
                from .fixer import fix_hint  # here: a clean run has nothing to fix

                if hint := fix_hint(diagnostics, unsafe=args.unsafe_fixes):
                    _say(hint)
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    for found in empty:
        _say(f"twimlkit: error: nothing to check in {found.path}: {found.reason}\n")
        if found.hint:
            _say(f"twimlkit: {found.hint}\n")
    for crash in crashed:  # after the report of what was checked before
        _say(f"twimlkit: error: {crash_message(crash)}\n")
    if empty or crashed:
        return TROUBLE
    if nothing_checked and nothing:  # every path named is left out (--force-exclude)
        _say(f"twimlkit: nothing to check: {_left_out_note(nothing)}\n")
        return 0
    if fixing is not None and fixing.failed:  # a file not written, or fixing cut short:
        return TROUBLE  # trouble, not a finding, so --exit-zero does not hide it
    if chosen.exit_zero:
        return 0
    if fixing is not None and fixing.diff:  # any problem left, fixable or not
        return 1 if fixing.diffs or diagnostics else 0
    return 1 if any(d.severity in failing for d in diagnostics) else 0


def _left_out_note(nothing: Sequence[NothingFound]) -> str:
    """Why the paths named, each left out, are: one by name, many by count for each reason."""
    if len(nothing) == 1:
        return f"{nothing[0].path} is {nothing[0].reason}"
    reasons: dict[str, int] = {}
    for found in nothing:
        reasons[found.reason] = reasons.get(found.reason, 0) + 1
    listed = "; ".join(f"{count} {reason}" for reason, count in reasons.items())
    return f"every path named is left out: {listed}"


def _overrides(args: argparse.Namespace) -> Callable[[config.Settings], config.Settings]:
    """What the command line changes in every file's settings; a usage error for a name that
    selects no check."""
    for option in ("select", "ignore", "extend_select", "extend_ignore"):
        if getattr(args, option) is not None:
            config.check_names(getattr(args, option), f"--{option.replace('_', '-')}")
    if args.select == []:
        raise UsageError(f"--select names no check: {config.NOTHING_SELECTED}")
    changes: dict[str, object] = {}
    here = str(_cwd())
    for option in ("include", "exclude"):
        if getattr(args, option) is not None:
            lines = tuple(getattr(args, option))
            changes[option] = config.Patterns(here, lines, f"--{option}", f"--{option}")
    if args.extend_exclude:
        lines = tuple(args.extend_exclude)
        extra = config.Patterns(here, lines, "--extend-exclude", "--extend-exclude")
        changes["extend_exclude"] = (extra,)
    if args.respect_gitignore is not None:
        changes["respect_gitignore"] = args.respect_gitignore
    for option in ("extend_select", "extend_ignore"):
        if getattr(args, option):
            changes[option] = tuple(getattr(args, option))

    def override(settings: config.Settings) -> config.Settings:
        return settings.override(args.select, args.ignore, **changes)

    return override


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
        descriptor = _descriptor(stream)
        if descriptor is None:  # not a file (a test's capture, ...): its own write will do
            try:
                stream.write(text)
            except UnicodeEncodeError:  # a terminal that cannot show every character
                encoding = stream.encoding or "utf-8"
                stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
            stream.flush()
            return
        encoding = stream.encoding or "utf-8"
        if os.linesep != "\n":  # what a text stream of the platform writes for a line break
            text = text.replace("\n", os.linesep)
        try:
            data = text.encode(encoding, stream.errors or "strict")
        except UnicodeEncodeError:  # a terminal that cannot show every character
            data = text.encode(encoding, "backslashreplace")
        stream.flush()
        _write_all(descriptor, data)
    except OSError as error:
        if not isinstance(error, BrokenPipeError) and error.errno != errno.EBADF:
            _say(f"twimlkit: error: cannot write the report: {error.strerror or error}\n")
        _to_the_null_device(stream)
        raise _OutputGone from None


def _descriptor(stream: object) -> int | None:
    """The file descriptor under the text ``stream`` (standard output), when it has one and
    it is not a terminal (which the stream knows best how to write to, on Windows above
    all)."""
    if getattr(stream, "buffer", None) is None:
        return None
    try:
        descriptor: int = stream.fileno()  # type: ignore[attr-defined]
        if os.isatty(descriptor):
            return None
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return None
    return descriptor


def _write_all(descriptor: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``descriptor``, or raise :class:`OSError`.

    Not through the stream's buffer: a reader that goes away in the middle of one large
    write (``twimlkit lint . | head -1``) makes the kernel return a short count, and
    Python's buffered writer, handed the whole report at once, then drops the rest without
    an error. Here the next write after a short one fails with :class:`BrokenPipeError`."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(descriptor, view)
        except BlockingIOError:  # standard output left non-blocking by another program
            import select

            select.select([], [descriptor], [])
            continue
        view = view[written:]


def _to_the_null_device(stream: object) -> None:
    """As Python's documentation advises once standard output is gone: point it at the null
    device, so that the interpreter's last flush at exit does not fail once more."""
    if stream is sys.__stdout__ and stream is not None:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass


def _write_bytes(data: bytes) -> None:
    """Write ``data`` to standard output as it is, or raise :class:`_OutputGone`."""
    stream = sys.stdout
    if stream is None:
        raise _OutputGone
    try:
        stream.flush()
        descriptor = _descriptor(stream)
        if descriptor is not None:
            _write_all(descriptor, data)
            return
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(data.decode("utf-8", errors="surrogateescape"))
        else:
            buffer.write(data)
            buffer.flush()
    except OSError:
        _to_the_null_device(stream)
        raise _OutputGone from None


def _write_file(path: str, text: str) -> bool:
    """Write the report ``text`` to the file ``path`` (and the folders above it that do not
    exist yet), in UTF-8; say why not and return False when that fails."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="") as file:
            file.write(text)
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        _say(f"twimlkit: error: cannot write the report to {path}: {reason}\n")
        return False
    return True


def _say(text: str) -> None:
    """Write ``text`` to standard error, with control characters in it escaped (file names
    are shown as :func:`~twimlkit.formatters.one_line` shows them); a closed standard error
    is no reason to stop. The progress line, if shown, is erased first: every note goes
    through here."""
    stream = sys.stderr
    if stream is None:
        return
    erase()
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
