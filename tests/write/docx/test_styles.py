"""Tests of briefgen.write.docx.styles: fallbacks with one warning listing every missing style; text fonts."""
from __future__ import annotations

from pathlib import Path

import docx

from briefgen.write.docx.styles import Styles
from tests.support.masters import REFERENCES

CASE = {r.name: r for r in REFERENCES}


def _styles(name: str, tmp_path: Path) -> Styles:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = CASE[name].write(tmp_path)
    return Styles(docx.Document(str(path)), path.name)


def test_every_missing_style_is_listed_in_one_warning(tmp_path):
    styles = _styles("python-docx-default", tmp_path)
    assert styles.name("Memo Table") == "Table Grid"
    assert styles.name("Memo Table") == "Table Grid"  # asked twice, listed once
    assert styles.name("Heading 1") == "Heading 1" and styles.name("Caption") == "Caption"
    doc = docx.Document()
    doc.styles["List Number 2"].delete()
    doc.save(str(tmp_path / "fewer.docx"))
    fewer = Styles(docx.Document(str(tmp_path / "fewer.docx")), "fewer.docx")
    fewer.name("Memo Table"), fewer.name("List Number 2"), fewer.name("Title")
    assert [str(w) for w in fewer.warnings] == [
        "warning: reference docx: fewer.docx has no styles 'Memo Table' (using 'Table Grid'), 'List Number 2' "
        "(using 'List Number')"]


def test_no_warning_when_nothing_is_missing(tmp_path):
    styles = _styles("shipped", tmp_path)
    for name in ("Title", "Heading 1", "Heading 2", "List Bullet", "List Number", "Caption", "Memo Table"):
        styles.name(name)
    assert styles.warnings == []


def test_text_fonts_come_from_the_style_its_bases_or_the_theme(tmp_path):
    assert _styles("python-docx-default", tmp_path / "a").text_font("Memo Table") == ("Cambria", 11.0)
    assert _styles("serif-12pt-narrow", tmp_path / "b").text_font("Normal") == ("Times New Roman", 12.0)
    doc = docx.Document()
    doc.styles["Caption"].font.name = "Georgia"
    doc.save(str(tmp_path / "c.docx"))
    caption = Styles(docx.Document(str(tmp_path / "c.docx")), "c.docx").text_font("Caption")
    assert caption[0] == "Georgia"
