"""RecordingStatus: what Twilio posts to a recordingStatusCallback, typed and checked."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from conftest import ACCOUNT_SID as ACCOUNT
from conftest import CALL_SID as CALL
from conftest import COMPLETED_RECORDING as COMPLETED
from conftest import RECORDING_SID as RECORDING
from conftest import RECORDING_URL as URL
from conftest import recording_form as form

from twimlkit.recording import TRACKS, RecordingStatus

CONFERENCE = "CF" + "ab" * 16


def test_a_completed_dial_recording_is_read_whole() -> None:
    assert RecordingStatus.from_form(COMPLETED) == RecordingStatus(
        account_sid=ACCOUNT,
        recording_sid=RECORDING,
        recording_url=URL,
        status="completed",
        channels=1,
        source="DialVerb",
        start_time=datetime(2026, 3, 10, 15, 4, 5, tzinfo=timezone.utc),
        call_sid=CALL,
        conference_sid=None,
        track="inbound",
        duration=42,
        error_code=0,
    )


def test_it_is_frozen() -> None:
    status = RecordingStatus.from_form(COMPLETED)
    with pytest.raises(AttributeError):
        status.track = "both"  # type: ignore[misc]


@pytest.mark.parametrize("track", TRACKS)
def test_each_track_the_recording_module_knows_is_read(track: str) -> None:
    assert RecordingStatus.from_form(form(RecordingTrack=track)).track == track


@pytest.mark.parametrize("absent", [None, ""])
def test_a_track_not_given_is_none(absent: str | None) -> None:
    assert RecordingStatus.from_form(form(RecordingTrack=absent)).track is None


@pytest.mark.parametrize("track", ["Inbound", "both ", "caller", "dual"])
def test_a_track_outside_the_known_ones_is_refused_by_name(track: str) -> None:
    with pytest.raises(ValueError) as raised:
        RecordingStatus.from_form(form(RecordingTrack=track))
    assert str(raised.value) == (
        f"recording status callback: RecordingTrack {track!r} is not one of inbound, outbound, both"
    )


def test_open_value_lists_are_kept_as_they_come() -> None:
    status = RecordingStatus.from_form(
        form(RecordingStatus="paused", RecordingSource="StartCallRecordingTwiML")
    )
    assert (status.status, status.source) == ("paused", "StartCallRecordingTwiML")


def test_an_absent_recording_has_no_duration_and_its_error_code() -> None:
    status = RecordingStatus.from_form(
        form(RecordingStatus="absent", RecordingDuration=None, ErrorCode="16101")
    )
    assert (status.status, status.duration, status.error_code) == ("absent", None, 16101)


def test_a_conference_recording_may_name_no_call() -> None:
    status = RecordingStatus.from_form(
        form(CallSid=None, ConferenceSid=CONFERENCE, RecordingSource="Conference")
    )
    assert (status.call_sid, status.conference_sid) == (None, CONFERENCE)


def test_dual_channels_are_two() -> None:
    assert (
        RecordingStatus.from_form(form(RecordingChannels="2", RecordingTrack="both")).channels == 2
    )


def test_the_start_time_keeps_its_zone_and_minus_zero_is_utc() -> None:
    east = RecordingStatus.from_form(form(RecordingStartTime="Tue, 10 Mar 2026 15:04:05 +0200"))
    assert east.start_time.utcoffset() == timedelta(hours=2)
    unknown = RecordingStatus.from_form(form(RecordingStartTime="Tue, 10 Mar 2026 15:04:05 -0000"))
    assert unknown.start_time == datetime(2026, 3, 10, 15, 4, 5, tzinfo=timezone.utc)


def not_a_sid(value: str, prefix: str) -> str:
    return f"{value!r} is not a SID ({prefix} and 32 hexadecimal digits)"


MALFORMED: list[tuple[dict[str, str | None], str]] = [
    ({"RecordingSid": None}, "RecordingSid is missing"),
    ({"AccountSid": ""}, "AccountSid is missing"),
    ({"RecordingChannels": None}, "RecordingChannels is missing"),
    ({"RecordingStartTime": None}, "RecordingStartTime is missing"),
    ({"CallSid": None}, "CallSid is missing"),
    ({"RecordingSid": CALL}, f"RecordingSid {not_a_sid(CALL, 'RE')}"),
    ({"AccountSid": "AC123"}, f"AccountSid {not_a_sid('AC123', 'AC')}"),
    ({"CallSid": "CA" + "g" * 32}, f"CallSid {not_a_sid('CA' + 'g' * 32, 'CA')}"),
    ({"ConferenceSid": "CFxyz"}, f"ConferenceSid {not_a_sid('CFxyz', 'CF')}"),
    ({"RecordingDuration": "4.5"}, "RecordingDuration '4.5' is not a whole number"),
    ({"RecordingDuration": "-3"}, "RecordingDuration '-3' is not a whole number"),
    ({"ErrorCode": "\u0661\u0662"}, "ErrorCode '\u0661\u0662' is not a whole number"),
    ({"RecordingChannels": "dual"}, "RecordingChannels 'dual' is not a whole number"),
    ({"RecordingChannels": "3"}, "RecordingChannels 3 is not 1 or 2"),
    (
        {"RecordingStartTime": "2026-03-10T15:04:05Z"},
        "RecordingStartTime '2026-03-10T15:04:05Z' is not an RFC 2822 date",
    ),
    ({"RecordingUrl": "/Recordings/RE1"}, "RecordingUrl '/Recordings/RE1' is not a URL"),
    ({"RecordingUrl": "x" * 100}, f"RecordingUrl {'x' * 57 + '...'!r} is not a URL"),
]


@pytest.mark.parametrize(("changes", "message"), MALFORMED)
def test_a_malformed_form_is_refused_naming_the_field(
    changes: dict[str, str | None], message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        RecordingStatus.from_form(form(**changes))
    assert str(raised.value) == f"recording status callback: {message}"
