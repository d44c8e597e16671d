"""Check Twilio's published TwiML examples three ways, in one process, and print the times
side by side:

- the floor: lxml parsing the bytes, and nothing else;
- lxml parsing plus XSD validation against twimlkit's schema, with libxml2's bare answer;
- ``twimlkit.validate()``: hardened reading, the schema check, all rules, suppression.

    python benchmarks/validate_speed.py [--quick] [--corpus DIR]

The corpus is read into memory as bytes first (default: ``../shared/conformance`` beside the
repository). Target: ``validate()`` at most 3x the bare parse, with no safety check dropped.
Exits 1 when the target is missed. The figures are per document, the best of several runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lxml import etree
from timing import best_per_item, report  # benchmarks/timing.py, beside this script

import twimlkit
from twimlkit.schema import compiled_schema, detect_kind

REPO = Path(__file__).resolve().parents[1]
TARGET = 3.0


def corpus(folder: Path) -> list[bytes]:
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".xml", ".twiml"))
    return [p.read_bytes() for p in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke test")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "conformance")
    args = parser.parse_args(argv)
    documents = corpus(args.corpus)
    if not documents:
        print(f"no TwiML documents under {args.corpus}", file=sys.stderr)
        return 2
    bare = etree.XMLParser(resolve_entities=False, no_network=True)

    def parse(data: bytes) -> object:
        return etree.fromstring(data, bare)

    def parse_and_xsd(data: bytes) -> object:
        root = etree.fromstring(data, bare)
        return compiled_schema(detect_kind(root)).validate(root.getroottree())

    for document in documents:  # warm up: compiled schemas, the schema model, caches
        parse_and_xsd(document)
        twimlkit.validate(document)
    runs = 5 if args.quick else 30
    rows = [
        ("lxml parse (the floor)", best_per_item(parse, documents, runs)),
        ("lxml parse + XSD", best_per_item(parse_and_xsd, documents, runs)),
        ("twimlkit.validate()", best_per_item(twimlkit.validate, documents, runs)),
    ]
    print(f"{len(documents)} documents, {sum(map(len, documents)) // len(documents)} bytes each")
    return report(rows, "document", TARGET, "validate()")


if __name__ == "__main__":
    sys.exit(main())
