"""Tests of briefgen/write/pptx/elements.py: each function gives the live XML element behind a python-pptx object."""
from __future__ import annotations

from pptx import Presentation
from pptx.util import Inches

from briefgen.write.pptx.elements import (
    content_types_xml,
    paragraph_xml,
    relationships,
    shape_tree,
    slide_id_list,
    table_xml,
    text_body,
    xml_of,
)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _deck():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # Blank
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    box.text_frame.text = "first"
    table = slide.shapes.add_table(2, 3, Inches(1), Inches(3), Inches(6), Inches(1)).table
    return prs, slide, box, table


def test_shape_and_slide_elements_are_the_live_xml() -> None:
    prs, slide, box, _ = _deck()
    assert xml_of(box).tag == f"{P}sp"
    xml_of(box).nvSpPr.cNvPr.set("name", "Renamed")
    assert box.name == "Renamed"
    assert xml_of(slide).tag == f"{P}sld"
    assert xml_of(prs.slide_layouts[0].slide_master).tag == f"{P}sldMaster"


def test_text_paragraph_and_table_elements() -> None:
    _, _, box, table = _deck()
    tf = box.text_frame
    assert text_body(tf).tag == f"{P}txBody"
    paragraph = tf.paragraphs[0]
    assert paragraph_xml(paragraph).tag == f"{A}p"
    paragraph_xml(paragraph).add_r().text = " second"
    assert tf.text == "first second"
    assert table_xml(table).tag == f"{A}tbl"
    assert len(table_xml(table).tr_lst) == len(table.rows) == 2


def test_shape_tree_and_slide_order() -> None:
    prs, slide, _, _ = _deck()
    assert shape_tree(slide.shapes).tag == f"{P}spTree"
    assert len(list(shape_tree(slide.shapes).iter_shape_elms())) == len(slide.shapes) == 2
    prs.slides.add_slide(prs.slide_layouts[6])
    assert slide_id_list(prs.slides).tag == f"{P}sldIdLst"
    assert len(slide_id_list(prs.slides)) == len(prs.slides) == 2


def test_relationships_and_content_types() -> None:
    prs, _, _, _ = _deck()
    package = prs.part.package
    assert b"ppt/presentation.xml" in relationships(package).xml
    assert relationships(prs.slides[0].part)  # a slide is related to its layout
    types = content_types_xml(tuple(package.iter_parts()))
    assert types.startswith(b"<?xml") and b'PartName="/ppt/slides/slide1.xml"' in types
