"""What a generated shape looks like: its position and size, and a fingerprint of its formatting.

The build records both for every generated shape (:func:`shape_look`, kept in the manifest with the shape's
text), so a rebuild can tell a shape a person moved, resized or restyled from one they left alone, and keep
their work (:mod:`briefgen.write.pptx.merge`).

Formatting is compared as it shows, not as it is written.  LibreOffice writes every inherited value out on each
run and shape when it saves a deck (``b="1" sz="2800"`` and the title colour as RGB on a title that inherited
them, ``<a:noFill/>`` and ``<a:ln w="0"><a:noFill/></a:ln>`` on a placeholder, an ``a:xfrm`` where the layout
gave the position), and PowerPoint writes only what the person changed.  So each run's bold, italic, underline,
strike-through, baseline, size and colour are resolved through the run, its paragraph, the shape's list styles,
the layout's and master's placeholder of the same kind, the master's text styles and the theme (colours as RGB);
the fill and line likewise; position and size through the layout and master.  Positions within
:data:`TOLERANCE` (LibreOffice rounds to hundredths of a millimetre) count as the same.

Typefaces, paragraph formatting and table cells are recorded beside those (``faces``, ``formats``, ``cells``:
keys a manifest written before them lacks, so a merge compares them only when its record has them).  Each
run's typeface is resolved like its other formatting, a theme font (``+mj-lt``, ``+mn-lt``) to the theme's
typeface; each paragraph's alignment, left margin, first-line indent, line spacing, spacing before and after
and bullet (none, a character, a numbering scheme or a picture, with its colour, size and font) through its own
properties, the list styles and the master's text style at its level.  A table records per cell its fill,
borders, margins and anchor and its text's paragraph and run formatting; a border its table style gives is
worked out for the style python-pptx and PowerPoint default to (LibreOffice writes it out on every cell when it
saves).  These are lists of values compared by :func:`same_format`: numbers (EMU) within :data:`TOLERANCE`,
since LibreOffice rounds spacing and margins too, anything else exactly.
"""
from __future__ import annotations

import colorsys
import hashlib
import json
from typing import Any

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
TOLERANCE = 9144  # EMU: a hundredth of an inch
RUN_DEFAULTS = {"b": "0", "i": "0", "u": "none", "strike": "noStrike", "baseline": "0", "sz": "1800"}
FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
TITLE_TYPES = ("title", "ctrTitle")
BULLETS = ("buNone", "buChar", "buAutoNum", "buBlip")
DEFAULT_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # Medium Style 2 - Accent 1: lt1 borders, 1 pt
CELL_MARGINS = (("marL", "lIns", 91440), ("marR", "rIns", 91440), ("marT", "tIns", 45720), ("marB", "bIns", 45720))


class LookContext:
    """What a slide's shapes inherit from: its layout, its master and the master's theme."""

    def __init__(self, pslide: Any):
        from briefgen.write.pptx.elements import xml_of
        from lxml import etree

        layout = pslide.slide_layout
        master = layout.slide_master
        self.layout = xml_of(layout)
        self.master = xml_of(master)
        theme = etree.fromstring(master.part.part_related_by(_THEME).blob)
        self.scheme = {}
        for el in theme.iter(f"{{{_A}}}clrScheme"):
            for slot in el:
                colour = slot[0] if len(slot) else None
                value = colour.get("lastClr") or colour.get("val") if colour is not None else None
                self.scheme[slot.tag.rsplit("}", 1)[-1]] = (value or "").lower()
            break
        clr_map = self.master.find(f"{{{_P}}}clrMap")
        self.clr_map = dict(clr_map.attrib) if clr_map is not None else {}
        self.fonts = {}
        for kind in ("major", "minor"):
            latin = theme.find(f".//{{{_A}}}{kind}Font/{{{_A}}}latin")
            self.fonts[kind] = latin.get("typeface", "") if latin is not None else ""

    def typeface(self, name: str | None) -> str:
        """A typeface as shown: a theme font (``+mj-lt`` major, ``+mn-lt`` minor) as the theme names it; the
        theme's minor (body) font when nothing names one."""
        if not name or name == "+mn-lt":
            return self.fonts["minor"]
        return self.fonts["major"] if name == "+mj-lt" else name

    def colour(self, el: Any) -> str:
        """A colour element (``srgbClr``, ``schemeClr``, ``sysClr`` …) as RGB hex, its modifiers after it."""
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "schemeClr":
            name = el.get("val", "")
            value = self.scheme.get(self.clr_map.get(name, name), name)
        elif tag == "sysClr":
            value = (el.get("lastClr") or el.get("val", "")).lower()
        else:
            value = (el.get("val") or "").lower()
        return _modified(value, el)

    def colour_default(self) -> str:
        """The text colour nothing sets: the theme's first dark colour, as the master maps ``tx1``."""
        return self.scheme.get(self.clr_map.get("tx1", "dk1"), "")

    def inherited(self, el: Any) -> list:
        """The placeholders ``el`` (a slide's shape) inherits from: the layout's, then the master's."""
        ph = el.find(f"./*/{{{_P}}}nvPr/{{{_P}}}ph")
        if ph is None:
            return []
        kind, idx = ph.get("type", "body"), ph.get("idx")
        out = []
        layout_ph = _find_placeholder(self.layout, kind, idx)
        if layout_ph is not None:
            out.append(layout_ph)
        master_kind = "title" if kind in TITLE_TYPES else kind if kind in ("dt", "ftr", "sldNum") else "body"
        master_ph = _find_placeholder(self.master, master_kind, None)
        if master_ph is not None:
            out.append(master_ph)
        return out

    def text_style(self, el: Any) -> Any:
        """The master's text style a shape's text falls back on (title, body or other)."""
        ph = el.find(f"./*/{{{_P}}}nvPr/{{{_P}}}ph")
        name = "otherStyle" if ph is None else "titleStyle" if ph.get("type") in TITLE_TYPES else "bodyStyle"
        return self.master.find(f"{{{_P}}}txStyles/{{{_P}}}{name}")


def _modified(rgb: str, el: Any) -> str:
    """``rgb`` with the luminance modifiers of colour element ``el`` applied (as LibreOffice writes them out:
    ``lumMod``, ``lumOff``); any other modifier named after it."""
    mods = {m.tag.rsplit("}", 1)[-1]: int(m.get("val", "0")) for m in el}
    lum_mod, lum_off = mods.pop("lumMod", 100000), mods.pop("lumOff", 0)
    if (lum_mod, lum_off) != (100000, 0) and len(rgb) == 6:
        try:
            h, lum, sat = colorsys.rgb_to_hls(*(int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4)))
        except ValueError:
            return rgb + f"[lumMod={lum_mod},lumOff={lum_off}]"
        lum = min(1.0, max(0.0, lum * lum_mod / 100000 + lum_off / 100000))
        rgb = "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(h, lum, sat))
    rest = ",".join(f"{k}={v}" for k, v in sorted(mods.items()))
    return rgb + (f"[{rest}]" if rest else "")


def _find_placeholder(tree_owner: Any, kind: str, idx: str | None) -> Any:
    """The shape of a layout or master whose placeholder has ``idx`` (when given and found), else ``kind``."""
    shapes = [(sp, sp.find(f"./*/{{{_P}}}nvPr/{{{_P}}}ph")) for sp in tree_owner.iter(f"{{{_P}}}sp")]
    shapes = [(sp, ph) for sp, ph in shapes if ph is not None]
    if idx is not None:
        found = next((sp for sp, ph in shapes if ph.get("idx") == idx), None)
        if found is not None:
            return found
    return next((sp for sp, ph in shapes if ph.get("type", "body") == kind), None)


def _placement(el: Any) -> Any:
    """A shape's ``a:xfrm`` (``p:xfrm`` of a graphic frame), whatever it gives; None when it has none."""
    for path in (f"{{{_P}}}spPr/{{{_A}}}xfrm", f"{{{_P}}}grpSpPr/{{{_A}}}xfrm", f"{{{_P}}}xfrm"):
        found = el.find(path)
        if found is not None:
            return found
    return None


def _xfrm(el: Any) -> Any:
    """The ``a:xfrm`` (``p:xfrm`` of a graphic frame) that places a shape, None when it inherits its place."""
    for path in (f"{{{_P}}}spPr/{{{_A}}}xfrm", f"{{{_P}}}grpSpPr/{{{_A}}}xfrm", f"{{{_P}}}xfrm"):
        found = el.find(path)
        if found is not None and found.find(f"{{{_A}}}off") is not None:
            return found
    return None


def _box(xfrm: Any) -> list:
    off, ext = xfrm.find(f"{{{_A}}}off"), xfrm.find(f"{{{_A}}}ext")
    return [int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)) if ext is not None else 0,
            int(ext.get("cy", 0)) if ext is not None else 0]


def _group_box(el: Any) -> list | None:
    """The box a group's members cover on the slide (a group's own extents are only what the last editor worked
    out: LibreOffice recomputes them)."""
    xfrm = _xfrm(el)
    if xfrm is None:
        return None
    x, y, cx, cy = _box(xfrm)
    ch_off, ch_ext = xfrm.find(f"{{{_A}}}chOff"), xfrm.find(f"{{{_A}}}chExt")
    ox, oy = (int(ch_off.get("x", 0)), int(ch_off.get("y", 0))) if ch_off is not None else (0, 0)
    ecx, ecy = (int(ch_ext.get("cx", 0)), int(ch_ext.get("cy", 0))) if ch_ext is not None else (cx, cy)
    boxes = [b for b in (_member_box(m) for m in el) if b is not None]
    if not boxes:
        return [x, y, cx, cy]
    sx, sy = (cx / ecx if ecx else 1.0), (cy / ecy if ecy else 1.0)
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return [round(x + (left - ox) * sx), round(y + (top - oy) * sy), round((right - left) * sx),
            round((bottom - top) * sy)]


def _member_box(el: Any) -> list | None:
    tag = el.tag.rsplit("}", 1)[-1]
    if tag == "grpSp":
        return _group_box(el)
    if tag in ("sp", "pic", "graphicFrame", "cxnSp"):
        xfrm = _xfrm(el)
        return _box(xfrm) if xfrm is not None else None
    return None


def geometry(el: Any, context: LookContext) -> list | None:
    """[x, y, width, height] of a slide's shape in EMU (a placeholder's from its layout or master when it gives
    none; a group's, the box its members cover; a table's height 0); None when nothing places it."""
    if el.tag == f"{{{_P}}}grpSp":
        return _group_box(el)
    if el.find(f".//{{{_A}}}tbl") is not None:  # a table's height is its rows' (each editor lays them out anew)
        xfrm = _xfrm(el)
        return _box(xfrm)[:3] + [0] if xfrm is not None else None
    offset = extent = None  # each from the nearest shape that gives it (an xfrm may give only one)
    for owner in [el] + context.inherited(el):
        xfrm = _placement(owner)
        if xfrm is None:
            continue
        off, ext = xfrm.find(f"{{{_A}}}off"), xfrm.find(f"{{{_A}}}ext")
        if offset is None and off is not None:
            offset = [int(off.get("x", 0)), int(off.get("y", 0))]
        if extent is None and ext is not None:
            extent = [int(ext.get("cx", 0)), int(ext.get("cy", 0))]
    return offset + extent if offset is not None and extent is not None else None


def same_geometry(a: list | None, b: list | None) -> bool:
    """Whether two geometries are the same within :data:`TOLERANCE` (None only equals None)."""
    if a is None or b is None:
        return a is b
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b))


def _shape_paint(el: Any, context: LookContext, part: str) -> str:
    """The shape's fill (``part`` ``fill``) or outline (``line``) as shown: ``none``, ``solid:RGB`` or the kind."""
    for owner in [el] + context.inherited(el):
        sppr = owner.find(f"{{{_P}}}spPr")
        if sppr is None:
            continue
        holder = sppr if part == "fill" else sppr.find(f"{{{_A}}}ln")
        if holder is None:
            continue
        paint = next((c for c in holder if c.tag.rsplit("}", 1)[-1] in FILLS), None)
        if paint is None:
            continue
        kind = paint.tag.rsplit("}", 1)[-1]
        if kind == "noFill" or (part == "line" and holder.get("w") == "0"):
            return "none"
        if kind == "solidFill" and len(paint):
            width = f"/{holder.get('w')}" if part == "line" and holder.get("w") else ""
            return f"solid:{context.colour(paint[0])}{width}"
        return kind
    return "none"


def _level_styles(el: Any, p: Any, context: LookContext) -> list:
    """Where a paragraph's runs take what they do not set, nearest first: the paragraph's own defaults, the list
    styles of the shape, of its layout and master placeholders, then the master's text style, at its level."""
    ppr = p.find(f"{{{_A}}}pPr")
    level = int(ppr.get("lvl", "0")) + 1 if ppr is not None else 1
    out = [ppr.find(f"{{{_A}}}defRPr")] if ppr is not None else []
    for owner in [el] + context.inherited(el):
        out.append(owner.find(f"{{{_P}}}txBody/{{{_A}}}lstStyle/{{{_A}}}lvl{level}pPr/{{{_A}}}defRPr"))
    style = context.text_style(el)
    if style is not None:
        out.append(style.find(f"{{{_A}}}lvl{level}pPr/{{{_A}}}defRPr"))
    return [s for s in out if s is not None]


def _run_look(rpr: Any, fallbacks: list, context: LookContext) -> str:
    """One run's formatting as shown, as ``name=value`` pairs."""
    chain = ([rpr] if rpr is not None else []) + fallbacks
    out = []
    for name, default in RUN_DEFAULTS.items():
        value = next((s.get(name) for s in chain if s.get(name) is not None), default)
        out.append(f"{name}={'1' if value == 'true' else '0' if value == 'false' else value}")
    fill = next((s.find(f"{{{_A}}}solidFill") for s in chain if s.find(f"{{{_A}}}solidFill") is not None), None)
    colour = context.colour(fill[0]) if fill is not None and len(fill) else context.colour_default()
    return ";".join(out + [f"colour={colour}"])


def paragraph_looks(el: Any, context: LookContext) -> list:
    """Per paragraph of a text shape, a fingerprint of its runs' text and formatting as shown (runs that look
    the same one after the other count as one); none for a shape with no text body."""
    body = el.find(f"{{{_P}}}txBody")
    if body is None:
        return []
    out = []
    for p in body.findall(f"{{{_A}}}p"):
        fallbacks = _level_styles(el, p, context)
        spans: list = []
        for child in p:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag not in ("r", "fld", "br"):
                continue
            text = "\n" if tag == "br" else (child.findtext(f"{{{_A}}}t") or "")
            look = "br" if tag == "br" else _run_look(child.find(f"{{{_A}}}rPr"), fallbacks, context)
            if spans and spans[-1][1] == look and tag == "r":
                spans[-1][0] += text
            else:
                spans.append([text, look])
        out.append(_digest(spans))
    return out


def uniform(p: Any, el: Any, context: LookContext, faces: bool = True) -> bool:
    """Whether a paragraph is plain runs that all look the same, their typeface too unless ``faces`` is False (so
    new text can take their formatting)."""
    kinds = {c.tag.rsplit("}", 1)[-1] for c in p} - {"pPr", "endParaRPr"}
    if kinds != {"r"}:
        return False
    fallbacks = _level_styles(el, p, context)
    looks = {(_run_look(r.find(f"{{{_A}}}rPr"), fallbacks, context),
              _face(r.find(f"{{{_A}}}rPr"), fallbacks, context) if faces else "") for r in p.findall(f"{{{_A}}}r")}
    return len(looks) == 1


def _face(rpr: Any, fallbacks: list, context: LookContext) -> str:
    """A run's typeface as shown: the nearest ``a:latin`` of the run and of what it falls back on."""
    chain = ([rpr] if rpr is not None else []) + fallbacks
    latin = next((s.find(f"{{{_A}}}latin") for s in chain if s.find(f"{{{_A}}}latin") is not None), None)
    return context.typeface(latin.get("typeface") if latin is not None else None)


def _faces(p: Any, fallbacks: list, context: LookContext) -> list:
    """The typefaces of a paragraph's runs that have text, in order (runs after each other in one, once)."""
    out: list = []
    for r in p.findall(f"{{{_A}}}r"):
        if r.findtext(f"{{{_A}}}t"):
            face = _face(r.find(f"{{{_A}}}rPr"), fallbacks, context)
            if not out or out[-1] != face:
                out.append(face)
    return out


def paragraph_faces(el: Any, context: LookContext) -> list:
    """Per paragraph of a text shape, the typefaces its text shows in (:func:`_faces`); none for a shape with no
    text body."""
    body = el.find(f"{{{_P}}}txBody")
    if body is None:
        return []
    return [_faces(p, _level_styles(el, p, context), context) for p in body.findall(f"{{{_A}}}p")]


def _paragraph_chain(el: Any, p: Any, context: LookContext) -> list:
    """Where a paragraph takes the properties it does not set, nearest first: its own, the list styles of the shape
    and of its layout and master placeholders, then the master's text style, at its level."""
    ppr = p.find(f"{{{_A}}}pPr")
    level = int(ppr.get("lvl", "0")) + 1 if ppr is not None else 1
    out = [ppr] + [owner.find(f"{{{_P}}}txBody/{{{_A}}}lstStyle/{{{_A}}}lvl{level}pPr")
                   for owner in [el] + context.inherited(el)]
    style = context.text_style(el)
    out.append(style.find(f"{{{_A}}}lvl{level}pPr") if style is not None else None)
    return [s for s in out if s is not None]


def _percent(value: str) -> int:
    """A DrawingML percentage (``90000``, or ``90%`` as strict files write it) in thousandths of a percent."""
    return round(float(value[:-1]) * 1000) if value.endswith("%") else int(value)


def _spacing(el: Any, default: Any) -> Any:
    """Line or paragraph spacing (``a:lnSpc``, ``a:spcBef``, ``a:spcAft``): points as EMU, a percentage as
    ``N%`` (none as 0); ``default`` when not set."""
    if el is None:
        return default
    pts, pct = el.find(f"{{{_A}}}spcPts"), el.find(f"{{{_A}}}spcPct")
    if pts is not None:
        return int(pts.get("val", "0")) * 127  # hundredths of a point
    if pct is not None:
        value = _percent(pct.get("val", "0"))
        return f"{round(value / 1000)}%" if value else 0
    return default


def _nearest(chain: list, names: tuple) -> Any:
    """The first child named one of ``names`` of the nearest element of ``chain`` that has one; None when none."""
    return next((c for s in chain for c in s if c.tag.rsplit("}", 1)[-1] in names), None)


def _is(el: Any, name: str) -> bool:
    """Whether ``el`` is a DrawingML element named ``name`` (False for None)."""
    return el is not None and el.tag == f"{{{_A}}}{name}"


def _bullet(chain: list, context: LookContext) -> list:
    """A paragraph's bullet as shown: [kind, colour, size, font]; kind ``none``, ``char:C``, ``auto:SCHEME:START``
    or ``picture``; colour, size and font ``text`` when they follow the text (the rest empty for no bullet)."""
    kind = _nearest(chain, BULLETS)
    name = kind.tag.rsplit("}", 1)[-1] if kind is not None else "buNone"
    if name == "buNone":
        return ["none", "", "", ""]
    what = {"buChar": f"char:{kind.get('char')}", "buAutoNum": f"auto:{kind.get('type')}:{kind.get('startAt', '1')}",
            "buBlip": "picture"}[name]
    colour = _nearest(chain, ("buClr", "buClrTx"))
    colour = context.colour(colour[0]) if _is(colour, "buClr") and len(colour) else "text"
    size = _nearest(chain, ("buSzPct", "buSzPts", "buSzTx"))
    if _is(size, "buSzPts"):
        size = int(size.get("val", "0")) * 127  # hundredths of a point
    else:
        size = f"{round(_percent(size.get('val', '100000')) / 1000)}%" if _is(size, "buSzPct") else "text"
    font = _nearest(chain, ("buFont", "buFontTx"))
    font = context.typeface(font.get("typeface")) if _is(font, "buFont") else "text"
    return [what, colour, "text" if size == "100%" else size, font]


def paragraph_format(chain: list, context: LookContext) -> list:
    """A paragraph's formatting as shown, from its ``chain`` (:func:`_paragraph_chain`): [alignment, left margin,
    first-line indent, line spacing, spacing before, spacing after] (lengths in EMU) and its :func:`_bullet`."""
    def attr(name: str, default: str) -> str:
        return next((s.get(name) for s in chain if s.get(name) is not None), default)

    def spacing(name: str, default: Any) -> Any:
        return _spacing(next((s.find(f"{{{_A}}}{name}") for s in chain
                              if s.find(f"{{{_A}}}{name}") is not None), None), default)

    return [attr("algn", "l"), int(attr("marL", "0")), int(attr("indent", "0")), spacing("lnSpc", "100%"),
            spacing("spcBef", 0), spacing("spcAft", 0)] + _bullet(chain, context)


def paragraph_formats(el: Any, context: LookContext) -> list:
    """Per paragraph of a text shape, its :func:`paragraph_format` as text (:func:`_tokens`); none for a shape
    with no text body."""
    body = el.find(f"{{{_P}}}txBody")
    if body is None:
        return []
    return [_tokens(paragraph_format(_paragraph_chain(el, p, context), context))
            for p in body.findall(f"{{{_A}}}p")]


def _tokens(values: list) -> str:
    """A list of values as one line for the manifest, ``;`` between them (compared by :func:`same_format`)."""
    return ";".join(str(v) for v in values)


def _fill(holder: Any, context: LookContext) -> str | None:
    """The paint ``holder`` sets (``none``, ``solid:RGB`` or the kind); None when it sets none."""
    paint = next((c for c in holder if c.tag.rsplit("}", 1)[-1] in FILLS), None)
    if paint is None:
        return None
    kind = paint.tag.rsplit("}", 1)[-1]
    if kind == "noFill":
        return "none"
    return f"solid:{context.colour(paint[0])}" if kind == "solidFill" and len(paint) else kind


def _style_border(tbl: Any, context: LookContext) -> list:
    """The border a table's style gives each cell side: [paint, width]."""
    style = tbl.findtext(f"{{{_A}}}tblPr/{{{_A}}}tableStyleId")
    if style is None:
        return ["none", 0]
    if style.strip().upper() == DEFAULT_TABLE_STYLE:
        return [f"solid:{context.scheme.get('lt1', '')}", 12700]
    return [f"style:{style.strip()}", 0]


def _cell_frame(tc: Any, styled: list, context: LookContext) -> list:
    """A cell's fill, its borders (left, right, top, bottom: paint and width each), its margins (left, right,
    top, bottom: the cell's, else its text body's insets, as LibreOffice writes them) and its anchor."""
    tcpr = tc.find(f"{{{_A}}}tcPr")
    tcpr = tcpr if tcpr is not None else tc.makeelement(f"{{{_A}}}tcPr", {})
    body_pr = tc.find(f"{{{_A}}}txBody/{{{_A}}}bodyPr")
    out = [_fill(tcpr, context) or "style"]
    for side in ("lnL", "lnR", "lnT", "lnB"):
        ln = tcpr.find(f"{{{_A}}}{side}")
        out += styled if ln is None else [_fill(ln, context) or "style", int(ln.get("w", "12700"))]
    for attr, inset, default in CELL_MARGINS:
        value = tcpr.get(attr) or (body_pr.get(inset) if body_pr is not None else None)
        out.append(int(value) if value is not None else default)
    return out + [tcpr.get("anchor", "t")]


def _cell_text(tc: Any, el: Any, context: LookContext) -> list:
    """Per paragraph of a cell: its :func:`paragraph_format` and a digest of its runs' looks (runs with text; runs
    after each other that look the same, once), typeface included."""
    out = []
    for p in tc.findall(f"{{{_A}}}txBody/{{{_A}}}p"):
        fallbacks = _level_styles(el, p, context)
        runs: list = []
        for r in p.findall(f"{{{_A}}}r"):
            if r.findtext(f"{{{_A}}}t"):
                rpr = r.find(f"{{{_A}}}rPr")
                look = f"{_run_look(rpr, fallbacks, context)};face={_face(rpr, fallbacks, context)}"
                if not runs or runs[-1] != look:
                    runs.append(look)
        out += paragraph_format(_paragraph_chain(el, p, context), context) + [f"r{_digest(runs)}"]
    return out


def cell_looks(el: Any, context: LookContext) -> list:
    """Per cell of a table (row by row), its :func:`_cell_frame` and its :func:`_cell_text` as one line: the two
    parts parted by a tab, each :func:`_tokens`; none for a shape that is no table."""
    tbl = el.find(f".//{{{_A}}}tbl")
    if tbl is None:
        return []
    styled = _style_border(tbl, context)
    return [f"{_tokens(_cell_frame(tc, styled, context))}\t{_tokens(_cell_text(tc, el, context))}"
            for tc in tbl.iter(f"{{{_A}}}tc")]


def same_format(a: list, b: list) -> bool:
    """Whether two lists of formats (:func:`paragraph_formats`, :func:`cell_looks`) are the same, value by value:
    numbers (EMU) within :data:`TOLERANCE`, anything else equal."""
    return len(a) == len(b) and all(same_tokens(x, y) for x, y in zip(a, b))


def same_tokens(a: str, b: str) -> bool:
    """Whether two lines of values (:func:`_tokens`; a tab parts them as ``;`` does) are the same: numbers within
    :data:`TOLERANCE`, anything else equal."""
    xs, ys = a.replace("\t", ";").split(";"), b.replace("\t", ";").split(";")
    return len(xs) == len(ys) and all(_same_value(x, y) for x, y in zip(xs, ys))


def _same_value(a: str, b: str) -> bool:
    try:
        return abs(int(a) - int(b)) <= TOLERANCE
    except ValueError:
        return a == b


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:16]


def shape_look(el: Any, context: LookContext) -> dict:
    """What a slide's shape looks like, for the manifest: ``geometry`` ([x, y, width, height] or None),
    ``paint`` (its fill and outline), ``paras`` (:func:`paragraph_looks`), ``faces`` (:func:`paragraph_faces`),
    ``formats`` (:func:`paragraph_formats`) and ``cells`` (:func:`cell_looks`)."""
    return {"geometry": geometry(el, context),
            "paint": f"{_shape_paint(el, context, 'fill')}|{_shape_paint(el, context, 'line')}",
            "paras": paragraph_looks(el, context), "faces": paragraph_faces(el, context),
            "formats": paragraph_formats(el, context), "cells": cell_looks(el, context)}
