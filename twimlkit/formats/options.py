"""The report options of ``twimlkit lint``: which format, with colour or not, written where,
and what a document read from standard input is called. The command line declares them with
:func:`add_arguments`, reads them back with :func:`choose` and writes the report with
:func:`render`."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import NamedTuple, TextIO

from ..diagnostic import Diagnostic
from . import FORMATS, WITH_STATISTICS, NoSources, Report, Sources, emit, emit_statistics

#: What ``--format`` took before ``--output-format``, and what each means now.
FORMAT_ALIASES = {"text": "concise"}
COLOR_CHOICES = ("auto", "always", "never")
#: The formats that show or hash the text of a finding's line.
NEED_SOURCES = ("full", "sarif", "gitlab")


class OutputError(ValueError):
    """Report options that do not go together (a usage error)."""


class Output(NamedTuple):
    """The report options as chosen: the format, whether in colour, the file to write it to
    (``None``: standard output), whether to count findings by rule instead of listing them,
    whether findings fail the run, and the name of what ``-`` reads."""

    format: str
    color: bool = False
    file: str | None = None
    statistics: bool = False
    exit_zero: bool = False
    stdin_name: str | None = None


def add_arguments(lint: argparse.ArgumentParser) -> None:
    """Declare the report options on the ``lint`` command's parser."""
    lint.add_argument(
        "--output-format",
        choices=FORMATS,
        metavar="FORMAT",
        help=f"how to report: {', '.join(FORMATS)} (default: full on a terminal, concise "
        "otherwise)",
    )
    lint.add_argument(
        "--format",
        choices=(*FORMAT_ALIASES, *FORMATS),
        metavar="FORMAT",
        help="the same as --output-format; text means concise",
    )
    lint.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour the full and concise formats: auto (on a terminal, unless NO_COLOR is "
        "set to a non-empty value, or anywhere when FORCE_COLOR is), always or never",
    )
    lint.add_argument(
        "--statistics",
        action="store_true",
        help="count the findings of each rule instead of listing them",
    )
    lint.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when something was found (2 and 130 still mean what they mean)",
    )
    lint.add_argument(
        "--output-file",
        metavar="FILE",
        help="write the report to FILE instead of standard output (the summary still goes "
        "to standard error)",
    )
    lint.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name to report the document that '-' reads under (default: <stdin>); the "
        "document is taken for a file of that name: its settings, a template when the name is "
        "one's, left out with --force-exclude when such a file would be",
    )


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):  # closed
        return False


def use_color(choice: str, terminal: bool, environ: Mapping[str, str]) -> bool:
    """Whether to colour: ``--color always`` and ``never`` decide; ``auto`` colours a terminal
    (not a ``dumb`` one) unless ``NO_COLOR`` is set, and anything when ``FORCE_COLOR`` is set
    and ``NO_COLOR`` is not (each counts when set to something other than nothing)."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return terminal and environ.get("TERM") != "dumb"


def choose(
    args: argparse.Namespace,
    paths: Sequence[str],
    stdout: TextIO | None,
    environ: Mapping[str, str],
) -> Output:
    """The report options that ``args`` (parsed by a parser given :func:`add_arguments`)
    choose, for a run that checks ``paths`` and would write to ``stdout``."""
    named = [FORMAT_ALIASES.get(args.format, args.format), args.output_format]
    given = [name for name in named if name is not None]
    if len(set(given)) > 1:
        raise OutputError(
            f"--format {args.format} and --output-format {args.output_format} disagree; "
            "give one of them"
        )
    terminal = args.output_file is None and _is_terminal(stdout)
    format_name = given[0] if given else "full" if terminal else "concise"
    if args.statistics and format_name not in WITH_STATISTICS:
        raise OutputError(
            f"--statistics cannot be written as {format_name}; use it with "
            f"{', '.join(WITH_STATISTICS)}"
        )
    if args.output_file == "":
        raise OutputError("--output-file needs a file name")
    if args.stdin_filename is not None:
        if not args.stdin_filename:
            raise OutputError("--stdin-filename needs a name")
        if "-" not in paths:
            raise OutputError("--stdin-filename names what '-' reads, and no PATH is '-'")
    return Output(
        format=format_name,
        color=use_color(args.color, terminal, environ),
        file=args.output_file,
        statistics=args.statistics,
        exit_zero=args.exit_zero,
        stdin_name=args.stdin_filename,
    )


def render(
    output: Output,
    diagnostics: Sequence[Diagnostic],
    texts: Mapping[str, bytes] | None = None,
    root: str = ".",
) -> str:
    """The report of ``diagnostics`` as ``output`` asks for it. ``texts`` are the documents
    that were not read from a file (standard input), by the name they are reported under;
    files are read again only by the formats that show or hash their lines."""
    sources: Sources = NoSources()
    if output.format in NEED_SOURCES and not output.statistics:
        from .source import SourceFiles

        sources = SourceFiles(texts)
    report = Report(diagnostics, sources=sources, color=output.color, root=root)
    if output.statistics:
        return emit_statistics(report, output.format)
    return emit(output.format, report)
