"""twimlkit: check, build and render TwiML, the XML that tells Twilio what to do."""

from __future__ import annotations

from .config import Settings, settings_for
from .diagnostic import Diagnostic, Severity
from .document import MAX_DOCUMENT_BYTES
from .fixer import FixResult, fix
from .load import InvalidTwiML, parse
from .validate import validate

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
