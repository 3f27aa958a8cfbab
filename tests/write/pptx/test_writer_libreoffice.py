"""Proof that text fits: each deck of the shipped library and of the library on another topic
(tests/support/shipped_outputs.py) rendered by LibreOffice, every word found where it belongs.

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
from briefgen.resources import shipped_templates
from briefgen.write.pptx.draw import BANNER_HEIGHT_PT
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions
from tests.support.shipped_outputs import LIBRARIES, library_content

AUDIENCES = ("dovish", "hawkish", "neutral")
CONTENT_BOTTOM_PT = 6.62 * 72  # lowest edge of any content box in the shipped master (body boxes end at 6.5 in)
TOLERANCE = 1.0  # points
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')

pytestmark = pytest.mark.needs("soffice", "pdftotext", "carlito")


@pytest.fixture(scope="module", params=sorted(LIBRARIES))
def rendered(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("lo")
    library = load_library(library_content(request.param)).library
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


def _chart_frames(prs) -> dict[int, tuple[float, float, float, float, float]]:
    """Slide number -> (left, top, right, bottom, title bottom) in points of each chart's box (the layout's chart
    placeholder, where the chart is drawn) and of the slide title above it."""
    from briefgen.write.pptx.master import assign_roles

    out = {}
    for n, slide in enumerate(prs.slides, start=1):
        if any(sh.name.startswith("Chart: ") for sh in slide.shapes):
            roles = assign_roles(slide.slide_layout)
            chart, title = roles["chart"], roles["title"]
            out[n] = (chart.left, chart.top, chart.left + chart.box.width, chart.top + chart.box.height,
                      title.top + title.box.height)
    return out


@pytest.mark.parametrize("name", AUDIENCES)
def test_chart_text_stays_inside_the_chart_and_no_two_words_overlap(rendered, name):
    """Native charts' text (labels, keys, axis titles, legends, tick labels) as LibreOffice draws it: every word
    between the title and the caption lies inside the chart's box, and no word sits on another."""
    view, prs, pages = rendered[name]
    frames = _chart_frames(prs)
    assert len(frames) == len(view.charts)
    for n, (left, top, right, bottom, title_bottom) in frames.items():
        _, _, words = pages[n - 1]
        caption_top = bottom + 2.0  # the caption placeholder starts below the chart box
        chart = [w for w in words if title_bottom - TOLERANCE < (w[1] + w[3]) / 2 < caption_top]
        assert len(chart) > 10, f"slide {n}: the chart shows almost no text"
        for x0, y0, x1, y1, text in chart:
            assert left - TOLERANCE <= x0 and x1 <= right + TOLERANCE and top - TOLERANCE <= y0 and \
                y1 <= bottom + TOLERANCE, f"slide {n} ({name}): {text!r} leaves the chart's box"
        for i, a in enumerate(chart):
            for b in chart[i + 1:]:
                overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                # Word boxes are as tall as the font's extent, a little more than a line: lines touch by ~1 pt.
                line_slack = 0.25 * min(a[3] - a[1], b[3] - b[1])
                assert overlap_x <= TOLERANCE or overlap_y <= line_slack, \
                    f"slide {n} ({name}): {a[4]!r} and {b[4]!r} overlap"
