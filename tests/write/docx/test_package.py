"""Tests of briefgen.write.docx.package: a document's package entries are exactly what python-docx saves."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Inches

from briefgen.resources import shipped_templates
from briefgen.write.docx.package import package_entries
from tests.support.packages import PNG, saved_entries, saved_then_normalised, written

REFERENCE = shipped_templates() / "memo" / "reference.docx"


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


def test_the_entries_are_what_python_docx_saves_in_its_order(doc) -> None:  # type: ignore[no-untyped-def]
    entries = list(package_entries(doc))
    assert entries == saved_entries(doc)
    names = [name for name, _ in entries]
    assert names[0] == "[Content_Types].xml" and "word/document.xml" in names
    assert any(name.startswith("word/media/") and name.endswith(".png") for name in names)


def test_writing_the_entries_gives_the_bytes_of_saving_then_normalising(doc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    saved = saved_then_normalised(doc, tmp_path / "saved.docx")
    assert written(package_entries(doc), tmp_path / "direct.docx") == saved
