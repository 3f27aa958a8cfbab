"""Tests of briefgen/write/docx/elements.py: each function gives the live XML element behind a python-docx object."""
from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from PIL import Image

from briefgen.write.docx.elements import (
    body_of,
    content_types_xml,
    inline_xml,
    paragraph_xml,
    row_xml,
    run_xml,
    set_blob,
    story_xml,
    table_xml,
)


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 0, 0)).save(buf, format="PNG")
    return buf.getvalue()


def test_paragraph_run_and_table_elements_are_the_live_xml() -> None:
    doc = docx.Document()
    p = doc.add_paragraph("one")
    assert paragraph_xml(p).tag == qn("w:p")
    run = p.add_run(" two")
    assert run_xml(run).tag == qn("w:r") and run_xml(run).getparent() is paragraph_xml(p)
    paragraph_xml(p).remove(run_xml(run))
    assert p.text == "one"
    table = doc.add_table(rows=2, cols=2)
    assert table_xml(table).tag == qn("w:tbl")
    assert row_xml(table.rows[1]).tag == qn("w:tr") and row_xml(table.rows[1]).getparent() is table_xml(table)


def test_picture_story_and_body() -> None:
    doc = docx.Document()
    shape = doc.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
    assert inline_xml(shape).tag == qn("wp:inline")
    inline_xml(shape).docPr.set("descr", "a red box")
    assert [d.get("descr") for d in doc.element.body.xpath(".//wp:docPr")] == ["a red box"]
    header = doc.sections[0].header
    assert story_xml(header).tag == qn("w:hdr")
    assert [q.text for q in body_of(doc).paragraphs] == [q.text for q in doc.paragraphs]


def test_blob_and_content_types() -> None:
    doc = docx.Document()
    package = doc.part.package
    parts = list(package.parts)
    types = content_types_xml(parts)
    assert b'PartName="/word/document.xml"' in types
    generic = next(p for p in parts if type(p).__name__ == "Part")  # e.g. docProps/thumbnail or settings
    set_blob(generic, b"new bytes")
    assert generic.blob == b"new bytes"
