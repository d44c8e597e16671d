"""Generate twimlkit's typed builder (``twimlkit/voice.py``, ``twimlkit/messaging.py`` and
``twimlkit/message.py``, the elements both kinds share) from ``schemas/``.

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
SHARED = "message"  # the module of the elements every kind declares alike (<Message> and nouns)
SHARED_OUTPUT = REPO / "twimlkit" / f"{SHARED}.py"
# Names an attribute's keyword must not take: they are the element's own, or names the
# generated constructor uses.
RESERVED = {"append", "attributes", "content", "extra_attributes", "tag", "to_xml"}
RESERVED |= {"attrs", "children", "more", "self", "text", "tuple", "type", "unknown"}
# For each Attribute subclass, the builder function the generated constructor calls to check
# and write a value (the Attribute's own render() calls the same one), and the arguments it
# takes after the XML name and keyword when the schema gives none.
VALUE_FUNCTIONS = {
    "BooleanAttribute": ("_boolean_value", ""),
    "ChoiceAttribute": ("_choice_value", ""),
    "ChoiceOrBooleanAttribute": ("_choice_or_boolean_value", ""),
    "DecimalAttribute": ("_decimal_value", "None, None"),
    "IntegerAttribute": ("_integer_value", "None, None"),
    "IntegerOrWordAttribute": ("_integer_or_word_value", ""),
    "LanguageAttribute": ("_language_value", ""),
    "ListAttribute": ("_list_value", ""),
    "PatternAttribute": ("_pattern_value", ""),
    "TextAttribute": ("_text_value", ""),
}
WIDTH = 100


def python_name(xml_name: str) -> str:
    """twilio-python's keyword for an XML attribute: ``recordingTrack`` -> ``recording_track``,
    ``xml:lang`` -> ``xml_lang``, ``interpret-as`` -> ``interpret_as``, ``from`` -> ``from_``."""
    name = xml_name.replace(":", "_").replace("-", "_")
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    return name + "_" if keyword.iskeyword(name) else name


@dataclass(frozen=True)
class Param:
    """How one attribute becomes a keyword argument: its annotation, and the Attribute
    subclass (with its arguments) that checks and writes its value."""

    annotation: str
    kind: str  # the twimlkit.builder.Attribute subclass that checks and writes the value
    arguments: str = ""  # its arguments after the XML name and the keyword


class Generator:
    def __init__(self, schema: SchemaModel, name: str) -> None:
        self.schema = schema
        self.name = name  # the module's name: a kind, or SHARED
        self.bases: set[str] = set()  # the builder base classes the module's classes use
        self.kinds: set[str] = set()  # the builder Attribute subclasses they use
        self.functions: set[str] = set()  # the builder functions their constructors call
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

    def param(self, type_name: str) -> Param:
        simple = self.simple(type_name)
        if type_name == "Boolean":
            return Param("bool", "BooleanAttribute")
        if simple is None:  # a built-in type
            if type_name in ("xs:integer", "xs:int"):
                return Param("int", "IntegerAttribute")
            if type_name in ("xs:decimal", "xs:double"):
                return Param(DECIMAL, "DecimalAttribute")
            return Param("str", "TextAttribute")
        if simple.enumeration:
            return Param(
                self.literal_alias(type_name), "ChoiceAttribute", self.value_set(type_name)
            )
        if simple.list_of:
            item = self.simple(simple.list_of)
            if item and item.enumeration:
                return Param(
                    f"Sequence[{self.literal_alias(simple.list_of)}]",
                    "ListAttribute",
                    self.value_set(simple.list_of),
                )
            return Param("Sequence[str]", "ListAttribute")
        if simple.members:
            members = [self.simple(m) for m in simple.members]
            if "xs:language" in simple.members:
                return Param("str", "LanguageAttribute")
            if "xs:string" in simple.members:
                # An open set: the known values are documented, any text is accepted.
                return Param("str", "TextAttribute")
            if all(m and m.enumeration for m in members):
                # A union of closed sets is one closed set. Where one of them is Boolean,
                # Python's True and False are taken too, written true and false.
                values = tuple(v for m in members if m for v in m.enumeration)
                self.aliases[type_name] = values
                self.sets[self.constant(type_name)] = values
                if "Boolean" in simple.members:
                    return Param(
                        f"{type_name} | bool", "ChoiceOrBooleanAttribute", self.constant(type_name)
                    )
                return Param(type_name, "ChoiceAttribute", self.constant(type_name))
            numbers = [m for m in members if m and m.base == "xs:integer"]
            words = [v for m in members if m for v in m.enumeration]
            if len(numbers) == 1 and words:
                low, high = bounds(numbers[0])
                options = ", ".join(f'"{w}"' for w in words)
                return Param(
                    f"int | Literal[{options}]",
                    "IntegerOrWordAttribute",
                    f"{low}, {high}, ({options},)",
                )
            raise SystemExit(f"no builder mapping for union type {type_name}")
        base = simple.base or "xs:string"
        if simple.pattern:
            return Param("str", "PatternAttribute", self.pattern(type_name, simple.pattern))
        if base in ("xs:integer", "xs:int"):
            low, high = bounds(simple)
            return Param("int", "IntegerAttribute", f"{low}, {high}")
        if base in ("xs:decimal", "xs:double"):
            low, high = (repr(b) if b else "None" for b in (simple.minimum, simple.maximum))
            return Param(DECIMAL, "DecimalAttribute", f"{low}, {high}")
        return Param("str", "TextAttribute")

    # -- classes -------------------------------------------------------------------------

    def class_source(self, complex_type: ComplexType, tag: str) -> str:
        name = complex_type.name
        children = sorted(set(complex_type.children.values()), key=str.lower)
        mixed = complex_type.text != "none" and bool(children)
        simple_content = complex_type.text_type is not None
        if children:
            base = "MixedElement" if mixed else "ParentElement"
        elif complex_type.text == "none":
            base = "EmptyElement"
        elif simple_content and complex_type.text == "required":
            base = "TextElement"
        else:
            base = "OptionalTextElement"
        self.bases.add(base)
        lines = [f"class {name}({base}):"]
        lines += docstring(class_doc(complex_type, tag, self), 4)
        lines += ["", "    __slots__ = ()", f'    tag = "{tag}"']
        attributes = sorted(complex_type.attributes)
        # Each attribute's text starts ` name="`; written in this order, the texts are sorted
        # as strings, which is the order the general way (extra_attributes) sorts them in.
        if attributes != sorted(attributes, key=lambda xml: f' {xml}="'):
            raise SystemExit(f"<{tag}>: attribute names sort apart from their written text")
        params = {xml: self.param(complex_type.attributes[xml]) for xml in attributes}
        if attributes:
            lines.append("")
        for xml in attributes:
            keyword = python_name(xml)
            if keyword in RESERVED:
                raise SystemExit(f"<{tag}> attribute {xml}: the keyword {keyword} is reserved")
            param = params[xml]
            arguments = [
                f'"{xml}"',
                f'"{keyword}"',
                *([param.arguments] if param.arguments else []),
            ]
            if xml in complex_type.required:
                arguments.append("required=True")
            self.kinds.add(param.kind)
            call = f"{param.kind}({', '.join(arguments)})"
            lines.append(f"    {keyword}: Attribute[{param.annotation}] = {call}")
        signature = ["self"]
        if children:
            child_alias = f"{name}Child"
            signature.append(
                f"*content: str | {child_alias}" if mixed else f"*content: {child_alias}"
            )
        elif simple_content and complex_type.text == "required":
            signature += ["text: str", "/", "*"]
        elif complex_type.text != "none":
            signature += ["text: str | None = None", "/", "*"]
        else:
            signature.append("*")
        for xml in attributes:
            required = xml in complex_type.required
            annotation = params[xml].annotation
            signature.append(
                f"{python_name(xml)}: {annotation}" + ("" if required else " | None = None")
            )
        signature.append("extra_attributes: Mapping[str, str] | None = None")
        lines += [
            "",
            "    if TYPE_CHECKING:  # the typed signature; the run-time constructor follows",
            "",
            f"        def __init__({', '.join(signature)}) -> None: ...",
            "",
            "    else:",
            "",
            *self.constructor(complex_type, tag, params, children=bool(children)),
        ]
        if children:
            content = f"str | {name}Child" if mixed else f"{name}Child"
            what = "children (and text)" if mixed else "children"
            lines += [
                "",
                f"    def append(self, *content: {content}) -> {name}:",
                f'        """Add {what} at the end; return this element."""',
                "        self._add(content)",
                "        return self",
            ]
        return "\n".join(lines)

    def constructor(
        self, complex_type: ComplexType, tag: str, params: dict[str, Param], *, children: bool
    ) -> list[str]:
        """The run-time ``__init__``: it takes each keyword the element knows directly and
        checks and converts each value given into its text, once; ``extra_attributes`` and
        unknown keywords (for the error, with a suggestion) go the general way."""
        keywords = {xml: python_name(xml) for xml in params}
        # How the content is kept; the common cases take no call: elements only, and one
        # piece of plain text that needs neither a further check nor escaping.
        if children and complex_type.text == "none":
            signature = ["self", "*content"]
            take = ["self._content = []", "if content:", "    self._add(content)"]
        elif children or complex_type.text == "none":
            signature, take = ["self", "*content"], ["self._content = self._take(content)"]
        else:
            plain = 'text.isprintable() and not (more or "&" in text or "<" in text or ">" in text'
            if complex_type.text_type is not None and complex_type.text == "required":
                signature = ["self", "text=_MISSING", "/", "*more"]
                plain += " or text.isspace()"
                self.functions.add("_MISSING")
            else:
                signature = ["self", "text=None", "/", "*more"]
            take = [
                f"if type(text) is str and text and {plain}):",
                "    self._content = (text,)",
                "else:",
                "    self._content = self._take(text, more)",
            ]
        signature += [f"{name}=None" for name in keywords.values()]
        signature += ["extra_attributes=None", "**unknown"]
        values = ", ".join(keywords.values()) + ("," if len(keywords) == 1 else "")
        lines = [
            f"        def __init__({', '.join(signature)}):",
            *(f"            {line}" for line in take),
            "            if unknown or extra_attributes is not None:",
            f"                self._set_given(({values}), unknown, extra_attributes)",
            "                return",
        ]
        if not params:
            lines[-2] = "                self._set_given((), unknown, extra_attributes)"
            return [*lines, '            self._attrs = ""', "            self._values = ()"]
        lines.append('            attrs = ""')
        for xml, name in keywords.items():
            param = params[xml]
            function, default = VALUE_FUNCTIONS[param.kind]
            self.functions.add(function)
            arguments = [repr(f' {xml}="'), name, repr(f"<{tag}> attribute {xml}")]
            arguments += [a for a in [param.arguments or default] if a]
            lines.append(f"            if {name} is not None:")
            if param.kind == "ListAttribute":
                lines += [
                    f"                if type({name}) is list:",
                    "                    # Kept as a tuple: what is read back is what was written.",
                    f"                    {name} = tuple({name})",
                ]
            lines.append(f"                attrs += {function}({', '.join(arguments)})")
        required = [keywords[xml] for xml in params if xml in complex_type.required]
        if required:
            missing = " or ".join(f"{k} is None" for k in required)
            checked = ", ".join(f'"{k}": {k}' for k in required)
            lines += [
                f"            if {missing}:",
                f"                self._check_required({{{checked}}})",
            ]
        lines += [
            "            self._attrs = attrs",
            f"            self._values = ({values}) if attrs else ()",
        ]
        return lines

    def module(self, shared: dict[str, str]) -> str:
        """The module of this schema's classes; ``shared`` maps the names of the classes that
        live in the shared module to their tags (for the shared module itself: its own)."""
        schema = self.schema
        own_module = self.name == SHARED
        tags: dict[str, str] = {schema.root_type: schema.root}
        for complex_type in schema.complex_types.values():
            for child_tag, child_type in complex_type.children.items():
                tags.setdefault(child_type, tag_name(child_tag))
        if own_module:
            order = sorted(shared, key=str.lower)
        else:
            order = [
                schema.root_type,
                *sorted(
                    (n for n in schema.complex_types if n != schema.root_type and n not in shared),
                    key=str.lower,
                ),
            ]
        imported = [] if own_module else sorted(shared, key=str.lower)
        classes = [self.class_source(schema.complex_types[n], tags[n]) for n in order]
        parents = [n for n in order if schema.complex_types[n].children]
        body = "\n".join(classes)
        typing_names = ["TYPE_CHECKING", "TypeAlias"]
        if self.aliases or "Literal[" in body:
            typing_names.insert(1, "Literal")
        out = [header(schema.kind if not own_module else None)]
        out.append("from __future__ import annotations\n")
        if self.patterns:
            out.append("import re")
        abc = ["Mapping", *(["Sequence"] if "Sequence[" in body else [])]
        out.append(f"from collections.abc import {', '.join(abc)}")
        if "Decimal" in body:
            out.append("from decimal import Decimal")
        out.append(f"from typing import {', '.join(typing_names)}\n")
        builder_names = {"Attribute", *self.bases, *self.kinds, *self.functions}
        builder_names |= {"allow"} if parents else set()
        if builder_names & {*order, *imported}:
            raise SystemExit(f"element classes named as builder names: {builder_names & {*order}}")
        out.append(f"from .builder import {', '.join(sorted(builder_names, key=import_order))}")
        shared_parents = [n for n in imported if schema.complex_types[n].children]
        if imported:
            names = [*imported, *(f"{n}Child" for n in shared_parents)]
            out.append(f"from .{SHARED} import {', '.join(names)}")
        out.append("")
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
        exported = [*order, *imported, *(f"{n}Child" for n in [*parents, *shared_parents])]
        if not own_module:
            out.append(f"ROOT = {schema.root_type}")
            out.append('"""The class of the root element, <Response>."""')
            exported.append("ROOT")
        names = sorted([*exported, *self.aliases], key=import_order)
        out.append(f"\n__all__ = [{', '.join(repr(n) for n in names)}]")
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


GENERATOR = "# Generated by tools/generate_builder.py from"
DOCSTRING = '''\
# Do not edit it by hand: edit the schema, then run `python tools/generate_builder.py`.
"""Typed builder for {what}, one class per element.

Children are positional, attributes are keyword arguments named as in twilio-python, and text
comes first where the element takes text. Every value is checked and converted to its text
when the element is built; each attribute reads back the Python value given for it.
"""
'''


def header(kind: str | None) -> str:
    """The generated module's first lines: what made it, from what, and what it holds."""
    if kind is None:
        source = (
            f"{GENERATOR} schemas/voice.xsd and schemas/messaging.xsd:\n"
            "# the elements both declare alike, shared by twimlkit.voice and twimlkit.messaging.\n"
        )
        what = "TwiML elements that voice and messaging share"
    else:
        source = f"{GENERATOR} schemas/{kind}.xsd and the files it includes.\n"
        what = f"{kind} TwiML"
    return source + DOCSTRING.format(what=what)


def import_order(name: str) -> tuple[int, str]:
    """isort's order, as ruff applies it: constants, then classes, then the rest."""
    constant = name.isupper() and len(name) > 1
    return (0 if constant else 1 if name[0].isupper() else 2, name)


def shared_types(models: list[SchemaModel]) -> dict[str, str]:
    """The complex types every model declares alike, with their tags: generated once, in the
    shared module. A type is shared only with every type it may contain."""
    first, *others = models
    names = {
        name
        for name, complex_type in first.complex_types.items()
        if name != first.root_type
        and all(other.complex_types.get(name) == complex_type for other in others)
    }
    changed = True
    while changed:
        kept = {n for n in names if set(first.complex_types[n].children.values()) <= names}
        changed, names = kept != names, kept
    tags: dict[str, str] = {}
    for complex_type in first.complex_types.values():
        for child_tag, child_type in complex_type.children.items():
            if child_type in names:
                tags.setdefault(child_type, tag_name(child_tag))
    return tags


def sources() -> dict[Path, str]:
    """Every generated module's path and text."""
    models = [model(kind) for kind in KINDS]
    shared = shared_types(models)
    out = {SHARED_OUTPUT: Generator(models[0], SHARED).module(shared)}
    for kind, schema in zip(KINDS, models, strict=True):
        out[OUTPUT[kind]] = Generator(schema, kind).module(shared)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a module is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, source in sources().items():
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
