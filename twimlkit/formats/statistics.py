"""``--statistics``: how many findings each rule has, instead of the findings, as ruff does;
the most frequent first (then by code). For ``full`` and ``concise``, a table::

    3  TK103  invalid-value  error
    1  TK213  empty-say      warning

for ``json`` a JSON array of objects with the fields ``code``, ``rule``, ``severity`` and
``count``, and for ``json-lines`` the same objects one a line. A rule whose findings have two
severities (configuration can set a rule's severity) has a row for each.
"""

from __future__ import annotations

import json
from collections import Counter

from ..diagnostic import Severity
from . import Report
from .concise import SEVERITY_COLORS, paint

_ORDER = {severity: rank for rank, severity in enumerate(Severity)}


def table(report: Report, format_name: str) -> str:
    """The number of findings of each rule in ``report``, written for ``format_name``."""
    counted = Counter((d.code, d.rule, d.severity) for d in report.diagnostics)
    rows = sorted(counted.items(), key=lambda row: (-row[1], row[0][0], _ORDER[row[0][2]]))
    objects = [
        {"code": code, "rule": rule, "severity": severity.value, "count": count}
        for (code, rule, severity), count in rows
    ]
    if format_name == "json":
        return json.dumps(objects, indent=2) + "\n"
    if format_name == "json-lines":
        return "".join(json.dumps(row) + "\n" for row in objects)
    if not rows:
        return ""
    count_width = len(str(rows[0][1]))
    rule_width = max(len(rule) for (_, rule, _), _ in rows)
    return "".join(
        f"{count:>{count_width}}  {code:<5}  {rule:<{rule_width}}  "
        f"{paint(severity.value, SEVERITY_COLORS[severity], report.color)}\n"
        for (code, rule, severity), count in rows
    )
