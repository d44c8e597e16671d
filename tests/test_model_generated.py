"""The schema model a lint uses, generated from ``schemas/``, is what reading ``schemas/`` gives."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

from twimlkit.schema import KINDS, Kind, model
from twimlkit.schema.model import from_data, read_schema, to_data


def test_committed_module_is_what_the_schema_generates() -> None:
    pytest.importorskip("ruff")
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "generate_model.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_the_model_is_the_reading_of_schemas(kind: Kind) -> None:
    read = read_schema(kind)
    assert model(kind) == read
    # In the same order too: messages and the builder list elements and values as written.
    assert list(model(kind).complex_types) == list(read.complex_types)
    assert list(model(kind).simple_types) == list(read.simple_types)
    for name, complex_type in read.complex_types.items():
        assert list(model(kind).complex_types[name].children) == list(complex_type.children)


@pytest.mark.parametrize("kind", KINDS)
def test_plain_data_gives_the_model_back(kind: Kind) -> None:
    assert from_data(to_data(read_schema(kind))) == read_schema(kind)
    data = to_data(read_schema(kind))
    with pytest.raises(ValueError, match="not a kind"):
        from_data(("fax", *data[1:]))
