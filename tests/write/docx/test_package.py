"""Tests of briefgen.write.docx.package: a document's package entries are exactly what python-docx saves."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Inches

from briefgen.resources import shipped_templates
from briefgen.write.docx.package import package_entries
from briefgen.write.ooxml.zip import normalize_zip, write_zip

REFERENCE = shipped_templates() / "memo" / "reference.docx"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
       b"\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture()
def doc():  # type: ignore[no-untyped-def]
    """The shipped reference document with a heading, a paragraph, a picture and a footer."""
    document = Document(str(REFERENCE))
    document.add_heading("Package test", level=1)
    document.add_paragraph("Body text.")
    document.add_picture(io.BytesIO(PNG), width=Inches(1))
    document.sections[0].footer.paragraphs[0].text = "UNCLASSIFIED"
    document.core_properties.title = "Package test"
    return document


def _saved(doc) -> list[tuple[str, bytes]]:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def test_the_entries_are_what_python_docx_saves_in_its_order(doc) -> None:  # type: ignore[no-untyped-def]
    entries = list(package_entries(doc))
    assert entries == _saved(doc)
    names = [name for name, _ in entries]
    assert names[0] == "[Content_Types].xml" and "word/document.xml" in names
    assert any(name.startswith("word/media/") and name.endswith(".png") for name in names)


def test_writing_the_entries_gives_the_bytes_of_saving_then_normalising(doc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    saved = tmp_path / "saved.docx"
    doc.save(str(saved))
    normalize_zip(saved, 1_767_225_600)
    direct = tmp_path / "direct.docx"
    write_zip(direct, package_entries(doc), 1_767_225_600)
    assert direct.read_bytes() == saved.read_bytes()
