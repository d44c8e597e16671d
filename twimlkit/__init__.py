"""twimlkit: check, build and render TwiML, the XML that tells Twilio what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import Settings, settings_for
from .diagnostic import Diagnostic, Severity
from .document import MAX_DOCUMENT_BYTES
from .validate import validate

if TYPE_CHECKING:
    from .fixer import FixResult, fix
    from .load import InvalidTwiML, parse

__version__ = "0.1.0"

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Diagnostic",
    "FixResult",
    "InvalidTwiML",
    "Settings",
    "Severity",
    "__version__",
    "fix",
    "parse",
    "settings_for",
    "validate",
]

#: What is imported when first asked for, and from where: linting a file needs none of it
#: (parse() and InvalidTwiML bring the builder in).
_LATER = {"InvalidTwiML": "load", "parse": "load", "FixResult": "fixer", "fix": "fixer"}


def __getattr__(name: str) -> object:
    if name in _LATER:
        import importlib

        return getattr(importlib.import_module(f".{_LATER[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
