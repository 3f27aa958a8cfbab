"""How a table cell looks under its table style, for the contrast rule.

A cell without a fill of its own shows its table style's fill, and text without a colour of its own takes
the style's text colour.  The style is the table's ``a:tableStyleId`` (else the deck's default in
``ppt/tableStyles.xml``); its definition is read from ``ppt/tableStyles.xml`` or, for PowerPoint's
built-in styles that decks name without defining, taken from the ones briefgen knows: the Medium Style 2
family (PowerPoint's and python-pptx's default, in each accent) and the two "No Style" styles.  The parts
of a style apply in PowerPoint's order: the whole table, banded columns, banded rows, first and last
column, first and last row, as the table's Header Row, Banded Rows ... settings turn them on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen.write.pptx.appearance import q

MEDIUM_STYLE_2 = {  # PowerPoint's built-in Medium Style 2 family: style id -> the colour slot it is drawn in
    "{073A0DAA-6AF3-43AB-8588-CEC1D06C72B9}": "dk1",
    "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}": "accent1",
    "{21E4AEA4-8DFA-4A89-87EB-49C32662AFE8}": "accent2",
    "{F5AB1C69-6EDB-4FF4-983F-18BD219EF322}": "accent3",
    "{00A15C55-8517-42AA-B614-E9B94910E393}": "accent4",
    "{7DF18680-E054-41AD-8BC1-D1AEF772440D}": "accent5",
    "{93296810-A885-4BE3-A3E7-6D5BEEA58F35}": "accent6",
}
NO_STYLE = ("{2D5ABB26-0587-4C30-8999-92F81FD0307C}", "{5940675A-B579-460E-94D1-54222C63F5DA}")  # no grid, grid

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MEDIUM_2 = """<a:tblStyle xmlns:a="{a}" styleId="{id}">
<a:wholeTbl><a:tcTxStyle><a:schemeClr val="dk1"/></a:tcTxStyle>
  <a:tcStyle><a:fill><a:solidFill><a:schemeClr val="{c}"><a:tint val="20000"/></a:schemeClr></a:solidFill></a:fill></a:tcStyle></a:wholeTbl>
<a:band1H><a:tcStyle><a:fill><a:solidFill><a:schemeClr val="{c}"><a:tint val="40000"/></a:schemeClr></a:solidFill></a:fill></a:tcStyle></a:band1H>
<a:band1V><a:tcStyle><a:fill><a:solidFill><a:schemeClr val="{c}"><a:tint val="40000"/></a:schemeClr></a:solidFill></a:fill></a:tcStyle></a:band1V>
{edges}</a:tblStyle>"""
_EDGE = ('<a:{part}><a:tcTxStyle b="on"><a:schemeClr val="lt1"/></a:tcTxStyle><a:tcStyle><a:fill><a:solidFill>'
         '<a:schemeClr val="{c}"/></a:solidFill></a:fill></a:tcStyle></a:{part}>')
_PLAIN = ('<a:tblStyle xmlns:a="{a}" styleId="{id}"><a:wholeTbl><a:tcTxStyle><a:schemeClr val="tx1"/></a:tcTxStyle>'
          '<a:tcStyle><a:fill><a:noFill/></a:fill></a:tcStyle></a:wholeTbl></a:tblStyle>')
_ON = ("1", "true", "on")


@dataclass(frozen=True)
class CellStyle:
    """What a table style gives one cell: its fill's element (``a:fill`` / ``a:fillRef``; None: none), its
    text colour's element (None: none) and whether its text is bold."""

    fill: Any | None
    text_color: Any | None
    bold: bool


def builtin_style(style_id: str) -> Any | None:
    """The definition (``a:tblStyle``) of a built-in table style briefgen knows, None for another id."""
    from lxml import etree

    key = style_id.upper()
    if key in MEDIUM_STYLE_2:
        c = MEDIUM_STYLE_2[key]
        edges = "".join(_EDGE.format(part=p, c=c) for p in ("lastCol", "firstCol", "lastRow", "firstRow"))
        return etree.fromstring(_MEDIUM_2.format(a=_A, id=key, c=c, edges=edges))
    if key in NO_STYLE:
        return etree.fromstring(_PLAIN.format(a=_A, id=key))
    return None


def table_style(tbl: Any, table_styles: Any | None) -> tuple[str, Any | None]:
    """The id of the style table ``tbl`` (``a:tbl``) is drawn in, and its definition (None when neither the
    deck's ``ppt/tableStyles.xml`` (``table_styles``, its root) nor briefgen knows it)."""
    pr = tbl.find(q("a:tblPr"))
    inline = pr.find(q("a:tableStyle")) if pr is not None else None
    if inline is not None:
        return inline.get("styleId", ""), inline
    el = pr.find(q("a:tableStyleId")) if pr is not None else None
    style_id = (el.text or "").strip() if el is not None else ""
    if not style_id and table_styles is not None:
        style_id = table_styles.get("def", "")
    for style in table_styles.iter(q("a:tblStyle")) if table_styles is not None else ():
        if style.get("styleId", "").upper() == style_id.upper():
            return style_id, style
    return style_id, builtin_style(style_id) if style_id else None


def cell_style(style: Any, tbl: Any, row: int, col: int) -> CellStyle:
    """What ``style`` gives the cell at ``row``, ``col`` of table ``tbl``, its parts applied in order."""
    fill = text = None
    bold = False
    for name in _parts(tbl, row, col):
        part = style.find(q(f"a:{name}"))
        if part is None:
            continue
        tc_style = part.find(q("a:tcStyle"))
        if tc_style is not None:
            found = tc_style.find(q("a:fill"))
            found = found if found is not None else tc_style.find(q("a:fillRef"))
            fill = found if found is not None else fill
        tx = part.find(q("a:tcTxStyle"))
        if tx is not None:
            colour = next((c for c in tx if c.tag.split("}")[1] in _COLOUR_TAGS), None)
            text = colour if colour is not None else text
            bold = tx.get("b") in _ON if tx.get("b") is not None else bold
    return CellStyle(fill, text, bold)


_COLOUR_TAGS = ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")


def _parts(tbl: Any, row: int, col: int) -> list[str]:
    """The style parts that apply to a cell, lowest first (the table's Table Style Options decide which)."""
    pr = tbl.find(q("a:tblPr"))
    on = {k: pr is not None and pr.get(k) in _ON for k in ("firstRow", "lastRow", "firstCol", "lastCol",
                                                           "bandRow", "bandCol")}
    rows = len(tbl.findall(q("a:tr")))
    grid = tbl.find(q("a:tblGrid"))
    cols = len(grid.findall(q("a:gridCol"))) if grid is not None else 0
    header, footer = on["firstRow"] and row == 0, on["lastRow"] and row == rows - 1
    first, last = on["firstCol"] and col == 0, on["lastCol"] and col == cols - 1
    parts = ["wholeTbl"]
    if on["bandCol"] and not (first or last):
        parts.append("band1V" if (col - on["firstCol"]) % 2 == 0 else "band2V")
    if on["bandRow"] and not (header or footer):
        parts.append("band1H" if (row - on["firstRow"]) % 2 == 0 else "band2H")
    parts += [name for name, hit in (("firstCol", first), ("lastCol", last), ("lastRow", footer),
                                     ("firstRow", header)) if hit]
    return parts
