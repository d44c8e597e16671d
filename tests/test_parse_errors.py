"""XML that does not parse, explained in plain words (twimlkit/parse_errors.py): each case
below is a mistake people make in TwiML, with the exact line and column of the character at
fault (counted in characters, every XML line break ending a line), what the message says and,
for a bare &, the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, conformance_documents
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_never_crashes import elements

from twimlkit import Diagnostic, cli, validate
from twimlkit.diagnostic import Edit, Fix
from twimlkit.parse_errors import scan
from twimlkit.template_lint import validate_template


def only(twiml: str | bytes, path: str | None = None) -> Diagnostic:
    found = validate(twiml, path=path)
    assert len(found) == 1, found
    return found[0]


def applied(text: str, fix: Fix) -> str:
    """``text`` with ``fix``'s edits made (lines counted as twimlkit counts them)."""
    starts = [0, *(m.end() for m in re.finditer("\r\n?|\n", text))]
    for edit in sorted(fix.edits, key=lambda e: (e.line, e.column), reverse=True):
        start = starts[edit.line - 1] + edit.column - 1
        end = starts[edit.end_line - 1] + edit.end_column - 1
        text = text[:start] + edit.replacement + text[end:]
    return text


# -- a bare & ----------------------------------------------------------------------------------

AMPERSANDS = [
    # (document, line, column, message)
    (
        "<Response>\n  <Say>Tom & Jerry</Say>\n</Response>",
        2,
        12,
        "a bare '&' must be written '&amp;'",
    ),
    (
        "<Response>\n  <Redirect>/next?a=1&step=2</Redirect>\n</Response>",
        2,
        22,
        "the '&' before step= must be written '&amp;' (&amp;step=), in URLs too",
    ),
    (
        '<Response>\n  <Gather action="/menu?lang=en&retry=1"/>\n</Response>',
        2,
        32,
        "the '&' before retry= in the value of attribute action must be written '&amp;' "
        "(&amp;retry=), in URLs too",
    ),
    ("<Response><Say>Q&A</Say></Response>", 1, 17, "a bare '&' must be written '&amp;' (&amp;A)"),
    ("<Response><Say>fish &</Say></Response>", 1, 21, "a bare '&' must be written '&amp;'"),
]


@pytest.mark.parametrize(("twiml", "line", "column", "message"), AMPERSANDS)
def test_a_bare_ampersand_is_found_with_its_fix(
    twiml: str, line: int, column: int, message: str
) -> None:
    found = only(twiml)
    assert (found.code, found.rule, found.severity) == ("TK009", "unescaped-ampersand", "error")
    assert (found.line, found.column, found.end_line, found.end_column) == (
        line,
        column,
        line,
        column + 1,
    )
    assert found.message == message
    assert found.fix == Fix(
        "write '&' as '&amp;'", (Edit(line, column, line, column + 1, "&amp;"),)
    )
    mended = applied(twiml, found.fix)
    assert mended == twiml.replace("&", "&amp;")
    assert not [d for d in validate(mended) if d.rule in ("unescaped-ampersand", "not-well-formed")]


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_every_bare_ampersand_is_found_whatever_the_line_breaks(line_break: str) -> None:
    twiml = line_break.join(
        [
            "<Response>",
            "  <Say>Café & crème</Say>",
            '  <Play loop="2">https://example.com/a.mp3?x=1&y=2</Play>',
            "  <Redirect>/next?a=1&b=2&c=3</Redirect>",
            "</Response>",
        ]
    )
    found = validate(twiml)
    lines = twiml.split(line_break)
    ampersands = [
        (number, match.start() + 1)  # columns count characters, not bytes: é is one
        for number, line in enumerate(lines, start=1)
        for match in re.finditer("&", line)
    ]
    assert len(ampersands) == 4 and ampersands[0] == (2, 13)
    assert [(d.rule, d.line, d.column) for d in found] == [
        ("unescaped-ampersand", line, column) for line, column in ampersands
    ]
    mended = twiml
    for diagnostic in reversed(found):
        assert diagnostic.fix is not None
        mended = applied(mended, diagnostic.fix)
    assert mended == twiml.replace("&", "&amp;")
    assert validate(mended) == []


def test_an_ampersand_that_starts_an_entity_keeps_its_meaning() -> None:
    # &amp; &lt; and character references are fine; an & before an HTML entity's name is not
    # mended by writing &amp;: that would say "&nbsp;" aloud.
    assert validate("<Response><Say>a &amp; b &lt; c &#233; &#xE9;</Say></Response>") == []
    found = only("<Response>\n  <Say>&nbsp;Hi</Say>\n</Response>")
    assert (found.rule, found.line, found.column, found.fix) == ("not-well-formed", 2, 8, None)
    assert found.message == (
        "'&nbsp;' is an HTML entity, which XML does not know: write the character itself "
        "(U+00A0 NO-BREAK SPACE) or '&#160;'"
    )


@pytest.mark.parametrize(
    ("twiml", "column", "message"),
    [
        (
            "<Response><Say>&foo;</Say></Response>",
            16,
            "'&foo;' is not an entity XML knows (it knows only &amp; &lt; &gt; &quot; &apos;); "
            "write the character itself, or '&amp;foo;' for the text as it stands",
        ),
        (
            "<Response><Say>Tom &amp Jerry</Say></Response>",
            20,
            "'&amp' lacks its ';': write '&amp;' (or '&amp;amp')",
        ),
        (
            "<Response><Say>caf&eacute</Say></Response>",
            19,
            "'&eacute' (no ';') is an HTML entity, which XML does not know: write the character "
            "itself (U+00E9 LATIN SMALL LETTER E WITH ACUTE) or '&#233;'",
        ),
        (
            "<Response><Say>&#xZZ;</Say></Response>",
            16,
            "'&#' starts a character reference, written '&#' and decimal digits or '&#x' and "
            "hexadecimal digits, then ';' (&#160;, &#xA0;); a literal '&' is written '&amp;'",
        ),
        (
            "<Response><Say>&#0;</Say></Response>",
            16,
            "&#0; refers to U+0000, which XML does not allow; remove it",
        ),
    ],
)
def test_an_entity_xml_does_not_know_is_named_without_a_guess(
    twiml: str, column: int, message: str
) -> None:
    found = only(twiml)
    assert (found.rule, found.line, found.column, found.fix) == ("not-well-formed", 1, column, None)
    assert found.message == message


def test_the_ampersands_come_before_the_first_other_mistake_and_nothing_after_it() -> None:
    twiml = (
        "<Response>\n"
        "  <Say>A & B</Say>\n"
        "  <Say>C &nbsp; D</Say>\n"
        "  <Say>E</Sya>\n"  # the first mistake in the structure: nothing after it is a sure thing
        "  <Say>F & G</Say>\n"
        "</Response>"
    )
    found = validate(twiml)
    assert [(d.rule, d.line, d.column) for d in found] == [
        ("unescaped-ampersand", 2, 10),
        ("not-well-formed", 3, 10),
        ("not-well-formed", 4, 9),
    ]
    assert (
        found[2].message == "</Sya> does not match <Say> opened at line 4, column 3: write </Say>"
    )


def test_a_mistake_only_libxml2_names_after_the_ampersands_is_still_reported() -> None:
    # The scanner does not judge XML declarations; libxml2 does, on the text with each & mended.
    twiml = '<Response><Say>A & B</Say><?xml version="1.0"?></Response>'
    found = validate(twiml)
    assert [(d.rule, d.column) for d in found] == [
        ("unescaped-ampersand", 18),
        ("not-well-formed", 27),
    ]
    assert "the XML declaration <?xml ...?> must be the very first thing" in found[1].message


# -- tags --------------------------------------------------------------------------------------

CASES = [
    # (name, document, line, column, message)
    (
        "< in text",
        "<Response>\n  <Say>1 < 2</Say>\n</Response>",
        2,
        10,
        "a '<' that does not start a tag: a tag's name follows '<' directly; in text, write '&lt;'",
    ),
    (
        "< in an attribute",
        '<Response><Say voice="a<b">hi</Say></Response>',
        1,
        24,
        "a '<' in the value of attribute voice of <Say> must be written '&lt;'",
    ),
    (
        "a tag left open",
        "<Response>\n  <Gather>\n    <Say>Press 1\n  </Gather>\n</Response>",
        4,
        3,
        "<Say> opened at line 3, column 5 is never closed: add </Say> before </Gather>",
    ),
    (
        "two tags left open",
        "<Response>\n  <Gather>\n    <Say>Press 1\n</Response>",
        4,
        1,
        "<Say> opened at line 3, column 5 is never closed: add </Say></Gather> before </Response>",
    ),
    (
        "a tag left open at the end",
        "<Response>\n  <Say>Hello</Say>\n",
        1,
        1,
        "<Response> is never closed: the document ends before its </Response>",
    ),
    (
        "tags left open at the end",
        "<Response>\n  <Gather>\n    <Say>Press 1",
        3,
        5,
        "<Say> is never closed: the document ends before its </Say> (nor are the elements "
        "around it: add </Gather></Response> too)",
    ),
    (
        "a misspelt end tag",
        "<Response>\n  <Dial>+15551230000</Dail>\n</Response>",
        2,
        21,
        "</Dail> does not match <Dial> opened at line 2, column 3: write </Dial>",
    ),
    (
        "an end tag in the wrong case",
        "<Response><Say>hi</say></Response>",
        1,
        18,
        "</say> does not match <Say> opened at line 1, column 11: write </Say>",
    ),
    (
        "an end tag that closes nothing",
        "<Response><Hangup/></Gather></Response>",
        1,
        20,
        "</Gather> closes no open element: the element open here is <Response>, opened at "
        "line 1, column 1; remove </Gather> or write </Response>",
    ),
    (
        "an end tag without its >",
        "<Response><Say>hi</Say</Response>",
        1,
        23,
        "the end tag </Say must be closed with '>' right after its name (</Say>)",
    ),
    (
        "an end tag never closed",
        "<Response><Say>hi</Say",
        1,
        18,
        "the end tag </Say is never closed with '>'",
    ),
    (
        "a start tag without its >",
        '<Response><Say voice="alice"',
        1,
        11,
        "the start tag <Say is never closed with '>'",
    ),
    (
        "an attribute without quotes",
        "<Response>\n  <Pause length=2/>\n</Response>",
        2,
        17,
        'the value of attribute length of <Pause> must be in quotes: length="2"',
    ),
    (
        "an attribute without a value",
        "<Response><Dial record>+15551230000</Dial></Response>",
        1,
        17,
        'attribute record of <Dial> has no value: XML needs one, in quotes (record="...")',
    ),
    (
        "an attribute without =",
        '<Response><Say voice "alice">hi</Say></Response>',
        1,
        16,
        "attribute voice of <Say> needs '=' before its value",
    ),
    (
        "an attribute value never closed",
        "<Response><Say voice='alice>hi</Say></Response>",
        1,
        22,
        "the value of attribute voice of <Say> has no closing '",
    ),
    (
        "attributes without space between them",
        '<Response><Say voice="alice"loop="2">hi</Say></Response>',
        1,
        29,
        "attribute loop of <Say> needs white space before it",
    ),
    (
        "a duplicate attribute",
        '<Response>\n  <Pause length="1" length="2"/>\n</Response>',
        2,
        21,
        "attribute length is written twice in <Pause> (first at line 2, column 10); keep one",
    ),
    (
        "something else in a tag",
        '<Response><Say, voice="alice">hi</Say></Response>',
        1,
        15,
        "',' does not belong in the start tag <Say>: a tag holds attributes (name=\"value\") "
        "and ends with '>' or '/>'",
    ),
    (
        "an undeclared prefix",
        "<Response><x:Say>hi</x:Say></Response>",
        1,
        11,
        "the prefix x: of <x:Say> is not declared: TwiML uses no prefix but amazon: (Amazon "
        'Polly\'s tags in <Say>); remove it, or declare it (xmlns:x="...")',
    ),
    (
        "a name with two colons",
        "<Response><Say:>hi</Say:></Response>",
        1,
        11,
        "the name of <Say:> is not one XML reads: a ':' stands only between a prefix and a "
        "name, once (amazon:effect)",
    ),
    (
        "amazon: on an attribute",
        '<Response><Say amazon:rate="slow">hi</Say></Response>',
        1,
        16,
        "the prefix amazon: of attribute amazon:rate of <Say> is for Amazon Polly's elements in "
        "<Say> (<amazon:effect>), not for attributes: remove it",
    ),
    (
        # twimlkit declares amazon: on the root as it parses: libxml2's column is not moved
        # for what comes before the declaration.
        "a broken root name before amazon:",
        "<Resp<amazon:effect>x</amazon:effect></Response>",
        1,
        6,
        "'<' does not belong in the start tag <Resp>: a tag holds attributes "
        "(name=\"value\") and ends with '>' or '/>'",
    ),
    # -- the document as a whole
    (
        "a byte-order mark after a comment",
        "<!-- greeting -->\ufeff<Response/>",
        1,
        18,
        "a byte-order mark (U+FEFF) may only be the first character of a document: remove this one",
    ),
    (
        "a processing instruction without space after its name",
        "<Response><?php<Say/>?></Response>",
        1,
        16,
        "the processing instruction <?php needs white space or '?>' after its name",
    ),
    (
        "text after the root",
        "<Response>\n</Response>\nGoodbye",
        3,
        1,
        "text after the root element: <Response> ended at line 2, column 1; remove it or move "
        "it inside <Response>",
    ),
    (
        "two roots",
        "<Response><Say>hi</Say></Response>\n<Response><Hangup/></Response>",
        2,
        1,
        "a second <Response>: a document has one root element, and <Response> ended at line 1, "
        "column 24; move what this one holds into the first <Response>, or remove it",
    ),
    (
        "a verb after a self-closing root",
        "<Response/><Hangup/>",
        1,
        12,
        "a second root element <Hangup>: a document is one element, and <Response> ended at "
        "line 1, column 1; move <Hangup> inside <Response>",
    ),
    (
        "text before the root",
        "Hello\n<Response/>",
        1,
        1,
        "text before the root element: a TwiML document starts with <Response> (after an "
        "optional <?xml ...?> declaration and comments)",
    ),
    (
        "no root",
        '<?xml version="1.0"?>\n<!-- the response goes here -->\n',
        1,
        1,
        "the document has no element: a TwiML document is one <Response> element",
    ),
    (
        "a comment never closed",
        "<Response>\n  <!-- TODO <Say>hi</Say>\n</Response>",
        2,
        3,
        "this comment is never closed with '-->'",
    ),
    (
        "two hyphens in a comment",
        "<Response><!-- a -- b --></Response>",
        1,
        18,
        "'--' inside a comment: XML allows two hyphens in a row only in the comment's closing "
        "'-->'",
    ),
    (
        "a CDATA section never closed",
        "<Response><Say><![CDATA[Tom & Jerry</Say></Response>",
        1,
        16,
        "this CDATA section is never closed with ']]>'",
    ),
    (
        "]]> in text",
        "<Response><Say>a]]>b</Say></Response>",
        1,
        17,
        "']]>' may not stand in text (it ends a CDATA section): write ']]&gt;'",
    ),
    (
        "a declaration after white space",
        '\n<?xml version="1.0"?>\n<Response/>',
        2,
        1,
        "the XML declaration <?xml ...?> must be the very first thing in the document: remove "
        "the white space before it",
    ),
    (
        "a processing instruction never closed",
        "<Response><?php echo 1; </Response>",
        1,
        11,
        "this processing instruction is never closed with '?>'",
    ),
    (
        "an XML declaration in capitals",
        '<?XML version="1.0"?>\n<Response/>',
        1,
        3,
        "the name 'XML' is reserved: the XML declaration is written <?xml ...?>, in lower case",
    ),
    (
        "an XML declaration never closed",
        '<?xml version="1.0" encoding="UTF-8">\n<Response/>',
        1,
        1,
        "this XML declaration is never closed with '?>'",
    ),
]


@pytest.mark.parametrize(
    ("twiml", "line", "column", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_mistake_is_explained_where_it_is(
    twiml: str, line: int, column: int, message: str
) -> None:
    found = only(twiml)
    assert (found.code, found.rule) == ("TK006", "not-well-formed")
    assert (found.line, found.column) == (line, column)
    assert found.message == message
    assert found.fix is None


@pytest.mark.parametrize("line_break", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_places_named_in_a_message_count_every_line_break(line_break: str) -> None:
    twiml = line_break.join(["<Response>", "  <Gather>", "    <Say>Press 1", "</Response>"])
    found = only(twiml)
    assert (found.line, found.column) == (4, 1)
    assert found.message.startswith("<Say> opened at line 3, column 5 is never closed")


def test_a_mistake_the_scanner_does_not_know_keeps_libxml2s_words_and_place() -> None:
    # Nested past libxml2's limit: the scanner finds nothing wrong before libxml2's place.
    twiml = "<Response>" + "<Say>" * 300 + "</Say>" * 300 + "</Response>"
    found = only(twiml)
    assert (
        found.message
        == "not well-formed XML: elements are nested too deeply (more than 256 levels)"
    )
    # The XML declaration is left to libxml2: what to write, then libxml2's words.
    found = only('<?xml version="1.0" standalone="maybe"?><Response/>')
    assert found.message == (
        'the XML declaration is not written as XML requires: write <?xml version="1.0" '
        "encoding=\"UTF-8\"?> or leave it out (libxml2: standalone accepts only 'yes' or 'no')"
    )


# -- template syntax in a plain file ----------------------------------------------------------


def test_a_plain_file_that_fails_and_holds_template_syntax_says_so() -> None:
    found = only("<Response>\n  <Dial timeout={{ timeout }}>+15551230000</Dial>\n</Response>")
    assert (found.line, found.column) == (2, 17)
    assert found.message == (
        'the value of attribute timeout of <Dial> must be in quotes: timeout="{{"; the '
        "document holds template syntax ('{{ timeout }}' on line 2): if it is a Jinja2 "
        "template, name its file *.xml.j2 so that twimlkit lint checks what it renders"
    )
    found = only('{% extends "base.xml.j2" %}\n{% block verbs %}<Say>hi</Say>{% endblock %}')
    assert found.message.startswith("text before the root element")
    assert "('{% extends \"base.xml.j2\" %}' on line 1)" in found.message


def test_a_template_is_not_told_to_be_named_a_template() -> None:
    twiml = "<Response>\n  <Say>{{ '{{' }} & </Say>\n</Response>"
    assert "template syntax" in validate(twiml)[0].message
    assert "template syntax" not in validate(twiml, path="calls/menu.xml.j2")[0].message
    assert "template syntax" not in validate(twiml, path="calls/MENU.TWIML.J2")[0].message


def test_jinja2_tags_in_a_plain_file_that_parses_are_a_warning() -> None:
    twiml = (
        "<Response>\n"
        "  <Say>{% if name %}Hello, {{ name }}{% else %}Hello{% endif %}</Say>\n"
        "</Response>"
    )
    found = only(twiml)
    assert (found.code, found.rule, found.severity) == ("TK010", "unrendered-template", "warning")
    assert (found.line, found.column, found.end_line, found.end_column) == (2, 8, 2, 21)
    assert found.message == (
        "the document holds Jinja2 tags ('{% if name %}', and 2 more), so it is checked as it "
        "stands, not as what it renders: if it is a template, name its file *.xml.j2 so that "
        "twimlkit lint renders it and checks every branch"
    )
    silenced = "<!-- twimlkit: disable-file=unrendered-template -->\n" + twiml
    assert validate(silenced) == []


@pytest.mark.parametrize(
    "twiml",
    [
        # A TwiML Bin fills {{ }} placeholders itself: the file is what Twilio runs.
        "<Response><Say>A call from {{From}} to {{ To }}</Say></Response>",
        # Braces and percent signs that are not Jinja2 tags.
        "<Response><Say>100% {sure} 50%}</Say><Play>https://a.example/x?q=%7B%25</Play></Response>",
        "<Response><Say>{%\n%}</Say></Response>",
    ],
)
def test_what_is_not_a_jinja2_tag_is_not_reported(twiml: str) -> None:
    assert validate(twiml) == []


def test_a_template_linted_as_one_gets_no_such_warning(tmp_path: Path) -> None:
    template = tmp_path / "greeting.xml.j2"
    template.write_text("<Response>{% raw %}<Say>{% x %}</Say>{% endraw %}</Response>")
    assert validate_template(template) == []


# -- in templates: places moved to the template's own text -------------------------------------


def test_in_a_template_the_places_are_the_templates_and_there_is_no_fix() -> None:
    template = (
        "<Response>\n"
        "  {% if menu %}\n"
        '  <Gather action="/menu?step={{ step }}&lang=en">\n'
        "    <Say>Press 1</Say>\n"
        "  {% endif %}\n"
        "</Response>\n"
    )
    found = validate_template(template)
    assert [(d.rule, d.line, d.column) for d in found] == [
        ("unescaped-ampersand", 3, 40),
        ("not-well-formed", 6, 1),
    ]
    ampersand, unclosed = found
    assert ampersand.fix is None  # templates are checked, not fixed
    assert unclosed.message == (
        "<Gather> opened at line 3, column 3 is never closed: add </Gather> before </Response>"
    )


def test_in_a_template_an_ampersand_an_expression_wrote_is_found_at_the_expression() -> None:
    found = validate_template('<Response><Say>{{ "Tom & Jerry" | safe }}</Say></Response>')
    assert [(d.rule, d.column) for d in found] == [("unescaped-ampersand", 16)]


# -- the command line --------------------------------------------------------------------------


def test_the_command_line_shows_the_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = tmp_path / "calls.xml"
    calls.write_text("<Response>\n  <Redirect>/next?a=1&b=2</Redirect>\n  <Say>Bye\n</Response>\n")
    assert cli.main(["lint", str(calls)]) == 1
    assert capsys.readouterr().out == (
        f"{calls}:2:22: error TK009 [unescaped-ampersand] the '&' before b= must be written "
        "'&amp;' (&amp;b=), in URLs too\n"
        f"{calls}:4:1: error TK006 [not-well-formed] <Say> opened at line 3, column 3 is never "
        "closed: add </Say> before </Response>\n"
    )


# -- the scanner never finds a mistake in well-formed XML ------------------------------------


def well_formed_corpus() -> list[str]:
    files = [*sorted(EXAMPLES.rglob("*.xml")), *conformance_documents()]
    return [path.read_text(encoding="utf-8") for path in files]


def test_the_scanner_finds_nothing_in_the_examples_and_twilios_snippets() -> None:
    corpus = well_formed_corpus()
    assert len(corpus) > 50
    for text in corpus:
        assert scan(text) == [], text


MARKUP = st.sampled_from(
    [
        "<!-- c - d -->", "<![CDATA[a & b < c ]] > ]]>", "<?pi a?b ?>", "&amp;", "&#x1F600;",
        "&#233;", "&lt;&gt;&quot;&apos;", "a > b", "]]", "{{ x }}", "\r\n", "\t", "é",
        "<amazon:effect name='whispered'>x</amazon:effect>", "<p:x xmlns:p='urn:p' p:a='1'/>",
        "<Say a = '\"' b=\"'\" />", "<Say\n  loop='1'\n/>", "<Hangup></Hangup >",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(elements(2), st.lists(st.tuples(st.integers(0, 10_000), MARKUP), max_size=4))
def test_the_scanner_finds_nothing_where_libxml2_finds_nothing(
    document: str, insertions: list[tuple[int, str]]
) -> None:
    text = f"<Response>{document}</Response>"
    ends = [m.end() for m in re.finditer(">", text)][:-1]  # between tags, inside the root
    places = sorted(((ends[where % len(ends)], piece) for where, piece in insertions), reverse=True)
    for at, piece in places:
        text = text[:at] + piece + text[at:]
    bound = text.replace("<Response>", '<Response xmlns:amazon="urn:a">', 1)
    etree.fromstring(bound.encode())  # well-formed, as libxml2 reads it
    assert scan(text) == []


@pytest.mark.parametrize(
    ("twiml", "spanned"),
    [
        ("<Response>\n  <Dial>+15551230000</Dail >\n</Response>", "</Dail >"),
        ("<Response>\n  <Say>hi\n</Response>", "</Response>"),
        ("<Response>\n  <Gather>\n    <Say>Press 1", "<Say"),
        ('<Response>\n  <Pause length="1" length="2"/>\n</Response>', "length"),
        ("<Response>\n  <Pause length=2/>\n</Response>", "2"),
        ("<Response>\n  <Say>&nbsp;Hi</Say>\n</Response>", "&nbsp;"),
        ("<Response>\n  <Say>&#0;</Say>\n</Response>", "&#0;"),
        ("<Response>\n  <x:Say>hi</x:Say>\n</Response>", "<x:Say"),
        ('<Response>\n  <Say voice="a<b">hi</Say>\n</Response>', "<"),
    ],
)
def test_a_finding_spans_what_is_wrong(twiml: str, spanned: str) -> None:
    # For an output format that underlines it: the span is exactly the text at fault.
    found = only(twiml)
    lines = twiml.split("\n")
    assert found.line == found.end_line
    line = lines[found.line - 1]
    assert line[found.column - 1 : found.end_column - 1] == spanned


def test_a_second_response_is_not_told_to_move_inside_the_first() -> None:
    (found,) = validate("<Response><Say>a</Say></Response>\n<Response><Hangup/></Response>")
    assert (found.rule, found.line, found.column) == ("not-well-formed", 2, 1)
    assert "move what this one holds into the first <Response>, or remove it" in found.message
    assert "inside <Response>" not in found.message


def test_an_ampersand_inside_template_syntax_gets_only_an_unsafe_fix() -> None:
    text = '<Response><Say>{{ "a" & "b" }} {% if a & b %}x{% endif %} & c</Say></Response>'
    found = [d for d in validate(text) if d.rule == "unescaped-ampersand"]
    applicability = {
        text[d.column - 1 : d.column + 3]: d.fix.applicability.value
        for d in found
        if d.fix is not None
    }
    assert applicability == {'& "b': "unsafe", "& b ": "unsafe", "& c<": "safe"}
    assert all(d.fix is not None for d in found)
    # An unclosed {{ runs to the end: what follows it is inside.
    (late,) = validate("<Response><Say>{{ x & y</Say></Response>")[:1]
    assert late.fix is not None and late.fix.applicability.value == "unsafe"
