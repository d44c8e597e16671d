"""The text test that spares a one-file lint pathspec never rules out a path pathspec matches."""

from __future__ import annotations

import re

import pathspec
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pathspec.patterns.gitignore import GitIgnorePatternError

from twimlkit.literal_filter import may_match

# Pattern text made of what gitignore-style patterns are made of, plain letters included.
PATTERN_CHARS = st.sampled_from([*"ab.*?/![]\\# \t-", "**", "**/", "/**", "\u03a3"])
PATTERN = st.lists(PATTERN_CHARS, max_size=8).map("".join)
PATH_PART = st.text(alphabet="ab.!#[]\\ -\u03a3\u03c3", min_size=1, max_size=4)
PATH = st.lists(PATH_PART, min_size=1, max_size=4).map("/".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(PATTERN, min_size=1, max_size=3), PATH, st.booleans())
@example(["a "], "a", False)  # trailing white space is not part of a pattern
@example(["!a", "b"], "a", False)
@example(["/a/**"], "a/b", False)
@example(["**/a"], "a/b", False)
@example(["./a"], "a", False)
def test_what_is_ruled_out_pathspec_does_not_match(
    lines: list[str], path: str, is_dir: bool
) -> None:
    path = path + "/" if is_dir else path
    try:
        matched = pathspec.GitIgnoreSpec.from_lines(lines).match_file(path)
    except (GitIgnorePatternError, re.error):  # a pattern pathspec refuses is given to it
        assert may_match(tuple(lines), path)
        return
    if not may_match(tuple(lines), path):
        assert not matched


@pytest.mark.parametrize(
    ("lines", "path", "ruled_out"),
    [
        (("sms/**",), "one.xml", True),
        (("build/", "fixtures/"), "svc/call.xml", True),
        (("sms/**",), "sms/reply.xml", False),
        (("*.xml",), "call.xml", False),
        (("*.xml",), "README", True),
        (("*",), "one.xml", False),  # may match any path
        (("[ab].xml",), "c.txt", False),  # a character class is left to pathspec
        (("a\\*b",), "c", False),  # so is an escape
        (("# build", ""), "one.xml", True),  # a comment and a blank line match nothing
        (("!one.xml", "x"), "one.xml", False),  # may match: pathspec decides
        (("!",), "one.xml", False),  # pathspec refuses it: it is asked, and says so
    ],
)
def test_which_paths_are_ruled_out(lines: tuple[str, ...], path: str, ruled_out: bool) -> None:
    assert may_match(lines, path) is not ruled_out
