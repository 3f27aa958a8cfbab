"""Tests of briefgen.write.pptx.looks: a shape's position, size and formatting as shown, resolved through its
layout, master and theme, so a deck LibreOffice saved looks like the one briefgen wrote and a person's move,
resize or restyle shows."""
from __future__ import annotations

import copy

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.pptx.elements import xml_of
from briefgen.write.pptx.looks import (
    TOLERANCE, LookContext, geometry, paragraph_looks, same_geometry, shape_look, uniform)
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    target = tmp_path_factory.mktemp("looks") / "hawkish.pptx"
    view = build_view(load_library(shipped_content()).library, "hawkish")
    write_pptx(view, target, OutputOptions(template_dirs=(shipped_templates(),), source_date_epoch=0))
    return target


def _slide(deck, n: int):
    prs = Presentation(str(deck))
    return prs, prs.slides[n]


def test_a_placeholder_with_no_position_of_its_own_is_where_its_layout_puts_it(deck) -> None:
    _, slide = _slide(deck, 6)
    title = slide.shapes.title
    assert xml_of(title).find(f"{{{xml_of(title).nsmap['p']}}}spPr/{A}xfrm") is None
    assert geometry(xml_of(title), LookContext(slide)) == [title.left, title.top, title.width, title.height]
    title.width = Inches(5)  # python-pptx writes the extent alone: the offset still comes from the layout
    assert geometry(xml_of(title), LookContext(slide))[2:] == [Inches(5), title.height]
    assert geometry(xml_of(title), LookContext(slide))[:2] == [title.left, title.top]


def test_positions_closer_than_the_tolerance_are_the_same() -> None:
    assert same_geometry([0, 0, 100, 100], [TOLERANCE, -TOLERANCE, 100, 100])
    assert not same_geometry([0, 0, 100, 100], [TOLERANCE + 1, 0, 100, 100])
    assert not same_geometry([0, 0, 100, 100], [0, 0, 100, 100 + TOLERANCE + 1])
    assert same_geometry(None, None) and not same_geometry(None, [0, 0, 0, 0])


def test_an_inherited_format_written_out_looks_the_same(deck) -> None:
    _, slide = _slide(deck, 6)
    context = LookContext(slide)
    title = xml_of(slide.shapes.title)
    before = shape_look(title, context)
    run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    run.font.bold = True  # the title style is bold already, as LibreOffice writes out
    assert shape_look(title, context) == before
    run.font.italic = False
    assert shape_look(title, context) == before
    run.font.size = Pt(40)
    assert shape_look(title, context)["paras"] != before["paras"]


def test_a_scheme_colour_with_a_luminance_change_is_the_rgb_it_shows(deck) -> None:
    _, slide = _slide(deck, 0)
    context = LookContext(slide)
    white = etree.fromstring(f'<a:schemeClr xmlns:a="{A[1:-1]}" val="bg1"><a:lumMod val="85000"/></a:schemeClr>')
    assert context.colour(white) == "d9d9d9"
    assert context.colour(etree.fromstring(f'<a:srgbClr xmlns:a="{A[1:-1]}" val="D9D9D9"/>')) == "d9d9d9"
    alpha = etree.fromstring(f'<a:srgbClr xmlns:a="{A[1:-1]}" val="FF0000"><a:alpha val="50000"/></a:srgbClr>')
    assert context.colour(alpha) == "ff0000[alpha=50000]"


def test_fill_and_outline_are_none_unless_painted(deck) -> None:
    _, slide = _slide(deck, 6)
    body = slide.placeholders[1]
    context = LookContext(slide)
    assert shape_look(xml_of(body), context)["paint"] == "none|none"
    body.fill.solid()
    body.fill.fore_color.rgb = RGBColor(0xFF, 0xF2, 0xCC)
    body.line.color.rgb = RGBColor(0, 0, 0)
    body.line.width = Pt(1)
    assert shape_look(xml_of(body), context)["paint"] == "solid:fff2cc|solid:000000/12700"
    body.fill.background()
    assert shape_look(xml_of(body), context)["paint"] == "none|solid:000000/12700"


def test_a_paragraphs_look_changes_with_a_word_in_bold_not_with_how_its_runs_are_split(deck) -> None:
    _, slide = _slide(deck, 6)
    context = LookContext(slide)
    body = xml_of(slide.placeholders[1])
    p = slide.placeholders[1].text_frame.paragraphs[2]
    before = paragraph_looks(body, context)
    assert uniform(p._p, body, context) is False  # a fact and its source number look different
    first = p.runs[0]
    split = copy.deepcopy(first._r)
    first._r.addnext(split)
    first.text, split.find(f"{A}t").text = first.text[:10], first.text[10:]
    assert paragraph_looks(body, context) == before
    p.runs[1].font.bold = True
    after = paragraph_looks(body, context)
    assert after[2] != before[2] and after[:2] == before[:2] and after[3:] == before[3:]


def test_a_table_is_placed_by_its_position_and_width_only(deck) -> None:
    prs = Presentation(str(deck))
    frame = next(s for slide in prs.slides for s in slide.shapes if s.has_table)
    slide = next(slide for slide in prs.slides if frame in list(slide.shapes))
    assert geometry(xml_of(frame), LookContext(slide)) == [frame.left, frame.top, frame.width, 0]


def test_a_groups_place_is_the_box_its_members_cover(deck) -> None:
    prs = Presentation(str(deck))
    pairs = [(slide, s) for slide in prs.slides for s in slide.shapes if s.shape_type == 6]  # groups
    slide, group = pairs[0]
    members = [(m.left, m.top, m.left + m.width, m.top + m.height) for m in group.shapes]
    off = xml_of(group).find(f"{{{xml_of(group).nsmap['p']}}}grpSpPr/{A}xfrm")
    ch_off = off.find(f"{A}chOff")
    sx = int(off.find(f"{A}ext").get("cx")) / int(off.find(f"{A}chExt").get("cx"))
    left = group.left + (min(m[0] for m in members) - int(ch_off.get("x"))) * sx
    box = geometry(xml_of(group), LookContext(slide))
    assert box[0] == round(left)
    assert box[2] == round((max(m[2] for m in members) - min(m[0] for m in members)) * sx)
