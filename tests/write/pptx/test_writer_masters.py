"""Decks on other organisations' masters (tests/support/masters.py), rendered by LibreOffice and checked.

For each usable master of the matrix every shipped audience builds; LibreOffice's PDF has one page per
slide and ``pdftotext -bbox`` finds every word inside a shape of its slide (text that overflows its box
lands outside every shape) and nothing but the marking in the banner zones; no slide ends with a heading
or lead; a continuation slide holds at least three lines (a table at least two rows under its header);
the deck has no Open XML errors.  A master with zero-height placeholders is refused by ``templates check``
and by the build, by name, never with an internal error.  A backup row taller than a 4:3 slide is split
across slides, every part inside its table's frame.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_COLOR_TYPE, MSO_THEME_COLOR

from briefgen.commands.plan import build_view
from briefgen.errors import TemplateError
from briefgen.load.library import load_library
from briefgen.render.deck.fit import LevelStyle, measurer_for
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.ooxml.validity import check_validity
from briefgen.write.pptx.draw import BANNER_HEIGHT_PT
from briefgen.write.pptx.master import EMU_PER_PT, assign_roles, check_master
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions
from tests.support.masters import BUILDABLE_MASTERS, MASTERS

AUDIENCES = ("dovish", "hawkish", "neutral")
TOLERANCE = 1.5  # points
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
CASES = [(m.name, a) for m in BUILDABLE_MASTERS for a in AUDIENCES]
# The theme slots headings and leads are drawn in (write/pptx/draw.py's STYLE_COLORS: accent2, tx2).
HEADING_COLOURS = (MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.TEXT_2)

pytestmark = pytest.mark.needs("soffice", "pdftotext", "carlito")


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    """(master, audience) -> (warnings, deck path, the deck opened, the PDF's pages as word boxes)."""
    out = tmp_path_factory.mktemp("masters")
    library = load_library(shipped_content()).library
    views = {name: build_view(library, name) for name in AUDIENCES}
    built = {}
    for case in BUILDABLE_MASTERS:
        master = case.write(out)
        for name in AUDIENCES:
            options = options_for(master, case.layouts, out)
            target = out / f"{case.name}-{name}.pptx"
            built[(case.name, name)] = (write_pptx(views[name], target, options), target)
    profile = out / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out / "pdf"), *(str(t) for _, t in built.values())],
                   check=True, capture_output=True, timeout=1200)
    result = {}
    for key, (warnings, deck) in built.items():
        pdf = out / "pdf" / f"{deck.stem}.pdf"
        text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True,
                              timeout=120).stdout
        result[key] = (warnings, deck, Presentation(str(deck)), _pages(text))
    return result


def options_for(master: Path, layouts: dict, out: Path) -> OutputOptions:
    """Build options with ``master`` as the project's master and ``layouts`` as its mapping."""
    return OutputOptions(template_dirs=(shipped_templates(),), master=master, layouts=layouts,
                         chart_cache=out / "cache", source_date_epoch=0)


def _pages(bbox_html: str) -> list[tuple[float, float, list]]:
    pages = []
    for w, h, body in _PAGE.findall(bbox_html):
        words = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(body)]
        pages.append((float(w), float(h), words))
    return pages


def _rects(slide) -> list[tuple[float, float, float, float]]:
    """Each shape's box on the slide in points (placeholders where their layout puts them); a chart's is the box
    the layout gives charts (its labels are measured to stay in it, the group's own extent is the shapes')."""
    out = []
    for shape in slide.shapes:
        if shape.left is None or shape.width is None:
            continue
        left, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
        out.append((left, top, left + shape.width / EMU_PER_PT, top + shape.height / EMU_PER_PT))
        if shape.name.startswith("Chart: "):
            chart = assign_roles(slide.slide_layout)["chart"]
            out.append((chart.left, chart.top, chart.left + chart.box.width, chart.top + chart.box.height))
    return out


def _ends_with_a_heading(shape) -> str | None:
    """The text of the last paragraph of ``shape`` when the writer drew it as a heading or lead (bold, in the
    heading's or lead's theme colour) and it is not the only paragraph; else None."""
    paras = [p for p in shape.text_frame.paragraphs if p.text.strip()]
    if len(paras) < 2:
        return None
    font = paras[-1].runs[0].font
    themed = font.color.type == MSO_COLOR_TYPE.SCHEME and font.color.theme_color in HEADING_COLOURS
    return paras[-1].text if font.bold and themed else None


def _body_frames(slide):
    """The text frames of the slide's content placeholders and text boxes (not its title, banners or footer)."""
    for shape in slide.shapes:
        if not shape.has_text_frame or shape == slide.shapes.title:
            continue
        if shape.is_placeholder and shape.placeholder_format.idx in (10, 11, 12):
            continue
        if not shape.is_placeholder and shape.top / EMU_PER_PT < BANNER_HEIGHT_PT + 1:
            continue  # the top banner
        yield shape


def test_the_matrix_has_every_master_the_issue_names():
    assert [m.name for m in MASTERS] == ["shipped", "python-pptx-4x3", "renamed-16x9-large-type",
                                         "title-only-title-slide", "zero-height-placeholders"]


@pytest.mark.parametrize("master,name", CASES)
def test_every_audience_builds_with_one_page_per_slide(matrix, master, name):
    warnings, deck, prs, pages = matrix[(master, name)]
    assert len(pages) == len(prs.slides) > 20
    assert [str(w) for w in warnings if "font" in w.field] == []


@pytest.mark.parametrize("master,name", CASES)
def test_no_word_lies_outside_every_shape_of_its_slide(matrix, master, name):
    _, _, prs, pages = matrix[(master, name)]
    for n, (slide, (w, h, words)) in enumerate(zip(prs.slides, pages), start=1):
        rects = _rects(slide)
        for x0, y0, x1, y1, text in words:
            slack = max(TOLERANCE, 0.2 * (y1 - y0))  # a word's box is the font's whole extent, taller than its ink
            inside = any(l - TOLERANCE <= x0 and x1 <= r + TOLERANCE and t - slack <= y0 and y1 <= b + slack
                         for l, t, r, b in rects)
            assert inside, f"{master} {name} slide {n}: {text!r} at ({x0:.0f}, {y0:.0f}) lies outside every shape"


@pytest.mark.parametrize("master,name", CASES)
def test_only_the_marking_is_in_the_banner_zones(matrix, master, name):
    _, _, prs, pages = matrix[(master, name)]
    for n, (w, h, words) in enumerate(pages, start=1):
        stray = [t for x0, y0, x1, y1, t in words
                 if (y1 > BANNER_HEIGHT_PT + TOLERANCE and y0 < BANNER_HEIGHT_PT - TOLERANCE) or
                 (y0 < h - BANNER_HEIGHT_PT - TOLERANCE < y1 - TOLERANCE)]
        assert not stray, f"{master} {name} slide {n}: {stray[:6]} cross a banner's edge"


@pytest.mark.parametrize("master,name", CASES)
def test_no_slide_ends_with_a_heading(matrix, master, name):
    _, _, prs, _ = matrix[(master, name)]
    for n, slide in enumerate(prs.slides, start=1):
        for shape in _body_frames(slide):
            last = _ends_with_a_heading(shape)
            assert last is None, f"{master} {name} slide {n}: ends with the heading {last!r}"


@pytest.mark.parametrize("master,name", CASES)
def test_a_continuation_slide_holds_three_lines_or_two_table_rows(matrix, master, name):
    _, _, prs, _ = matrix[(master, name)]
    meter, _ = measurer_for("Calibri")
    continued = [(n, s) for n, s in enumerate(prs.slides, start=1) if "(cont.," in (s.shapes.title.text or "")]
    for n, slide in continued:
        tables = [sh.table for sh in slide.shapes if sh.has_table]
        if tables:
            assert len(tables[0].rows) >= 3, f"{master} {name} slide {n}: a continued table of one row"
            continue
        lines = 0
        for shape in _body_frames(slide):
            width = (shape.width - shape.text_frame.margin_left - shape.text_frame.margin_right) / EMU_PER_PT
            for p in shape.text_frame.paragraphs:
                size = next((r.font.size.pt for r in p.runs if r.font.size is not None), 18.0)
                lines += meter.lines(p.text, width - 30, LevelStyle(size)) if p.text.strip() else 0
        assert lines >= 3, f"{master} {name} slide {n}: a continuation of {lines} lines"


@pytest.mark.parametrize("master,name", CASES)
def test_the_deck_is_valid_open_xml(matrix, master, name):
    _, deck, _, _ = matrix[(master, name)]
    assert [str(f) for f in check_validity(deck, deck.name)] == []


def test_continuation_titles_are_numbered_and_unique(matrix):
    for (master, name), (_, _, prs, _) in matrix.items():
        titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
        continued = [t for t in titles if "(cont.," in t]
        assert all(re.search(r" \(cont\., (\d+) of (\d+)\)$", t) for t in continued), continued
        assert len(set(continued)) == len(continued), f"{master} {name}: {continued}"


def test_a_title_slide_with_only_a_title_still_shows_the_date_and_organisation(matrix):
    view = build_view(load_library(shipped_content()).library, "neutral")
    _, _, prs, pages = matrix[("title-only-title-slide", "neutral")]
    words = " ".join(t for *_, t in pages[0][2])
    assert view.organisation.split()[0] in words and view.subtitle.split()[0] in words


def test_zero_height_placeholders_are_refused_by_name_by_the_check_and_the_build(tmp_path):
    case = next(m for m in MASTERS if not m.usable)
    master = case.write(tmp_path)
    expected = [f"{master.name}: layout 'Title and Content': placeholder 'Content Placeholder 2' is 874 x 0 pt; "
                f"expected at least 36 x 18 pt: give it a size in the master's layout, or delete it",
                f"{master.name}: layout 'Two Content': placeholder 'Content Placeholder 2' is 421 x 0 pt; expected "
                f"at least 36 x 18 pt: give it a size in the master's layout, or delete it",
                f"{master.name}: layout 'Two Content': placeholder 'Content Placeholder 3' is 421 x 0 pt; expected "
                f"at least 36 x 18 pt: give it a size in the master's layout, or delete it"]
    problems = check_master(master)
    assert [str(p).split("/")[-1] for p in problems] == expected
    view = build_view(load_library(shipped_content()).library, "neutral")
    with pytest.raises(TemplateError) as err:
        write_pptx(view, tmp_path / "deck.pptx", options_for(master, case.layouts, tmp_path))
    assert [line.split("/")[-1] for line in err.value.lines()] == expected
    assert not (tmp_path / "deck.pptx").exists()


# The hawkish "so what" of the risk risk-symbolic-only, in 37 short paragraphs: its backup-table row is taller
# than the table area of a slide of python-pptx's 4:3 default master.
TALL_SO_WHAT = ["Substance, not symbols, decides this."] + [f"Sign {k}: drills." for k in range(36)]


def _content_with_a_tall_backup_row(folder: Path) -> Path:
    """The shipped library, copied to ``folder/content``, with TALL_SO_WHAT as that risk's hawkish framing."""
    content = folder / "content"
    shutil.copytree(shipped_content(), content)
    risks = content / "risks.yaml"
    text = risks.read_text(encoding="utf-8")
    start = text.index("    hawkish: ", text.index("- id: risk-symbolic-only\n"))
    end = text.index("\n", start)
    block = "    hawkish: |-" + "".join(f"\n      {line}" for line in TALL_SO_WHAT)
    risks.write_text(text[:start] + block + text[end:], encoding="utf-8")
    return content


def test_a_backup_row_taller_than_a_4x3_slide_is_split_across_slides_inside_its_table(tmp_path):
    case = next(m for m in MASTERS if m.name == "python-pptx-4x3")
    master = case.write(tmp_path)
    view = build_view(load_library(_content_with_a_tall_backup_row(tmp_path)).library, "hawkish")
    deck = tmp_path / "deck.pptx"
    warnings = write_pptx(view, deck, options_for(master, case.layouts, tmp_path))
    assert [str(w) for w in warnings if "table" in str(w)] == []
    prs = Presentation(str(deck))
    backup = [(n, s) for n, s in enumerate(prs.slides, start=1) if s.shapes.title.text.startswith("Backup: Risks")]
    tables = {n: next(sh for sh in s.shapes if sh.has_table) for n, s in backup}
    rows = {n: [[c.text for c in r.cells] for r in list(t.table.rows)[1:]] for n, t in tables.items()}
    parts = [(n, cells) for n, cells in rows.items() for cells in cells if cells[0].startswith("Cooperation")]
    assert [cells[0] for _, cells in parts] == ["Cooperation stays symbolic", "Cooperation stays symbolic (cont.)"]
    assert len({n for n, _ in parts}) == 2
    so_what = "\n".join(cells[3] for _, cells in parts)
    assert re.fullmatch(re.escape("\n".join(TALL_SO_WHAT)) + r" \[[\d, ]+\]", so_what), so_what
    total = len(backup)
    assert [s.shapes.title.text for _, s in backup] == ["Backup: Risks"] + [
        f"Backup: Risks (cont., {k} of {total})" for k in range(2, total + 1)]
    for n, cells in list(rows.items())[1:]:  # a continuation holds two rows, or a part of the row too tall for one
        assert len(cells) >= 2 or cells[0][0].startswith("Cooperation"), (n, cells)
    assert [str(f) for f in check_validity(deck, deck.name)] == []
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(deck)], check=True, capture_output=True, timeout=600)
    bbox = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "deck.pdf"), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout
    pages = _pages(bbox)
    for n, _ in parts:  # the split row's words on each of its slides lie in the table's frame
        frame = tables[n]
        left, top = frame.left / EMU_PER_PT, frame.top / EMU_PER_PT
        right, bottom = left + frame.width / EMU_PER_PT, top + frame.height / EMU_PER_PT
        signs = [w for w in pages[n - 1][2] if w[4] in ("Sign", "drills.", "symbolic")]  # not the footer's words
        assert len(signs) > 10
        for x0, y0, x1, y1, text in signs:
            assert left - TOLERANCE <= x0 and x1 <= right + TOLERANCE and top <= y0 and y1 <= bottom + TOLERANCE, (
                f"slide {n}: {text!r} at ({x0:.0f}, {y0:.0f}, {x1:.0f}, {y1:.0f}) outside the table "
                f"({left:.0f}, {top:.0f}, {right:.0f}, {bottom:.0f})")
