"""Render TwiML from Jinja2 templates, escaped and checked.

A :class:`Renderer` is a Jinja2 environment made for TwiML:

- every value a template inserts is escaped as XML, whatever the template's file name, so a
  caller's input is always text: it can never add a verb or an attribute;
- a character that XML forbids (a control character a caller typed, say) is written as
  U+FFFD, the replacement character, so that no input can make the response unreadable;
- builder elements and :class:`markupsafe.Markup` are inserted as markup, escaped once;
- other values are written as the builder writes them: ``True`` as ``true``, an enum member
  as its value, a float without an exponent;
- an undefined variable is an error (Jinja2's ``StrictUndefined``), not an empty string;
- templates are found in the folders given first, then among twimlkit's stock templates
  (which can always be named as ``twimlkit/NAME``, even where a folder of your own has a
  template of the same name);
- what is rendered is checked with :func:`twimlkit.validate`, by ``validation``: ``"off"``,
  ``"warn"`` (each finding logged on the ``twimlkit.templating`` logger, with the template's
  name and line) or ``"strict"`` (the default: an error or a warning raises
  :class:`TwimlTemplateError`, which carries the findings).

:func:`render` and :func:`render_string` use a default strict renderer over the stock
templates. jinja2 is imported only with this module: ``twimlkit lint`` on plain files never
imports it.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, get_args

import jinja2
import jinja2.filters
import jinja2.nodes
from markupsafe import Markup

from .builder import written
from .diagnostic import Diagnostic, Severity
from .schema import Kind
from .template_lint import is_template
from .validate import validate

__all__ = [
    "Renderer",
    "TwimlTemplateError",
    "Validation",
    "render",
    "render_string",
    "stock_template_dir",
    "stock_templates",
]

Validation = Literal["off", "warn", "strict"]
VALIDATIONS: tuple[str, ...] = get_args(Validation)

#: The prefix that names a stock template even where a folder of the application's own has a
#: template of the same name: ``twimlkit/ivr-menu.xml.j2``.
STOCK_PREFIX = "twimlkit"

#: How many compiled sources :meth:`Renderer.render_string` keeps, by default.
DEFAULT_CACHE_SIZE = 256

logger = logging.getLogger("twimlkit.templating")

# What XML 1.0 does not allow in a document, even as a character reference: the C0 controls
# but tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def stock_template_dir() -> Path:
    """The folder of twimlkit's stock templates: inside the installed package, or the
    repository's ``templates/``."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if candidate.is_dir() and any(candidate.glob("*.j2")):
            return candidate
    raise FileNotFoundError(f"twimlkit's templates/ folder is missing (looked beside {package})")


def stock_templates() -> list[str]:
    """The names of the stock templates, sorted."""
    folder = stock_template_dir()
    return sorted(p.name for p in folder.iterdir() if is_template(p.name))


class TwimlTemplateError(ValueError):
    """A rendered template is not valid TwiML (strict validation): ``diagnostics`` says what
    is wrong, ``template`` names the template (``None`` for a string) and ``output`` is what
    it rendered."""

    def __init__(self, template: str | None, diagnostics: list[Diagnostic], output: str) -> None:
        self.template = template
        self.diagnostics = diagnostics
        self.output = output
        where = template or "<string>"
        lines = [f"{where} is not valid TwiML:"]
        lines += [f"  {_describe(where, d)}" for d in diagnostics]
        super().__init__("\n".join(lines))


def _describe(where: str, diagnostic: Diagnostic) -> str:
    return (
        f"{where}:{diagnostic.line}:{diagnostic.column}: {diagnostic.severity.value} "
        f"{diagnostic.code} [{diagnostic.rule}] {diagnostic.message}"
    )


def clean_text(text: str) -> str:
    """``text`` with every character XML forbids replaced by U+FFFD."""
    return _FORBIDDEN.sub(REPLACEMENT, text) if _FORBIDDEN.search(text) else text


def finalize(value: Any) -> Any:
    """What a ``{{ expression }}`` writes, before escaping: text as the builder writes it
    (:func:`twimlkit.builder.written`: ``true`` for ``True``, an enum member's value, no
    exponent in a float), without the characters XML forbids. Markup (builder elements,
    ``Markup``) stays markup, written once."""
    if type(value) is str:  # the usual case, first
        return _FORBIDDEN.sub(REPLACEMENT, value) if _FORBIDDEN.search(value) else value
    html = getattr(value, "__html__", None)
    if html is not None:
        return Markup(clean_text(html()))
    return clean_text(written(value))


# An XML name as attributes are written (ASCII, at most one prefix).
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_][-A-Za-z0-9._]*(?::[A-Za-z_][-A-Za-z0-9._]*)?\Z")


@jinja2.pass_eval_context
def _xmlattr(
    eval_context: jinja2.nodes.EvalContext, attributes: Mapping[Any, Any], autospace: bool = True
) -> Markup:
    """Jinja2's ``xmlattr`` for TwiML: a key that is not an attribute name is refused (a
    caller must not be able to break the start tag), and each value is written as ``{{ }}``
    writes it."""
    written_values: dict[str, Any] = {}
    for key, value in attributes.items():
        if not isinstance(key, str) or not _ATTRIBUTE_NAME.match(key):
            raise ValueError(f"xmlattr: {key!r} is not an attribute name")
        if value is not None and not isinstance(value, jinja2.Undefined):
            value = finalize(value)
        written_values[key] = value
    return Markup(jinja2.filters.do_xmlattr(eval_context, written_values, autospace))


def _loader(own: jinja2.BaseLoader) -> jinja2.BaseLoader:
    """``own``, then the stock templates; a stock template is also ``twimlkit/NAME``."""
    stock = jinja2.FileSystemLoader(stock_template_dir())
    return jinja2.ChoiceLoader([jinja2.PrefixLoader({STOCK_PREFIX: stock}), own, stock])


class Renderer:
    """Renders TwiML templates, escaped, and checks what they render.

    ``validation`` is ``"strict"`` (the default), ``"warn"`` or ``"off"``. ``search_path``
    lists folders of templates of your own, searched in order before the stock templates;
    ``loader`` replaces that search with any Jinja2 loader (an app's, say), still followed by
    the stock templates. A stock template is always reachable as ``twimlkit/NAME``. ``kind``
    forces ``"voice"`` or ``"messaging"`` for validation. ``cache_size`` bounds how many
    sources :meth:`render_string` keeps compiled.
    ``environment`` is the Jinja2 environment, for filters and globals of your own.
    """

    def __init__(
        self,
        validation: Validation = "strict",
        *,
        search_path: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
        loader: jinja2.BaseLoader | None = None,
        kind: Kind | None = None,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        if validation not in VALIDATIONS:
            raise ValueError(
                f"validation must be one of {', '.join(VALIDATIONS)}, not {validation!r}"
            )
        if isinstance(search_path, (str, os.PathLike)):
            search_path = [search_path]
        if loader is None:
            loader = jinja2.FileSystemLoader([os.fspath(p) for p in search_path])
        if cache_size < 1:
            raise ValueError(f"cache_size must be at least 1, not {cache_size!r}")
        self.validation: Validation = validation
        self.kind: Kind | None = kind
        self.environment = jinja2.Environment(
            loader=_loader(loader),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            finalize=finalize,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        self.environment.filters["xmlattr"] = _xmlattr
        self._cache_size = cache_size
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()
        self._lock = threading.Lock()

    def render(self, name: str, /, **context: Any) -> str:
        """Render the template ``name`` with ``context`` and check the result."""
        template = self.environment.get_template(name)
        return self.checked(template.render(context), template.name or name, context=context)

    def render_string(self, source: str, /, **context: Any) -> str:
        """Render the template ``source`` (the template's text) with ``context`` and check the
        result. Compiled sources are cached, up to ``cache_size`` of them."""
        output = self.from_string(source).render(context)
        return self.checked(output, context=context, source=source)

    def from_string(self, source: str) -> jinja2.Template:
        """``source`` compiled, from the bounded cache when it was compiled before."""
        with self._lock:
            template = self._compiled.get(source)
            if template is not None:
                self._compiled.move_to_end(source)
                return template
        template = self.environment.from_string(source)
        with self._lock:
            self._compiled[source] = template
            if len(self._compiled) > self._cache_size:
                self._compiled.popitem(last=False)
        return template

    def check(self, output: str, template: str | None = None) -> list[Diagnostic]:
        """What :func:`twimlkit.validate` finds in ``output``, as rendered from ``template``."""
        return validate(output, kind=self.kind, path=template)

    def checked(
        self,
        output: str,
        template: str | None = None,
        *,
        context: Mapping[str, Any] | None = None,
        source: str | None = None,
    ) -> str:
        """``output``, checked by this renderer's ``validation``, as rendered from
        ``template``: returned as it is (``"off"``, or nothing found), returned after each
        finding is logged (``"warn"``), or refused with :class:`TwimlTemplateError`
        (``"strict"``, on an error or a warning). TwiML made some other way can be checked
        exactly as a template's output is. With the ``context`` it was rendered with (and the
        template's ``source`` when it has no name), findings are moved to the template's own
        lines."""
        if self.validation == "off":
            return output
        found = self.check(output, template)
        if not found:
            return output
        if context is not None:
            # Only now, with something to report: at the template's lines, not the output's.
            from .template_trace import locate

            found = locate(
                self.environment, found, output, name=template, source=source, context=context
            )
        if self.validation == "strict":
            serious = [d for d in found if d.severity is not Severity.INFO]
            if serious:
                raise TwimlTemplateError(template, found, output)
        where = template or "<string>"
        for diagnostic in found:
            level = logging.INFO if diagnostic.severity is Severity.INFO else logging.WARNING
            logger.log(level, "%s", _describe(where, diagnostic))
        return output


_default: Renderer | None = None
_default_lock = threading.Lock()


def default_renderer() -> Renderer:
    """The renderer :func:`render` and :func:`render_string` use: strict, stock templates."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Renderer()
        return _default


def render(name: str, /, **context: Any) -> str:
    """Render the stock template ``name`` with ``context``, strictly checked."""
    return default_renderer().render(name, **context)


def render_string(source: str, /, **context: Any) -> str:
    """Render the template text ``source`` with ``context``, strictly checked."""
    return default_renderer().render_string(source, **context)
