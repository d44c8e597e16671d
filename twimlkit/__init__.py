"""twimlkit: check, build and render TwiML, the XML that tells Twilio what to do."""

from __future__ import annotations

from .diagnostic import Diagnostic, Severity
from .document import MAX_DOCUMENT_BYTES
from .validate import validate

__version__ = "0.1.0"

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Diagnostic",
    "Severity",
    "__version__",
    "validate",
]
