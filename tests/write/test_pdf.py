"""The PDF memo (LibreOffice), its one-line error without LibreOffice, and the memo's page count.

The page-count tests draw the real charts (their size decides the length)
and need LibreOffice; they are skipped, saying so, where it is absent.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from briefgen.errors import MissingToolError
from briefgen.office import convert_to_pdf
from briefgen.write.docx.writer import write_docx
from briefgen.write.pdf import write_pdf
from briefgen.write.pptx.writer import write_pptx
from tests.support.memo_views import CONTENT, options, shipped_audiences, view_of

needs_soffice = pytest.mark.needs("soffice")

# Letter pages of the DOCX memo as LibreOffice lays it out: the README promises a two-to-three-page read-ahead.
PAGES = (2, 3)


def page_count(pdf: Path) -> int:
    """Pages in a PDF, counted from its page objects."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def test_missing_libreoffice_is_one_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    target = tmp_path / "memo.pdf"
    with pytest.raises(MissingToolError) as err:
        write_pdf(view_of(CONTENT, "neutral"), target, options())
    assert err.value.lines() == ["pdf needs LibreOffice: install it (e.g. apt-get install libreoffice-writer) "
                                 "or build docx/md/html instead"]
    assert err.value.exit_code == 5
    assert not target.exists()


def test_missing_libreoffice_spares_other_formats(tmp_path: Path, monkeypatch) -> None:
    from briefgen.commands.build import build_matrix
    from briefgen.load.library import load_library
    from briefgen.project import Project, ProjectSpec

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    project = Project(tmp_path, ProjectSpec(content=str(CONTENT), output="out"))
    library = load_library(CONTENT).library
    result = build_matrix(project, library, options(), ["neutral"], ["pdf", "md"], workers=1)
    by_fmt = {r.job.fmt: r for r in result.results}
    assert isinstance(by_fmt["pdf"].error, MissingToolError)
    assert by_fmt["md"].error is None and by_fmt["md"].job.target.is_file()


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, by pdftotext."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.needs("soffice", "pdftotext")
def test_write_pdf_gives_the_read_ahead_package(tmp_path: Path) -> None:
    """The memo, the deck (a page a slide) and the notes handout (each slide with its speaker notes)."""
    view = view_of(CONTENT, "neutral")
    target = tmp_path / "brief.pdf"
    written = write_pdf(view, target, options(chart_cache=tmp_path / "cache"))
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["brief-deck.pdf", "brief-notes.pdf", "brief.pdf"]
    # the record of what each paragraph shows is the Word memo's the PDF is made from (for briefgen trace)
    word = write_docx(view, tmp_path / "scratch" / "brief.docx", options(chart_cache=tmp_path / "cache"))
    assert written.record == word.record and written.record["memo"]["paras"]
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.pptx"))  # scratch files stay in a temp folder
    memo = pdf_pages(target)
    assert "MEMORANDUM" in memo[0] and PAGES[0] <= len(memo) <= PAGES[1]
    deck_pptx = tmp_path / "scratch" / "brief.pptx"
    write_pptx(view, deck_pptx, options(chart_cache=tmp_path / "cache"))
    slides = Presentation(str(deck_pptx)).slides
    deck, notes = pdf_pages(tmp_path / "brief-deck.pdf"), pdf_pages(tmp_path / "brief-notes.pdf")
    assert len(deck) == len(notes) == len(slides)
    for n, (slide, page, handout) in enumerate(zip(slides, deck, notes)):
        title = _words(slide.shapes.title.text_frame.text) if slide.shapes.title is not None else ""
        assert title.split()[0] in page and title.split()[0] in handout, n  # the slide is on both pages
        spoken = _words(slide.notes_slide.notes_text_frame.text)
        assert spoken[:40] in _words(handout), n  # and its notes on the handout's page only
        # To the end (compared without spaces: a line may break inside "2024-10"): long notes shrink to fit the
        # notes page, none run off it.
        assert "".join(spoken[-30:].split()) in "".join(handout.split()), n
        assert spoken[:40] not in _words(page), n
    assert f"Delivery: {view.delivery}"[:40] in _words(notes[0])


@needs_soffice
@pytest.mark.parametrize("audience", shipped_audiences())
def test_page_count(tmp_path: Path, audience: str) -> None:
    docx_path = tmp_path / f"{audience}.docx"
    write_docx(view_of(CONTENT, audience), docx_path, options(chart_cache=tmp_path / "cache"))
    pages = page_count(convert_to_pdf(docx_path, tmp_path / "pdf"))
    low, high = PAGES
    assert low <= pages <= high, f"{audience} memo runs {pages} pages, expected {low}-{high}"


def one_page_view(audience: str):
    """The shipped library's view of ``audience`` for a briefing with ``memo: {pages: 1}``."""
    import dataclasses

    from briefgen.load.library import load_library
    from briefgen.load.model import MemoLength
    from briefgen.tailor.tailor import tailor

    lib = load_library(CONTENT).library
    briefing = dataclasses.replace(lib.briefing, memo=MemoLength(pages=1))
    return tailor(lib, lib.audiences[audience], briefing)


@needs_soffice
@pytest.mark.parametrize("audience", shipped_audiences())
def test_a_one_page_memo_fits_one_page(tmp_path: Path, audience: str) -> None:
    target = tmp_path / f"{audience}.pdf"
    write_pdf(one_page_view(audience), target, options(chart_cache=tmp_path / "cache"))
    assert page_count(target) == 1
