"""Users silence rules with comments in TwiML, [tool.twimlkit] in pyproject.toml, and the
command line, which overrides the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Write

from twimlkit import cli, validate
from twimlkit.config import ConfigError, Selection, load

TWO_PROBLEMS = """\
<Response>
  <Dial><Number>020 7946 0958</Number></Dial>
  <Hangup/>
  <Say>never</Say>
</Response>
"""


def rules_of(twiml: str) -> list[str]:
    return [d.rule for d in validate(twiml)]


def test_without_comments_both_rules_fire() -> None:
    assert rules_of(TWO_PROBLEMS) == ["phone-number-not-e164", "unreachable-verb"]


def test_disable_comment_silences_the_next_element_only() -> None:
    twiml = TWO_PROBLEMS.replace(
        "  <Dial>", "  <!-- twimlkit: disable=phone-number-not-e164 -->\n  <Dial>"
    ).replace("</Dial>", "</Dial>\n  <Dial><Number>0161 496 0000</Number></Dial>")
    found = validate(twiml)
    assert [(d.rule, d.line) for d in found] == [
        ("phone-number-not-e164", 4),
        ("unreachable-verb", 6),
    ]


def test_disable_comment_takes_codes_and_lists() -> None:
    twiml = TWO_PROBLEMS.replace("<Response>", "<Response>\n  <!-- twimlkit: disable=TK212 -->")
    assert rules_of(twiml) == ["unreachable-verb"]  # the comment silences <Dial> only
    twiml = "<!-- twimlkit: disable=TK212, unreachable-verb -->\n" + TWO_PROBLEMS
    assert rules_of(twiml) == []  # before the root: the whole <Response>


def test_disable_file() -> None:
    twiml = TWO_PROBLEMS.replace(
        "<Say>never</Say>", "<Say>never</Say>\n  <!-- twimlkit: disable-file=unreachable-verb -->"
    )
    assert rules_of(twiml) == ["phone-number-not-e164"]


def test_comments_silence_schema_checks_too() -> None:
    twiml = (
        "<Response>\n  <!-- twimlkit: disable=unknown-attribute -->\n"
        '  <Say colour="blue">Hi</Say>\n</Response>'
    )
    assert rules_of(twiml) == []


def test_a_misspelt_name_in_a_comment_is_reported() -> None:
    twiml = "<Response>\n  <!-- twimlkit: disable=unreachable-verbs -->\n  <Hangup/>\n</Response>"
    found = validate(twiml)
    assert [(d.rule, d.line, d.column) for d in found] == [("unknown-suppression", 2, 3)]
    assert "'unreachable-verbs'" in found[0].message


def test_an_ordinary_comment_changes_nothing() -> None:
    twiml = TWO_PROBLEMS.replace("<Response>", "<Response>\n  <!-- twimlkit is great -->")
    assert rules_of(twiml) == ["phone-number-not-e164", "unreachable-verb"]


def test_selection_by_slug_code_and_prefix() -> None:
    found = validate(TWO_PROBLEMS)
    assert [d.rule for d in Selection(ignore=("TK212",)).filter(found)] == ["unreachable-verb"]
    assert [d.rule for d in Selection(select=("TK21",)).filter(found)] == [
        "phone-number-not-e164",
        "unreachable-verb",
    ]
    assert [d.rule for d in Selection(select=("unreachable-verb",)).filter(found)] == [
        "unreachable-verb"
    ]


def config_file(write: Write, table: str) -> Path:
    return write(
        "project/pyproject.toml", f"[project]\nname = 'calls'\n\n[tool.twimlkit]\n{table}\n"
    )


def test_pyproject_ignore_and_per_file_ignores(write: Write) -> None:
    pyproject = config_file(
        write,
        'ignore = ["unreachable-verb"]\nper-file-ignores = { "legacy/*.xml" = ["TK212"] }',
    )
    legacy = write("project/legacy/old.xml", TWO_PROBLEMS)
    fresh = write("project/new/call.xml", TWO_PROBLEMS)
    selection = load(pyproject)
    assert [d.rule for d in selection.filter(validate(legacy))] == []
    assert [d.rule for d in selection.filter(validate(fresh))] == ["phone-number-not-e164"]


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('ignore = ["no-such-rule"]', "'no-such-rule' is not a twimlkit rule"),
        ('ignore = "TK212"', "must be a list"),
        ('colour = "blue"', "unknown [tool.twimlkit] keys: colour"),
        ("ignore = [", "pyproject.toml"),
    ],
)
def test_bad_configuration_is_a_clear_error(write: Write, table: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words.replace("[", r"\[")):
        load(config_file(write, table))


def test_command_line_overrides_the_file(
    write: Write, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file(write, 'ignore = ["unreachable-verb", "phone-number-not-e164"]')
    path = write("project/call.xml", TWO_PROBLEMS)
    monkeypatch.chdir(path.parent)

    def lint(*extra: str) -> list[str]:
        cli.main(["lint", "--format", "json", *extra, str(path)])
        return [d["rule"] for d in json.loads(capsys.readouterr().out)]

    assert lint() == []
    assert lint("--ignore", "unreachable-verb") == ["phone-number-not-e164"]
    assert lint("--select", "TK210") == ["unreachable-verb"]


def test_bad_configuration_exits_two(
    write: Write, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file(write, 'select = ["bogus"]')
    path = write("project/call.xml", TWO_PROBLEMS)
    monkeypatch.chdir(path.parent)
    assert cli.main(["lint", str(path)]) == 2
    assert "'bogus' is not a twimlkit rule" in capsys.readouterr().err


def test_rules_and_rule_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules"]) == 0
    table = capsys.readouterr().out
    assert "TK201  recording-track-without-record" in table
    assert "TK102  unknown-attribute" in table
    assert cli.main(["rule", "dual-channel-ignored"]) == 0
    doc = capsys.readouterr().out
    assert doc.startswith("TK203 dual-channel-ignored (warning)")
    assert 'record="record-from-answer-dual" recordingTrack="inbound"' in doc
    assert cli.main(["rule", "TK001"]) == 0
    assert "Twilio error it predicts: none" in capsys.readouterr().out
    assert cli.main(["rule", "unknown-element"]) == 0
    doc = capsys.readouterr().out
    assert "<Response><Sya>Hello</Sya></Response>" in doc
    assert "12200 (Schema validation warning)" in doc
    assert cli.main(["rule", "nope"]) == 2


def test_unknown_name_on_the_command_line_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "call.xml"
    path.write_text(TWO_PROBLEMS, encoding="utf-8")
    assert cli.main(["lint", "--ignore", "unreachable-verbs", str(path)]) == 2
    assert "--ignore: 'unreachable-verbs' is not a twimlkit rule" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("twiml", "where"),
    [
        # Two comments on one line: each is reported at its own <!--.
        (
            "<!-- twimlkit: x --><Response><!-- twimlkit: disable=nope --></Response>",
            (1, 31, 1, 62),
        ),
        # A comment over two lines: reported where it starts, not on the line it ends.
        ("<Response>\n  <Hangup/><!--\n twimlkit: disable=nope --></Response>", (2, 12, 3, 28)),
        ("<!-- twimlkit: disable=nope\n  -->\n<Response/>", (1, 1, 2, 6)),
    ],
)
def test_a_misspelt_name_is_reported_at_its_own_comment(
    twiml: str, where: tuple[int, int, int, int]
) -> None:
    found = validate(twiml)
    assert [(d.rule, d.line, d.column, d.end_line, d.end_column) for d in found] == [
        ("unknown-suppression", *where)
    ]


def test_a_misspelt_name_in_a_comment_gets_a_suggestion() -> None:
    found = validate("<Response><!-- twimlkit: disable=empty-sya --><Say>hi</Say></Response>")
    assert [d.message for d in found] == [
        "the twimlkit comment names 'empty-sya', which is not a twimlkit check; "
        "did you mean 'empty-say'?"
    ]


def test_the_configuration_is_loaded_from_a_path_given_as_text(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.twimlkit]\nignore = ["empty-say"]\n', encoding="utf-8")
    assert load(str(pyproject)).ignore == ("empty-say",)
