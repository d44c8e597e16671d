"""Input that git or TOML accept never crashes ``twimlkit lint``: a pattern pathspec refuses is
passed over in a ``.gitignore`` (as git passes over it) and a usage error (exit 2, naming where
it was set) in the settings and on the command line; a configuration too deeply nested to read
is a configuration error; and any other unexpected exception is reported as an internal error
(exit 2), never as findings (exit 1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import Write, run

from twimlkit import cli, config

BAD = '<Response><Dial recordingTrack="inbund">+15551239876</Dial></Response>'
#: Patterns git reads (it passes over the ones it cannot use) and pathspec refuses.
REFUSED = ["!", "\\", "calls\\"]


@pytest.fixture(autouse=True)
def _inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("line", REFUSED)
def test_a_gitignore_line_that_is_not_a_pattern_is_passed_over_as_git_does(
    line: str, tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    write(".gitignore", f"ignored/\n{line}\n*.out.xml\n")
    for name in ("kept.xml", "ignored/a.xml", "b.out.xml"):
        write(name, BAD)
    status, out, err = run(["lint", "--format", "json", "."], capsys)
    assert (status, "Traceback" in err) == (1, False)
    assert sorted({d["path"] for d in json.loads(out)}) == ["kept.xml"]


@pytest.mark.parametrize("pattern", REFUSED)
@pytest.mark.parametrize(
    ("setting", "where"),
    [
        ("exclude = [{}]", "[tool.twimlkit] exclude"),
        ("extend-exclude = [{}]", "[tool.twimlkit] extend-exclude"),
        ("include = [{}]", "[tool.twimlkit] include"),
        ("kind = {{ {} = 'messaging' }}", "[tool.twimlkit] kind"),
        ("per-file-ignores = {{ {} = ['invalid-value'] }}", "[tool.twimlkit] per-file-ignores"),
    ],
)
def test_a_setting_that_is_not_a_pattern_is_a_usage_error(
    pattern: str,
    setting: str,
    where: str,
    tmp_path: Path,
    write: Write,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("pyproject.toml", f"[tool.twimlkit]\n{setting.format(json.dumps(pattern))}\n")
    write("calls/a.xml", BAD)
    status, out, err = run(["lint", "."], capsys)
    assert (status, out) == (2, "")
    assert err.startswith(
        f"twimlkit: error: {tmp_path / 'pyproject.toml'}: {where}: {pattern!r} is not a "
        "gitignore-style pattern"
    )
    assert err.count("\n") == 1


@pytest.mark.parametrize("option", ["--exclude", "--extend-exclude", "--include"])
@pytest.mark.parametrize("pattern", REFUSED)
def test_an_option_that_is_not_a_pattern_is_a_usage_error(
    option: str, pattern: str, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("calls/a.xml", BAD)
    status, out, err = run(["lint", f"{option}=build/,{pattern}", "."], capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"twimlkit: error: {option}: {pattern!r} is not a gitignore-style")


def test_a_pattern_from_python_names_what_it_is(tmp_path: Path) -> None:
    settings = config.Settings(per_file_ignores=(("!", ("invalid-value",)),))
    from twimlkit import validate

    with pytest.raises(config.ConfigError, match=r"^per_file_ignores: '!' is not a gitignore"):
        validate(BAD, path=str(tmp_path / "a.xml"), settings=settings)


def test_a_configuration_nested_too_deeply_is_a_configuration_error(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("pyproject.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n[tool.twimlkit]\n")
    write("a.xml", BAD)
    status, out, err = run(["lint", "a.xml"], capsys)
    assert (status, out) == (2, "")
    assert err == (
        f"twimlkit: error: {tmp_path / 'pyproject.toml'}: cannot read it: arrays or tables "
        "nested too deeply for Python's TOML reader\n"
    )


def test_an_unexpected_exception_is_an_internal_error_not_findings(
    write: Write, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise LookupError("no such thing")

    monkeypatch.setattr(cli, "lint_found", broken)
    write("a.xml", BAD)
    status, out, err = run(["lint", "a.xml"], capsys)
    assert (status, out) == (cli.TROUBLE, "")
    lines = err.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert "LookupError: no such thing" in lines
    assert lines[-2] == "twimlkit: internal error: LookupError: no such thing"
    assert lines[-1].startswith("twimlkit: this is a bug in twimlkit, not a finding")
    assert os.path.basename(__file__) in err  # where it was raised
