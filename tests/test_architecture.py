"""Data flows one way: source -> parse -> schema check -> rules -> suppression -> validate ->
formatters -> command line. No step imports a later one, and the command line goes through
``validate()`` and the registry only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "twimlkit"

#: Each step of checking, in order, as module names inside the package.
STEPS: list[tuple[str, ...]] = [
    ("document",),
    ("schema",),
    ("rules",),
    ("suppress",),
    ("validate",),
    ("formatters", "formats"),
    ("cli",),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """The twimlkit modules that ``path`` imports, as names inside the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".") if path.name != "__init__.py" else None
    package = module_name(path).split(".")[:-1] if here else module_name(path).split(".")
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [".".join(target)] if node.module else []
                names += [".".join([*target, alias.name]) for alias in node.names]
            elif node.module and node.module.startswith("twimlkit"):
                target = node.module.split(".")[1:]
                names = [".".join(target)] + [".".join([*target, a.name]) for a in node.names]
            else:
                continue
            found.update(name for name in names if name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("twimlkit."):
                    found.add(alias.name.removeprefix("twimlkit."))
    return found


def step_of(name: str) -> int | None:
    top = name.split(".")[0]
    for index, step in enumerate(STEPS):
        if top in step:
            return index
    return None


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=[module_name(p) or "twimlkit" for p in SOURCES])
def test_no_step_imports_a_later_one(path: Path) -> None:
    own = step_of(module_name(path))
    if own is None:
        return
    later = sorted(
        name for name in imported(path) if (step := step_of(name)) is not None and step > own
    )
    assert later == [], f"{module_name(path)} imports a later step"


def test_the_schema_check_does_not_reach_the_registry() -> None:
    # The registry catalogues the rules, a later step.
    for path in [*(PACKAGE / "schema").glob("*.py"), PACKAGE / "document.py"]:
        assert not {"registry", "config"} & {n.split(".")[0] for n in imported(path)}, path


def test_the_cli_goes_through_validate_and_the_registry() -> None:
    names = {name.split(".")[0] for name in imported(PACKAGE / "cli.py")}
    assert "validate" in names and "registry" in names
    assert not names & {"schema", "rules", "checks", "suppress", "document"}


@pytest.mark.parametrize("module", ["cli.py", "config.py", "suppress.py", "rest.py"])
def test_check_names_come_from_the_registry(module: str) -> None:
    names = {name.split(".")[0] for name in imported(PACKAGE / module)}
    assert "rules" not in names, f"{module} looks checks up in the rules package itself"
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert "ALL_CHECKS" not in source


def test_the_import_reader_sees_relative_imports() -> None:
    # A guard for the test itself: validate.py imports the steps before it.
    names = imported(PACKAGE / "validate.py")
    assert {"rules", "schema", "suppress", "document"} <= {n.split(".")[0] for n in names}


def test_the_generated_check_documentation_is_fresh() -> None:
    # README.md's summary tables and docs/checks.md are made from the registry.
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "generate_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_kinds_template_endings_and_kind_comment_are_kept_once() -> None:
    """The kinds of TwiML are written only as schema.model's KINDS, the endings of templates'
    names only as template_lint's TEMPLATE_SUFFIXES, and a ``twimlkit: kind=`` comment is read
    only by suppress (for documents and templates alike): every other module imports them."""
    kinds, endings, kind_readers = [], [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List)):
                values = [getattr(item, "value", None) for item in node.elts]
                if values == ["voice", "messaging"] and name != "schema.model":
                    kinds.append(name)
            ending = isinstance(node, ast.Constant) and node.value in (".xml.j2", ".twiml.j2")
            if ending and name != "template_lint":
                endings.append(name)
            if isinstance(node, ast.Name) and node.id == "kind_directive" and name != "suppress":
                kind_readers.append(name)
            if isinstance(node, ast.alias) and node.name == "kind_directive":
                kind_readers.append(name)
    assert (kinds, endings, kind_readers) == ([], [], [])
