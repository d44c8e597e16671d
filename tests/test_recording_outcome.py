"""twimlkit.recording.outcome reproduces every row of the outcome table of Twilio's
single-party call recording feature, read here from the seed document itself."""

from __future__ import annotations

import re

import pytest
from conftest import SHARED

from twimlkit.recording import Outcome, outcome

SEED = SHARED / "seed" / "single-party-call-recordings.txt"
ROW = re.compile(r"^(-|inbound|outbound|both) \| (-|mono|dual)(?: \(→ mono\))? \| (.+) \|$")


def seed_rows() -> list[tuple[str | None, str | None, str]]:
    if not SEED.is_file():
        return []
    rows = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line.strip())
        if match:
            track, channels, text = match.groups()
            rows.append(
                (None if track == "-" else track, None if channels == "-" else channels, text)
            )
    return rows


def expected(text: str) -> Outcome:
    """The outcome as the seed's words describe it."""
    both = "inbound and the outbound audio" in text
    tracks = (
        ("inbound", "outbound")
        if both
        else (("inbound",) if "inbound audio" in text else ("outbound",))
    )
    two = "two separate channels" in text
    assert two or "single channel" in text
    return Outcome(
        tracks,  # type: ignore[arg-type]
        2 if two else 1,
        mixed=both and not two,
        channels_ignored="will be ignored and automatically set to mono" in text,
    )


ROWS = seed_rows()


def test_the_seed_table_has_twelve_rows() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed not found at {SEED}")
    assert len(ROWS) == 12
    assert len({(track, channels) for track, channels, _ in ROWS}) == 12


@pytest.mark.parametrize(("track", "channels", "text"), ROWS, ids=[f"{t}-{c}" for t, c, _ in ROWS])
def test_outcome_matches_the_seed_row(track: str | None, channels: str | None, text: str) -> None:
    assert outcome(track, channels) == expected(text)


@pytest.mark.parametrize(
    ("track", "channels", "words"),
    [
        ("inbund", None, "recording track 'inbund' is not one of inbound, outbound, both"),
        (None, "stereo", "recording channels 'stereo' is not one of mono, dual"),
        ("Inbound", "mono", "'Inbound'"),
    ],
)
def test_invalid_values_raise(track: str | None, channels: str | None, words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        outcome(track, channels)
