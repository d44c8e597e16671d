"""The builder never makes a tree deeper than twimlkit reads back: nesting one level too many
is refused where it is done, a tree grown too deep afterwards is refused when it is written,
and neither ever ends in RecursionError. The limit is the parser's own, MAX_DEPTH."""

from __future__ import annotations

import time

import pytest

from twimlkit import InvalidTwiML, parse, validate, voice
from twimlkit.limits import MAX_DEPTH

#: The levels above the SSML in the documents below: <Response><Say>.
ABOVE = 2


def chain(levels: int) -> voice.Prosody:
    """``levels`` <prosody> elements, each inside the next, built from the inside out."""
    element = voice.Prosody("x")
    for _ in range(levels - 1):
        element = voice.Prosody(element)
    return element


def text_of(levels: int) -> str:
    """A document with ``levels`` levels of elements, written by hand."""
    inner = levels - ABOVE
    return f"<Response><Say>{'<prosody>' * inner}x{'</prosody>' * inner}</Say></Response>"


def grown(levels: int) -> voice.Response:
    """A document grown from the top down to ``levels`` levels: each <prosody> is appended to
    after it is already inside the tree, where no check at nesting can see the whole."""
    top = voice.Prosody()
    document = voice.Response(voice.Say(top))
    for _ in range(levels - ABOVE - 1):
        below = voice.Prosody()
        top.append(below)
        top = below
    top.append("x")
    return document


def test_the_limit_is_the_parsers() -> None:
    deepest = text_of(MAX_DEPTH)
    assert validate(deepest) == []
    found = validate(text_of(MAX_DEPTH + 1))
    assert [d.rule for d in found] == ["not-well-formed"]
    assert f"nested too deeply (more than {MAX_DEPTH} levels)" in found[0].message
    with pytest.raises(InvalidTwiML, match="nested too deeply"):
        parse(text_of(MAX_DEPTH + 1))


def test_the_deepest_tree_twimlkit_reads_is_built_written_and_read_back() -> None:
    document = voice.Response(voice.Say(chain(MAX_DEPTH - ABOVE)))
    assert document.to_xml() == text_of(MAX_DEPTH)
    assert parse(document.to_xml()) == document
    assert document.to_xml(pretty=True).count("<prosody>") == MAX_DEPTH - ABOVE
    # Grown from the top down to the same depth, it is written the same.
    assert grown(MAX_DEPTH).to_xml() == text_of(MAX_DEPTH)


def test_nesting_one_level_too_many_is_refused_where_it_is_done() -> None:
    deepest = chain(MAX_DEPTH)
    with pytest.raises(ValueError) as refused:
        voice.Prosody(deepest)
    assert str(refused.value) == (
        f"<prosody> cannot hold this <prosody>: its tree would be {MAX_DEPTH + 1} levels of"
        f" elements deep, and twimlkit reads at most {MAX_DEPTH} (twimlkit.limits.MAX_DEPTH)"
    )
    with pytest.raises(
        ValueError,
        match=f"^<emphasis> cannot hold this <lang>: its tree would be {MAX_DEPTH + 1} levels",
    ):
        voice.Emphasis().append(voice.Lang(chain(MAX_DEPTH - 1), xml_lang="en-US"))
    # Refused before anything was added.
    outer = voice.Prosody("kept")
    with pytest.raises(ValueError, match="cannot hold"):
        outer.append(deepest)
    assert outer.to_xml() == "<prosody>kept</prosody>"


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 5_000])
def test_a_tree_grown_too_deep_is_refused_when_written(levels: int) -> None:
    document = grown(levels)
    message = (
        "elements are nested too deeply under <Response>: <prosody> at level "
        f"{MAX_DEPTH} holds elements, and twimlkit reads at most {MAX_DEPTH} levels of"
        " elements (twimlkit.limits.MAX_DEPTH)"
    )
    for write in (voice.Response.to_xml, str, lambda d: d.to_xml(pretty=True), lambda d: d == d):
        with pytest.raises(ValueError) as refused:
            write(document)
        assert str(refused.value) == message
    assert repr(document) == "Response(<Response> nested too deeply to write)"


def test_a_tree_one_level_below_the_top_is_counted_from_where_it_is_written() -> None:
    # 256 levels of <prosody> are a tree twimlkit can hold, but not inside <Say>.
    say = voice.Say(chain(MAX_DEPTH))
    with pytest.raises(ValueError, match="nested too deeply under <Say>"):
        say.to_xml()


def test_an_element_cannot_hold_itself() -> None:
    prosody = voice.Prosody()
    with pytest.raises(ValueError, match=r"^<prosody> cannot hold itself$"):
        prosody.append(prosody)
    emphasis = voice.Emphasis(voice.Lang(prosody, xml_lang="en-US"))
    with pytest.raises(ValueError) as refused:
        prosody.append(emphasis)
    assert str(refused.value) == (
        "<prosody> cannot hold this <emphasis>, which holds it: an element cannot be inside itself"
    )
    assert prosody.to_xml() == "<prosody/>"


def test_an_element_held_in_many_places_is_measured_once() -> None:
    # Each level holds the one below twice: 2**60 paths, 61 distinct elements.
    element = voice.Prosody("x")
    started = time.perf_counter()
    below = element
    for _ in range(60):
        element = voice.Prosody(element, element)
    assert time.perf_counter() - started < 1.0
    with pytest.raises(ValueError, match="cannot be inside itself"):
        below.append(element)
