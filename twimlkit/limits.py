"""The limits of what twimlkit reads, in one place for the parser and the builder, so that
the builder never writes what :func:`twimlkit.parse` and :func:`twimlkit.validate` refuse."""

from __future__ import annotations

#: The most levels of elements a document may have, ``<Response>`` being the first: libxml2's
#: limit for a parser without ``huge_tree``, past which twimlkit reports "elements are nested
#: too deeply". The builder refuses to write a deeper tree.
MAX_DEPTH = 256
