"""Settings: the nearest configuration file, ``extend``, extend-select/extend-ignore, per-rule
severity, kind by path and by comment, from the command line and from Python."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import Write, run

from twimlkit import Severity, validate
from twimlkit.config import ConfigError, Resolver, Settings, load, settings_for
from twimlkit.template_lint import validate_template

#: A warning (recording-track-without-record) and nothing else.
WARNS = '<Response><Dial recordingTrack="outbound">+15551239876</Dial></Response>'
#: An error (invalid-value) and nothing else.
BAD = '<Response><Dial recordingTrack="inbund">+15551239876</Dial></Response>'
#: An SMS reply with a voice verb: valid voice TwiML (Twilio's "send an SMS during a call").
SMS_WITH_SAY = "<Response><Message>Thanks!</Message><Say>Goodbye</Say></Response>"


def findings(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str, str]]:
    """(file name, rule, severity) of each finding of ``twimlkit lint --format json``."""
    status, out, err = run(["lint", "--format", "json", *argv], capsys)
    assert status in (0, 1), err
    return [(Path(d["path"]).name, d["rule"], d["severity"]) for d in json.loads(out)]


@pytest.fixture(autouse=True)
def _back_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(os.getcwd())


def test_the_nearest_configuration_applies_to_each_file(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("pyproject.toml", '[tool.twimlkit]\nignore = ["invalid-value"]\n')
    write("svc/pyproject.toml", '[tool.twimlkit]\nselect = ["ALL"]\n')
    # A pyproject.toml without [tool.twimlkit] does not count: the root's applies below it.
    write("web/pyproject.toml", "[project]\nname = 'web'\n")
    write("root.xml", BAD)
    write("svc/calls/svc.xml", BAD)
    write("web/web.xml", BAD)
    os.chdir(tmp_path)  # as pre-commit runs: from the root, naming files below
    argv = ["root.xml", "svc/calls/svc.xml", "web/web.xml"]
    assert findings(argv, capsys) == [("svc.xml", "invalid-value", "error")]
    assert findings(["."], capsys) == [("svc.xml", "invalid-value", "error")]
    # twimlkit.toml wins over pyproject.toml in the same folder.
    write("svc/twimlkit.toml", 'ignore = ["TK103"]\n')
    assert findings(argv, capsys) == []
    # --config is used for every file.
    status, out, _ = run(["lint", "--config", "svc/pyproject.toml", *argv], capsys)
    assert (status, len(out.splitlines())) == (1, 3)


def test_the_resolver_reads_each_folder_once(tmp_path: Path, write: Write) -> None:
    write("twimlkit.toml", 'ignore = ["TK2"]\n')
    files = [write(f"calls/{n}/call.xml", BAD) for n in range(50)]
    resolver = Resolver()
    chosen = {id(resolver.settings_for(path)) for path in files}
    assert len(chosen) == 1
    assert resolver.settings_for(files[0]).source == tmp_path / "twimlkit.toml"
    # And a later question about a folder met on the way is answered from what it kept.
    assert resolver.folder_settings(str(tmp_path / "calls")) is resolver.settings_for(files[0])


def test_extend_inherits_and_overrides(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        "pyproject.toml",
        "[tool.twimlkit]\n"
        'ignore = ["invalid-value"]\n'
        'severity = { "recording-track-without-record" = "error" }\n'
        'extend-exclude = ["/svc/fixtures/"]\n',
    )
    write("svc/twimlkit.toml", 'extend = "../pyproject.toml"\nextend-ignore = ["TK201"]\n')
    write("svc/fixtures/x.xml", BAD)
    bad = write("svc/bad.xml", BAD)
    warns = write("svc/warns.xml", WARNS)
    settings = settings_for(bad)
    assert settings.source == tmp_path / "svc" / "twimlkit.toml"
    assert (settings.ignore, settings.extend_ignore) == (("invalid-value",), ("TK201",))
    assert findings([str(bad), str(warns)], capsys) == []
    # The base file's patterns stay relative to its own folder.
    assert findings([str(tmp_path / "svc")], capsys) == []
    write("svc/fixtures/y.xml", BAD)
    write("svc/twimlkit.toml", 'extend = "../pyproject.toml"\nignore = []\n')
    assert findings([str(tmp_path / "svc")], capsys) == [
        ("bad.xml", "invalid-value", "error"),
        ("warns.xml", "recording-track-without-record", "error"),
    ]


def test_an_extend_cycle_is_a_clear_error(
    tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    write("a/twimlkit.toml", 'extend = "../b/twimlkit.toml"\n')
    write("b/twimlkit.toml", 'extend = "../a/twimlkit.toml"\n')
    path = write("a/call.xml", BAD)
    status, out, err = run(["lint", str(path)], capsys)
    assert (status, out) == (2, "")
    a, b = tmp_path / "a" / "twimlkit.toml", tmp_path / "b" / "twimlkit.toml"
    assert err == f"twimlkit: error: {b}: extend makes a cycle: {a} -> {b} -> {a}\n"
    write("a/twimlkit.toml", 'extend = "missing.toml"\n')
    status, _, err = run(["lint", str(path)], capsys)
    assert status == 2
    assert f"{a}: extend: {tmp_path / 'a' / 'missing.toml'} is not a file" in err


def test_extend_select_and_extend_ignore(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    both = write("both.xml", WARNS.replace('"outbound"', '"outbund"'))
    config = write("twimlkit.toml", 'select = ["TK1"]\nextend-select = ["TK201"]\n')
    assert {rule for _, rule, _ in findings([str(both)], capsys)} == {"invalid-value"}
    config.write_text('select = ["TK20"]\nextend-select = ["TK103"]\n')
    assert findings([str(both)], capsys) == [("both.xml", "invalid-value", "error")]
    config.write_text('extend-ignore = ["TK103"]\n')
    assert findings([str(both)], capsys) == []
    assert findings(["--extend-ignore", "TK1", str(write("w.xml", WARNS))], capsys) == [
        ("w.xml", "recording-track-without-record", "warning")
    ]
    assert findings(["--select", "TK0", "--extend-select", "TK103", str(both)], capsys) == [
        ("both.xml", "invalid-value", "error")
    ]


def test_per_rule_severity_changes_the_exit_status(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    warns, bad = str(write("calls/warns.xml", WARNS)), str(write("calls/bad.xml", BAD))
    assert run(["lint", warns], capsys)[0] == 0
    config = write(
        "pyproject.toml",
        '[tool.twimlkit]\nseverity = { "recording-track-without-record" = "error" }\n',
    )
    status, _, err = run(["lint", warns], capsys)
    assert status == 1
    assert err == "Found 1 error in 1 file.\n"
    assert findings([warns], capsys) == [("warns.xml", "recording-track-without-record", "error")]
    # An error made a warning fails only with --strict; the most precise name wins.
    config.write_text('[tool.twimlkit]\nseverity = { TK1 = "warning", TK10 = "info" }\n')
    assert findings([bad], capsys) == [("bad.xml", "invalid-value", "info")]
    config.write_text('[tool.twimlkit]\nseverity = { TK103 = "warning", TK1 = "info" }\n')
    assert run(["lint", bad], capsys)[0] == 0
    assert run(["lint", "--strict", bad], capsys)[0] == 1


@pytest.mark.parametrize(
    ("table", "says"),
    [
        (
            'severity = { TK103 = "eror" }',
            "severity 'TK103': 'eror' is not one of error, warning, info; did you mean 'error'?",
        ),
        (
            "severity = { TK103 = 1 }",
            "severity 'TK103' must be one of error, warning, info, not an integer",
        ),
        (
            'severity = { "recording-track-without-recrod" = "error" }',
            "severity: 'recording-track-without-recrod' is not a twimlkit rule, code or code "
            "prefix; did you mean 'recording-track-without-record'?",
        ),
        ('severity = "error"', 'severity must be a table of name = "error", not a string'),
        ('kind = { "sms/**" = "sms" }', "kind 'sms/**': 'sms' is not one of voice, messaging"),
        ('kind = { "sms/**" = "mesaging" }', "did you mean 'messaging'?"),
        ('extend-exclude = "venv"', 'must be a list of patterns, not a string (write ["venv"])'),
        ('include = [""]', "include: each pattern must be a non-empty string, not an empty"),
        ('respect-gitignore = "yes"', "respect-gitignore must be true or false, not a string"),
        ("extend = 3", "extend must be the path of a configuration file, not an integer"),
        ('excludes = ["x"]', "unknown keys: excludes; did you mean 'exclude' for 'excludes'?"),
        (
            '[tool.twimlkit]\nselect = ["ALL"]',
            "unknown keys: tool (twimlkit.toml holds the settings at its top level",
        ),
    ],
)
def test_bad_settings_are_usage_errors_naming_the_file(
    write: Write, capsys: pytest.CaptureFixture[str], table: str, says: str
) -> None:
    config = write("twimlkit.toml", table + "\n")
    path = write("call.xml", BAD)
    status, out, err = run(["lint", str(path)], capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"twimlkit: error: {config}: ")
    assert says in err


def test_unknown_keys_in_pyproject_keep_their_message(write: Write) -> None:
    with pytest.raises(ConfigError, match=r"unknown \[tool.twimlkit\] keys: colour$"):
        load(write("pyproject.toml", '[tool.twimlkit]\ncolour = "blue"\n'))


def test_mixed_messaging_and_voice_is_valid_voice_twiml_by_default(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("sms/reply.xml", SMS_WITH_SAY)
    assert validate(path) == []
    assert run(["lint", str(path)], capsys)[0] == 0


def test_kind_by_path(tmp_path: Path, write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    write("pyproject.toml", '[tool.twimlkit]\nkind = { "sms/**" = "messaging" }\n')
    reply = write("sms/replies/thanks.xml", SMS_WITH_SAY)
    call = write("voice/call.xml", SMS_WITH_SAY)
    template = write("sms/reply.xml.j2", SMS_WITH_SAY.replace("Thanks!", "{{ text }}"))
    os.chdir(tmp_path)
    status, out, _ = run(["lint", "."], capsys)
    assert status == 1
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "sms/reply.xml.j2",
        "sms/replies/thanks.xml",
    ]
    assert "<Say> is not a TwiML messaging element" in out
    # --kind on the command line still decides.
    assert run(["lint", "--kind", "voice", "sms"], capsys)[0] == 0
    # From Python: the settings for a path, given to validate().
    settings = settings_for(reply)
    assert settings.kind_for(reply) == "messaging" and settings.kind_for(call) is None
    assert [d.rule for d in validate(reply, settings=settings)] == ["unknown-element"]
    assert validate(call, settings=settings_for(call)) == []
    assert [d.rule for d in validate_template(template, settings=settings)] == ["unknown-element"]


def test_kind_by_comment(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    marked = "<!-- twimlkit: kind=messaging -->\n" + SMS_WITH_SAY
    assert [d.rule for d in validate(marked)] == ["unknown-element"]
    assert validate(marked, kind="voice") == []
    # A comment wins over the kind a path gives.
    settings = Settings(kind=load(write("twimlkit.toml", 'kind = { "*" = "voice" }\n')).kind)
    path = write("reply.xml", marked)
    assert [d.rule for d in validate(path, settings=settings)] == ["unknown-element"]
    voice = write(
        "call.xml", "<!-- twimlkit: kind=voice -->\n<Response><Message>x</Message></Response>"
    )
    assert validate(voice) == []
    # In a template, as a Jinja2 comment.
    template = write("reply.xml.j2", "{# twimlkit: kind=messaging #}\n" + SMS_WITH_SAY)
    assert [d.rule for d in validate_template(template)] == ["unknown-element"]
    assert run(["lint", str(template)], capsys)[0] == 1


@pytest.mark.parametrize(
    "comment", ["<!-- twimlkit: kind=sms -->", "<!-- twimlkit: kind=voice,messaging -->"]
)
def test_a_bad_kind_in_a_comment_is_a_finding(comment: str, write: Write) -> None:
    found = validate(f"{comment}\n<Response><Say>Hi</Say></Response>")
    assert [(d.rule, d.line, d.column) for d in found] == [("unknown-suppression", 1, 1)]
    assert "is not one of voice, messaging" in found[0].message
    template = write(
        "t.xml.j2", "<Response>\n  {# twimlkit: kind=mesaging #}<Say>Hi</Say>\n</Response>"
    )
    found = validate_template(template)
    assert [(d.rule, d.line, d.column) for d in found] == [("unknown-suppression", 2, 3)]
    assert "did you mean 'messaging'?" in found[0].message


def test_settings_from_python(write: Write) -> None:
    write("pyproject.toml", '[tool.twimlkit]\nseverity = { TK201 = "error" }\nignore = ["TK103"]\n')
    warns, bad = write("w.xml", WARNS), write("b.xml", BAD)
    settings = settings_for(warns)
    assert [d.severity for d in validate(warns, settings=settings)] == [Severity.ERROR]
    assert validate(bad, settings=settings) == []
    # Without settings, validate() reports as it always has.
    assert [d.severity for d in validate(warns)] == [Severity.WARNING]
    assert [d.rule for d in validate(bad)] == ["invalid-value"]
    # per-file-ignores are relative to the configuration's folder, gitignore-style.
    write("pyproject.toml", '[tool.twimlkit]\nper-file-ignores = { "legacy/**" = ["TK2"] }\n')
    old = write("legacy/deep/w.xml", WARNS)
    assert validate(old, settings=settings_for(old)) == []
    assert validate(warns, settings=settings_for(warns)) != []
