"""``sarif``: SARIF 2.1.0, the format of GitHub code scanning (``upload-sarif``) and of other
viewers of static analysis results.

- Every check of the registry is a rule of the run, not only those reported: rule indices
  then stay the same from run to run, and code scanning has the documentation of a rule
  whose alerts were all fixed. Each has its code as ``id`` (``TK103``, stable), its slug as
  ``name``, its summary, documentation (``twimlkit rule`` prints the same ``help`` text), a
  link to it in ``docs/checks.md`` and its default severity.
- Each result has the level of its finding (``info`` is SARIF's ``note``), its file as a URI
  relative to ``%SRCROOT%`` (the report's root: run twimlkit from the top of the repository)
  or, outside it, an absolute ``file:`` URI, both percent-encoded from the name's bytes, and
  its span as a region whose columns count characters (``columnKind``
  ``unicodeCodePoints``), the end column just past the span, as SARIF has it.
- A finding's fix, when it has one, is a SARIF ``fix``: its description (with whether it is
  safe) and its edits as replacements of regions of the file.
- ``partialFingerprints`` carries :mod:`.fingerprint`'s hash under ``twimlkit/v1``; GitHub
  computes its own ``primaryLocationLineHash`` beside it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

from .. import __version__, registry
from ..diagnostic import Check, Diagnostic, Fix, Severity
from ..formatters import json_safe
from . import HOME_URL, Report, help_uri, relative_path
from .fingerprint import fingerprints

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
#: The name of twimlkit's fingerprint among a result's ``partialFingerprints``.
FINGERPRINT = "twimlkit/v1"
#: What each twimlkit severity is as a SARIF level.
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SOURCE_ROOT = "%SRCROOT%"


def _rule(check: Check) -> dict[str, Any]:
    return {
        "id": check.code,
        "name": check.rule,
        "shortDescription": {"text": check.summary},
        "fullDescription": {"text": check.doc or check.summary},
        "help": {"text": check.documentation()},
        "helpUri": help_uri(check),
        "defaultConfiguration": {"level": LEVELS[check.severity]},
    }


def _unknown_rule(diagnostic: Diagnostic) -> dict[str, Any]:
    """A rule for a finding whose code the registry does not know (none of twimlkit's)."""
    return {
        "id": diagnostic.code,
        "name": diagnostic.rule,
        "defaultConfiguration": {"level": LEVELS[diagnostic.severity]},
    }


def artifact_location(path: str, root: str) -> dict[str, str]:
    """Where the file ``path`` is, as SARIF names it."""
    relative = relative_path(path, root)
    if relative is None:
        return {"uri": Path(os.path.abspath(os.path.join(root, path))).as_uri()}
    return {"uri": quote_from_bytes(os.fsencode(relative), safe="/"), "uriBaseId": SOURCE_ROOT}


def _result(diagnostic: Diagnostic, index: int, fingerprint: str, root: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": json_safe(diagnostic.message)},
    }
    if diagnostic.path is not None:
        # SARIF counts from 1, and upload-sarif refuses a 0: no finding of twimlkit's has one,
        # but a Diagnostic made elsewhere might.
        region = {
            "startLine": max(1, diagnostic.line),
            "startColumn": max(1, diagnostic.column),
            "endLine": max(1, diagnostic.end_line),
            "endColumn": max(1, diagnostic.end_column),
        }
        artifact = artifact_location(diagnostic.path, root)
        result["locations"] = [
            {"physicalLocation": {"artifactLocation": artifact, "region": region}}
        ]
        if diagnostic.fix is not None:
            result["fixes"] = [_fix(diagnostic.fix, artifact)]
    result["partialFingerprints"] = {FINGERPRINT: fingerprint}
    return result


def _fix(fix: Fix, artifact: dict[str, str]) -> dict[str, Any]:
    replacements = [
        {
            "deletedRegion": {
                "startLine": edit.line,
                "startColumn": edit.column,
                "endLine": edit.end_line,
                "endColumn": edit.end_column,
            },
            "insertedContent": {"text": json_safe(edit.replacement)},
        }
        for edit in fix.edits
    ]
    return {
        "description": {"text": f"{json_safe(fix.description)} ({fix.applicability.value} fix)"},
        "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
    }


def emit(report: Report) -> str:
    rules = [_rule(check) for check in registry.ALL]
    index = {check.code: number for number, check in enumerate(registry.ALL)}
    results = []
    for diagnostic, (digest, count) in zip(report.diagnostics, fingerprints(report), strict=True):
        if diagnostic.code not in index:
            index[diagnostic.code] = len(rules)
            rules.append(_unknown_rule(diagnostic))
        fingerprint = f"{digest[:32]}:{count}"
        results.append(_result(diagnostic, index[diagnostic.code], fingerprint, report.root))
    root_uri = Path(os.path.abspath(report.root)).as_uri().rstrip("/") + "/"
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "twimlkit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": HOME_URL,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {SOURCE_ROOT: {"uri": root_uri}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
