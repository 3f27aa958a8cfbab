"""Which table style a table is drawn in, and what it gives each cell: fills of the header row, bands and
first column, text colour and weight, as the table's Table Style Options turn them on."""
from __future__ import annotations

from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from briefgen.write.pptx.table_look import MEDIUM_STYLE_2, NO_STYLE, builtin_style, cell_style, table_style

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


def options(tbl, **flags: str):
    """``tbl`` with its Table Style Options (``firstRow``, ``bandCol`` ...) set as given ("0" turns one off)."""
    for name, value in flags.items():
        tbl.tblPr.set(name, value)
    return tbl


def test_last_row_and_last_column_are_drawn_like_the_header() -> None:
    tbl = options(table(rows=4, cols=3), lastRow="1", lastCol="true")
    assert look(tbl, 3, 0) == (("accent1", None), "lt1", True)  # the last row: not a band
    assert look(tbl, 1, 2) == (("accent1", None), "lt1", True)  # the last column
    assert look(tbl, 1, 1) == (("accent1", "40000"), "dk1", False)
    assert look(tbl, 2, 1) == (("accent1", "20000"), "dk1", False)


def test_banded_columns_count_from_the_first_column_after_a_ticked_first_column() -> None:
    plain = options(table(rows=3, cols=4), bandRow="0", bandCol="on")
    assert [look(plain, 1, c)[0] for c in range(4)] == [
        ("accent1", "40000"), ("accent1", "20000"), ("accent1", "40000"), ("accent1", "20000")]
    after_first = options(table(rows=3, cols=4, first_col=True), bandRow="0", bandCol="1")
    assert [look(after_first, 1, c)[0] for c in range(4)] == [
        ("accent1", None), ("accent1", "40000"), ("accent1", "20000"), ("accent1", "40000")]


def test_without_a_header_row_the_first_row_is_the_first_band() -> None:
    tbl = options(table(rows=3, cols=2), firstRow="0")
    assert [look(tbl, r, 0) for r in range(3)] == [
        (("accent1", "40000"), "dk1", False), (("accent1", "20000"), "dk1", False),
        (("accent1", "40000"), "dk1", False)]


def test_the_two_no_style_styles_fill_nothing_and_keep_the_text_colour() -> None:
    for style_id in NO_STYLE:
        style = builtin_style(style_id.lower())
        assert style.get("styleId") == style_id
        cs = cell_style(style, table(style_id=style_id), 0, 0)
        assert [etree.QName(c).localname for c in cs.fill] == ["noFill"]
        assert (cs.text_color.get("val"), cs.bold) == ("tx1", False)


DECK_STYLE = "{11111111-2222-3333-4444-55555555AAAA}"


def deck_styles(parts: str, default: str = ACCENT_1):
    """A deck's ``ppt/tableStyles.xml`` root holding one style, ``DECK_STYLE``, made of ``parts``."""
    return etree.fromstring(f'<a:tblStyleLst xmlns:a="{_A[1:-1]}" def="{default}"><a:tblStyle '
                            f'styleId="{DECK_STYLE}" styleName="House">{parts}</a:tblStyle></a:tblStyleLst>')


def test_a_style_of_the_deck_is_found_whatever_the_case_of_its_id() -> None:
    styles = deck_styles('<a:wholeTbl><a:tcStyle><a:fillRef idx="2"/></a:tcStyle></a:wholeTbl>')
    style_id, style = table_style(table(style_id=DECK_STYLE.lower()), styles)
    assert (style_id, style) == (DECK_STYLE.lower(), styles[0])
    cs = cell_style(style, table(), 2, 1)
    assert (etree.QName(cs.fill).localname, cs.fill.get("idx"), cs.text_color, cs.bold) == ("fillRef", "2",
                                                                                            None, False)


def test_the_decks_default_style_when_the_table_names_none() -> None:
    styles = deck_styles("<a:wholeTbl/>", default=DECK_STYLE)
    assert table_style(table(style_id=None), styles) == (DECK_STYLE, styles[0])
    assert table_style(table(style_id=None), None) == ("", None)
    empty_id = table(style_id=ACCENT_1)
    empty_id.tblPr.find(f"{_A}tableStyleId").text = None
    assert table_style(empty_id, None) == ("", None)


def test_a_table_style_written_inside_the_table_wins() -> None:
    tbl = table(style_id=ACCENT_1)
    inline = etree.SubElement(tbl.tblPr, f"{_A}tableStyle", styleId="{INLINE}")
    etree.SubElement(etree.SubElement(etree.SubElement(inline, f"{_A}wholeTbl"), f"{_A}tcTxStyle"),
                     f"{_A}srgbClr", val="123456")
    assert table_style(tbl, None) == ("{INLINE}", inline)
    assert cell_style(inline, tbl, 1, 1).text_color.get("val") == "123456"


def test_later_parts_override_earlier_ones_only_in_what_they_set() -> None:
    # The whole table: bold dark text on a grey fill; the header row: not bold, its own fill, no colour of its own.
    style = deck_styles(
        '<a:wholeTbl><a:tcTxStyle b="on"><a:prstClr val="black"/></a:tcTxStyle><a:tcStyle><a:fill><a:solidFill>'
        '<a:srgbClr val="DDDDDD"/></a:solidFill></a:fill></a:tcStyle></a:wholeTbl>'
        '<a:band1H><a:tcStyle><a:tcBdr/></a:tcStyle></a:band1H>'
        '<a:firstRow><a:tcTxStyle b="off"><a:font/></a:tcTxStyle><a:tcStyle><a:fill><a:solidFill>'
        '<a:srgbClr val="222222"/></a:solidFill></a:fill></a:tcStyle></a:firstRow>')[0]
    tbl = table()

    def seen(row: int) -> tuple:
        cs = cell_style(style, tbl, row, 0)
        return cs.fill.find(f".//{_A}srgbClr").get("val"), cs.text_color.get("val"), cs.bold

    assert seen(0) == ("222222", "black", False)
    assert seen(1) == ("DDDDDD", "black", True)  # band 1 sets borders only: the table's fill stays


def test_banded_columns_of_a_decks_own_style_and_a_first_column_that_only_colours_its_text() -> None:
    # Both bands have fills; the first column sets only its text colour, so the whole table's fill shows there.
    fill = '<a:tcStyle><a:fill><a:solidFill><a:srgbClr val="{}"/></a:solidFill></a:fill></a:tcStyle>'
    style = deck_styles(f'<a:wholeTbl>{fill.format("AAAAAA")}</a:wholeTbl><a:band1V>{fill.format("111111")}'
                        f'</a:band1V><a:band2V>{fill.format("222222")}</a:band2V><a:firstCol><a:tcTxStyle>'
                        '<a:srgbClr val="FF0000"/></a:tcTxStyle></a:firstCol>')[0]
    tbl = options(table(rows=3, cols=4, first_col=True), firstRow="0", bandRow="0", bandCol="1")

    def seen(col: int) -> tuple:
        cs = cell_style(style, tbl, 1, col)
        return cs.fill.find(f".//{_A}srgbClr").get("val"), cs.text_color.get("val") if cs.text_color is not None else None

    assert [seen(c) for c in range(4)] == [("AAAAAA", "FF0000"), ("111111", None), ("222222", None), ("111111", None)]


def test_a_part_that_sets_a_colour_but_not_the_weight_keeps_the_weight_below_it() -> None:
    style = deck_styles('<a:wholeTbl><a:tcTxStyle b="on"><a:srgbClr val="000000"/></a:tcTxStyle></a:wholeTbl>'
                        '<a:band1H><a:tcTxStyle><a:srgbClr val="333333"/></a:tcTxStyle></a:band1H>')[0]
    cs = cell_style(style, options(table(), firstRow="0"), 0, 0)
    assert (cs.text_color.get("val"), cs.bold) == ("333333", True)


def test_built_in_styles_carry_their_id() -> None:
    assert builtin_style(ACCENT_1.lower()).get("styleId") == ACCENT_1


def test_tables_written_by_hand_without_properties_grid_or_style_names() -> None:
    # No a:tblPr: no style named, the deck's default (or none); no a:tblGrid: no column is the last.
    bare = table(style_id=ACCENT_1)
    bare.remove(bare.tblPr)
    assert table_style(bare, None) == ("", None)
    assert table_style(bare, deck_styles("<a:wholeTbl/>", default=DECK_STYLE))[0] == DECK_STYLE
    gridless = options(table(rows=2, cols=2), firstRow="0", bandRow="0", lastCol="1")
    gridless.remove(gridless.find(f"{_A}tblGrid"))
    assert [look(gridless, 1, c) for c in (0, 1)] == [(("accent1", "20000"), "dk1", False)] * 2
    # an inline style without an id; a deck with no default style; a deck style without an id is passed over
    named_none = table(style_id=None)
    inline = etree.SubElement(named_none.tblPr, f"{_A}tableStyle")
    assert table_style(named_none, None) == ("", inline)
    no_default = etree.fromstring(f'<a:tblStyleLst xmlns:a="{_A[1:-1]}"><a:tblStyle styleId="{DECK_STYLE}"/>'
                                  '</a:tblStyleLst>')
    assert table_style(table(style_id=None), no_default) == ("", None)
    nameless_first = etree.fromstring(f'<a:tblStyleLst xmlns:a="{_A[1:-1]}" def="{ACCENT_1}"><a:tblStyle/>'
                                      f'<a:tblStyle styleId="{DECK_STYLE}"/></a:tblStyleLst>')
    assert table_style(table(style_id=DECK_STYLE), nameless_first) == (DECK_STYLE, nameless_first[1])


def test_banded_rows_of_a_decks_own_style_and_a_header_row_that_only_colours_its_text() -> None:
    fill = '<a:tcStyle><a:fill><a:solidFill><a:srgbClr val="{}"/></a:solidFill></a:fill></a:tcStyle>'
    style = deck_styles(f'<a:wholeTbl>{fill.format("AAAAAA")}</a:wholeTbl><a:band1H>{fill.format("111111")}'
                        f'</a:band1H><a:band2H>{fill.format("222222")}</a:band2H><a:firstRow><a:tcTxStyle>'
                        '<a:srgbClr val="FF0000"/></a:tcTxStyle></a:firstRow>')[0]
    tbl = table(rows=4, cols=2)  # header row and banded rows on

    def seen(row: int) -> tuple:
        cs = cell_style(style, tbl, row, 0)
        return cs.fill.find(f".//{_A}srgbClr").get("val"), cs.text_color.get("val") if cs.text_color is not None else None

    assert [seen(r) for r in range(4)] == [("AAAAAA", "FF0000"), ("111111", None), ("222222", None), ("111111", None)]
