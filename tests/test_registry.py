"""One registry of every check: lookup by slug, code and prefix, the same documentation for
each, and suggestions for a misspelt name."""

from __future__ import annotations

import pytest

from twimlkit import Severity, checks, cli, registry, validate
from twimlkit.diagnostic import Check
from twimlkit.rules import RULES


def test_every_check_is_in_the_registry_once() -> None:
    assert registry.ALL[: len(checks.ALL)] == checks.ALL
    assert set(RULES) <= set(registry.ALL)
    codes = [c.code for c in registry.ALL]
    slugs = [c.rule for c in registry.ALL]
    assert len(set(codes)) == len(codes) and len(set(slugs)) == len(slugs)


@pytest.mark.parametrize("check", registry.ALL, ids=lambda c: c.rule)
def test_every_check_is_documented_the_same_way(check: Check) -> None:
    assert registry.find(check.code) is check and registry.find(check.rule) is check
    assert check.summary and check.doc and check.twilio_error
    text = check.documentation()
    assert text.startswith(f"{check.code} {check.rule} ({check.severity.value})")
    assert "Twilio error it predicts:" in text and "Fix available:" in text
    if check is not checks.SCHEMA_VIOLATION:  # the fallback has no example of its own
        assert check.bad and check.good and "Example:" in text and "Use instead:" in text


def test_names_select_checks() -> None:
    assert registry.matching("ALL") == registry.ALL
    assert set(registry.matching("TK2")) == {c for c in registry.ALL if c.code[:3] == "TK2"}
    assert set(RULES) <= set(registry.matching("TK2")) | set(registry.matching("TK3"))
    assert registry.matching("empty-say") == registry.matching("TK213")
    assert [c.rule for c in registry.matching("TK213")] == ["empty-say"]


@pytest.mark.parametrize(
    "check", [c for c in checks.ALL if not c.bad.startswith("(")], ids=lambda c: c.rule
)
def test_input_and_schema_check_examples_are_what_they_say(check: Check) -> None:
    if check is checks.SCHEMA_VIOLATION:
        pytest.skip("the fallback has no example: no document is known to reach it")
    assert check.rule in {d.rule for d in validate(check.bad)}
    assert not [d for d in validate(check.good) if d.severity is Severity.ERROR]


def test_unknown_names_select_nothing_and_get_a_suggestion() -> None:
    assert registry.matching("nope") == () and not registry.is_known("")
    assert registry.suggest("unreachable-verbs") == "unreachable-verb"
    assert registry.suggest("tk203") == "TK203"
    assert "did you mean 'empty-say'" in registry.unknown_name_message("empty_say")


@pytest.mark.parametrize("check", registry.ALL, ids=lambda c: c.rule)
def test_twimlkit_rule_prints_every_checks_documentation(
    check: Check, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["rule", check.rule]) == 0
    assert capsys.readouterr().out == check.documentation() + "\n"


def test_twimlkit_rule_suggests_the_right_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rule", "dual-chanel-ignored"]) == 2
    assert "did you mean 'dual-channel-ignored'?" in capsys.readouterr().err


@pytest.mark.parametrize(
    "name", ["ALL", "TK", "TK0", "TK1", "TK2", "TK3", "TK20", "empty-say", "TK213"]
)
def test_configuration_and_comments_select_what_the_registry_says(name: str) -> None:
    # One semantics for a name, wherever it is written: [tool.twimlkit], --select, comments.
    from twimlkit.config import Selection
    from twimlkit.diagnostic import Diagnostic

    selected = {check.rule for check in registry.matching(name)}
    for check in registry.ALL:
        diagnostic = Diagnostic(None, 1, 1, check.code, check.rule, check.severity, "m")
        # A check that says the document was not read is never left out.
        always = check.rule in registry.ALWAYS_REPORTED
        assert Selection(select=(name,)).keeps(diagnostic) == (always or check.rule in selected)
        assert Selection(ignore=(name,)).keeps(diagnostic) == (always or check.rule not in selected)
    twiml = f"<Response><!-- twimlkit: disable={name} --><Say/></Response>"
    silenced = "empty-say" in selected
    assert [d.rule for d in validate(twiml)] == ([] if silenced else ["empty-say"])


def test_a_document_that_was_not_read_is_reported_whatever_the_settings() -> None:
    from twimlkit.config import Settings

    assert {
        "unreadable-file", "empty-document", "document-too-large", "not-utf8",
        "invalid-character", "not-well-formed", "forbidden-dtd", "unescaped-ampersand",
        "template-syntax-error",
    } == registry.ALWAYS_REPORTED  # fmt: skip
    broken = "<Response><Say>Hi</Say>"
    (found,) = validate(broken)
    for settings in (
        Settings(ignore=("ALL",)),
        Settings(select=("TK2",)),
        Settings(per_file_ignores=()),
        Settings(severity=(("not-well-formed", Severity.INFO),)),
    ):
        assert settings.apply([found]) == [found]
    # The rest of the settings still apply to every other check.
    (say,) = validate("<Response><Say/></Response>")
    assert Settings(ignore=("ALL",)).apply([say]) == []
