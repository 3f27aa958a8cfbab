"""Tests of briefgen.write.pptx.package: a presentation's package entries are exactly what python-pptx saves."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from briefgen.resources import shipped_templates
from briefgen.write.ooxml.zip import normalize_zip, write_zip
from briefgen.write.pptx.package import package_entries

SHIPPED = shipped_templates() / "pptx" / "default.pptx"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
       b"\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture()
def prs():  # type: ignore[no-untyped-def]
    """The shipped master with two slides: notes on both, a picture on one."""
    deck = Presentation(str(SHIPPED))
    for n, layout in enumerate(list(deck.slide_layouts)[:2]):
        slide = deck.slides.add_slide(layout)
        slide.notes_slide.notes_text_frame.text = f"notes {n}"
        if n == 1:
            slide.shapes.add_picture(io.BytesIO(PNG), Inches(1), Inches(1))
    deck.core_properties.title = "Package test"
    return deck


def _saved(prs) -> list[tuple[str, bytes]]:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    prs.save(buf)
    with zipfile.ZipFile(buf) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def test_the_entries_are_what_python_pptx_saves_in_its_order(prs) -> None:  # type: ignore[no-untyped-def]
    entries = list(package_entries(prs))
    assert entries == _saved(prs)
    names = [name for name, _ in entries]
    assert names[0] == "[Content_Types].xml" and "ppt/notesSlides/notesSlide2.xml" in names
    assert any(name.startswith("ppt/media/") and name.endswith(".png") for name in names)


def test_writing_the_entries_gives_the_bytes_of_saving_then_normalising(prs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    saved = tmp_path / "saved.pptx"
    prs.save(str(saved))
    normalize_zip(saved, 1_767_225_600)
    direct = tmp_path / "direct.pptx"
    write_zip(direct, package_entries(prs), 1_767_225_600)
    assert direct.read_bytes() == saved.read_bytes()
