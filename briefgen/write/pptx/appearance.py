"""How a slide's text actually looks: its size, weight and colour, and the colour behind it.

PowerPoint text inherits: a run's own properties, then its shape's list styles, then (for a placeholder)
the layout's and the master's placeholder, then the master's text styles (title, body or other) or, for
a text box, the presentation's default text style.  Colours are theme slots mapped by the master's colour
map (and a layout's or slide's override), changed by DrawingML transforms (lumMod, tint...).  What is
behind a shape without a fill of its own is the topmost filled shape under it (on the slide, then the
layout, then the master) or else the slide's background.  The accessibility rules
(:mod:`briefgen.write.pptx.check`) read a deck through this module only.

Text on a picture (a picture under it, a picture fill, a background picture) has no one colour behind it:
:meth:`SlideLook.picture_behind` names the picture, and the rules ask the person to look.  Table cells are
read with their table style by :mod:`briefgen.write.pptx.table_look`.  Gradient fills are not modelled:
every stop is taken as a possible background.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Iterator

from briefgen.write.contrast import Rgb, from_hex, transform
from briefgen.write.pptx.elements import xml_of

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": _A, "p": _P}
EMU_PER_PT = 12700
DEFAULT_SIZE_PT = 18.0  # PowerPoint's size for text that sets none anywhere
TITLE_TYPES = ("title", "ctrTitle")
FURNITURE_TYPES = ("dt", "ftr", "sldNum", "hdr")
_CLR_MAP_DEFAULT = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
           "yellow": "FFFF00", "gray": "808080", "grey": "808080", "darkGray": "A9A9A9", "lightGray": "D3D3D3"}
_COLOR_TAGS = tuple(f"{{{_A}}}{t}" for t in ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr"))


@cache  # the rules ask for the same few dozen tags hundreds of thousands of times a deck
def q(tag: str) -> str:
    """``"a:solidFill"`` as lxml's ``{namespace}solidFill``."""
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


@dataclass(frozen=True)
class Rect:
    """A shape's place on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        """The bottom edge."""
        return self.top + self.height

    @property
    def right(self) -> int:
        """The right edge."""
        return self.left + self.width

    def contains_centre_of(self, other: "Rect") -> bool:
        """Whether ``other``'s centre lies inside this rectangle."""
        cx, cy = other.left + other.width / 2, other.top + other.height / 2
        return self.left <= cx <= self.right and self.top <= cy <= self.bottom


@dataclass(frozen=True)
class TextRun:
    """One run of text as it is drawn."""

    text: str
    size: float  # points, after any autofit scale
    bold: bool
    color: Rgb | None  # None: a colour briefgen cannot resolve (then it is not judged)


class Part:
    """A slide, layout or master: its XML and the parts it inherits from."""

    def __init__(self, element: Any, base: "Part | None" = None):
        self.element = element
        self.base = base
        self._placeholders: list | None = None

    def placeholders(self) -> list[Any]:
        """Its placeholder shapes' XML (sp and pic with a p:ph), found once: the rules ask for every shape."""
        if self._placeholders is None:
            tree = self.element.find(f"{q('p:cSld')}/{q('p:spTree')}")
            self._placeholders = [] if tree is None else [
                el for el in tree.iter(q("p:sp"), q("p:pic"), q("p:graphicFrame")) if ph_of(el) is not None]
        return self._placeholders


_NV_TAGS = tuple(q(nv) for nv in ("p:nvSpPr", "p:nvPicPr", "p:nvGraphicFramePr", "p:nvGrpSpPr", "p:nvCxnSpPr"))
_PH_PATH = f"{q('p:nvPr')}/{q('p:ph')}"


def ph_of(shape: Any) -> Any | None:
    """The ``p:ph`` element of a shape's XML, or None when it is not a placeholder."""
    for nv in _NV_TAGS:
        el = shape.find(nv)
        if el is not None:
            return el.find(_PH_PATH)
    return None


def ph_type(ph: Any) -> str:
    """A placeholder's type (``obj`` when it has none, as the schema says)."""
    return ph.get("type", "obj")


def _txstyle_name(kind: str) -> str:
    if kind in TITLE_TYPES:
        return "titleStyle"
    if kind in FURNITURE_TYPES:
        return "otherStyle"
    return "bodyStyle"


class SlideLook:
    """Resolves text and fill appearance on one slide of a python-pptx Presentation.

    Each shape's inheritance and place are worked out once and remembered: the slide, its layout and master
    must not change while a SlideLook is in use (the checks only read them)."""

    def __init__(self, slide: Any, theme: dict[str, Rgb], presentation_element: Any,
                 theme_element: Any | None = None):
        layout = slide.slide_layout
        master = layout.slide_master
        self.master = Part(xml_of(master))
        self.layout = Part(xml_of(layout), self.master)
        self.slide = Part(xml_of(slide), self.layout)
        self.theme = theme
        self.theme_element = theme_element
        self.presentation = presentation_element
        self.clr_map = self._colour_map()
        self._chains: dict[tuple, list] = {}  # (shape, part) -> inheritance: ``behind`` asks for each shape under each
        self._rects: dict[tuple, Rect | None] = {}  # (shape, part) -> rect, for the same reason

    # -- colours -------------------------------------------------------------------------------------------
    def _colour_map(self) -> dict[str, str]:
        mapping = dict(_CLR_MAP_DEFAULT)
        cm = self.master.element.find(q("p:clrMap"))
        if cm is not None:
            mapping.update(cm.attrib)
        for part in (self.layout, self.slide):  # the nearest override wins
            ovr = part.element.find(f"{q('p:clrMapOvr')}/{q('a:overrideClrMapping')}")
            if ovr is not None:
                mapping = dict(ovr.attrib)
        return mapping

    def color(self, el: Any, placeholder: Rgb | None = None) -> Rgb | None:
        """The colour of a colour element (srgbClr, schemeClr ...) or of the first one inside ``el``;
        ``placeholder`` stands for ``phClr``.  None when there is none or it cannot be resolved."""
        if el is None:
            return None
        if el.tag not in _COLOR_TAGS:
            el = next((c for c in el if c.tag in _COLOR_TAGS), None)
            if el is None:
                return None
        name = el.tag.split("}")[1]
        rgb: Rgb | None = None
        try:
            if name == "srgbClr":
                rgb = from_hex(el.get("val", ""))
            elif name == "sysClr":
                rgb = from_hex(el.get("lastClr") or ("000000" if el.get("val") == "windowText" else "FFFFFF"))
            elif name == "prstClr":
                rgb = from_hex(_PRESET[el.get("val", "")]) if el.get("val") in _PRESET else None
            elif name == "scrgbClr":
                rgb = tuple(min(max(int(el.get(c, "0")) / 100000, 0.0), 1.0) ** (1 / 2.2)
                            for c in ("r", "g", "b"))  # type: ignore[assignment]
            elif name == "schemeClr":
                val = el.get("val", "")
                if val == "phClr":
                    rgb = placeholder
                else:
                    rgb = self.theme.get(self.clr_map.get(val, val))
        except ValueError:
            return None
        if rgb is None:
            return None
        for mod in el:
            mod_name = mod.tag.split("}")[1]
            if mod.get("val") is not None:
                rgb = transform(rgb, mod_name, int(mod.get("val")) / 100000)
            elif mod_name in ("inv", "gray"):
                rgb = transform(rgb, mod_name, 0.0)
        return rgb

    def fill_colors(self, fill_parent: Any, placeholder: Rgb | None = None) -> list[Rgb] | None:
        """The colours of the fill in ``fill_parent`` (an spPr, tcPr, bgPr...): one for a solid fill, each stop
        of a gradient, fore and back of a pattern; ``[]`` for no fill; None when it says nothing about fill
        (or has a picture fill, which is not judged)."""
        if fill_parent is None:
            return None
        for child in fill_parent:
            tag = child.tag
            if tag == q("a:noFill"):
                return []
            if tag == q("a:solidFill"):
                c = self.color(child, placeholder)
                return [c] if c is not None else None
            if tag == q("a:gradFill"):
                stops = [self.color(gs, placeholder) for gs in child.iter(q("a:gs"))]
                return [c for c in stops if c is not None] or None
            if tag == q("a:pattFill"):
                cs = [self.color(child.find(q(t)), placeholder) for t in ("a:fgClr", "a:bgClr")]
                return [c for c in cs if c is not None] or None
            if tag in (q("a:blipFill"), q("a:grpFill")):
                return None
        return None

    # -- placeholders --------------------------------------------------------------------------------------
    def base_placeholder(self, shape: Any, part: Part) -> tuple[Any, Part] | None:
        """The layout's (for a slide's) or master's (for a layout's) placeholder ``shape`` inherits from:
        a layout's by idx (else by type), the master's by type (title, the footer kinds, else body)."""
        ph = ph_of(shape)
        if ph is None or part.base is None:
            return None
        base = part.base
        kind = ph_type(ph)
        same = TITLE_TYPES if kind in TITLE_TYPES else (kind,)
        candidates = list(base.placeholders())
        if base is self.layout:
            matches = [el for el in candidates if ph_of(el).get("idx", "0") == ph.get("idx", "0")]
            matches = matches or [el for el in candidates if ph_type(ph_of(el)) in same]
        else:
            want = same if kind in TITLE_TYPES + FURNITURE_TYPES else ("body",)
            matches = [el for el in candidates if ph_type(ph_of(el)) in want]
        return (matches[0], base) if matches else None

    def inheritance(self, shape: Any, part: Part | None = None) -> list[Any]:
        """``shape`` and the placeholders it inherits from, nearest first (worked out once per shape: each rule
        asks again)."""
        part = part or self.slide
        chain = self._chains.get((shape, part))
        if chain is None:
            chain = [shape]
            step = self.base_placeholder(shape, part)
            while step is not None:
                chain.append(step[0])
                step = self.base_placeholder(step[0], step[1])
            self._chains[(shape, part)] = chain
        return list(chain)

    # -- text ----------------------------------------------------------------------------------------------
    def text_styles(self, shape: Any, part: Part | None = None) -> tuple[list, list, float]:
        """Where a ``p:sp``'s text takes its styles from: the text bodies of the shape and the placeholders it
        inherits from (nearest first), the master's text style sheets it falls back on, and its autofit font
        scale."""
        chain = self.inheritance(shape, part)
        return [el.find(q("p:txBody")) for el in chain], self._sheets(ph_of(shape)), self._font_scale(chain)

    def text_runs(self, shape: Any, part: Part | None = None) -> Iterator[TextRun]:
        """Every non-blank run of a ``p:sp``'s text as drawn (size after autofit)."""
        body = shape.find(q("p:txBody"))
        if body is None:
            return
        chain = self.inheritance(shape, part)
        ph = ph_of(shape)
        sheets = self._sheets(ph)
        scale = self._font_scale(chain)
        style_color = self.color(shape.find(f"{q('p:style')}/{q('a:fontRef')}"))
        yield from self.runs_in(body, [el.find(q("p:txBody")) for el in chain], sheets, scale, style_color)

    def runs_in(self, body: Any, bodies: list, sheets: list, scale: float = 1.0,
                style_color: Rgb | None = None) -> Iterator[TextRun]:
        """The runs of text body ``body`` with list styles from ``bodies`` (its own first) and ``sheets``."""
        for p, _, level_props in paragraph_sources(body, bodies, sheets):
            for r in p:
                if r.tag not in (q("a:r"), q("a:fld")):
                    continue
                text = "".join(t.text or "" for t in r.iter(q("a:t")))
                if not text.strip():
                    continue
                yield self._run(text, [r.find(q("a:rPr"))] + level_props, scale, style_color)

    def _run(self, text: str, props: list, scale: float, style_color: Rgb | None) -> TextRun:
        props = [p for p in props if p is not None]
        size = next((int(p.get("sz")) / 100 for p in props if p.get("sz")), DEFAULT_SIZE_PT)
        bold = next((p.get("b") in ("1", "true") for p in props if p.get("b") is not None), False)
        color = None
        for p in props:
            fill = p.find(q("a:solidFill"))
            if fill is not None:
                color = self.color(fill)
                break
            if p is props[0] and p.find(q("a:hlinkClick")) is not None:
                color = self.theme.get(self.clr_map.get("hlink", "hlink"))
                break
        else:
            color = style_color or self.theme.get(self.clr_map.get("tx1", "dk1"))
        return TextRun(text, size * scale, bold, color)

    def _sheets(self, ph: Any | None) -> list:
        """The master text style (and presentation default) a shape's text falls back on."""
        if ph is not None:
            tx = self.master.element.find(q("p:txStyles"))
            return [tx.find(q(f"p:{_txstyle_name(ph_type(ph))}")) if tx is not None else None]
        sheets = []
        if self.theme_element is not None:
            sheets.append(self.theme_element.find(
                f".//{q('a:objectDefaults')}/{q('a:txDef')}/{q('a:lstStyle')}"))
        sheets.append(self.presentation.find(q("p:defaultTextStyle")))
        return sheets

    @staticmethod
    def _font_scale(chain: list) -> float:
        for el in chain:
            fit = el.find(f"{q('p:txBody')}/{q('a:bodyPr')}/{q('a:normAutofit')}")
            if fit is not None:
                return int(fit.get("fontScale", "100000")) / 100000
            bp = el.find(f"{q('p:txBody')}/{q('a:bodyPr')}")
            if bp is not None and len(bp):
                return 1.0  # another autofit setting (none, or shape resizes) decides it
        return 1.0

    # -- where things are, and what is behind them -----------------------------------------------------------
    def rect(self, shape: Any, part: Part | None = None) -> Rect | None:
        """Where ``shape`` is (its own position, else the placeholder's it inherits)."""
        key = (shape, part or self.slide)
        if key not in self._rects:  # ``behind`` asks again for each shape drawn over this one
            self._rects[key] = self._find_rect(shape, part)
        return self._rects[key]

    def _find_rect(self, shape: Any, part: Part | None) -> Rect | None:
        for el in self.inheritance(shape, part):
            xfrm = el.find(f"{q('p:spPr')}/{q('a:xfrm')}")
            if xfrm is None:
                xfrm = el.find(q("p:xfrm"))  # graphic frames
            if xfrm is None:
                xfrm = el.find(f"{q('p:grpSpPr')}/{q('a:xfrm')}")
            if xfrm is not None and xfrm.find(q("a:off")) is not None and xfrm.find(q("a:ext")) is not None:
                off, ext = xfrm.find(q("a:off")), xfrm.find(q("a:ext"))
                return Rect(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
        return None

    def own_fill(self, shape: Any, part: Part | None = None) -> list[Rgb] | None:
        """The colours of ``shape``'s own fill (inherited from its placeholders and its style), [] for none
        (transparent), None when unknown."""
        for el in self.inheritance(shape, part):
            colors = self.fill_colors(el.find(q("p:spPr")))
            if colors is not None:
                return colors
            if el.find(f"{q('p:spPr')}/{q('a:blipFill')}") is not None:
                return None
        ref = shape.find(f"{q('p:style')}/{q('a:fillRef')}")
        if ref is not None and ref.get("idx", "0") != "0":
            c = self.color(ref)
            return [c] if c is not None else None
        return []

    def background(self) -> list[Rgb] | None:
        """The slide's background colours (its own, else the layout's, else the master's)."""
        for part in (self.slide, self.layout, self.master):
            bg = part.element.find(f"{q('p:cSld')}/{q('p:bg')}")
            if bg is None:
                continue
            pr = bg.find(q("p:bgPr"))
            if pr is not None:
                return self.fill_colors(pr)
            ref = bg.find(q("p:bgRef"))
            if ref is not None:
                return self._background_style(ref)
        white = self.theme.get(self.clr_map.get("bg1", "lt1"))
        return [white] if white is not None else None

    def _background_style(self, ref: Any) -> list[Rgb] | None:
        colour = self.color(ref)
        idx = int(ref.get("idx", "0"))
        if self.theme_element is not None and idx >= 1001:
            styles = self.theme_element.find(f".//{q('a:fmtScheme')}/{q('a:bgFillStyleLst')}")
            if styles is not None and idx - 1001 < len(styles):
                return self.fill_colors([styles[idx - 1001]], placeholder=colour)  # a list of one fill: iterable
        return [colour] if colour is not None else None

    def behind(self, shape: Any, rect: Rect) -> list[Rgb] | None:
        """The colours behind ``shape`` (a top-level shape of the slide): the topmost filled shape under it
        whose area holds its centre (slide, then layout, then master, unless they hide the master's
        shapes), else the background."""
        for el, part in self._under(shape, rect):
            if el.tag == q("p:pic"):
                return None  # text over a picture: not judged (see picture_behind)
            colors = self.own_fill(el, part)
            if colors:
                return colors
        return self.background()

    def picture_behind(self, shape: Any, rect: Rect) -> str | None:
        """What picture ``shape``'s text sits on, as a phrase (``picture "Map"``, ``the slide's background
        picture``), or None when the nearest thing under it is a colour."""
        for el, part in self._under(shape, rect):
            colors = None if el.tag == q("p:pic") else self.own_fill(el, part)
            if colors:
                return None
            if el.tag == q("p:pic") or (colors is None and self.has_picture_fill(el, part)):
                pr = next((c.find(q("p:cNvPr")) for c in el if c.find(q("p:cNvPr")) is not None), None)
                where = "" if part is self.slide else f" on the {'layout' if part is self.layout else 'master'}"
                return f'picture "{pr.get("name", "") if pr is not None else ""}"{where}'
        for part in (self.slide, self.layout, self.master):
            bg = part.element.find(f"{q('p:cSld')}/{q('p:bg')}")
            if bg is not None:
                pr = bg.find(q("p:bgPr"))
                return "the slide's background picture" if pr is not None and pr.find(q("a:blipFill")) is not None \
                    else None
        return None

    def has_picture_fill(self, shape: Any, part: Part | None = None) -> bool:
        """Whether ``shape`` (or the placeholder it inherits its fill from) is filled with a picture."""
        for el in self.inheritance(shape, part):
            sp_pr = el.find(q("p:spPr"))
            if sp_pr is not None and sp_pr.find(q("a:blipFill")) is not None:
                return True
            if self.fill_colors(sp_pr) is not None:
                return False
        return False

    def _under(self, shape: Any, rect: Rect) -> Iterator[tuple[Any, Part]]:
        """The shapes drawn under ``shape`` whose area holds its centre, topmost first: the slide's earlier
        shapes, then the layout's and the master's (unless hidden), placeholders of those excepted."""
        slide_shapes = list(_drawn_shapes(self.slide.element))
        index = next((i for i, el in enumerate(slide_shapes) if el is shape), len(slide_shapes))
        layers: list[tuple[list, Part]] = [(slide_shapes[:index], self.slide)]
        if self.slide.element.get("showMasterSp", "1") not in ("0", "false"):
            layers.append((list(_drawn_shapes(self.layout.element)), self.layout))
            if self.layout.element.get("showMasterSp", "1") not in ("0", "false"):
                layers.append((list(_drawn_shapes(self.master.element)), self.master))
        for shapes, part in layers:
            for el in reversed(shapes):
                if part is not self.slide and ph_of(el) is not None:
                    continue  # a layout's or master's placeholders are not drawn on the slide
                other = self.rect(el, part)
                if other is not None and other.contains_centre_of(rect):
                    yield el, part


def paragraph_sources(body: Any, bodies: list, sheets: list) -> Iterator[tuple[Any, list, list]]:
    """Each paragraph of text body ``body``, with where its properties come from, nearest first: its
    paragraph-property sources (its own ``a:pPr``, then the ``a:lvlNpPr`` of its level in ``bodies``' list
    styles and in ``sheets``) and their run defaults (``a:defRPr``)."""
    for p in body.iter(q("a:p")):
        ppr = p.find(q("a:pPr"))
        level = int(ppr.get("lvl", "0")) + 1 if ppr is not None else 1
        sources = [ppr]
        for b in bodies:
            sources.append(b.find(f"{q('a:lstStyle')}/{q(f'a:lvl{level}pPr')}") if b is not None else None)
        for sheet in sheets:
            sources.append(sheet.find(q(f"a:lvl{level}pPr")) if sheet is not None else None)
        sources = [x for x in sources if x is not None]
        level_props = [x.find(q("a:defRPr")) for x in sources]
        yield p, sources, [x for x in level_props if x is not None]


def _drawn_shapes(part_element: Any) -> Iterator[Any]:
    """The top-level shapes of a part's shape tree, in drawing order (groups as one shape)."""
    tree = part_element.find(f"{q('p:cSld')}/{q('p:spTree')}")
    if tree is None:
        return
    for el in tree:
        if el.tag in (q("p:sp"), q("p:pic"), q("p:graphicFrame"), q("p:grpSp"), q("p:cxnSp")):
            yield el


def reads_before(a: Rect, b: Rect) -> bool:
    """Whether a reader takes ``a`` before ``b``: ``a`` is wholly above ``b``, or beside it (their heights
    overlap) and to its left."""
    if a.bottom <= b.top:
        return True
    if b.bottom <= a.top:
        return False
    return a.left < b.left or (a.left == b.left and a.top < b.top)


def reading_sequence(rects: list[Rect]) -> list[int]:
    """Indexes of ``rects`` in reading order (top to bottom, left to right within a row); ties keep their
    order."""
    left = list(range(len(rects)))
    order = []
    while left:
        first = next((i for i in left if not any(reads_before(rects[j], rects[i]) for j in left if j != i)),
                     min(left, key=lambda i: (rects[i].top, rects[i].left, i)))
        order.append(first)
        left.remove(first)
    return order
