"""Tests of briefgen.write.pptx.survey: what templates check says a master will do to a deck."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from briefgen.errors import display_path
from briefgen.render.deck.fit import font_stand_in
from briefgen.write.pptx.master import assign_roles
from briefgen.write.pptx.survey import TYPICAL_FACT, facts_per_slide, survey_master
from tests.support.masters import MASTERS

pytestmark = pytest.mark.needs("carlito")
CASE = {m.name: m for m in MASTERS}


def _survey(name: str, tmp_path: Path):
    case = CASE[name]
    path = case.write(tmp_path)
    return display_path(path), survey_master(Presentation(str(path)), path, case.layouts)


def _font_notes(path: str) -> list[str]:
    stand_in = font_stand_in("Calibri")
    return [] if stand_in is None else [
        f"{path}: font: 'Calibri' is not installed here; text is measured with {stand_in}, which has the same "
        f"character widths"]


def test_the_shipped_master_has_nothing_to_warn_about(tmp_path):
    path, (notes, warnings) = _survey("shipped", tmp_path)
    assert notes == [f"{path}: slide size: 13.33 x 7.5 in (16:9)"] + _font_notes(path)
    assert warnings == []


def test_the_office_4x3_master_is_named_4x3_and_its_large_type_is_warned_about(tmp_path):
    path, (notes, warnings) = _survey("python-pptx-4x3", tmp_path)
    assert notes == [f"{path}: slide size: 10 x 7.5 in (4:3); briefgen's decks are laid out for 16:9: charts and "
                     f"tables get a narrower box and long items continue sooner"] + _font_notes(path)
    assert [str(w) for w in warnings] == [
        f"{path}: warning: layout 'Title and Content': body text is 32 pt: a typical fact (163 characters) takes 4 "
        f"lines and 2 fit the body box (at least 4 should): most items will continue on '(cont.)' slides; make the "
        f"master's body text smaller (18-24 pt)",
        f"{path}: warning: layout 'Title and Content': title text is 44 pt: a typical title (38 characters) does not "
        f"fit the title box on one line, so titles will shrink and wrap; make the master's title text smaller or its "
        f"title box wider"]


def test_large_type_is_measured_on_the_layout_the_project_maps(tmp_path):
    path, (_, warnings) = _survey("renamed-16x9-large-type", tmp_path)
    assert [w.field for w in warnings] == ["layout 'Text'"]
    assert "body text is 27 pt" in warnings[0].message and "3 fit the body box" in warnings[0].message


def test_facts_per_slide_counts_what_really_fits(tmp_path):
    path = CASE["shipped"].write(tmp_path)
    prs = Presentation(str(path))
    box = assign_roles(prs.slide_layouts.get_by_name("Title and Content"))["body"].box
    lines, count = facts_per_slide(box)
    assert len(TYPICAL_FACT) == 163 and lines == 2  # 20 pt in a 874 pt box
    per_fact = 2 * 20.0 * 1.2 + 7.0  # two lines and the space before a first-level bullet
    assert count == int(box.inner_height * 0.98 // per_fact) == 6
