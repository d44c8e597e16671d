"""Time ``twimlkit lint`` as a command, the way pre-commit and CI run it, and print the figures
side by side:

- start-up: a one-file ``twimlkit lint FILE`` process against ``python -c "import lxml.etree"``
  (the floor: an interpreter that can parse XML), many runs of each, taken in turn; once
  outside any configuration, once beside a ``pyproject.toml`` with a repository's usual
  ``[tool.twimlkit]`` patterns (``extend-exclude``, ``severity``, ``kind``);
- scale: a tree of 1,000 and of 10,000 files (Twilio's published examples, copied and varied,
  valid and invalid ones mixed) linted with ``--jobs 1`` and with one process per CPU, with
  the peak memory of the largest process.

    python benchmarks/lint_speed.py [--quick] [--startup-only] [--corpus DIR] [--runs N]

Targets: the one-file lint at most 2.5x the import, in both places, judged on the best wall
time of each (the run least disturbed by other work on the machine; medians and CPU times
are printed too); per file, 10,000 files at most 1.25x the CPU time of 1,000 (linear: CPU time, the
processor time of twimlkit and its workers, is what other work on a shared machine disturbs
least; wall time is printed too), in one process and on every CPU; 10,000 files faster (wall
time) on every CPU than in one process. The report must be the same whatever ``--jobs`` is.
The runs of things compared are taken in turn, so that a busy machine slows each alike.
Exits 1 when a target is missed.

The commands run as an installed twimlkit runs: with its modules' bytecode written once
(to a temporary folder, whatever ``PYTHONDONTWRITEBYTECODE`` says) and read on every run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from twimlkit import validate
from twimlkit.parallel import cpu_count

REPO = Path(__file__).resolve().parents[1]
STARTUP_TARGET = 2.5
LINEAR_TARGET = 1.25
COUNTS = (1_000, 10_000)

#: How a copy of a document is made invalid, in turn: every other file is left valid.
BREAKS = (
    ("<Response>", "<Response><Sya>Hello</Sya>"),  # unknown-element, with a suggestion
    ("<Response>", '<Response foo="bar">'),  # unknown-attribute
    ("<Response>", "<Response><Say>Fish & chips</Say>"),  # not well formed
    ("</Response>", "<Say>after the end</Say></Response><Play>x</Play>"),  # not well formed
)


def sources(folder: Path) -> list[bytes]:
    """The TwiML documents under ``folder`` that have a ``<Response>`` to vary."""
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".xml", ".twiml"))
    return [data for data in (p.read_bytes() for p in files) if b"<Response>" in data]


def variant(documents: Sequence[bytes], index: int) -> bytes:
    """The ``index``-th file of a corpus: the documents in turn, every other one broken in
    one of the ways :data:`BREAKS` lists, each a little different from the rest."""
    data = documents[index % len(documents)]
    if index % 2:
        old, new = BREAKS[index // 2 % len(BREAKS)]
        data = data.replace(old.encode(), new.encode(), 1)
    return data + f"<!-- copy {index} -->\n".encode()


def write_corpus(folder: Path, count: int, documents: Sequence[bytes]) -> Path:
    """``count`` files in folders of 100 under ``folder``; returns ``folder``."""
    for index in range(count):
        sub = folder / f"part{index // 100:03d}"
        if index % 100 == 0:
            sub.mkdir(parents=True)
        (sub / f"doc{index:05d}.xml").write_bytes(variant(documents, index))
    return folder


class Run(NamedTuple):
    seconds: float
    cpu: float | None  # user and system time of the process and its workers (None: unknown)
    peak_kib: int | None  # the largest process's peak resident memory (None: unknown)
    status: int
    output: bytes


def run(command: Sequence[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``command``, timing it and reading its CPU time and peak memory from the kernel."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=output, stderr=subprocess.DEVNULL
        )
        cpu: float | None = None
        peak: int | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            # The usage covers the process and the workers it waited for (ru_maxrss: the
            # largest of them), in KiB on Linux and bytes on macOS.
            cpu = usage.ru_utime + usage.ru_stime
            peak = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
        else:  # pragma: no cover - Windows
            process.wait()
            seconds = time.perf_counter() - start
        output.seek(0)
        return Run(seconds, cpu, peak, process.returncode, output.read())


def best(runs: Sequence[Run]) -> float:
    """The shortest wall time of ``runs``."""
    return min(r.seconds for r in runs)


def median(runs: Sequence[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def best_cpu(runs: Sequence[Run]) -> float:
    """The least CPU time of ``runs`` (0 where it is not known)."""
    return min((r.cpu for r in runs if r.cpu is not None), default=0.0)


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def twimlkit_command() -> list[str]:
    """The installed ``twimlkit`` command beside this interpreter, else ``python -m``."""
    script = Path(sys.executable).with_name("twimlkit")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "twimlkit"]


def child_env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CI")}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


#: A repository's usual settings beside the file linted: patterns to exclude, a severity and a
#: kind by path, none of which names that file.
TYPICAL_CONFIG = """\
[tool.twimlkit]
extend-exclude = ["build/**", "fixtures/", "legacy/*.xml"]
severity = { "recording-track-without-record" = "error", "TK2" = "warning" }
kind = { "sms/**" = "messaging", "replies/*.xml" = "messaging" }
"""


def startup(work: Path, env: dict[str, str], document: bytes, runs: int) -> int:
    """Time a one-file lint, outside any configuration and in a configured repository,
    against the import of lxml.etree; 0 when the target is met by both."""
    (work / "one.xml").write_bytes(document)
    repository = work / "repository"
    repository.mkdir()
    (repository / "pyproject.toml").write_text(TYPICAL_CONFIG, encoding="utf-8")
    (repository / "one.xml").write_bytes(document)
    floor_name = 'python -c "import lxml.etree" (the floor)'
    lint_names = ("twimlkit lint one.xml", "  the same, in a configured repository")
    commands = {
        floor_name: ([sys.executable, "-c", "import lxml.etree"], work),
        lint_names[0]: ([*twimlkit_command(), "lint", "one.xml"], work),
        lint_names[1]: ([*twimlkit_command(), "lint", "one.xml"], repository),
    }
    taken: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(3):  # bytecode written, files in the page cache
        for command, cwd in commands.values():
            run(command, cwd, env)
    for _ in range(runs):
        for name, (command, cwd) in commands.items():  # in turn: each sees the same load
            taken[name].append(run(command, cwd, env))
    floor = taken[floor_name]
    print(f"start-up, {runs} runs each (ms: best wall / median wall / best CPU; x the floor):")
    for name, runs_of in taken.items():
        print(
            f"  {name:<44}{best(runs_of) * 1e3:6.1f} /{median(runs_of) * 1e3:6.1f} /"
            f"{best_cpu(runs_of) * 1e3:6.1f}   {ratio(best(runs_of), best(floor)):4.2f}x /"
            f"{ratio(median(runs_of), median(floor)):5.2f}x /"
            f"{ratio(best_cpu(runs_of), best_cpu(floor)):5.2f}x"
        )
    failed = 0
    for name in lint_names:
        if any(r.status != 0 for r in taken[name]):
            print(f"  UNEXPECTED: {name.strip()}: exit status {[r.status for r in taken[name]]}")
            failed = 1
        factor = ratio(best(taken[name]), best(floor))
        met = factor <= STARTUP_TARGET
        failed |= not met
        print(
            f"  target: {name.strip()} at most {STARTUP_TARGET}x the floor (best wall times): "
            f"{'met' if met else 'MISSED'} ({factor:.2f}x)"
        )
    return failed


def scale(work: Path, env: dict[str, str], documents: Sequence[bytes], counts: Sequence[int],
          runs: int) -> int:  # fmt: skip
    """Time trees of ``counts`` files in one process and on every CPU; 0 when every target
    is met."""
    cpus = cpu_count()
    settings = {"--jobs 1": "1", f"--jobs {cpus} (every CPU)": str(cpus)}
    wall: dict[tuple[str, int], float] = {}
    cpu: dict[tuple[str, int], float] = {}
    failed = 0
    print(
        f"scale, best of {runs} runs ({cpus} CPUs; wall and CPU time per file, peak memory of "
        "the largest process):"
    )
    warm_up = write_corpus(work / "warm-up", 2 * cpus, documents)
    for jobs in settings.values():  # the workers' modules' bytecode written
        run([*twimlkit_command(), "lint", "-q", "--jobs", jobs, warm_up.name], work, env)
    for count in counts:
        tree = write_corpus(work / f"tree{count}", count, documents)
        taken: dict[str, list[Run]] = {name: [] for name in settings}
        for _ in range(runs):
            for name, jobs in settings.items():  # in turn, so that both see the same load
                command = [*twimlkit_command(), "lint", "-q", "--jobs", jobs, tree.name]
                taken[name].append(run(command, work, env))
        for name, runs_of in taken.items():
            wall[name, count] = best(runs_of) / count
            cpu[name, count] = best_cpu(runs_of) / count
            peak = max((r.peak_kib for r in runs_of if r.peak_kib is not None), default=None)
            memory = f"{peak / 1024:5.1f} MiB" if peak is not None else "n/a"
            print(
                f"  {count:>6,} files, {name:<20}{best(runs_of):6.2f} s"
                f"{wall[name, count] * 1e6:6.0f} us/file wall,{cpu[name, count] * 1e6:5.0f} CPU"
                f"  {memory}"
            )
            if any(r.status != 1 for r in runs_of):  # half of the files are broken
                print(f"  UNEXPECTED: exit status {[r.status for r in runs_of]}, not 1")
                failed = 1
        if len({r.output for runs_of in taken.values() for r in runs_of}) != 1:
            print(f"  MISSED: the report for {count:,} files differs with --jobs")
            failed = 1
        shutil.rmtree(tree)
    small, large = min(counts), max(counts)
    for name in settings:
        growth = ratio(cpu[name, large], cpu[name, small])
        met = growth <= LINEAR_TARGET
        failed |= not met
        print(
            f"  target: {name}: CPU time per file, {large:,} files at most {LINEAR_TARGET}x "
            f"{small:,}: {'met' if met else 'MISSED'} ({growth:.2f}x; wall time "
            f"{ratio(wall[name, large], wall[name, small]):.2f}x)"
        )
    one, every = (wall[name, large] for name in settings)
    met = every < one
    failed |= not met
    print(
        f"  target: {large:,} files faster on every CPU than in one process: "
        f"{'met' if met else 'MISSED'} ({ratio(one, every):.2f}x as fast)"
    )
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny trees, few runs: a smoke test")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "conformance")
    parser.add_argument("--runs", type=int, help="runs of each start-up (default 40)")
    parser.add_argument("--startup-only", action="store_true", help="time the start-up only")
    args = parser.parse_args(argv)
    documents = sources(args.corpus)
    if not documents:
        print(f"no TwiML documents under {args.corpus}", file=sys.stderr)
        return 2
    runs = args.runs or (3 if args.quick else 40)
    counts = (40, 80) if args.quick else COUNTS
    if os.name == "posix":
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="twimlkit-bench-") as temporary:
        work = Path(temporary)
        env = child_env(work / "pycache")
        plain = next((d for d in documents if not validate(d)), documents[0])
        failed = startup(work, env, plain, runs)
        if not args.startup_only:
            failed |= scale(work, env, documents, counts, 1 if args.quick else 5)
    if os.name == "posix":
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return failed


if __name__ == "__main__":
    sys.exit(main())
