"""Start-up: a one-file ``twimlkit lint`` imports only what checking one plain file needs."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import twimlkit
from twimlkit import cli
from twimlkit.rules._base import _dedent

#: Modules that checking one plain file does not need, with what does need them.
NOT_FOR_ONE_FILE = {
    "jinja2": "templates",
    "markupsafe": "templates",
    "xmlschema": "tests of the schema",
    "jsonschema": "tests of output formats",
    "twilio": "the REST linter",
    "flask": "the Flask extension",
    "twimlkit.load": "twimlkit.parse()",
    "twimlkit.builder": "twimlkit.parse() and the builder",
    "twimlkit.template_trace": "templates",
    "tomllib": "a configuration file",
    "tomli": "a configuration file",
    "email.utils": "reading a recording status callback",
    "twimlkit.recording_status": "reading a recording status callback",
    "datetime": "reading a recording status callback",
    "concurrent.futures": "many files (worker processes)",
    "multiprocessing": "many files (worker processes)",
    "signal": "many files (worker processes)",
    "twimlkit.fixer": "--fix, and the hint after a report with findings",
    "twimlkit.fix_command": "--fix and --diff",
    "pathspec": "include and exclude patterns to match",
    "json": "--format json",
    "decimal": "a number to compare (a timeout, a value against a schema bound)",
    "difflib": "a suggestion for a misspelt name or value",
    "shutil": "argparse, to find the terminal's width (twimlkit finds it without)",
    "textwrap": "twimlkit rule (rules' examples are dedented without it)",
}

PROBE = """\
import sys
from twimlkit.cli import main
status = main(["lint", "-q", *sys.argv[1:]])
print(status, sorted(set(sys.argv[0].split(",")) & set(sys.modules)))
"""


def imported_by_lint(folder: Path, *paths: str) -> tuple[str, ...]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.replace("sys.argv[0]", repr(",".join(NOT_FOR_ONE_FILE))),
         *paths],
        capture_output=True, text=True, cwd=folder, check=True,
    )  # fmt: skip
    status, _, modules = done.stdout.splitlines()[-1].partition(" ")  # after the report
    return status, modules.strip()


def test_one_plain_file_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    (tmp_path / "call.xml").write_text("<Response><Say>Hello</Say></Response>")
    assert imported_by_lint(tmp_path, "call.xml") == ("0", "[]")


def test_the_probe_sees_what_is_imported(tmp_path: Path) -> None:
    # The same probe, where configuration and a template are needed, sees them imported.
    (tmp_path / "pyproject.toml").write_text('[tool.twimlkit]\nignore = ["TK203"]\n')
    (tmp_path / "menu.xml.j2").write_text("<Response><Say>{{ name }}</Say></Response>")
    _, modules = imported_by_lint(tmp_path, "menu.xml.j2")
    assert "'tomllib'" in modules or "'tomli'" in modules
    assert "'jinja2'" in modules and "'twimlkit.template_trace'" in modules


#: A repository's usual settings: patterns that do not name the file linted beside them.
TYPICAL_CONFIG = """\
[tool.twimlkit]
extend-exclude = ["build/**", "fixtures/"]
severity = { "recording-track-without-record" = "error" }
kind = { "sms/**" = "messaging" }
per-file-ignores = { "legacy/*.xml" = ["TK2"] }
"""


def test_patterns_that_cannot_name_the_file_do_not_load_pathspec(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(TYPICAL_CONFIG)
    (tmp_path / "call.xml").write_text("<Response><Say>Hello</Say></Response>")
    status, modules = imported_by_lint(tmp_path, "--force-exclude", "call.xml")
    assert status == "0"
    assert "'tomllib'" in modules or "'tomli'" in modules
    assert "'pathspec'" not in modules


def test_a_pattern_that_may_name_the_file_is_matched_by_pathspec(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(TYPICAL_CONFIG)
    (tmp_path / "sms").mkdir()
    # Valid voice TwiML, but not messaging: the kind pattern applies, through pathspec.
    (tmp_path / "sms" / "reply.xml").write_text("<Response><Say>Hello</Say></Response>")
    status, modules = imported_by_lint(tmp_path, "sms/reply.xml")
    assert status == "1" and "'pathspec'" in modules


def test_parse_is_still_at_the_top_of_the_package() -> None:
    assert (
        twimlkit.parse("<Response><Hangup/></Response>")
        .to_xml()
        .endswith("<Response><Hangup/></Response>")
    )
    assert issubclass(twimlkit.InvalidTwiML, ValueError)
    from twimlkit import InvalidTwiML, parse

    with pytest.raises(InvalidTwiML):
        parse("<Response><Sya/></Response>")
    with pytest.raises(AttributeError, match="no attribute 'pars'"):
        twimlkit.pars  # noqa: B018


def test_the_probe_sees_json_difflib_and_decimal_when_they_are_needed(tmp_path: Path) -> None:
    (tmp_path / "call.xml").write_text(
        '<Response><Dial timeout="3"><Nmber>+15551234567</Nmber></Dial></Response>'
    )
    status, modules = imported_by_lint(tmp_path, "--format", "json", "call.xml")
    assert status == "1"
    assert {"'json'", "'difflib'", "'decimal'"} <= set(modules.strip("[]").split(", "))


@pytest.mark.parametrize("columns", ["60", "132", "", "junk", "-5"])
def test_help_is_as_wide_as_argparse_makes_it(
    columns: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert cli._terminal_columns() == shutil.get_terminal_size().columns
    assert cli.main(["lint", "--help"]) == 0
    ours = capsys.readouterr().out
    monkeypatch.setattr(cli, "_HelpFormatter", argparse.HelpFormatter)  # asks shutil
    assert cli.main(["lint", "--help"]) == 0
    assert capsys.readouterr().out == ours
    assert len(ours.splitlines()[1]) <= shutil.get_terminal_size().columns


MARGINS = st.text(alphabet=" \t\nab\r\x0b\x0c\xa0", max_size=40)


@settings(max_examples=1000)
@given(MARGINS)
@example("  <Say>\n   \n    Hi\n  </Say>\n")  # a line of spaces alone, inside
@example("\n  a\n \tb")  # a tab: textwrap's own rules
def test_the_quick_dedent_is_textwraps(text: str) -> None:
    assert _dedent(text) == textwrap.dedent(text)


TEXT_WITH_CONTROLS = st.text(
    alphabet=st.one_of(
        st.sampled_from("a \n\t\r\x00\x1b\x7f\x85\x9f\xa0\u2028\u2029\ud800\udcff\udfff\ufeff"),
        st.characters(),
    ),
    max_size=30,
)


@given(TEXT_WITH_CONTROLS)
def test_printable_text_is_left_as_the_patterns_leave_it(text: str) -> None:
    import re

    from twimlkit import formatters

    # What one_line() and json_safe() did with a pattern compiled at import, for any text.
    control = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
    assert formatters.one_line(text) == control.sub(formatters._escape, text)
    assert formatters.json_safe(text) == re.sub("[\ud800-\udfff]", formatters._escape, text)
