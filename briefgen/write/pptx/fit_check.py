"""The deck's "fit" rule: no text runs out of its box, as the build's fit engine measures it.

Each text shape of a slide (groups included) is measured again the way the build measured the text it
fitted (:class:`briefgen.render.deck.fit.TextMeasurer`: words wrapped to the box's inner width with the
advance widths of the font the text is drawn in, or its metric-compatible twin, lines 1.2 times the font
size): the box and its insets from the shape (or the placeholder it inherits), each paragraph's size and
weight from its runs (after autofit's font scale), its font from the run or the theme, its margins,
spacing and line spacing from the paragraph, the shape's list styles and the master's text styles.  Text
whose lines need more height than the box has, or (with wrapping off) a line wider than the box, is
reported.  Not measured: shapes whose box grows with its text ("Resize shape to fit text"), vertical
text, and table cells (a table's rows grow with their text).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Any, Iterator

from briefgen.render.deck.fit import LINE_HEIGHT, Box, Para, TextMeasurer, measurer_for
from briefgen.write.pptx.appearance import DEFAULT_SIZE_PT, EMU_PER_PT, TITLE_TYPES, SlideLook, paragraph_sources, ph_of, ph_type, q
from briefgen.write.pptx.master import level_style

TOLERANCE_PT = 0.5  # renderers round positions; less than this over is not an overflow
_INSETS = (("lIns", 91440), ("tIns", 45720), ("rIns", 91440), ("bIns", 45720))  # the schema's defaults, EMU


@dataclass(frozen=True)
class Overflow:
    """Text that does not fit its box: which shape, by how much, and how it starts."""

    shape: str
    axis: str  # "height", or "width" for a line that does not wrap
    need: float  # points
    room: float  # points
    text: str
    stand_ins: tuple = ()  # fonts of the text that are not installed (measured with DejaVu Sans, which is wider)

    def message(self) -> str:
        """What is wrong and what to do, as ``briefgen check`` prints it."""
        note = (f" (measured with DejaVu Sans: {', '.join(self.stand_ins)} and its metric-compatible twins are not "
                f"installed)" if self.stand_ins else "")
        if self.axis == "width":
            return (f'"{self.shape}": "{_clip(self.text)}" is {self.need:.0f} pt wide and its box has {self.room:.0f} '
                    f"pt (wrapping is off){note}; shorten it, widen the box or turn on Wrap text in shape")
        return (f'"{self.shape}": its text needs {self.need:.0f} pt of height and the box has {self.room:.0f} pt '
                f'("{_clip(self.text)}"){note}; shorten the text, enlarge the box or move some of it to another slide')


@dataclass(frozen=True)
class _Frame:
    """A text shape's box in points, and how its text is laid out."""

    box: Box
    wrap: bool
    grows: bool  # the shape resizes to fit its text
    line_reduction: float  # autofit's line spacing reduction (0.2: 20% less)


def overflows(shapes: list, look: SlideLook, scale: tuple[float, float] = (1.0, 1.0)) -> Iterator[Overflow]:
    """Every text shape among ``shapes`` (a slide's top-level shapes; a group's children with the group's
    ``scale``) whose text does not fit its box."""
    fonts = _theme_fonts(look)
    for el in shapes:
        if el.tag == q("p:grpSp"):
            yield from overflows([c for c in el if c.tag in (q("p:sp"), q("p:grpSp"))], look, _group_scale(el, scale))
        elif el.tag == q("p:sp") and el.find(q("p:txBody")) is not None:
            found = _overflow(el, look, scale, fonts)
            if found is not None:
                yield found


def _overflow(shape: Any, look: SlideLook, scale: tuple[float, float], fonts: tuple[str, str]) -> Overflow | None:
    frame = _frame(shape, look, scale)
    if frame is None:
        return None
    bodies, sheets, font_scale = look.text_styles(shape)
    title = ph_of(shape) is not None and ph_type(ph_of(shape)) in TITLE_TYPES
    paras = [_para(p, sources, props, font_scale, frame, fonts, title)
             for p, sources, props in paragraph_sources(shape.find(q("p:txBody")), bodies, sheets)]
    if not any(p.para.text.strip() for p in paras):
        return None
    name = _name(shape)
    stand_ins = tuple(sorted({f for p in paras for f in (p.family, *(r[3] for r in p.runs if r[3]))
                              if measurer_for(f)[1]}))
    if frame.grows:  # "Resize shape to fit text": the box grows with its text (wider, too, when it does not wrap)
        return None
    if not frame.wrap:
        for p in paras:
            for line, need in _line_widths(p):
                if need > frame.box.inner_width + TOLERANCE_PT:
                    return Overflow(name, "width", need, frame.box.inner_width, line, stand_ins)
    need = sum(_height(p, frame) for p in paras) + sum(p.para.style.space_after for p in paras[:-1])
    if need > frame.box.inner_height + TOLERANCE_PT:
        return Overflow(name, "height", need, frame.box.inner_height,
                        next(p.para.text for p in paras if p.para.text.strip()), stand_ins)
    return None


def _frame(shape: Any, look: SlideLook, scale: tuple[float, float]) -> _Frame | None:
    """The shape's box and text settings (None: no size, or vertical text, which is not measured)."""
    rect = look.rect(shape)
    if rect is None:
        return None
    chain = look.inheritance(shape)
    props = [bp for bp in (el.find(f"{q('p:txBody')}/{q('a:bodyPr')}") for el in chain) if bp is not None]

    def setting(name: str) -> str | None:
        return next((bp.get(name) for bp in props if bp.get(name) is not None), None)

    if (setting("vert") or "horz") != "horz":
        return None
    insets = [int(setting(n) or default) / EMU_PER_PT for n, default in _INSETS]
    box = Box(width=rect.width * scale[0] / EMU_PER_PT, height=rect.height * scale[1] / EMU_PER_PT,
              inset_left=insets[0], inset_top=insets[1], inset_right=insets[2], inset_bottom=insets[3])
    autofit = next((child for bp in props for child in bp
                    if child.tag in (q("a:spAutoFit"), q("a:normAutofit"), q("a:noAutofit"))), None)
    reduction = 0.0
    if autofit is not None and autofit.tag == q("a:normAutofit"):
        reduction = int(autofit.get("lnSpcReduction", "0")) / 100000
    return _Frame(box, (setting("wrap") or "square") != "none",
                  autofit is not None and autofit.tag == q("a:spAutoFit"), reduction)


@dataclass(frozen=True)
class _Paragraph:
    """One paragraph as the fit engine measures it, the font it is drawn in, and its runs (text, size, bold,
    font; ``"\n"`` for a line break) for the width of lines that do not wrap."""

    para: Para
    family: str
    runs: tuple


def _para(p: Any, sources: list, props: list, font_scale: float, frame: _Frame,
          fonts: tuple[str, str], title: bool) -> _Paragraph:
    style = level_style(sources)
    runs = []
    for r in p:
        if r.tag == q("a:br"):
            runs.append(("\n", 0.0, False, ""))
        elif r.tag in (q("a:r"), q("a:fld")):
            text = "".join(t.text or "" for t in r.iter(q("a:t")))
            rpr = [r.find(q("a:rPr"))] + props
            runs.append((text, _size(rpr) * font_scale, _bold(rpr), _family(rpr, fonts, title)))
    inked = [run for run in runs if run[0].strip()]
    if inked:  # wrapped in the weight most of its letters have, at its largest size, in its first run's font
        size, family = max(run[1] for run in inked), inked[0][3]
        bold = sum(len(run[0]) for run in inked if run[2]) * 2 > sum(len(run[0]) for run in inked)
    else:  # an empty paragraph still takes a line, at its end mark's size
        end = [p.find(q("a:endParaRPr"))] + props
        size, bold, family = _size(end) * font_scale, False, _family(end, fonts, title)
    style = replace(style, size=size, bold=bold, line_spacing=style.line_spacing * (1 - frame.line_reduction))
    return _Paragraph(Para("".join(run[0] for run in runs), style), family, tuple(runs))


def _line_widths(paragraph: _Paragraph) -> Iterator[tuple[str, float]]:
    """Each line of a paragraph that does not wrap, and its width in points (each run in its own size, weight
    and font), its margin included: the first line's indent (or a hanging bullet's) only on the first line."""
    st = paragraph.para.style
    text, width = "", max(st.margin, st.margin + st.indent)
    for run_text, size, bold, family in paragraph.runs:
        if run_text == "\n":
            yield text, width
            text, width = "", st.margin
        else:
            text, width = text + run_text, width + _measurer(family).width(run_text, size, bold)
    yield text, width


def _height(paragraph: _Paragraph, frame: _Frame) -> float:
    st = paragraph.para.style
    text = paragraph.para.text
    n = _line_count(paragraph.family, text, frame.box.inner_width, st) if frame.wrap else text.count("\n") + 1
    return n * st.size * LINE_HEIGHT * st.line_spacing + st.space_before


@functools.lru_cache(maxsize=8192)
def _line_count(family: str, text: str, width: float, style: Any) -> int:
    """Lines ``text`` wraps to (kept: ``build`` checks every deck it writes, and decks repeat their text)."""
    return _measurer(family).lines(text, width, style)


def _measurer(family: str) -> TextMeasurer:
    return measurer_for(family)[0]


def _size(props: list) -> float:
    """A run's size in points from its properties (``a:rPr``, then its level's ``a:defRPr`` ...), as
    :meth:`~briefgen.write.pptx.appearance.SlideLook.text_runs` reads it, without resolving its colour."""
    return next((int(pr.get("sz")) / 100 for pr in props if pr is not None and pr.get("sz")), DEFAULT_SIZE_PT)


def _bold(props: list) -> bool:
    return next((pr.get("b") in ("1", "true") for pr in props if pr is not None and pr.get("b") is not None), False)


def _family(props: list, fonts: tuple[str, str], title: bool) -> str:
    """The font a run is drawn in: the nearest ``a:latin`` typeface (``+mj-lt``/``+mn-lt``: the theme's
    heading or body font of ``fonts``), else the theme's heading font for a title, its body font otherwise."""
    for pr in props:
        latin = pr.find(q("a:latin")) if pr is not None else None
        face = latin.get("typeface") if latin is not None else None
        if face:
            return fonts[0] if face.startswith("+mj") else fonts[1] if face.startswith("+mn") else face
    return fonts[0] if title else fonts[1]


def _theme_fonts(look: SlideLook) -> tuple[str, str]:
    """The theme's heading and body fonts (Calibri when it names none)."""
    found = []
    for kind in ("majorFont", "minorFont"):
        el = (look.theme_element.find(f".//{q('a:fontScheme')}/{q(f'a:{kind}')}/{q('a:latin')}")
              if look.theme_element is not None else None)
        found.append((el.get("typeface") if el is not None else None) or "Calibri")
    return found[0], found[1]


def _group_scale(group: Any, scale: tuple[float, float]) -> tuple[float, float]:
    """How a group stretches its children's boxes (its size over its children's extent)."""
    xfrm = group.find(f"{q('p:grpSpPr')}/{q('a:xfrm')}")
    ext, ch = (xfrm.find(q("a:ext")), xfrm.find(q("a:chExt"))) if xfrm is not None else (None, None)
    if ext is None or ch is None or int(ch.get("cx", "0")) <= 0 or int(ch.get("cy", "0")) <= 0:
        return scale
    return (scale[0] * int(ext.get("cx")) / int(ch.get("cx")), scale[1] * int(ext.get("cy")) / int(ch.get("cy")))


def _name(el: Any) -> str:
    pr = el.find(f"{q('p:nvSpPr')}/{q('p:cNvPr')}")
    return pr.get("name", "") if pr is not None else ""


def _clip(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"
