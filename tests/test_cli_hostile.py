"""``twimlkit lint`` against hostile and unlucky file systems, streams and configuration:
endless input, special files, folders and files that cannot be read, links, file names that
are not text, a closed or broken standard output, Ctrl-C, and configuration of the wrong
shape. Each says what is wrong, exits with the documented status, and checks everything else.

What could hang runs in a real process with a timeout. Permission bits do not stop root, so
the tests that need "permission denied" run twimlkit as root without the capabilities that
override them; real situations that fail the same way for anyone (a name too long, a loop of
links, a folder deeper than the longest path) cover the same paths as well.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from conftest import Write, run

from twimlkit import MAX_DOCUMENT_BYTES
from twimlkit.formatters import json_safe, one_line

GOOD = "<Response><Say>Hello</Say></Response>"
BAD = '<Response>\n  <Dial recordingTrack="inbund">+15551239876</Dial>\n</Response>'
BAD_SAYS = (
    ":2:9: error TK103 [invalid-value] <Dial> attribute recordingTrack: 'inbund' is not one of"
)
UNCLOSED = b"<Response><Say></Response>"
UNCLOSED_SAYS = (
    ":1:16: error TK006 [not-well-formed] <Say> opened at line 1, column 11 is never closed: "
    "add </Say> before </Response>"
)
TOO_LARGE = (
    f"<stdin>:1:1: error TK003 [document-too-large] the document is over {MAX_DOCUMENT_BYTES:,} "
    "bytes; twimlkit does not parse it (Twilio refuses TwiML responses over 64 kB)\n"
)
#: Long enough for anything here to finish, short enough that a hang fails the test.
TIMEOUT = 60

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs POSIX file system semantics")


def command() -> list[str]:
    """The installed ``twimlkit`` script beside this Python, or ``python -m twimlkit``."""
    script = shutil.which("twimlkit", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "twimlkit"]


def process(*args: str, **options: Any) -> subprocess.CompletedProcess[bytes]:
    """``twimlkit args`` in a real process that must end within TIMEOUT seconds."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([*command(), *args], timeout=TIMEOUT, check=False, **options)


# -- 1. Standard input is read up to the size cap ---------------------------------------------


@contextmanager
def lint_reading_a_pipe(*args: str, cwd: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``twimlkit args`` in a real process whose standard input is a pipe that stays open
    until the block ends, and the pipe's end to write to."""
    read_end, write_end = os.pipe()
    child = subprocess.Popen(
        [*command(), *args],
        stdin=read_end,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
    )
    os.close(read_end)
    try:
        yield child, write_end
    finally:
        child.kill()
        child.wait()
        os.close(write_end)


def _feed_forever(fd: int) -> None:
    chunk = b" " * 65536
    with suppress(OSError):
        while True:
            os.write(fd, chunk)


@posix_only
def test_endless_standard_input_is_document_too_large(tmp_path: Path) -> None:
    with lint_reading_a_pipe("lint", "-", cwd=tmp_path) as (child, pipe):
        feeder = threading.Thread(target=_feed_forever, args=(pipe,), daemon=True)
        feeder.start()
        out, err = child.communicate(timeout=TIMEOUT)
        feeder.join(TIMEOUT)  # the reader has gone, so the writer stops: then close the pipe
    assert (child.returncode, out.decode(), err.decode()) == (
        1,
        TOO_LARGE,
        "Found 1 error in 1 file.\n",
    )


def test_standard_input_one_byte_over_the_cap(tmp_path: Path) -> None:
    big = b"<Response>" + b" " * (MAX_DOCUMENT_BYTES - len("<Response></Response>") + 1)
    done = process("lint", "-", input=big + b"</Response>", cwd=tmp_path)
    assert (done.returncode, done.stdout.decode()) == (1, TOO_LARGE)
    at_the_cap = process("lint", "--format", "json", "-", input=big[:-1] + b"</Response>")
    assert "document-too-large" not in [d["rule"] for d in json.loads(at_the_cap.stdout)]


@posix_only
def test_closed_standard_input_is_unreadable(tmp_path: Path, write: Write) -> None:
    good = write("ok.xml", GOOD)
    done = process("lint", "-", str(good), stdin=None, cwd=tmp_path, preexec_fn=_close(0))
    assert (done.returncode, done.stdout.decode()) == (
        1,
        "<stdin>:1:1: error TK001 [unreadable-file] cannot read <stdin>: "
        "standard input is closed\n",
    )


@posix_only
def test_a_missing_path_stops_the_run_before_standard_input_is_read(tmp_path: Path) -> None:
    # Standard input is a pipe that stays open: reading it first would never end.
    with lint_reading_a_pipe("lint", "-", "missing.xml", cwd=tmp_path) as (child, _):
        out, err = child.communicate(timeout=TIMEOUT)
    assert (child.returncode, out, err) == (
        2,
        b"",
        b"twimlkit: error: no such file or directory: missing.xml\n",
    )


# -- 2. Special files -----------------------------------------------------------------------


def _mkfifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(path)
    return path


def test_a_named_pipe_in_a_folder_is_skipped(tmp_path: Path, write: Write) -> None:
    write("calls/a-good.xml", GOOD)
    bad = write("calls/z-bad.xml", BAD)
    pipe = _mkfifo(tmp_path / "calls" / "m-pipe.xml")
    done = process("lint", str(tmp_path / "calls"), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode().startswith(f"{bad}{BAD_SAYS}")
    assert done.stderr.decode() == (
        f"twimlkit: skipped {pipe}: not a regular file (a named pipe)\nFound 1 error in 1 file.\n"
    )


@posix_only
def test_a_socket_in_a_folder_is_skipped(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("calls/ok.xml", GOOD)
    where = tmp_path / "calls" / "s.xml"
    if len(os.fsencode(where)) > 100:
        pytest.skip("the temporary folder's path is too long for a socket")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(where))
        status, out, err = run(["lint", str(tmp_path / "calls")], capsys)
    assert (status, out) == (0, "")
    assert err == (
        f"twimlkit: skipped {where}: not a regular file (a socket)\nNo problems found.\n"
    )


def test_a_named_pipe_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    pipe = _mkfifo(tmp_path / "from-a-pipe")

    def feed(data: bytes) -> threading.Thread:
        def write() -> None:
            with open(pipe, "wb") as stream, suppress(BrokenPipeError):
                stream.write(data)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        return writer

    feed(BAD.encode())
    done = process("lint", str(pipe), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode().startswith(f"{pipe}{BAD_SAYS}")
    # A pipe is read up to the size cap, however much is written into it.
    feed(b" " * (MAX_DOCUMENT_BYTES * 3))
    done = process("lint", str(pipe), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode().startswith(f"{pipe}:1:1: error TK003 [document-too-large] ")


# -- 3. Files and folders that cannot be read ---------------------------------------------------

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def _without_permission_override() -> None:
    """In the child, before it runs twimlkit: give up root's power to ignore permission bits,
    so that a folder with mode 000 cannot be read, as for anyone else."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")


@contextmanager
def locked(folder: Path) -> Iterator[dict[str, Any]]:
    """``folder`` with no permissions at all, and the options that run a process for which
    that means "permission denied"; skips the test when there is no such process here."""
    if os.name != "posix":
        pytest.skip("needs POSIX permission bits")
    options: dict[str, Any] = {}
    if os.geteuid() == 0:
        if not sys.platform.startswith("linux"):
            pytest.skip("root ignores permission bits, and cannot give that up here")
        options["preexec_fn"] = _without_permission_override
    folder.chmod(0)
    try:
        try:
            probe = subprocess.run(
                [sys.executable, "-c", "import os, sys; os.listdir(sys.argv[1])", str(folder)],
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
                **options,
            )
        except subprocess.SubprocessError:
            probe = None
        if probe is None or probe.returncode == 0:
            pytest.skip("permission bits do not stop this user here")
        yield options
    finally:
        folder.chmod(stat.S_IRWXU)


def test_an_unreadable_folder_met_in_a_walk_is_reported(tmp_path: Path, write: Write) -> None:
    write("calls/a/hidden-from-us.xml", BAD)
    bad = write("calls/b/bad.xml", BAD)
    with locked(tmp_path / "calls" / "a") as options:
        done = process("lint", str(tmp_path / "calls"), cwd=tmp_path, **options)
    assert done.returncode == 1
    assert done.stdout.decode().splitlines()[0] == (
        f"{tmp_path}/calls/a:1:1: error TK001 [unreadable-file] cannot read folder "
        f"{tmp_path}/calls/a: Permission denied"
    )
    assert done.stdout.decode().splitlines()[1].startswith(f"{bad}{BAD_SAYS}")
    assert done.stderr.decode() == "Found 2 errors in 2 files.\n"


def test_an_unreadable_folder_named_is_reported(tmp_path: Path, write: Write) -> None:
    write("calls/a.xml", BAD)
    good = write("ok.xml", GOOD)
    with locked(tmp_path / "calls") as options:
        done = process("lint", "calls", str(good), cwd=tmp_path, **options)
    assert (done.returncode, done.stdout.decode(), done.stderr.decode()) == (
        1,
        "calls:1:1: error TK001 [unreadable-file] cannot read folder calls: Permission denied\n",
        "Found 1 error in 1 file.\n",
    )


def test_a_file_in_a_folder_that_cannot_be_searched(tmp_path: Path, write: Write) -> None:
    write("calls/a.xml", BAD)
    bad = write("bad.xml", BAD)
    with locked(tmp_path / "calls") as options:
        done = process("lint", "--format", "json", "calls/a.xml", str(bad), cwd=tmp_path, **options)
    assert done.returncode == 1
    assert done.stderr == b""
    assert [(d["path"], d["rule"], d["message"]) for d in json.loads(done.stdout)] == [
        ("calls/a.xml", "unreadable-file", "cannot read calls/a.xml: Permission denied"),
        (str(bad), "invalid-value", json.loads(done.stdout)[1]["message"]),
    ]


def test_a_name_too_long_to_look_up(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # Longer than any file system allows one name to be: the lookup fails, for root too.
    long = str(tmp_path / ("x" * 300 + ".xml"))
    bad = write("bad.xml", BAD)
    status, out, err = run(["lint", long, str(bad)], capsys)
    assert status == 1
    assert out.splitlines()[0] == (
        f"{long}:1:1: error TK001 [unreadable-file] cannot read {long}: File name too long"
    )
    assert out.splitlines()[1].startswith(f"{bad}{BAD_SAYS}")
    assert err == "Found 2 errors in 2 files.\n"


@posix_only
def test_a_folder_deeper_than_the_longest_path(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # Made one level at a time, relative to the last, so that no call sees the whole path;
    # twimlkit, given the whole path, can no longer search the deepest folders, for root too.
    bad = write("deep/bad.xml", BAD)
    name = "d" * 250
    level = os.open(tmp_path / "deep", os.O_RDONLY)
    try:
        for _ in range(20):
            os.mkdir(name, dir_fd=level)
            below = os.open(name, os.O_RDONLY, dir_fd=level)
            os.close(level)
            level = below
    finally:
        os.close(level)
    status, out, err = run(["lint", str(tmp_path / "deep")], capsys)
    assert status == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad}{BAD_SAYS}")
    assert len(lines) == 2
    assert " TK001 [unreadable-file] cannot read folder " in lines[1]
    assert lines[1].endswith(f"{name}: File name too long")
    assert err == "Found 2 errors in 2 files.\n"


def test_a_path_below_a_file_is_a_usage_error(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write("ok.xml", GOOD)
    status, out, err = run(["lint", f"{good}/call.xml"], capsys)
    assert (status, out) == (2, "")
    assert err == f"twimlkit: error: not a directory: {good}/call.xml\n"


# -- 4. Links -------------------------------------------------------------------------------


def _symlink(link: Path, target: str | Path) -> Path:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("cannot make symbolic links here")
    return link


def test_a_loop_of_links_named_is_reported(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    _symlink(tmp_path / "a.xml", "b.xml")
    _symlink(tmp_path / "b.xml", "a.xml")
    good = write("ok.xml", GOOD)
    status, out, err = run(["lint", str(tmp_path / "a.xml"), str(good)], capsys)
    assert (status, out, err) == (
        1,
        f"{tmp_path}/a.xml:1:1: error TK001 [unreadable-file] cannot read {tmp_path}/a.xml: "
        "Too many levels of symbolic links\n",
        "Found 1 error in 1 file.\n",
    )


def test_a_loop_of_links_under_per_file_ignores(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # Matching a path against per-file-ignores resolves it, which a loop of links defeats.
    pyproject = write("pyproject.toml", '[tool.twimlkit]\nper-file-ignores = { "x/*" = ["TK2"] }')
    write("legacy/ok.xml", GOOD)
    loop = _symlink(tmp_path / "legacy" / "loop.xml", "loop.xml")
    status, out, _ = run(["lint", "--config", str(pyproject), str(loop)], capsys)
    assert (status, out) == (
        1,
        f"{loop}:1:1: error TK001 [unreadable-file] cannot read {loop}: "
        "Too many levels of symbolic links\n",
    )
    # A file that was not read is reported whatever the settings say; excluding it is the
    # way to leave it out.
    pyproject.write_text('[tool.twimlkit]\nper-file-ignores = { "legacy/*" = ["TK001"] }')
    assert run(["lint", "--config", str(pyproject), str(loop)], capsys)[:2] == (status, out)
    pyproject.write_text('[tool.twimlkit]\nextend-exclude = ["legacy/loop.xml"]')
    status, out, _ = run(["lint", "--force-exclude", "--config", str(pyproject), str(loop)], capsys)
    assert (status, out) == (0, "")


def test_a_broken_link_named_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = _symlink(tmp_path / "gone.xml", "nowhere.xml")
    status, out, _ = run(["lint", str(link)], capsys)
    assert (status, out) == (
        1,
        f"{link}:1:1: error TK001 [unreadable-file] cannot read {link}: "
        "No such file or directory\n",
    )


def test_a_walk_does_not_leave_the_folder_named(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = write("elsewhere/secret.xml", BAD)
    inside = write("calls/real.xml", BAD)
    to_outside = _symlink(tmp_path / "calls" / "borrowed.xml", outside)
    _symlink(tmp_path / "calls" / "same.xml", "real.xml")
    _symlink(tmp_path / "calls" / "up", "..")  # a loop, were links to folders followed
    _symlink(tmp_path / "calls" / "folder.xml", tmp_path / "elsewhere")
    status, out, err = run(["lint", "--format", "json", str(tmp_path / "calls")], capsys)
    assert status == 1
    # same.xml is real.xml, reached again through a link: checked once, where it came first.
    assert [d["path"] for d in json.loads(out)] == [str(inside)]
    assert err == (
        f"twimlkit: skipped {to_outside}: a link to a file outside {tmp_path / 'calls'}\n"
        f"twimlkit: skipped {tmp_path}/calls/folder.xml: a link to a folder; links to folders "
        "are not followed\n"
    )
    # Named, a link is read wherever it leads.
    status, out, _ = run(["lint", str(to_outside)], capsys)
    assert status == 1
    assert out.startswith(f"{to_outside}{BAD_SAYS}")


def test_a_loop_of_links_met_in_a_walk_is_reported(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("calls/ok.xml", GOOD)
    loop = _symlink(tmp_path / "calls" / "loop.xml", "loop.xml")
    status, out, err = run(["lint", str(tmp_path / "calls")], capsys)
    assert (status, out, err) == (
        1,
        f"{loop}:1:1: error TK001 [unreadable-file] cannot read {loop}: "
        "Too many levels of symbolic links\n",
        "Found 1 error in 1 file.\n",
    )


# -- 5. File names that are not text ---------------------------------------------------------


def _odd_file(folder: Path, name: bytes, content: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(os.path.join(os.fsencode(folder), name), "wb") as file:
            file.write(content)
    except (OSError, ValueError):
        pytest.skip(f"this file system refuses the name {name!r}")


@posix_only
def test_a_name_that_is_not_utf8_in_json(tmp_path: Path, write: Write) -> None:
    _odd_file(tmp_path / "calls", b"caf\xe9-\xff.xml", UNCLOSED)
    write("calls/ok.xml", GOOD)
    done = process("lint", "--format", "json", str(tmp_path / "calls"), cwd=tmp_path)
    assert done.returncode == 1
    (found,) = json.loads(done.stdout.decode("utf-8"))  # strict: the output is UTF-8
    assert found["path"] == f"{tmp_path}/calls/caf\\xe9-\\xff.xml"
    assert found["rule"] == "not-well-formed"


@posix_only
def test_a_name_that_is_not_utf8_in_text(tmp_path: Path) -> None:
    _odd_file(tmp_path / "calls", b"\xff.xml", UNCLOSED)
    done = process("lint", str(tmp_path / "calls"), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode("utf-8") == f"{tmp_path}/calls/\\xff.xml{UNCLOSED_SAYS}\n"


@posix_only
def test_a_newline_in_a_name_cannot_forge_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = b"x.xml:1:1: TK000 [fake] forged\n\x1b[2Jy.xml"
    _odd_file(tmp_path / "calls", forged, UNCLOSED)
    status, out, err = run(["lint", str(tmp_path / "calls")], capsys)
    assert status == 1
    assert out == (
        f"{tmp_path}/calls/x.xml:1:1: TK000 [fake] forged\\n\\x1b[2Jy.xml{UNCLOSED_SAYS}\n"
    )
    assert err == "Found 1 error in 1 file.\n"
    status, out, _ = run(["lint", "--format", "json", str(tmp_path / "calls")], capsys)
    assert json.loads(out)[0]["path"] == f"{tmp_path}/calls/{forged.decode()}"


def test_control_characters_in_messages_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["lint", f"{tmp_path}/no\nsuch\x1b.xml"], capsys)
    assert (status, out) == (2, "")
    assert err == f"twimlkit: error: no such file or directory: {tmp_path}/no\\nsuch\\x1b.xml\n"


def test_how_names_are_shown() -> None:
    name = "a\tb\rc\x7f\x85\u2028\udcff\ud800é.xml"
    assert one_line(name) == "a\\tb\\rc\\x7f\\x85\\u2028\\xff\\ud800é.xml"
    assert json_safe(name) == "a\tb\rc\x7f\x85\u2028\\xff\\ud800é.xml"


# -- 6. Ctrl-C and a standard output that is closed or gone ------------------------------------


def _close(fd: int) -> Callable[[], None]:
    def close() -> None:
        os.close(fd)

    return close


def _wait_until_read(pipe: int) -> None:
    """Until the reader at the other end of ``pipe`` has taken what was written: by then it
    is running, reading, and has Python's handler for SIGINT in place."""
    import fcntl
    import termios

    deadline = time.monotonic() + TIMEOUT
    waiting = bytearray(4)
    while time.monotonic() < deadline:
        fcntl.ioctl(pipe, termios.FIONREAD, waiting)
        if int.from_bytes(waiting, sys.byteorder) == 0:
            return
        time.sleep(0.05)
    raise AssertionError("twimlkit never read its standard input")


@posix_only
def test_ctrl_c_while_reading_standard_input(tmp_path: Path) -> None:
    with lint_reading_a_pipe("lint", "-", cwd=tmp_path) as (child, pipe):
        os.write(pipe, b"<Response>")
        _wait_until_read(pipe)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=TIMEOUT)
    assert (child.returncode, out, err) == (130, b"", b"twimlkit: interrupted\n")


@posix_only
def test_closed_standard_output(tmp_path: Path, write: Write) -> None:
    bad = write("bad.xml", BAD)
    done = process("lint", str(bad), stdout=None, stderr=subprocess.PIPE, preexec_fn=_close(1))
    assert (done.returncode, done.stderr) == (2, b"")
    # With nothing to report, nothing is lost.
    good = write("ok.xml", GOOD)
    done = process("lint", str(good), stdout=None, stderr=subprocess.PIPE, preexec_fn=_close(1))
    assert (done.returncode, done.stderr) == (0, b"No problems found.\n")


@posix_only
@pytest.mark.parametrize("argv", [["lint", "--format", "json"], ["lint"], ["rules"]])
def test_standard_output_whose_reader_has_gone(
    tmp_path: Path, write: Write, argv: list[str]
) -> None:
    paths = [str(write(f"bad-{n}.xml", BAD)) for n in range(3)] if argv[0] == "lint" else []
    child = subprocess.Popen(
        [*command(), *argv, *paths], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None
    child.stdout.close()  # the reader goes before twimlkit writes a thing
    try:
        err = child.communicate(timeout=TIMEOUT)[1]
    finally:
        child.kill()
    assert (child.returncode, err) == (2, b"")


#: Far more findings than a pipe holds (64 kB on Linux), so that the reader goes mid-write.
MANY_FINDINGS = "<Response>\n" + '  <Pause length="x"/>\n' * 5000 + "</Response>\n"


@posix_only
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("format_name", ["concise", "full", "json", "sarif", "github"])
def test_a_reader_that_goes_in_the_middle_of_a_large_report(
    tmp_path: Path, write: Write, format_name: str, jobs: str
) -> None:
    """``twimlkit lint . | head -1``: the report is cut short by the reader, so exit 2, and
    no summary claims what the reader never saw."""
    for n in range(4):
        write(f"many-{n}.xml", MANY_FINDINGS)
    child = subprocess.Popen(
        [*command(), "lint", "--output-format", format_name, "--jobs", jobs, "."],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert child.stdout is not None and child.stderr is not None
    try:
        first = child.stdout.readline()
        child.stdout.close()  # as head -1 does, with the rest of the report still to come
        err = child.stderr.read()
        child.wait(timeout=TIMEOUT)
    finally:
        child.kill()
    assert first
    assert (child.returncode, err.decode()) == (2, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_standard_output_on_a_full_disk(write: Write) -> None:
    with open("/dev/full", "wb") as full:
        done = process("lint", str(write("bad.xml", BAD)), stdout=full, stderr=subprocess.PIPE)
    assert (done.returncode, done.stderr.decode()) == (
        2,
        "twimlkit: error: cannot write the report: No space left on device\n",
    )


def test_a_terminal_that_cannot_show_a_name(tmp_path: Path, write: Write) -> None:
    write("café.xml", BAD)
    done = process(
        "lint", "café.xml", cwd=tmp_path, env={**os.environ, "PYTHONIOENCODING": "ascii"}
    )
    assert done.returncode == 1
    assert done.stdout.decode("ascii").startswith(f"caf\\xe9.xml{BAD_SAYS}")


@posix_only
def test_a_current_folder_that_is_gone(tmp_path: Path, write: Write) -> None:
    good = write("ok.xml", GOOD)
    gone = tmp_path / "gone"
    gone.mkdir()

    def leave_a_deleted_folder() -> None:
        os.chdir(gone)
        os.rmdir(gone)

    done = process("lint", str(good), preexec_fn=leave_a_deleted_folder)
    assert (done.returncode, done.stdout, done.stderr.decode()) == (
        2,
        b"",
        "twimlkit: error: cannot tell which folder this is: No such file or directory\n",
    )


# -- 7. Configuration of the wrong shape, and selections of nothing ------------------------------


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("tool = 3", "[tool] must be a table, not an integer"),
        ("[tool]\ntwimlkit = 3", "[tool.twimlkit] must be a table, not an integer"),
        ('[tool]\ntwimlkit = "TK1"', "[tool.twimlkit] must be a table, not a string"),
        (
            '[tool.twimlkit]\nselect = "TK1"',
            "[tool.twimlkit] select must be a list of rule names, codes or code prefixes, not "
            'a string (write ["TK1"])',
        ),
        (
            "[tool.twimlkit]\nignore = 3",
            "[tool.twimlkit] ignore must be a list of rule names, codes or code prefixes, not "
            "an integer",
        ),
        (
            "[tool.twimlkit]\nselect = [3]",
            "[tool.twimlkit] select: each entry must be a rule name, code or code prefix as a "
            "string, not an integer",
        ),
        (
            "[tool.twimlkit]\nselect = []",
            "[tool.twimlkit] select is empty: it would turn every check off; name at least one "
            "rule, code or code prefix (or ALL, the default)",
        ),
        (
            '[tool.twimlkit]\nselect = [""]',
            "[tool.twimlkit] select: an empty name; give a rule name, code or code prefix",
        ),
        (
            '[tool.twimlkit]\nignore = [" "]',
            "[tool.twimlkit] ignore: an empty name; give a rule name, code or code prefix",
        ),
        (
            "[tool.twimlkit]\nper-file-ignores = 3",
            "[tool.twimlkit] per-file-ignores must be a table of pattern = [names], not an integer",
        ),
        (
            '[tool.twimlkit]\nper-file-ignores = { "x.xml" = "TK1" }',
            "[tool.twimlkit] per-file-ignores 'x.xml' must be a list of rule names, codes or "
            'code prefixes, not a string (write ["TK1"])',
        ),
        ('[tool.twimlkit]\ncolour = "blue"', "unknown [tool.twimlkit] keys: colour"),
    ],
)
def test_configuration_of_the_wrong_shape(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str], toml: str, says: str
) -> None:
    pyproject = write("pyproject.toml", toml + "\n")
    good = write("ok.xml", GOOD)
    status, out, err = run(["lint", "--config", str(pyproject), str(good)], capsys)
    assert (status, out, err) == (2, "", f"twimlkit: error: {pyproject}: {says}\n")


@posix_only
def test_a_configuration_file_that_cannot_be_read(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write("ok.xml", GOOD)
    odd = f"{tmp_path}/no\nsuch.toml"
    status, out, err = run(["lint", "--config", odd, str(good)], capsys)
    assert (status, out) == (2, "")
    assert err == (
        f"twimlkit: error: {tmp_path}/no\\nsuch.toml: cannot read it: No such file or directory\n"
    )
    status, out, err = run(["lint", "--config", str(tmp_path), str(good)], capsys)
    assert (status, out, err) == (
        2,
        "",
        f"twimlkit: error: {tmp_path}: cannot read it: Is a directory\n",
    )


@pytest.mark.parametrize("names", ["", ",", " , "])
def test_selecting_nothing_is_a_usage_error(
    write: Write, capsys: pytest.CaptureFixture[str], names: str
) -> None:
    bad = write("bad.xml", BAD)
    status, out, err = run(["lint", "--select", names, str(bad)], capsys)
    assert (status, out) == (2, "")
    assert err == (
        "twimlkit: error: --select names no check: it would turn every check off; name at "
        "least one rule, code or code prefix (or ALL, the default)\n"
    )


def test_ignoring_nothing_clears_the_files_ignore(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = write("pyproject.toml", '[tool.twimlkit]\nignore = ["invalid-value"]\n')
    bad = write("bad.xml", BAD)
    assert run(["lint", "--config", str(pyproject), str(bad)], capsys)[:2] == (0, "")
    status, out, _ = run(["lint", "--config", str(pyproject), "--ignore", "", str(bad)], capsys)
    assert status == 1
    assert out.startswith(f"{bad}{BAD_SAYS}")
