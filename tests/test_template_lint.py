"""``twimlkit lint`` on Jinja2 templates: findings at the template's own lines and columns,
stand-in values that are never the template's fault, every branch rendered, syntax and render
errors, suppression comments, and the command line."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, Write

from twimlkit import cli, registry
from twimlkit.diagnostic import Diagnostic, Severity
from twimlkit.template_lint import TEMPLATE_SUFFIXES, is_template, validate_template
from twimlkit.templating import Renderer, TwimlTemplateError, stock_template_dir


def found(template: str) -> list[tuple[int, int, str]]:
    """(line, column, rule) of each finding in the template text."""
    return [(d.line, d.column, d.rule) for d in validate_template(template)]


# -- where findings are reported ---------------------------------------------------------------

MISTAKE_ON_LINE_12 = """\
{#- A template whose output has fewer lines than it: tags and this comment write nothing. -#}
{%- set greeting = greeting | default("Hello") -%}
<?xml version="1.0" encoding="UTF-8"?>
<Response>
  {%- if menu %}
  <Gather action="{{ action }}" numDigits="1">
    {%- for option in options %}
    <Say>Press {{ option.key }} for {{ option.name }}.</Say>
    {%- endfor %}
  </Gather>
  {%- endif %}
  <Say>{{ greeting }}</Say><Dial  recordingTrack="inbund" record="true">{{ number }}</Dial>
</Response>
"""


def test_a_mistake_is_reported_at_its_line_and_column_in_the_template() -> None:
    [diagnostic] = validate_template(MISTAKE_ON_LINE_12)
    assert (diagnostic.rule, diagnostic.line, diagnostic.column) == ("invalid-value", 12, 35)
    assert (diagnostic.end_line, diagnostic.end_column) == (12, 58)
    assert MISTAKE_ON_LINE_12.splitlines()[11][34:57] == 'recordingTrack="inbund"'


def test_a_start_tag_is_reported_from_its_angle_bracket() -> None:
    template = "<Response>\n  {% if x %}\n    <Sya>{{ x }}</Sya>\n  {% endif %}\n</Response>\n"
    assert found(template) == [(3, 5, "unknown-element")]


def test_a_file_is_reported_with_its_path(write: Write) -> None:
    path = write("calls/menu.xml.j2", MISTAKE_ON_LINE_12)
    [diagnostic] = validate_template(path)
    assert (diagnostic.path, diagnostic.line) == (str(path), 12)


def test_line_numbers_in_messages_are_the_templates() -> None:
    template = (
        "{#- two lines\n of comment -#}\n<Response>\n"
        '  <Dial action="/after">{{ number }}</Dial>\n  <Say>never</Say>\n</Response>\n'
    )
    [diagnostic] = validate_template(template)
    assert (diagnostic.rule, diagnostic.line) == ("unreachable-verb", 5)
    assert "the <Dial> on line 4 " in diagnostic.message


# -- stand-in values are not the template's fault ------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '<Dial timeout="{{ t }}" timeLimit="{{ limit }}">{{ number }}</Dial>',
        '<Dial action="{{ url }}" method="{{ method }}" record="{{ record }}"><Number>{{ n }}'
        "</Number></Dial>",
        '<Dial recordingTrack="{{ track }}" record="{{ record }}">+15551239876</Dial>',
        '<Record maxLength="{{ seconds }}" action="{{ url }}" trim="{{ trim }}"/>',
        '<Dial callerId="{{ caller.number }}"><Number sendDigits="{{ digits }}">{{ n | trim }}'
        "</Number></Dial>",
        "<Say>{{ greeting }}</Say><Say>{{ greeting | default('') }}</Say>",
        '<Say voice="{{ voice }}" language="{{ language }}" loop="{{ loop }}">Hi</Say>',
        "<Play>{{ audio_url }}</Play><Play>{{ base }}/hold.mp3</Play>",
        '<Gather action="{{ url }}" timeout="{{ seconds | int }}" numDigits="{{ n + 1 }}">'
        "<Say>{{ prompt | upper }}</Say></Gather>",
        '<Connect><Stream url="{{ stream_url }}"/></Connect>',
        "<Enqueue>{{ queue }}</Enqueue>",
        '<Redirect method="POST">{{ next_url }}</Redirect>',
        '<Pay action="{{ pay_url }}"/>',
        "<Dial>{{ number }}</Dial>",
        '<Dial timeout="{{ t }}.0">{{ number }}</Dial>',
        "{% for n in numbers %}<Dial>{{ n }}</Dial>{% endfor %}",
        "<Say>{{ items | join(', ') }} and {{ count | length }} {{ x.y.z() }}</Say>",
        "<Say>{{ name | my_own_filter }}</Say>{% if name is my_own_test %}<Hangup/>{% endif %}",
    ],
)
def test_stand_in_values_cause_no_finding(body: str) -> None:
    assert found(f"<Response>{body}</Response>") == []


def test_messaging_stand_ins_cause_no_finding() -> None:
    template = (
        '<Response><Message to="{{ to }}" action="{{ url }}">{{ body }}'
        "{% for m in media %}<Media>{{ m }}</Media>{% endfor %}</Message></Response>"
    )
    assert found(template) == []


def test_names_and_nesting_are_checked_beside_stand_ins() -> None:
    template = (
        "<Response>\n"
        '  <Dial timout="{{ t }}" callerId="{{ caller }}">{{ number }}</Dial>\n'
        "  <Sya>{{ text }}</Sya>\n"
        '  <Gather action="{{ url }}"><Dial>{{ n }}</Dial></Gather>\n'
        "</Response>\n"
    )
    assert found(template) == [
        (2, 9, "unknown-attribute"),
        (3, 3, "unknown-element"),
        (4, 30, "invalid-nesting"),
    ]


def test_a_literal_value_beside_a_stand_in_is_still_checked() -> None:
    template = '<Response><Dial timeout="{{ t }}" record="sometimes">{{ n }}</Dial></Response>'
    assert found(template) == [(1, 35, "invalid-value")]


# -- branches ----------------------------------------------------------------------------------


def test_a_mistake_only_in_an_else_branch_is_found() -> None:
    template = (
        "<Response>\n"
        "  {% if caller %}\n"
        "  <Say>Hello {{ caller }}</Say>\n"
        "  {% elif agent %}\n"
        "  <Say>Hi agent</Say>\n"
        "  {% else %}\n"
        "  <Sya>Hello stranger</Sya>\n"
        "  {% endif %}\n"
        "</Response>\n"
    )
    assert found(template) == [(7, 3, "unknown-element")]


def test_tests_of_one_variable_agree_within_a_render() -> None:
    # With an action the <Dial> hands the call over, and the <Say> is left out: a render
    # that took both branches would report unreachable-verb.
    template = (
        "<Response>\n"
        '  <Dial{% if action %} action="{{ action }}"{% endif %}>{{ number }}</Dial>\n'
        "  {% if not action %}<Say>Nobody answered.</Say>{% endif %}\n"
        "</Response>\n"
    )
    assert found(template) == []


def test_a_comparison_with_a_stand_in_goes_both_ways() -> None:
    template = (
        "<Response>\n"
        "  {% if channels == 'dual' %}<Say>two</Say>\n"
        "  {% elif channels == 'mono' %}<Say>one</Say>\n"
        "  {% else %}<Hangup></Hangup><Say>never</Say>{% endif %}\n"
        "</Response>\n"
    )
    assert found(template) == [(4, 30, "unreachable-verb")]


def test_nested_branches_are_reached() -> None:
    template = (
        "<Response>\n"
        "  {% if a %}<Say>a</Say>{% else %}\n"
        "    {% if b %}<Say>b</Say>{% else %}<Sya>neither</Sya>{% endif %}\n"
        "  {% endif %}\n"
        "</Response>\n"
    )
    assert found(template) == [(3, 37, "unknown-element")]


def test_a_branch_that_cannot_be_reached_is_an_info_finding() -> None:
    template = (
        "{%- set greet = false -%}\n"
        "<Response>\n"
        "  {% if greet %}<Sya>Hello</Sya>{% endif %}\n"
        "  {% if true %}<Say>Hi</Say>{% else %}<Sya>never</Sya>{% endif %}\n"
        "</Response>\n"
    )
    diagnostics = validate_template(template)
    assert [(d.line, d.column, d.end_column, d.rule) for d in diagnostics] == [
        (3, 3, 17, "template-branch-not-rendered"),
        (4, 29, 39, "template-branch-not-rendered"),
    ]
    assert all(d.severity is Severity.INFO for d in diagnostics)
    assert "{% if %} branch was never rendered" in diagnostics[0].message
    assert "{% else %} branch was never rendered" in diagnostics[1].message


def test_many_statements_need_few_renders() -> None:
    # One render chooses a branch of every statement at once: 200 statements of three
    # branches each take a handful of renders, not 600.
    many = "".join(
        f"{{% if v{i} == 1 %}}<Say>a</Say>{{% elif v{i} == 2 %}}<Say>b</Say>"
        f"{{% else %}}<Sya/>{{% endif %}}\n"
        for i in range(200)
    )
    diagnostics = validate_template(f"<Response>\n{many}</Response>")
    assert [(d.line, d.rule) for d in diagnostics] == [
        (line, "unknown-element") for line in range(2, 202)
    ]


def test_the_render_cap_is_reported_never_silent() -> None:
    from twimlkit.template_trace import MAX_RENDERS

    # One statement whose every branch needs a render of its own.
    branches = "".join(f"{{% elif x == {i} %}}<Say>{i}</Say>\n" for i in range(1, 100))
    template = f"<Response>{{% if x == 0 %}}<Say>0</Say>\n{branches}{{% endif %}}</Response>"
    diagnostics = validate_template(template)
    assert {d.rule for d in diagnostics} == {"template-branch-not-rendered"}
    assert len(diagnostics) == 100 - MAX_RENDERS
    assert all(f"stopped after {MAX_RENDERS} renders" in d.message for d in diagnostics)
    assert diagnostics[0].line == MAX_RENDERS + 1


# -- errors ------------------------------------------------------------------------------------


def test_a_syntax_error_is_reported_at_its_line() -> None:
    template = "<Response>\n  <Say>Hi</Say>\n  {% if x %}<Hangup/>\n\n</Response>\n"
    [diagnostic] = validate_template(template)
    assert (diagnostic.rule, diagnostic.severity) == ("template-syntax-error", Severity.ERROR)
    assert diagnostic.line == 3  # where the {% if %} left open is
    bad_tag = "<Response>\n  <Say>{{ x | }}</Say>\n</Response>\n"
    assert found(bad_tag) == [(2, 1, "template-syntax-error")]


def test_a_render_error_is_reported_at_its_line() -> None:
    template = '<Response>\n  <Say>Hi</Say>\n  {% include "missing-part.xml.j2" %}\n</Response>\n'
    [diagnostic] = validate_template(template)
    assert (diagnostic.line, diagnostic.rule) == (3, "template-render-error")
    assert diagnostic.severity is Severity.WARNING
    assert "missing-part.xml.j2" in diagnostic.message


def test_a_render_error_in_one_branch_leaves_the_others_checked() -> None:
    template = "<Response>\n  {% if a %}{{ 1 / 0 }}{% else %}<Sya>x</Sya>{% endif %}\n</Response>\n"
    assert found(template) == [(2, 1, "template-render-error"), (2, 34, "unknown-element")]


# -- suppression -------------------------------------------------------------------------------


def test_a_twimlkit_comment_silences_the_element_that_follows() -> None:
    template = (
        "<Response>\n"
        "  {# twimlkit: disable=unknown-element #}\n"
        "  <Sya>{{ x }}</Sya>\n"
        "  <Sya>again</Sya>\n"
        "</Response>\n"
    )
    assert found(template) == [(4, 3, "unknown-element")]


def test_a_twimlkit_comment_with_an_unknown_name_is_reported_where_it_is() -> None:
    template = "<Response>\n  {# twimlkit: disable=empty-sya #}\n  <Say></Say>\n</Response>\n"
    assert found(template) == [(2, 3, "unknown-suppression"), (3, 3, "empty-say")]


def test_disable_file_silences_the_template_and_its_own_checks() -> None:
    template = (
        "{#- twimlkit: disable-file=unknown-element,template-branch-not-rendered -#}\n"
        '<?xml version="1.0"?>\n<Response>\n'
        "  <Sya/>{% if false %}<Say>no</Say>{% endif %}\n  <Say></Say>\n</Response>\n"
    )
    assert found(template) == [(5, 3, "empty-say")]


# -- includes and extends ----------------------------------------------------------------------


def test_includes_and_extends_are_found_beside_the_template(write: Write) -> None:
    write("app/greeting.xml.j2", "<Say>{{ greeting }}</Say>")
    write(
        "app/base.xml.j2",
        "<Response>\n{% block body %}{% endblock %}\n  <Hangup/>\n</Response>\n",
    )
    child = write(
        "app/child.xml.j2",
        '{% extends "base.xml.j2" %}\n{% block body %}\n'
        '  {% include "greeting.xml.j2" %}\n  <Sya>x</Sya>\n{% endblock %}\n',
    )
    assert [(d.line, d.column, d.rule) for d in validate_template(child)] == [
        (4, 3, "unknown-element")
    ]
    stock = write("app/stock.xml.j2", '{% include "twimlkit/ivr-menu.xml.j2" %}')
    assert validate_template(stock) == []


def test_a_mistake_in_an_included_template_names_it(write: Write) -> None:
    write("app/part.xml.j2", "<Say>ok</Say>\n<Sya>{{ x }}</Sya>")
    main = write("app/main.xml.j2", '<Response>\n  {% include "part.xml.j2" %}\n</Response>\n')
    [diagnostic] = validate_template(main)
    assert (diagnostic.line, diagnostic.rule) == (2, "unknown-element")
    assert diagnostic.message.endswith("(in part.xml.j2, line 2, column 1)")


def test_every_stock_template_lints_clean() -> None:
    templates = sorted(stock_template_dir().glob("*.j2"))
    assert templates
    for template in templates:
        assert validate_template(template) == [], template.name


# -- the command line --------------------------------------------------------------------------


def test_folders_give_templates_and_json_carries_every_finding(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("twiml/plain.xml", "<Response><Say>Hi</Say></Response>")
    write("twiml/ok.twiml.j2", "<Response><Say>{{ x }}</Say></Response>")
    write("twiml/UPPER.XML.J2", "<Response>{% if false %}<Say>x</Say>{% endif %}</Response>")
    write("twiml/notes.j2", "<Sya/>")
    status = cli.main(["lint", "--format", "json", str(tmp_path / "twiml")])
    out = capsys.readouterr().out
    assert status == 0  # an info finding fails nothing
    assert [
        (Path(d["path"]).name, d["line"], d["rule"], d["severity"]) for d in json.loads(out)
    ] == [("UPPER.XML.J2", 1, "template-branch-not-rendered", "info")]


def test_exit_statuses_for_templates(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    error = write("a/bad.xml.j2", "<Response>\n  <Sya>{{ x }}</Sya>\n</Response>")
    warning = write("b/quiet.xml.j2", "<Response>{% if x %}<Say></Say>{% endif %}</Response>")
    assert cli.main(["lint", str(error)]) == 1
    assert capsys.readouterr().out == (
        f"{error}:2:3: error TK101 [unknown-element] <Sya> is not a TwiML voice element; "
        "did you mean <Say>?\n"
    )
    assert cli.main(["lint", str(warning)]) == 0
    assert cli.main(["lint", "--strict", str(warning)]) == 1
    syntax = write("c/broken.twiml.j2", "<Response>{% if %}</Response>")
    assert cli.main(["lint", "-q", str(syntax)]) == 1
    assert ":1:1: error TK401 [template-syntax-error]" in capsys.readouterr().out


def test_a_named_template_is_linted_as_a_template(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("t.xml.j2", "<Response><Say>{{ x }}</Say></Response>")
    assert cli.main(["lint", str(path)]) == 0  # validate() would call {{ x }} text in <Response>
    assert cli.main(["lint", str(write("t.txt", "<Response><Say>{{ x }}</Say></Response>"))]) == 0


def test_unreadable_and_odd_templates_are_findings(write: Write) -> None:
    assert [d.rule for d in validate_template(write("x.xml.j2", b"<Say>\xff</Say>"))] == [
        "not-utf8"
    ]
    big = write("big.xml.j2", "<Response>" + " " * 100 + "</Response>")
    assert [d.rule for d in validate_template(big, max_bytes=50)] == ["document-too-large"]
    assert [d.rule for d in validate_template(Path(big.parent / "none.xml.j2"))] == [
        "unreadable-file"
    ]
    assert [d.rule for d in validate_template("")] == ["empty-document"]
    # Bytes are read as a file is read: as UTF-8, up to the cap.
    assert [d.rule for d in validate_template(b"<Say>\xff</Say>")] == ["not-utf8"]
    assert [d.rule for d in validate_template(b"<Response/>" * 10, max_bytes=50)] == [
        "document-too-large"
    ]
    assert validate_template(b"<Response><Say>{{ x }}</Say></Response>") == []
    with pytest.raises(TypeError):
        validate_template(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        validate_template("<Response/>", kind="fax")  # type: ignore[arg-type]


def test_template_suffixes() -> None:
    assert TEMPLATE_SUFFIXES == (".xml.j2", ".twiml.j2")
    assert is_template("a/B.TwiML.J2") and not is_template("a.xml") and not is_template("a.j2")


def test_the_pre_commit_manifest_has_a_hook_for_templates() -> None:
    import re

    from conftest import REPO

    manifest = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: twimlkit-templates" in manifest
    pattern = re.search(r"id: twimlkit-templates(?:\n  .*)*\n  files: (.*)", manifest)
    assert pattern is not None
    files = re.compile(pattern.group(1))
    assert files.search("calls/menu.xml.j2") and files.search("A.TWIML.J2")
    assert not files.search("menu.xml") and not files.search("menu.j2")


def test_linting_plain_files_imports_no_jinja2(tmp_path: Path) -> None:
    plain = [str(EXAMPLES / "voice"), str(EXAMPLES / "messaging")]  # flask_app has a template
    probe = (
        "import sys\n"
        "from twimlkit.cli import main\n"
        f"main(['lint', '-q', *{plain!r}])\n"
        "print(sorted({'jinja2', 'flask', 'markupsafe'} & set(sys.modules)))\n"
        f"main(['lint', '-q', {str(tmp_path / 'menu.xml.j2')!r}])\n"
        "print(sorted({'jinja2', 'flask'} & set(sys.modules)))\n"
    )
    (tmp_path / "menu.xml.j2").write_text("<Response><Say>{{ x }}</Say></Response>")
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert done.stdout == "[]\n['jinja2']\n"


def test_the_registry_documents_the_template_checks() -> None:
    slugs = {"template-syntax-error", "template-render-error", "template-branch-not-rendered"}
    checks = [registry.find(slug) for slug in slugs]
    assert all(check is not None and check.code.startswith("TK4") for check in checks)
    value_checks = {check.rule for check in registry.ALL if check.value_check}
    assert {"invalid-value", "url-without-scheme", "phone-number-not-e164"} <= value_checks
    assert not {"unknown-element", "unknown-attribute", "invalid-nesting"} & value_checks


# -- the renderer reports at the template's lines -----------------------------------------------


def test_strict_rendering_reports_the_templates_lines() -> None:
    source = "{#- a\ncomment -#}\n<Response>\n  {% if x %}\n  <Say>{{ x }}</Say>\n  {% endif %}\n"
    source += '  <Dial recordingTrack="{{ t }}">{{ n }}</Dial>\n</Response>'
    with pytest.raises(TwimlTemplateError) as raised:
        Renderer().render_string(source, x="hi", t="inbund", n="+15551239876")
    [diagnostic] = raised.value.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.rule) == (7, 9, "invalid-value")
    assert "<string>:7:9: error TK103" in str(raised.value)


def test_warn_mode_logs_the_named_templates_line(
    write: Write, caplog: pytest.LogCaptureFixture
) -> None:
    write(
        "app/call.xml.j2", "{#- doc\n-#}\n<Response>\n\n  <Say>{{ text }}</Say><Sya/>\n</Response>"
    )
    renderer = Renderer("warn", search_path=[str(write("app/x", "").parent)])
    with caplog.at_level(logging.WARNING, logger="twimlkit.templating"):
        renderer.render("call.xml.j2", text="hi")
    assert [record.getMessage().split(" [")[0] for record in caplog.records] == [
        "call.xml.j2:5:24: error TK101"
    ]


def test_a_renderer_with_nothing_to_report_does_not_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    from twimlkit import template_trace

    def fail(*args: object, **kwargs: object) -> list[Diagnostic]:
        raise AssertionError("traced")

    monkeypatch.setattr(template_trace, "locate", fail)
    assert Renderer().render_string("<Response><Say>{{ x }}</Say></Response>", x="hi")


# -- time --------------------------------------------------------------------------------------


def test_mapping_a_long_template_takes_linear_time() -> None:
    def template(lines: int) -> str:
        body = "".join(
            f'  <Say loop="{{{{ n{i} }}}}">{{{{ text }}}} {i}</Say><Sya/>\n' for i in range(lines)
        )
        return f"<Response>\n{body}</Response>\n"

    small, large = template(500), template(4000)
    validate_template(small)
    timings = []
    for source in (small, large):
        start = time.perf_counter()
        findings = [d for d in validate_template(source) if d.rule == "unknown-element"]
        assert len(findings) == source.count("<Sya/>")
        timings.append(time.perf_counter() - start)
    assert timings[1] / timings[0] < 8 * 2.5  # 8 times the size: linear, with room for noise


def nested_loops(depth: int) -> str:
    """A template with ``depth`` loops inside each other, each over the one around it."""
    names = [f"v{i}" for i in range(depth)]
    loops = "".join(
        f"{{% for {name} in {names[i - 1] if i else 'items'} %}}" for i, name in enumerate(names)
    )
    return f"<Response>{loops}<Say>{{{{ {names[-1]} }}}}</Say>{'{% endfor %}' * depth}</Response>"


def test_loops_nested_deeper_than_python_compiles_are_a_finding_not_a_traceback() -> None:
    found = validate_template(nested_loops(22))
    assert [(d.rule, d.line) for d in found] == [("template-syntax-error", 1)]
    assert "too many statically nested blocks" in found[0].message


def test_loops_over_stand_ins_that_multiply_are_stopped_and_reported() -> None:
    # Each stand-in iterates twice: 18 levels would write 2**18 <Say>, each traced; the
    # render is stopped at the cap, and the cap is a finding.
    found = validate_template(nested_loops(18))
    assert [d.rule for d in found] == ["document-too-large"]
    assert "was stopped" in found[0].message
    assert validate_template(nested_loops(3)) == []
