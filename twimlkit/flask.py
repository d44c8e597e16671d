"""Twilio webhooks in Flask: Twilio's signature checked, TwiML checked, errors answered as TwiML.

::

    from flask import Flask, request
    from twimlkit.flask import TwimlKit
    from twimlkit.voice import Response, Say

    app = Flask(__name__)
    app.config["TWILIO_AUTH_TOKEN"] = "..."
    twiml = TwimlKit(app)                  # or TwimlKit() and, later, twiml.init_app(app)

    @app.post("/voice")
    @twiml.webhook
    def incoming_call() -> Response:
        return Response(Say("Hello"))

    @app.post("/menu")
    @twiml.webhook
    def menu() -> str:
        return twiml.render_twiml("ivr-menu.xml.j2", action="/choice", options=[("1", "sales")])

:meth:`TwimlKit.webhook` checks the ``X-Twilio-Signature`` of every request with
twilio-python's ``RequestValidator`` against the URL Twilio signed (rebuilt from the request as
the server received it, see :func:`signed_url`) and answers 403 when it is missing or wrong.
It checks the TwiML the view returns, and turns it into a ``text/xml`` response; when the view
fails it logs why and answers TwiML that ends the call politely, so that a caller never hears
"an application error has occurred" because of an HTML error page.

Configuration, read from ``app.config`` when :meth:`TwimlKit.init_app` runs:

``TWILIO_AUTH_TOKEN``
    The account's Auth Token, which signs Twilio's requests. Without it (and with checking on)
    every webhook answers 500, and a warning is logged at start-up: the app still starts, so
    ``flask routes`` works without secrets.
``TWIMLKIT_CHECK_SIGNATURE`` (``True``)
    ``False`` turns the check off, and only that does (never ``DEBUG``, never a local
    request); each request let through unchecked is logged as a warning.
``TWIMLKIT_PUBLIC_URL`` (``None``)
    The public base URL that Twilio requests, when a proxy or tunnel stands in front of the
    app (``https://abc.ngrok.app``; with a path when the proxy forwards
    ``https://example.com/twilio/voice`` to ``/voice``: ``https://example.com/twilio``). It
    replaces the scheme, host and port the app sees; the path and query string the server
    received follow it. Werkzeug's ``ProxyFix`` is honoured too, when this is not set.
``TWIMLKIT_VALIDATE`` (``"strict"`` when ``app.debug`` or ``app.testing``, else ``"warn"``)
    How returned TwiML is checked: ``"strict"`` refuses an error or a warning (the view has
    failed), ``"warn"`` logs each finding on the ``twimlkit.templating`` logger, ``"off"``.
``TWIMLKIT_ON_ERROR`` (``"raise"`` when ``app.testing``, else ``"twiml"``)
    When a view raises, or strict checking refuses what it returned: ``"twiml"`` logs the
    error (with the findings) on the ``twimlkit.flask`` logger and answers the fallback
    TwiML; ``"raise"`` lets the exception through, so Flask answers 500 and Twilio runs the
    number's Fallback URL.
``TWIMLKIT_FALLBACK_TWIML`` (``None``)
    The fallback TwiML: text or a builder element for every request, or a mapping with
    ``"voice"`` and/or ``"messaging"`` keys. By default a voice request (one with a
    ``CallSid``) hears a short apology and is hung up on, and a messaging request (one with a
    ``MessageSid`` and no ``CallSid``) gets an empty ``<Response/>``. It is checked when
    ``init_app`` runs: invalid fallback TwiML stops the app from starting.

State lives in ``app.extensions["twimlkit"]``; nothing is global. This module is the only one
of twimlkit that imports flask and twilio (the ``flask`` extra).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, ParamSpec, cast, get_args
from urllib.parse import quote, urlsplit

import jinja2
from flask import Flask, current_app, got_request_exception, request, url_for
from twilio.request_validator import (
    SIGNATURE_SETTINGS_HEADER,
    RequestValidator,
    get_signature_algorithm,
)
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response
from werkzeug.wsgi import get_host

from . import messaging, voice
from .schema import Kind
from .template_lint import is_template
from .templating import (
    VALIDATIONS,
    Renderer,
    TwimlTemplateError,
    Validation,
    finalize,
)

__all__ = ["CONTENT_TYPE", "OnError", "TwimlKit", "signed_url"]

logger = logging.getLogger("twimlkit.flask")

#: What every TwiML response says it is.
CONTENT_TYPE = "text/xml; charset=utf-8"
#: The key of twimlkit's state in ``app.extensions``.
EXTENSION = "twimlkit"
SIGNATURE_HEADER = "X-Twilio-Signature"
#: The bodies whose every field the signature covers (as the form's parameters).
_FORM_TYPES = frozenset({"", "application/x-www-form-urlencoded", "multipart/form-data"})

OnError = Literal["twiml", "raise"]
ON_ERRORS: tuple[str, ...] = get_args(OnError)


DEFAULT_FALLBACK: Mapping[Kind, str] = {
    "voice": voice.Response(
        voice.Say("We are sorry, an application error has occurred. Goodbye."), voice.Hangup()
    ).to_xml(),
    "messaging": messaging.Response().to_xml(),
}

# What RFC 3986 allows unencoded in a path, beside letters, digits and "_.-~".
_PATH_SAFE = "/:@!$&'()*+,;="

P = ParamSpec("P")


class _Checked(str):
    """TwiML that :meth:`TwimlKit.render_twiml` has already checked as the app checks what a
    view returns. An operation on it gives a plain ``str``, which is checked again."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class _State:
    """One app's settings, read once by :meth:`TwimlKit.init_app`."""

    validator: RequestValidator | None
    check_signature: bool
    public_url: str | None
    on_error: OnError
    fallback: Mapping[Kind, str]
    renderer: Renderer
    #: How many filters, tests and globals the app's own Jinja2 environment had when they
    #: were last shared with the renderer.
    shared: list[int] = field(default_factory=lambda: [0, 0, 0])

    def share_app_template_tools(self) -> None:
        """Give the renderer the filters, tests and globals the app registered (with
        ``@app.template_filter`` and the like), as ``render_template`` has them; twimlkit's
        own (its ``xmlattr``) win. Done again only when the app registered more."""
        theirs = current_app.jinja_env
        sizes = [len(theirs.filters), len(theirs.tests), len(theirs.globals)]
        if sizes == self.shared:
            return
        ours = self.renderer.environment
        pairs: list[tuple[dict[str, Any], Mapping[str, Any]]] = [
            (ours.filters, theirs.filters),
            (ours.tests, theirs.tests),
            (ours.globals, theirs.globals),
        ]
        for mine, app_tools in pairs:
            for name, tool in app_tools.items():
                mine.setdefault(name, tool)
        self.shared[:] = sizes

    def refusal(self) -> Response | None:
        """The answer to a request that must not reach the view, or ``None``."""
        if not self.check_signature:
            logger.warning(
                "%s %s reached the view without a signature check (TWIMLKIT_CHECK_SIGNATURE "
                "is False)",
                request.method,
                request.path,
            )
            return None
        if self.validator is None:
            logger.error(
                "%s %s answered 500: TWILIO_AUTH_TOKEN is not set, so Twilio's signature "
                "cannot be checked",
                request.method,
                request.path,
            )
            return _plain(500, "Twilio's signature cannot be checked: no auth token is set.")
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature:
            logger.warning(
                "%s %s answered 403: no %s", request.method, request.path, SIGNATURE_HEADER
            )
            return _plain(403, "Forbidden: the request is not signed by Twilio.")
        url = signed_url(request.environ, self.public_url)
        # A JSON body is signed through its SHA-256 in the query string; RequestValidator
        # checks it when given the raw body as text. A form's every value counts, repeated
        # keys included: the MultiDict goes as it is, and the validator reads all its values.
        # Any other body that comes without its hash is not covered by the signature at all.
        params: object = request.form
        if request.args.get("bodySHA256"):
            params = request.get_data(as_text=True)
        elif request.mimetype not in _FORM_TYPES and request.get_data():
            logger.warning(
                "%s %s answered 403: a %s body without bodySHA256 is not covered by %s",
                request.method,
                request.path,
                request.mimetype or "typeless",
                SIGNATURE_HEADER,
            )
            return _plain(403, "Forbidden: the request's body is not signed.")
        # Twilio names the signing algorithm in a header of its own (HMAC-SHA1 without it).
        algorithm = get_signature_algorithm(request.headers.get(SIGNATURE_SETTINGS_HEADER))
        try:
            valid = self.validator.validate(url, params, signature, algorithm)
        except Exception:  # a malformed hash or an unknown algorithm: not a valid signature
            logger.exception("%s %s: the signature could not be checked", request.method, url)
            valid = False
        if not valid:
            logger.warning(
                "%s %s answered 403: %s does not match %s (behind a proxy or tunnel, set "
                "TWIMLKIT_PUBLIC_URL to the URL Twilio requests)",
                request.method,
                request.path,
                SIGNATURE_HEADER,
                url,
            )
            return _plain(403, "Forbidden: the request's signature does not match.")
        return None

    def response(self, returned: object) -> Response:
        """What the view returned, checked and made a response. As in Flask, a tuple adds a
        status, headers, or both: ``(twiml, 200)``, ``(twiml, {"X-A": "b"})``,
        ``(twiml, 200, headers)``."""
        if isinstance(returned, tuple):
            if len(returned) not in (2, 3):
                raise TypeError(
                    f"webhook view {request.endpoint} returned a tuple of {len(returned)}: "
                    "return (twiml, status), (twiml, headers) or (twiml, status, headers)"
                )
            body, *more = returned
            if len(more) == 1 and not isinstance(more[0], (int, str)):
                more = [None, more[0]]
            status, headers = [*more, None][:2]
            answer = self.response(body)
            if status is not None:
                answer.status = status
            if headers is not None:
                answer.headers.update(headers)
            return answer
        if returned is None:
            return current_app.response_class(status=204)
        if isinstance(returned, Response):
            return returned
        if isinstance(returned, _Checked):
            twiml = str(returned)
        elif isinstance(returned, str):
            twiml = self.renderer.checked(returned, f"view {request.endpoint}")
        elif callable(to_xml := getattr(returned, "to_xml", None)):
            twiml = self.renderer.checked(str(to_xml()), f"view {request.endpoint}")
        else:
            raise TypeError(
                f"webhook view {request.endpoint} returned {type(returned).__name__} "
                f"{returned!r:.60}: return TwiML (a builder element or text), None (204 No "
                "Content), a Response, or a tuple adding a status or headers"
            )
        return current_app.response_class(twiml, content_type=CONTENT_TYPE)

    def fallback_response(self, error: Exception) -> Response:
        """The fallback TwiML, after ``error`` is logged and signalled as Flask would."""
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        got_request_exception.send(app, _async_wrapper=app.ensure_sync, exception=error)
        logger.error(
            "%s %s failed, and answered the fallback TwiML: %s",
            request.method,
            request.path,
            error,
            exc_info=error,
        )
        messaging_request = "MessageSid" in request.values and "CallSid" not in request.values
        twiml = self.fallback["messaging" if messaging_request else "voice"]
        return current_app.response_class(twiml, content_type=CONTENT_TYPE)


class TwimlKit:
    """twimlkit in a Flask app: :meth:`webhook` for views, :meth:`render_twiml` for templates.

    ``TwimlKit(app)`` sets up ``app`` at once; ``TwimlKit()`` and :meth:`init_app` later, for
    an application factory. One ``TwimlKit`` serves any number of apps: each keeps its own
    settings in ``app.extensions["twimlkit"]``.
    """

    def __init__(self, app: Flask | None = None) -> None:
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Read the app's configuration, check it, and set twimlkit up for the app.

        Raises :class:`ValueError` for a configuration value that is not one twimlkit takes
        (invalid fallback TwiML included), naming the key.
        """
        config = app.config
        check_signature = config.get("TWIMLKIT_CHECK_SIGNATURE", True)
        if not isinstance(check_signature, bool):
            raise ValueError(
                f"TWIMLKIT_CHECK_SIGNATURE must be True or False, not {check_signature!r}"
            )
        token = config.get("TWILIO_AUTH_TOKEN") or None
        if token is not None and not isinstance(token, str):
            raise ValueError(f"TWILIO_AUTH_TOKEN must be text, not a {type(token).__name__}")
        if check_signature and token is None:
            logger.warning(
                "TWILIO_AUTH_TOKEN is not set: every twimlkit webhook of %s answers 500 until "
                "it is, since Twilio's signature cannot be checked",
                app.name,
            )
        elif not check_signature:
            logger.warning(
                "TWIMLKIT_CHECK_SIGNATURE is False: the webhooks of %s answer anyone, not only "
                "Twilio",
                app.name,
            )
        validation = config.get("TWIMLKIT_VALIDATE") or (
            "strict" if app.debug or app.testing else "warn"
        )
        if validation not in VALIDATIONS:
            raise ValueError(
                f"TWIMLKIT_VALIDATE must be one of {', '.join(VALIDATIONS)}, not {validation!r}"
            )
        on_error = config.get("TWIMLKIT_ON_ERROR") or ("raise" if app.testing else "twiml")
        if on_error not in ON_ERRORS:
            raise ValueError(
                f"TWIMLKIT_ON_ERROR must be one of {', '.join(ON_ERRORS)}, not {on_error!r}"
            )
        app.extensions[EXTENSION] = _State(
            validator=None if token is None else RequestValidator(token),
            check_signature=check_signature,
            public_url=_public_url(config.get("TWIMLKIT_PUBLIC_URL")),
            on_error=cast(OnError, on_error),
            fallback=_fallback(config.get("TWIMLKIT_FALLBACK_TWIML")),
            renderer=_renderer(app, cast(Validation, validation)),
        )
        _escape_twiml_templates(app)

    def webhook(self, view: Callable[P, object]) -> Callable[P, Response]:
        """Decorate a Twilio webhook view (sync or ``async``; put it below ``@app.route``).

        Before the view runs, Twilio's signature is checked (403 when missing or wrong, 500
        without an auth token). The view returns a builder element or TwiML text (both
        checked, and answered as ``text/xml``), ``None`` (204 No Content, for status
        callbacks), a Flask ``Response`` (answered as it is), or, as in Flask, a tuple that
        adds a status or headers to the TwiML. When it raises, or strict
        checking refuses what it returned, ``TWIMLKIT_ON_ERROR`` decides: the fallback TwiML,
        or the exception. ``abort()`` and other HTTP exceptions pass through.
        """

        @functools.wraps(view)
        def answer(*args: P.args, **kwargs: P.kwargs) -> Response:
            state = _state()
            refusal = state.refusal()
            if refusal is not None:
                return refusal
            try:
                # ensure_sync runs an async view to its end, as Flask does for its own views.
                return state.response(current_app.ensure_sync(view)(*args, **kwargs))
            except HTTPException:
                raise
            except Exception as error:
                if state.on_error == "raise":
                    raise
                return state.fallback_response(error)

        return answer

    def render_twiml(self, name: str, /, **context: Any) -> str:
        """Render the TwiML template ``name`` with ``context``, escaped and checked by
        ``TWIMLKIT_VALIDATE`` (strict checking raises
        :class:`twimlkit.templating.TwimlTemplateError`).

        Templates are looked for where ``render_template`` looks (the app's and its
        blueprints' template folders), then among twimlkit's stock templates (always
        reachable as ``twimlkit/NAME``). The app's context processors and ``url_for`` are
        available, as in ``render_template``. Call it within an app context.
        """
        current_app.update_template_context(context)
        state = _state()
        state.share_app_template_tools()
        return _Checked(state.renderer.render(name, **context))


def _state() -> _State:
    state = current_app.extensions.get(EXTENSION)
    if not isinstance(state, _State):
        raise RuntimeError(f"twimlkit is not set up for {current_app.name}: call init_app(app)")
    return state


def _plain(status: int, text: str) -> Response:
    return current_app.response_class(text, status=status, content_type="text/plain; charset=utf-8")


def _public_url(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc and not parts.query + parts.fragment:
            return value.rstrip("/")
    raise ValueError(
        "TWIMLKIT_PUBLIC_URL must be the public base URL Twilio requests, such as "
        f"https://abc.ngrok.app (no query string), not {value!r}"
    )


def _fallback(value: object) -> Mapping[Kind, str]:
    if value is None:
        return DEFAULT_FALLBACK
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - set(DEFAULT_FALLBACK))
        if unknown:
            raise ValueError(
                f"TWIMLKIT_FALLBACK_TWIML takes the keys voice and messaging, not {unknown}"
            )
        return {
            kind: _fallback_twiml(value[kind], kind) if kind in value else default
            for kind, default in DEFAULT_FALLBACK.items()
        }
    twiml = _fallback_twiml(value, None)
    return dict.fromkeys(DEFAULT_FALLBACK, twiml)


def _fallback_twiml(value: object, kind: Kind | None) -> str:
    to_xml = getattr(value, "to_xml", None)
    twiml = str(to_xml()) if callable(to_xml) else value
    if not isinstance(twiml, str):
        raise ValueError(
            "TWIMLKIT_FALLBACK_TWIML must be TwiML text, a builder element or a mapping, not "
            f"a {type(value).__name__}"
        )
    where = "TWIMLKIT_FALLBACK_TWIML" + (f"[{kind!r}]" if kind else "")
    try:
        return Renderer("strict", kind=kind).checked(twiml, where)
    except TwimlTemplateError as error:
        raise ValueError(str(error)) from None


def _renderer(app: Flask, validation: Validation) -> Renderer:
    """A renderer over the app's templates (where ``render_template`` looks), then the
    stock ones."""
    own = app.jinja_env.loader
    renderer = Renderer(validation, loader=own)
    renderer.environment.auto_reload = app.jinja_env.auto_reload
    renderer.environment.globals["url_for"] = url_for
    return renderer


def _is_twiml_template(name: str | None) -> bool:
    """Whether the app's own Jinja2 environment escapes ``name`` as TwiML: a TwiML template
    (``*.xml.j2``, ``*.twiml.j2``) or a ``*.twiml`` file, in any case."""
    return name is not None and (is_template(name) or name.lower().endswith(".twiml"))


def _escape_twiml_templates(app: Flask) -> None:
    """Make the app's own environment (``render_template``) treat TwiML templates as TwiML:
    escaped (Flask escapes ``.xml`` but not ``.xml.j2``), and written as the renderer writes
    values, where the app has no ``finalize`` of its own. Other templates are left as Flask
    and the app set them."""
    environment = app.jinja_env
    escapes = environment.autoescape

    def autoescape(name: str | None) -> bool:
        if _is_twiml_template(name):
            return True
        return bool(escapes(name) if callable(escapes) else escapes)

    environment.autoescape = autoescape
    if environment.finalize is None:
        environment.finalize = _finalize_twiml


@jinja2.pass_context
def _finalize_twiml(context: jinja2.runtime.Context, value: Any) -> Any:
    return finalize(value) if _is_twiml_template(context.name) else value


def _wsgi_bytes(value: str) -> bytes:
    # WSGI gives the bytes of the request line as Latin-1 text; some servers give real text.
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def _wsgi_text(value: str) -> str:
    return _wsgi_bytes(value).decode("utf-8", "replace")


def _quote_path(value: str) -> str:
    return quote(_wsgi_bytes(value), safe=_PATH_SAFE)


def _request_target(environ: dict[str, Any], script_name: str) -> str:
    """The path and query string as the server received them, still percent-encoded."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        target = _wsgi_text(raw)
        if not target.startswith("/") and "://" in target:  # an absolute request target
            parts = urlsplit(target)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
        return target
    # Without the raw target, encode the decoded path again; the query string is still raw.
    path = _quote_path(script_name + environ.get("PATH_INFO", ""))
    query = environ.get("QUERY_STRING", "")
    return path + (f"?{_wsgi_text(query)}" if query else "")


def signed_url(environ: dict[str, Any], public_url: str | None = None) -> str:
    """The URL that Twilio signed for the request whose WSGI environment is ``environ``.

    The path and query string are those the server received, byte for byte
    (``RAW_URI`` or ``REQUEST_URI``, which servers such as gunicorn, uWSGI and Werkzeug's
    set; else ``PATH_INFO`` encoded again and ``QUERY_STRING``): Werkzeug's ``request.url``
    decodes ``%27 %3A %40 %7E %2F``, and the signature would no longer match. Before them
    comes ``public_url`` (``TWIMLKIT_PUBLIC_URL``) when given, else the request's scheme and
    host (with its port when it is not the scheme's default), with the prefix that
    Werkzeug's ``ProxyFix`` read from ``X-Forwarded-Prefix``. ``X-Forwarded-*`` headers are
    trusted only through ``ProxyFix``: anyone can send them.
    """
    original = environ.get("werkzeug.proxy_fix.orig")
    server_script = environ.get("SCRIPT_NAME", "")
    if isinstance(original, Mapping):
        server_script = original.get("SCRIPT_NAME") or ""
    target = _request_target(environ, server_script)
    if public_url is not None:
        return public_url.rstrip("/") + target
    script = environ.get("SCRIPT_NAME", "")
    prefix = ""
    if script != server_script:  # ProxyFix's X-Forwarded-Prefix replaced the script name
        prefix = _quote_path(script)
        if server_script and target.startswith(_quote_path(server_script)):
            target = target[len(_quote_path(server_script)) :]
    return f"{environ['wsgi.url_scheme']}://{get_host(environ)}{prefix}{target}"
