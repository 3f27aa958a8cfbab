"""Tests of briefgen.office: LibreOffice conversions (one run for several files) and the errors they give."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from briefgen.errors import BuildError
from briefgen.office import convert_all_to_pdf, convert_to_pdf, pdf_page_texts, pdf_to_pngs

needs_office = pytest.mark.needs("soffice", "pdftoppm")


def _document(path: Path, paragraphs: int) -> Path:
    doc = docx.Document()
    for n in range(paragraphs):
        doc.add_paragraph(f"Paragraph {n} " + "words " * 60)
    doc.save(str(path))
    return path


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


@needs_office
def test_one_run_converts_every_file_in_order(tmp_path: Path) -> None:
    short = _document(tmp_path / "short.docx", 1)
    long = _document(tmp_path / "long.docx", 40)
    pdfs = convert_all_to_pdf([long, short], tmp_path / "pdf")
    assert pdfs == [tmp_path / "pdf" / "long.pdf", tmp_path / "pdf" / "short.pdf"]
    assert _pages(pdfs[0]) > 1 and _pages(pdfs[1]) == 1
    pngs = pdf_to_pngs(pdfs[0], tmp_path / "png", dpi=20)
    assert [int(p.stem.rsplit("-", 1)[1]) for p in pngs] == list(range(1, _pages(pdfs[0]) + 1))


@needs_office
def test_a_file_that_is_not_a_document_is_named_in_the_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(BuildError) as exc:
        convert_to_pdf(bad, tmp_path / "pdf")
    assert exc.value.lines()[0].startswith(f"{bad}: pdf: LibreOffice could not convert the file")


def test_sources_must_have_distinct_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        convert_all_to_pdf([tmp_path / "a" / "memo.docx", tmp_path / "b" / "memo.docx"], tmp_path / "pdf")


@needs_office
def test_a_pdf_pdftoppm_cannot_read_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    with pytest.raises(BuildError) as exc:
        pdf_to_pngs(bad, tmp_path / "png")
    (line,) = exc.value.lines()
    assert line.startswith(f"{bad}: preview: pdftoppm could not render the PDF")


@pytest.mark.needs("soffice", "pdftotext")
def test_page_texts_are_each_pages_text_in_order(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("First page words")
    doc.add_page_break()
    doc.add_paragraph("Second page words")
    doc.save(str(tmp_path / "two.docx"))
    texts = pdf_page_texts(convert_to_pdf(tmp_path / "two.docx", tmp_path))
    assert [t.split() for t in texts] == [["First", "page", "words"], ["Second", "page", "words"]]


@pytest.mark.needs("pdftotext")
def test_a_pdf_pdftotext_cannot_read_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(BuildError) as err:
        pdf_page_texts(bad)
    assert str(err.value.problems[0]).startswith(f"{bad}: pdf: pdftotext could not read the PDF")
