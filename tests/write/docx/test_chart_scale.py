"""Tests of briefgen.write.docx.chart_scale: the memo's charts sized from the reference's page, margins and type.

On the test matrix's references (tests/support/masters.py): the shipped one shows charts at the full text width;
python-docx's default and the serif 12 pt narrow-margin one show them smaller, in proportion to their denser
type, never below the floor; LibreOffice's page counts show the memo no longer than with charts at full width.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.shared import Emu, Inches, Pt

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.docx.chart_scale import CHART_FLOOR, SHIPPED_DENSITY, chart_scale, chart_widths, type_density
from briefgen.write.docx.styles import Styles
from briefgen.write.docx.writer import build_docx
from briefgen.write.page_count import count_pages
from briefgen.write.registry import OutputOptions
from tests.support.masters import REFERENCES

pytestmark = pytest.mark.needs("carlito")


def reference_doc(name: str, folder: Path):
    """The test matrix's reference ``name``, opened, with its styles."""
    path = next(r for r in REFERENCES if r.name == name).write(folder)
    doc = Document(str(path))
    return doc, Styles(doc, path.name), path


def text_width(doc) -> int:
    section = doc.sections[-1]
    return int(section.page_width - section.left_margin - section.right_margin)


def test_the_shipped_reference_shows_charts_at_the_full_text_width(tmp_path: Path) -> None:
    doc, styles, _ = reference_doc("shipped", tmp_path)
    assert type_density(doc, styles) == pytest.approx(SHIPPED_DENSITY, rel=0.005)
    assert chart_scale(doc, styles) == 1.0
    assert chart_widths(doc, {"chart-timeline.png": 6.5, "picture-x.jpg": 3.0}, {"chart-timeline.png"}, 1.0) == {
        "chart-timeline.png": 6.5, "picture-x.jpg": 3.0}


@pytest.mark.parametrize("name", ["python-docx-default", "serif-12pt-narrow"])
def test_a_reference_with_denser_type_shows_charts_smaller_in_proportion(tmp_path: Path, name: str) -> None:
    doc, styles, _ = reference_doc(name, tmp_path)
    density = type_density(doc, styles)
    assert density > SHIPPED_DENSITY * 1.05
    assert chart_scale(doc, styles) == round(SHIPPED_DENSITY / density, 3)
    assert CHART_FLOOR < chart_scale(doc, styles) < 1.0
    avail = text_width(doc) / 914400
    assert chart_widths(doc, {"c.png": 6.5, "p.png": 2.0}, {"c.png"}, 0.8) == {
        "c.png": pytest.approx(min(avail, 6.5) * 0.8), "p.png": 2.0}


def test_very_large_type_stops_at_the_floor(tmp_path: Path) -> None:
    doc, styles, _ = reference_doc("python-docx-default", tmp_path)
    doc.styles["Normal"].font.size = Pt(20)
    assert CHART_FLOOR == 0.75
    assert chart_scale(doc, styles) == CHART_FLOOR


@pytest.fixture(scope="module")
def hawkish_memos(tmp_path_factory):
    """reference name -> (memo with charts as built, the same memo with its charts at the full text width up to
    6.5 in, the share of that width the built memo shows its charts at)."""
    out = tmp_path_factory.mktemp("charts")
    view = build_view(load_library(shipped_content()).library, "hawkish")
    memos = {}
    for case in REFERENCES:
        doc, _ = build_docx(view, OutputOptions(template_dirs=(shipped_templates(),), reference_docx=case.write(out),
                                                chart_cache=out / "cache", source_date_epoch=0))
        built = out / f"{case.name}-built.docx"
        doc.save(str(built))
        full_width = min(text_width(doc), int(Inches(6.5)))  # as charts were shown before they were scaled
        charts = list(doc.inline_shapes)  # the shipped content's memo shows charts and no item pictures
        assert len(charts) == 3
        scale = charts[0].width / full_width
        for shape in charts:
            height = int(shape.height * full_width / shape.width)
            shape.width, shape.height = Emu(full_width), Emu(height)
        full = out / f"{case.name}-full.docx"
        doc.save(str(full))
        memos[case.name] = (built, full, scale)
    return memos


@pytest.mark.needs("soffice")
def test_charts_sized_from_the_reference_never_make_the_memo_longer(hawkish_memos) -> None:
    names = [r.name for r in REFERENCES]
    pages = count_pages([path for name in names for path in hawkish_memos[name][:2]])
    built, full = pages[0::2], pages[1::2]
    assert all(b <= f for b, f in zip(built, full)), dict(zip(names, zip(built, full)))
    assert built[names.index("shipped")] <= 3 and hawkish_memos["shipped"][2] == pytest.approx(1.0, abs=1e-3)
    assert built[names.index("serif-12pt-narrow")] < full[names.index("serif-12pt-narrow")]
    assert all(CHART_FLOOR - 1e-3 <= hawkish_memos[n][2] < 1 for n in names if n != "shipped")


@pytest.mark.parametrize("margins", [(4.25, 4.25, 1.0, 1.0), (1.0, 1.0, 5.5, 5.5), (5.0, 5.0, 6.0, 6.0)])
def test_a_page_without_room_for_text_keeps_charts_at_full_width(tmp_path: Path, margins) -> None:
    doc, styles, _ = reference_doc("python-docx-default", tmp_path)
    section = doc.sections[-1]
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = map(Inches, margins)
    assert type_density(doc, styles) == SHIPPED_DENSITY
    assert chart_scale(doc, styles) == 1.0


def test_type_only_a_little_denser_than_the_shipped_keeps_charts_at_full_width(tmp_path: Path) -> None:
    doc, styles, _ = reference_doc("shipped", tmp_path)
    section = doc.sections[-1]
    section.bottom_margin = Inches(section.bottom_margin.inches + 0.05)  # about 0.5% less text area
    assert SHIPPED_DENSITY < type_density(doc, styles) < SHIPPED_DENSITY * 1.01
    assert chart_scale(doc, styles) == 1.0
    section.bottom_margin = Inches(section.bottom_margin.inches + 0.3)  # about 3.7% less
    assert chart_scale(doc, styles) == round(SHIPPED_DENSITY / type_density(doc, styles), 3) < 0.99
