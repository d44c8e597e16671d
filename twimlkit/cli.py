"""The ``twimlkit`` command. A thin layer: everything it does is callable from Python."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__, config, registry
from .diagnostic import Check, Diagnostic, Severity
from .formatters import FORMATTERS
from .validate import KINDS, Kind, validate

#: File name endings that ``twimlkit lint`` picks up when it walks a folder.
TWIML_SUFFIXES = (".xml", ".twiml")


class UsageError(Exception):
    """A command line that cannot be carried out (exit status 2)."""


def iter_twiml_files(paths: Sequence[str]) -> Iterator[Path]:
    """The files to lint: each file named, and every ``*.xml``/``*.twiml`` below each folder
    named (hidden folders such as ``.git`` are skipped), in a stable order."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for file in sorted(files):
                    if file.endswith(TWIML_SUFFIXES):
                        yield Path(folder, file)
        elif path.exists():
            yield path
        else:
            raise UsageError(f"no such file or directory: {name}")


def lint_paths(paths: Sequence[str], kind: Kind | None = None) -> list[Diagnostic]:
    """Validate every TwiML file that ``paths`` name; ``-`` reads one document from stdin."""
    diagnostics: list[Diagnostic] = []
    files = [p for p in paths if p != "-"]
    if "-" in paths:
        diagnostics += validate(sys.stdin.buffer.read(), kind=kind, path="<stdin>")
    for file in iter_twiml_files(files):
        diagnostics += validate(file, kind=kind)
    return diagnostics


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="twimlkit", description="Check TwiML before Twilio runs it."
    )
    parser.add_argument("--version", action="version", version=f"twimlkit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    lint = commands.add_parser(
        "lint",
        help="check TwiML files against the schema",
        description="Check TwiML files. Folders are searched for *.xml and *.twiml files; "
        "'-' reads a document from standard input. Exit status: 0 when nothing at error "
        "severity was found, 1 when something was, 2 for a usage error.",
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


def _name_list(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``twimlkit`` with ``argv`` (default: the command line) and return its exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed its message already
        return stop.code if isinstance(stop.code, int) else 2
    if args.command == "rules":
        sys.stdout.write(_rule_table())
        return 0
    if args.command == "rule":
        return _rule_doc(args.name)
    kind = None if args.kind == "auto" else args.kind
    try:
        pyproject = args.config if args.config else config.find_pyproject(Path.cwd())
        for option in ("select", "ignore"):
            if getattr(args, option) is not None:
                config.check_names(getattr(args, option), f"--{option}")
        if args.select == []:
            raise UsageError(f"--select names no check: {config.NOTHING_SELECTED}")
        selection = config.load(pyproject).override(args.select, args.ignore)
        diagnostics = selection.filter(lint_paths(args.paths, kind))
    except (UsageError, config.ConfigError) as error:
        sys.stderr.write(f"twimlkit: error: {error}\n")
        return 2
    sys.stdout.write(FORMATTERS[args.format](diagnostics))
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    if args.format == "text" and not args.quiet:
        sys.stderr.write(_summary(diagnostics))
    return 1 if any(d.severity in failing for d in diagnostics) else 0


def _rule_table(selected: Sequence[Check] = registry.ALL) -> str:
    lines = [f"{'code':<7}{'rule':<34}{'severity':<10}summary"]
    for check in selected:
        lines.append(f"{check.code:<7}{check.rule:<34}{check.severity.value:<10}{check.summary}")
    return "\n".join(lines) + "\n"


def _rule_doc(name: str) -> int:
    check = registry.find(name)
    if check is not None:
        sys.stdout.write(check.documentation() + "\n")
        return 0
    selected = registry.matching(name)
    if not selected:
        sys.stderr.write(f"twimlkit: error: {registry.unknown_name_message(name)}\n")
        return 2
    # A prefix (TK2) or ALL: the checks it selects, one line each.
    sys.stdout.write(_rule_table(selected))
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
