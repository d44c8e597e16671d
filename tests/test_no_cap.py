"""Every finding is reported however many there are, in time that grows with the document,
and suppression works element by element even when a document is one line."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

import pytest
from conftest import Write, growth

from twimlkit import cli, validate
from twimlkit.diagnostic import Diagnostic


def places(found: list[Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return [(d.rule, d.line, d.column, d.end_line, d.end_column) for d in found]


def test_forty_unknown_elements_give_forty_findings() -> None:
    found = validate("<Response>" + "<Sya/>" * 40 + "</Response>")
    assert [d.rule for d in found] == ["unknown-element"] * 40
    # "<Response>" is 10 characters; each "<Sya/>" is 6.
    assert places(found) == [("unknown-element", 1, 11 + 6 * i, 1, 17 + 6 * i) for i in range(40)]
    assert all(d.message.endswith("did you mean <Say>?") for d in found)


CUSTOM_THEN_DIAL = (
    "<Response>\n"
    + "  <Custom/>\n" * 30
    + '  <Dial timeout="0"><Number>+15551230000</Number></Dial>\n'
    + "</Response>\n"
)


def test_a_problem_after_thirty_unknown_elements_is_reported() -> None:
    found = validate(CUSTOM_THEN_DIAL)
    assert Counter(d.rule for d in found) == {"unknown-element": 30, "invalid-value": 1}
    # Line 32: '  <Dial timeout="0">', the attribute from column 9 to 20.
    assert places(found)[-1] == ("invalid-value", 32, 9, 32, 20)


def test_lint_ignoring_unknown_elements_still_fails_on_the_dial(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("custom.xml", CUSTOM_THEN_DIAL)
    status = cli.main(["lint", "--ignore", "unknown-element", str(path)])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.startswith(f"{path}:32:9: error TK103 [invalid-value] <Dial> attribute timeout: ")
    assert out.count("\n") == 1
    assert err == "Found 1 error in 1 file.\n"


def test_five_thousand_misplaced_elements() -> None:
    number = "<Number>+15551230000</Number>"
    found = validate("<Response>\n" + f"  {number}\n" * 5000 + "</Response>")
    assert Counter(d.rule for d in found) == {"invalid-nesting": 5000, "response-too-large": 1}
    nesting = [d for d in found if d.rule == "invalid-nesting"]
    assert [(d.line, d.column, d.end_column) for d in nesting] == [
        (line, 3, 11) for line in range(2, 5002)
    ]


def test_five_thousand_bad_attribute_values() -> None:
    found = validate("<Response>\n" + '  <Pause length="x"/>\n' * 5000 + "</Response>")
    assert Counter(d.rule for d in found) == {"invalid-value": 5000, "response-too-large": 1}
    values = [d for d in found if d.rule == "invalid-value"]
    assert [d.line for d in values] == list(range(2, 5002))
    # '  <Pause length="x"/>': the attribute from column 10 to 20.
    assert [(d.line, d.column, d.end_column) for d in values] == [
        (line, 10, 20) for line in range(2, 5002)
    ]


def test_five_thousand_unknown_attributes_on_one_element() -> None:
    attributes = " ".join(f'a{i}="1"' for i in range(5000))
    found = validate(f"<Response><Hangup {attributes}/></Response>")
    assert Counter(d.rule for d in found) == {"unknown-attribute": 5000}
    assert len({d.column for d in found}) == 5000


# -- time that grows linearly ------------------------------------------------------------


def seconds(document: str, runs: int = 3) -> float:
    """The best of ``runs`` times to validate ``document``."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        validate(document)
        best = min(best, time.perf_counter() - start)
    return best


def siblings(element: str) -> Callable[[int], str]:
    return lambda n: "<Response>\n" + f"  {element}\n" * n + "</Response>"


def nested(start: str, end: str, inner: str = "") -> Callable[[int], str]:
    return lambda n: f"<Response><Say>{start * n}{inner}{end * n}</Say></Response>"


def attributes(n: int) -> str:
    return "<Response><Hangup " + " ".join(f'a{i}="1"' for i in range(n)) + "/></Response>"


def deep(start: str, end: str) -> Callable[[int], str]:
    return lambda n: f"<Response>{start * n}{end * n}</Response>"


#: (shape, size): each is timed at half and twice its size, which keeps every document under
#: libxml2's 256 levels and twimlkit's 1 MiB.
LINEAR = {
    "unknown elements": (siblings("<Sya/>"), 1000),
    "misplaced elements": (siblings("<Number>+15551230000</Number>"), 2000),
    "empty verbs": (siblings("<Say/>"), 2000),
    "a few bad attributes each": (siblings('<Dial timeout="1" colour="red">+1</Dial>'), 500),
    "many attributes on one element": (attributes, 4000),
    # libxml2 alone is quadratic here (it counts preceding siblings to name each error's
    # place); a document this large is walked first.
    "bad values on many siblings": (siblings('<Pause length="x"/>'), 6000),
    # White space around values is what libxml2 objects to here (its error path is quadratic)
    # and what the walk finds nothing else wrong with.
    "padded values on many siblings": (
        siblings('<Redirect method=" POST ">/x</Redirect>'),
        4000,
    ),
    "suppression comments that name nothing": (
        siblings("<!-- twimlkit: disable=x --><Say>hi</Say>"),
        3000,
    ),
    "suppression comments before findings": (
        siblings("<!-- twimlkit: disable=empty-say --><Sya/>"),
        3000,
    ),
    "suppression comments before the root": (
        lambda n: "<!-- twimlkit: disable=empty-say -->\n" * n + "<Response><Say/></Response>",
        6000,
    ),
    "deep, valid": (nested("<prosody>", "</prosody>", "hi"), 120),
    "deep, misplaced": (deep("<Gather>", "</Gather>"), 120),
    "deep, unknown": (deep("<Sya>", "</Sya>"), 120),
}

#: Deep shapes, at 250 levels. libxml2's time grows faster than the depth when each level
#: has an error (it names each error's place from the root): it refuses more than 256 levels,
#: which bounds that.
DEEPEST = {
    "a bad value and an unknown attribute at each level": nested(
        '<emphasis level="x" foo="1">', "</emphasis>", "hi"
    ),
    "nested <Say>": deep("<Say>", "</Say>"),
    "nested <Gather>": deep("<Gather>", "</Gather>"),
}

#: Linear time grows 4 times with four times the size; quadratic time, 16 times. 10 leaves
#: room for a machine busy with other work.
BOUND = 10.0


@pytest.mark.parametrize(("shape", "size"), LINEAR.values(), ids=LINEAR.keys())
def test_time_grows_linearly(shape: Callable[[int], str], size: int) -> None:
    small, large = shape(size // 2), shape(2 * size)
    assert len(large.encode()) < 1024 * 1024
    ratio = growth(small, large, runs=3)
    assert ratio < BOUND, f"four times the size took {ratio:.1f} times as long"


@pytest.mark.parametrize("shape", DEEPEST.values(), ids=DEEPEST.keys())
def test_the_deepest_documents_are_quick(shape: Callable[[int], str]) -> None:
    document = shape(250)
    found = validate(document)
    assert found and all(d.rule != "not-well-formed" for d in found), "250 levels are parsed"
    validate(shape(1))
    assert seconds(document) < 0.5


# -- suppression by element, on one line -------------------------------------------------


def test_a_comment_silences_only_the_next_element_on_one_line() -> None:
    twiml = "<Response><!-- twimlkit: disable=empty-say --><Say/><Say/></Response>"
    found = validate(twiml)
    # The second <Say/> starts after "<Response>" (10), the comment (36) and "<Say/>" (6).
    assert places(found) == [("empty-say", 1, 53, 1, 59)]
    assert twiml[52:58] == "<Say/>"


def test_a_comment_takes_prefixes_and_all_as_the_command_line_does() -> None:
    twiml = "<Response><!-- twimlkit: disable=TK2 --><Say/><Say/></Response>"
    # "<Response><!-- twimlkit: disable=TK2 -->" is 40 characters: the second <Say/> is at 47.
    assert [(d.rule, d.column) for d in validate(twiml)] == [("empty-say", 47)]
    assert validate("<!-- twimlkit: disable-file=ALL --><Response><Sya/><Say/></Response>") == []


def test_a_comment_before_the_root_silences_the_whole_document() -> None:
    assert validate("<!-- twimlkit: disable=empty-say -->\n<Response><Say/></Response>") == []


def test_unknown_names_in_comments_can_themselves_be_silenced() -> None:
    twiml = (
        "<!-- twimlkit: disable-file=unknown-suppression -->"
        "<Response><!-- twimlkit: disable=nothing-like-this --><Say>hi</Say></Response>"
    )
    assert validate(twiml) == []
    found = validate(
        "<Response><!-- twimlkit: disable=nothing-like-this --><Say>hi</Say></Response>"
    )
    assert [(d.rule, d.column, d.end_column) for d in found] == [("unknown-suppression", 11, 55)]


def test_silencing_the_better_finding_brings_back_the_one_it_replaced() -> None:
    twiml = (
        "<Response><!-- twimlkit: disable=inline-twiml-relative-url -->"
        '<Gather action="www.example.com/menu"/></Response>'
    )
    assert [d.rule for d in validate(twiml, inline=True)] == ["url-without-scheme"]
    assert [d.rule for d in validate(twiml.replace("<!--", "<!-- x"), inline=True)] == [
        "inline-twiml-relative-url"
    ]


def test_a_comment_reaches_only_the_next_element_within_its_parent() -> None:
    # The comment ends the first <Say>'s content: the empty <Say/> after it is not silenced.
    twiml = "<Response><Say>a<!-- twimlkit: disable=empty-say --></Say><Say/></Response>"
    assert [(d.rule, d.column) for d in validate(twiml)] == [("empty-say", 59)]


def test_a_name_given_twice_is_reported_once() -> None:
    found = validate("<Response><!-- twimlkit: disable=nope,nope --><Say>b</Say></Response>")
    assert [d.rule for d in found] == ["unknown-suppression"]
