"""The deck accessibility rules: a small deck that breaks each rule, built here with python-pptx, and the
exact line ``briefgen check`` prints for it; the shipped decks break none."""
from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Callable

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from briefgen.write.pptx.check import MIN_TEXT_PT, check_pptx
from tests.support.shipped_outputs import shipped_outputs

TITLE, TITLE_AND_CONTENT, TITLE_ONLY, BLANK = 0, 1, 5, 6


def _png() -> io.BytesIO:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buf, format="PNG")
    buf.seek(0)
    return buf


def _titled(prs, title: str, layout: int = TITLE_ONLY):
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    slide.shapes.title.text = title
    return slide


def deck(tmp_path: Path, draw: Callable | None = None, *, title: str = "A deck", language: str = "en-US") -> Path:
    """A deck with one good slide, then whatever ``draw(prs)`` adds; saved as ``deck.pptx``."""
    prs = Presentation()
    prs.core_properties.title = title
    prs.core_properties.language = language
    first = prs.slides.add_slide(prs.slide_layouts[TITLE])
    first.shapes.title.text = "Opening"
    first.placeholders[1].text = "A subtitle"
    if draw is not None:
        draw(prs)
    target = tmp_path / "deck.pptx"
    prs.save(target)
    return target


def lines(path: Path) -> list[str]:
    return [str(f) for f in check_pptx(path, "deck.pptx")]


def test_a_plain_deck_passes(tmp_path: Path) -> None:
    def draw(prs):
        slide = _titled(prs, "Body", TITLE_AND_CONTENT)
        slide.placeholders[1].text = "A point"
        pic = _titled(prs, "Picture").shapes.add_picture(_png(), Inches(1), Inches(2))
        pic._element.nvPicPr.cNvPr.set("descr", "A red square")
        _titled(prs, "Table").shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1))

    assert lines(deck(tmp_path, draw)) == []


def test_slide_without_title(tmp_path: Path) -> None:
    def draw(prs):
        slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
        slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1)).text_frame.text = "Untitled text"

    assert lines(deck(tmp_path, draw)) == [
        "deck.pptx: slide 2: slide-title: no title placeholder with text; give the slide a title (it may sit off "
        "the slide if hidden)"]


def test_duplicate_titles(tmp_path: Path) -> None:
    def draw(prs):
        _titled(prs, "Risks")
        _titled(prs, "risks ")

    assert lines(deck(tmp_path, draw)) == [
        "deck.pptx: slide 3: warning: unique-title: title \"risks\" is also slide 2's; make each title unique"]


def test_picture_without_alt_text(tmp_path: Path) -> None:
    def draw(prs):
        pic = _titled(prs, "Map").shapes.add_picture(_png(), Inches(1), Inches(2))
        pic.name = "Map picture"
        pic._element.nvPicPr.cNvPr.set("descr", "")

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: alt-text: picture "Map picture" has no alt text; describe what it shows '
        "(right-click > View Alt Text)"]


def test_a_picture_marked_decorative_needs_no_alt_text(tmp_path: Path) -> None:
    def draw(prs):
        pic = _titled(prs, "Map").shapes.add_picture(_png(), Inches(1), Inches(2))
        cnvpr = pic._element.nvPicPr.cNvPr
        cnvpr.set("descr", "")
        cnvpr.append(etree.fromstring(
            '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext '
            'uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
            'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'))

    assert lines(deck(tmp_path, draw)) == []


def test_table_without_header_row_and_with_merged_cells(tmp_path: Path) -> None:
    def draw(prs):
        frame = _titled(prs, "Compare").shapes.add_table(3, 3, Inches(1), Inches(2), Inches(6), Inches(2))
        frame.name = "Options"
        frame.table.first_row = False
        frame.table.cell(1, 0).merge(frame.table.cell(2, 1))  # a 2 x 2 block: four cells

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: table-header: table "Options" has no header row; tick Header Row (Table Design) and '
        "put the column names in the first row",
        'deck.pptx: slide 2: warning: merged-cells: table "Options" has 4 merged cell(s); split them so each '
        "cell sits under one column header"]


@pytest.mark.parametrize("spelling", ["1", "true"])
def test_cells_merged_across_and_down_are_counted_in_either_spelling(tmp_path: Path, spelling: str) -> None:
    # Across: the first cell spans two columns (gridSpan), the next is merged into it (hMerge); down: the first
    # spans two rows (rowSpan), the one below is merged into it (vMerge). python-pptx writes the flags as "1",
    # other writers as "true". Spans of one cell and flags that are off are not merges.
    def draw(prs):
        frame = _titled(prs, "Compare").shapes.add_table(4, 4, Inches(1), Inches(2), Inches(6), Inches(2))
        frame.name = "Options"
        tbl = frame.table
        tbl.cell(1, 0).merge(tbl.cell(1, 1))
        tbl.cell(2, 2).merge(tbl.cell(3, 2))
        tbl.cell(1, 1)._tc.set("hMerge", spelling)
        tbl.cell(3, 2)._tc.set("vMerge", spelling)
        for (row, col), attr, value in (((0, 0), "gridSpan", "1"), ((0, 1), "rowSpan", "1"),
                                        ((0, 2), "hMerge", "false"), ((0, 3), "vMerge", "0")):
            tbl.cell(row, col)._tc.set(attr, value)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: merged-cells: table "Options" has 4 merged cell(s); split them so each '
        "cell sits under one column header"]


def test_cells_merged_across_only_are_counted(tmp_path: Path) -> None:
    def draw(prs):
        frame = _titled(prs, "Compare").shapes.add_table(3, 3, Inches(1), Inches(2), Inches(6), Inches(2))
        frame.name = "Options"
        frame.table.cell(1, 0).merge(frame.table.cell(1, 2))  # gridSpan="3", then two hMerge="1"

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: merged-cells: table "Options" has 3 merged cell(s); split them so each '
        "cell sits under one column header"]


def test_title_read_after_another_shape(tmp_path: Path) -> None:
    def draw(prs):
        slide = _titled(prs, "Late title", TITLE_AND_CONTENT)
        slide.placeholders[1].text = "Read first"
        slide.placeholders[1].name = "Body"
        tree = slide.shapes._spTree
        tree.append(slide.shapes.title._element)  # the title moves to the end of the reading order

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: title-first: "Body" is read before the title; move the title to the top of the '
        "reading order (Arrange > Selection Pane: it is read bottom-up there)"]


def test_shapes_read_out_of_visual_order(tmp_path: Path) -> None:
    def draw(prs):
        slide = _titled(prs, "Order")
        low = slide.shapes.add_textbox(Inches(1), Inches(5), Inches(4), Inches(1))
        low.name, low.text_frame.text = "Lower", "second on the page"
        high = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        high.name, high.text_frame.text = "Upper", "first on the page"

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: reading-order: "Upper" is above "Lower" but read after it; reorder them in '
        "the Selection Pane"]


def test_a_connector_read_out_of_visual_order_is_named(tmp_path: Path) -> None:
    from pptx.enum.shapes import MSO_CONNECTOR

    def draw(prs):
        slide = _titled(prs, "Line")
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        box.name, box.text_frame.text = "Note", "below the rule"
        rule = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(1), Inches(1.5), Inches(5), Inches(1.5))
        rule.name = "Rule"

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: reading-order: "Rule" is above "Note" but read after it; reorder them in the '
        "Selection Pane"]


def test_a_footer_is_furniture_left_out_of_the_reading_order(tmp_path: Path) -> None:
    # The layout's footer placeholder, copied onto the slide first, sits at the bottom and is read before the
    # note above it: page furniture, as in PowerPoint, so no reading-order warning; its text is still judged.
    def draw(prs):
        slide = _titled(prs, "Furniture")
        footer = next(s for s in prs.slide_layouts[TITLE_ONLY].placeholders if s.placeholder_format.type == 15)
        slide.shapes._spTree.append(copy.deepcopy(footer._element))
        slide.shapes[-1].text_frame.text = "Briefing for the committee"
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        box.name, box.text_frame.text = "Note", "above the footer"

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: Footer Placeholder 3: "Briefing for the committee" (12 pt) is #898989 on '
        "#FFFFFF, contrast 3.50:1, needs 4.5:1; darken the text or lighten the fill (or the reverse)"]


def test_low_contrast_text_on_its_own_fill(tmp_path: Path) -> None:
    def draw(prs):
        box = _titled(prs, "Faint").shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        box.name = "Note"
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = "Pale grey words", Pt(12)
        run.font.color.rgb = RGBColor(0x99, 0x99, 0x99)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: Note: "Pale grey words" (12 pt) is #999999 on #FFFFFF, contrast 2.85:1, '
        "needs 4.5:1; darken the text or lighten the fill (or the reverse)"]


def test_contrast_is_judged_against_the_shape_behind_the_text(tmp_path: Path) -> None:
    # Dark text in a transparent box over a dark band (as a footer over a master's banner): unreadable.
    def draw(prs):
        slide = _titled(prs, "Band")
        band = slide.shapes.add_textbox(0, Inches(6.5), prs.slide_width, Inches(1))
        band.name = "Band"
        band.fill.solid()
        band.fill.fore_color.rgb = RGBColor(0x1F, 0x38, 0x64)
        box = slide.shapes.add_textbox(Inches(1), Inches(6.6), Inches(4), Inches(0.6))
        box.name = "Footer text"
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = "Dark on dark", Pt(18)
        run.font.color.rgb = RGBColor(0x33, 0x33, 0x33)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: Footer text: "Dark on dark" (18 pt) is #333333 on #1F3864, contrast '
        "1.09:1, needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_contrast_uses_the_layout_background_and_theme_colours(tmp_path: Path) -> None:
    # The layout's background is the theme's dark 2 slot; the title keeps the master's colour (text 1, black).
    def draw(prs):
        layout = prs.slide_layouts[TITLE_ONLY]
        csld = layout._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}cSld")
        csld.insert(0, etree.fromstring(
            '<p:bg xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:bgPr><a:solidFill>'
            '<a:schemeClr val="tx2"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'))
        _titled(prs, "Dark slide")

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: Title 1: "Dark slide" (44 pt) is #000000 on #1F497D, contrast 2.31:1, '
        "needs 3:1; darken the text or lighten the fill (or the reverse)"]


MEDIUM_2_ACCENT_3 = "{F5AB1C69-6EDB-4FF4-983F-18BD219EF322}"
THEMED_1_ACCENT_1 = "{3C2FFA5D-87B4-456A-9821-1D502468CF0F}"  # a built-in style briefgen does not model


def _styled_table(prs, style_id: str | None, name: str = "Options"):
    """A 3 x 2 table with a header row and banded rows, no cell fills of its own, in table style ``style_id``."""
    frame = _titled(prs, "Compare").shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2))
    frame.name = name
    tbl = frame.table
    for r, row in enumerate([("Option", "Cost"), ("Deter", "High"), ("Engage", "Low")]):
        for c, text in enumerate(row):
            tbl.cell(r, c).text = text
    if style_id is not None:
        tbl._tbl.tblPr.find(qn("a:tableStyleId")).text = style_id
    return tbl


def test_table_cells_are_judged_against_their_table_styles_fill(tmp_path: Path) -> None:
    # Medium Style 2 - Accent 3: the header row is white bold text on the theme's light green accent 3.
    assert lines(deck(tmp_path, lambda prs: _styled_table(prs, MEDIUM_2_ACCENT_3))) == [
        'deck.pptx: slide 2: contrast: table "Options": "Option" (18 pt bold) is #FFFFFF on #9BBB59, contrast '
        "2.18:1, needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_banded_rows_take_the_band_fill(tmp_path: Path) -> None:
    # Grey text in the first body row, which Banded Rows fills with accent 1 at 40% (#D0D8E8, as PowerPoint
    # draws it): judged on that band, not on the slide.
    def draw(prs):
        tbl = _styled_table(prs, None)
        tbl.cell(1, 1).text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0x88, 0x88, 0x88)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "High" (18 pt) is #888888 on #D0D8E8, contrast 2.48:1, '
        "needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_a_cells_own_fill_wins_over_its_table_style(tmp_path: Path) -> None:
    def draw(prs):
        tbl = _styled_table(prs, MEDIUM_2_ACCENT_3)
        for c in range(2):
            tbl.cell(0, c).fill.solid()
            tbl.cell(0, c).fill.fore_color.rgb = RGBColor(0x1F, 0x38, 0x64)

    assert lines(deck(tmp_path, draw)) == []


def test_a_cell_with_no_fill_shows_what_is_under_the_table(tmp_path: Path) -> None:
    # "No Fill" on the header cells: their white text (the style's) lies on the white slide, not on green.
    def draw(prs):
        tbl = _styled_table(prs, MEDIUM_2_ACCENT_3)
        for c in range(2):
            tbl.cell(0, c).fill.background()

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "Option" (18 pt bold) is #FFFFFF on #FFFFFF, contrast '
        "1.00:1, needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_a_table_style_defined_in_the_deck(tmp_path: Path) -> None:
    # A style of the deck's own ppt/tableStyles.xml: every cell dark grey, the text keeps the theme's black.
    def draw(prs):
        _styled_table(prs, "{11111111-2222-3333-4444-555555555555}")
        part = prs.part.part_related_by(RT.TABLE_STYLES)
        part._blob = (
            '<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"><a:tblStyle styleId="{11111111-2222-3333-4444-555555555555}" '
            'styleName="House dark"><a:wholeTbl><a:tcStyle><a:fill><a:solidFill><a:srgbClr val="404040"/>'
            "</a:solidFill></a:fill></a:tcStyle></a:wholeTbl></a:tblStyle></a:tblStyleLst>").encode()

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "Option" (18 pt) is #000000 on #404040, contrast '
        "2.03:1, needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_a_table_style_briefgen_cannot_read_is_a_warning(tmp_path: Path) -> None:
    assert lines(deck(tmp_path, lambda prs: _styled_table(prs, THEMED_1_ACCENT_1))) == [
        f'deck.pptx: slide 2: warning: table-style: table "Options" uses table style {THEMED_1_ACCENT_1}, which '
        "briefgen cannot read, so the contrast of cells without their own fill is not measured; check them by "
        "eye, or give the cells fills"]


def test_text_over_a_picture_is_a_warning(tmp_path: Path) -> None:
    def draw(prs):
        slide = _titled(prs, "Photo")
        pic = slide.shapes.add_picture(_png(), Inches(1), Inches(2), Inches(6), Inches(4))
        pic.name = "Harbour photo"
        pic._element.nvPicPr.cNvPr.set("descr", "A harbour")
        box = slide.shapes.add_textbox(Inches(2), Inches(3), Inches(4), Inches(1))
        box.name = "Caption"
        box.text_frame.text = "Busan naval base at dawn"

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: text-over-picture: Caption: "Busan naval base at dawn" sits on picture '
        '"Harbour photo", so its contrast cannot be measured; check it by eye, or put the text on a solid fill']


def test_text_in_a_shape_filled_with_a_picture_is_a_warning(tmp_path: Path) -> None:
    def draw(prs):
        slide = _titled(prs, "Photo")
        pic = slide.shapes.add_picture(_png(), Inches(1), Inches(2), Inches(6), Inches(4))
        box = slide.shapes.add_textbox(Inches(2), Inches(3), Inches(4), Inches(1))
        box.name = "Badge"
        box.text_frame.text = "Classified annex"
        fill = copy.deepcopy(pic._element.blipFill)  # the picture's p:blipFill as the shape's a:blipFill
        fill.tag = qn("a:blipFill")
        sp_pr = box._element.spPr
        sp_pr.replace(sp_pr.find(qn("a:noFill")), fill)
        slide.shapes._spTree.remove(pic._element)  # its relationship to the image stays on the slide

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: text-over-picture: Badge: "Classified annex" sits on its own picture fill, '
        "so its contrast cannot be measured; check it by eye, or put the text on a solid fill"]


def test_a_fill_of_a_colour_briefgen_cannot_name_is_no_picture(tmp_path: Path) -> None:
    # A rectangle filled by its style's fill reference in "aliceBlue", a preset colour briefgen has no value
    # for: its fill is unknown, not a picture, so its black text is judged on what is under it (the white
    # slide) and passes, with no warning to look at it by eye.
    def draw(prs):
        box = _titled(prs, "Tinted").shapes.add_shape(1, Inches(1), Inches(2), Inches(4), Inches(1))
        box.name = "Tinted"
        ref = box._element.find(f"{qn('p:style')}/{qn('a:fillRef')}")
        ref.replace(ref[0], etree.fromstring(
            '<a:prstClr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" val="aliceBlue"/>'))
        run = box.text_frame.paragraphs[0].add_run()
        run.text = "Dark words"
        run.font.color.rgb = RGBColor(0, 0, 0)

    assert lines(deck(tmp_path, draw)) == []


def test_text_below_the_floor(tmp_path: Path) -> None:
    def draw(prs):
        box = _titled(prs, "Small print").shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        box.name = "Fine print"
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = "Too small to read", Pt(8)

    assert MIN_TEXT_PT == 10.0
    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: text-size: Fine print: "Too small to read" is 8 pt, below the 10 pt floor; enlarge '
        "it or cut the text so it fits at that size"]


def test_the_smallest_of_several_small_runs_is_named(tmp_path: Path) -> None:
    def draw(prs):
        box = _titled(prs, "Small print").shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        box.name = "Fine print"
        for text, size in (("Nine", 9), ("Eight", 8), ("Nine again", 9)):
            run = box.text_frame.add_paragraph().add_run()
            run.text, run.font.size = text, Pt(size)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: text-size: Fine print: "Eight" is 8 pt, below the 10 pt floor; enlarge it or cut the '
        "text so it fits at that size"]


def test_text_inside_a_group_is_judged(tmp_path: Path) -> None:
    def draw(prs):
        group = _titled(prs, "Grouped").shapes.add_group_shape()
        group.name = "Callout"
        group._element.nvGrpSpPr.cNvPr.set("descr", "A callout")
        box = group.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        box.name = "Inner note"
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = "Small grouped text", Pt(8)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: text-size: Inner note: "Small grouped text" is 8 pt, below the 10 pt floor; enlarge it '
        "or cut the text so it fits at that size"]


def test_empty_placeholder(tmp_path: Path) -> None:
    def draw(prs):
        _titled(prs, "Nothing below", TITLE_AND_CONTENT)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: empty-placeholder: placeholder "Content Placeholder 2" is empty; delete it '
        "or fill it"]


def test_a_placeholder_whose_only_text_is_empty_is_empty(tmp_path: Path) -> None:
    def draw(prs):
        slide = _titled(prs, "Nothing below", TITLE_AND_CONTENT)
        slide.placeholders[1].text_frame.paragraphs[0].add_run().text = ""  # <a:t/>: a run with no text

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: empty-placeholder: placeholder "Content Placeholder 2" is empty; delete it '
        "or fill it"]


def test_link_text_that_does_not_say_where_it_goes(tmp_path: Path) -> None:
    def draw(prs):
        box = _titled(prs, "Links").shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        for text in ("Click here", "The CSIS report", "https://example.org/report"):
            run = box.text_frame.add_paragraph().add_run()
            run.text = text
            run.hyperlink.address = "https://example.org/report"

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: link-text: link text "Click here" does not say where it goes; use the name '
        "of what it opens",
        'deck.pptx: slide 2: warning: link-text: link text "https://example.org/report" does not say where it '
        "goes; use the name of what it opens"]


def test_presentation_title_and_language(tmp_path: Path) -> None:
    assert lines(deck(tmp_path, title="", language="")) == [
        "deck.pptx: document-title: the presentation has no title; set it in File > Info > Properties > Title",
        "deck.pptx: language: the presentation declares no language; set it (docProps/core.xml dc:language, "
        "e.g. en-US)"]


def test_the_shipped_decks_pass(shipped_decks: Path) -> None:
    decks = shipped_outputs(shipped_decks, "pptx")
    assert len(decks) == 3
    for path in decks:
        assert [str(f) for f in check_pptx(path, path.name)] == []


def test_the_shipped_decks_read_title_first_then_top_to_bottom(shipped_decks: Path) -> None:
    prs = Presentation(shipped_outputs(shipped_decks, "pptx")[0])
    for slide in prs.slides:
        shapes = list(slide.shapes)
        assert shapes[0].is_placeholder and shapes[0] == slide.shapes.title
    titles = [s.shapes.title.text for s in prs.slides]
    assert len(titles) == len(set(titles))
    assert prs.core_properties.language == "en-US"


@pytest.mark.parametrize("rule", ["slide-title", "alt-text", "table-header", "title-first", "contrast", "text-size", "fit",
                                  "document-title", "language"])
def test_errors_are_errors(rule: str) -> None:
    from briefgen.write.pptx.check import RULES

    assert RULES.by_id[rule].severity == "error"


def test_a_chart_and_a_group_and_a_picture_inside_it_without_alt_text(tmp_path: Path) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    def draw(prs):
        slide = _titled(prs, "Graphics")
        data = CategoryChartData()
        data.categories = ["a", "b"]
        data.add_series("s", (1, 2))
        chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(3), Inches(2),
                                       data)
        chart.name = "Bars"
        group = slide.shapes.add_group_shape()
        group.name = "Map group"
        pic = group.shapes.add_picture(_png(), Inches(5), Inches(2))
        pic.name = "Inner map"
        pic._element.nvPicPr.cNvPr.set("descr", "")

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: alt-text: chart "Bars" has no alt text; describe what it shows (right-click > View '
        "Alt Text)",
        'deck.pptx: slide 2: alt-text: group "Map group" has no alt text; describe what it shows (right-click > '
        "View Alt Text)",
        'deck.pptx: slide 2: alt-text: picture "Inner map" has no alt text; describe what it shows (right-click > '
        "View Alt Text)"]


def test_shapes_read_before_one_to_their_left_and_long_text_clipped(tmp_path: Path) -> None:
    def draw(prs):
        slide = _titled(prs, "Side by side")
        right = slide.shapes.add_textbox(Inches(5), Inches(2), Inches(3), Inches(1))
        right.name = "Right"
        run = right.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = "A sentence far longer than forty characters in all", Pt(9)
        left = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(1))
        left.name, left.text_frame.text = "Left", "read second"

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: warning: reading-order: "Left" is left of "Right" but read after it; reorder them in '
        "the Selection Pane",
        'deck.pptx: slide 2: text-size: Right: "A sentence far longer than forty charac\u2026" is 9 pt, below the '
        "10 pt floor; enlarge it or cut the text so it fits at that size"]


def test_table_cells_are_judged_once_per_rule_for_the_whole_table(tmp_path: Path) -> None:
    def draw(prs):
        frame = _titled(prs, "Compare").shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(2))
        frame.name = "Options"
        for row in range(2):
            for col in range(2):
                cell = frame.table.cell(row, col)
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                run = cell.text_frame.paragraphs[0].add_run()
                run.text, run.font.size, run.font.bold = f"cell {row}{col}", Pt(8 + row + col), True
                run.font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: text-size: table "Options": "cell 00" is 8 pt, below the 10 pt floor; enlarge it or '
        "cut the text so it fits at that size",
        'deck.pptx: slide 2: contrast: table "Options": "cell 00" (8 pt bold) is #AAAAAA on #FFFFFF, contrast '
        "2.32:1, needs 4.5:1; darken the text or lighten the fill (or the reverse)"]


def test_large_bold_text_needs_three_to_one(tmp_path: Path) -> None:
    def draw(prs):
        box = _titled(prs, "Bold").shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        box.name = "Big"
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        for text, color in (("Fine at 3:1", "888888"), ("Too pale", "AAAAAA")):
            run = box.text_frame.add_paragraph().add_run()
            run.text, run.font.size, run.font.bold = text, Pt(14), True
            run.font.color.rgb = RGBColor.from_string(color)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: Big: "Too pale" (14 pt bold) is #AAAAAA on #FFFFFF, contrast 2.32:1, '
        "needs 3:1; darken the text or lighten the fill (or the reverse)"]


def _deck_table_style(prs, whole_table: str) -> None:
    """Make the deck's ppt/tableStyles.xml hold one style, HOUSE_STYLE, whose whole-table part is ``whole_table``."""
    part = prs.part.part_related_by(RT.TABLE_STYLES)
    part._blob = ('<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                  f'def="{HOUSE_STYLE}"><a:tblStyle styleId="{HOUSE_STYLE}" styleName="House">'
                  f"<a:wholeTbl>{whole_table}</a:wholeTbl></a:tblStyle></a:tblStyleLst>").encode()


HOUSE_STYLE = "{11111111-2222-3333-4444-555555555555}"


def test_a_table_styles_text_colour_applies_to_text_that_is_not_bold(tmp_path: Path) -> None:
    # Pale grey text, not bold, in a style that gives no fill: the style's colour, not the theme's black, is
    # what is read, on what is under the table (the white slide).
    def draw(prs):
        _styled_table(prs, HOUSE_STYLE)
        _deck_table_style(prs, '<a:tcTxStyle><a:srgbClr val="BBBBBB"/></a:tcTxStyle>')

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "Option" (18 pt) is #BBBBBB on #FFFFFF, contrast 1.92:1, '
        "needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_a_table_style_fill_that_refers_to_the_theme(tmp_path: Path) -> None:
    # a:fillRef with a theme colour: the cells are drawn in dark 2 (#1F497D in python-pptx's theme).
    def draw(prs):
        _styled_table(prs, HOUSE_STYLE)
        _deck_table_style(prs, '<a:tcStyle><a:fillRef idx="1"><a:schemeClr val="dk2"/></a:fillRef></a:tcStyle>')

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "Option" (18 pt) is #000000 on #1F497D, contrast 2.31:1, '
        "needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_cells_with_their_own_fills_in_a_style_briefgen_cannot_read_are_judged(tmp_path: Path) -> None:
    # Every cell has its own fill, so the unknown style's fills are never needed: no warning, each cell judged.
    def draw(prs):
        tbl = _styled_table(prs, THEMED_1_ACCENT_1)
        for r in range(3):
            for c in range(2):
                tbl.cell(r, c).fill.solid()
                tbl.cell(r, c).fill.fore_color.rgb = RGBColor(0x1F, 0x38, 0x64)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "Option" (18 pt) is #000000 on #1F3864, contrast 1.81:1, '
        "needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_decorative_is_read_in_both_spellings_and_text_of_forty_characters_is_shown_whole(tmp_path: Path) -> None:
    forty = "Forty characters of text set in 8 pt ok"  # 39 + the full stop below
    assert len(forty + ".") == 40

    def draw(prs):
        slide = _titled(prs, "Pictures")
        for n, val in enumerate(("1", "true")):
            pic = slide.shapes.add_picture(_png(), Inches(1 + 2 * n), Inches(2))
            pic._element.nvPicPr.cNvPr.set("descr", "")
            pic._element.nvPicPr.cNvPr.append(etree.fromstring(
                '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext '
                'uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
                f'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="{val}"/></a:ext>'
                "</a:extLst>"))
        box = slide.shapes.add_textbox(Inches(1), Inches(5), Inches(6), Inches(1))
        box.name = "Note"
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = forty + ".", Pt(8)

    assert lines(deck(tmp_path, draw)) == [
        f'deck.pptx: slide 2: text-size: Note: "{forty}." is 8 pt, below the 10 pt floor; enlarge it or cut the '
        "text so it fits at that size"]


def test_a_shape_drawn_over_a_table_is_not_what_its_cells_lie_on(tmp_path: Path) -> None:
    # "No Fill" header cells: their white text lies on what is under the table (the white slide), whatever is
    # drawn on top of the table afterwards.
    def draw(prs):
        tbl = _styled_table(prs, MEDIUM_2_ACCENT_3)
        for c in range(2):
            tbl.cell(0, c).fill.background()
        slide = prs.slides[-1]
        cover = slide.shapes.add_shape(1, Inches(1), Inches(2), Inches(6), Inches(2))  # a rectangle on top
        cover.name = "Cover"
        cover.fill.solid()
        cover.fill.fore_color.rgb = RGBColor(0x1F, 0x38, 0x64)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "Option" (18 pt bold) is #FFFFFF on #FFFFFF, contrast '
        "1.00:1, needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_table_text_takes_its_size_from_the_presentations_default_text_style(tmp_path: Path) -> None:
    # Cells whose runs set no size: the presentation's default text style says 8 pt.
    def draw(prs):
        _styled_table(prs, None)
        default = prs.part._element.find(qn("p:defaultTextStyle"))
        default.find(qn("a:lvl1pPr")).find(qn("a:defRPr")).set("sz", "800")

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: text-size: table "Options": "Option" is 8 pt, below the 10 pt floor; enlarge it or '
        "cut the text so it fits at that size",
        # and at 8 pt the header's white on accent 1 needs 4.5:1, not the 3:1 of 18 pt bold text
        'deck.pptx: slide 2: contrast: table "Options": "Option" (8 pt bold) is #FFFFFF on #4F81BD, contrast '
        "4.03:1, needs 4.5:1; darken the text or lighten the fill (or the reverse)"]


def test_a_ticked_last_column_is_judged_in_its_own_colours(tmp_path: Path) -> None:
    # Medium Style 2 - Accent 1 with Last Column: "High" and "Low" are white bold on accent 1 (#4F81BD), enough
    # for 18 pt but not at 12 pt. The header row has its own dark fill; the cell before "High" has no text body
    # (as a hand-written table may): it is passed over without ending its row.
    def draw(prs):
        tbl = _styled_table(prs, "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}")
        tbl.last_col = True
        for c in range(2):
            tbl.cell(0, c).fill.solid()
            tbl.cell(0, c).fill.fore_color.rgb = RGBColor(0x1F, 0x38, 0x64)
        for r in (1, 2):
            for run in tbl.cell(r, 1).text_frame.paragraphs[0].runs:
                run.font.size = Pt(12)
        tc = tbl.cell(1, 0)._tc
        tc.remove(tc.find(qn("a:txBody")))

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "High" (12 pt bold) is #FFFFFF on #4F81BD, contrast '
        "4.03:1, needs 4.5:1; darken the text or lighten the fill (or the reverse)"]


def test_a_cell_with_its_own_fill_after_one_in_an_unknown_style_is_judged(tmp_path: Path) -> None:
    # "Option" has no fill of its own in a style briefgen cannot read (not judged, a warning); "Cost" beside it
    # has its own dark fill, so its black text is judged.
    def draw(prs):
        tbl = _styled_table(prs, THEMED_1_ACCENT_1)
        tbl.cell(0, 1).fill.solid()
        tbl.cell(0, 1).fill.fore_color.rgb = RGBColor(0x1F, 0x38, 0x64)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "Cost" (18 pt) is #000000 on #1F3864, contrast 1.81:1, '
        "needs 3:1; darken the text or lighten the fill (or the reverse)",
        f'deck.pptx: slide 2: warning: table-style: table "Options" uses table style {THEMED_1_ACCENT_1}, which '
        "briefgen cannot read, so the contrast of cells without their own fill is not measured; check them by "
        "eye, or give the cells fills"]


def test_graphic_frames_without_graphic_data_or_its_kind_need_no_alt_text(tmp_path: Path) -> None:
    # Hand-edited frames: one whose graphic data was removed, one whose data does not say what it is.
    def draw(prs):
        slide = _titled(prs, "Frames")
        for n, edit in enumerate(("drop", "no uri")):
            frame = slide.shapes.add_table(2, 2, Inches(1), Inches(2 + 2 * n), Inches(4), Inches(1))
            data = frame._element.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
            data.remove(data.find(qn("a:tbl")))
            if edit == "drop":
                data.getparent().remove(data)
            else:
                del data.attrib["uri"]

    assert lines(deck(tmp_path, draw)) == []


def test_a_smartart_diagram_without_alt_text(tmp_path: Path) -> None:
    def draw(prs):
        frame = _titled(prs, "Process").shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1))
        frame.name = "Process diagram"
        data = frame._element.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
        data.remove(data.find(qn("a:tbl")))
        data.set("uri", "http://schemas.openxmlformats.org/drawingml/2006/diagram")

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: alt-text: diagram (SmartArt) "Process diagram" has no alt text; describe what it '
        "shows (right-click > View Alt Text)"]


def _theme_text(prs) -> tuple:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    return part, part.blob.decode("utf-8")


def test_text_is_measured_in_the_themes_fonts(tmp_path: Path) -> None:
    # The theme's body font is not installed: the fit rule says what it measured with.
    from pptx.enum.text import MSO_AUTO_SIZE

    def draw(prs):
        part, xml = _theme_text(prs)
        part._blob = xml.replace('<a:latin typeface="Calibri"/>', '<a:latin typeface="Briefgen Missing Sans"/>').encode()
        box = _titled(prs, "Note").shapes.add_textbox(Inches(1), Inches(2), Inches(2), Inches(0.5))
        box.name = "Note"
        box.text_frame.word_wrap = False
        box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        box.text_frame.text = "Trilateral hotline opened"

    assert [line for line in lines(deck(tmp_path, draw)) if ": fit: " in line] == [
        'deck.pptx: slide 2: fit: "Note": "Trilateral hotline opened" is 219 pt wide and its box has 130 pt '
        "(wrapping is off) (measured with DejaVu Sans: Briefgen Missing Sans and its metric-compatible twins are not "
        "installed); shorten it, widen the box or turn on Wrap text in shape"]


def test_a_deck_whose_theme_cannot_be_read_is_still_checked(tmp_path: Path) -> None:
    def draw(prs):
        part, _ = _theme_text(prs)
        part._blob = b"<a:theme"
        _titled(prs, "Risks")
        _titled(prs, "risks")

    assert lines(deck(tmp_path, draw)) == [
        "deck.pptx: slide 3: warning: unique-title: title \"risks\" is also slide 2's; make each title unique"]


def test_a_theme_colour_that_is_no_colour_leaves_the_others_known(tmp_path: Path) -> None:
    # Light 2 (before the accents in the colour scheme) is not a hex colour: it is skipped, and accent 3 still
    # gives the header row of Medium Style 2 - Accent 3 its fill.
    def draw(prs):
        part, xml = _theme_text(prs)
        part._blob = xml.replace('<a:srgbClr val="EEECE1"/>', '<a:srgbClr val="not a colour"/>').encode()
        _styled_table(prs, MEDIUM_2_ACCENT_3)

    assert lines(deck(tmp_path, draw)) == [
        'deck.pptx: slide 2: contrast: table "Options": "Option" (18 pt bold) is #FFFFFF on #9BBB59, contrast '
        "2.18:1, needs 3:1; darken the text or lighten the fill (or the reverse)"]


def test_a_slide_without_a_shape_tree_has_no_title(tmp_path: Path) -> None:
    # A hand-edited slide that lost its p:spTree: checked like an empty slide, not a crash.
    def draw(prs):
        csld = _titled(prs, "Lost")._element.find(qn("p:cSld"))
        csld.remove(csld.find(qn("p:spTree")))

    assert lines(deck(tmp_path, draw)) == [
        "deck.pptx: slide 2: slide-title: no title placeholder with text; give the slide a title (it may sit off "
        "the slide if hidden)"]
