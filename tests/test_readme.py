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

