"""Tests of briefgen.write.docx.page: the memo's classification lines at the top and bottom of every page, on a
band of the banner's colours from the marking scheme, valid Open XML."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from briefgen import api
from briefgen.tailor.view import BriefView
from briefgen.write.docx.elements import paragraph_xml
from briefgen.write.docx.writer import write_docx
from briefgen.write.ooxml.validity import check_validity
from tests.support.fixture_projects import make_project
from tests.support.memo_views import options


@pytest.fixture(scope="module")
def guarded(tmp_path_factory) -> BriefView:
    """The hawkish view of markings-fictional: GUARDED MATERIAL//SHARE WITH BLF, banner 1565C0 / FFFFFF."""
    loaded = api.load(make_project(tmp_path_factory.mktemp("page") / "proj", "markings-fictional"))
    return api.tailor_view(loaded.library, "hawkish")


def band(paragraph) -> tuple[str, str | None, str, bool]:
    """(text, shading fill, run colour, bold) of a classification line."""
    shd = next(iter(paragraph_xml(paragraph).xpath("./w:pPr/w:shd")), None)
    run = paragraph.runs[0]
    return paragraph.text, shd.get(qn("w:fill")) if shd is not None else None, str(run.font.color.rgb), run.bold


def test_the_classification_lines_are_on_a_band_of_the_levels_colours(guarded, tmp_path: Path) -> None:
    path = tmp_path / "memo.docx"
    write_docx(guarded, path, options())
    section = Document(str(path)).sections[0]
    line = ("GUARDED MATERIAL//SHARE WITH BLF", "1565C0", "FFFFFF", True)
    assert band(section.header.paragraphs[0]) == line
    assert band(section.footer.paragraphs[-1]) == line
    assert check_validity(path, "memo.docx") == []  # the shading sits where the schema puts it


def test_a_view_without_banner_colours_keeps_the_styles_colours(guarded, tmp_path: Path) -> None:
    path = tmp_path / "memo.docx"
    write_docx(dataclasses.replace(guarded, banner_colors=()), path, options())
    header = Document(str(path)).sections[0].header.paragraphs[0]
    assert not paragraph_xml(header).xpath("./w:pPr/w:shd") and header.runs[0].font.color.rgb is None
