"""Tests of briefgen.write.pptx.survey: what templates check says a master will do to a deck."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

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


def _placeholder(prs, layout: str, idx: int):
    """The placeholder numbered ``idx`` of the layout called ``layout``."""
    return next(ph for ph in prs.slide_layouts.get_by_name(layout).placeholders if ph.placeholder_format.idx == idx)


def _edited_master(tmp_path: Path, edit) -> tuple[str, Path]:
    """The shipped master after ``edit(prs)``, saved as ``edited.pptx``."""
    from briefgen.resources import shipped_templates

    prs = Presentation(str(shipped_templates() / "pptx" / "default.pptx"))
    edit(prs)
    path = tmp_path / "edited.pptx"
    prs.save(str(path))
    return display_path(path), path


def test_a_16_by_10_master_with_small_chart_and_table_areas(tmp_path):
    # The Chart area is just too narrow, the Table area (a layout the project renamed) just too short: each
    # side is judged on its own, and a side of exactly the minimum is enough.
    def edit(prs):
        prs.slide_height = Pt(600)  # 960 x 600 pt: 16:10
        chart = _placeholder(prs, "Chart", 13)
        chart.width, chart.height = Pt(399), Pt(220)
        table = _placeholder(prs, "Table", 13)
        table.width, table.height = Pt(400), Pt(219)
        prs.slide_layouts.get_by_name("Table").name = "Grid"

    path, edited = _edited_master(tmp_path, edit)
    notes, warnings = survey_master(Presentation(str(edited)), edited, {"Table": "Grid"})
    assert notes == [f"{path}: slide size: 13.33 x 8.333 in (1.60:1); briefgen's decks are laid out for 16:9: "
                     f"charts and tables get a narrower box and long items continue sooner"] + _font_notes(path)
    assert [str(w) for w in warnings] == [
        f"{path}: warning: layout 'Chart': the chart area is 399 x 220 pt, smaller than 400 x 220 pt: chart labels "
        f"will be too small to read; give the layout's chart placeholder more room",
        f"{path}: warning: layout 'Grid': the table area is 400 x 219 pt, smaller than 400 x 220 pt: chart labels "
        f"will be too small to read; give the layout's table placeholder more room"]
    _, (_, unmapped) = _survey_file(edited, {})  # without the mapping there is no Table layout to judge
    assert [w.field for w in unmapped] == ["layout 'Chart'"]


def _survey_file(path: Path, layouts: dict):
    return display_path(path), survey_master(Presentation(str(path)), path, layouts)


@pytest.mark.parametrize("height, fit", [(250, 4), (200, 3)])
def test_four_typical_facts_to_a_slide_are_enough(tmp_path, height: int, fit: int):
    # 20 pt body text: a typical fact takes two lines, 55 pt with the space before it.
    def edit(prs):
        _placeholder(prs, "Title and Content", 1).height = Pt(height)

    path, edited = _edited_master(tmp_path, edit)
    _, warnings = survey_master(Presentation(str(edited)), edited, {})
    assert [w.message for w in warnings] == ([] if fit >= 4 else [
        f"body text is 20 pt: a typical fact (163 characters) takes 2 lines and {fit} fit the body box (at least 4 "
        f"should): most items will continue on '(cont.)' slides; make the master's body text smaller (18-24 pt)"])


@pytest.mark.parametrize("width_pt, shape", [(800, "4:3"), (820, "1.37:1"), (1050, "1.75:1"), (1075, "16:9")])
def test_the_slide_shape_is_named_within_two_hundredths(tmp_path, width_pt: int, shape: str):
    def edit(prs):
        prs.slide_width, prs.slide_height = Pt(width_pt), Pt(600)

    path, edited = _edited_master(tmp_path, edit)
    notes, _ = survey_master(Presentation(str(edited)), edited, {})
    assert notes[0].startswith(f"{path}: slide size: {width_pt / 72:.4g} x 8.333 in ({shape})")


def test_a_theme_font_that_is_missing_with_no_twin_is_a_warning_after_an_installed_one(tmp_path):
    # Headings in Carlito (installed: nothing to say), body text in a font this machine lacks and has no twin for.
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    def edit(prs):
        theme = prs.slide_master.part.part_related_by(RT.THEME)
        xml = theme.blob.decode("utf-8")
        major, minor = xml.index("<a:majorFont>"), xml.index("<a:minorFont>")
        xml = (xml[:major] + xml[major:minor].replace('<a:latin typeface="Calibri"', '<a:latin typeface="Carlito"', 1)
               + xml[minor:].replace('<a:latin typeface="Calibri"', '<a:latin typeface="Briefgen Missing Sans"', 1))
        theme._blob = xml.encode("utf-8")

    path, edited = _edited_master(tmp_path, edit)
    _, warnings = survey_master(Presentation(str(edited)), edited, {})
    assert [str(w) for w in warnings] == [
        f"{path}: warning: font: cannot find 'Briefgen Missing Sans' or a metric-compatible font (Briefgen Missing "
        f"Sans); measuring text with DejaVu Sans, which is wider, so slides may be fuller than needed"]


def test_facts_per_slide_stops_counting_at_fifty(tmp_path):
    import dataclasses

    prs = Presentation(str(CASE["shipped"].write(tmp_path)))
    box = assign_roles(prs.slide_layouts.get_by_name("Title and Content"))["body"].box
    assert facts_per_slide(dataclasses.replace(box, height=100_000.0)) == (2, 50)
    assert facts_per_slide(dataclasses.replace(box, height=40.0)) == (2, 0)


def test_a_chart_area_of_exactly_the_minimum_is_enough(tmp_path):
    def edit(prs):
        for layout in ("Chart", "Table"):
            area = _placeholder(prs, layout, 13)
            area.width, area.height = Pt(400), Pt(220)

    _, edited = _edited_master(tmp_path, edit)
    assert survey_master(Presentation(str(edited)), edited, {})[1] == []
