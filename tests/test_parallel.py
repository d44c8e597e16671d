"""Checking on every core gives what one process gives, in the same order, in bounded memory;
Ctrl-C and a dying worker end the run cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from twimlkit import parallel
from twimlkit.parallel import CHUNK, CHUNKS_PER_WORKER, PARALLEL_FROM, WorkerCrashed, in_order

needs_two_cpus = pytest.mark.skipif(parallel.cpu_count() < 2, reason="one CPU: no workers")


def square_after_a_pause(item: int) -> int:
    time.sleep(0.002 if item % 7 == 0 else 0)  # some items finish out of turn
    return item * item


def pid_of_worker(item: int) -> int:
    return os.getpid()


def fail_on_thirteen(item: int) -> int:
    if item == 13:
        raise ValueError("thirteen")
    return item


def die_on_fifty(item: int) -> int:
    if item == 50:
        os._exit(3)  # as a worker killed by the kernel would, without a word
    return item


@pytest.mark.parametrize("jobs", [1, 2, 3, None])
def test_results_come_in_the_order_of_the_items(jobs: int | None) -> None:
    items = range(PARALLEL_FROM + 150)
    assert list(in_order(square_after_a_pause, items, jobs)) == [i * i for i in items]


def test_no_items_no_results() -> None:
    assert list(in_order(square_after_a_pause, [], 2)) == []
    assert list(in_order(square_after_a_pause, [], None)) == []


@needs_two_cpus
def test_automatic_jobs_start_workers_only_for_many_items() -> None:
    few = set(in_order(pid_of_worker, range(PARALLEL_FROM - 1), None))
    assert few == {os.getpid()}
    many = set(in_order(pid_of_worker, range(PARALLEL_FROM * 2), None))
    # Workers did the work (on a busy machine one of them may have done all of it).
    assert many and os.getpid() not in many and len(many) <= parallel.cpu_count()
    assert set(in_order(pid_of_worker, range(PARALLEL_FROM * 2), 1)) == {os.getpid()}


def test_items_are_taken_only_as_workers_are_free() -> None:
    taken = 0

    def counted() -> Iterator[int]:
        nonlocal taken
        for item in range(100_000):
            taken += 1
            yield item

    results = in_order(square_after_a_pause, counted(), 2)
    assert isinstance(results, Generator)
    assert next(results) == 0
    assert taken <= 2 * CHUNKS_PER_WORKER * CHUNK + CHUNK
    results.close()  # stops the workers
    if parallel.cpu_count() == 1:
        return  # automatic jobs stay in this process
    taken = 0
    automatic = in_order(square_after_a_pause, counted(), None)
    assert isinstance(automatic, Generator)
    assert next(automatic) == 0
    assert taken <= PARALLEL_FROM + parallel.cpu_count() * CHUNKS_PER_WORKER * CHUNK
    automatic.close()


def test_a_workers_exception_is_raised_here() -> None:
    with pytest.raises(ValueError, match="thirteen"):
        list(in_order(fail_on_thirteen, range(100), 2))


def test_a_dead_worker_is_reported_not_waited_for() -> None:
    start = time.monotonic()
    handed_on: list[int] = []
    with pytest.raises(WorkerCrashed, match="ended unexpectedly") as crashed:
        handed_on.extend(in_order(die_on_fifty, range(200), 2))
    # The items lost begin at a chunk's start, no later than the chunk that held item 50, just
    # after the last item handed on; every item from there on is counted.
    first = crashed.value.first
    assert isinstance(first, int) and first in (0, CHUNK) and handed_on == list(range(first))
    assert crashed.value.lost == 200 - first
    assert str(crashed.value).endswith(f"; {200 - first} items from {first} on were not checked")
    assert time.monotonic() - start < 30


def test_workers_are_not_forked_from_a_process_running_threads() -> None:
    started, stop = threading.Event(), threading.Event()

    def wait_for_the_end() -> None:
        started.set()
        stop.wait()

    helper = threading.Thread(target=wait_for_the_end)
    helper.start()
    started.wait()
    try:
        assert parallel._context().get_start_method() != "fork"
        # The workers start from a fresh interpreter, and still give the same results.
        assert list(in_order(square_after_a_pause, range(70), 2)) == [i * i for i in range(70)]
    finally:
        stop.set()
        helper.join()
    if sys.platform.startswith("linux"):
        assert parallel._context().get_start_method() == "fork"


def test_jobs_below_one_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        in_order(square_after_a_pause, range(3), 0)


def test_cpu_count_is_what_this_process_may_use() -> None:
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    assert parallel.cpu_count() >= 1
    if expected is not None and not hasattr(os, "process_cpu_count"):
        assert parallel.cpu_count() == expected


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_stops_the_workers_quietly(tmp_path: Path) -> None:
    script = tmp_path / "slow.py"
    script.write_text(
        textwrap.dedent(
            """\
            import sys, time
            from twimlkit.parallel import in_order

            def slow(item):
                time.sleep(0.01)
                return item

            if __name__ == "__main__":
                try:
                    for result in in_order(slow, range(100_000), 2):
                        if result == 40:
                            print("running", flush=True)
                except KeyboardInterrupt:
                    print("interrupted", flush=True)
                    sys.exit(130)
            """
        )
    )
    process = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's job has
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "running\n"
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C on a terminal does
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert (process.returncode, out) == (130, "interrupted\n")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
