"""The worst documents known for twimlkit's time, from benchmarks/worst_case.py, cost time
linear in their size: four times the bytes take well under sixteen times as long, which is
what time growing with the square of the size would take.

Each shape here was once quadratic, somewhere between the schema check, libxml2 and lxml;
the benchmark times every shape at a quarter of the size cap and at the cap. The sizes here
are the smallest at which the old quadratic cost stood out clearly.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import growth, load_benchmark

worst_case = load_benchmark("worst_case")

#: Shape (as the benchmark names it) and its smaller size in bytes, timed against four times
#: that. Both documents are over 64 KiB, so that both are walked before libxml2 is asked.
WORST = {
    # Each padded value was looked up again by name, through all of the element's attributes.
    "many padded attributes on one element": 70_000,
    # xsi: attributes were left to libxml2, whose error path counts each error's siblings.
    "xsi attributes XML Schema does not define": 70_000,
    # lxml's nsmap looks a prefix up through every namespace declared around the element.
    "prefixed xsi:type under many namespace declarations": 70_000,
    # lxml's deepcopy does the same for each namespaced attribute; this size is the smallest
    # at which that stands out.
    "valid xsi attributes and padding under many declarations": 200_000,
    # White space after a comment went to libxml2's error path too.
    "white space after a comment in verbs that take nothing": 100_000,
}

#: Linear time grows 4 times; quadratic, 16 times. 10 leaves room for a busy machine.
BOUND = 10.0


@pytest.mark.parametrize(("name", "size"), WORST.items(), ids=WORST.keys())
def test_the_worst_shapes_take_linear_time(name: str, size: int) -> None:
    shape = worst_case.SHAPES[name]
    small, large = shape(size), shape(4 * size)
    ratio = growth(small, large, runs=3)
    assert ratio < BOUND, f"{name}: four times the size took {ratio:.1f} times as long"


#: XML that does not parse, read again to say what is wrong (twimlkit/parse_errors.py): the
#: worst shapes known for that reading, each built here from the benchmark's helpers.
fill, ending_with, long_one = worst_case.fill, worst_case.ending_with, worst_case.long_one
NOT_WELL_FORMED = {
    # Each bare & is a finding with its fix, and the text is parsed again with each mended.
    "many bare ampersands": ending_with("<Say>a & b</Say>", "</Response>"),
    "many ampersands in URLs in attributes": ending_with('<Play url="/a?b=1&c=2"/>', "</Response>"),
    "many HTML entities": ending_with("<Say>&nbsp;</Say>", "</Response>"),
    # Everything read before the mistake, at the very end.
    "a tag left open at the very end": ending_with("<Say>hi</Say>", "<Say></Response>"),
    "a document that ends inside a tag": ending_with("<Say>hi</Say>", "<Say"),
    "many attributes, the last written twice": lambda budget: fill(
        "<Response><Say", lambda i: f' a{i}="1"', ' a0="2"/></Response>', budget
    ),
    "a long value without quotes": long_one("<Response><Say voice=", "x", "/></Response>"),
    "a long comment with -- at its end": long_one("<Response><!--", "x", "-- --></Response>"),
    "long names that do not match": lambda budget: (
        f"<Response><{'a' * (budget // 2 - 20)}></{'b' * (budget // 2 - 20)}></Response>"
    ),
    "many {% without %} on one line": long_one("<Response><Say>", "{%x", "</Sya></Response>"),
    "many {{ without }} in a plain file": long_one("<Response>", "{{ ", "&</Response>"),
    # A document that parses: its Jinja2 tags are counted.
    "many Jinja2 tags in a plain file": ending_with(
        "<Say>{% if x %}hi{% endif %}</Say>", "</Response>"
    ),
}


@pytest.mark.parametrize("shape", NOT_WELL_FORMED.values(), ids=NOT_WELL_FORMED.keys())
def test_explaining_xml_that_does_not_parse_takes_linear_time(
    shape: Callable[[int], str | bytes],
) -> None:
    small, large = shape(70_000), shape(280_000)
    ratio = growth(small, large, runs=3)
    assert ratio < BOUND, f"four times the size took {ratio:.1f} times as long"


#: Nested elements whose checks ask about all the text inside them (empty-say, say-too-long,
#: empty-message): each level's answer is worked out from the level below, once.
DEEP = {"<Say>": ("<Say>x", "</Say>"), "<Message>": ("<Message>x", "</Message>")}


@pytest.mark.parametrize(("start", "end"), DEEP.values(), ids=DEEP.keys())
def test_time_grows_linearly_with_the_depth(start: str, end: str) -> None:
    def nested(depth: int) -> str:
        return f"<Response>{start * depth}{end * depth}</Response>"

    # Eight times the depth (libxml2 takes 256 levels at most): linear time grows 8 times;
    # reading all the levels below at each level, 64 times.
    ratio = growth(nested(30), nested(240))
    assert ratio < 16, f"eight times the depth took {ratio:.1f} times as long"


#: Documents with a fix for each of many findings, for ``twimlkit.fix()`` (``--fix`` and
#: ``--diff``): a round once compared each fix with every fix taken before it.
MANY_FIXES = {
    "many bare ampersands on one line": long_one("<Response><Say>", "&", "</Say></Response>"),
    "many bare ampersands, one a line": ending_with("<Say>a & b</Say>\n", "</Response>"),
    "many values in the wrong case": ending_with(
        '<Redirect method="post">/x</Redirect>\n', "</Response>"
    ),
    # Two edits a fix, the start tag's name and the end tag's.
    "many misspelt elements": ending_with("<Sya>x</Sya>\n", "</Response>"),
}


@pytest.mark.parametrize("shape", MANY_FIXES.values(), ids=MANY_FIXES.keys())
def test_fixing_takes_linear_time(shape: Callable[[int], str | bytes]) -> None:
    from twimlkit import fix

    def fixed(document: str | bytes) -> object:
        result = fix(document, unsafe=True)
        assert result.applied and result.problem is None
        return result

    small, large = shape(8_000), shape(32_000)
    ratio = growth(small, large, runs=2, work=fixed)
    assert ratio < BOUND, f"four times the size took {ratio:.1f} times as long"
