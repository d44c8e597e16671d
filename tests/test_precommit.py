"""The pre-commit hooks of ``.pre-commit-hooks.yaml``, run by the real pre-commit.

Each test builds a throwaway git repository whose ``.pre-commit-config.yaml`` declares the
manifest's hooks as ``repo: local`` hooks: the manifest's id, entry, arguments, file pattern and
``require_serial``, with ``language: system`` and the entry's ``twimlkit`` pointing at this
environment's twimlkit, so that pre-commit installs nothing. Its cache (``PRE_COMMIT_HOME``)
lives in the test's folder, git reads no user or system configuration, and proxies that lead
nowhere stand in for the network, so that an attempt to reach it fails instead of succeeding
quietly.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

MANIFEST = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="pre-commit needs git, which is not installed"
)

GOOD = '<Response>\n  <Dial recordingTrack="inbound">+15551239876</Dial>\n</Response>\n'
BAD = GOOD.replace('"inbound"', '"inbund"')
#: The seed's headline mistake: a recording track chosen on a <Dial> that does not record.
HEADLINE = '<Response>\n  <Dial recordingTrack="outbound">+15551239876</Dial>\n</Response>\n'
LINT = "twimlkit lint"
TEMPLATES = "twimlkit lint (templates)"


def findings(output: str, code: str) -> list[str]:
    """Where the lines of ``output`` that report ``code`` point (``path:line:column``); a line
    may show the finding's severity before its code."""
    found = re.finditer(rf"^(\S+:\d+:\d+): (?:(?:error|warning) )?{code} \[", output, re.M)
    return [match.group(1) for match in found]


def result(output: str, hook_name: str) -> str:
    """What pre-commit's status line says of the hook: Passed, Failed or Skipped."""
    lines = re.findall(rf"^{re.escape(hook_name)}\.+(?:\(no files to check\))?(\w+)$", output, re.M)
    assert len(lines) == 1, output
    return str(lines[0])


def manifest_hooks() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def local_entry(entry: str) -> str:
    """The manifest's entry, its ``twimlkit`` replaced by this environment's."""
    program, *rest = shlex.split(entry)
    assert program == "twimlkit"
    script = Path(sys.executable).with_name("twimlkit")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "twimlkit"]
    return shlex.join([*command, *rest])


def isolated(cache: Path) -> dict[str, str]:
    """The environment of a run that touches no user's cache or configuration, nor the network."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.pop("PRE_COMMIT_NO_CONCURRENCY", None)
    env.update(
        PRE_COMMIT_HOME=str(cache),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_ALLOW_PROTOCOL="file",
        PIP_NO_INDEX="1",
        http_proxy="http://127.0.0.1:9",
        https_proxy="http://127.0.0.1:9",
        HTTP_PROXY="http://127.0.0.1:9",
        HTTPS_PROXY="http://127.0.0.1:9",
        NO_COLOR="1",
    )
    return env


class HookRepo:
    """A git repository with the manifest's hooks declared as local hooks."""

    def __init__(self, root: Path, cache: Path) -> None:
        self.root = root
        self.env = isolated(cache)
        self.git("init", "--quiet")
        self.git("config", "user.name", "twimlkit tests")
        self.git("config", "user.email", "tests@twimlkit.invalid")

    def git(self, *args: str) -> None:
        subprocess.run(["git", *args], cwd=self.root, env=self.env, check=True)

    def configure(self, **overrides: dict[str, Any]) -> None:
        """Declare every hook of the manifest, with ``overrides`` by hook id.

        The configuration is written as JSON, which YAML reads as it is."""
        hooks = []
        for hook_id, hook in manifest_hooks().items():
            local = {**hook, "language": "system", "entry": local_entry(hook["entry"])}
            local.update(overrides.get(hook_id.replace("-", "_"), {}))
            hooks.append(local)
        config = {"repos": [{"repo": "local", "hooks": hooks}]}
        self.write(".pre-commit-config.yaml", json.dumps(config, indent=2))

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def run(self, *options: str) -> tuple[int, str]:
        """``pre-commit run --all-files`` on everything staged: its status and output."""
        self.git("add", "--all")
        done = subprocess.run(
            [*PRE_COMMIT, "run", "--all-files", "--color", "never", *options],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode, done.stdout + done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> HookRepo:
    root = tmp_path / "repo"
    root.mkdir()
    hook_repo = HookRepo(root, tmp_path / "pre-commit-cache")
    hook_repo.configure()
    return hook_repo


def pre_commit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PRE_COMMIT, *args],
        cwd=cwd,
        env=isolated(cwd / "pre-commit-cache"),
        capture_output=True,
        text=True,
        check=False,
    )


# -- the manifest ---------------------------------------------------------------------------------


def test_pre_commit_accepts_the_manifest(tmp_path: Path) -> None:
    done = pre_commit("validate-manifest", str(MANIFEST), cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    broken = tmp_path / "broken.yaml"
    broken.write_text(MANIFEST.read_text(encoding="utf-8").replace("entry:", "entree:"))
    refused = pre_commit("validate-manifest", str(broken), cwd=tmp_path)
    assert refused.returncode == 1 and "entry" in refused.stdout + refused.stderr


def test_the_hooks_choose_files_by_name_in_any_case() -> None:
    hooks = manifest_hooks()
    assert set(hooks) == {"twimlkit-lint", "twimlkit-templates"}
    lint = re.compile(hooks["twimlkit-lint"]["files"])
    templates = re.compile(hooks["twimlkit-templates"]["files"])
    for name in ("calls/menu.xml", "CALLS/MENU.XML", "a.TwiML", "b.twiml"):
        assert lint.search(name) and not templates.search(name), name
    for name in ("calls/menu.xml.j2", "MENU.TWIML.J2", "a.Xml.J2"):
        assert templates.search(name) and not lint.search(name), name
    for name in ("menu.j2", "menu.html.j2", "notes.txt", "menu.xml.bak", "xml"):
        assert not lint.search(name) and not templates.search(name), name
    for hook in hooks.values():
        # twimlkit gets every file in one process; it decides how to share the work out.
        assert hook["require_serial"] is True
        assert hook["language"] == "python" and "types" not in hook and "types_or" not in hook


def test_the_readmes_configuration_is_valid_and_names_the_manifests_hooks(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### In a pre-commit hook", 1)[1].split("\n### ", 1)[0]
    snippet = re.search(r"```yaml\n(repos:\n.*?)```", section, re.S)
    assert snippet is not None
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippet.group(1), encoding="utf-8")
    done = pre_commit("validate-config", str(config), cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    [repo] = yaml.safe_load(snippet.group(1))["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == list(manifest_hooks())


# -- the hooks fail on a bad file and pass on a good one ------------------------------------------


def test_the_lint_hook_fails_on_a_bad_file_and_passes_once_it_is_fixed(repo: HookRepo) -> None:
    repo.write("calls/bad.xml", BAD)
    repo.write("notes.txt", BAD)  # not TwiML by name: never handed to twimlkit
    status, output = repo.run()
    assert status == 1
    assert (result(output, LINT), result(output, TEMPLATES)) == ("Failed", "Skipped")
    assert findings(output, "TK103") == ["calls/bad.xml:2:9"]
    assert "notes.txt" not in output

    repo.write("calls/bad.xml", GOOD)
    status, output = repo.run()
    assert status == 0, output
    assert (result(output, LINT), result(output, TEMPLATES)) == ("Passed", "Skipped")
    assert "TK103" not in output


def test_the_lint_hook_takes_extensions_in_any_case(repo: HookRepo) -> None:
    repo.write("CALLS/MENU.XML", BAD)
    repo.write("voicemail.TwiML", BAD)
    status, output = repo.run()
    assert status == 1
    assert sorted(findings(output, "TK103")) == ["CALLS/MENU.XML:2:9", "voicemail.TwiML:2:9"]


def test_the_template_hook_fails_on_a_bad_template_and_passes_once_it_is_fixed(
    repo: HookRepo,
) -> None:
    template = '<Response>\n  {% if n %}\n  <Dial recordingTrack="inbund">{{ n }}</Dial>\n'
    template += "  {% endif %}\n</Response>\n"
    repo.write("templates/Menu.TwiML.J2", template)
    status, output = repo.run()
    assert status == 1
    assert (result(output, LINT), result(output, TEMPLATES)) == ("Skipped", "Failed")
    assert findings(output, "TK103") == ["templates/Menu.TwiML.J2:3:9"]

    repo.write("templates/Menu.TwiML.J2", template.replace("inbund", "inbound"))
    status, output = repo.run()
    assert status == 0, output
    assert result(output, TEMPLATES) == "Passed"


def test_require_serial_hands_every_file_to_one_twimlkit(repo: HookRepo) -> None:
    # Without require_serial, pre-commit would split twenty files among its own processes
    # (one per CPU), each printing its own summary.
    for number in range(20):
        repo.write(f"calls/bad{number:02}.xml", BAD)
    status, output = repo.run()
    assert status == 1
    assert len(findings(output, "TK103")) == 20
    assert output.count("Found ") == 1 and "Found 20 errors in 20 files." in output


# -- warnings: the blocking policy ----------------------------------------------------------------


def test_by_default_a_warning_passes_quietly(repo: HookRepo) -> None:
    repo.write("headline.xml", HEADLINE)
    status, output = repo.run()
    assert status == 0, output
    assert result(output, LINT) == "Passed"
    assert "recording-track-without-record" not in output


def test_strict_in_args_makes_every_warning_block(repo: HookRepo) -> None:
    repo.configure(twimlkit_lint={"args": ["--strict"]})
    repo.write("headline.xml", HEADLINE)
    status, output = repo.run()
    assert status == 1
    assert result(output, LINT) == "Failed"
    assert findings(output, "TK201") == ["headline.xml:2:9"]


def test_verbose_shows_the_warnings_of_a_passing_run(repo: HookRepo) -> None:
    repo.configure(twimlkit_lint={"verbose": True})
    repo.write("headline.xml", HEADLINE)
    status, output = repo.run()
    assert status == 0, output
    assert result(output, LINT) == "Passed"
    assert findings(output, "TK201") == ["headline.xml:2:9"]


def test_verbose_on_the_command_line_shows_the_warnings_in_a_ci_log(repo: HookRepo) -> None:
    repo.write("headline.xml", HEADLINE)
    status, output = repo.run("--verbose")
    assert status == 0, output
    assert result(output, LINT) == "Passed"
    assert findings(output, "TK201") == ["headline.xml:2:9"]


def test_a_severity_in_pyproject_makes_one_warning_block(repo: HookRepo) -> None:
    repo.write(
        "pyproject.toml",
        '[tool.twimlkit]\nseverity = { "recording-track-without-record" = "error" }\n',
    )
    repo.write("headline.xml", HEADLINE)
    status, output = repo.run()
    assert status == 1
    assert result(output, LINT) == "Failed"
    assert findings(output, "TK201") == ["headline.xml:2:9"]
    assert "Found 1 error in 1 file." in output


def test_files_the_settings_exclude_stay_excluded_when_pre_commit_names_them(
    repo: HookRepo,
) -> None:
    # pre-commit names every matching file explicitly; the hooks' --force-exclude lets the
    # default exclude (hidden folders such as .idea) and the repository's own exclude apply.
    repo.write(".idea/misc.xml", '<project version="4"><component name="x"/></project>\n')
    repo.write("pyproject.toml", '[tool.twimlkit]\nextend-exclude = ["legacy/"]\n')
    repo.write("legacy/old.xml", "<Response><Sya>Hello</Sya></Response>\n")
    repo.write("calls/good.xml", "<Response><Say>Hello</Say></Response>\n")
    status, output = repo.run()
    assert status == 0, output
    assert result(output, LINT) == "Passed"
    repo.write("calls/bad.xml", "<Response><Sya>Hello</Sya></Response>\n")
    status, output = repo.run()
    assert status == 1, output
    assert "calls/bad.xml" in output
    assert "legacy/old.xml" not in output and "misc.xml" not in output


def test_xml_that_is_plainly_not_twiml_passes_as_in_a_folders_search(repo: HookRepo) -> None:
    # pre-commit names coverage.xml and pom.xml; the hook leaves them out, as `twimlkit lint .`
    # does, with a note, instead of asking to wrap them in <Response>.
    repo.write(
        "coverage.xml", '<?xml version="1.0" ?>\n<coverage version="7.4"><packages/></coverage>\n'
    )
    repo.write(
        "pom.xml",
        '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
        "  <modelVersion>4.0.0</modelVersion>\n</project>\n",
    )
    repo.write("calls/good.xml", GOOD)
    status, output = repo.run("--verbose")
    assert status == 0, output
    assert result(output, LINT) == "Passed"
    assert "TK100" not in output
    assert "skipped coverage.xml: its root element <coverage> is not TwiML" in output
    assert "skipped pom.xml: its root element <project> is not TwiML" in output
    repo.write("calls/bad.xml", BAD)
    status, output = repo.run()
    assert status == 1
    assert findings(output, "TK103") == ["calls/bad.xml:2:9"]
    assert "TK100" not in output
