"""Fingerprints of findings that stay the same when lines are added above them, so that code
scanning (SARIF) and GitLab's code quality report know a finding from one run to the next.

A finding's fingerprint hashes its code, its file (relative to the report's root) and the
text of its line with white space runs made one space, or its message when the line cannot be
had; the second finding with the same hash in a run is told apart by a counter (``:2``).
Editing the line, or renaming the file, makes a new finding, as it should.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator

from . import Report, relative_path


def fingerprints(report: Report) -> Iterator[tuple[str, int]]:
    """For each finding of ``report`` in turn, the hash (hexadecimal) and the counter."""
    seen: Counter[str] = Counter()
    for diagnostic in report.diagnostics:
        path = diagnostic.path or ""
        line = report.sources.line(diagnostic.path, diagnostic.line)
        basis = " ".join((line if line is not None else diagnostic.message).split())
        key = "\0".join((diagnostic.code, relative_path(path, report.root) or path, basis))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        seen[digest] += 1
        yield digest, seen[digest]
