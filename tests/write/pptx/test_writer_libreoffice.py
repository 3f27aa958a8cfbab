"""Proof that text fits: each shipped deck rendered by LibreOffice, every word found where it belongs.

LibreOffice converts the three audience decks to PDF (a fresh profile per
run); ``pdftotext -bbox`` gives each word's box.  Checked: one page per
slide, every word inside the page, nothing but the marking in the banner
zones, and nothing but footer text below the content area (overflowing text
would land there).  Skipped, with the reason, where LibreOffice or poppler is
not installed; CI installs both.
"""
from __future__ import annotations

import html
import re
import subprocess
import uuid

import pytest
from pptx import Presentation

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.pptx.draw import BANNER_HEIGHT_PT
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions

AUDIENCES = ("dovish", "hawkish", "neutral")
CONTENT_BOTTOM_PT = 6.62 * 72  # lowest edge of any content box in the shipped master (body boxes end at 6.5 in)
TOLERANCE = 1.0  # points
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')

pytestmark = pytest.mark.needs("soffice", "pdftotext", "carlito")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("lo")
    library = load_library(shipped_content()).library
    options = OutputOptions(template_dirs=(shipped_templates(),), chart_cache=out / "cache", source_date_epoch=0)
    views, decks = {}, []
    for name in AUDIENCES:
        views[name] = build_view(library, name)
        target = out / f"{name}.pptx"
        write_pptx(views[name], target, options)
        decks.append(target)
    profile = out / f"profile-{uuid.uuid4().hex}"
    cmd = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
           "--outdir", str(out / "pdf"), *map(str, decks)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    result = {}
    for name, deck in zip(AUDIENCES, decks):
        pdf = out / "pdf" / f"{name}.pdf"
        assert pdf.is_file(), f"LibreOffice did not convert {deck.name}"
        text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                              text=True, timeout=120).stdout
        result[name] = (views[name], Presentation(str(deck)), _pages(text))
    return result


def _pages(bbox_html: str) -> list[tuple[float, float, list]]:
    pages = []
    for w, h, body in _PAGE.findall(bbox_html):
        words = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(body)]
        pages.append((float(w), float(h), words))
    return pages


def _footer_words(prs) -> set[str]:
    words: set[str] = set()
    for slide in prs.slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.type is not None and shape.placeholder_format.idx in (11, 12):
                words.update(shape.text_frame.text.split())
    return words


@pytest.mark.parametrize("name", AUDIENCES)
def test_one_page_per_slide(rendered, name):
    _, prs, pages = rendered[name]
    assert len(pages) == len(prs.slides)


@pytest.mark.parametrize("name", AUDIENCES)
def test_every_word_is_inside_its_page(rendered, name):
    _, _, pages = rendered[name]
    for n, (w, h, words) in enumerate(pages, start=1):
        assert words, f"page {n} has no text"
        for x0, y0, x1, y1, text in words:
            assert -TOLERANCE <= x0 and x1 <= w + TOLERANCE and -TOLERANCE <= y0 and y1 <= h + TOLERANCE, \
                f"page {n}: {text!r} lies outside the page"


@pytest.mark.parametrize("name", AUDIENCES)
def test_only_the_marking_is_in_the_banner_zones(rendered, name):
    view, _, pages = rendered[name]
    marking = set(view.classification.split())
    for n, (w, h, words) in enumerate(pages, start=1):
        top = [t for x0, y0, x1, y1, t in words if y0 < BANNER_HEIGHT_PT - TOLERANCE]
        bottom = [t for x0, y0, x1, y1, t in words if y1 > h - BANNER_HEIGHT_PT + TOLERANCE]
        assert top and set(top) <= marking, f"page {n}: {top} in the top banner zone"
        assert bottom and set(bottom) <= marking, f"page {n}: {bottom} in the bottom banner zone"


@pytest.mark.parametrize("name", AUDIENCES)
def test_no_text_overflows_below_the_content_area(rendered, name):
    view, prs, pages = rendered[name]
    allowed = _footer_words(prs) | set(view.classification.split())
    for n, (w, h, words) in enumerate(pages, start=1):
        spill = [t for x0, y0, x1, y1, t in words
                 if y1 > CONTENT_BOTTOM_PT + TOLERANCE and y1 <= h - BANNER_HEIGHT_PT and t not in allowed]
        assert not spill, f"page {n} ({view.audience}): text below the content area: {spill[:8]}"
