"""Time ``twimlkit.validate()`` on the worst documents we know how to write, at a quarter of
the size cap and just under it, and print the times side by side.

    python benchmarks/worst_case.py [--quick] [--only WORD] [--runs N]

Every document up to ``twimlkit.MAX_DOCUMENT_BYTES`` should cost time linear in its size:
four times the bytes, about four times the time. Each shape below is a way to make some step
of checking work hard (many findings of one kind, deep nesting, long values, comments,
suppression comments, character references, odd line breaks...). A shape's ratio above
:data:`BOUND` means its time grows faster than its size: the benchmark then exits 1. The two
sizes are timed in turn, the best of a few runs each, and a ratio over the bound is measured
once more before it counts, so that a machine busy with other work is not taken for it.
The number of findings is printed beside each time, so a shape that got quicker by reporting
less would show it. A ``str`` over the cap is timed too, at 4 and 16 times the cap: it is
refused, and should be refused in time that does not grow with it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import twimlkit

#: Linear growth is 4 from a quarter of the cap to the cap; more than this is superlinear.
BOUND = 5.0
CAP = twimlkit.MAX_DOCUMENT_BYTES
#: Deep shapes stay within libxml2's 256 levels: the root and this many more.
DEPTH = 250

Shape = Callable[[int], "str | bytes"]


def size(text: str) -> int:
    return len(text.encode("utf-8"))


def fill(head: str, unit: str | Callable[[int], str], tail: str, budget: int) -> str:
    """``head``, then as many ``unit`` as fit in ``budget`` bytes, then ``tail``. A callable
    ``unit`` is given the index of each repetition (for distinct names)."""
    room = budget - size(head) - size(tail)
    if isinstance(unit, str):
        return head + unit * (room // size(unit)) + tail
    parts = []
    index = 0
    while True:
        piece = unit(index)
        room -= size(piece)
        if room < 0:
            break
        parts.append(piece)
        index += 1
    return head + "".join(parts) + tail


def siblings(unit: str | Callable[[int], str], head: str = "", root: str = "") -> Shape:
    """Many copies of ``unit`` inside ``<Response>`` (which has attributes ``root``), after
    ``head``."""
    return lambda budget: fill(f"<Response{root}>{head}", unit, "</Response>", budget)


def inside(open_tag: str, unit: str | Callable[[int], str], close_tag: str) -> Shape:
    """Many copies of ``unit`` inside one element inside ``<Response>``."""
    return lambda budget: fill(f"<Response>{open_tag}", unit, f"{close_tag}</Response>", budget)


def stacks(open_tag: str, close_tag: str, inner: str = "", depth: int = DEPTH) -> Shape:
    """Many stacks of ``depth`` nested elements side by side in ``<Response>``."""
    return siblings(open_tag * depth + inner + close_tag * depth)


def long_one(head: str, filler: str, tail: str) -> Shape:
    """One long stretch of ``filler`` between ``head`` and ``tail``."""
    return lambda budget: fill(head, filler, tail, budget)


def attributes(template: str, element: str = "Hangup") -> Shape:
    """One element with as many attributes as fit, ``template`` formatted with each index."""
    return lambda budget: fill(
        f"<Response><{element}", lambda i: " " + template.format(i=i), "/></Response>", budget
    )


def namespaces_then(unit: str) -> Shape:
    """Half the budget in namespace declarations on ``<Response>``, half in ``unit``s. The
    ones ``unit`` uses (xsi: and amazon:) are declared last, where a search through the
    declarations in order finds them last."""

    def shape(budget: int) -> str:
        declarations = fill("", lambda i: f' xmlns:p{i}="urn:p"', "", budget // 2)
        used = XSI + ' xmlns:amazon="urn:twimlkit:amazon"'
        return fill(f"<Response{declarations}{used}>", unit, "</Response>", budget)

    return shape


def ending_with(unit: str, last: str) -> Shape:
    """Many ``unit``s, then ``last``: a mistake found only at the very end."""
    return lambda budget: fill("<Response>", unit, last, budget)


SUPPRESS = "<!-- twimlkit: disable=empty-say -->"
XSI = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'

#: Each shape makes a document of at most the given number of bytes.
SHAPES: dict[str, Shape] = {
    # -- comments -----------------------------------------------------------------------
    "one long comment": long_one("<Response><Say>hi</Say><!--", "x", "--></Response>"),
    "many comments": siblings("<!--c-->"),
    "many comments before the root": lambda budget: fill(
        "", "<!--c-->\n", "<Response><Say>hi</Say></Response>", budget
    ),
    "many suppression comments before <Say/>": siblings(SUPPRESS + "<Say/>"),
    "many suppression comments before valid verbs": siblings(SUPPRESS + "<Say>hi</Say>"),
    "many suppression comments, nothing after them": siblings(SUPPRESS),
    "many suppression comments before the root": lambda budget: fill(
        "", SUPPRESS + "\n", "<Response><Say/></Response>", budget
    ),
    "many disable-file comments": siblings("<!-- twimlkit: disable-file=empty-say --><Say/>"),
    "many disable=ALL comments": siblings("<!-- twimlkit: disable=ALL --><Sya/>"),
    "many suppression comments naming a prefix": siblings("<!-- twimlkit: disable=TK2 --><Say/>"),
    "suppression: spaces then '!'": long_one(
        "<Response><!-- twimlkit: disable=", " ", "! --><Say/></Response>"
    ),
    "suppression: names then '!'": long_one(
        "<Response><!-- twimlkit: disable=", "a,b ", "! --><Say/></Response>"
    ),
    "many suppressions with spaces then '!'": siblings(
        "<!-- twimlkit: disable=" + " " * 60 + "! --><Say/>"
    ),
    "suppression: one comment naming a check many times": long_one(
        "<Response><!-- twimlkit: disable=", "empty-say,", "x --><Say/></Response>"
    ),
    "suppression: one comment, many commas": long_one(
        "<Response><!-- twimlkit: disable=", ",", "empty-say --><Say/></Response>"
    ),
    "suppression: one comment, many unknown names": lambda budget: fill(
        "<Response><!-- twimlkit: disable=", lambda i: f"n{i},", "x --><Say/></Response>", budget
    ),
    "suppression: many comments with an unknown name": siblings(
        lambda i: f"<!-- twimlkit: disable=nope{i} --><Say/>"
    ),
    "suppression: many comments with the same unknown name": siblings(
        "<!-- twimlkit: disable=nope --><Say/>"
    ),
    "suppression: one long unknown name": long_one(
        "<Response><!-- twimlkit: disable=", "a", " --><Say/></Response>"
    ),
    "suppression: a long name much like a check": long_one(
        "<Response><!-- twimlkit: disable=", "empty-sa", " --><Say/></Response>"
    ),
    "suppression comments nested deep": stacks(SUPPRESS + "<Gather>", "</Gather>", "<Say/>"),
    "suppression comments ending each parent": stacks("<Gather>", SUPPRESS + "</Gather>", "<Say/>"),
    # -- findings of each family -------------------------------------------------------------
    "unknown elements": siblings("<Sya/>"),
    "unknown elements, one line each": siblings("<Sya/>\n"),
    "unknown elements, CR line breaks": siblings("<Sya/>\r"),
    "unknown elements, CR LF line breaks": siblings("<Sya/>\r\n"),
    "distinct unknown elements": siblings(lambda i: f"<S{i}/>"),
    "distinct unknown elements like verbs": siblings(lambda i: f"<Sa{i % 10}y{i}/>"),
    "retired elements": siblings("<Sms>hi</Sms>"),
    "unknown attributes": siblings('<Say foo="1">hi</Say>'),
    "distinct unknown attributes": siblings(lambda i: f'<Say v{i}="1">hi</Say>'),
    "many attributes on one element": attributes('a{i}="1"'),
    "many attributes on a <Say>": attributes('a{i}="1"', "Say"),
    "many padded attributes on one element": attributes('a{i}=" 1 "'),
    "invalid values": siblings('<Pause length="x"/>'),
    "distinct invalid values": siblings(lambda i: f'<Pause length="x{i}"/>'),
    "invalid enumerated values": siblings('<Dial ringTone="uss">+15551230000</Dial>'),
    "distinct invalid enumerated values": siblings(
        lambda i: f'<Dial ringTone="r{i}">+15551230000</Dial>'
    ),
    "invalid list values": siblings('<Gather input="dtmf,speech"/>'),
    "wrong-case values": siblings('<Redirect method="post">/x</Redirect>'),
    "decimal for whole numbers": siblings('<Pause length="5.0"/>'),
    "padded values": siblings('<Pause length=" 5 "/>'),
    "padded values by character reference": siblings('<Pause length="&#32;5"/>'),
    "padded text values": siblings('<Redirect method=" POST ">/x</Redirect>'),
    "missing required attributes": siblings("<Connect><ConversationRelay/></Connect>"),
    "missing text": siblings("<Enqueue/>"),
    "xsi attributes XML Schema does not define": siblings('<Pause xsi:foo="1"/>', root=XSI),
    "xsi:nil": siblings('<Pause xsi:nil="true"/>', root=XSI),
    "xsi:type naming another type": siblings('<Pause xsi:type="Say"/>', root=XSI),
    "xsi:type naming its own type": siblings('<Pause xsi:type="Pause"/>', root=XSI),
    "xsi:type under many namespace declarations": namespaces_then('<Pause xsi:type="Pause"/>'),
    "prefixed xsi:type under many namespace declarations": namespaces_then(
        '<Say><amazon:effect xmlns:a="urn:twimlkit:amazon" xsi:type="a:AmazonEffect">'
        "x</amazon:effect></Say>"
    ),
    "valid xsi attributes and padding under many declarations": namespaces_then(
        '<Pause xsi:schemaLocation="a" xsi:noNamespaceSchemaLocation="b" length=" 5 "/>'
    ),
    "invalid values under many namespace declarations": namespaces_then('<Pause length="x"/>'),
    "many prefixed unknown elements": siblings(lambda i: f'<p:x{i} xmlns:p="urn:{i}"/>'),
    "misplaced children": siblings("<Number>+15551230000</Number>"),
    "misplaced children in one <Dial>": inside("<Dial>", "<Say>hi</Say>", "</Dial>"),
    "text where none is taken": siblings("<Hangup>x</Hangup>"),
    "text between verbs": siblings("x<Hangup/>"),
    "CDATA between verbs": siblings("<![CDATA[x]]><Hangup/>"),
    "white space in verbs that take nothing": siblings("<Pause> </Pause>"),
    "white space after a comment in verbs that take nothing": siblings("<Pause><!--c--> </Pause>"),
    "empty <Say>": siblings("<Say/>"),
    "verbs after <Hangup>": siblings("<Say>hi</Say>", head="<Hangup/>"),
    "<Gather> without action": siblings("<Gather/>"),
    "<Reject> not first": siblings("<Reject/>"),
    "bad phone numbers": siblings("<Dial>abc</Dial>"),
    "undocumented phone numbers": siblings(lambda i: f"<Dial>{i:09d}</Dial>"),
    "bad numbers in one <Dial>": inside("<Dial>", "<Number>12</Number>", "</Dial>"),
    "too many nouns in one <Dial>": inside("<Dial>", "<Number>+15551230000</Number>", "</Dial>"),
    "a <Conference> with many nouns": inside(
        "<Dial><Conference>c</Conference>", "<Number>+15551230000</Number>", "</Dial>"
    ),
    "bad sendDigits": siblings('<Dial><Number sendDigits="x">+15551230000</Number></Dial>'),
    "URLs without a scheme": siblings('<Gather action="www.example.com/a"/>'),
    "URLs without a scheme, long hosts": siblings('<Gather action="' + "a." * 40 + 'x/"/>'),
    "events without callback": siblings(
        '<Dial><Number statusCallbackEvent="ringing">+15551230000</Number></Dial>'
    ),
    "many <Media> in a <Message>": inside("<Message>", "<Media>https://x/a</Media>", "</Message>"),
    "relative <Media> URLs": siblings("<Message><Media>a</Media></Message>"),
    "empty <Message>": siblings("<Message/>"),
    # -- deep nesting ------------------------------------------------------------------------
    "stacks of nested <Gather>": stacks("<Gather>", "</Gather>"),
    "stacks of nested <Say>": stacks("<Say>", "</Say>"),
    "stacks of nested unknown elements": stacks("<Sya>", "</Sya>"),
    "stacks of nested <prosody>": stacks("<Say><prosody>", "</prosody></Say>", "hi", DEPTH // 2),
    "stacks of bad values and attributes": lambda budget: fill(
        "<Response>",
        "<Say>" + '<emphasis level="x" foo="1">' * DEPTH + "hi" + "</emphasis>" * DEPTH + "</Say>",
        "</Response>",
        budget,
    ),
    "stacks of <Gather> holding text": stacks("<Gather>x", "</Gather>"),
    "stacks of <Dial recordingTrack>": stacks('<Dial recordingTrack="inbound">', "</Dial>"),
    "stacks with <Play digits> at each level": stacks('<Sya><Play digits="1"/>', "</Sya>"),
    "stacks of <Message>": stacks("<Message>", "</Message>"),
    "a stack of <Say> around long text": long_one(
        "<Response>" + "<Say>" * DEPTH, "a", "</Say>" * DEPTH + "</Response>"
    ),
    "a stack of <Gather> around long text": long_one(
        "<Response>" + "<Gather>" * DEPTH, "a", "</Gather>" * DEPTH + "</Response>"
    ),
    # -- long values and text ----------------------------------------------------------------
    "one long attribute value": long_one('<Response><Say voice="', "a", '">hi</Say></Response>'),
    "one long URL": long_one('<Response><Gather action="https://x/', "a", '"/></Response>'),
    "one long padded value": long_one('<Response><Gather action=" a', "a", ' "/></Response>'),
    "one long list value": long_one('<Response><Gather input="', "dtmf ", '"/></Response>'),
    "one long list of wrong items": long_one('<Response><Gather input="', "x ", '"/></Response>'),
    "one long list of wrong-case items": long_one(
        '<Response><Gather input="', "DTMF ", '"/></Response>'
    ),
    "one long host name": long_one('<Response><Gather action="', "a.", 'x/"/></Response>'),
    "one long number value": long_one('<Response><Pause length="', "1", '"/></Response>'),
    "one long decimal value": long_one('<Response><Pause length="1.', "0", '"/></Response>'),
    "one long value of spaces": long_one('<Response><Pause length="', " ", '1"/></Response>'),
    "one long text": long_one("<Response><Say>", "a", "</Say></Response>"),
    "one long text of spaces": long_one("<Response><Say>", " ", "a</Say></Response>"),
    "one long text where none is taken": long_one(
        "<Response><Hangup>", "x ", "</Hangup></Response>"
    ),
    "one long phone number": long_one("<Response><Dial>", "1", "</Dial></Response>"),
    "one long phone number with separators": long_one(
        "<Response><Dial>+", "1 ", "</Dial></Response>"
    ),
    "one long <Media> URL": long_one(
        "<Response><Message><Media>", "a", "</Media></Message></Response>"
    ),
    "one long name": long_one("<Response><S", "a", "/></Response>"),
    "one long attribute name": long_one("<Response><Say a", "a", '="1">hi</Say></Response>'),
    "long white space inside tags": long_one("<Response><Say", " ", ">hi</Say></Response>"),
    "long white space between self-closing verbs": siblings("<Play/>" + " " * 1000),
    # -- many siblings, references, markup --------------------------------------------------
    "many valid verbs": siblings("<Say>hi</Say>"),
    "many valid verbs, one a line": siblings("<Say>hi</Say>\n"),
    "many character references in text": inside("<Say>", "&#65;", "</Say>"),
    "many character references in values": siblings('<Pause length="&#53;"/>'),
    "character references and findings": siblings("&#65;<Sya/>"),
    "many CDATA sections": inside("<Say>", "<![CDATA[a]]>", "</Say>"),
    "many processing instructions": siblings("<?p x?>"),
    "many <amazon:effect>": inside(
        "<Say>", '<amazon:effect name="whispered">a</amazon:effect>', "</Say>"
    ),
    "many quotes in text": inside("<Say>", ' "a" ', "</Say>"),
    "many '=' and spaces in text": inside("<Say>", "=" + " " * 20, "</Say>"),
    "many non-ASCII characters": inside("<Say>", "é", "</Say>"),
    "many messages": siblings("<Message>hi</Message>"),
    # -- documents that are not XML ----------------------------------------------------------
    "not well-formed at the very end": ending_with("<Say>hi</Say>", "</Respons>"),
    "a forbidden character at the very end": ending_with("<Say>hi</Say>", "\x01</Response>"),
    "not UTF-8 at the very end": lambda budget: (
        fill("<Response>", "<Say>hi</Say>", "", budget - 20).encode() + b"\xff</Response>"
    ),
    "many undeclared prefixes": siblings("<q:Say/>"),
    "many empty prefix declarations": siblings('<Say xmlns:q="">hi</Say>'),
    "many duplicate attributes": siblings('<Say a="1" a="2">hi</Say>'),
    "a DOCTYPE named in a comment": siblings("<Say>hi</Say>", head="<!-- <!DOCTYPE -->"),
    "a DOCTYPE after a long prolog": lambda budget: fill(
        "", "<!--c-->\n", "<!DOCTYPE Response><Response/>", budget
    ),
}

#: Documents over the cap, refused: timed at 4 and 16 times the cap, where the time should
#: not grow with the size.
REFUSED: dict[str, Callable[[int], str | bytes]] = {
    "str over the cap": lambda times: "<Response>" + " " * (times * CAP) + "</Response>",
    "bytes over the cap": lambda times: b"<Response>" + b" " * (times * CAP) + b"</Response>",
}


def best(documents: tuple[str | bytes, ...], runs: int) -> tuple[list[float], list[int]]:
    """The best time of ``runs`` validations of each document, and how many findings each
    has. The documents are validated in turn, so that a machine busy with other work slows
    each alike."""
    fastest = [float("inf")] * len(documents)
    found = [0] * len(documents)
    for _ in range(runs):
        for index, document in enumerate(documents):
            start = time.perf_counter()
            found[index] = len(twimlkit.validate(document))
            fastest[index] = min(fastest[index], time.perf_counter() - start)
    return fastest, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run each, for a smoke test")
    parser.add_argument("--only", default="", help="only the shapes whose name has this")
    parser.add_argument("--runs", type=int, default=3, help="runs per document (best taken)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    twimlkit.validate("<Response><Sya/></Response>")  # warm up: schemas, model
    print(f"{'shape':<52}{'1/4 cap':>10}{'cap':>10}{'ratio':>7}  findings")
    worst = 0.0
    failed = []
    for name, shape in SHAPES.items():
        if args.only not in name:
            continue
        small, large = shape(CAP // 4), shape(CAP - 1)
        assert size(large) < CAP if isinstance(large, str) else len(large) < CAP, name
        (small_time, large_time), (small_found, large_found) = best((small, large), runs)
        ratio = large_time / small_time
        if ratio > BOUND:  # once more, to tell a busy machine from superlinear time
            (small_time, large_time), _ = best((small, large), runs + 2)
            ratio = large_time / small_time
        worst = max(worst, ratio)
        flag = "  <-- superlinear" if ratio > BOUND else ""
        if ratio > BOUND:
            failed.append(name)
        print(
            f"{name:<52}{small_time * 1e3:8.1f}ms{large_time * 1e3:8.1f}ms{ratio:7.2f}"
            f"  {small_found}/{large_found}{flag}",
            flush=True,
        )
    refused = {name: shape for name, shape in REFUSED.items() if args.only in name}
    if refused:
        print(f"\n{'refused':<52}{'4x cap':>10}{'16x cap':>10}{'ratio':>7}")
    for name, shape in refused.items():
        (small_time, large_time), _ = best((shape(4), shape(16)), runs)
        ratio = large_time / small_time
        note = "  (grows with the input: it is read whole)" if ratio > 2 else ""
        print(f"{name:<52}{small_time * 1e3:8.2f}ms{large_time * 1e3:8.2f}ms{ratio:7.2f}{note}")
    print(f"worst ratio {worst:.2f} (linear: 4, bound: {BOUND})")
    if failed:
        print("superlinear: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
