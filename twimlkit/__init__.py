"""twimlkit: check, build and render TwiML, the XML that tells Twilio what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diagnostic import Diagnostic, Severity
from .document import MAX_DOCUMENT_BYTES
from .validate import validate

if TYPE_CHECKING:
    from .load import InvalidTwiML, parse

__version__ = "0.1.0"

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Diagnostic",
    "InvalidTwiML",
    "Severity",
    "__version__",
    "parse",
    "validate",
]


def __getattr__(name: str) -> object:
    # parse() and InvalidTwiML bring the builder in; linting a file needs neither, so they are
    # imported when first asked for.
    if name in ("InvalidTwiML", "parse"):
        from . import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
