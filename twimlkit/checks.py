"""The checks that the parse and schema steps report, each with a stable code and slug.

Codes are never reused or renumbered: users put them in configuration and in comments.
TK0xx: the bytes could not be read as a TwiML document at all.
TK1xx: the document is XML, but not TwiML as the schema in ``schemas/`` describes it.
"""

from __future__ import annotations

from .diagnostic import Check, Severity

E = Severity.ERROR

UNREADABLE_FILE = Check("TK001", "unreadable-file", E, "The file could not be read.")
EMPTY_DOCUMENT = Check("TK002", "empty-document", E, "The document is empty or only white space.")
DOCUMENT_TOO_LARGE = Check(
    "TK003", "document-too-large", E, "The document is larger than twimlkit will parse."
)
NOT_UTF8 = Check("TK004", "not-utf8", E, "The document is not encoded as UTF-8.")
INVALID_CHARACTER = Check(
    "TK005", "invalid-character", E, "The document contains a character that XML 1.0 forbids."
)
NOT_WELL_FORMED = Check("TK006", "not-well-formed", E, "The document is not well-formed XML.")
FORBIDDEN_DTD = Check(
    "TK007", "forbidden-dtd", E, "The document has a DOCTYPE or entity declarations."
)
UNKNOWN_SUPPRESSION = Check(
    "TK008",
    "unknown-suppression",
    Severity.WARNING,
    "A twimlkit: disable comment names a check that does not exist.",
)

INVALID_ROOT = Check("TK100", "invalid-root", E, "The root element is not <Response>.")
UNKNOWN_ELEMENT = Check("TK101", "unknown-element", E, "An element that TwiML does not have.")
UNKNOWN_ATTRIBUTE = Check(
    "TK102", "unknown-attribute", E, "An attribute that this TwiML element does not have."
)
INVALID_VALUE = Check(
    "TK103", "invalid-value", E, "An attribute or text value outside the allowed values."
)
INVALID_NESTING = Check(
    "TK104", "invalid-nesting", E, "A TwiML element placed where it is not allowed."
)
MISSING_ATTRIBUTE = Check(
    "TK105", "missing-attribute", E, "An attribute that this element requires is missing."
)
UNEXPECTED_TEXT = Check("TK106", "unexpected-text", E, "Text inside an element that takes no text.")
MISSING_TEXT = Check("TK107", "missing-text", E, "An element that needs text content is empty.")
SCHEMA_VIOLATION = Check(
    "TK199", "schema-violation", E, "Any other way the document breaks the TwiML schema."
)

ALL: tuple[Check, ...] = (
    UNREADABLE_FILE,
    EMPTY_DOCUMENT,
    DOCUMENT_TOO_LARGE,
    NOT_UTF8,
    INVALID_CHARACTER,
    NOT_WELL_FORMED,
    FORBIDDEN_DTD,
    UNKNOWN_SUPPRESSION,
    INVALID_ROOT,
    UNKNOWN_ELEMENT,
    UNKNOWN_ATTRIBUTE,
    INVALID_VALUE,
    INVALID_NESTING,
    MISSING_ATTRIBUTE,
    UNEXPECTED_TEXT,
    MISSING_TEXT,
    SCHEMA_VIOLATION,
)
