"""Tests of briefgen.write.pptx.package: a presentation's package entries are exactly what python-pptx saves."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from briefgen.resources import shipped_templates
from briefgen.write.pptx.package import package_entries
from tests.support.packages import PNG, saved_entries, saved_then_normalised, written

SHIPPED = shipped_templates() / "pptx" / "default.pptx"


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


def test_the_entries_are_what_python_pptx_saves_in_its_order(prs) -> None:  # type: ignore[no-untyped-def]
    entries = list(package_entries(prs))
    assert entries == saved_entries(prs)
    names = [name for name, _ in entries]
    assert names[0] == "[Content_Types].xml" and "ppt/notesSlides/notesSlide2.xml" in names
    assert any(name.startswith("ppt/media/") and name.endswith(".png") for name in names)


def test_writing_the_entries_gives_the_bytes_of_saving_then_normalising(prs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    saved = saved_then_normalised(prs, tmp_path / "saved.pptx")
    assert written(package_entries(prs), tmp_path / "direct.pptx") == saved
