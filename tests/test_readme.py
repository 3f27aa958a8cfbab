"""The README stays true: every content and profile field is documented, the Quickstart has two commands."""
from __future__ import annotations

import re

import pytest

from briefgen.load.model import ITEM_CLASSES, AudienceSpec, Briefing, Event, ItemImage, Point, Source
from briefgen.load.schema import schema_fields
from briefgen.project import ProjectSpec
from tests.support.paths import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("cls", [*ITEM_CLASSES.values(), Point, ItemImage, Source, Event, Briefing, AudienceSpec, ProjectSpec])
def test_every_field_is_documented(cls: type) -> None:
    missing = [key for _, key in schema_fields(cls) if f"`{key}`" not in README]
    assert missing == [], f"{cls.__name__} fields missing from README: {missing}"


def test_quickstart_has_two_commands_and_ci_reads_the_second() -> None:
    quick = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", quick, re.S)
    assert len(blocks) == 2 and all("\n" not in b for b in blocks)
    assert "briefgen build --all" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text()
    assert "<!-- test-command -->" in ci and README.index("<!-- test-command -->") < README.index(blocks[1])



def test_every_guarantee_names_a_test_that_exists() -> None:
    """README, "What briefgen guarantees": each guarantee names its test as ``tests/PATH.py::test_NAME`` (or
    ``::test_NAME`` for the file named before it); every one of them is a test function of that file."""
    section = README.split("### What briefgen guarantees", 1)[1].split("\n## ", 1)[0].split("Not yet built", 1)[0]
    items = [i for i in section.split("\n- ")[1:]]
    assert len(items) >= 8
    named = []
    for item in items:
        refs = re.findall(r"`(tests/[\w/]+\.py)?::(test_\w+)`", item)
        assert refs, f"a guarantee names no test: {item[:60]!r}"
        path = None
        for file, test in refs:
            path = file or path
            named.append((path, test))
    for path, test in named:
        assert re.search(rf"^def {test}\(", (REPO / path).read_text(encoding="utf-8"), re.M), f"{path}::{test}"
