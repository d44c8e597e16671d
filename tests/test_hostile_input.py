"""Input that is not a TwiML document at all: each gives one clear error, never a traceback,
a hang or a leak."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from conftest import Write

from twimlkit import MAX_DOCUMENT_BYTES, Diagnostic, checks, validate


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    assert len(diagnostics) == 1, diagnostics
    return diagnostics[0]


def test_external_entity_does_not_leak_the_file(write: Write) -> None:
    secret = write("secret.txt", "TOP-SECRET-TOKEN-1234")
    xxe = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE Response [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        "<Response><Say>&leak;</Say></Response>\n"
    )
    found = only(validate(xxe))
    assert found.rule == checks.FORBIDDEN_DTD.rule
    assert (found.line, found.column) == (2, 1)
    assert "TOP-SECRET" not in found.message


def test_external_dtd_is_not_fetched() -> None:
    twiml = (
        '<!DOCTYPE Response SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
        "<Response><Say>Hi</Say></Response>"
    )
    assert only(validate(twiml)).rule == checks.FORBIDDEN_DTD.rule


def test_billion_laughs_is_refused_without_expanding() -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    bomb = f"<!DOCTYPE Response [{''.join(entities)}]>\n<Response><Say>&lol9;</Say></Response>"
    found = only(validate(bomb))
    assert found.rule == checks.FORBIDDEN_DTD.rule
    assert len(found.message) < 200


def test_quadratic_blowup_entity_is_refused() -> None:
    big = "A" * 50_000
    twiml = (
        f'<!DOCTYPE Response [<!ENTITY a "{big}">]>\n<Response><Say>{"&a;" * 10_000}</Say>'
        "</Response>"
    )
    assert only(validate(twiml)).rule == checks.FORBIDDEN_DTD.rule


def test_undeclared_entity_is_not_well_formed() -> None:
    found = only(validate("<Response>\n  <Say>&nbsp;Hi</Say>\n</Response>"))
    assert found.rule == checks.NOT_WELL_FORMED.rule
    assert (found.line, found.column) == (2, 8)
    assert "'&nbsp;' is an HTML entity" in found.message


@pytest.mark.parametrize(
    ("twiml", "line", "column", "words"),
    [
        ("<Response>\n  <Say>Hi</Sya>\n</Response>", 2, 10, "</Sya> does not match <Say>"),
        (
            "<Response>\n  <Dial><Number>+1555</Dial>\n</Response>",
            2,
            22,
            "<Number> opened at line 2, column 9 is never closed",
        ),
        (
            '<Response>\n<Pause length="1" length="2"/>\n</Response>',
            2,
            19,
            "length is written twice",
        ),
        ("<Response>\n<Say>Hi</Say>\n", 1, 1, "<Response> is never closed"),
        ("Hello, caller", 1, 1, "text before the root element"),
    ],
)
def test_malformed_xml_points_at_the_mistake(
    twiml: str, line: int, column: int, words: str
) -> None:
    found = only(validate(twiml))
    assert found.rule == checks.NOT_WELL_FORMED.rule
    assert found.line == line
    assert found.column == column
    assert words in found.message


def test_a_bare_ampersand_points_at_itself() -> None:
    found = only(validate("<Response><Say>Fish & chips</Say></Response>"))
    assert (found.rule, found.line, found.column) == ("unescaped-ampersand", 1, 21)


@pytest.mark.parametrize("content", ["", "   \n\t\n", codecs.BOM_UTF8.decode("utf-8")])
def test_empty_document(content: str) -> None:
    found = only(validate(content))
    assert (found.rule, found.line, found.column) == (checks.EMPTY_DOCUMENT.rule, 1, 1)


def test_empty_file(write: Write) -> None:
    path = write("empty.xml", b"")
    found = only(validate(path))
    assert found.rule == checks.EMPTY_DOCUMENT.rule
    assert found.path == str(path)


def test_control_character_is_located() -> None:
    found = only(validate("<Response>\n  <Say>Press \x07 now</Say>\n</Response>"))
    assert found.rule == checks.INVALID_CHARACTER.rule
    assert (found.line, found.column) == (2, 14)
    assert "U+0007" in found.message


def test_nul_byte_is_an_invalid_character() -> None:
    found = only(validate(b"<Response><Say>a\x00b</Say></Response>"))
    assert found.rule == checks.INVALID_CHARACTER.rule
    assert found.column == 17


def test_bytes_that_are_not_utf8_are_located() -> None:
    latin1 = "<Response>\n  <Say>Café au lait</Say>\n</Response>".encode("latin-1")
    found = only(validate(latin1))
    assert found.rule == checks.NOT_UTF8.rule
    assert (found.line, found.column) == (2, 11)
    assert "0xE9" in found.message


def test_utf16_is_refused_clearly() -> None:
    found = only(validate("<Response/>".encode("utf-16")))
    assert found.rule == checks.NOT_UTF8.rule
    assert "UTF-16" in found.message


def test_declared_foreign_encoding_is_refused() -> None:
    found = only(validate(b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<Response/>'))
    assert found.rule == checks.NOT_UTF8.rule
    assert "ISO-8859-1" in found.message


def test_utf8_with_bom_and_non_ascii_text_is_fine() -> None:
    twiml = codecs.BOM_UTF8 + "<Response><Say>¿Qué tal? 日本</Say></Response>".encode()
    assert validate(twiml) == []


@pytest.mark.parametrize(
    "blob",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        bytes(range(256)),
        os.urandom(4096),
    ],
    ids=["png", "zip", "all-bytes", "random"],
)
def test_binary_files_give_one_error(blob: bytes, write: Write) -> None:
    found = only(validate(write("blob.xml", blob)))
    assert found.rule in {
        checks.NOT_UTF8.rule,
        checks.INVALID_CHARACTER.rule,
        checks.NOT_WELL_FORMED.rule,
    }
    assert found.severity == "error"


def test_file_over_the_cap_is_not_parsed(write: Write) -> None:
    pauses = b"<Pause/>" * (MAX_DOCUMENT_BYTES // 8)
    path = write("huge.xml", b"<Response>" + pauses + b"</Response>")
    found = only(validate(path))
    assert found.rule == checks.DOCUMENT_TOO_LARGE.rule
    assert found.path == str(path)


def test_the_cap_can_be_lowered() -> None:
    twiml = "<Response><Say>" + "x" * 100 + "</Say></Response>"
    assert validate(twiml) == []
    assert only(validate(twiml, max_bytes=64)).rule == checks.DOCUMENT_TOO_LARGE.rule


def test_deep_nesting_is_refused() -> None:
    twiml = "<Response>" + "<Say>" * 10_000 + "</Say>" * 10_000 + "</Response>"
    found = only(validate(twiml))
    assert found.rule == checks.NOT_WELL_FORMED.rule
    assert "nested too deeply" in found.message


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    found = only(validate(tmp_path / "nope.xml"))
    assert found.rule == checks.UNREADABLE_FILE.rule
    assert "No such file" in found.message


def test_folder_is_unreadable(tmp_path: Path) -> None:
    assert only(validate(tmp_path)).rule == checks.UNREADABLE_FILE.rule


def test_a_path_given_as_str_is_taken_as_twiml() -> None:
    found = only(validate("calls/welcome.xml"))
    assert found.rule == checks.NOT_WELL_FORMED.rule


def test_wrong_source_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"pathlib\.Path"):
        validate(42)  # type: ignore[arg-type]


def test_processing_instruction_and_comments_do_not_shift_positions() -> None:
    twiml = (
        "<?xml version='1.0'?>\n<!-- <Dial> in a comment -->\n<Response>\n"
        "<![CDATA[ <Say> ]]>\n<Sya/>\n</Response>"
    )
    found = validate(twiml)
    assert [(d.rule, d.line, d.column) for d in found] == [
        ("unexpected-text", 4, 1),
        ("unknown-element", 5, 1),
    ]


# -- a DOCTYPE, whatever comes before it --------------------------------------------------

_BOM = codecs.BOM_UTF8
_DTD_BODIES = {
    "general entity": '<!DOCTYPE Response [<!ENTITY x "hi">]><Response><Say>&x;</Say></Response>',
    "attribute default": (
        '<!DOCTYPE Response [<!ATTLIST Dial recordingTrack CDATA "inbound">]>'
        "<Response><Dial>+15551230000</Dial></Response>"
    ),
    "external DTD": '<!DOCTYPE Response SYSTEM "twiml.dtd"><Response><Say>hi</Say></Response>',
}
_BEFORE = {
    "nothing": b"",
    "a BOM": _BOM,
    "two BOMs": _BOM * 2,
    "three BOMs": _BOM * 3,
    "a BOM, a space, a BOM": _BOM + b" " + _BOM,
    "a declaration then a BOM": b'<?xml version="1.0"?>' + _BOM,
    "a comment then two BOMs": b"<!-- hi -->" + _BOM * 2,
}


@pytest.mark.parametrize("body", list(_DTD_BODIES.values()), ids=list(_DTD_BODIES))
@pytest.mark.parametrize("before", list(_BEFORE.values()), ids=list(_BEFORE))
def test_a_doctype_is_refused_whatever_comes_before_it(before: bytes, body: str) -> None:
    found = only(validate(before + body.encode()))
    assert found.rule == checks.FORBIDDEN_DTD.rule
    assert found.line == 1
    assert found.message.startswith("DOCTYPE declarations are not allowed in TwiML")


def test_a_doctype_is_refused_by_parse_too() -> None:
    from twimlkit import InvalidTwiML, parse

    twiml = _BOM * 3 + _DTD_BODIES["attribute default"].encode()
    with pytest.raises(InvalidTwiML, match="DOCTYPE declarations are not allowed"):
        parse(twiml)


def test_the_parser_opens_no_file_a_dtd_names(write: Write) -> None:
    # Defence in depth, below the refusal: were a DTD ever to reach twimlkit's parser, the
    # file its parameter entity names is not opened. The file holds no declarations, so a
    # parser that reads it fails, naming it.
    from lxml import etree

    from twimlkit.document import hardened_parser

    secret = write("secret.txt", "TOP-SECRET-TOKEN-1234")
    twiml = (
        _BOM
        + (
            f'<?xml version="1.0"?><!DOCTYPE Response [<!ENTITY % p SYSTEM "file://{secret}">'
            " %p;]><Response><Say>hi</Say></Response>"
        ).encode()
    )
    parser = hardened_parser()
    assert etree.fromstring(twiml, parser)[0].text == "hi"
    assert "secret.txt" not in str(parser.error_log)
    # Without the resolver, libxml2 opens the file: the assertions above can fail.
    unguarded = etree.XMLParser(
        encoding="utf-8",
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        collect_ids=False,  # with ids collected, libxml2 happens not to open it
    )
    with pytest.raises(etree.XMLSyntaxError, match=r"secret\.txt"):
        etree.fromstring(twiml, unguarded)


def test_text_over_the_cap_is_refused_without_being_encoded() -> None:
    class Huge(str):
        def encode(self, *args: object, **kwargs: object) -> bytes:
            raise AssertionError("a document over the cap was encoded")

    found = only(validate(Huge("<Response>" + "x" * 100 + "</Response>"), max_bytes=64))
    assert found.rule == checks.DOCUMENT_TOO_LARGE.rule
    # Within the cap in characters but over it in bytes: refused once encoded.
    found = only(validate("<Response><Say>" + "é" * 40 + "</Say></Response>", max_bytes=64))
    assert found.rule == checks.DOCUMENT_TOO_LARGE.rule


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_input_findings_count_every_xml_line_break(line_break: str) -> None:
    def where(source: str | bytes) -> list[tuple[str, int, int]]:
        return [(d.rule, d.line, d.column) for d in validate(source)]

    lines = line_break.join(["<Response>", "<Say>hi</Say>", "<Say>\x01</Say>", "</Response>"])
    assert where(lines) == [("invalid-character", 3, 6)]
    lines = line_break.join(["<Response>", "", "<Say>é\xff</Say></Response>"])
    assert where(lines.encode("utf-8", errors="surrogateescape").replace(b"\xc3\xbf", b"\xff")) == [
        ("not-utf8", 3, 7)
    ]
    lines = line_break.join(["<Response>", "<Say>a</Say>", "<Say>a</Sya></Response>"])
    assert [(rule, line) for rule, line, _ in where(lines)] == [("not-well-formed", 3)]
    declared = line_break.join(['<?xml version="1.0"', 'encoding="latin-1"?>', "<Response/>"])
    assert where(declared) == [("not-utf8", 2, 11)]


#: More digits than Python's int() reads (sys.get_int_max_str_digits(): 4,300 by default).
DIGITS = "1" * 5000


@pytest.mark.parametrize(
    ("twiml", "rules"),
    [
        (f'<Pause length="{DIGITS}.0"/>', ["number-not-whole"]),
        (f'<Dial timeout="{DIGITS}">+15551230000</Dial>', ["dial-timeout-out-of-range"]),
        (f'<Dial timeout="{DIGITS}.0">+15551230000</Dial>', ["number-not-whole"]),
        (
            f'<Dial timeLimit="{DIGITS}">+15551230000</Dial>',
            ["invalid-value", "time-limit-over-four-hours"],
        ),
        (
            '<Say xmlns:a="urn:twimlkit:&#' + "0" * 5000 + '97;mazon">'
            '<amazon:effect xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:type="a:AmazonEffect">x</amazon:effect></Say>',
            [],
        ),
    ],
)
def test_numbers_longer_than_python_reads_as_int_are_checked(twiml: str, rules: list[str]) -> None:
    for padding in ("", " " * 70_000):  # checked by libxml2 first, and walked first
        found = validate(f"<Response>{twiml}{padding}</Response>")
        assert [d.rule for d in found if d.rule != "response-too-large"] == rules
