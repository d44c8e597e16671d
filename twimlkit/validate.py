"""``validate()``: the one way through. Source -> hardened parse (:mod:`.document`) -> schema
check (:mod:`.schema`) -> rules (:mod:`.rules`) -> the document's own suppression comments
(:mod:`.suppress`) -> the findings a rule explains better left out -> diagnostics in
document order. Each step is given what the one before
produced and calls nothing after it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol

from . import rules, schema
from .diagnostic import Diagnostic
from .document import MAX_DOCUMENT_BYTES, DocumentError, Source, read_document
from .schema import KINDS, Kind
from .suppress import declared_kind, suppressed

if TYPE_CHECKING:
    from .config import Settings

__all__ = ["KINDS", "Kind", "SupportsToXml", "validate"]


class SupportsToXml(Protocol):
    """Anything that can write itself as TwiML: builder elements, twilio-python objects."""

    def to_xml(self) -> str: ...


def validate(
    source: Source | SupportsToXml,
    *,
    kind: Kind | None = None,
    path: str | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    inline: bool = False,
    settings: Settings | None = None,
) -> list[Diagnostic]:
    """Check a TwiML document and return what is wrong with it, in document order.

    ``source`` is the TwiML itself as ``str`` or ``bytes``, a file as a
    :class:`pathlib.Path` (any :class:`os.PathLike`), or an object with a ``to_xml()``
    method: a twimlkit builder element or a twilio-python ``TwiML`` object. ``kind``
    forces ``"voice"`` or ``"messaging"``; by default it is detected from the document.
    ``path`` names the source in diagnostics when it is given as text. ``inline`` checks the
    document as TwiML sent inline in a REST request (``calls.create(twiml=...)``): Twilio's
    cap on its length applies, and relative URLs have nothing to resolve against. An empty
    list means the document is valid.

    A ``<!-- twimlkit: kind=messaging -->`` (or ``voice``) comment in the document gives its
    kind when ``kind`` is not given. ``settings`` (:func:`twimlkit.config.settings_for`)
    applies a configuration: its ``kind`` patterns give the kind of the file (``path``, or
    ``source`` when it is a path) when neither ``kind`` nor a comment does, and only the
    checks it selects are reported, each at the severity it configures.

    Problems with the input itself (unreadable, too large, not UTF-8, not well-formed, a
    DOCTYPE) are reported as a diagnostic too (XML that does not parse: its first mistake,
    after one finding for each bare ``&`` before it); ``validate`` raises only for a
    ``source`` of the wrong type or an unknown ``kind``, and passes on what ``to_xml()``
    raises (a builder tree nested deeper than twimlkit reads back raises
    :class:`ValueError` there).
    """
    if not isinstance(source, (str, bytes, os.PathLike)):
        to_xml = getattr(source, "to_xml", None)
        if callable(to_xml):
            source = to_xml()
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    named = path if path is not None or not isinstance(source, os.PathLike) else os.fspath(source)
    try:
        document = read_document(source, path=path, max_bytes=max_bytes)  # type: ignore[arg-type]
    except DocumentError as error:
        return settings.apply(error.diagnostics) if settings else error.diagnostics
    declared, comment_findings = declared_kind(document)
    if kind is None:
        kind = declared
    if kind is None and settings is not None and named is not None:
        kind = settings.kind_for(named)
    if kind is None:  # only a document with a <Message> can be messaging
        kind = schema.detect_kind(document.root) if "<Message" in document.text else "voice"
    found = rules.run(rules.Context(document, kind, inline=inline), schema.check(document, kind))
    if "{%" in document.text:  # Jinja2 tags: a template checked as it stands?
        from .parse_errors import unrendered_template

        template = unrendered_template(document.text, document.path)
        if template is not None:
            found.append(template)
    found = rules.explained(suppressed(document, found + comment_findings))
    if settings is not None:
        found = settings.apply(found)
    if len(found) > 1:
        found.sort(key=Diagnostic.sort_key)
    return found
