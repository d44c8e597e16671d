"""``json-lines``: one JSON object a line, with the fields of the ``json`` format, so that a
program can read the findings as they come (JSON escapes the line breaks inside a value)."""

from __future__ import annotations

import json

from ..formatters import as_dict
from . import Report


def emit(report: Report) -> str:
    return "".join(json.dumps(as_dict(d), ensure_ascii=False) + "\n" for d in report.diagnostics)
