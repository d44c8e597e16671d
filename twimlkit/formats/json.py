"""``json``: a JSON array of objects with the fields ``path``, ``line``, ``column``, ``code``,
``rule``, ``severity`` and ``message`` (:func:`twimlkit.formatters.as_dict`)."""

from __future__ import annotations

import json

from ..formatters import as_dict
from . import Report


def emit(report: Report) -> str:
    objects = [as_dict(d) for d in report.diagnostics]
    return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"
