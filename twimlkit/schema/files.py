"""Where ``schemas/`` is, and lxml's compiled form of it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


class Compilations:
    """The schema compilations :func:`compiled_schema` has made in this process.

    libxml2 is not safe when two threads compile a schema at the same moment (it fails with
    "Document is not valid XML Schema", or worse), so compilations are kept apart by a lock;
    twimlkit's tests read :data:`compilations` to prove that they never overlap.
    """

    def __init__(self) -> None:
        #: How many compilations have begun.
        self.total = 0
        #: How many are under way now.
        self.running = 0
        #: The most that were ever under way at the same moment: 1 when they are kept apart.
        self.most_at_once = 0
        #: Seconds each compilation waits before it ends, while it is counted: 0 in use. A
        #: test sets it so that compilations which were not kept apart would overlap for sure.
        self.linger = 0.0
        self._lock = threading.Lock()

    @contextmanager
    def counted(self) -> Iterator[None]:
        """Count one compilation while it runs."""
        with self._lock:
            self.total += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            yield
            if self.linger:
                time.sleep(self.linger)
        finally:
            with self._lock:
                self.running -= 1


#: Every compilation :func:`compiled_schema` makes is counted here.
compilations = Compilations()
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
        with _compiling, compilations.counted():
            # libxml2 reads the file itself, as it reads the files that one includes either
            # way: in about half the time of compiling a tree that lxml has parsed (these are
            # twimlkit's own files; documents are never read this way).
            compiled = etree.XMLSchema(file=str(schema_path(kind)))
        schemas[kind] = compiled
    return compiled
