"""Tests of briefgen.commands.templates: ``templates check`` predicts the build on a master."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from briefgen.errors import TemplateError, display_path
from briefgen.project import load_project
from briefgen.commands.templates import check_master_file
from briefgen.render.deck.model import LAYOUTS
from briefgen.resources import shipped_templates
from tests.support.masters import MASTERS

pytestmark = pytest.mark.needs("carlito")
CASE = {m.name: m for m in MASTERS}


def _project(root: Path, layouts: dict) -> Path:
    """A project with only a briefgen.yaml (so the shipped library is built) mapping ``layouts``."""
    root.mkdir(parents=True, exist_ok=True)
    lines = ["layouts:"] + [f"  {k}: {v}" for k, v in layouts.items()] if layouts else []
    (root / "briefgen.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _slides(deck: Path) -> int:
    return len(Presentation(str(deck)).slides)


def test_the_shipped_master_is_ok_and_every_deck_is_built_on_it(tmp_path):
    master = shipped_templates() / "pptx" / "default.pptx"
    found = check_master_file(master, load_project(_project(tmp_path / "p", {})))
    assert found.layouts == list(LAYOUTS) and found.warnings == []
    assert [line.split(":")[0] for line in found.built] == ["dovish", "hawkish", "neutral"]
    assert all(int(line.split(": ")[1].split()[0]) > 30 for line in found.built)


def test_the_office_4x3_master_is_usable_with_warnings_and_no_ok(tmp_path):
    case = CASE["python-pptx-4x3"]
    master = case.write(tmp_path)
    found = check_master_file(master, load_project(_project(tmp_path / "p", case.layouts)))
    assert found.layouts[4:6] == ["Chart -> Title Only", "Table -> Title Only"]
    assert [w.field for w in found.warnings] == ["layout 'Title and Content'", "layout 'Title and Content'",
                                                 "the dovish, hawkish and neutral decks: footer"]
    assert found.warnings[2].message == ("shortened to 'U.S.–Japan–ROK Trilateral Security Cooperation' to fit its "
                                         "box on layouts 'Title Slide', 'Title and Content', 'Title Only', "
                                         "'Section Header', 'Two Content'")


def test_a_master_whose_body_box_is_too_small_for_a_fact_fails_the_check_as_the_build_would(tmp_path):
    prs = Presentation(str(shipped_templates() / "pptx" / "default.pptx"))
    for ph in prs.slide_layouts.get_by_name("Title and Content").placeholders:
        if ph.placeholder_format.idx == 1:
            ph.height = 40 * 12700  # a line and a half: above the minimum, too small for a fact
    master = tmp_path / "short-body.pptx"
    prs.save(str(master))
    with pytest.raises(TemplateError) as err:
        check_master_file(master, load_project(_project(tmp_path / "p", {})))
    first = err.value.lines()[0]
    assert first.startswith('the dovish, hawkish and neutral decks would fail: slide 2 "Bottom line up front": body '
                            'is ') and first.endswith("% of its box; shorten it or set shrink_to_fit: true in "
                                                      "briefgen.yaml")


def test_zero_height_placeholders_are_an_error_of_the_check(tmp_path):
    case = CASE["zero-height-placeholders"]
    master = case.write(tmp_path)
    with pytest.raises(TemplateError) as err:
        check_master_file(master, load_project(_project(tmp_path / "p", {})))
    assert err.value.lines()[0] == (f"{display_path(master)}: layout 'Title and Content': placeholder 'Content "
                                    f"Placeholder 2' is 874 x 0 pt; expected at least 36 x 18 pt: give it a size in "
                                    f"the master's layout, or delete it")
