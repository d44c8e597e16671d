"""twimlkit.flask, driven through Flask's test client: the example app's call from menu to
recording callback, Twilio's signature on every kind of URL and body, fallback TwiML, the
configuration and the app's own templates."""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib.util
import json
import logging
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import flask.cli
import pytest
from conftest import ACCOUNT_SID as ACCOUNT
from conftest import CALL_SID as CALL
from conftest import EXAMPLES, recording_form
from conftest import RECORDING_SID as RECORDING
from flask import Blueprint, Flask, abort, render_template, request
from flask.testing import FlaskClient
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.test import TestResponse
from werkzeug.wrappers import Response

import twimlkit
from twimlkit import messaging, templating, voice
from twimlkit.flask import CONTENT_TYPE, DEFAULT_FALLBACK, TwimlKit
from twimlkit.recording import RecordingStatus
from twimlkit.templating import TwimlTemplateError

TOKEN = "0123456789abcdef0123456789abcdef"  # a made-up auth token
MESSAGE = "SM" + "ab" * 16
VOICE_FALLBACK = (
    "<Response><Say>We are sorry, an application error has occurred. Goodbye.</Say>"
    "<Hangup/></Response>"
)

Form = Mapping[str, str] | MultiDict[str, str]


def load_create_app() -> Callable[[Mapping[str, Any] | None], Flask]:
    """examples/flask_app/app.py's factory, imported from its file as ``flask run`` would."""
    path = EXAMPLES / "flask_app" / "app.py"
    spec = importlib.util.spec_from_file_location("twimlkit_example_flask_app", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # Flask finds the app's folder through the module
    spec.loader.exec_module(module)
    create_app: Callable[[Mapping[str, Any] | None], Flask] = module.create_app
    return create_app


create_example = load_create_app()


def example(**config: Any) -> Flask:
    settings = {"TESTING": True, "TWILIO_AUTH_TOKEN": TOKEN, "TWIMLKIT_PUBLIC_URL": None}
    return create_example({**settings, **config})


def signature(url: str, params: Form | str | None = None) -> str:
    validator = RequestValidator(TOKEN)
    if isinstance(params, str):  # a JSON body is signed through the URL alone
        params = {}
    signed: str = validator.compute_signature(url, params or {})
    return signed


def signed_post(
    client: FlaskClient,
    path: str,
    data: Form | None = None,
    *,
    url: str | None = None,
    **options: Any,
) -> TestResponse:
    """POST ``data`` to ``path``, signed as Twilio signs a request to ``url``."""
    url = url if url is not None else f"http://localhost{path}"
    headers = {"X-Twilio-Signature": signature(url, data), **options.pop("headers", {})}
    return client.post(path, data=data, headers=headers, **options)


def logged(caplog: pytest.LogCaptureFixture, level: int = logging.WARNING) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "twimlkit.flask" and r.levelno == level
    ]


def an_app(tmp_path: Path, **config: Any) -> tuple[Flask, TwimlKit]:
    """A bare app of the tests' own, its templates in ``tmp_path / "templates"``."""
    app = Flask("twimlkit_tests", root_path=str(tmp_path))
    app.config.update({"TESTING": True, "TWILIO_AUTH_TOKEN": TOKEN, **config})
    return app, TwimlKit(app)


def write_template(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# -- the example app: one call, from the menu to the recording callback ----------------------


def test_the_menu_is_made_with_the_builder_and_answered_as_xml() -> None:
    answer = signed_post(example().test_client(), "/voice", {"CallSid": CALL})
    assert (answer.status_code, answer.content_type) == (200, CONTENT_TYPE)
    assert answer.get_data(as_text=True) == (
        "<Response><Say>Thanks for calling.</Say>"
        '<Gather action="/menu" method="POST" numDigits="1" timeout="5">'
        "<Say>For sales, press 1.</Say><Say>For support, press 2.</Say></Gather>"
        "<Redirect>/voice</Redirect></Response>"
    )
    assert twimlkit.validate(answer.get_data()) == []


def test_a_department_key_connects_a_recorded_dial_from_the_stock_template() -> None:
    answer = signed_post(example().test_client(), "/menu", {"CallSid": CALL, "Digits": "2"})
    assert (answer.status_code, answer.content_type) == (200, CONTENT_TYPE)
    assert twimlkit.validate(answer.get_data()) == []
    assert twimlkit.parse(answer.get_data(as_text=True)) == voice.Response(
        voice.Dial(
            voice.Number("+15551230002"),
            record="record-from-answer",
            recording_track="inbound",
            recording_status_callback="/recording-status",
            action="/call-ended",
        )
    )


def test_another_key_is_answered_by_the_apps_own_template_with_the_key_as_text() -> None:
    pressed = '9"/><Hangup/><Say>'
    answer = signed_post(example().test_client(), "/menu", {"CallSid": CALL, "Digits": pressed})
    assert (answer.status_code, answer.content_type) == (200, CONTENT_TYPE)
    assert twimlkit.parse(answer.get_data(as_text=True)) == voice.Response(
        voice.Say(f"Sorry, {pressed} is not on the menu."), voice.Redirect("/voice", method="POST")
    )


def test_the_end_of_the_dial_says_goodbye() -> None:
    answer = signed_post(example().test_client(), "/call-ended", {"CallSid": CALL})
    assert answer.get_data(as_text=True) == (
        "<Response><Say>Thank you for calling. Goodbye.</Say><Hangup/></Response>"
    )


def test_the_recording_callback_is_read_and_answered_204() -> None:
    app = example()
    answer = signed_post(app.test_client(), "/recording-status", recording_form())
    assert (answer.status_code, answer.get_data()) == (204, b"")
    assert app.extensions["recordings"] == [
        RecordingStatus(
            account_sid=ACCOUNT,
            recording_sid=RECORDING,
            recording_url=recording_form()["RecordingUrl"],
            status="completed",
            channels=1,
            source="DialVerb",
            start_time=datetime(2026, 3, 10, 15, 4, 5, tzinfo=timezone.utc),
            call_sid=CALL,
            track="inbound",
            duration=42,
            error_code=0,
        )
    ]


def test_a_malformed_recording_callback_is_a_bad_request_and_nothing_is_kept() -> None:
    app = example()
    form = recording_form(RecordingTrack="caller")
    answer = signed_post(app.test_client(), "/recording-status", form)
    assert answer.status_code == 400
    assert "RecordingTrack &#39;caller&#39; is not one of inbound, outbound, both" in (
        answer.get_data(as_text=True)
    )
    assert app.extensions["recordings"] == []


# -- Twilio's signature -----------------------------------------------------------------------


def test_a_request_without_a_signature_is_refused_and_never_reaches_the_view(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = example()
    answer = app.test_client().post("/recording-status", data=recording_form())
    assert (answer.status_code, answer.get_data(as_text=True)) == (
        403,
        "Forbidden: the request is not signed by Twilio.",
    )
    assert app.extensions["recordings"] == []
    assert logged(caplog) == ["POST /recording-status answered 403: no X-Twilio-Signature"]


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda form: (signature("http://localhost/elsewhere", form), form), id="url"),
        pytest.param(
            lambda form: (signature("http://localhost/recording-status", form), form | {"x": "1"}),
            id="added-parameter",
        ),
        pytest.param(
            lambda form: (
                RequestValidator("another-token").compute_signature(
                    "http://localhost/recording-status", form
                ),
                form,
            ),
            id="token",
        ),
        pytest.param(lambda form: ("not base64 at all", form), id="garbage"),
    ],
)
def test_a_forged_signature_is_refused(
    forge: Callable[[dict[str, str]], tuple[str, dict[str, str]]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = example()
    sent_signature, form = forge(recording_form())
    answer = app.test_client().post(
        "/recording-status", data=form, headers={"X-Twilio-Signature": sent_signature}
    )
    assert (answer.status_code, answer.get_data(as_text=True)) == (
        403,
        "Forbidden: the request's signature does not match.",
    )
    assert app.extensions["recordings"] == []
    assert logged(caplog) == [
        "POST /recording-status answered 403: X-Twilio-Signature does not match "
        "http://localhost/recording-status (behind a proxy or tunnel, set TWIMLKIT_PUBLIC_URL "
        "to the URL Twilio requests)"
    ]


QUERY = "state=%27quoted%27%3Aa%40b%7Ec%2Fd"


def test_a_query_string_is_checked_as_twilio_sent_it_not_as_werkzeug_decodes_it() -> None:
    client = example().test_client()
    path = f"/voice?{QUERY}"
    assert signed_post(client, path, {"CallSid": CALL}).status_code == 200
    # request.url has the query decoded; a signature of that URL is not Twilio's.
    decoded = "http://localhost/voice?state='quoted':a@b~c/d"
    assert signed_post(client, path, {"CallSid": CALL}, url=decoded).status_code == 403


def path_app(tmp_path: Path) -> Flask:
    app, twiml = an_app(tmp_path)

    @app.post("/calls/<path:name>")
    @twiml.webhook
    def named(name: str) -> voice.Response:
        return voice.Response(voice.Say(name))

    return app


def test_a_percent_encoded_path_is_checked_as_twilio_sent_it(tmp_path: Path) -> None:
    client = path_app(tmp_path).test_client()
    path = "/calls/it%27s%3Aa%40b%7Ec%2Fd"
    answer = signed_post(client, path, {"CallSid": CALL})
    assert (answer.status_code, twimlkit.parse(answer.get_data(as_text=True))) == (
        200,
        voice.Response(voice.Say("it's:a@b~c/d")),
    )
    assert signed_post(client, path, url="http://localhost/calls/it's:a@b~c/d").status_code == 403


def without_raw_uri(app: Flask) -> None:
    """Serve ``app`` as a server that does not pass the raw request target would."""
    wsgi = app.wsgi_app

    def serve(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        environ.pop("RAW_URI")
        environ.pop("REQUEST_URI")
        return wsgi(environ, start_response)

    app.wsgi_app = serve  # type: ignore[method-assign]


def test_without_the_raw_target_the_path_is_encoded_again_and_the_query_kept(
    tmp_path: Path,
) -> None:
    app = path_app(tmp_path)
    without_raw_uri(app)
    client = app.test_client()
    url = f"http://localhost/calls/it's:a@b~c%20d%25?{QUERY}"
    answer = signed_post(client, f"/calls/it%27s%3Aa%40b%7Ec%20d%25?{QUERY}", url=url)
    assert (answer.status_code, twimlkit.parse(answer.get_data(as_text=True))) == (
        200,
        voice.Response(voice.Say("it's:a@b~c d%")),
    )


def test_behind_a_tunnel_the_public_url_is_the_one_checked() -> None:
    client = example(TWIMLKIT_PUBLIC_URL="https://abc.ngrok.app/").test_client()
    public = f"https://abc.ngrok.app/voice?{QUERY}"
    assert signed_post(client, f"/voice?{QUERY}", {"CallSid": CALL}, url=public).status_code == 200
    local = f"http://localhost/voice?{QUERY}"
    assert signed_post(client, f"/voice?{QUERY}", {"CallSid": CALL}, url=local).status_code == 403


def test_a_public_url_with_a_path_stands_for_a_proxy_that_strips_it() -> None:
    client = example(TWIMLKIT_PUBLIC_URL="https://example.com/twilio").test_client()
    url = "https://example.com/twilio/voice"
    assert signed_post(client, "/voice", {"CallSid": CALL}, url=url).status_code == 200


FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "example.com",
    "X-Forwarded-Prefix": "/twilio",
}


def test_proxy_fix_gives_the_scheme_host_and_prefix() -> None:
    app = example()
    app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1, x_host=1, x_prefix=1)  # type: ignore[method-assign]
    client = app.test_client()
    url = "https://example.com/twilio/voice"
    answer = signed_post(client, "/voice", {"CallSid": CALL}, url=url, headers=FORWARDED)
    assert answer.status_code == 200
    # The menu's own URLs carry the prefix too, so Twilio comes back through the proxy.
    assert '<Gather action="/twilio/menu"' in answer.get_data(as_text=True)


def test_forwarded_headers_choose_nothing_without_proxy_fix() -> None:
    # Anyone can send them: they must not let a signature made for another URL through.
    client = example().test_client()
    url = "https://example.com/twilio/voice"
    answer = signed_post(client, "/voice", {"CallSid": CALL}, url=url, headers=FORWARDED)
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("base_url", "signed_url"),
    [
        ("http://localhost:8080", "http://localhost:8080/voice"),
        ("http://localhost:8080", "http://localhost/voice"),  # the validator tries both
        ("https://localhost", "https://localhost:443/voice"),
        ("https://localhost", "https://localhost/voice"),
    ],
)
def test_ports_are_checked_with_and_without(base_url: str, signed_url: str) -> None:
    client = example().test_client()
    answer = signed_post(client, "/voice", {"CallSid": CALL}, url=signed_url, base_url=base_url)
    assert answer.status_code == 200


def test_a_public_url_with_a_port() -> None:
    client = example(TWIMLKIT_PUBLIC_URL="https://example.com:8443").test_client()
    url = "https://example.com:8443/voice"
    assert signed_post(client, "/voice", {"CallSid": CALL}, url=url).status_code == 200


def test_every_value_of_a_repeated_key_is_checked() -> None:
    url = "http://localhost/voice"
    form = MultiDict([("CallSid", CALL), ("Tag", "b"), ("Tag", "a")])
    # twilio-python signs a repeated key once a distinct value, the values sorted:
    mac = hmac.new(TOKEN.encode(), f"{url}CallSid{CALL}TagaTagb".encode(), hashlib.sha1)
    assert signature(url, form) == base64.b64encode(mac.digest()).decode()
    client = example().test_client()
    assert signed_post(client, "/voice", form).status_code == 200
    first_values_only = {"CallSid": CALL, "Tag": "b"}
    sent = {"X-Twilio-Signature": signature(url, first_values_only)}
    assert client.post("/voice", data=form, headers=sent).status_code == 403


def test_a_json_body_is_checked_through_its_sha256_in_the_query_string() -> None:
    client = example().test_client()
    body = json.dumps({"CallSid": CALL, "Digits": "1"})
    path = f"/voice?bodySHA256={hashlib.sha256(body.encode()).hexdigest()}"
    headers = {"X-Twilio-Signature": signature(f"http://localhost{path}", body)}
    sent = {"headers": headers, "content_type": "application/json"}
    assert client.post(path, data=body, **sent).status_code == 200
    assert client.post(path, data=body.replace("1", "2"), **sent).status_code == 403


def test_a_body_that_is_not_a_form_needs_its_hash() -> None:
    client = example().test_client()
    body = json.dumps({"CallSid": CALL, "Digits": "1"})
    # Signed for the URL alone, as a GET webhook is: the body it carries is nobody's.
    headers = {"X-Twilio-Signature": signature("http://localhost/voice")}
    answer = client.post("/voice", data=body, headers=headers, content_type="application/json")
    assert (answer.status_code, answer.get_data(as_text=True)) == (
        403,
        "Forbidden: the request's body is not signed.",
    )
    # A hash named without a value is no hash: refused the same way, never a crash.
    headers = {"X-Twilio-Signature": signature("http://localhost/voice?bodySHA256")}
    answer = client.post(
        "/voice?bodySHA256", data=body, headers=headers, content_type="application/json"
    )
    assert answer.status_code == 403 and answer.content_type.startswith("text/plain")


def test_a_signature_made_with_hmac_sha256_is_checked_with_it() -> None:
    client = example().test_client()
    form = {"CallSid": CALL}
    validator = RequestValidator(TOKEN)
    signed = validator.compute_signature("http://localhost/voice", form, "HMAC_SHA256")
    settings = {"X-Twilio-Webhooks-Signature-Settings": "key=k,algorithm=HMAC_SHA256"}
    headers = {"X-Twilio-Signature": signed, **settings}
    assert client.post("/voice", data=form, headers=headers).status_code == 200
    # The same signature read as HMAC-SHA1, and an algorithm nobody knows: refused.
    assert (
        client.post("/voice", data=form, headers={"X-Twilio-Signature": signed}).status_code == 403
    )
    unknown = {
        "X-Twilio-Signature": signed,
        "X-Twilio-Webhooks-Signature-Settings": "algorithm=MD5",
    }
    assert client.post("/voice", data=form, headers=unknown).status_code == 403


# -- without an auth token, or with checking off ----------------------------------------------


def test_without_a_token_the_app_starts_with_a_warning_and_every_webhook_answers_500(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    app = example(TWILIO_AUTH_TOKEN=None)
    assert logged(caplog) == [
        "TWILIO_AUTH_TOKEN is not set: every twimlkit webhook of twimlkit_example_flask_app "
        "answers 500 until it is, since Twilio's signature cannot be checked"
    ]
    answer = signed_post(app.test_client(), "/voice", {"CallSid": CALL})
    assert (answer.status_code, answer.get_data(as_text=True)) == (
        500,
        "Twilio's signature cannot be checked: no auth token is set.",
    )
    assert logged(caplog, logging.ERROR) == [
        "POST /voice answered 500: TWILIO_AUTH_TOKEN is not set, so Twilio's signature cannot "
        "be checked"
    ]
    # `flask routes`: Flask's own command group, run against this app.
    routes = app.test_cli_runner().invoke(flask.cli.cli, args=["routes"])
    assert routes.exit_code == 0, routes.output
    assert [line.split()[0] for line in routes.output.splitlines()[2:]] == [
        "call_ended",
        "choice",
        "incoming_call",
        "recording_status",
        "static",
    ]


def test_with_checking_off_each_request_is_let_through_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = example(TWIMLKIT_CHECK_SIGNATURE=False)
    assert logged(caplog) == [
        "TWIMLKIT_CHECK_SIGNATURE is False: the webhooks of twimlkit_example_flask_app answer "
        "anyone, not only Twilio"
    ]
    caplog.clear()
    client = app.test_client()
    assert [client.post("/voice").status_code, client.post("/call-ended").status_code] == [200, 200]
    assert logged(caplog) == [
        "POST /voice reached the view without a signature check (TWIMLKIT_CHECK_SIGNATURE is "
        "False)",
        "POST /call-ended reached the view without a signature check (TWIMLKIT_CHECK_SIGNATURE "
        "is False)",
    ]


def test_debug_and_local_requests_do_not_turn_checking_off() -> None:
    app = example(DEBUG=True)
    answer = app.test_client().post("/voice", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "TWIMLKIT_CHECK_SIGNATURE",
            "false",
            "TWIMLKIT_CHECK_SIGNATURE must be True or False, not 'false'",
        ),
        (
            "TWIMLKIT_VALIDATE",
            "loud",
            "TWIMLKIT_VALIDATE must be one of off, warn, strict, not 'loud'",
        ),
        ("TWIMLKIT_ON_ERROR", "html", "TWIMLKIT_ON_ERROR must be one of twiml, raise, not 'html'"),
        (
            "TWIMLKIT_PUBLIC_URL",
            "abc.ngrok.app",
            "TWIMLKIT_PUBLIC_URL must be the public base URL Twilio requests, such as "
            "https://abc.ngrok.app (no query string), not 'abc.ngrok.app'",
        ),
        (
            "TWIMLKIT_FALLBACK_TWIML",
            "<Response><Sya>Sorry</Sya></Response>",
            "TWIMLKIT_FALLBACK_TWIML is not valid TwiML:\n  TWIMLKIT_FALLBACK_TWIML:1:11: "
            "error TK101 [unknown-element] <Sya> is not a TwiML voice element; did you mean <Say>?",
        ),
        (
            "TWIMLKIT_FALLBACK_TWIML",
            {"messaging": "<Response><Say>Sorry</Say></Response>"},
            "TWIMLKIT_FALLBACK_TWIML['messaging'] is not valid TwiML:\n  "
            "TWIMLKIT_FALLBACK_TWIML['messaging']:1:11: error TK101 [unknown-element] <Say> is "
            "not a TwiML messaging element; <Say> belongs to TwiML voice",
        ),
    ],
)
def test_a_bad_setting_stops_the_app_from_starting(
    tmp_path: Path, key: str, value: object, message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        an_app(tmp_path, **{key: value})
    assert str(raised.value) == message


# -- what views return, and what happens when they fail ---------------------------------------


def failing_app(tmp_path: Path, **config: Any) -> Flask:
    app, twiml = an_app(tmp_path, **config)

    @app.post("/fails")
    @twiml.webhook
    def fails() -> voice.Response:
        raise RuntimeError("the database is down")

    @app.post("/invalid")
    @twiml.webhook
    def invalid() -> str:
        return "<Response><Say loop='often'>Hi</Say></Response>"

    return app


def test_a_failing_voice_view_answers_an_apology_and_hangs_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client = failing_app(tmp_path, TWIMLKIT_ON_ERROR="twiml").test_client()
    answer = signed_post(client, "/fails", {"CallSid": CALL})
    assert (answer.status_code, answer.content_type) == (200, CONTENT_TYPE)
    assert answer.get_data(as_text=True) == VOICE_FALLBACK == DEFAULT_FALLBACK["voice"]
    assert logged(caplog, logging.ERROR) == [
        "POST /fails failed, and answered the fallback TwiML: the database is down"
    ]
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)


def test_a_failing_messaging_view_answers_an_empty_response(tmp_path: Path) -> None:
    client = failing_app(tmp_path, TWIMLKIT_ON_ERROR="twiml").test_client()
    answer = signed_post(client, "/fails", {"MessageSid": MESSAGE, "Body": "hi"})
    assert (answer.status_code, answer.get_data(as_text=True)) == (200, "<Response/>")


def test_twiml_refused_by_strict_checking_is_logged_with_its_findings_and_answered_the_fallback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client = failing_app(tmp_path, TWIMLKIT_ON_ERROR="twiml").test_client()
    answer = signed_post(client, "/invalid", {"CallSid": CALL})
    assert answer.get_data(as_text=True) == VOICE_FALLBACK
    assert logged(caplog, logging.ERROR) == [
        "POST /invalid failed, and answered the fallback TwiML: view invalid is not valid "
        "TwiML:\n  view invalid:1:16: error TK103 [invalid-value] <Say> attribute "
        "loop: 'often' is not a whole number of at least 0"
    ]


def test_the_configured_fallback_is_answered(tmp_path: Path) -> None:
    fallback = {
        "voice": voice.Response(voice.Redirect("https://example.com/fallback")),
        "messaging": "<Response><Message>Try again later.</Message></Response>",
    }
    config = {"TWIMLKIT_ON_ERROR": "twiml", "TWIMLKIT_FALLBACK_TWIML": fallback}
    client = failing_app(tmp_path, **config).test_client()
    assert signed_post(client, "/fails", {"CallSid": CALL}).get_data(as_text=True) == (
        "<Response><Redirect>https://example.com/fallback</Redirect></Response>"
    )
    assert (
        signed_post(client, "/fails", {"MessageSid": MESSAGE}).get_data(as_text=True)
        == (fallback["messaging"])
    )


def test_when_testing_the_exception_propagates(tmp_path: Path) -> None:
    client = failing_app(tmp_path).test_client()
    with pytest.raises(RuntimeError, match="the database is down"):
        signed_post(client, "/fails", {"CallSid": CALL})
    with pytest.raises(TwimlTemplateError) as raised:
        signed_post(client, "/invalid", {"CallSid": CALL})
    assert [d.rule for d in raised.value.diagnostics] == ["invalid-value"]


def test_raise_answers_500_so_that_twilio_runs_the_fallback_url(tmp_path: Path) -> None:
    app = failing_app(tmp_path, TWIMLKIT_ON_ERROR="raise", TESTING=False)
    answer = signed_post(app.test_client(), "/fails", {"CallSid": CALL})
    assert answer.status_code == 500


def test_in_warn_mode_findings_are_logged_and_the_twiml_answered(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client = failing_app(tmp_path, TWIMLKIT_VALIDATE="warn").test_client()
    answer = signed_post(client, "/invalid", {"CallSid": CALL})
    assert answer.get_data(as_text=True) == "<Response><Say loop='often'>Hi</Say></Response>"
    assert [r.getMessage() for r in caplog.records if r.name == "twimlkit.templating"] == [
        "view invalid:1:16: error TK103 [invalid-value] <Say> attribute loop: 'often' is not a "
        "whole number of at least 0"
    ]


def test_responses_none_http_errors_and_wrong_types(tmp_path: Path) -> None:
    app, twiml = an_app(tmp_path)

    @app.post("/response")
    @twiml.webhook
    def response() -> Response:
        return Response("<Response/>", status=202, content_type="application/xml")

    @app.post("/nothing")
    @twiml.webhook
    def nothing() -> None:
        return None

    @app.post("/missing")
    @twiml.webhook
    def missing() -> None:
        abort(404)

    @app.post("/number")
    @twiml.webhook
    def number() -> int:
        return 7

    client = app.test_client()
    passed = signed_post(client, "/response")
    assert (passed.status_code, passed.content_type, passed.get_data()) == (
        202,
        "application/xml",
        b"<Response/>",
    )
    nothing_answer = signed_post(client, "/nothing")
    assert (nothing_answer.status_code, nothing_answer.get_data()) == (204, b"")
    assert signed_post(client, "/missing").status_code == 404
    with pytest.raises(TypeError) as raised:
        signed_post(client, "/number")
    assert str(raised.value) == (
        "webhook view number returned int 7: return TwiML (a builder element or text), None "
        "(204 No Content), a Response, or a tuple adding a status or headers"
    )


def test_an_async_view(tmp_path: Path) -> None:
    app, twiml = an_app(tmp_path)

    @app.post("/async")
    @twiml.webhook
    async def later() -> messaging.Response:
        return messaging.Response(messaging.Message("Got it"))

    answer = signed_post(app.test_client(), "/async", {"MessageSid": MESSAGE})
    assert (answer.status_code, answer.content_type, answer.get_data(as_text=True)) == (
        200,
        CONTENT_TYPE,
        "<Response><Message>Got it</Message></Response>",
    )
    assert signed_post(app.test_client(), "/async", url="http://localhost/x").status_code == 403


# -- templates ------------------------------------------------------------------------------


def test_rendered_twiml_is_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, twiml = an_app(tmp_path)
    checked: list[str] = []
    validate = twimlkit.validate

    def counting(source: Any, **options: Any) -> list[twimlkit.Diagnostic]:
        checked.append(str(source))
        return validate(source, **options)

    monkeypatch.setattr(templating, "validate", counting)

    @app.post("/rendered")
    @twiml.webhook
    def rendered() -> str:
        return twiml.render_twiml("twimlkit/record-dial.xml.j2", number="+15551239876")

    @app.post("/text")
    @twiml.webhook
    def text() -> str:
        return "<Response><Hangup/></Response>"

    client = app.test_client()
    answer = signed_post(client, "/rendered")
    assert checked == [answer.get_data(as_text=True)]
    signed_post(client, "/text")
    assert checked[1:] == ["<Response><Hangup/></Response>"]


def test_the_apps_templates_come_first_then_blueprints_then_the_stock_ones(
    tmp_path: Path,
) -> None:
    app, twiml = an_app(tmp_path)
    write_template(tmp_path, "record-dial.xml.j2", "<Response><Say>{{ who }}</Say></Response>")
    write_template(tmp_path, "bp/templates/bp.xml.j2", "<Response><Say>{{ who }}</Say></Response>")
    app.register_blueprint(
        Blueprint("bp", __name__, template_folder=str(tmp_path / "templates" / "bp" / "templates"))
    )
    with app.app_context():
        assert twiml.render_twiml("record-dial.xml.j2", who="<own>") == (
            "<Response><Say>&lt;own&gt;</Say></Response>"
        )
        assert twiml.render_twiml("bp.xml.j2", who="blueprint") == (
            "<Response><Say>blueprint</Say></Response>"
        )
        stock = twiml.render_twiml("twimlkit/record-dial.xml.j2", number="+15551239876")
        assert "<Number>+15551239876</Number>" in stock
        assert twiml.render_twiml("voicemail.xml.j2", action="/done") == templating.render(
            "voicemail.xml.j2", action="/done"
        )


def test_render_twiml_has_url_for_and_the_apps_context_processors(tmp_path: Path) -> None:
    app, twiml = an_app(tmp_path)
    app.context_processor(lambda: {"company": "Tom & Jerry"})
    write_template(
        tmp_path,
        "hello.xml.j2",
        "<Response><Say>{{ company }}</Say><Redirect>{{ url_for('menu') }}</Redirect></Response>",
    )

    @app.post("/menu")
    @twiml.webhook
    def menu() -> str:
        return twiml.render_twiml("hello.xml.j2")

    assert signed_post(app.test_client(), "/menu").get_data(as_text=True) == (
        "<Response><Say>Tom &amp; Jerry</Say><Redirect>/menu</Redirect></Response>"
    )


def test_flasks_render_template_escapes_twiml_templates_and_only_them(tmp_path: Path) -> None:
    app, _ = an_app(tmp_path)
    names = ["say.xml.j2", "say.twiml.j2", "say.twiml", "SAY2.XML.J2", "Say3.TwiML"]
    for name in names:
        write_template(tmp_path, name, "<Response><Say>{{ text }}</Say></Response>")
    write_template(tmp_path, "page.html", "<p>{{ text }}</p>")
    write_template(tmp_path, "notes.txt", "{{ text }} {{ flag }}")
    hostile = "</Say><Hangup/>\x1b"
    with app.test_request_context():
        for name in names:
            assert render_template(name, text=hostile) == (
                "<Response><Say>&lt;/Say&gt;&lt;Hangup/&gt;\ufffd</Say></Response>"
            )
        assert render_template("page.html", text="<b>") == "<p>&lt;b&gt;</p>"
        assert render_template("notes.txt", text="<b>\x1b", flag=True) == "<b>\x1b True"


def test_request_values_are_read_inside_a_view(tmp_path: Path) -> None:
    app, twiml = an_app(tmp_path)

    @app.post("/echo")
    @twiml.webhook
    def echo() -> voice.Response:
        return voice.Response(voice.Say(request.form["Digits"]))

    answer = signed_post(app.test_client(), "/echo", {"Digits": "1 & 2"})
    assert answer.get_data(as_text=True) == "<Response><Say>1 &amp; 2</Say></Response>"


def test_a_view_may_add_a_status_and_headers_as_in_flask(tmp_path: Path) -> None:
    app, twiml = an_app(tmp_path)

    @app.post("/both")
    @twiml.webhook
    def both() -> tuple[voice.Response, int, dict[str, str]]:
        return voice.Response(voice.Hangup()), 201, {"X-Flow": "end"}

    @app.post("/headers")
    @twiml.webhook
    def headers() -> tuple[str, dict[str, str]]:
        return "<Response><Hangup/></Response>", {"X-Flow": "end"}

    @app.post("/checked")
    @twiml.webhook
    def checked() -> tuple[str, int]:
        return "<Response><Sya/></Response>", 200

    client = app.test_client()
    answer = signed_post(client, "/both")
    assert (answer.status_code, answer.headers["X-Flow"], answer.content_type) == (
        201,
        "end",
        "text/xml; charset=utf-8",
    )
    assert answer.get_data(as_text=True) == "<Response><Hangup/></Response>"
    answer = signed_post(client, "/headers")
    assert (answer.status_code, answer.headers["X-Flow"]) == (200, "end")
    with pytest.raises(TwimlTemplateError):  # the TwiML in a tuple is checked all the same
        signed_post(client, "/checked")


def test_render_twiml_has_the_apps_own_filters_tests_and_globals(tmp_path: Path) -> None:
    app, twiml = an_app(tmp_path)
    write_template(
        tmp_path,
        "brand.xml.j2",
        "<Response><Say>{{ brand }} {{ '1234'|spaced }}{% if 3 is odd_number %} odd{% endif %}"
        "</Say></Response>",
    )
    app.jinja_env.globals["brand"] = "Example & Co"

    @app.template_filter("spaced")
    def spaced(text: str) -> str:
        return " ".join(text)

    @app.template_test("odd_number")
    def odd_number(n: int) -> bool:
        return n % 2 == 1

    with app.test_request_context():
        assert twiml.render_twiml("brand.xml.j2") == (
            "<Response><Say>Example &amp; Co 1 2 3 4 odd</Say></Response>"
        )
