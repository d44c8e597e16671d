"""Which files ``twimlkit lint`` checks (include, exclude, ``.gitignore``, files that are
plainly not TwiML, ``--force-exclude``) and the exit status when nothing is checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Write, run

from twimlkit.files import root_element

GOOD = "<Response><Say>Hello</Say></Response>"
BAD = '<Response><Dial recordingTrack="inbund">+15551239876</Dial></Response>'


def linted(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    """The files with findings when ``folder`` is linted from inside it."""
    os.chdir(folder)
    status, out, _ = run(["lint", "--format", "json", *extra, "."], capsys)
    assert status in (0, 1)
    return sorted({d["path"].removeprefix("./") for d in json.loads(out)})


@pytest.fixture(autouse=True)
def _back_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(os.getcwd())  # the tests chdir; this puts the folder back


def test_folders_that_tools_made_are_not_searched(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ["calls", "venv", ".venv", "node_modules", "build", "dist", ".idea", ".tox"]:
        write(f"{folder}/bad.xml", BAD)
    write("x.egg-info/bad.xml", BAD)
    write("lib/python3.12/site-packages/pkg/bad.xml", BAD)
    assert linted(tmp_path, capsys) == ["calls/bad.xml"]


def test_extensions_are_matched_in_any_case(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("A.XML", BAD)
    write("b.TwiML", BAD)
    write("c.Xml.J2", BAD)
    write("d.xml.txt", BAD)
    assert linted(tmp_path, capsys) == ["A.XML", "b.TwiML", "c.Xml.J2"]


def test_exclude_and_extend_exclude(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ["calls/a.xml", "fixtures/b.xml", "calls/old/c.xml", "venv/d.xml"]:
        write(name, BAD)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.twimlkit]\nextend-exclude = ["fixtures/", "old"]\n')
    assert linted(tmp_path, capsys) == ["calls/a.xml"]
    # exclude replaces the default list: venv/ is searched again.
    config.write_text('[tool.twimlkit]\nexclude = ["fixtures/"]\n')
    assert linted(tmp_path, capsys) == ["calls/a.xml", "calls/old/c.xml", "venv/d.xml"]
    # The command line's --exclude replaces, --extend-exclude adds.
    assert linted(tmp_path, capsys, "--exclude", "calls/") == ["fixtures/b.xml", "venv/d.xml"]
    assert linted(tmp_path, capsys, "--extend-exclude", "venv/,/calls/old/") == ["calls/a.xml"]


def test_include(tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    write("calls/a.xml", BAD)
    write("calls/b.tml", BAD)
    write("pom/c.xml", BAD)
    (tmp_path / "twimlkit.toml").write_text('include = ["calls/*"]\n')
    assert linted(tmp_path, capsys) == ["calls/a.xml", "calls/b.tml"]
    assert linted(tmp_path, capsys, "--include", "*.tml") == ["calls/b.tml"]
    # An include matches in any case, as the default does: writing the default out keeps it.
    write("calls/D.XML", BAD)
    (tmp_path / "twimlkit.toml").write_text('include = ["*.xml", "*.twiml"]\n')
    assert linted(tmp_path, capsys) == ["calls/D.XML", "calls/a.xml", "pom/c.xml"]
    assert linted(tmp_path, capsys, "--include", "CALLS/*.tml") == ["calls/b.tml"]


def test_patterns_are_relative_to_the_file_that_sets_them(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("svc/twimlkit.toml", 'extend-exclude = ["/legacy/"]\n')
    write("svc/legacy/a.xml", BAD)
    write("legacy/b.xml", BAD)  # above svc: its pattern does not reach here
    assert linted(tmp_path, capsys) == ["legacy/b.xml"]


def test_gitignore_is_respected(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("private.xml\n")
    write(".gitignore", "generated/\n*.out.xml\n")
    write("svc/.gitignore", "!keep.out.xml\nlocal/\n")
    for name in [
        "a.xml",
        "private.xml",
        "generated/b.xml",
        "c.out.xml",
        "svc/keep.out.xml",
        "svc/other.out.xml",
        "svc/local/d.xml",
        "svc/e.xml",
    ]:
        write(name, BAD)
    expected = ["a.xml", "svc/e.xml", "svc/keep.out.xml"]
    assert linted(tmp_path, capsys) == expected
    # Walking a folder below still reads the ignore files above it, up to the repository.
    os.chdir(tmp_path / "svc")
    _, out, _ = run(["lint", "--format", "json", "."], capsys)
    assert sorted(d["path"] for d in json.loads(out)) == ["e.xml", "keep.out.xml"]
    everything = linted(tmp_path, capsys, "--no-respect-gitignore")
    assert len(everything) == 8
    write("twimlkit.toml", "respect-gitignore = false\n")
    assert linted(tmp_path, capsys) == everything
    assert linted(tmp_path, capsys, "--respect-gitignore") == expected


def test_a_file_named_is_checked_even_if_ignored_or_excluded(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write(".gitignore", "generated/\n")
    write("twimlkit.toml", 'extend-exclude = ["legacy/"]\n')
    named = [write(name, BAD) for name in ["generated/a.xml", "legacy/b.xml", "venv/c.xml"]]
    status, out, _ = run(["lint", "--format", "json", *map(str, named)], capsys)
    assert (status, len(json.loads(out))) == (1, 3)


def test_force_exclude_applies_exclude_to_the_files_named(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # pre-commit names .idea/misc.xml; with --force-exclude it is passed over.
    misc = write(".idea/misc.xml", '<project version="4"/>')
    legacy = write("legacy/b.xml", BAD)
    write("twimlkit.toml", 'extend-exclude = ["legacy/"]\n')
    os.chdir(tmp_path)
    status, out, err = run(["lint", "--force-exclude", ".idea/misc.xml", "legacy/b.xml"], capsys)
    assert (status, out) == (0, "")
    assert err == (
        "twimlkit: nothing to check: every path named is left out: 1 excluded by default "
        "(.idea/); 1 excluded by extend-exclude in twimlkit.toml\n"
    )
    status, out, err = run(["lint", "--force-exclude", "legacy/b.xml"], capsys)
    assert (status, out) == (0, "")
    assert err == (
        "twimlkit: nothing to check: legacy/b.xml is excluded by extend-exclude in twimlkit.toml\n"
    )
    assert run(["lint", str(misc)], capsys)[0] == 1
    bad = write("calls/bad.xml", BAD)
    status, out, _ = run(["lint", "--force-exclude", str(legacy), str(bad)], capsys)
    assert status == 1
    assert out.startswith(f"{bad}:1:")


def test_a_folder_without_twiml_is_an_error(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write("calls/ok.xml", GOOD)
    write("docs/notes.txt", "not TwiML")
    docs = tmp_path / "docs"
    nothing = (
        f"twimlkit: error: nothing to check in {docs}: it holds no *.xml, *.twiml, *.xml.j2 "
        "or *.twiml.j2 file\n"
    )
    # The summary of what was checked, then the error about what gave nothing to check.
    status, out, err = run(["lint", str(good), str(docs)], capsys)
    assert (status, out, err) == (2, "", "No problems found.\n" + nothing)
    bad = write("calls/bad.xml", BAD)
    status, out, err = run(["lint", str(bad), str(docs)], capsys)
    assert status == 2
    assert out.startswith(f"{bad}:1:")
    assert err == "Found 1 error in 1 file.\n" + nothing
    # When nothing at all was checked, there is nothing to sum up.
    status, out, err = run(["lint", str(docs), str(docs)], capsys)
    assert (status, out, err) == (2, "", nothing)
    # -q drops the summary, not the error.
    assert run(["lint", "-q", str(good), str(docs)], capsys) == (2, "", nothing)


def test_a_folder_that_holds_only_excluded_files_is_an_error(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("venv/a.xml", GOOD)
    status, _, err = run(["lint", str(tmp_path)], capsys)
    assert status == 2
    assert "nothing to check" in err


def test_xml_that_is_plainly_not_twiml_is_passed_over_in_a_walk(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("coverage.xml", '<?xml version="1.0" ?>\n<!-- made by coverage.py -->\n<coverage/>')
    write("pom.xml", '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"/>')
    write("mod.xml", "<!DOCTYPE module [<!ENTITY x 'y'>]>\n<module/>")
    write("typo.xml", "<Respone><Say>Hi</Say></Respone>")
    write("lower.xml", "<response><Say>Hi</Say></response>")
    write("verb.xml", "<Say>Hi</Say>")
    os.chdir(tmp_path)
    status, out, err = run(["lint", "."], capsys)
    assert status == 1
    assert err.splitlines()[:3] == [
        "twimlkit: skipped coverage.xml: its root element <coverage> is not TwiML",
        "twimlkit: skipped mod.xml: its root element <module> is not TwiML",
        "twimlkit: skipped pom.xml: its root element <project> is not TwiML",
    ]
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["lower.xml", "typo.xml", "verb.xml"]
    assert "did you mean <Response>?" in lines[1]
    assert "wrap the verbs in <Response>" in lines[2]
    # Named, it is checked.
    assert run(["lint", "coverage.xml"], capsys)[0] == 1


#: Roots that a walk passes over, and near misses of TwiML that it checks.
NOT_TWIML = ["coverage", "project", "module", "svg", "html", "root", "configuration", "rss"]
NEAR_MISSES = ["Resp", "Respone", "RESPONSE", "Responses", "Gathr", "Sya", "dail", "Mesage"]


def test_a_walk_checks_a_near_miss_of_any_twiml_name_and_passes_over_the_rest(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [*NOT_TWIML, *NEAR_MISSES]:
        write(f"{name}.xml", f"<{name}><Say>Hi</Say></{name}>")
    os.chdir(tmp_path)
    status, out, err = run(["lint", "."], capsys)
    assert status == 1
    assert sorted(err.splitlines()[:-1]) == sorted(
        f"twimlkit: skipped {name}.xml: its root element <{name}> is not TwiML"
        for name in NOT_TWIML
    )
    found = {line.split(":")[0]: line for line in out.splitlines()}
    assert sorted(found) == sorted(f"{name}.xml" for name in NEAR_MISSES)
    # Each is told what it is a near miss of, as the walk took it to be.
    assert all("invalid-root" in line and "did you mean <" in line for line in found.values())
    assert found["Gathr.xml"].endswith("did you mean <Gather>, inside <Response>?")
    assert found["Resp.xml"].endswith("did you mean <Response>?")


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"<Response/>", "Response"),
        (b"\xef\xbb\xbf<?xml version='1.0'?>\r\n<Response>", "Response"),
        (b"<!-- a -- b --><!---->\n<coverage ", "coverage"),
        (b"<!DOCTYPE x [ <!ELEMENT x ANY> ]>\n<x>", "x"),
        (b"<twiml:Response xmlns:twiml='u'>", "twiml:Response"),
        (b"", None),
        (b"Hello", None),
        (b"<!-- never closed", None),
        (b"<Respo", None),  # cut off by the head's end
        (b"< Response>", None),
    ],
)
def test_root_element(head: bytes, name: str | None) -> None:
    assert root_element(head) == name


def test_a_one_file_lint_does_not_import_pathspec(tmp_path: Path, write: Write) -> None:
    path = write("ok.xml", GOOD)
    probe = (
        "import sys\n"
        "from twimlkit.cli import main\n"
        f"main(['lint', '-q', {str(path)!r}])\n"
        "print('pathspec' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert done.stdout == "False\n"


def test_a_folder_named_is_searched_even_if_excluded(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    write("build/calls/a.xml", BAD)
    write("build/venv/b.xml", BAD)
    write("build/.gitignore", "ignored.xml\n")
    write("build/ignored.xml", BAD)
    os.chdir(tmp_path)
    status, out, _ = run(["lint", "--format", "json", "build"], capsys)
    assert status == 1
    assert sorted(d["path"] for d in json.loads(out)) == ["build/calls/a.xml", "build/venv/b.xml"]
    status, out, err = run(["lint", "--force-exclude", "build"], capsys)
    assert (status, out, err) == (
        0,
        "",
        "twimlkit: nothing to check: build is excluded by default (build/)\n",
    )


# -- --force-exclude: a file named is left out as a folder's search leaves it out ----------------

COVERAGE = '<?xml version="1.0" ?>\n<coverage version="7.4"><packages/></coverage>\n'
POM = '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"><x/></project>\n'


def test_force_exclude_leaves_out_what_a_search_leaves_out(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    write(".gitignore", "generated/\n")
    write("twimlkit.toml", 'extend-exclude = ["legacy/"]\n')
    files = {
        "coverage.xml": COVERAGE,
        "pom.xml": POM,
        "generated/a.xml": BAD,
        "legacy/b.xml": BAD,
        ".idea/misc.xml": BAD,
        "calls/typo.xml": "<Respone><Say>Hi</Say></Respone>",  # a near miss: checked
        "calls/bad.xml": BAD,
        "calls/good.xml": GOOD,
    }
    for name, text in files.items():
        write(name, text)
    os.chdir(tmp_path)
    searched = linted(tmp_path, capsys)
    assert searched == ["calls/bad.xml", "calls/typo.xml"]
    # pre-commit names every file: with --force-exclude, the same files are checked.
    status, out, err = run(["lint", "--format", "json", "--force-exclude", *files], capsys)
    assert status == 1
    assert sorted({d["path"] for d in json.loads(out)}) == searched
    assert err == (
        "twimlkit: skipped coverage.xml: its root element <coverage> is not TwiML\n"
        "twimlkit: skipped pom.xml: its root element <project> is not TwiML\n"
    )
    # Every file named left out: a note, and exit 0.
    status, out, err = run(["lint", "--force-exclude", "coverage.xml", "generated/a.xml"], capsys)
    assert (status, out) == (0, "")
    assert err.splitlines()[-1] == (
        "twimlkit: nothing to check: every path named is left out: 1 not TwiML (<coverage>); "
        "1 ignored by .gitignore"
    )
    # Without --force-exclude, a file named is checked whatever it is.
    status, out, _ = run(["lint", "--format", "json", *files], capsys)
    assert status == 1
    assert len({d["path"] for d in json.loads(out)}) == 7


def test_force_exclude_reads_no_named_pipe_to_see_its_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A named pipe is read once, when it is checked: looking at its root first would eat it.
    pipe = tmp_path / "pipe.xml"
    os.mkfifo(pipe)
    writer = subprocess.Popen(["sh", "-c", f"printf '%s' '{BAD}' > '{pipe}'"])
    try:
        status, out, _ = run(["lint", "--force-exclude", str(pipe)], capsys)
    finally:
        writer.wait(10)
    assert status == 1
    assert out.startswith(f"{pipe}:1:")


# -- --stdin-filename: the document read from '-' is taken for that file --------------------------


def lint_stdin(
    argv: list[str],
    document: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, str, str]:
    import io

    class Stdin:
        buffer = io.BytesIO(document.encode())

    monkeypatch.setattr("sys.stdin", Stdin())
    return run(argv, capsys)


HEADLINE = '<Response><Dial recordingTrack="outbound">+15551239876</Dial></Response>'


def test_stdin_gets_the_settings_of_the_file_it_is_named_after(
    tmp_path: Path,
    write: Write,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write("svc/pyproject.toml", '[tool.twimlkit]\nseverity = { "TK201" = "error" }\n')
    os.chdir(tmp_path)
    argv = ["lint", "--stdin-filename", "svc/twiml/conf.xml", "-"]
    status, out, _ = lint_stdin(argv, HEADLINE, capsys, monkeypatch)
    assert status == 1
    assert out.startswith("svc/twiml/conf.xml:1:17: error TK201 ")
    # Named after a file elsewhere, the root's settings (the defaults) apply.
    argv = ["lint", "--stdin-filename", "calls/conf.xml", "-"]
    status, out, _ = lint_stdin(argv, HEADLINE, capsys, monkeypatch)
    assert status == 0
    assert out.startswith("calls/conf.xml:1:17: warning TK201 ")


def test_stdin_named_as_a_template_is_linted_as_one(
    tmp_path: Path,
    write: Write,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write("templates/part.xml.j2", '<Dial recordingTrack="inbund">{{ number }}</Dial>\n')
    os.chdir(tmp_path)
    template = (
        '<Response>\n  <Say>{{ greeting }}</Say>\n  {% include "part.xml.j2" %}\n</Response>\n'
    )
    argv = ["lint", "--format", "json", "--stdin-filename", "templates/m.xml.j2", "-"]
    status, out, _ = lint_stdin(argv, template, capsys, monkeypatch)
    # The include is found beside the file the document is named after, and its mistake is
    # reported; the stand-ins are not taken for TwiML of their own.
    assert status == 1
    assert [(d["path"], d["rule"]) for d in json.loads(out)] == [
        ("templates/m.xml.j2", "invalid-value")
    ]
    broken = "<Response>{% if %}</Response>"
    status, out, _ = lint_stdin(argv, broken, capsys, monkeypatch)
    assert [d["rule"] for d in json.loads(out)] == ["template-syntax-error"]
    # Named as a plain file, it is plain XML.
    argv = ["lint", "--format", "json", "--stdin-filename", "templates/m.xml", "-"]
    status, out, _ = lint_stdin(argv, broken, capsys, monkeypatch)
    assert "template-syntax-error" not in {d["rule"] for d in json.loads(out)}


def test_stdin_named_after_an_excluded_file_is_left_out_with_force_exclude(
    tmp_path: Path,
    write: Write,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write("pyproject.toml", '[tool.twimlkit]\nextend-exclude = ["legacy/"]\n')
    os.chdir(tmp_path)
    argv = ["lint", "--force-exclude", "--stdin-filename", "legacy/old.xml", "-"]
    status, out, err = lint_stdin(argv, BAD, capsys, monkeypatch)
    assert (status, out, err) == (
        0,
        "",
        "twimlkit: nothing to check: legacy/old.xml is excluded by extend-exclude in "
        "pyproject.toml\n",
    )
    status, out, err = lint_stdin(
        ["lint", "--force-exclude", "--stdin-filename", "coverage.xml", "-"],
        COVERAGE,
        capsys,
        monkeypatch,
    )
    assert (status, out) == (0, "")
    assert err.startswith("twimlkit: skipped coverage.xml: its root element <coverage> is not")
    # Without --force-exclude, or named elsewhere, it is checked.
    assert lint_stdin(argv[:1] + argv[2:], BAD, capsys, monkeypatch)[0] == 1
    argv = ["lint", "--force-exclude", "--stdin-filename", "calls/old.xml", "-"]
    assert lint_stdin(argv, BAD, capsys, monkeypatch)[0] == 1


# -- Each file is checked once --------------------------------------------------------------------


def test_a_file_named_or_reached_twice_is_checked_once(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("calls/a.xml", '<Response><Dial method="post">+15551239876</Dial></Response>')
    write("calls/z.xml", BAD)
    (tmp_path / "link").symlink_to("calls")
    (tmp_path / "calls" / "b.xml").symlink_to("a.xml")
    os.chdir(tmp_path)
    paths = ["calls/z.xml", "calls/a.xml", "calls/a.xml", "./calls/a.xml", "calls", "link"]
    status, out, err = run(["lint", *paths], capsys)
    assert status == 1
    # In the order each file first appears.
    assert [line.split(":")[0] for line in out.splitlines()] == ["calls/z.xml", "calls/a.xml"]
    assert err == (
        "Found 1 error, 1 warning in 2 files.\n1 fixable with --fix (1 more with --fix "
        "--unsafe-fixes).\n"
    )
    status, out, _ = run(["lint", "--output-format", "sarif", *paths], capsys)
    [sarif_run] = json.loads(out)["runs"]
    assert len(sarif_run["results"]) == 2
    status, out, err = run(["lint", "--diff", *paths], capsys)
    assert out.count("+++ ") == 1
    assert err.startswith("Would fix 1 problem in 1 file")  # not 2 in 2


# -- .gitignore applies inside a git repository only ----------------------------------------------


def test_gitignore_outside_a_repository_does_not_apply(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("nogit/.gitignore", "sub/\n")
    write("nogit/sub/a.xml", BAD)
    # The same answer from either folder: git reads no .gitignore outside a repository.
    assert linted(tmp_path / "nogit", capsys) == ["sub/a.xml"]
    assert linted(tmp_path / "nogit" / "sub", capsys) == ["a.xml"]
    # In a repository, from either folder, the file is ignored.
    (tmp_path / "nogit" / ".git").mkdir()
    os.chdir(tmp_path / "nogit")
    status, _, _ = run(["lint", "."], capsys)
    assert status == 2
    os.chdir(tmp_path / "nogit" / "sub")
    status, _, _ = run(["lint", "."], capsys)
    assert status == 2


def test_a_repository_inside_a_folder_reads_its_own_ignore_files(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write(".gitignore", "*.xml\n")  # not in a repository: no effect
    (tmp_path / "inner" / ".git" / "info").mkdir(parents=True)
    write("inner/.git/info/exclude", "private.xml\n")
    write("inner/.gitignore", "out/\n")
    for name in ["a.xml", "inner/b.xml", "inner/private.xml", "inner/out/c.xml"]:
        write(name, BAD)
    assert linted(tmp_path, capsys) == ["a.xml", "inner/b.xml"]
    assert linted(tmp_path / "inner", capsys) == ["b.xml"]


# -- Why nothing was checked ----------------------------------------------------------------------


def nothing_said(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    status, out, err = run(argv, capsys)
    assert (status, out) == (2, "")
    return err.splitlines()


def test_nothing_to_check_says_why(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    os.chdir(tmp_path)
    write("docs/notes.txt", "not TwiML")
    assert nothing_said(["lint", "docs"], capsys) == [
        "twimlkit: error: nothing to check in docs: it holds no *.xml, *.twiml, *.xml.j2 or "
        "*.twiml.j2 file"
    ]
    write("svc/pyproject.toml", '[tool.twimlkit]\nextend-exclude = ["legacy/", "old.xml"]\n')
    for name in ["svc/legacy/a.xml", "svc/legacy/deep/b.xml", "svc/old.xml", "svc/notes.txt"]:
        write(name, BAD)
    assert nothing_said(["lint", "svc"], capsys) == [
        "twimlkit: error: nothing to check in svc: 3 files there are excluded by extend-exclude "
        "in svc/pyproject.toml",
        "twimlkit: to check them, name them on the command line (a file named is always "
        "checked), or change extend-exclude in svc/pyproject.toml",
    ]
    (tmp_path / ".git").mkdir()
    write("proj/.gitignore", "generated/\n")
    write("proj/venv/lib/a.xml", BAD)
    write("proj/.idea/misc.xml", BAD)
    write("proj/generated/b.xml", BAD)
    write("proj/coverage.xml", COVERAGE)
    assert nothing_said(["lint", "proj"], capsys) == [
        "twimlkit: skipped proj/coverage.xml: its root element <coverage> is not TwiML",
        "twimlkit: error: nothing to check in proj: 4 files there are left out: 1 not TwiML "
        "(<coverage>); 2 excluded by default (.idea/, venv/); 1 ignored by proj/.gitignore",
        "twimlkit: to check them, name them on the command line (a file named is always "
        "checked), set exclude in the configuration (it replaces the default list), or pass "
        "--no-respect-gitignore",
    ]
    assert nothing_said(["lint", "proj/generated"], capsys) == [
        "twimlkit: error: nothing to check in proj/generated: 1 file there is ignored by "
        "proj/.gitignore",
        "twimlkit: to check them, name them on the command line (a file named is always "
        "checked), or pass --no-respect-gitignore",
    ]
    write("only/twimlkit.toml", 'include = ["*.tml"]\n')
    write("only/a.xml", BAD)
    assert nothing_said(["lint", "only"], capsys) == [
        "twimlkit: error: nothing to check in only: it holds no file that include in "
        "only/twimlkit.toml picks up (*.tml)"
    ]
    assert nothing_said(
        ["lint", "--extend-exclude", "a.xml", "--include", "*.xml", "only"], capsys
    ) == [
        "twimlkit: error: nothing to check in only: 1 file there is excluded by --extend-exclude",
        "twimlkit: to check them, name them on the command line (a file named is always "
        "checked), or leave out --extend-exclude",
    ]


def test_fix_gives_back_a_document_from_stdin_that_is_not_fixed(
    tmp_path: Path,
    write: Write,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An editor that pipes a file through `--fix -` gets it back unchanged when the file is
    # left out, or is a template (templates are not fixed).
    import io

    write("pyproject.toml", '[tool.twimlkit]\nextend-exclude = ["legacy/"]\n')
    os.chdir(tmp_path)
    document = '<Response><Dial method="post">{{ n }}</Dial></Response>\n'
    for name in ["legacy/old.xml", "templates/t.xml.j2"]:
        out = io.BytesIO()
        monkeypatch.setattr("sys.stdout", io.TextIOWrapper(out, encoding="utf-8"))
        argv = ["lint", "--fix", "--force-exclude", "--stdin-filename", name, "-"]
        lint_stdin(argv, document, capsys, monkeypatch)
        assert out.getvalue() == document.encode(), name


def test_gitignore_turned_on_below_a_folder_that_turns_it_off(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    write(".gitignore", "*.xml\n")
    write("twimlkit.toml", "respect-gitignore = false\n")
    write("sub/twimlkit.toml", "respect-gitignore = true\n")
    write("sub/.gitignore", "x.xml\n")
    for name in ["a.xml", "sub/x.xml", "sub/y.xml"]:
        write(name, BAD)
    assert linted(tmp_path, capsys) == ["a.xml", "sub/y.xml"]


def test_command_line_patterns_name_files_outside_the_current_folder(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # A pattern without a folder in it names a file at any depth, below the current folder
    # or not: the result does not depend on where twimlkit runs.
    skip = write("g3/skip.xml", BAD)
    write("g3/kept.xml", BAD)
    (tmp_path / "here").mkdir()
    os.chdir(tmp_path / "here")
    status, out, _ = run(["lint", "--extend-exclude", "skip.xml", "../g3"], capsys)
    assert status == 1
    assert "kept.xml:" in out and "skip.xml" not in out
    os.chdir(tmp_path / "g3")
    assert run(["lint", "--extend-exclude", "skip.xml", "."], capsys)[1] == out.replace(
        "../g3/", ""
    )
    os.chdir(tmp_path / "here")
    status, out, _ = run(["lint", "--include", "*.XML", "../g3"], capsys)
    assert status == 1 and "skip.xml:" in out and "kept.xml:" in out
    assert skip.exists()
    # An anchored pattern names a file beside the folder it belongs to, nothing outside it.
    write("g3/deep/skip.xml", BAD)
    status, out, _ = run(["lint", "--extend-exclude", "/skip.xml,/kept.xml", "../g3"], capsys)
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "../g3/kept.xml", "../g3/skip.xml", "../g3/deep/skip.xml"
    ]  # fmt: skip
