"""``twimlkit lint --jobs``: the report is the same whatever the number of processes, and a
worker that dies is reported."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import CONFORMANCE, load_benchmark, run

from twimlkit import cli, parallel
from twimlkit.config import Resolver, Settings
from twimlkit.diagnostic import Diagnostic
from twimlkit.files import Found, NothingFound, Skipped, find_twiml
from twimlkit.validate import Kind

lint_speed = load_benchmark("lint_speed")


#: The files the tree holds besides the corpus: a link to nowhere and a named pipe.
EXTRA = 2


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More files than automatic jobs keep in one process, valid and broken ones mixed, with a
    link to nowhere and a named pipe among them."""
    documents = lint_speed.sources(CONFORMANCE)
    if not documents or not hasattr(os, "mkfifo"):
        pytest.skip("the conformance corpus is missing, or named pipes are")
    folder: Path = lint_speed.write_corpus(
        tmp_path_factory.mktemp("tree") / "calls", parallel.PARALLEL_FROM + 40, documents
    )
    (folder / "part001" / "gone.xml").symlink_to("nowhere.xml")
    os.mkfifo(folder / "part002" / "pipe.xml")
    return folder


@pytest.fixture(scope="module")
def named(tree: Path) -> list[str]:
    """The tree, then a link to nowhere named on its own, then the tree's first folder again:
    findings about a path and files' findings, interleaved."""
    gone = tree.parent / "gone.xml"
    gone.symlink_to("nowhere.xml")
    return [str(tree), str(gone), str(tree / "part000")]


@pytest.mark.parametrize("output", ["text", "json"])
def test_the_report_is_the_same_whatever_the_jobs(
    named: list[str], output: str, capsys: pytest.CaptureFixture[str]
) -> None:
    one = run(["lint", "--format", output, "--jobs", "1", *named], capsys)
    assert one[0] == 1 and one[1].count(named[0]) > parallel.PARALLEL_FROM // 2
    assert one[1].count("gone.xml") >= 2  # the link named, and the one in the tree
    assert "skipped" in one[2] and "\r" not in one[2]  # no progress line in a pipe
    assert run(["lint", "--format", output, "--jobs", "2", *named], capsys) == one
    assert run(["lint", "--format", output, "--jobs", "3", *named], capsys) == one
    assert run(["lint", "--format", output, *named], capsys) == one


def test_lint_paths_takes_jobs_from_python(named: list[str]) -> None:
    skipped_one: list[Skipped] = []
    skipped_two: list[Skipped] = []
    one = cli.lint_paths(named, skipped=skipped_one)
    assert cli.lint_paths(named, skipped=skipped_two, jobs=2) == one
    assert skipped_one == skipped_two != []
    done: list[None] = []
    cli.lint_paths([named[0]], jobs=2, done=lambda: done.append(None))
    assert len(done) == parallel.PARALLEL_FROM + 40 + EXTRA  # each file, pipe and link too


@pytest.mark.parametrize("value", ["0", "-2", "many", ""])
def test_jobs_must_be_a_number_of_processes(
    value: str, tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["lint", f"--jobs={value}", str(tree)], capsys)
    assert (status, out) == (2, "")
    assert f"--jobs: expected a number of processes (1 or more) or auto, not {value!r}" in err


def test_jobs_auto_is_the_default(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(["lint", "--jobs", "auto", str(tree)], capsys)[:2]
        == run(["lint", str(tree)], capsys)[:2]
    )


#: The file whose checking kills its worker process.
FATAL = "doc00600.xml"
lint_found = cli.lint_found


def crash(
    work: tuple[Found, Settings | None], kind: Kind | None = None
) -> list[Diagnostic] | Skipped | NothingFound:
    if isinstance(work[0], Path) and work[0].name == FATAL:
        os._exit(9)
    return lint_found(work, kind)


def test_a_dead_worker_is_an_error_not_a_hang(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    found = [str(getattr(item, "path", item)) for item in find_twiml([str(tree)], Resolver())]
    whole = run(["lint", "--jobs", "1", str(tree)], capsys)[1].splitlines(keepends=True)
    monkeypatch.setattr(cli, "lint_found", crash)
    status, out, err = run(["lint", "--jobs", "2", str(tree)], capsys)
    assert status == 2 and "Traceback" not in err
    said = re.fullmatch(
        r"(?:twimlkit: skipped .*\n)?"  # the named pipe, if it came before the first lost
        r"twimlkit: error: a worker process ended unexpectedly \(killed, or out of memory\?\): "
        r"([\d,]+) files were not checked, from (\S+) on\n",
        err,
    )
    assert said is not None, err
    # The first file not checked begins a chunk no later than the fatal file's; every file
    # from there on is counted, and the report holds the findings of every file before it.
    first = found.index(said.group(2))
    fatal = next(i for i, path in enumerate(found) if path.endswith(FATAL))
    assert first % parallel.CHUNK == 0 and 0 < first <= fatal
    assert int(said.group(1).replace(",", "")) == len(found) - first
    checked = set(found[:first])
    assert out == "".join(line for line in whole if line.split(":")[0] in checked)
    assert out.count("\n") > 100
    # From Python, the same is raised, naming the file.
    with pytest.raises(parallel.WorkerCrashed) as crashed:
        cli.lint_paths([str(tree)], jobs=2)
    assert str(crashed.value.first) in found and "Settings(" not in str(crashed.value)
    kept: list[parallel.WorkerCrashed] = []
    assert cli.lint_paths([str(tree)], jobs=2, crashed=kept) != []
    assert len(kept) == 1 and str(kept[0].first) in found


def test_each_files_settings_reach_the_workers(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configured = tmp_path / "configured"
    configured.mkdir()
    for part in ("part000", "part001", "part002", "part003"):
        (configured / part).mkdir()
        for source in (tree / part).glob("doc*.xml"):
            (configured / part / source.name).write_bytes(source.read_bytes())
    (configured / "pyproject.toml").write_text(
        "[tool.twimlkit]\n"
        'extend-exclude = ["part003/"]\n'
        'ignore = ["unknown-attribute"]\n'
        'severity = { "unknown-element" = "warning" }\n'
        'kind = { "part001/**" = "messaging" }\n'
    )
    one = run(["lint", "--jobs", "1", str(configured)], capsys)
    assert "part003" not in one[1] and "unknown-attribute" not in one[1]
    assert "doc00001.xml:2:11: warning TK101 [unknown-element] <Sya>" in one[1]
    assert "<Say> is not a TwiML messaging element" in one[1]  # part001 is messaging
    assert run(["lint", "--jobs", "2", str(configured)], capsys) == one
