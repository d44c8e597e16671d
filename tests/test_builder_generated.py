"""The generated builder modules: fresh, complete against twilio-python 9.13, and typed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO
from test_schema_files import twilio_edges

from twimlkit import messaging, voice
from twimlkit.builder import Element
from twimlkit.schema import model


def test_committed_modules_are_what_the_schema_generates() -> None:
    pytest.importorskip("ruff")
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "generate_builder.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("module", [voice, messaging], ids=["voice", "messaging"])
def test_every_twilio_python_element_and_keyword_exists(module: object) -> None:
    twilio = pytest.importorskip("twilio")
    assert twilio.__version__ == "9.13.0"
    import inspect

    from twilio.twiml import TwiML
    from twilio.twiml.messaging_response import MessagingResponse
    from twilio.twiml.voice_response import VoiceResponse

    response = VoiceResponse() if module is voice else MessagingResponse()
    ours: dict[type, type[Element]] = {type(response): module.ROOT}  # type: ignore[attr-defined]
    problems = []
    checked = 0
    for parent, tag, child, attrs in twilio_edges(response):
        by_tag = {cls.tag: cls for cls in ours[parent]._allowed}
        cls = by_tag.get(tag)
        if cls is None and tag in model("voice" if module is voice else "messaging").retired:
            continue  # Twilio no longer runs it: the builder leaves it out
        if cls is None:
            problems.append(f"no <{tag}> inside {ours[parent].__name__}")
            continue
        ours.setdefault(child, cls)
        keywords = {a.name: a.keyword for a in cls.attributes()}
        # twilio-python's keyword for each attribute: the builder method's parameter names.
        method_keywords = {
            p
            for name, m in vars(parent).items()
            if callable(m) and not name.startswith("_")
            for p in inspect.signature(m).parameters
        }
        for attribute in attrs:
            checked += 1
            if attribute not in keywords:
                problems.append(f"<{tag}> lacks attribute {attribute}")
            elif keywords[attribute] not in method_keywords and attribute not in method_keywords:
                # twilio-python spells four ConversationRelay keywords in camelCase
                # (speechTimeout, ...); twimlkit keeps snake_case for every keyword.
                problems.append(f"<{tag}> {attribute}: keyword {keywords[attribute]!r}")
        assert issubclass(child, TwiML)
    assert problems == []
    assert checked > (250 if module is voice else 5)


def run_mypy(tmp_path: Path, code: str) -> str:
    pytest.importorskip("mypy")
    path = tmp_path / "snippet.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    return done.stdout


def test_mypy_accepts_correct_builder_code(tmp_path: Path) -> None:
    out = run_mypy(
        tmp_path,
        """
        from twimlkit.voice import Dial, Gather, Number, Response, Say
        doc = Response(
            Dial(Number("+15551239876"), record="record-from-answer", recording_track="inbound"),
            Gather(Say("Press 1"), input=["dtmf", "speech"], timeout=5, speech_timeout="auto"),
        )
        print(doc.to_xml())
    """,
    )
    assert "Success" in out, out


def test_mypy_rejects_a_misspelt_value_and_an_illegal_child(tmp_path: Path) -> None:
    out = run_mypy(
        tmp_path,
        """
        from twimlkit.voice import Dial, Gather, Number, Response
        Dial(recording_track="inbund")
        Response(Number("+15551239876"))
        Gather(Dial())
        Gather(input=["dtmf", "voice"])
    """,
    )
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["3", "4", "5", "6"], out
    assert "Literal['inbund']" in errors[0]


@pytest.mark.parametrize("module", [voice, messaging], ids=["voice", "messaging"])
def test_each_generated_constructor_takes_its_attributes_in_order(module: object) -> None:
    # The run-time constructor hands its values on by position, in the order of attributes().
    import inspect

    classes = [
        c
        for c in vars(module).values()
        if isinstance(c, type) and issubclass(c, Element) and c.__module__ != "twimlkit.builder"
    ]
    assert len(classes) > 5
    for cls in classes:
        parameters = inspect.signature(cls.__init__).parameters.values()
        keywords = [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]
        assert keywords == [*(a.keyword for a in cls.attributes()), "extra_attributes"], cls
        assert "__init__" in vars(cls), cls
