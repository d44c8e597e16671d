"""Race threads that validate at once, in many fresh processes, and report every failure.

    python tools/thread_stress.py [--processes 100] [--threads 16] [--jobs N] [--linger 0]

Each process is a fresh interpreter, in which no thread has compiled a schema yet. Its threads
wait at a barrier, then all validate at the same moment, each its own document (the examples,
Twilio's published documents in ../shared when they are there, and some broken ones), so each
compiles its schema when the others do. A process fails when it dies (libxml2 once crashed
with "double free or corruption"), when a thread raises (it once failed with
XMLSchemaParseError: Document is not valid XML Schema), when a thread's findings are not the
ones its document gets alone, or when two compilations were under way at once. ``--linger``
makes each compilation last that many seconds longer, so that overlaps would be certain.

Not run by the test suite (tests/test_threads.py runs one such process); it takes a while.
Exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from twimlkit import validate  # noqa: E402
from twimlkit.schema import files  # noqa: E402

CORPUS = REPO.parent / "shared" / "conformance" / "twilio-api-snippets"


def documents() -> list[str]:
    """The documents the threads validate: valid and broken, voice and messaging."""
    paths = sorted((REPO / "examples").rglob("*.xml"))
    if CORPUS.is_dir():
        paths += sorted(p for p in CORPUS.rglob("*") if p.suffix in (".xml", ".twiml"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    texts += [
        '<Response><Dial timeout="-1">+15551239876</Dial></Response>',
        "<Response><Sya>hello</Sya></Response>",
        "<Response><Message><Body>hi</Body><Bdy/></Message></Response>",
        "<Response><Say>unclosed</Sa></Response>",
        "<Response><Say loop=' 2'>hi</Say>\n<Dial>\n \n</Dial></Response>",
    ]
    return texts


def findings(source: str) -> list[list[Any]]:
    return [[d.rule, d.line, d.column, d.message] for d in validate(source)]


def child(linger: float) -> None:
    """One fresh process: the sources on standard input, one thread each, all at once."""
    sources: list[str] = json.load(sys.stdin)
    files.compilations.linger = linger
    barrier = threading.Barrier(len(sources))
    results: list[object] = [None] * len(sources)

    def work(i: int) -> None:
        barrier.wait()
        try:
            results[i] = findings(sources[i])
        except BaseException as error:
            results[i] = f"{type(error).__name__}: {error}"

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(sources))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = files.compilations
    json.dump({"results": results, "most": counts.most_at_once}, sys.stdout)


def run_one(index: int, sources: list[str], expected: list[Any], linger: float) -> list[str]:
    """Run one fresh process; what went wrong in it, if anything."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--linger", str(linger)],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        check=False,
    )
    name = f"process {index}"
    if done.returncode < 0:
        how = signal.Signals(-done.returncode).name
        return [f"{name} died of {how}: {done.stderr.strip()[-300:]}"]
    if done.returncode:
        return [f"{name} exited {done.returncode}: {done.stderr.strip()[-300:]}"]
    report = json.loads(done.stdout)
    problems = []
    if report["most"] != 1:
        problems.append(f"{name}: {report['most']} compilations were under way at once")
    for thread, (got, wanted) in enumerate(zip(report["results"], expected, strict=True)):
        if got != wanted:
            problems.append(f"{name}, thread {thread}: got {got!r}, expected {wanted!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=100, help="fresh processes to run")
    parser.add_argument("--threads", type=int, default=16, help="threads in each process")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="at a time")
    parser.add_argument("--linger", type=float, default=0.0, help="seconds added to compiling")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.linger)
        return 0
    texts = documents()
    alone = [findings(text) for text in texts]  # each document's findings, in one thread
    runs = []
    for index in range(args.processes):
        picked = [(index * args.threads + t) % len(texts) for t in range(args.threads)]
        runs.append((index, [texts[i] for i in picked], [alone[i] for i in picked]))
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        reports = list(pool.map(lambda run: run_one(run[0], run[1], run[2], args.linger), runs))
    failed = [problems for problems in reports if problems]
    for problems in failed[:10]:
        print("\n".join(problems))
    print(
        f"{args.processes} fresh processes of {args.threads} threads over {len(texts)}"
        f" documents: {len(failed)} failed"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
