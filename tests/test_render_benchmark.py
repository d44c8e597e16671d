"""The render benchmark compares like with like: the bare Jinja2 environment and twimlkit's
renderer write the same TwiML from the same stock template, and it is valid."""

from __future__ import annotations

import importlib.util
import sys

from conftest import REPO

from twimlkit import validate
from twimlkit.templating import Renderer

spec = importlib.util.spec_from_file_location(
    "render_speed", REPO / "benchmarks" / "render_speed.py"
)
assert spec is not None and spec.loader is not None
render_speed = importlib.util.module_from_spec(spec)
sys.modules["render_speed"] = render_speed
spec.loader.exec_module(render_speed)


def test_both_environments_render_the_same_valid_twiml() -> None:
    bare = render_speed.bare_template()
    for i in (0, 1, 199):
        context = render_speed.context(i)
        ours = Renderer("strict").render(render_speed.TEMPLATE, **context)
        assert ours == bare.render(context)
        assert validate(ours) == []
    assert render_speed.context(0) != render_speed.context(1)  # no two renders alike


def test_the_benchmark_runs() -> None:
    assert render_speed.main(["--quick"]) in (0, 1)
