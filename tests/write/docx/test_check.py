"""The Word memo accessibility rules: a small document that breaks each rule, built here with python-docx,
and the exact line ``briefgen check`` prints for it; the shipped memos break none."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image

from briefgen.write.docx.check import check_docx
from tests.support.shipped_outputs import shipped_outputs


def memo(tmp_path: Path, draw: Callable | None = None, *, title: str = "A memo", language: str = "en-US") -> Path:
    """A memo with a title, a Heading 1 and a paragraph, then whatever ``draw(doc)`` adds."""
    doc = docx.Document()
    doc.core_properties.title = title
    doc.core_properties.language = language
    if not language:  # python-docx's default template says en-US in its style defaults: take that away too
        lang = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:
            lang.getparent().remove(lang)
    doc.add_heading("MEMORANDUM", level=0)
    doc.add_heading("Bottom line", level=1)
    doc.add_paragraph("Text.")
    if draw is not None:
        draw(doc)
    target = tmp_path / "memo.docx"
    doc.save(target)
    return target


def lines(path: Path) -> list[str]:
    return [str(f) for f in check_docx(path, "memo.docx")]


def _png() -> io.BytesIO:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 30, 200)).save(buf, format="PNG")
    buf.seek(0)
    return buf


def _table(doc, header: bool):
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Option", "Cost"
    if header:
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    return table


def test_a_plain_memo_passes(tmp_path: Path) -> None:
    def draw(doc):
        doc.add_heading("Detail", level=2)
        doc.add_picture(_png())._inline.docPr.set("descr", "A blue square")
        _table(doc, header=True)

    assert lines(memo(tmp_path, draw)) == []


def test_heading_levels_skipped(tmp_path: Path) -> None:
    def draw(doc):
        doc.add_heading("Too deep", level=3)

    assert lines(memo(tmp_path, draw)) == [
        'memo.docx: heading-order: heading "Too deep" is level 3 after Heading 1; use Heading 2 or add the missing '
        "level"]


def test_picture_without_alt_text(tmp_path: Path) -> None:
    def draw(doc):
        doc.add_picture(_png())._inline.docPr.set("descr", "")

    assert lines(memo(tmp_path, draw)) == [
        'memo.docx: alt-text: picture 1 ("Picture 1") has no alt text; describe what it shows (right-click > '
        "View Alt Text)"]


def test_table_header_row_not_repeating(tmp_path: Path) -> None:
    assert lines(memo(tmp_path, lambda doc: _table(doc, header=False))) == [
        'memo.docx: table-header: table 1 (first row "Option | Cost") has no repeating header row; select the '
        "first row, Table Properties > Row > Repeat as header row"]


def test_footnote_reference_to_no_footnote(tmp_path: Path) -> None:
    def draw(doc):
        run = doc.add_paragraph("Cited.").add_run()
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), "7")
        run._r.append(ref)

    assert lines(memo(tmp_path, draw)) == [
        "memo.docx: footnotes: footnote reference(s) 7 point at no footnote; re-insert them (References > Insert "
        "Footnote)"]


def test_document_title_and_language(tmp_path: Path) -> None:
    assert lines(memo(tmp_path, title="", language="")) == [
        "memo.docx: document-title: the document has no title; set it in File > Info > Properties > Title",
        "memo.docx: language: the document declares no language; set it (Review > Language, or "
        "docProps/core.xml dc:language)"]


def test_the_shipped_memos_pass(shipped_project: Path) -> None:
    memos = shipped_outputs(shipped_project, "docx")
    assert len(memos) == 3
    for path in memos:
        assert [str(f) for f in check_docx(path, path.name)] == []
        assert docx.Document(str(path)).core_properties.language == "en-US"
