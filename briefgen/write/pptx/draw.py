"""Draw deck-model slides onto python-pptx slides.

Fills a layout's placeholders by role (title, subtitle, body, right column,
kicker, caption) -- body text a layout has no placeholder for goes in a text
box -- has the slide's chart drawn in its box (natively, by :mod:`briefgen.write.pptx.charts`, or as a
picture with alt text), places native tables in their boxes,
an item's picture (alt text, caption below) in the right column, copies the
layout's footer and slide number, adds the classification banners and the
speaker notes.  Sizes come from :mod:`briefgen.render.deck.styles`, the same rules
pagination measured with.
"""
from __future__ import annotations

import copy
import io
import re
from typing import Any, Callable, Mapping

from lxml import etree

from briefgen.render.deck.fit import Box, TextMeasurer
from briefgen.render.deck.model import Bullet, Slide, TableSpec, ref_label
from briefgen.render.deck.paginate import table_row_heights
from briefgen.render.deck.picture import caption_height, caption_paras, picture_frames
from briefgen.render.deck.styles import CELL_MARGIN_X, CELL_MARGIN_Y, para_style, table_size
from briefgen.write.pptx.appearance import TITLE_TYPES, Rect, reading_sequence
from briefgen.write.pptx.elements import paragraph_xml, shape_tree, slide_id_list, table_xml, text_body, xml_of
from briefgen.write.pptx.master import EMU_PER_PT, Role
from briefgen.write.registry import LANGUAGE

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
BANNER_HEIGHT_PT = 20.0  # 0.28 in: the master keeps 0.3 in free at top and bottom
BANNER_SIZE_PT = 10.0
# Conventional banner colours by marking (checked in this order); anything else is drawn in slate.
BANNER_COLORS = (("TOP SECRET", "FF8C00", "000000"), ("SECRET", "C8102E", "FFFFFF"),
                 ("CONFIDENTIAL", "0033A0", "FFFFFF"), ("CUI", "502B85", "FFFFFF"),
                 ("CONTROLLED", "502B85", "FFFFFF"), ("UNCLASSIFIED", "007A33", "FFFFFF"))
DEFAULT_BANNER = ("5B6B7F", "FFFFFF")

# Theme colour slots for styled paragraphs (schemeClr values).
SHORT_CELL = 24  # characters: columns whose values are all this short are centred
STYLE_COLORS = {"lead": "tx2", "heading": "accent2", "meta": "accent4"}
REF_COLOR = "accent4"


def emu(points: float) -> int:
    """Points to EMU."""
    return int(round(points * EMU_PER_PT))


def _el(tag: str, **attrs: str) -> Any:
    ns, name = tag.split(":")
    return etree.Element(f"{{{_A if ns == 'a' else _P}}}{name}", **attrs)


def _scheme_fill(parent: Any, value: str) -> None:
    fill = etree.SubElement(parent, f"{{{_A}}}solidFill")
    etree.SubElement(fill, f"{{{_A}}}schemeClr", val=value)


def _run(paragraph: Any, text: str, size: float | None, bold: bool | None = None, color: str | None = None) -> None:
    r = paragraph_xml(paragraph).add_r()
    r.text = text
    rpr = r.get_or_add_rPr()
    rpr.set("lang", LANGUAGE)
    if size is not None:
        rpr.set("sz", str(int(round(size * 100))))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    if color:
        _scheme_fill(rpr, color)


def _set_ppr(paragraph: Any, *, margin: float | None = None, before: float | None = None,
             after: float | None = None, bullet: str | None = None) -> None:
    """Write paragraph properties in schema order: spcBef, spcAft, then the bullet."""
    ppr = paragraph_xml(paragraph).get_or_add_pPr()
    for child in list(ppr):
        ppr.remove(child)
    if margin is not None:
        ppr.set("marL", str(emu(margin)))
        ppr.set("indent", "0")
    if before is not None:
        sb = etree.SubElement(ppr, f"{{{_A}}}spcBef")
        etree.SubElement(sb, f"{{{_A}}}spcPts", val=str(int(round(before * 100))))
    if after is not None:
        sa = etree.SubElement(ppr, f"{{{_A}}}spcAft")
        etree.SubElement(sa, f"{{{_A}}}spcPts", val=str(int(round(after * 100))))
    if bullet == "none":
        etree.SubElement(ppr, f"{{{_A}}}buNone")
    elif bullet == "number":
        etree.SubElement(ppr, f"{{{_A}}}buAutoNum", type="arabicPeriod")


def fill_paragraphs(text_frame: Any, bullets: tuple, box: Box, scale: float) -> None:
    """Replace the text frame's content with ``bullets`` drawn in ``box``'s styles at ``scale``."""
    text_frame.clear()
    for n, b in enumerate(bullets):
        p = text_frame.paragraphs[0] if n == 0 else text_frame.add_paragraph()
        p.level = b.level
        st = para_style(b, box, scale)
        if b.style in ("lead", "meta", "heading", "plain"):
            _set_ppr(p, margin=st.margin, before=st.space_before, after=st.space_after or None, bullet="none")
        elif b.style == "number":
            _set_ppr(p, bullet="number")
        bold = True if b.style in ("lead", "heading") else None
        _run(p, b.text, st.size, bold, STYLE_COLORS.get(b.style))
        if b.refs:
            _run(p, " " + ref_label(b.refs), st.size, False, REF_COLOR)


def fill_line(text_frame: Any, text: str, box: Box, scale: float) -> None:
    """A single plain line (title, subtitle, kicker, caption) at the box's size times ``scale``."""
    text_frame.clear()
    p = text_frame.paragraphs[0]
    size = box.level(0).size * scale if scale != 1.0 else None
    _run(p, text, size)


class NewSlides:
    """Adds slides to one presentation as ``prs.slides.add_slide(layout)`` does, but cheaper.

    python-pptx clones the layout's placeholders onto every new slide through its object model; the result
    depends on the layout alone, so the first slide of each layout is made by python-pptx and later ones get
    copies of the placeholders it cloned."""

    def __init__(self, prs: Any):
        self._prs = prs
        self._cloned: dict[int, tuple[Any, list]] = {}  # id(layout XML) -> (that XML, the placeholders cloned)

    def add(self, layout: Any) -> Any:
        """A new slide on ``layout``, at the end of the deck."""
        key = id(xml_of(layout))
        if key not in self._cloned:
            pslide = self._prs.slides.add_slide(layout)
            cloned = [copy.deepcopy(el) for el in shape_tree(pslide.shapes).iter_shape_elms()]
            self._cloned[key] = (xml_of(layout), cloned)  # the layout XML is kept so its id is not reused
            return pslide
        r_id, pslide = self._prs.part.add_slide(layout)
        tree = shape_tree(pslide.shapes)
        for el in self._cloned[key][1]:
            tree.insert_element_before(copy.deepcopy(el), "p:extLst")
        slide_id_list(self._prs.slides).add_sldId(r_id)
        return pslide


def draw_slide(pslide: Any, slide: Slide, roles: Mapping[str, Role], *,
               chart: Callable[[Any, Role, Slide], None] | None, measure: Callable[[str], TextMeasurer],
               image: Callable[[str], tuple] | None = None) -> dict[str, list]:
    """Fill ``pslide`` (made from the slide's layout) with ``slide``'s content; unused placeholders are removed.
    Returns the shapes drawn (their XML) per role: title, subtitle, kicker, caption, body, right, chart (every
    shape the chart drawing added), picture (the picture and its caption), table.

    ``chart(pslide, role, slide)`` draws the slide's chart in the role's box (natively or as a picture, after
    the title in reading order); ``image(item id)`` gives an item picture's (bytes, alt text, shape name,
    width px, height px), drawn in the right column with the caption below."""
    pictured = slide.image is not None and image is not None and "right" in roles
    used: set[int] = set()
    drawn: dict[str, list] = {}
    # Read once: each placeholder lookup through python-pptx walks the shape tree again.
    placeholders = [(ph.placeholder_format.idx, ph) for ph in pslide.placeholders]

    def text_role(role: str) -> Any | None:
        r = roles.get(role)
        if r is None or r.idx is None:
            return None
        ph = next((ph for idx, ph in placeholders if idx == r.idx), None)
        if ph is not None:
            used.add(r.idx)
            if ph.top is not None and abs(ph.top - emu(r.top)) > EMU_PER_PT:  # the roles moved it (see master)
                ph.left, ph.top, ph.width, ph.height = ph.left, emu(r.top), ph.width, ph.height
            drawn[role] = [xml_of(ph)]
        return ph

    if slide.title:
        ph = text_role("title")
        if ph is not None:
            fill_line(ph.text_frame, slide.title, roles["title"].box, slide.scale("title"))
    for role in ("subtitle", "kicker", "caption"):
        text = getattr(slide, role)
        if text and not (role == "caption" and pictured):
            ph = text_role(role)
            if ph is not None:
                fill_paragraphs(ph.text_frame, (Bullet(text=text, style="plain"),), roles[role].box,
                                slide.scale(role))
    for role in ("body", "right"):
        bullets = getattr(slide, role)
        if bullets:
            ph = text_role(role)
            if ph is not None:
                fill_paragraphs(ph.text_frame, bullets, roles[role].box, slide.scale(role))
            elif role in roles and roles[role].idx is None:  # the layout has no placeholder for it
                drawn[role] = [_add_text_box(pslide, roles[role], bullets, slide.scale(role))]
    if slide.chart and chart is not None:
        drawn["chart"] = _added_shapes(pslide, lambda: chart(pslide, roles["chart"], slide))
    if pictured:
        assert image is not None and slide.image is not None
        drawn["picture"] = _add_item_picture(pslide, roles["right"], image(slide.image), slide.caption,
                                             slide.scale("caption"), measure)
    if slide.table is not None:
        drawn["table"] = [_add_table(pslide, roles["table"], slide.table, measure, slide.scale("table"))]
    for idx, ph in placeholders:  # drawing added shapes, never placeholders
        if idx not in used:
            xml_of(ph).getparent().remove(xml_of(ph))
    order_for_reading(pslide)
    return drawn


def _added_shapes(pslide: Any, draw: Callable[[], None]) -> list:
    """The XML of the shapes ``draw()`` adds to ``pslide``, in the slide's order."""
    before = list(shape_tree(pslide.shapes).iter_shape_elms())  # held, so lxml keeps these very objects
    draw()
    return [el for el in shape_tree(pslide.shapes).iter_shape_elms() if not any(el is b for b in before)]


def order_for_reading(pslide: Any) -> None:
    """Put the slide's shapes in reading order (the order of the shape tree): the title first, then the
    others top to bottom, left to right within a row, as screen readers and the Accessibility Checker expect."""
    shapes = list(pslide.shapes)
    if len(shapes) < 2:
        return
    title = next((s for s in shapes if s.is_placeholder and _ph_kind(s) in TITLE_TYPES), None)
    rest = [s for s in shapes if s is not title]
    rects = [Rect(s.left or 0, s.top or 0, s.width or 0, s.height or 0) for s in rest]
    ordered = ([title] if title is not None else []) + [rest[i] for i in reading_sequence(rects)]
    if ordered == shapes:
        return
    anchor = xml_of(shapes[0]).getprevious()  # the tree's group properties: shapes follow them
    for s in ordered:
        anchor.addnext(xml_of(s))
        anchor = xml_of(s)


def _ph_kind(shape: Any) -> str:
    ph = xml_of(shape).find(f".//{{{_P}}}nvPr/{{{_P}}}ph")
    return ph.get("type", "obj") if ph is not None else ""


def _add_text_box(pslide: Any, role: Role, bullets: tuple, scale: float) -> Any:
    """``bullets`` in a text box of the role's size and styles, where the layout has no placeholder for them."""
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Emu

    box = role.box
    shape = pslide.shapes.add_textbox(emu(role.left), emu(role.top), emu(box.width), emu(box.height))
    shape.name = "Text"
    tf = shape.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left, tf.margin_top = Emu(emu(box.inset_left)), Emu(emu(box.inset_top))
    tf.margin_right, tf.margin_bottom = Emu(emu(box.inset_right)), Emu(emu(box.inset_bottom))
    if role.fill:  # the text colour, for every outline level, where runs set none of their own
        lst = text_body(tf).find(f"{{{_A}}}lstStyle")
        for n in range(1, 6):
            level = etree.SubElement(lst, f"{{{_A}}}lvl{n}pPr")
            etree.SubElement(level, f"{{{_A}}}defRPr").append(etree.fromstring(role.fill))
    fill_paragraphs(tf, bullets, box, scale)
    return xml_of(shape)


def add_picture(pslide: Any, role: Role, data: bytes, alt: str, name: str) -> None:
    """A chart picture fitted into ``role``'s box (aspect ratio kept, centred), named, with alt text."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        w_px, h_px = img.size
    box = role.box
    factor = min(box.width / w_px, box.height / h_px)
    w, h = w_px * factor, h_px * factor
    left = role.left + (box.width - w) / 2
    top = role.top + (box.height - h) / 2
    pic = pslide.shapes.add_picture(io.BytesIO(data), emu(left), emu(top), emu(w), emu(h))
    cnvpr = xml_of(pic).nvPicPr.cNvPr
    cnvpr.set("descr", alt)
    cnvpr.set("name", name)


def _add_item_picture(pslide: Any, role: Role, picture: tuple, caption: str | None, scale: float,
                      measure: Callable[[str], TextMeasurer]) -> list:
    """An item's picture fitted into ``role``'s box (aspect ratio kept) with alt text, its caption centred
    below it in the box's text colour; returns their XML."""
    from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN

    data, alt, name, w_px, h_px = picture
    area = role.box
    cap_h = caption_height(caption, area, measure(area.font), scale)
    pic_frame, cap_frame = picture_frames(area, w_px, h_px, cap_h)
    pic = pslide.shapes.add_picture(io.BytesIO(data), emu(role.left + pic_frame.left), emu(role.top + pic_frame.top),
                                    emu(pic_frame.width), emu(pic_frame.height))
    cnvpr = xml_of(pic).nvPicPr.cNvPr
    cnvpr.set("descr", alt)
    cnvpr.set("name", name)
    if cap_frame is None or not caption:
        return [xml_of(pic)]
    shape = pslide.shapes.add_textbox(emu(role.left + cap_frame.left), emu(role.top + cap_frame.top),
                                      emu(cap_frame.width), emu(cap_frame.height))
    shape.name = "Picture Caption"
    tf = shape.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    tf.clear()
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    _run(p, caption, caption_paras(caption, area, scale)[0].style.size, None, REF_COLOR)
    return [xml_of(pic), xml_of(shape)]


def _add_table(pslide: Any, role: Role, table: TableSpec, measure: Callable[[str], TextMeasurer],
               scale: float) -> Any:
    """The comparison table in ``role``'s box: a heading row, banded rows, marked rows tinted, columns of
    short values centred, rows as tall as their text needs; returns its XML."""
    width = role.box.width
    heights = table_row_heights(table, width, measure(role.box.font), scale)
    shape = pslide.shapes.add_table(len(table.rows) + 1, len(table.columns), emu(role.left), emu(role.top),
                                    emu(width), emu(sum(heights)))
    shape.name = "Comparison Table"
    tbl = shape.table
    tbl.first_row = True
    tbl.first_col = table.row_titles
    tbl.horz_banding = False
    _size_table(shape, _column_widths(table, emu(width)), heights)
    _fill_table(tbl, table, table_size(table.size, scale))
    return xml_of(shape)


def _column_widths(table: TableSpec, total: int) -> list[int]:
    """The columns' widths in EMU, ``total`` in all (the last takes what rounding leaves)."""
    widths = [int(total * f) for f in table.column_fractions()]
    widths[-1] = total - sum(widths[:-1])
    return widths


def _size_table(shape: Any, widths: list[int], heights: list[float]) -> None:
    """Set the column widths (EMU) and row heights (inches) of a table shape, and its frame to their sums."""
    from pptx.util import Emu

    tbl = shape.table
    # Sizes go into the XML and the frame is resized once, to the sums python-pptx's setters would give: those
    # re-add every column (row) on each call.
    for grid_col, w in zip(table_xml(tbl).tblGrid.gridCol_lst, widths):
        grid_col.w = Emu(w)
    for tr, h in zip(table_xml(tbl).tr_lst, heights):
        tr.h = Emu(emu(h))
    shape.width = Emu(sum(widths))
    shape.height = Emu(sum(emu(h) for h in heights))


def _fill_table(tbl: Any, table: TableSpec, size: float | None) -> None:
    """Every cell's text and look (``size``: the text size in points)."""
    marked = set(table.marked)
    cells = [table.columns] + list(table.rows)
    # Short values (ratings, horizons) read best centred; sentences stay left-aligned.
    centred = [c > 0 and all(len(row[c]) <= SHORT_CELL for row in table.rows) for c in range(len(table.columns))]
    # Cells that look alike have the same XML but for their text: the first of each look is drawn through
    # python-pptx, the others are copies of it with their own text (much cheaper than python-pptx per cell).
    drawn: dict[tuple, Any] = {}
    for r, (values, tr) in enumerate(zip(cells, table_xml(tbl).tr_lst)):
        for c, (text, tc) in enumerate(zip(values, tr.tc_lst)):
            is_marked = r > 0 and (r - 1) in marked
            bold = r == 0 or (c == 0 and (is_marked or table.row_titles))
            look = ("head" if r == 0 else "marked" if is_marked else r % 2, centred[c], bold)
            if look in drawn:
                copied = copy.deepcopy(drawn[look])
                tr.replace(tc, copied)
                copied.find(f"{{{_A}}}txBody/{{{_A}}}p/{{{_A}}}r").text = text
                continue
            drawn[look] = tc
            _draw_cell(tbl.cell(r, c), text, r, is_marked, centred[c], bold, size)


def _draw_cell(cell: Any, text: str, r: int, is_marked: bool, centred: bool, bold: bool,
               size: float | None) -> None:
    """One cell of row ``r`` (0: the heading row) through python-pptx: margins, fill, text."""
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu

    cell.margin_left = cell.margin_right = Emu(emu(CELL_MARGIN_X))
    cell.margin_top = cell.margin_bottom = Emu(emu(CELL_MARGIN_Y))
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.fill.solid()
    if r == 0:
        cell.fill.fore_color.theme_color = MSO_THEME_COLOR.TEXT_2
    elif is_marked:
        cell.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_3
        cell.fill.fore_color.brightness = 0.75
    else:
        cell.fill.fore_color.theme_color = (MSO_THEME_COLOR.BACKGROUND_1 if r % 2 else
                                            MSO_THEME_COLOR.BACKGROUND_2)
    tf = cell.text_frame
    tf.clear()
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.CENTER if centred else PP_ALIGN.LEFT
    _run(p, text, size, bold, "bg1" if r == 0 else "tx1")


def add_footer(pslide: Any, layout: Any, footer: str | None, number: int, size: float | None = None) -> None:
    """Copy the layout's footer and slide-number placeholders onto the slide, with their text (footer at
    ``size`` points when given)."""
    tree = shape_tree(pslide.shapes)
    next_id = max([int(e.get("id", "0")) for e in tree.iter(f"{{{_P}}}cNvPr")] + [1]) + 1
    for ph_el in shape_tree(layout.shapes).iter_ph_elms():  # layout.placeholders' XML, without building shapes
        kind = ph_el.find(f".//{{{_P}}}nvPr/{{{_P}}}ph")
        kind = kind.get("type") if kind is not None else None
        if kind not in ("ftr", "sldNum") or (kind == "ftr" and not footer):
            continue
        el = copy.deepcopy(ph_el)
        el.find(f".//{{{_P}}}cNvPr").set("id", str(next_id))
        next_id += 1
        if kind == "sldNum":
            for t in el.iter(f"{{{_A}}}t"):
                t.text = str(number)
        else:
            body = el.find(f"{{{_P}}}txBody")
            for p in body.findall(f"{{{_A}}}p"):
                body.remove(p)
            p = etree.SubElement(body, f"{{{_A}}}p")
            r = etree.SubElement(p, f"{{{_A}}}r")
            rpr = etree.SubElement(r, f"{{{_A}}}rPr", lang=LANGUAGE)
            if size is not None:
                rpr.set("sz", str(int(round(size * 100))))
            etree.SubElement(r, f"{{{_A}}}t").text = footer
        tree.append(el)
        _clear_of_the_banner(pslide, layout, kind)


def _clear_of_the_banner(pslide: Any, layout: Any, kind: str) -> None:
    """Move the footer or slide number just added to ``pslide`` up, where the layout puts it partly under the
    bottom classification banner (the Office 4:3 master's footer row reaches the slide's foot)."""
    limit = pslide.part.package.presentation_part.presentation.slide_height - emu(BANNER_HEIGHT_PT)
    source = next((ph for ph in layout.placeholders if _ph_kind(ph) == kind), None)
    if source is None or source.top is None or source.height is None or source.top + source.height <= limit:
        return
    added = next(ph for ph in reversed(list(pslide.placeholders)) if _ph_kind(ph) == kind)
    added.left, added.top, added.width, added.height = source.left, limit - source.height, source.width, source.height


def banner_colors(marking: str) -> tuple[str, str]:
    """(fill, text) hex colours of the classification banner for ``marking``."""
    upper = marking.upper()
    for word, fill, text in BANNER_COLORS:
        if word in upper:
            return fill, text
    return DEFAULT_BANNER


class Banners:
    """The classification banners of one deck's slides: each marking's banners are drawn by
    :func:`_draw_banners` on the first slide that carries it and copied onto the others (the same XML,
    numbered as python-pptx numbers new shapes), which is much cheaper than drawing each through python-pptx."""

    def __init__(self, marking: str, slide_width: int, slide_height: int, colors: tuple = ()):
        self._document = (marking, colors)
        self._size = (slide_width, slide_height)
        self._shapes: dict[tuple, list] = {}  # (marking, colours) -> the first such slide's banner <p:sp> elements

    def add(self, pslide: Any, marking: str | None = None, colors: tuple = ()) -> None:
        """Add the banners to ``pslide``: ``marking`` in ``colors`` (default: the document's banner)."""
        key = (marking, tuple(colors)) if marking is not None else self._document
        if key not in self._shapes:
            self._shapes[key] = [copy.deepcopy(el) for el in _draw_banners(pslide, key[0], *self._size, key[1])]
            return
        tree = shape_tree(pslide.shapes)
        for el in self._shapes[key]:
            sp = copy.deepcopy(el)
            sp.find(f".//{{{_P}}}cNvPr").set("id", str(tree.max_shape_id + 1))
            tree.insert_element_before(sp, "p:extLst")


def _draw_banners(pslide: Any, marking: str, slide_width: int, slide_height: int, colors: tuple = ()) -> list:
    """The classification marking in a full-width band at the top and bottom edge of the slide, drawn with
    python-pptx in ``colors`` (fill, text; default: by the marking's words); return their <p:sp> elements."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    fill, ink = colors or banner_colors(marking)
    h = emu(BANNER_HEIGHT_PT)
    shapes = []
    for name, top in (("Classification Banner Top", 0), ("Classification Banner Bottom", slide_height - h)):
        box = pslide.shapes.add_textbox(0, top, slide_width, h)
        box.name = name
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(fill)
        tf = box.text_frame
        tf.margin_top = tf.margin_bottom = 0
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        tf.word_wrap = True
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.CENTER
        run = p.add_run()
        run.text = marking
        run.font.size = Pt(BANNER_SIZE_PT)
        run.font.bold = True
        run.font.color.rgb = RGBColor.from_string(ink)
        shapes.append(xml_of(box))
    return shapes


def notes_text(paragraphs: tuple) -> str:
    """Speaker-note paragraphs as the notes text (python-pptx reads it back the same: one line each)."""
    return "\n".join(" ".join(p.split("\n")) for p in paragraphs)


# The body placeholder's text of a notes slide, as python-pptx's notes_placeholder finds it.
_NOTES_BODY = etree.XPath("p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type='body']]/p:txBody",
                          namespaces={"p": _P})


def _set_text(tx_body: Any, text: str) -> None:
    """``tx_body``'s paragraphs replaced by ``text``, the XML python-pptx's ``TextFrame.text`` setter writes."""
    for p in tx_body.findall(f"{{{_A}}}p"):
        tx_body.remove(p)
    for line in text.split("\n"):
        p = etree.SubElement(tx_body, f"{{{_A}}}p")
        for n, piece in enumerate(re.split("\v", line)):
            if n:
                etree.SubElement(p, f"{{{_A}}}br")
            if piece:
                run = etree.SubElement(p, f"{{{_A}}}r")
                etree.SubElement(run, f"{{{_A}}}t").text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", piece)


_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")  # escaped as python-pptx escapes them: "_x001B_"


class SpeakerNotes:
    """Speaker notes for the slides of one presentation, as python-pptx's notes text frame writes them, but
    cheaper.

    python-pptx builds each notes slide by cloning the notes master's placeholders, and names its part after
    walking every part of the package, so each costs more than the last.  Before their text is set the notes
    slides of one presentation are all alike: the first is built by python-pptx, the others are copies of its
    blank XML, related and named as python-pptx relates and names them."""

    _PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"

    def __init__(self) -> None:
        self._blank: Any = None  # the first new notes slide's <p:notes>, before its text was set
        self._names: set[str] = set()  # part names of the package's notes slides

    def set(self, pslide: Any, paragraphs: tuple) -> None:
        """Speaker notes of ``pslide``, one paragraph per entry."""
        if self._blank is not None and not pslide.has_notes_slide:
            notes = self._new(pslide.part)
            bodies = _NOTES_BODY(xml_of(notes))
            if bodies:
                _set_text(bodies[0], notes_text(paragraphs))
                return
        else:
            from pptx.enum.text import MSO_AUTO_SIZE

            created = not pslide.has_notes_slide
            notes = pslide.notes_slide
            # Long notes shrink to fit their box on a notes page (the PDF notes handout) instead of running off it.
            notes.notes_text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
            if created and self._blank is None:
                self._blank = copy.deepcopy(xml_of(notes))
                prefix = self._PARTNAME.split("%")[0]
                self._names = {str(p.partname) for p in pslide.part.package.iter_parts()
                               if str(p.partname).startswith(prefix)}
        notes.notes_text_frame.text = notes_text(paragraphs)

    def _new(self, slide_part: Any) -> Any:
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart

        # python-pptx's OpcPackage.next_partname: from one past the count of such names downwards
        n = next(n for n in range(len(self._names) + 1, 0, -1) if self._PARTNAME % n not in self._names)
        name = self._PARTNAME % n
        self._names.add(name)
        package = slide_part.package
        part = NotesSlidePart(PackURI(name), CT.PML_NOTES_SLIDE, package, copy.deepcopy(self._blank))
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide
