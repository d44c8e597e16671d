"""Where ``schemas/`` is, and lxml's compiled form of it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from .model import Kind


def schema_dir() -> Path:
    """The folder holding the XSD files: inside the installed package, or the repository's."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "schemas", package.parent / "schemas"):
        if (candidate / "voice.xsd").is_file():
            return candidate
    raise FileNotFoundError(f"twimlkit's schemas/ folder is missing (looked beside {package})")


def schema_path(kind: Kind) -> Path:
    """The XSD file for ``kind``: ``voice.xsd`` or ``messaging.xsd``."""
    return schema_dir() / f"{kind}.xsd"


def schema_parser() -> etree.XMLParser:
    """The parser for twimlkit's own XSD files: no entities, no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True)


_per_thread = threading.local()
# libxml2 is not safe when several threads compile a schema at the same moment: compiling
# happens under this lock, once per thread and kind.
_compiling = threading.Lock()


def compiled_schema(kind: Kind) -> etree.XMLSchema:
    """lxml's compiled XSD for ``kind``, built once per thread: a validator keeps the errors
    of its last run in its own log, so threads (a web server's, say) must not share one."""
    schemas: dict[str, etree.XMLSchema] | None = getattr(_per_thread, "schemas", None)
    if schemas is None:
        schemas = _per_thread.schemas = {}
    compiled = schemas.get(kind)
    if compiled is None:
        with _compiling:
            compiled = etree.XMLSchema(etree.parse(str(schema_path(kind)), schema_parser()))
        schemas[kind] = compiled
    return compiled
