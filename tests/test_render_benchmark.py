"""The render benchmark compares like with like: the bare Jinja2 environment and twimlkit's
renderer write the same TwiML from the same stock template, and it is valid."""

from __future__ import annotations

from conftest import load_benchmark

from twimlkit import validate
from twimlkit.templating import Renderer

render_speed = load_benchmark("render_speed")


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
