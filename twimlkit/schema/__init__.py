"""The TwiML schema: where ``schemas/`` is (:mod:`.files`), what it says (:mod:`.model`), how
a value that does not fit is explained (:mod:`.explain`, :mod:`.suggest`), and the schema
check of a parsed document (:mod:`.check`).

``schemas/*.xsd`` is the single source of truth about TwiML: nothing in this package repeats
a fact that the XSD files state.
"""

from __future__ import annotations

from .check import check
from .files import compiled_schema, schema_dir, schema_path
from .model import (
    KINDS,
    ComplexType,
    Kind,
    Retired,
    SchemaModel,
    SimpleType,
    TextContent,
    WhiteSpace,
    detect_kind,
    model,
)
from .suggest import did_you_mean, suggest

__all__ = [
    "KINDS",
    "ComplexType",
    "Kind",
    "Retired",
    "SchemaModel",
    "SimpleType",
    "TextContent",
    "WhiteSpace",
    "check",
    "compiled_schema",
    "detect_kind",
    "did_you_mean",
    "model",
    "schema_dir",
    "schema_path",
    "suggest",
]
