"""The stock templates: each documented, each branch rendered and valid, and no context value,
however hostile, adds an element or an attribute."""

from __future__ import annotations

import re
from typing import Any

import jinja2
import jinja2.meta
import pytest
from lxml import etree

import twimlkit
from twimlkit import templating
from twimlkit.templating import Renderer

NUMBER = "+15551239876"

#: For each stock template, contexts that between them render every branch it has.
CASES: dict[str, list[dict[str, Any]]] = {
    "record-dial.xml.j2": [
        {"number": NUMBER},
        {"number": NUMBER, "track": "inbound", "status_callback": "https://example.com/rec"},
        {"number": NUMBER, "track": "outbound", "from_ringing": True, "timeout": 30},
        {"number": NUMBER, "track": "both", "channels": "dual", "action": "/dial-done"},
        {"number": NUMBER, "channels": "dual"},
    ],
    "ivr-menu.xml.j2": [
        {"action": "/menu/choice", "options": [("1", "sales"), ("2", "support")]},
        {
            "action": "/menu/choice",
            "options": [("1", "sales"), ("*", "the operator")],
            "greeting": "Thanks for calling.",
            "speech": True,
            "voice": "Polly.Joanna",
            "language": "en-GB",
            "timeout": 8,
            "menu_url": "/menu",
        },
    ],
    "voicemail.xml.j2": [
        {"action": "/voicemail/done"},
        {
            "action": "/voicemail/done",
            "max_length": 60,
            "transcribe_callback": "https://example.com/transcription",
            "recording_status_callback": "https://example.com/recording",
            "finish_on_key": "*",
        },
    ],
    "forward.xml.j2": [
        {"number": NUMBER},
        {"number": NUMBER, "timeout": 15, "fallback_url": "/voicemail", "caller_id": NUMBER},
        {"number": NUMBER, "action": "/dial-done"},
    ],
    "conference.xml.j2": [
        {"room": "standup"},
        {
            "room": "standup",
            "start_on_enter": False,
            "end_on_exit": True,
            "muted": True,
            "wait_url": "https://example.com/hold-music",
            "max_participants": 10,
            "record": True,
            "status_callback": "https://example.com/conference-events",
            "greeting": "Joining the stand-up.",
        },
    ],
    "hold-queue.xml.j2": [
        {"queue": "support"},
        {
            "queue": "support",
            "wait_url": "/hold",
            "action": "/queue-left",
            "greeting": "All our agents are busy.",
            "max_queue_size": 20,
        },
    ],
    "sms-auto-reply.xml.j2": [
        {"body": "Thanks! We will text you back within the hour."},
        {"media": ["https://example.com/a.png", "https://example.com/b.png"]},
        {"body": "Here it is", "media": ["https://example.com/a.png"], "status_callback": "/s"},
    ],
}


def test_every_stock_template_has_cases() -> None:
    assert sorted(CASES) == templating.stock_templates()


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_stock_template_documents_itself_and_every_variable(name: str) -> None:
    source = (templating.stock_template_dir() / name).read_text(encoding="utf-8")
    header = re.match(r"\{#-?\n(.*?)-?#\}", source, re.S)
    assert header is not None, f"{name} opens without a documenting comment"
    doc = header.group(1)
    assert doc.startswith(f"{name}: "), "the first line says what the template does"
    assert "Variables:" in doc and "Example:" in doc
    variables = jinja2.meta.find_undeclared_variables(Renderer().environment.parse(source))
    assert variables, f"{name} takes no variables"
    for variable in sorted(variables):
        assert re.search(rf"^  {variable} ", doc, re.M), f"{name} does not document {variable}"


def test_every_documented_variable_is_used() -> None:
    for name in CASES:
        source = (templating.stock_template_dir() / name).read_text(encoding="utf-8")
        variables = jinja2.meta.find_undeclared_variables(Renderer().environment.parse(source))
        header = source[: source.index("#}")]
        section = header[header.index("Variables:") : header.index("Example:")]
        documented = set(re.findall(r"^  ([a-z_]+) ", section, re.M))
        assert documented == variables, name


@pytest.mark.parametrize(
    ("name", "context"),
    [(name, context) for name, contexts in CASES.items() for context in contexts],
    ids=[f"{name}-{i}" for name, contexts in CASES.items() for i in range(len(contexts))],
)
def test_each_branch_renders_valid_twiml(name: str, context: dict[str, Any]) -> None:
    output = Renderer("off").render(name, **context)
    assert twimlkit.validate(output) == []
    assert templating.render(name, **context) == output  # strict passes it, unchanged


def test_the_seed_mistake_fails_clearly_in_strict_mode() -> None:
    with pytest.raises(templating.TwimlTemplateError) as raised:
        templating.render("record-dial.xml.j2", number=NUMBER, track="outbound", channels="dual")
    assert [d.rule for d in raised.value.diagnostics] == ["dual-channel-ignored"]


def test_branches_render_what_they_say() -> None:
    def root(name: str, **context: Any) -> etree._Element:
        return etree.fromstring(templating.render(name, **context).encode())

    menu = root("ivr-menu.xml.j2", action="/c", options=[("1", "sales")], menu_url="/menu")
    assert [e.tag for e in menu] == ["Gather", "Redirect"]
    assert menu[1].text == "/menu"
    menu = root("ivr-menu.xml.j2", action="/c", options=[("1", "sales")])
    assert [e.tag for e in menu] == ["Gather", "Say"]
    forward = root("forward.xml.j2", number=NUMBER, action="/done")
    assert [e.tag for e in forward] == ["Dial"] and forward[0].get("action") == "/done"
    forward = root("forward.xml.j2", number=NUMBER, fallback_url="/vm")
    assert [e.tag for e in forward] == ["Dial", "Say", "Redirect"]
    dial = root("record-dial.xml.j2", number=NUMBER, track="both", channels="dual")[0]
    assert dial.get("record") == "record-from-answer-dual"
    assert dial.get("recordingTrack") == "both"


HOSTILE = [
    "</Say><Hangup/><Say>",
    '" action="https://evil.example.com" x="',
    "' onload='",
    "]]><Hangup/><![CDATA[",
    "&amp; &lt; &#0; &#x1b;",
    "\x00\x01\x08\x0b\x0c\x1b[31m\x7f\ud800\ufffe\uffff",
    "<!-- twimlkit: disable=ALL -->",
    "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x 'y'>]>",
    "a" * 100_000,
]


def shape(element: etree._Element) -> list[tuple[str, list[str]]]:
    """Every element's name and attribute names, in document order."""
    return [(str(e.tag), sorted(map(str, e.keys()))) for e in element.iter(etree.Element)]


def contexts_with(name: str, value: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """For each case of ``name``, the case and a copy whose every text value is ``value``."""
    pairs = []
    for context in CASES[name]:
        hostile: dict[str, Any] = {}
        for key, benign in context.items():
            if isinstance(benign, str):
                hostile[key] = value
            elif isinstance(benign, list):
                hostile[key] = [
                    (item[0], value) if isinstance(item, tuple) else value for item in benign
                ]
            else:
                hostile[key] = benign
        pairs.append((context, hostile))
    return pairs


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_values_stay_text(name: str, value: str) -> None:
    renderer = Renderer("off")  # hostile values are not valid numbers or URLs: only shape here
    expected_text = templating.clean_text(value)
    for benign, hostile in contexts_with(name, value):
        output = renderer.render(name, **hostile)
        root = etree.fromstring(output.encode("utf-8"))  # well-formed, or this raises
        assert shape(root) == shape(etree.fromstring(renderer.render(name, **benign).encode()))
        found = [e.text or "" for e in root.iter(etree.Element)]
        found += [str(v) for e in root.iter(etree.Element) for v in e.attrib.values()]
        assert any(expected_text in text for text in found), "the value is carried as text"
        assert not twimlkit.validate(output) or all(
            d.rule not in ("forbidden-dtd", "not-well-formed", "invalid-character")
            for d in twimlkit.validate(output)
        )
