"""``gitlab``: GitLab's code quality report, a JSON array that a job names under
``artifacts: reports: codequality`` so that merge requests show the findings.

Each entry has every field GitLab requires: ``description`` (the rule's slug and the
message), ``check_name`` (the code, ``TK103``), ``fingerprint`` (unique in the report, and the
same in the next run for the same finding: see :mod:`.fingerprint`), ``severity`` and
``location`` with ``path`` (relative to the report's root, without ``./``) and
``lines.begin``. twimlkit's severities are GitLab's ``major`` (error: Twilio fails the call or
message), ``minor`` (warning) and ``info``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..diagnostic import Severity
from ..formatters import NO_PATH, json_safe
from . import Report, relative_path
from .fingerprint import fingerprints

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def emit(report: Report) -> str:
    entries: list[dict[str, Any]] = []
    for diagnostic, (digest, count) in zip(report.diagnostics, fingerprints(report), strict=True):
        path = diagnostic.path or NO_PATH
        entries.append(
            {
                "description": json_safe(f"{diagnostic.rule}: {diagnostic.message}"),
                "check_name": diagnostic.code,
                "fingerprint": hashlib.sha256(f"{digest}:{count}".encode()).hexdigest()[:32],
                "severity": SEVERITIES[diagnostic.severity],
                "location": {
                    "path": json_safe(relative_path(path, report.root) or path),
                    "lines": {"begin": diagnostic.line, "end": diagnostic.end_line},
                },
            }
        )
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"
