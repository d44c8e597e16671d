"""The progress line: on a terminal only, outside CI, for runs longer than a moment, and gone
before the report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from twimlkit import cli, progress
from twimlkit.progress import SHOW_AFTER, Progress


class Terminal(io.StringIO):
    """Standard error on a terminal, keeping what was written to it."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def screen(written: str) -> str:
    """What a terminal shows after ``written``: a carriage return goes back to the start of
    the line, and what follows overwrites it."""
    lines: list[str] = []
    for line in written.split("\n"):
        shown = ""
        for piece in line.split("\r"):
            shown = piece + shown[len(piece) :]
        lines.append(shown.rstrip(" "))
    return "\n".join(lines)


def test_a_long_run_on_a_terminal_shows_the_count() -> None:
    terminal, clock = Terminal(), Clock()
    counter = Progress(terminal, environ={}, clock=clock)
    counter.advance(5)
    assert terminal.getvalue() == ""  # too soon to say anything
    clock.now += SHOW_AFTER + 0.01
    counter.advance()
    assert screen(terminal.getvalue()) == "twimlkit: 6 files checked..."
    clock.now += 5
    counter.advance(1_994)
    assert screen(terminal.getvalue()) == "twimlkit: 2,000 files checked..."


def test_the_line_is_updated_a_few_times_a_second_at_most() -> None:
    terminal, clock = Terminal(), Clock()
    counter = Progress(terminal, environ={}, clock=clock)
    clock.now += SHOW_AFTER
    for _ in range(1000):
        counter.advance()
        clock.now += 0.001
    assert 1 <= terminal.getvalue().count("\r") <= 1 + 1000 * 0.001 / progress.EVERY + 1


def test_the_line_is_erased_at_the_end_even_an_interrupted_one() -> None:
    terminal, clock = Terminal(), Clock()
    with pytest.raises(KeyboardInterrupt), Progress(terminal, {}, clock) as counter:
        clock.now += SHOW_AFTER
        counter.advance(12_345)
        assert "12,345" in terminal.getvalue()
        raise KeyboardInterrupt
    assert screen(terminal.getvalue()) == ""
    assert terminal.getvalue().endswith("\r")  # what is written next starts the line


@pytest.mark.parametrize(
    "stream, environ",
    [
        (io.StringIO(), {}),  # a pipe or a file
        (Terminal(), {"CI": "true"}),  # a CI log that claims to be a terminal
        (None, {}),  # no standard error at all
    ],
)
def test_never_in_pipes_or_ci_logs(stream: io.StringIO | None, environ: dict[str, str]) -> None:
    clock = Clock()
    with Progress(stream, environ=environ, clock=clock) as counter:
        clock.now += 60
        counter.advance(10_000)
    assert stream is None or stream.getvalue() == ""


def test_a_closed_terminal_is_no_reason_to_stop() -> None:
    terminal, clock = Terminal(), Clock()
    counter = Progress(terminal, environ={}, clock=clock)
    terminal.close()
    clock.now += SHOW_AFTER
    counter.advance()
    counter.erase()
    assert counter.stream is None  # given up on, quietly


def test_the_report_follows_an_erased_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    terminal = Terminal()
    ticks = iter(range(0, 1000))  # each look at the clock, a second later: slow files

    def on_a_terminal(stream: object) -> Progress:
        return Progress(terminal, environ={}, clock=lambda: float(next(ticks)))

    monkeypatch.setattr(cli, "Progress", on_a_terminal)
    monkeypatch.setattr("sys.stderr", terminal)
    for name in "abc":
        (tmp_path / f"{name}.xml").write_text("<Response><Say>Hi</Say></Response>")
    assert cli.main(["lint", str(tmp_path)]) == 0
    assert "\rtwimlkit: 3 files checked..." in terminal.getvalue()
    assert screen(terminal.getvalue()) == "No problems found.\n"


def test_a_note_during_the_run_erases_the_line_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal, clock = Terminal(), Clock()
    monkeypatch.setattr("sys.stderr", terminal)
    with Progress(terminal, environ={}, clock=clock) as counter:
        clock.now += SHOW_AFTER + 0.01
        counter.advance(8000)
        cli._say("twimlkit: pf/t1.xml.j2 is a template; it is not fixed\n")
        clock.now += 1
        counter.advance()
    written = terminal.getvalue()
    # The note stands on a line of its own, as the terminal shows it, and the count returns.
    assert screen(written).split("\n") == [
        "twimlkit: pf/t1.xml.j2 is a template; it is not fixed",
        "",
    ]
    assert written.index("twimlkit: 8,000 files checked...") < written.index("pf/t1")
    assert "twimlkit: 8,001 files checked..." in written[written.index("pf/t1") :]
    assert progress._showing == []
