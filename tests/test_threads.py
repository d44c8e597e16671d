"""Threads that validate at the same moment (a web server's, say) each get exactly their own
findings, and never compile a schema at the same moment as another: libxml2 is not safe when
they do, and failed with "Document is not valid XML Schema" or crashed.

tools/thread_stress.py runs the same race many times over, on demand."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from typing import Any

from conftest import REPO

from twimlkit import validate
from twimlkit.schema import files

THREADS = 8


def document(i: int) -> str:
    """The ``i``th of a set of documents with findings that differ from one to the next, in
    both kinds of TwiML, from the parser, the schema check and the rules, and some with
    none."""
    n = i % 7
    if n == 5:
        return f"<Response><Say>{'x' * i}</Sa>" + "\n" * i + "</Response>"
    if n == 6:
        return f"<Response><Say loop=' {i}'>hi</Say>" + "\n" * i + "<Dial>\n \n</Dial></Response>"
    if n == 0:
        return "<Response>" + "\n" * i + f'<Dial timeout="{-i}">+15551239876</Dial></Response>'
    if n == 1:
        return "<Response>" + "<Pause/>" * i + "<Sya>hello</Sya></Response>"
    if n == 2:
        media = "<Media>https://example.com/a.png</Media>" * i
        return f"<Response><Message><Body>hi</Body>{media}<Bdy/></Message></Response>"
    if n == 3:
        return f'<Response><Gather numDigits="{i}x"/></Response>'
    return f"<Response><Say>hello {i}</Say></Response>"


def findings(source: str) -> list[list[Any]]:
    return [[d.rule, d.line, d.column, d.message] for d in validate(source)]


# Run in a fresh interpreter, where no thread has compiled a schema yet: THREADS threads wait
# at a barrier, then each validates its own document (and so compiles its own schema) at once.
# Each compilation lingers while it is counted, so that any two not kept apart would overlap.
FRESH_PROCESS = """
import json, sys, threading
from twimlkit import validate
from twimlkit.schema import files

sources = json.load(sys.stdin)
files.compilations.linger = 0.02
barrier = threading.Barrier(len(sources))
results = [None] * len(sources)

def work(i):
    barrier.wait()
    try:
        results[i] = [[d.rule, d.line, d.column, d.message] for d in validate(sources[i])]
    except BaseException as error:
        results[i] = repr(error)

threads = [threading.Thread(target=work, args=(i,)) for i in range(len(sources))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
counts = files.compilations
print(json.dumps({"results": results, "total": counts.total, "most": counts.most_at_once}))
"""


def test_fresh_threads_compile_one_at_a_time_and_each_gets_its_own_findings() -> None:
    # Documents that are well-formed, so that each thread compiles a schema.
    sources = [document(i) for i in range(2 * THREADS) if i % 7 != 5][:THREADS]
    done = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    # Each thread compiled the schema of its own document's kind, and never two at once.
    assert report["total"] == THREADS
    assert report["most"] == 1
    assert report["results"] == [findings(source) for source in sources]


def test_the_count_sees_compilations_that_overlap() -> None:
    # A guard for the test above: two compilations under way at the same moment are counted
    # as such (here without compiling anything).
    counts = files.Compilations()
    with counts.counted(), counts.counted():
        assert counts.running == 2
    assert (counts.total, counts.running, counts.most_at_once) == (2, 0, 2)


def test_threads_validating_at_once_get_exactly_their_own_findings() -> None:
    rounds = 20
    sources = [document(i) for i in range(THREADS + rounds)]
    expected = [findings(source) for source in sources]
    # Distinct findings, so that one thread's reported in another's would be seen.
    found_any = [tuple(map(tuple, f)) for f in expected if f]
    assert len(set(found_any)) == len(found_any) > THREADS
    barrier = threading.Barrier(THREADS)
    wrong: list[str] = []
    checked: list[int] = []

    def work(thread: int) -> None:
        try:
            for round_ in range(rounds):
                barrier.wait()  # all threads validate each round at the same moment
                i = thread + round_
                got = findings(sources[i])
                if got != expected[i]:
                    wrong.append(f"thread {thread}, document {i}: {got} != {expected[i]}")
                checked.append(i)
        except BaseException as error:  # a thread's exception would otherwise be lost
            wrong.append(f"thread {thread}: {error!r}")
            barrier.abort()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
    assert len(checked) == THREADS * rounds
