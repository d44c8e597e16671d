"""What every rule is made of, and what a rule's check is given."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

from lxml import etree

from ..diagnostic import Check, Diagnostic, Severity
from ..document import Document
from ..schema import ComplexType, Kind, model


@dataclass(frozen=True)
class Context:
    """A parsed document, as a rule's check sees it."""

    document: Document
    kind: Kind

    @property
    def root(self) -> etree._Element:
        return self.document.root

    def elements(self, *tags: str) -> Iterator[etree._Element]:
        """Every element with one of ``tags`` (all elements when none are given)."""
        for element in self.root.iter(*tags) if tags else self.root.iter():
            if isinstance(element.tag, str):
                yield element

    def type_of(self, element: etree._Element) -> ComplexType | None:
        """The schema's type for ``element`` (``None`` for an element the schema lacks)."""
        return model(self.kind).type_of(element)

    @staticmethod
    def verbs(parent: etree._Element) -> list[etree._Element]:
        """The element children of ``parent``, in order (comments left out)."""
        return [child for child in parent if isinstance(child.tag, str)]

    @staticmethod
    def text(element: etree._Element) -> str:
        """All the text directly inside ``element`` and its descendants."""
        return "".join(str(piece) for piece in element.itertext())


@dataclass(frozen=True)
class Finding:
    """What a check reports: where (an element, maybe one of its attributes) and why."""

    element: etree._Element
    message: str
    attribute: str | None = None
    at_text: bool = False


@dataclass(frozen=True)
class Rule(Check):
    """A semantic rule: a :class:`Check` with its documentation, examples and check."""

    doc: str = ""
    bad: str = ""
    good: str = ""
    twilio_error: str = ""
    replaces: tuple[str, ...] = ()
    run: Callable[[Context], Iterator[Finding]] | None = None

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """A rule from a module that defines CODE, SLUG, SEVERITY, SUMMARY, BAD, GOOD,
        TWILIO_ERROR and ``check(context)``, with its documentation as the module docstring."""
        return cls(
            code=module.CODE,
            rule=module.SLUG,
            severity=Severity(module.SEVERITY),
            summary=module.SUMMARY,
            doc=textwrap.dedent(module.__doc__ or "").strip(),
            bad=textwrap.dedent(module.BAD).strip(),
            good=textwrap.dedent(module.GOOD).strip(),
            twilio_error=module.TWILIO_ERROR,
            replaces=tuple(getattr(module, "REPLACES", ())),
            run=module.check,
        )

    def findings(self, context: Context) -> Iterator[Diagnostic]:
        assert self.run is not None
        document = context.document
        for finding in self.run(context):
            if finding.attribute is not None:
                line, column = document.attribute_position(finding.element, finding.attribute)
            elif finding.at_text:
                line, column = document.text_position(finding.element)
            else:
                line, column = document.element_position(finding.element)
            yield self.at(document.path, line, column, finding.message)

    def documentation(self) -> str:
        """The rule's documentation as ``twimlkit rule SLUG`` prints it."""
        parts = [
            f"{self.code} {self.rule} ({self.severity.value})",
            "",
            self.summary,
            "",
            self.doc,
            "",
            "Example:",
            "",
            textwrap.indent(self.bad, "    "),
            "",
            "Use instead:",
            "",
            textwrap.indent(self.good, "    "),
            "",
            f"Twilio error it predicts: {self.twilio_error}",
        ]
        return "\n".join(parts)


_SPACES = re.compile(r"\s+")


def words(text: str) -> str:
    """``text`` with white space folded, for messages."""
    return _SPACES.sub(" ", text).strip()
