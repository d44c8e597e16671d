"""Checking many files on every core, with the same results, in the same order, as one process.

:func:`in_order` runs a worker function over a stream of work items and yields each item's
result in the order the items came. A run of a few items stays in this process (starting
worker processes costs more than it saves); a run of many is split into chunks that worker
processes check, a few chunks at a time, so that memory stays bounded however many items
there are: the items are read from their iterable only as workers become free, and each
chunk's results are handed on as soon as every chunk before it has been handed on.

Worker processes ignore Ctrl-C: the terminal sends it to the whole process group, and only
this process should answer it (by stopping the workers and letting the interrupt through,
with no traceback from each worker). A worker that dies (killed, or out of memory) is
reported as :class:`WorkerCrashed`, never waited for.

``concurrent.futures``, ``multiprocessing`` and ``signal`` are imported only when worker
processes are started: a run that stays in one process does not pay for them.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

Item = TypeVar("Item")
Result = TypeVar("Result")

#: With automatic jobs, this many items or more are checked by worker processes; fewer stay
#: in this process. Starting workers costs about 50 ms (importing concurrent.futures and
#: multiprocessing, forking, compiling the schema in each), against some 0.2 ms a file that
#: a second CPU can take over: by that count two workers pay from about 500 files on an idle
#: machine; on a 2-CPU machine busy with other work they were measured to pay only from
#: about 2,000 (benchmarks/lint_speed.py).
PARALLEL_FROM = 1000
#: Items in one chunk sent to a worker: enough that sending it costs little beside checking
#: it, few enough that Ctrl-C or the end of a run never waits long for a chunk to finish.
CHUNK = 128
#: Chunks under way (sent, or done and waiting for those before them) for each worker.
CHUNKS_PER_WORKER = 4


class WorkerCrashed(RuntimeError):
    """A worker process ended without finishing its chunk (it was killed, or ran out of
    memory). Every result before :attr:`first` has been handed on; :attr:`first` and the
    :attr:`lost` items after it (``lost`` counts it too) have no result."""

    def __init__(self, first: object, lost: int) -> None:
        self.first = first
        self.lost = lost
        super().__init__(
            "a worker process ended unexpectedly (killed, or out of memory?); "
            f"{lost:,} item{'s' if lost != 1 else ''} from {first} on were not checked"
        )


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity, where the platform tells it)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return int(counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def in_order(
    worker: Callable[[Item], Result], items: Iterable[Item], jobs: int | None = None
) -> Iterator[Result]:
    """``worker(item)`` for each of ``items``, in their order, using ``jobs`` processes.

    ``jobs=None`` chooses: one process (this one) for fewer than :data:`PARALLEL_FROM` items,
    else one worker per CPU (:func:`cpu_count`); ``jobs=1`` always stays in this process.
    With worker processes, ``worker``, the items and the results must pickle (a function
    defined at the top of a module, or a :func:`functools.partial` of one, and plain data).
    An exception that ``worker`` raises is raised here, as in one process.
    """
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1 or (jobs is None and cpu_count() == 1):
        return map(worker, items)
    stream = iter(items)
    if jobs is None:
        first = list(islice(stream, PARALLEL_FROM))
        if len(first) < PARALLEL_FROM:
            return map(worker, first)
        stream = _chained(first, stream)
    return _in_workers(worker, stream, jobs or cpu_count())


def _chained(first: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    # Hands the first items on, letting each go as it is taken, then the rest.
    waiting = deque(first)
    first.clear()
    while waiting:
        yield waiting.popleft()
    yield from rest


def _in_workers(
    worker: Callable[[Item], Result], stream: Iterator[Item], jobs: int
) -> Iterator[Result]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_ignore_ctrl_c)
    pending: deque[tuple[Future[list[Result]], list[Item]]] = deque()
    unsent: list[Item] = []
    try:
        while True:
            try:
                while len(pending) < jobs * CHUNKS_PER_WORKER:
                    chunk = list(islice(stream, CHUNK))
                    if not chunk:
                        break
                    unsent = chunk  # until the pool takes it
                    pending.append((executor.submit(_run_chunk, worker, chunk), chunk))
                    unsent = []
                if not pending:
                    return
                results = pending[0][0].result()
            except BrokenProcessPool:
                # The pool gives up every chunk not yet handed back, the dead worker's among
                # them: the items lost are those of the pending chunks and all not yet sent.
                lost = [*(item for _, chunk in pending for item in chunk), *unsent]
                pending.clear()
                if not lost:  # pragma: no cover - the pool breaks only with work under way
                    raise
                raise WorkerCrashed(lost[0], len(lost) + sum(1 for _ in stream)) from None
            pending.popleft()
            yield from results
    finally:
        # Chunks not started are dropped; those under way are short (see CHUNK).
        executor.shutdown(wait=True, cancel_futures=True)


def _run_chunk(worker: Callable[[Item], Result], chunk: list[Item]) -> list[Result]:
    return [worker(item) for item in chunk]


def _ignore_ctrl_c() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> BaseContext:
    """How workers start: by fork where it is safe and cheapest (on Linux, when this process
    runs no other thread: the workers begin with every module it has imported), else from a
    fresh interpreter (forkserver, or spawn where there is none)."""
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
