"""Which table style a table is drawn in, and what it gives each cell: fills of the header row, bands and
first column, text colour and weight, as the table's Table Style Options turn them on."""
from __future__ import annotations

from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from briefgen.write.pptx.table_look import MEDIUM_STYLE_2, builtin_style, cell_style, table_style

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
ACCENT_1 = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"


def table(rows: int = 4, cols: int = 3, *, first_col: bool = False, style_id: str | None = ACCENT_1):
    """A python-pptx table's ``a:tbl`` (header row and banded rows on, as python-pptx makes them)."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = slide.shapes.add_table(rows, cols, Inches(1), Inches(1), Inches(6), Inches(3))
    frame.table.first_col = first_col
    tbl = frame.table._tbl
    id_el = tbl.tblPr.find(f"{_A}tableStyleId")
    if style_id is None:
        tbl.tblPr.remove(id_el)
    else:
        id_el.text = style_id
    return tbl


def look(tbl, row: int, col: int) -> tuple:
    """(the fill's colour slot and tint, the text colour slot, bold) a cell gets from its style."""
    _, style = table_style(tbl, None)
    cs = cell_style(style, tbl, row, col)
    clr = cs.fill.find(f".//{_A}schemeClr")
    tint = clr.find(f"{_A}tint")
    return ((clr.get("val"), tint.get("val") if tint is not None else None),
            cs.text_color.get("val") if cs.text_color is not None else None, cs.bold)


def test_header_row_then_alternating_bands() -> None:
    tbl = table()
    assert look(tbl, 0, 1) == (("accent1", None), "lt1", True)
    assert look(tbl, 1, 1) == (("accent1", "40000"), "dk1", False)  # band 1: the first row under the header
    assert look(tbl, 2, 1) == (("accent1", "20000"), "dk1", False)  # band 2 has no fill of its own: the table's
    assert look(tbl, 3, 1) == (("accent1", "40000"), "dk1", False)


def test_first_column_when_it_is_ticked() -> None:
    assert look(table(first_col=True), 2, 0) == (("accent1", None), "lt1", True)
    assert look(table(first_col=False), 2, 0) == (("accent1", "20000"), "dk1", False)


def test_every_medium_style_2_accent_and_the_decks_default_style() -> None:
    for style_id, slot in MEDIUM_STYLE_2.items():
        assert look(table(style_id=style_id.lower()), 0, 0)[0] == (slot, None)
    styles = etree.fromstring(f'<a:tblStyleLst xmlns:a="{_A[1:-1]}" def="{ACCENT_1}"/>')
    assert table_style(table(style_id=None), styles)[0] == ACCENT_1


def test_a_style_briefgen_does_not_know() -> None:
    assert builtin_style("{3C2FFA5D-87B4-456A-9821-1D502468CF0F}") is None
    assert table_style(table(style_id="{3C2FFA5D-87B4-456A-9821-1D502468CF0F}"), None) == (
        "{3C2FFA5D-87B4-456A-9821-1D502468CF0F}", None)
