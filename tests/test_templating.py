"""twimlkit.templating: escaping, forbidden characters, validation modes, loaders, the cache."""

from __future__ import annotations

import decimal
import enum
import logging
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from lxml import etree
from markupsafe import Markup

import twimlkit
from twimlkit import templating, voice
from twimlkit.templating import Renderer, TwimlTemplateError

SAY = "<Response><Say>{{ text }}</Say></Response>"
SEED = {"number": "+15551239876", "status_callback": "https://example.com/recording-status"}


def said(output: str) -> str:
    say = etree.fromstring(output.encode()).find("Say")
    assert say is not None
    return say.text or ""


def test_values_are_text_however_they_look() -> None:
    hostile = '</Say><Hangup/><Say a="1">&amp; "quoted" \'single\' ]]>'
    output = templating.render_string(SAY, text=hostile)
    root = etree.fromstring(output.encode())
    assert [child.tag for child in root] == ["Say"]
    assert said(output) == hostile


def test_a_value_cannot_add_an_attribute() -> None:
    renderer = Renderer("off")  # the loop value is wrong on purpose: checked by parsing
    output = renderer.render_string(
        '<Response><Play loop="{{ n }}">x</Play></Response>', n='2" a="1'
    )
    play = etree.fromstring(output.encode()).find("Play")
    assert play is not None
    assert play.get("loop") == '2" a="1' and len(play.attrib) == 1


def test_forbidden_characters_become_the_replacement_character() -> None:
    output = templating.render_string(SAY, text="a\x00b\x07c\x1bd\ufffee\ud800f\tg")
    assert said(output) == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\tg"


def test_forbidden_characters_in_markup_are_replaced_and_it_stays_markup() -> None:
    output = templating.render_string(SAY, text=Markup("<break/>\x07"))
    say = etree.fromstring(output.encode()).find("Say")
    assert say is not None and [c.tag for c in say] == ["break"]
    assert say[0].tail == "\ufffd"


def test_builder_elements_and_markup_are_inserted_once() -> None:
    output = templating.render_string(
        "<Response>{{ verb }}{{ more }}</Response>",
        verb=voice.Say("Tom & Jerry"),
        more=Markup("<Hangup/>"),
    )
    assert output == "<Response><Say>Tom &amp; Jerry</Say><Hangup/></Response>"


def test_numbers_are_written_as_python_writes_them() -> None:
    output = templating.render_string('<Response><Pause length="{{ n }}"/></Response>', n=3)
    assert output == '<Response><Pause length="3"/></Response>'


def test_an_undefined_variable_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError, match="'text' is undefined"):
        templating.render_string(SAY)


def test_strict_raises_with_the_findings() -> None:
    with pytest.raises(TwimlTemplateError) as raised:
        templating.render("record-dial.xml.j2", **SEED, track="inbound", channels="dual")
    error = raised.value
    assert [d.rule for d in error.diagnostics] == ["dual-channel-ignored"]
    assert all(isinstance(d, twimlkit.Diagnostic) for d in error.diagnostics)
    assert error.template == "record-dial.xml.j2"
    assert "dual-channel-ignored" in str(error) and "record-dial.xml.j2:" in str(error)
    assert 'recordingTrack="inbound"' in error.output


def test_strict_refuses_errors_too() -> None:
    with pytest.raises(TwimlTemplateError) as raised:
        templating.render_string("<Response><Sya>{{ t }}</Sya></Response>", t="hi")
    assert [d.rule for d in raised.value.diagnostics] == ["unknown-element"]
    assert raised.value.template is None


def test_warn_logs_and_returns_the_output(caplog: pytest.LogCaptureFixture) -> None:
    renderer = Renderer("warn")
    with caplog.at_level(logging.WARNING, logger="twimlkit.templating"):
        output = renderer.render("record-dial.xml.j2", **SEED, track="inbound", channels="dual")
    assert 'recordingTrack="inbound"' in output
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1
    assert messages[0].startswith("record-dial.xml.j2:") and "TK203" in messages[0]


def test_off_checks_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="twimlkit.templating"):
        output = Renderer("off").render_string("<Response><Sya/></Response>")
    assert output == "<Response><Sya/></Response>"
    assert caplog.records == []


def test_an_unknown_validation_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="validation must be one of off, warn, strict"):
        Renderer("loud")  # type: ignore[arg-type]


def test_the_seed_template_renders_each_track() -> None:
    for track in ("inbound", "outbound", "both"):
        output = templating.render("record-dial.xml.j2", **SEED, track=track)
        dial = etree.fromstring(output.encode()).find("Dial")
        assert dial is not None and dial.get("recordingTrack") == track
        assert twimlkit.validate(output) == []


def test_own_folders_come_first_and_stock_templates_stay_reachable(tmp_path: Path) -> None:
    (tmp_path / "record-dial.xml.j2").write_text("<Response><Say>{{ who }}</Say></Response>")
    renderer = Renderer(search_path=[tmp_path])
    assert (
        renderer.render("record-dial.xml.j2", who="mine") == "<Response><Say>mine</Say></Response>"
    )
    stock = renderer.render("twimlkit/record-dial.xml.j2", **SEED)
    assert "<Dial" in stock
    with pytest.raises(jinja2.TemplateNotFound):
        renderer.render("nothing-here.xml.j2")


def test_every_template_is_escaped_whatever_its_name(tmp_path: Path) -> None:
    for name in ("a.html", "b.txt", "c", "d.xml.j2"):
        (tmp_path / name).write_text(SAY)
        output = Renderer(search_path=tmp_path).render(name, text="<Hangup/>")
        assert said(output) == "<Hangup/>"


def test_a_loader_of_your_own(tmp_path: Path) -> None:
    renderer = Renderer(loader=jinja2.DictLoader({"a.xml.j2": SAY}))
    assert said(renderer.render("a.xml.j2", text="x")) == "x"
    assert "<Dial" in renderer.render("twimlkit/record-dial.xml.j2", **SEED)


def test_render_string_cache_is_bounded() -> None:
    renderer = Renderer(cache_size=2)
    first = renderer.from_string(SAY)
    assert renderer.from_string(SAY) is first
    renderer.from_string("<Response/>")
    renderer.from_string("<Response><Hangup/></Response>")
    assert renderer.from_string(SAY) is not first  # the oldest was let go
    with pytest.raises(ValueError, match="cache_size"):
        Renderer(cache_size=0)


def test_stock_templates_are_listed() -> None:
    assert "record-dial.xml.j2" in templating.stock_templates()


class Track(str, enum.Enum):
    INBOUND = "inbound"


class Shouty(str):
    def __str__(self) -> str:
        return self.upper()


def test_values_are_written_as_the_builder_writes_them() -> None:
    renderer = Renderer("off")
    source = "{{ yes }} {{ no }} {{ track }} {{ tiny }} {{ big }} {{ n }} {{ shouty }}"
    output = renderer.render_string(
        source,
        yes=True,
        no=False,
        track=Track.INBOUND,
        tiny=1e-7,
        big=decimal.Decimal("1E+3"),
        n=7,
        shouty=Shouty("quiet"),
    )
    assert output == "true false inbound 0.0000001 1000 7 quiet"


def test_a_boolean_attribute_from_python_validates() -> None:
    output = templating.render_string(
        '<Response><Dial record="{{ record }}" recordingTrack="{{ track }}">'
        "<Number>+15551239876</Number></Dial></Response>",
        record=True,
        track=Track.INBOUND,
    )
    assert 'record="true" recordingTrack="inbound"' in output


def test_a_builder_element_is_written_once() -> None:
    calls = []

    class Counting(voice.Say):
        def to_xml(self, *, pretty: bool = False) -> str:
            calls.append(1)
            return super().to_xml(pretty=pretty)

    templating.render_string("<Response>{{ say }}</Response>", say=Counting("hi"))
    assert len(calls) == 1


def test_xmlattr_writes_values_as_text_and_refuses_keys_that_are_not_names() -> None:
    renderer = Renderer("off")
    source = "<Response><Say{{ attributes|xmlattr }}>hi</Say></Response>"
    output = renderer.render_string(
        source, attributes={"voice": "alice", "loop": 2, "x": True, "n": None, "q": '\x1b<"'}
    )
    assert output == (
        '<Response><Say voice="alice" loop="2" x="true" q="\ufffd&lt;&#34;">hi</Say></Response>'
    )
    for key in ('a"b', "a b", "a>", "1a", ""):
        with pytest.raises(ValueError, match="is not an attribute name"):
            renderer.render_string(source, attributes={key: "c"})


def test_warn_mode_traces_a_template_once_however_often_it_has_findings(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Findings are moved to the template's lines by a traced render; the traced template is
    # compiled once a thread, not once a render (warn mode logs findings render after render).
    loaded: list[str] = []

    class Counting(jinja2.DictLoader):
        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, None, Callable[[], bool]]:
            loaded.append(template)
            return super().get_source(environment, template)

    source = '<Response>\n  <Pause length="{{ n }}"/>\n  <Sya/>\n</Response>'
    renderer = Renderer("warn", loader=Counting({"bad.xml.j2": source}))
    with caplog.at_level(logging.WARNING, logger="twimlkit.templating"):
        for n in (1, 2, 3):
            renderer.render("bad.xml.j2", n=n)
    assert loaded == ["bad.xml.j2", "bad.xml.j2"]  # the template, and once traced
    assert [r.getMessage().split(" ")[0] for r in caplog.records] == ["bad.xml.j2:3:3:"] * 3
