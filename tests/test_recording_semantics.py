"""The seed's recording semantics are written once, in twimlkit.recording: the TwiML rules and
the REST linter ask it, and say the same thing in their own spelling."""

from __future__ import annotations

import ast
import re

import pytest
from conftest import REPO

from twimlkit import rest, validate

PACKAGE = REPO / "twimlkit"
# A quoted track name next to another one: a hand-written list of tracks.
TRACK_LIST = re.compile(
    r"""["'](inbound|outbound|both)["']\s*,\s*["'](inbound|outbound|both)["']"""
)


def imported_modules(name: str) -> set[str]:
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
            found.update("." * node.level + alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


# recording.py reads the tracks from the schema; the builder modules and the schema model
# (model_data.py) are generated from it.
READ_FROM_THE_SCHEMA = {"recording.py", "voice.py", "messaging.py", "model_data.py"}


def test_no_module_but_recording_lists_the_tracks() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name not in READ_FROM_THE_SCHEMA
        and TRACK_LIST.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "module",
    [
        "rules/recording_track_without_record.py",
        "rules/recording_track_unsupported.py",
        "rules/dual_channel_ignored.py",
        "rest.py",
    ],
)
def test_the_seed_rules_and_rest_ask_the_recording_module(module: str) -> None:
    assert {"..recording", ".recording"} & imported_modules(module)


def test_data_flows_one_way() -> None:
    assert not {".rules", ".rest", "twimlkit.rules", "twimlkit.rest"} & imported_modules(
        "recording.py"
    )
    assert not {".rules", "twimlkit.rules"} & imported_modules("rest.py")


def explanation(message: str) -> str:
    """A message with the settings it quotes (name=value, name="value") taken out."""
    return re.sub(r"\S+=\S+", "_", message)


def test_track_without_record_is_worded_the_same_in_twiml_and_rest() -> None:
    (in_twiml,) = validate(
        '<Response><Dial recordingTrack="inbound">+15551239876</Dial></Response>'
    )
    (in_rest,) = rest.lint("calls.create", {"recording_track": "inbound"})
    assert in_twiml.rule == in_rest.rule == "recording-track-without-record"
    assert 'recordingTrack="inbound"' in in_twiml.message
    assert "recording_track='inbound'" in in_rest.message
    assert "record is not set" in in_twiml.message and "record is not set" in in_rest.message
    assert "chooses a track, but nothing is recorded" in in_twiml.message
    assert "chooses a track, but nothing is recorded" in in_rest.message


def test_dual_channels_ignored_is_worded_the_same_in_twiml_and_rest() -> None:
    (in_twiml,) = validate(
        "<Response><Start>"
        '<Recording channels="dual" track="outbound"/>'
        "</Start><Dial>+15551239876</Dial></Response>"
    )
    (in_rest,) = rest.lint(
        "calls.recordings.create", {"recording_channels": "dual", "recording_track": "outbound"}
    )
    assert in_twiml.rule == in_rest.rule == "dual-channel-ignored"
    assert explanation(in_twiml.message) == explanation(in_rest.message)
    assert "recording_channels='mono'" in in_rest.message
    assert 'channels="mono"' in in_twiml.message
