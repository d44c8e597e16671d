"""Whatever it is given, validate() answers with diagnostics: never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twimlkit import validate

TAGS = [
    "Response", "Say", "Dial", "Number", "Gather", "Play", "Message", "Body", "Media",
    "Redirect", "Start", "Stream", "Record", "Conference", "Hangup", "break", "say-as",
    "lang", "Pay", "Prompt", "Sya", "amazon:effect",
]  # fmt: skip
ATTRIBUTES = [
    "action", "timeout", "record", "recordingTrack", "input", "xml:lang", "method", "loop",
    "url", "colour", "digits", "statusCallbackEvent", "channels", "track", "timeLimit",
]  # fmt: skip
VALUES = ["", "1", "-1", "²", "true", "inbound", "dual", "record-from-answer-dual",
          "www.example.com", "wss://a?b", "dtmf speech", "a&amp;b", "\u00e9", "  "]  # fmt: skip
TEXTS = ["", "hi", " ", "\u00a0", "+1555", "415-1", "<!-- twimlkit: disable=nope -->", "<!---->"]


def elements(depth: int) -> st.SearchStrategy[str]:
    children = st.lists(elements(depth - 1), max_size=3) if depth else st.just([])
    return st.builds(
        lambda tag, attrs, kids, text: (
            f"<{tag}"
            + "".join(f' {name}="{value}"' for name, value in attrs.items())
            + f">{text}{''.join(kids)}</{tag}>"
        ),
        st.sampled_from(TAGS),
        st.dictionaries(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES), max_size=3),
        children,
        st.sampled_from(TEXTS),
    )


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(elements(3), st.sampled_from(["", '<?xml version="1.0"?>\n', "<!-- twimlkit: x -->"]))
def test_tag_soup(document: str, prefix: str) -> None:
    assert isinstance(validate(prefix + document), list)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    assert isinstance(validate(data), list)


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_alone_and_inside_response(text: str) -> None:
    assert isinstance(validate(text), list)
    assert isinstance(validate(f"<Response>{text}</Response>"), list)
