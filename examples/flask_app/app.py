"""A phone menu that puts the caller through to sales or support and records the call.

One call, four webhooks, each answered a different way:

1. ``POST /voice``: the call comes in; the menu (``<Gather>``) is made with the builder.
2. ``POST /menu``: the caller's key. A department's key connects the call with a recorded
   ``<Dial>`` (the stock template ``record-dial.xml.j2``; only the caller's side, the inbound
   track, is recorded); any other key is answered with the app's own template,
   ``templates/not-an-option.xml.j2``, which sends the caller back to the menu.
3. ``POST /call-ended``: the ``<Dial>`` is over; the builder says goodbye.
4. ``POST /recording-status``: Twilio's recording status callback, read with
   :class:`twimlkit.recording.RecordingStatus` and kept in ``app.extensions["recordings"]``;
   answered 204 No Content.

Run it (``TWIMLKIT_PUBLIC_URL`` is the URL Twilio requests, here a tunnel's)::

    pip install 'twimlkit[flask]'
    export TWILIO_AUTH_TOKEN=... TWIMLKIT_PUBLIC_URL=https://abc.ngrok.app
    flask --app examples/flask_app/app.py run

and point a number's voice webhook at ``https://abc.ngrok.app/voice``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, abort, request, url_for

from twimlkit import voice
from twimlkit.flask import TwimlKit
from twimlkit.recording import RecordingStatus

#: The menu: a key, the department it stands for and the number that answers there.
DEPARTMENTS = {"1": ("sales", "+15551230001"), "2": ("support", "+15551230002")}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app, configured from the environment, then from ``config``."""
    app = Flask(__name__)
    app.config.update(
        TWILIO_AUTH_TOKEN=os.environ.get("TWILIO_AUTH_TOKEN"),
        TWIMLKIT_PUBLIC_URL=os.environ.get("TWIMLKIT_PUBLIC_URL"),
        DEPARTMENTS=DEPARTMENTS,
    )
    app.config.update(config or {})
    twiml = TwimlKit(app)
    recordings: list[RecordingStatus] = []
    app.extensions["recordings"] = recordings
    departments: Mapping[str, tuple[str, str]] = app.config["DEPARTMENTS"]

    @app.post("/voice")
    @twiml.webhook
    def incoming_call() -> voice.Response:
        menu = voice.Gather(action=url_for("choice"), method="POST", num_digits=1, timeout=5)
        for key, (name, _) in departments.items():
            menu.append(voice.Say(f"For {name}, press {key}."))
        return voice.Response(
            voice.Say("Thanks for calling."), menu, voice.Redirect(url_for("incoming_call"))
        )

    @app.post("/menu")
    @twiml.webhook
    def choice() -> str:
        digits = request.form.get("Digits", "")
        if digits not in departments:
            return twiml.render_twiml(
                "not-an-option.xml.j2", digits=digits, menu=url_for("incoming_call")
            )
        _, number = departments[digits]
        return twiml.render_twiml(
            "record-dial.xml.j2",
            number=number,
            track="inbound",
            status_callback=url_for("recording_status"),
            action=url_for("call_ended"),
        )

    @app.post("/call-ended")
    @twiml.webhook
    def call_ended() -> voice.Response:
        return voice.Response(voice.Say("Thank you for calling. Goodbye."), voice.Hangup())

    @app.post("/recording-status")
    @twiml.webhook
    def recording_status() -> None:
        try:
            status = RecordingStatus.from_form(request.form)
        except ValueError as error:
            abort(400, str(error))
        recordings.append(status)
        app.logger.info(
            "recording %s of call %s: %s, track %s, %s s",
            status.recording_sid,
            status.call_sid,
            status.status,
            status.track,
            status.duration,
        )
        return None

    return app
