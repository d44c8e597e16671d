"""Render the stock IVR menu three ways, in one process, and print the times side by side:

- the floor: a bare Jinja2 environment (autoescape on) rendering the same template file;
- ``twimlkit.templating.Renderer("off")``: twimlkit's environment, nothing checked;
- ``twimlkit.templating.Renderer("strict")``: rendered, then checked by ``validate()``.

    python benchmarks/render_speed.py [--quick]

Each render gets a different context (the caller's name changes every call, as it would on a
real webhook), so nothing can be served from a cache of earlier results. Target: strict
rendering at most 3x the bare Jinja2 render. Exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import sys

import jinja2
from timing import best_per_item, report  # benchmarks/timing.py, beside this script

from twimlkit.templating import Renderer, stock_template_dir

TARGET = 3.0
TEMPLATE = "ivr-menu.xml.j2"


def context(i: int) -> dict[str, object]:
    return {
        "action": "/menu/choice",
        "options": [("1", "sales"), ("2", "support"), ("3", "billing"), ("0", "an operator")],
        "greeting": f"Hello caller {i}, thanks for calling Example & Co.",
        "speech": True,
        "voice": "Polly.Joanna",
        "menu_url": "/menu",
    }


def bare_template() -> jinja2.Template:
    """The template in a plain Jinja2 environment: autoescape on, the file's last newline
    kept (as twimlkit keeps it), nothing else."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(stock_template_dir()),
        autoescape=True,
        keep_trailing_newline=True,
    )
    return environment.get_template(TEMPLATE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke test")
    args = parser.parse_args(argv)
    bare = bare_template()
    off, strict = Renderer("off"), Renderer("strict")
    contexts = [context(i) for i in range(200)]
    renders = [
        ("bare Jinja2 (the floor)", lambda c: bare.render(c)),
        ("twimlkit, validation off", lambda c: off.render(TEMPLATE, **c)),
        ("twimlkit, strict", lambda c: strict.render(TEMPLATE, **c)),
    ]
    for _, render in renders:  # warm up: compiled templates, schemas
        render(contexts[0])
    runs = 3 if args.quick else 20
    rows = [(name, best_per_item(render, contexts, runs)) for name, render in renders]
    print(f"{TEMPLATE}, {len(bare.render(contexts[0]))} bytes rendered")
    return report(rows, "render", TARGET, "strict rendering")


if __name__ == "__main__":
    sys.exit(main())
