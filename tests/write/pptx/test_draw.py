"""Tests of briefgen.write.pptx.draw: its cheaper ways of writing slide XML give what python-pptx's own API gives."""
from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE

from briefgen.resources import shipped_templates
from briefgen.write.pptx.draw import SpeakerNotes, _set_text, notes_text

SHIPPED = shipped_templates() / "pptx" / "default.pptx"


@pytest.mark.parametrize("text", ["one line", "first\nsecond\n\nfourth", "soft\vbreak\v", "\vlead",
                                  "bell\x07 and esc\x1b kept as escapes", "tab\tstays", ""])
def test_set_text_writes_what_the_text_frame_setter_writes(text: str) -> None:
    prs = Presentation(str(SHIPPED))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    frame = slide.notes_slide.notes_text_frame
    frame.text = "old text\nto replace"
    mine = etree.fromstring(etree.tostring(frame._txBody))
    frame.text = text
    _set_text(mine, text)
    assert etree.tostring(mine) == etree.tostring(frame._txBody)


def test_speaker_notes_match_python_pptx_slide_by_slide() -> None:
    notes = [("Say this first.", "Then this,\nthat was one paragraph."), ("Only one.",), ("A", "B", "C")]
    expected, made = Presentation(str(SHIPPED)), Presentation(str(SHIPPED))
    speaker_notes = SpeakerNotes()
    for paragraphs in notes:
        frame = expected.slides.add_slide(expected.slide_layouts[1]).notes_slide.notes_text_frame
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # notes shrink to fit their box (the notes handout)
        frame.text = notes_text(paragraphs)
        speaker_notes.set(made.slides.add_slide(made.slide_layouts[1]), paragraphs)
    for want, got in zip(expected.slides, made.slides):
        assert etree.tostring(got.notes_slide._element) == etree.tostring(want.notes_slide._element)
        assert got.notes_slide.notes_text_frame.text == want.notes_slide.notes_text_frame.text
    assert [s.part.partname for s in (n.notes_slide for n in made.slides)] == \
        [s.part.partname for s in (n.notes_slide for n in expected.slides)]
