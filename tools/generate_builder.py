"""Generate twimlkit's typed builder (``twimlkit/voice.py``, ``twimlkit/messaging.py``) from
``schemas/``.

Run ``python tools/generate_builder.py`` after editing a schema; ``--check`` exits 1 when a
committed module differs from what this script makes (the test suite runs that check).
The script reads the schema through :func:`twimlkit.schema.model`, the same reading the
validator uses, so the builder and the validator cannot disagree about TwiML.
"""

from __future__ import annotations

import argparse
import keyword
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from twimlkit.document import tag_name  # noqa: E402
from twimlkit.schema import KINDS, ComplexType, SchemaModel, SimpleType, model  # noqa: E402

DECIMAL = "float | Decimal | str"
OUTPUT = {kind: REPO / "twimlkit" / f"{kind}.py" for kind in KINDS}
WIDTH = 100


def python_name(xml_name: str) -> str:
    """twilio-python's keyword for an XML attribute: ``recordingTrack`` -> ``recording_track``,
    ``xml:lang`` -> ``xml_lang``, ``interpret-as`` -> ``interpret_as``, ``from`` -> ``from_``."""
    name = xml_name.replace(":", "_").replace("-", "_")
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    return name + "_" if keyword.iskeyword(name) else name


@dataclass(frozen=True)
class Param:
    """How one attribute becomes a keyword argument: its annotation and its check."""

    annotation: str
    render: str  # an expression building ' name="value"' from the variable {var}
    kind: str  # how twimlkit.parse converts the XML value back: s, b, i, d, l, u


class Generator:
    def __init__(self, schema: SchemaModel) -> None:
        self.schema = schema
        self.aliases: dict[str, tuple[str, ...]] = {}  # Literal alias name -> values
        self.sets: dict[str, tuple[str, ...]] = {}  # tuple constant name -> values
        self.patterns: dict[str, str] = {}  # compiled pattern constant name -> XSD pattern

    # -- value types ---------------------------------------------------------------------

    def simple(self, name: str) -> SimpleType | None:
        return self.schema.simple_types.get(name)

    def enumeration(self, name: str) -> tuple[str, ...]:
        simple = self.simple(name)
        return simple.enumeration if simple else ()

    def pattern(self, name: str, pattern: str) -> str:
        """The module constant holding the compiled XSD ``pattern`` of type ``name``."""
        constant = "_" + re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).upper() + "_PATTERN"
        self.patterns[constant] = pattern
        return constant

    def literal_alias(self, name: str) -> str:
        values = self.enumeration(name)
        self.aliases[name] = values
        return name

    def constant(self, name: str) -> str:
        return "_" + re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).upper()

    def value_set(self, name: str) -> str:
        constant = self.constant(name)
        self.sets[constant] = self.enumeration(name)
        return constant

    def param(self, owner: str, xml: str, type_name: str) -> Param:
        where = f"<{owner}> attribute {xml}"
        call = f'"{xml}", {{var}}'
        simple = self.simple(type_name)
        if type_name == "Boolean":
            return Param("bool", f'bool_attr({call}, "{where}")', "b")
        if simple is None:  # a built-in type
            if type_name in ("xs:integer", "xs:int"):
                return Param("int", f'int_attr({call}, None, None, "{where}")', "i")
            if type_name in ("xs:decimal", "xs:double"):
                return Param(DECIMAL, f'decimal_attr({call}, None, None, "{where}")', "d")
            return Param("str", f'attr({call}, "{where}")', "s")
        if simple.enumeration:
            return Param(
                self.literal_alias(type_name),
                f'enum_attr({call}, {self.value_set(type_name)}, "{where}")',
                "s",
            )
        if simple.list_of:
            item = self.simple(simple.list_of)
            if item and item.enumeration:
                return Param(
                    f"Sequence[{self.literal_alias(simple.list_of)}]",
                    f'list_attr({call}, {self.value_set(simple.list_of)}, "{where}")',
                    "l",
                )
            return Param("Sequence[str]", f'list_attr({call}, None, "{where}")', "l")
        if simple.members:
            members = [self.simple(m) for m in simple.members]
            if "xs:language" in simple.members:
                return Param("str", f'language_attr({call}, "{where}")', "s")
            if "xs:string" in simple.members:
                # An open set: the known values are documented, any text is accepted.
                return Param("str", f'attr({call}, "{where}")', "s")
            if all(m and m.enumeration for m in members):
                # A union of closed sets is one closed set.
                values = tuple(v for m in members if m for v in m.enumeration)
                self.aliases[type_name] = values
                self.sets[self.constant(type_name)] = values
                return Param(
                    type_name,
                    f'enum_attr({call}, {self.constant(type_name)}, "{where}")',
                    "s",
                )
            numbers = [m for m in members if m and m.base == "xs:integer"]
            words = [v for m in members if m for v in m.enumeration]
            if len(numbers) == 1 and words:
                low, high = bounds(numbers[0])
                options = " | ".join(f'"{w}"' for w in words)
                return Param(
                    f"int | Literal[{', '.join(repr(w) for w in words)}]".replace("'", '"'),
                    f'int_or_word_attr({call}, {low}, {high}, ({options},), "{where}")',
                    "u",
                )
            raise SystemExit(f"no builder mapping for union type {type_name}")
        base = simple.base or "xs:string"
        if simple.pattern:
            constant = self.pattern(type_name, simple.pattern)
            return Param("str", f'pattern_attr({call}, {constant}, "{where}")', "s")
        if base in ("xs:integer", "xs:int"):
            low, high = bounds(simple)
            return Param("int", f'int_attr({call}, {low}, {high}, "{where}")', "i")
        if base in ("xs:decimal", "xs:double"):
            low, high = (repr(b) if b else "None" for b in (simple.minimum, simple.maximum))
            return Param(DECIMAL, f'decimal_attr({call}, {low}, {high}, "{where}")', "d")
        return Param("str", f'attr({call}, "{where}")', "s")

    # -- classes -------------------------------------------------------------------------

    def class_source(self, complex_type: ComplexType, tag: str) -> str:
        name = complex_type.name
        children = sorted(set(complex_type.children.values()), key=str.lower)
        mixed = complex_type.text != "none" and bool(children)
        simple_content = complex_type.text_type is not None
        lines = [f"class {name}(Element):"]
        lines += docstring(class_doc(complex_type, tag, self), 4)
        lines += ["", "    __slots__ = ()", f'    tag = "{tag}"']
        if complex_type.text != "none":
            lines.append("    _takes_text = True")
        if children:
            shape = "mixed" if mixed else "children"
        elif complex_type.text != "none":
            shape = (
                "text" if simple_content and complex_type.text == "required" else "optional-text"
            )
        else:
            shape = "empty"
        if shape != "empty":
            lines.append(f'    _shape = "{shape}"')
        attributes = sorted(complex_type.attributes)
        params = {xml: self.param(tag, xml, complex_type.attributes[xml]) for xml in attributes}
        spec = "".join(
            f'("{xml}", "{python_name(xml)}", "{params[xml].kind}"), ' for xml in attributes
        )
        if spec:
            lines.append(f"    _attributes = ({spec})")
        lines.append("")
        signature = ["self"]
        if children:
            child_alias = f"{name}Child"
            signature.append(
                f"*content: str | {child_alias}" if mixed else f"*content: {child_alias}"
            )
        elif simple_content and complex_type.text == "required":
            signature.append("text: str")
            signature.append("/")
        elif complex_type.text != "none":
            signature.append("text: str | None = None")
            signature.append("/")
        if attributes:
            if not children:
                signature.append("*")
            for xml in attributes:
                required = xml in complex_type.required
                annotation = params[xml].annotation
                signature.append(
                    f"{python_name(xml)}: {annotation}" + ("" if required else " | None = None")
                )
        lines.append(f"    def __init__({', '.join(signature)}) -> None:")
        if attributes:
            lines.append('        a = ""')
            for xml in attributes:
                var = python_name(xml)
                render = params[xml].render.format(var=var)
                if xml in complex_type.required:
                    lines.append(f"        a += {render}")
                else:
                    lines.append(f"        if {var} is not None:")
                    lines.append(f"            a += {render}")
            lines.append("        self._attrs = a")
        else:
            lines.append('        self._attrs = ""')
        if children:
            lines.append("        self._content = []")
            lines.append("        self._add(content)")
        elif simple_content and complex_type.text == "required":
            lines.append(f'        self._content = required_text(text, "{tag}")')
        elif complex_type.text != "none":
            lines.append(f'        self._content = optional_text(text, "{tag}")')
        else:
            lines.append("        self._content = []")
        if children or complex_type.text != "none":
            if children:
                content = f"str | {name}Child" if mixed else f"{name}Child"
                what = "children (and text)" if mixed else "children"
            else:
                content, what = "str", "text"
            lines += [
                "",
                f"    def append(self, *content: {content}) -> {name}:",
                f'        """Add {what} at the end; return this element."""',
                "        self._add(content)",
                "        return self",
            ]
        return "\n".join(lines)

    def module(self) -> str:
        schema = self.schema
        tags: dict[str, str] = {schema.root_type: schema.root}
        for complex_type in schema.complex_types.values():
            for child_tag, child_type in complex_type.children.items():
                tags.setdefault(child_type, tag_name(child_tag))
        order = [
            schema.root_type,
            *sorted((n for n in schema.complex_types if n != schema.root_type), key=str.lower),
        ]
        classes = [self.class_source(schema.complex_types[n], tags[n]) for n in order]
        parents = [n for n in order if schema.complex_types[n].children]
        body = "\n".join(classes)
        helpers = sorted(h for h in HELPERS if re.search(rf"\b{h}\(", body))
        typing_names = ["Literal", "TypeAlias"] if self.aliases else ["TypeAlias"]
        out = [HEADER.format(kind=schema.kind, xsd=f"{schema.kind}.xsd")]
        out.append("from __future__ import annotations\n")
        if self.patterns:
            out.append("import re")
        if "Sequence[" in body:
            out.append("from collections.abc import Sequence")
        if "Decimal" in body:
            out.append("from decimal import Decimal")
        out.append(f"from typing import {', '.join(typing_names)}\n")
        out.append(f"from .builder import {', '.join(['Element', 'allow', *helpers])}\n")
        out.append("# Closed sets of values, named as in the schema.\n")
        for alias in sorted(self.aliases):
            doc = (self.simple(alias) or SimpleType(alias)).doc
            values = ", ".join(f'"{v}"' for v in self.aliases[alias])
            out.append(f"{alias}: TypeAlias = Literal[{values}]")
            if doc:
                out += docstring(doc, 0)
            out.append("")
        for constant in sorted(self.sets):
            values = ", ".join(f'"{v}"' for v in self.sets[constant])
            out.append(f"{constant} = ({values},)")
        for constant in sorted(self.patterns):
            # XSD patterns match whole values, as re.fullmatch does.
            out.append(f"{constant} = re.compile({self.patterns[constant]!r})")
        out.append("\n")
        out.append("\n\n\n".join(classes))
        out.append("\n\n# What each element may contain.\n")
        for n in parents:
            children = self.children(n)
            out.append(f"{n}Child: TypeAlias = {' | '.join(children)}")
        out.append("")
        for n in parents:
            out.append(f"allow({n}, {', '.join(self.children(n))})")
        out.append("")
        out.append(f"ROOT = {schema.root_type}")
        out.append('"""The class of the root element, <Response>."""')
        names = sorted([*order, *(f"{n}Child" for n in parents), *self.aliases])
        out.append(f"\n__all__ = [{', '.join(repr(n) for n in ['ROOT', *names])}]")
        return ruff_format("\n".join(out) + "\n")

    def children(self, type_name: str) -> list[str]:
        return sorted(set(self.schema.complex_types[type_name].children.values()), key=str.lower)


def bounds(simple: SimpleType) -> tuple[str, str]:
    return (simple.minimum or "None", simple.maximum or "None")


def class_doc(complex_type: ComplexType, tag: str, gen: Generator) -> str:
    text = f"<{tag}>: {complex_type.doc}" if complex_type.doc else f"The <{tag}> element."
    rows = []
    for xml in sorted(complex_type.attributes):
        doc = complex_type.attribute_docs.get(xml, "")
        keyword_name = python_name(xml)
        label = keyword_name if keyword_name == xml else f"{keyword_name} ({xml})"
        rows.append(f"{label}: {doc}")
    if rows:
        text += "\n\nKeyword arguments (the XML attribute in brackets where its name differs):\n\n"
        text += "\n".join(rows)
    return text


def docstring(text: str, indent: int) -> list[str]:
    pad = " " * indent
    paragraphs = text.split("\n")
    lines: list[str] = []
    for paragraph in paragraphs:
        if not paragraph:
            lines.append("")
            continue
        hanging = "    " if ": " in paragraph and not paragraph.startswith("<") else ""
        lines += textwrap.wrap(
            paragraph.replace('"""', "'''").replace("\\", "\\\\"),
            WIDTH - indent - 6,  # room for the opening and closing quotes
            subsequent_indent=hanging,
            break_on_hyphens=False,
            break_long_words=False,
        )
    body = [f"{pad}{line}" if line else "" for line in lines]
    body[0] = f'{pad}"""{body[0].lstrip()}'
    if len(body) == 1 and len(body[0]) + 3 <= WIDTH:  # the closing quotes fit too
        return [body[0] + '"""']
    return [*body, f'{pad}"""']


def ruff_format(source: str) -> str:
    """``source`` as ``ruff format`` lays it out, so that the output is stable and clean."""
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", "generated.py", "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"ruff could not format the generated code:\n{done.stderr}")
    return done.stdout


HEADER = '''\
# This file is generated by tools/generate_builder.py from schemas/{xsd}.
# Do not edit it by hand: edit the schema, then run `python tools/generate_builder.py`.
"""Typed builder for {kind} TwiML, one class per element.

Children are positional, attributes are keyword arguments named as in twilio-python, and text
comes first where the element takes text. Every value is checked when the element is built.
"""
'''

HELPERS = (
    "attr",
    "bool_attr",
    "enum_attr",
    "decimal_attr",
    "int_attr",
    "int_or_word_attr",
    "language_attr",
    "list_attr",
    "optional_text",
    "pattern_attr",
    "required_text",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a module is stale")
    args = parser.parse_args(argv)
    stale = []
    for kind in KINDS:
        source = Generator(model(kind)).module()
        path = OUTPUT[kind]
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != source:
                stale.append(path)
        else:
            path.write_text(source, encoding="utf-8")
    for path in stale:
        print(f"{path.relative_to(REPO)} is not what the schema generates", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
