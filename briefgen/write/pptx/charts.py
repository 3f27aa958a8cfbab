"""Native, editable deck charts: each ChartSpec drawn with PowerPoint's own objects in the slide's chart box.

- threat overview: a bar chart (chart part with its embedded workbook, so "Edit Data" opens the numbers),
  highlighted threats coloured point by point, value labels, axis titles, a legend saying what the colours mean;
- options map: an XY scatter of deterrence value against escalation risk, numbered points (options sharing
  a position share one label listing their numbers), the quadrant bands as shapes behind the plot, and a
  key of numbered option titles as text;
- risk heat map: a 5 x 5 grid of shapes coloured by score, numbered markers in their cells, the key as text;
- capability matrix: a table, domains down and owners across, status by symbol and colour, a legend row;
- timeline: shapes on a date axis (line, ticks, markers, labels with leader lines), approximate dates hollow
  and marked "c.".

Everything but the matrix is one named group (a table cannot be grouped in PowerPoint), with the spec's alt
text.  Colours are the spec's theme (the master's palette) written as explicit RGB, text is in the master's
font and measured with the deck's fit engine (:mod:`briefgen.render.deck.fit`) so that no label leaves its
place.  Nothing here imports matplotlib; :data:`NATIVE_KINDS` lists the kinds drawn natively.  Text boxes,
shapes and lines are written as the very XML python-pptx makes for them (a chart has a hundred or more, and
python-pptx builds each one element by element, several times slower).
"""
from __future__ import annotations

import datetime
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable, Iterator, NamedTuple, Sequence
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE, XL_TICK_MARK
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.shapes.autoshape import AutoShapeType
from pptx.util import Emu, Pt

from briefgen.render.charts.palette import cell_colour, ink_on, mix
from briefgen.load.vocabulary import in_sentence
from briefgen.render.charts.spec import ChartPoint, ChartSpec
from briefgen.render.deck.fit import TextMeasurer
from briefgen.render.deck.picture import Frame
from briefgen.write.contrast import TEXT_RATIO, contrast_ratio, from_hex
from briefgen.write.pptx.elements import (
    add_shape_xml,
    chart_space,
    dated_category_data,
    dated_xy_data,
    fit_group_extents,
    hold_group_extents,
    next_shape_id,
    table_xml,
    xml_of,
)

BODY = 11.0  # pt: the smallest text on any chart, as on the pictures
SMALL = 10.0  # pt: numbers inside markers
TITLE = 13.0  # pt: the chart's own title, above it
HEADER_GAP = 8.0  # pt between the title row and the chart
LINE = 1.2  # line height as a multiple of the font size
ELLIPSIS = "\u2026"
BADGE = 17.0  # pt: diameter of a numbered marker
KEY_BADGE = 14.0  # pt: the same marker in a key

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def emu(points: float) -> Emu:
    """Points to EMU."""
    return Emu(int(round(points * 12700)))


@dataclass(frozen=True)
class Ink:
    """The colours a chart is drawn in (``#rrggbb``), from the spec's theme."""

    primary: str
    accent: str
    highlight: str
    muted: str
    text: str
    background: str
    grid: str
    soft: str  # muted, yet readable as 11 pt text
    backup: str  # fill of backup bars

    @classmethod
    def of(cls, spec: ChartSpec) -> Ink:
        """The ink of ``spec``'s theme."""
        t = spec.theme
        return cls(t.primary, t.accent, t.highlight, t.muted, t.text, t.background, t.grid,
                   soft=mix(t.muted, t.text, 0.45), backup=mix(t.muted, t.background, 0.35))


@dataclass(frozen=True)
class Context:
    """What every drawing function needs besides the spec: text measurer, font, colours, workbook date."""

    measure: TextMeasurer
    font: str
    ink: Ink
    created: datetime.datetime


class Run(NamedTuple):
    """A piece of text in one style."""

    text: str
    colour: str
    bold: bool = False
    italic: bool = False
    size: float | None = None


def add_native_chart(shapes: Any, frame: Frame, spec: ChartSpec, measure: TextMeasurer, font: str,
                     created: datetime.datetime) -> Any:
    """Draw ``spec`` natively in ``frame`` on ``shapes`` (a slide's shape tree); return the one shape or group
    it is, named "Chart: TITLE" with the spec's alt text."""
    ctx = Context(measure, font, Ink.of(spec), created)
    shape = _DRAWERS[spec.kind](shapes, frame, spec, ctx)
    describe(shape, f"Chart: {spec.title}", spec.alt_text)
    return shape


def describe(shape: Any, name: str, alt_text: str) -> None:
    """Name ``shape`` and give it ``alt_text`` (its ``p:cNvPr`` name and ``descr``, what screen readers read)."""
    cnvpr = xml_of(shape).find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr")
    cnvpr.set("name", name)
    cnvpr.set("descr", alt_text)


# ------------------------------------------------------------------ text and shapes
def rgb(colour: str) -> RGBColor:
    """A ``#rrggbb`` colour as python-pptx's RGBColor."""
    return RGBColor.from_string(colour.lstrip("#").upper())


def fit(measure: TextMeasurer, text: str, width: float, size: float = BODY, bold: bool = False,
        lines: int = 1) -> list[str]:
    """``text`` wrapped to ``width`` points in at most ``lines`` lines, the last cut with an ellipsis."""
    wrapped = measure.wrap(text, width, size, bold)
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    last = " ".join(wrapped[lines - 1:])
    words = last.split(" ")
    while words:
        candidate = " ".join(words).rstrip(",;:-\u2013(") + ELLIPSIS
        if measure.width(candidate, size, bold) <= width * 0.97 or len(words) == 1:
            break
        words.pop()
    candidate = " ".join(words).rstrip(",;:-\u2013(") + ELLIPSIS
    while measure.width(candidate, size, bold) > width * 0.97 and len(candidate) > 2:
        candidate = candidate[:-2].rstrip() + ELLIPSIS
    kept[-1] = candidate
    return kept


def line_height(size: float = BODY) -> float:
    """Baseline-to-baseline distance of ``size`` pt text."""
    return size * LINE


# The XML python-pptx writes for these shapes, written here directly (the same bytes, in a fraction of the time:
# a chart is a few hundred shapes, and python-pptx builds each element by element).
_NSDECLS = f'xmlns:a="{_A}" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
_ALIGN = {"l": "l", "c": "ctr", "r": "r"}
_ANCHOR = {"t": "t", "m": "ctr", "b": "b"}
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")  # as python-pptx escapes them in run text: _xHHHH_


def add_text(shapes: Any, box: Frame, paragraphs: Sequence[Sequence[Run]], *, size: float = BODY,
             align: str = "l", anchor: str = "t", name: str = "Text", spacing: float | None = None,
             wrap: bool = True, fill: str | None = None, inset: float | tuple[float, float] = 0.0) -> Any:
    """A text box at ``box`` holding ``paragraphs`` (each a list of runs); ``spacing``: exact line spacing in
    points; ``fill``: an opaque background; ``inset``: left and right insets in points, or (left, right) (none
    above and below)."""
    spacing_xml = f'<a:lnSpc><a:spcPts val="{_centipoints(spacing)}"/></a:lnSpc>' if spacing is not None else ""
    paragraph_start = f'<a:p><a:pPr algn="{_ALIGN[align]}"' + (f">{spacing_xml}</a:pPr>" if spacing_xml else "/>")
    body = "".join(paragraph_start + "".join(_run_xml(run, size) for run in runs) + "</a:p>" for runs in paragraphs)
    left, right = inset if isinstance(inset, tuple) else (inset, inset)
    xml = (f'<p:sp {_NSDECLS}><p:nvSpPr><p:cNvPr id="{next_shape_id(shapes)}" name={_attr(name)}/>'
           f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/>'
           f'</a:prstGeom>{_solid(fill) if fill is not None else "<a:noFill/>"}</p:spPr><p:txBody>'
           f'<a:bodyPr wrap="{"square" if wrap else "none"}" tIns="0" bIns="0" '
           f'lIns="{int(emu(left))}" rIns="{int(emu(right))}" '
           f'anchor="{_ANCHOR[anchor]}"><a:noAutofit/></a:bodyPr><a:lstStyle/>{body or "<a:p/>"}</p:txBody></p:sp>')
    element = parse_xml(xml)
    for t in element.iter(f"{{{_A}}}t"):
        if t.text is None:
            t.text = ""  # an empty run written <a:t></a:t>, as python-pptx writes it
    return add_shape_xml(shapes, element)


def _centipoints(points: float) -> int:
    """A size in points as python-pptx writes it (``Pt(points).centipoints``)."""
    return int(points * 12700) // 127


def _attr(value: str) -> str:
    """``value`` as a quoted XML attribute value."""
    return quoteattr(value, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _xfrm(box: Frame) -> str:
    return (f'<a:xfrm><a:off x="{int(emu(box.left))}" y="{int(emu(box.top))}"/><a:ext cx="{int(emu(box.width))}" '
            f'cy="{int(emu(box.height))}"/></a:xfrm>')


@cache
def _solid(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{rgb(colour)}"/></a:solidFill>'


def _run_xml(run: Run, size: float) -> str:
    text = escape(_CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", run.text))
    italic = ' i="1"' if run.italic else ""
    return (f'<a:r><a:rPr sz="{_centipoints(run.size or size)}" b="{1 if run.bold else 0}"{italic}>'
            f'{_solid(run.colour)}</a:rPr><a:t>{text}</a:t></a:r>')


def _run(paragraph: Any, run: Run, size: float) -> None:
    r = paragraph.add_run()
    r.text = run.text
    f = r.font
    f.size = Pt(run.size or size)
    f.bold = run.bold
    if run.italic:
        f.italic = True
    f.color.rgb = rgb(run.colour)


def _line_xml(line: str | None, width: float) -> str:
    return "<a:ln><a:noFill/></a:ln>" if line is None else f'<a:ln w="{int(Pt(width))}">{_solid(line)}</a:ln>'


def _shape_xml(shapes: Any, box: Frame, fill: str | None, line: str | None, line_width: float, shape: Any,
               name: str, body: str) -> str:
    """A preset shape (``shape``: an MSO_SHAPE) as python-pptx makes it, without its theme style, with
    ``body`` as its text body's properties and paragraph."""
    return (f'<p:sp {_NSDECLS}><p:nvSpPr><p:cNvPr id="{next_shape_id(shapes)}" name={_attr(name)}/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(box)}<a:prstGeom prst="{_preset(shape)}"><a:avLst/></a:prstGeom>'
            f'{_solid(fill) if fill is not None else "<a:noFill/>"}{_line_xml(line, line_width)}<a:effectLst/>'
            f'</p:spPr><p:txBody>{body}</p:txBody></p:sp>')


@cache
def _preset(shape: Any) -> str:
    return AutoShapeType(shape).prst


def add_box(shapes: Any, box: Frame, fill: str | None, line: str | None = None, line_width: float = 0.75,
            shape: Any = MSO_SHAPE.RECTANGLE, name: str = "Shape") -> Any:
    """A rectangle (or another autoshape) filled with ``fill`` (None: none), outlined with ``line`` (None: none)."""
    body = '<a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p>'
    return add_shape_xml(shapes, parse_xml(_shape_xml(shapes, box, fill, line, line_width, shape, name, body)))


def add_line(shapes: Any, x0: float, y0: float, x1: float, y1: float, colour: str, width: float = 1.0,
             name: str = "Line") -> Any:
    """A straight line from (x0, y0) to (x1, y1), in points."""
    bx, by, ex, ey = emu(x0), emu(y0), emu(x1), emu(y1)
    flip = (' flipH="1"' if bx > ex else "") + (' flipV="1"' if by > ey else "")
    xml = (f'<p:cxnSp {_NSDECLS}><p:nvCxnSpPr><p:cNvPr id="{next_shape_id(shapes)}" name={_attr(name)}/>'
           f'<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr><a:xfrm{flip}><a:off x="{min(bx, ex)}" y="{min(by, ey)}"/>'
           f'<a:ext cx="{abs(ex - bx)}" cy="{abs(ey - by)}"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
           f'{_line_xml(colour, width)}<a:effectLst/></p:spPr></p:cxnSp>')
    return add_shape_xml(shapes, parse_xml(xml))


def add_badge(shapes: Any, cx: float, cy: float, number: int, style: BadgeStyle, diameter: float = BADGE,
              name: str = "Marker") -> Any:
    """A numbered circle centred on (cx, cy), named "``name`` ``number``"."""
    r = diameter / 2
    run = _run_xml(Run(str(number), style.ink, style.bold), SMALL if number < 100 else SMALL - 2)
    body = ('<a:bodyPr rtlCol="0" anchor="ctr" lIns="0" rIns="0" tIns="0" bIns="0" wrap="none"><a:noAutofit/>'
            f'</a:bodyPr><a:lstStyle/><a:p><a:pPr algn="ctr"/>{run}</a:p>')
    xml = _shape_xml(shapes, Frame(cx - r, cy - r, diameter, diameter), style.fill, style.line, style.line_width,
                     MSO_SHAPE.OVAL, f"{name} {number}", body)
    return add_shape_xml(shapes, parse_xml(xml))


class BadgeStyle(NamedTuple):
    """How a numbered marker is drawn."""

    fill: str
    line: str
    ink: str
    line_width: float = 0.75
    bold: bool = True


def badge_styles(ink: Ink) -> dict[str, BadgeStyle]:
    """Marker looks for highlighted, ordinary and backup items (as the pictures draw them)."""
    return {"highlight": BadgeStyle(ink.highlight, ink.text, ink_on(ink.highlight, ink.text), 1.25),
            "normal": BadgeStyle(ink.primary, ink.primary, ink_on(ink.primary, ink.text)),
            "backup": BadgeStyle(mix(ink.muted, ink.background, 0.78), ink.muted, ink.text, 0.75, False)}


def role_of(spec: ChartSpec, p: ChartPoint) -> str:
    """"highlight", "backup" or "normal": how a point is drawn."""
    return "highlight" if spec.is_highlighted(p.id) else "backup" if p.role == "backup" else "normal"


class LegendEntry(NamedTuple):
    """One legend swatch: its label and look."""

    label: str
    fill: str
    line: str
    shape: Any = MSO_SHAPE.OVAL
    line_width: float = 0.75


def header(shapes: Any, frame: Frame, spec: ChartSpec, ctx: Context, legend: Sequence[LegendEntry]) -> float:
    """The chart's title at the top left of ``frame`` and its legend at the right (or below the title when
    both do not fit on one line); return the top of the space left below."""
    m = ctx.measure
    swatch = 9.0
    widths = [swatch + 4 + m.width(e.label, BODY) / 0.97 for e in legend]
    legend_w = sum(widths) + 14 * max(len(legend) - 1, 0)
    title_h = line_height(TITLE)
    title_room = frame.width - legend_w - 18
    one_row = m.width(spec.title, TITLE, True) <= title_room * 0.97
    title = fit(m, spec.title, frame.width if not one_row else title_room, TITLE, True)[0]
    add_text(shapes, Frame(frame.left, frame.top, frame.width if not one_row else title_room, title_h),
             [[Run(title, ctx.ink.text, True)]], size=TITLE, anchor="m", name="Chart Title", wrap=False)
    y = frame.top + (title_h - line_height(BODY)) / 2 if one_row else frame.top + title_h + 2
    x = frame.right - legend_w
    for entry, w in zip(legend, widths):
        cy = y + line_height(BODY) / 2
        add_box(shapes, Frame(x, cy - swatch / 2, swatch, swatch), entry.fill, entry.line, entry.line_width,
                entry.shape, name=f"Legend: {entry.label}")
        add_text(shapes, Frame(x + swatch + 4, y, w - swatch - 4, line_height(BODY)),
                 [[Run(entry.label, ctx.ink.text)]], anchor="m", name=f"Legend: {entry.label}", wrap=False)
        x += w + 14
    bottom = frame.top + title_h if one_row else y + line_height(BODY)
    return bottom + HEADER_GAP


def point_legend(spec: ChartSpec, ink: Ink, highlighted: str, plain: str) -> list[LegendEntry]:
    """Legend of a numbered-point chart: highlighted (if any), the others, backup (if any)."""
    styles = badge_styles(ink)
    roles = {role_of(spec, p) for p in spec.points}
    out = []
    if "highlight" in roles:
        out.append(LegendEntry(highlighted, styles["highlight"].fill, styles["highlight"].line, line_width=1.25))
    if "normal" in roles:
        out.append(LegendEntry(f"Other {in_sentence(plain)}" if "highlight" in roles else plain, ink.primary,
                               ink.primary))
    if "backup" in roles:
        out.append(LegendEntry("Backup", styles["backup"].fill, styles["backup"].line))
    return out


@contextmanager
def group_of(shapes: Any, name: str) -> Iterator[Any]:
    """A new group shape on ``shapes``; yields it, its extent fitted once all its shapes are added (python-pptx
    fits it after every shape, which costs more than the shapes themselves)."""
    group = shapes.add_group_shape()
    group.name = name
    hold_group_extents(group.shapes)
    yield group
    fit_group_extents(group.shapes)


# ------------------------------------------------------------------ native charts (chart parts)
def _positive_axis_ids(chart_space: Any) -> None:
    """python-pptx's chart templates number axes with negative ids; the schema wants unsigned ints."""
    for tag in ("axId", "crossAx"):
        for el in chart_space.iter(f"{{{_C}}}{tag}"):
            el.set("val", str(int(el.get("val")) % 2 ** 32))


def _plot_layout(chart: Any, frame: Frame, plot: Frame) -> None:
    """Place the plot area's inner rectangle (the axes' box) at ``plot`` within the chart's ``frame``."""
    x, y = (plot.left - frame.left) / frame.width, (plot.top - frame.top) / frame.height
    w, h = plot.width / frame.width, plot.height / frame.height
    plot_area = chart_space(chart).find(f".//{{{_C}}}plotArea")
    layout = plot_area.find(f"{{{_C}}}layout")
    if layout is None:
        layout = etree.Element(f"{{{_C}}}layout")
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, f"{{{_C}}}manualLayout")
    etree.SubElement(manual, f"{{{_C}}}layoutTarget", val="inner")
    etree.SubElement(manual, f"{{{_C}}}xMode", val="edge")
    etree.SubElement(manual, f"{{{_C}}}yMode", val="edge")
    for name, value in (("x", x), ("y", y), ("w", w), ("h", h)):
        etree.SubElement(manual, f"{{{_C}}}{name}", val=f"{value:.4f}")


def _style_axis(axis: Any, ctx: Context, line: bool = True) -> None:
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.tick_labels.font.size = Pt(BODY)
    axis.tick_labels.font.color.rgb = rgb(ctx.ink.text)
    axis.tick_labels.font.name = ctx.font
    if line:
        axis.format.line.color.rgb = rgb(ctx.ink.grid)
        axis.format.line.width = Pt(1)
    else:
        axis.format.line.fill.background()


def axis_titles(shapes: Any, plot: Frame, ctx: Context, x_title: str | None, y_title: str | None,
                y_left: float | None = None) -> None:
    """Axis titles as text beside a plot (or grid) at ``plot``: ``x_title`` centred below its tick labels,
    ``y_title`` turned up along the left edge at ``y_left`` (default: the left of the frame)."""
    size = BODY + 1
    h = line_height(size)
    if x_title:
        add_text(shapes, Frame(plot.left, plot.bottom + line_height(BODY) + 6, plot.width, h),
                 [[Run(fit(ctx.measure, x_title, plot.width, size)[0], ctx.ink.text, size=size)]], size=size,
                 align="c", name="Axis Title", wrap=False)
    if y_title:
        left = plot.left - 40 if y_left is None else y_left
        # A box turned a quarter: laid out as wide as the plot is tall, centred on the left edge.
        box = add_text(shapes, Frame(left + h / 2 - plot.height / 2, plot.top + plot.height / 2 - h / 2, plot.height,
                                     h), [[Run(fit(ctx.measure, y_title, plot.height, size)[0], ctx.ink.text,
                                               size=size)]], size=size, align="c", name="Axis Title", wrap=False)
        box.rotation = 270


def _chart_text(chart: Any, ctx: Context) -> None:
    """The chart's text in the master's font and colour, no title or legend of its own, and no fill or border
    (the slide, and any shapes behind the chart, show through)."""
    chart.font.size = Pt(BODY)
    chart.font.name = ctx.font
    chart.font.color.rgb = rgb(ctx.ink.text)
    chart.has_title = False
    chart.has_legend = False
    space = chart_space(chart)
    space.find(f"{{{_C}}}chart").addnext(_transparent())
    plot_area = space.find(f".//{{{_C}}}plotArea")
    ext = plot_area.find(f"{{{_C}}}extLst")
    if ext is not None:
        ext.addprevious(_transparent())
    else:
        plot_area.append(_transparent())


def _transparent() -> Any:
    sp = etree.Element(f"{{{_C}}}spPr")
    etree.SubElement(sp, f"{{{_A}}}noFill")
    etree.SubElement(etree.SubElement(sp, f"{{{_A}}}ln"), f"{{{_A}}}noFill")
    return sp


def threat_overview(shapes: Any, frame: Frame, spec: ChartSpec, ctx: Context) -> Any:
    """Bars of severity x likelihood, highest first, coloured point by point; see the module docstring."""
    ink = ctx.ink
    colours = {"highlight": ink.highlight, "normal": ink.primary, "backup": ink.backup}
    order = sorted(range(len(spec.points)), key=lambda i: (-spec.points[i].x * spec.points[i].y, i))
    roles = [role_of(spec, spec.points[i]) for i in order]
    with group_of(shapes, "Chart") as group:
        top = header(group.shapes, frame, spec, ctx, _bar_legend(spec, set(roles), ink))
        body = Frame(frame.left, top, frame.width, frame.bottom - top)
        # Lowest first: a bar chart's first category is drawn at the bottom, so the highest score reads first.
        order.reverse()
        roles.reverse()
        labels = [spec.points[i].label for i in order]
        data = dated_category_data(ctx.created, "0")
        data.categories = labels
        data.add_series(f"{spec.x_label} \u00d7 {in_sentence(spec.y_label)}",
                        [spec.points[i].x * spec.points[i].y for i in order])
        gf = group.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, emu(body.left), emu(body.top), emu(body.width),
                                    emu(body.height), data)
        describe(gf, "Threat bars", spec.alt_text)  # the chart keeps its description when ungrouped or copied
        chart = gf.chart
        _chart_text(chart, ctx)
        plot = chart.plots[0]
        plot.gap_width = 45
        plot.vary_by_categories = False
        plot.has_data_labels = True
        dl = plot.data_labels
        dl.number_format = "0"
        dl.number_format_is_linked = False
        dl.position = XL_LABEL_POSITION.OUTSIDE_END
        dl.font.size = Pt(BODY)
        dl.font.bold = True
        dl.font.color.rgb = rgb(ink.text)
        series = plot.series[0]
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(ink.primary)
        for n, role in enumerate(roles):
            point = series.points[n]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(colours[role])
        _style_axis(chart.category_axis, ctx)
        val = chart.value_axis
        val.minimum_scale, val.maximum_scale, val.major_unit = 0, 25, 5
        val.has_major_gridlines = True
        val.major_gridlines.format.line.color.rgb = rgb(ink.grid)
        val.major_gridlines.format.line.width = Pt(0.75)
        _style_axis(val, ctx, line=False)
        # The category labels get the width their longest line needs (cut to two lines at most), measured.
        label_w = min(max(ctx.measure.width(t, BODY) for t in labels) / 0.97 + 10, 0.36 * body.width)
        axis_h = line_height(BODY) + line_height(BODY + 1) + 10
        value_w = ctx.measure.width("25", BODY, True) / 0.97 + 12
        plot = Frame(body.left + label_w, body.top + 2, body.width - label_w - value_w, body.height - axis_h - 2)
        _plot_layout(chart, body, plot)
        _positive_axis_ids(chart_space(chart))
        axis_titles(group.shapes, plot, ctx, f"{spec.x_label} \u00d7 {in_sentence(spec.y_label)} (each 1\u20135)",
                    None)
    return group


def _bar_legend(spec: ChartSpec, roles: set[str], ink: Ink) -> list[LegendEntry]:
    """The threat bars' legend: priority (if any), the other threats, backup (if any)."""
    legend = []
    if "highlight" in roles:
        legend.append(LegendEntry("Priority", ink.highlight, ink.highlight, MSO_SHAPE.RECTANGLE))
    if "normal" in roles:
        plain = spec.label_of("threats")
        legend.append(LegendEntry(f"Other {in_sentence(plain)}" if "highlight" in roles else plain, ink.primary,
                                  ink.primary, MSO_SHAPE.RECTANGLE))
    if "backup" in roles:
        legend.append(LegendEntry("Backup", ink.backup, ink.backup, MSO_SHAPE.RECTANGLE))
    return legend


# ------------------------------------------------------------------ numbered points and their key
def number_key(shapes: Any, box: Frame, entries: Sequence[tuple[int, str, str]], ctx: Context,
               note: str = "") -> None:
    """A key of numbered markers and their labels in ``box``: (number, label, role) per entry; labels bold
    when highlighted, softer when backup; one line each (cut to fit, measured), in as many columns as the
    height needs; ``note`` on a last line."""
    ink = ctx.ink
    styles = badge_styles(ink)
    size = BODY
    # A line's glyphs reach a little below its line box: keep that much free at the bottom.
    height = box.height - (line_height(BODY) + 4 if note else 0) - 0.3 * size
    step = max(line_height(size), KEY_BADGE) + 2.5
    if len(entries) * step > height:  # tighter rows before a second column
        step = max(line_height(size) + 0.5, height / max(len(entries), 1))
    badge = min(KEY_BADGE, step - 1)
    per_col = max(1, int(height // step))
    cols = math.ceil(len(entries) / per_col) if entries else 1
    col_w = (box.width - 10 * (cols - 1)) / cols
    indent = badge + 5
    for c in range(cols):
        chunk = entries[c * per_col:(c + 1) * per_col]
        if not chunk:
            continue
        x = box.left + c * (col_w + 10)
        paras = []
        for k, (number, label, role) in enumerate(chunk):
            add_badge(shapes, x + badge / 2, box.top + k * step + step / 2, number, styles[role], badge,
                      name="Key Marker")
            bold = role == "highlight"
            text = fit(ctx.measure, label, col_w - indent, size, bold)[0]
            paras.append([Run(text, ink.soft if role == "backup" else ink.text, bold)])
        add_text(shapes, Frame(x + indent, box.top + (step - line_height(size)) / 2, col_w - indent,
                               step * len(chunk)), paras, size=size, spacing=step, name="Key")
    if note:
        add_text(shapes, Frame(box.left, box.bottom - line_height(BODY), box.width, line_height(BODY)),
                 [[Run(fit(ctx.measure, note, box.width)[0], ink.soft, italic=True)]], name="Key Note")


def key_entries(spec: ChartSpec) -> list[tuple[int, str, str]]:
    """(number, label, role) of each point, numbered in the spec's order."""
    return [(n, p.label, role_of(spec, p)) for n, p in enumerate(spec.points, 1)]


def spread(n: int, step: float, cell_w: float, cell_h: float) -> list[tuple[float, float]]:
    """Offsets (points) for ``n`` markers sharing one cell: the widest grid that fits (two side by side,
    four in a square), squeezed when none fits; markers in index order, each row centred."""
    cols = next((c for c in range(n, 0, -1) if c * step <= cell_w and math.ceil(n / c) * step <= cell_h), None)
    if cols is None:
        cols = max(1, min(n, int(cell_w // step)))
    rows = math.ceil(n / cols)
    sx = min(step, cell_w / cols)
    sy = min(step, cell_h / rows)
    out = []
    for i in range(n):
        r, c = divmod(i, cols)
        in_row = min(cols, n - r * cols)
        out.append(((c - (in_row - 1) / 2) * sx, (r - (rows - 1) / 2) * sy))
    return out


# ------------------------------------------------------------------ options map
AXIS_MIN, AXIS_MAX = 0.0, 6.0  # scores 1-5 with a unit of room at each end for markers and labels
_SCORE_FORMAT = '[<0.5]"";[>5.5]"";0'  # ticks at 1-5 only


def options_map(shapes: Any, frame: Frame, spec: ChartSpec, ctx: Context) -> Any:
    """Deterrence value against escalation risk; see the module docstring."""
    ink = ctx.ink
    m = ctx.measure
    with group_of(shapes, "Chart") as group:
        top = header(group.shapes, frame, spec, ctx, point_legend(spec, ink, "Recommended", spec.label_of("options")))
        key_w = min(4.2 * 72, max(2.4 * 72, 0.4 * frame.width))
        body = Frame(frame.left, top, frame.width - key_w - 16, frame.bottom - top)
        # The axes' box inside the chart frame: room for the tick labels and axis titles, left and below.
        left_room = line_height(BODY + 1) + m.width("5", BODY) + 14
        bottom_room = line_height(BODY) + line_height(BODY + 1) + 10
        plot = Frame(body.left + left_room, body.top + 4, body.width - left_room - 6,
                     body.height - bottom_room - 4)

        def at(x: float, y: float) -> tuple[float, float]:
            return (plot.left + (x - AXIS_MIN) / (AXIS_MAX - AXIS_MIN) * plot.width,
                    plot.bottom - (y - AXIS_MIN) / (AXIS_MAX - AXIS_MIN) * plot.height)

        _quadrants(group.shapes, plot, at, ctx)
        by_role: dict[str, list[int]] = {"backup": [], "normal": [], "highlight": []}
        for i, p in enumerate(spec.points):
            by_role[role_of(spec, p)].append(i)
        plain = spec.label_of("options")
        names = {"highlight": "Recommended", "normal": f"Other {in_sentence(plain)}" if by_role["highlight"] else plain,
                 "backup": "Backup"}
        data = dated_xy_data(ctx.created, "0")
        drawn = [r for r in ("backup", "normal", "highlight") if by_role[r]]  # the last drawn sits on top
        for r in drawn:
            series = data.add_series(names[r])
            for i in by_role[r]:
                series.add_data_point(spec.points[i].x, spec.points[i].y)
        gf = group.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, emu(body.left), emu(body.top), emu(body.width),
                                    emu(body.height), data)
        describe(gf, "Options scatter", spec.alt_text)  # the chart keeps its description when ungrouped or copied
        chart = gf.chart
        _chart_text(chart, ctx)
        _plot_layout(chart, body, plot)
        for axis in (chart.category_axis, chart.value_axis):
            axis.minimum_scale, axis.maximum_scale, axis.major_unit = AXIS_MIN, AXIS_MAX, 1
            axis.has_major_gridlines = False
            axis.tick_labels.number_format = _SCORE_FORMAT
            axis.tick_labels.number_format_is_linked = False
            _style_axis(axis, ctx)
        axis_titles(group.shapes, plot, ctx, "Deterrence value (1 low \u2013 5 high)",
                    "Escalation risk (1 low \u2013 5 high)", body.left)
        _scatter_points(chart, spec, drawn, by_role, at, plot, ctx)
        _positive_axis_ids(chart_space(chart))
        number_key(group.shapes, Frame(frame.right - key_w, top, key_w, frame.bottom - top), key_entries(spec),
                   ctx)
    return group


def _scatter_points(chart: Any, spec: ChartSpec, drawn: list[str], by_role: dict[str, list[int]],
                    at: Callable[[float, float], tuple[float, float]], plot: Frame, ctx: Context) -> None:
    """The options map's markers, a series per role (``drawn``, bottom to top), each numbered: in the marker
    when alone at its position, beside it (on a free side) listing every option there when shared."""
    ink, m, styles = ctx.ink, ctx.measure, badge_styles(ctx.ink)
    sizes = {"highlight": BADGE + 2, "normal": BADGE, "backup": BADGE - 2}
    holder = _label_holders(spec, drawn, by_role)
    obstacles = [_circle_box(*at(p.x, p.y), sizes[role_of(spec, p)]) for p in spec.points]
    for s, r in enumerate(drawn):
        series = chart.plots[0].series[s]
        series.format.line.fill.background()  # points, not a line
        series.smooth = False
        st = styles[r]
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = int(sizes[r])
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = rgb(st.fill)
        series.marker.format.line.color.rgb = rgb(st.line)
        series.marker.format.line.width = Pt(st.line_width)
        for k, i in enumerate(by_role[r]):
            numbers = holder.get(i)
            if numbers is None:
                # Another option at this position carries the marker and a label listing both: one marker
                # a position, in the colour of the most important option there, whichever app draws on top.
                series.points[k].marker.style = XL_MARKER_STYLE.NONE
                continue
            p = spec.points[i]
            label = series.points[k].data_label
            tf = label.text_frame
            if len(numbers) == 1:
                label.position = XL_LABEL_POSITION.CENTER
                _label_runs(tf, [Run(str(numbers[0]), st.ink, st.bold, size=SMALL)])
                continue
            runs = []
            for n, num in enumerate(numbers):
                role = role_of(spec, spec.points[num - 1])
                runs.append(Run(("" if n == 0 else ", ") + str(num), ink.soft if role == "backup" else ink.text,
                                role == "highlight", size=SMALL))
            w = sum(m.width(r_.text, SMALL, r_.bold) for r_ in runs) / 0.97 + 6
            label.position = _free_side(at(p.x, p.y), sizes[role_of(spec, p)], w, line_height(SMALL) + 4,
                                        obstacles, plot)
            obstacles.append(_label_box(at(p.x, p.y), sizes[role_of(spec, p)], w, line_height(SMALL) + 4,
                                        label.position))
            _label_runs(tf, runs)


def _label_holders(spec: ChartSpec, drawn: list[str], by_role: dict[str, list[int]]) -> dict[int, list[int]]:
    """For each position shared or not, the point that carries the label (the one drawn on top) and the
    numbers (1-based, in the key's order) of every option at that position."""
    at: dict[tuple, list[int]] = {}
    for i, p in enumerate(spec.points):
        at.setdefault((p.x, p.y), []).append(i)
    out = {}
    rank = {r: n for n, r in enumerate(drawn)}
    for members in at.values():
        top = max(members, key=lambda i: (rank[role_of(spec, spec.points[i])], -i))
        out[top] = [i + 1 for i in members]
    return out


def _circle_box(cx: float, cy: float, d: float) -> Frame:
    return Frame(cx - d / 2, cy - d / 2, d, d)


_SIDES = (XL_LABEL_POSITION.RIGHT, XL_LABEL_POSITION.LEFT, XL_LABEL_POSITION.ABOVE, XL_LABEL_POSITION.BELOW)


def _label_box(centre: tuple[float, float], d: float, w: float, h: float, side: Any) -> Frame:
    cx, cy = centre
    if side == XL_LABEL_POSITION.RIGHT:
        return Frame(cx + d / 2, cy - h / 2, w, h)
    if side == XL_LABEL_POSITION.LEFT:
        return Frame(cx - d / 2 - w, cy - h / 2, w, h)
    if side == XL_LABEL_POSITION.ABOVE:
        return Frame(cx - w / 2, cy - d / 2 - h, w, h)
    return Frame(cx - w / 2, cy + d / 2, w, h)


def _overlaps(a: Frame, b: Frame) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _free_side(centre: tuple[float, float], d: float, w: float, h: float, obstacles: list[Frame],
               plot: Frame) -> Any:
    """The first side (right, left, above, below) where a label ``w`` x ``h`` points stays inside the plot and
    clear of the markers and labels in ``obstacles``; right when none is."""
    for side in _SIDES:
        box = _label_box(centre, d, w, h, side)
        inside = plot.left <= box.left and box.right <= plot.right and plot.top <= box.top and box.bottom <= plot.bottom
        if inside and not any(_overlaps(box, o) for o in obstacles):
            return side
    return XL_LABEL_POSITION.RIGHT


def _label_runs(text_frame: Any, runs: Sequence[Run]) -> None:
    p = text_frame.paragraphs[0]
    for run in runs:
        _run(p, run, run.size or SMALL)


def _quadrants(shapes: Any, plot: Frame, at: Callable[[float, float], tuple[float, float]], ctx: Context) -> None:
    """The options map's background: the high-deterrence, low-risk quadrant tinted, the opposite one greyed,
    the midlines, and each quadrant's name in its corner."""
    ink = ctx.ink
    mid_x, mid_y = at(3, 3)
    add_box(shapes, Frame(mid_x, mid_y, plot.right - mid_x, plot.bottom - mid_y),
            mix(ink.accent, ink.background, 0.86), name="Quadrant: high deterrence, low risk")
    add_box(shapes, Frame(plot.left, plot.top, mid_x - plot.left, mid_y - plot.top),
            mix(ink.muted, ink.background, 0.8), name="Quadrant: low deterrence, high risk")
    rule = mix(ink.grid, ink.text, 0.25)
    add_line(shapes, mid_x, plot.top, mid_x, plot.bottom, rule, 1.0, name="Midline")
    add_line(shapes, plot.left, mid_y, plot.right, mid_y, rule, 1.0, name="Midline")
    h = line_height(BODY)
    w = plot.width / 2 - 10
    for det, risk, x, y, align in (("Low", "high", plot.left + 4, plot.top + 3, "l"),
                                   ("High", "high", mid_x + 6, plot.top + 3, "r"),
                                   ("Low", "low", plot.left + 4, plot.bottom - h - 3, "l"),
                                   ("High", "low", mid_x + 6, plot.bottom - h - 3, "r")):
        text = f"{det} deterrence, {risk} risk"
        if ctx.measure.width(text, BODY) > w * 0.97:
            text = f"{det} det., {risk} risk"
        add_text(shapes, Frame(x, y, w, h), [[Run(fit(ctx.measure, text, w)[0], ink.soft, italic=True)]],
                 align=align, name="Quadrant Name", wrap=False)


# ------------------------------------------------------------------ risk heat map
def risk_heatmap(shapes: Any, frame: Frame, spec: ChartSpec, ctx: Context) -> Any:
    """A 5 x 5 likelihood x impact grid of shapes; see the module docstring."""
    ink = ctx.ink
    styles = badge_styles(ink)
    m = ctx.measure
    with group_of(shapes, "Chart") as group:
        top = header(group.shapes, frame, spec, ctx, point_legend(spec, ink, "Priority", spec.label_of("risks")))
        left_room = line_height(BODY + 1) + m.width("5", BODY) + 14
        bottom_room = line_height(BODY) + line_height(BODY + 1) + 8
        grid_h = frame.bottom - top - bottom_room
        grid_w = min(0.5 * frame.width, max(grid_h, min(216.0, 0.45 * frame.width)))
        grid = Frame(frame.left + left_room, top, grid_w, grid_h)
        cw, ch = grid.width / 5, grid.height / 5
        for lik in range(1, 6):
            for imp in range(1, 6):
                add_box(group.shapes, Frame(grid.left + (lik - 1) * cw, grid.bottom - imp * ch, cw, ch),
                        cell_colour(lik, imp), ink.background, 2.0, name=f"Cell L{lik} I{imp}")
        for n in range(1, 6):
            add_text(group.shapes, Frame(grid.left + (n - 1) * cw, grid.bottom + 3, cw, line_height(BODY)),
                     [[Run(str(n), ink.text)]], align="c", name="Tick", wrap=False)
            add_text(group.shapes, Frame(grid.left - 20, grid.bottom - n * ch + (ch - line_height(BODY)) / 2, 14,
                                         line_height(BODY)), [[Run(str(n), ink.text)]], align="r", name="Tick",
                     wrap=False)
        axis_titles(group.shapes, grid, ctx, "Likelihood (1 low \u2013 5 high)", "Impact (1 low \u2013 5 high)",
                    frame.left)
        cells: dict[tuple, list[int]] = {}
        for i, p in enumerate(spec.points):
            cells.setdefault((p.x, p.y), []).append(i)
        order = []
        for (x, y), members in cells.items():
            cx, cy = grid.left + (x - 0.5) * cw, grid.bottom - (y - 0.5) * ch
            for i, (dx, dy) in zip(members, spread(len(members), BADGE + 2, cw - 4, ch - 4)):
                order.append((i, cx + dx, cy + dy))
        # Highlighted markers last, so they sit on top where a crowded cell makes them overlap.
        order.sort(key=lambda e: ({"backup": 0, "normal": 1, "highlight": 2}[role_of(spec, spec.points[e[0]])], e[0]))
        for i, x, y in order:
            add_badge(group.shapes, x, y, i + 1, styles[role_of(spec, spec.points[i])])
        key_left = grid.right + 30
        number_key(group.shapes, Frame(key_left, top, frame.right - key_left, frame.bottom - top), key_entries(spec),
                   ctx)
    return group


# ------------------------------------------------------------------ capability matrix
STATUS_SYMBOLS = ("\u25cf", "\u25ca", "\u25cb")  # ● ◊ ○ (in Carlito): the first three statuses, most mature first


def capability_matrix(shapes: Any, frame: Frame, spec: ChartSpec, ctx: Context) -> Any:
    """A native table, domains down and owners across, each capability a line with its status symbol; below
    it, a key of what the symbols and bold mean (text of its own, so that every table cell sits under one
    column header)."""
    owners = spec.category("owner") or tuple(dict.fromkeys(p.x for p in spec.points))
    domains = spec.category("domain") or tuple(dict.fromkeys(p.y for p in spec.points))
    cells: dict[tuple, list[int]] = {}
    for i, p in enumerate(spec.points):
        cells.setdefault((p.x, p.y), []).append(i)
    size, widths, rows = _matrix_layout(spec, frame, ctx.measure, owners, domains, cells)
    shape = shapes.add_table(len(domains) + 1, len(owners) + 1, emu(frame.left), emu(frame.top), emu(frame.width),
                             emu(sum(rows[:-1])))
    shape.name = "Chart"
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for grid_col, w in zip(table_xml(table).tblGrid.gridCol_lst, widths):
        grid_col.w = emu(w)
    for tr, h in zip(table_xml(table).tr_lst, rows):
        tr.h = emu(h)
    _matrix_cells(table, spec, ctx.ink, owners, domains, cells, size)
    # At the foot of the chart's box: the room left there lets a row that renders a little taller grow.
    add_text(shapes, Frame(frame.left, frame.bottom - rows[-1], frame.width, rows[-1]),
             [_matrix_key(spec, ctx.ink)], size=size, anchor="m", name=f"Chart Key: {spec.title}",
             inset=MATRIX_MARGINS[0])
    return shape


MATRIX_MARGINS = (4.0, 2.5)  # pt: a matrix cell's left and right, top and bottom margins


def _matrix_layout(spec: ChartSpec, frame: Frame, m: TextMeasurer, owners: Sequence[str], domains: Sequence[str],
                   cells: dict[tuple, list[int]]) -> tuple[float, list[float], list[float]]:
    """The matrix's text size (the largest that fits ``frame``), column widths and row heights (the heading
    row, one per domain, and the key's line below the table)."""
    margin_x, margin_y = MATRIX_MARGINS
    for size in (BODY, 10.0, 9.0):
        first_w = min(max(m.width(spec.label_of(d), size, True) for d in domains) / 0.97 + 2 * margin_x + 2,
                      0.2 * frame.width)
        col_w = (frame.width - first_w) / len(owners)
        text_w = col_w - 2 * margin_x
        lh = line_height(size)
        rows = [lh + 2 * margin_y]  # the heading row
        for d in domains:
            tallest = len(m.wrap(spec.label_of(d), first_w - 2 * margin_x, size, True))
            for o in owners:
                lines = [m.wrap(_symbol(spec, spec.points[i].group) + " " + spec.points[i].label, text_w, size,
                                spec.is_highlighted(spec.points[i].id)) for i in cells.get((o, d), [])]
                tallest = max(tallest, sum(len(x) for x in lines))
            rows.append(max(tallest, 1) * lh + 2 * margin_y)
        rows.append(lh + 2 * margin_y)  # the key
        if sum(rows) <= frame.height:
            break
    return size, [first_w] + [col_w] * len(owners), rows


def _matrix_cells(table: Any, spec: ChartSpec, ink: Ink, owners: Sequence[str], domains: Sequence[str],
                  cells: dict[tuple, list[int]], size: float) -> None:
    """The heading row, then a row per domain: its name and, per owner, a line per capability."""
    band = mix(ink.grid, ink.background, 0.6)
    colours = _status_colours(spec, ink, (ink.background, band))
    _matrix_cell(table.cell(0, 0), [[Run("Domain", ink.background, True)]], ink.text, size)
    for c, owner in enumerate(owners, 1):
        head = spec.colour_of(owner) or ink.text  # a party's own colour, where the vocabulary gives one
        _matrix_cell(table.cell(0, c), [[Run(owner, _text_on(head, ink), True)]], head, size, "c")
    for r, d in enumerate(domains, 1):
        fill = band if r % 2 == 0 else ink.background
        _matrix_cell(table.cell(r, 0), [[Run(spec.label_of(d), ink.text, True)]], fill, size)
        for c, owner in enumerate(owners, 1):
            paras = []
            for i in cells.get((owner, d), []):
                p = spec.points[i]
                hl = spec.is_highlighted(p.id)
                paras.append([Run(_symbol(spec, p.group) + " ", colours.get(p.group, ink.muted), True),
                              Run(p.label, ink.soft if p.role == "backup" and not hl else ink.text, hl)])
            _matrix_cell(table.cell(r, c), paras, fill, size)


def _matrix_cell(cell: Any, paras: list[list[Run]], fill: str, size: float, align: str = "l") -> None:
    """Fill one table cell: margins, background, middle anchor, a paragraph per list of runs."""
    margin_x, margin_y = MATRIX_MARGINS
    cell.margin_left = cell.margin_right = emu(margin_x)
    cell.margin_top = cell.margin_bottom = emu(margin_y)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(fill)
    tf = cell.text_frame
    for n, runs in enumerate(paras or [[]]):
        p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
        p.alignment = {"l": PP_ALIGN.LEFT, "c": PP_ALIGN.CENTER}[align]
        for run in runs:
            _run(p, run, size)
        if not runs:
            p.add_run().font.size = Pt(size)


def _matrix_key(spec: ChartSpec, ink: Ink) -> list[Run]:
    """The matrix's key as one line of runs: each status present with its symbol, then bold and grey."""
    colours = _status_colours(spec, ink, (ink.background,))
    present = [s for s in _statuses(spec) if any(p.group == s for p in spec.points)]
    key = []
    for n, s in enumerate(present):
        key += [Run(("   " if n else "") + _symbol(spec, s) + " ", colours.get(s, ink.muted), True),
                Run(spec.label_of(s), ink.text)]
    if spec.highlight:
        key += [Run("   Bold", ink.text, True), Run(": priority", ink.text)]
    if any(p.role == "backup" for p in spec.points):
        key += [Run("   Grey", ink.soft), Run(": backup", ink.text)]
    return key


def _statuses(spec: ChartSpec) -> tuple:
    """The statuses in the vocabulary's order (most mature first), else as they first appear."""
    return spec.category("status") or tuple(dict.fromkeys(p.group for p in spec.points))


def _status_colours(spec: ChartSpec, ink: Ink, fills: Sequence[str]) -> dict[str, str]:
    """The colour of the first three statuses' symbols (primary, accent, primary), darkened toward the text
    colour as far as it takes to read on every one of ``fills`` (4.5:1, as for body text)."""
    return {status: readable(colour, fills, ink.text)
            for status, colour in zip(_statuses(spec), (ink.primary, ink.accent, ink.primary))}


def _text_on(fill: str, ink: Ink) -> str:
    """The background or the text colour, whichever reads better on ``fill`` (a heading cell)."""
    return max((ink.background, ink.text), key=lambda c: contrast_ratio(from_hex(c), from_hex(fill)))


def readable(colour: str, fills: Sequence[str], toward: str, need: float = TEXT_RATIO) -> str:
    """``colour``, or the first mix of it toward ``toward`` (in tenths) that contrasts ``need``:1 with every
    fill in ``fills`` (WCAG 2's ratio, as ``briefgen check`` computes it)."""
    for k in range(11):
        mixed = mix(colour, toward, k / 10)
        if all(contrast_ratio(from_hex(mixed), from_hex(f)) >= need for f in fills):
            return mixed
    return toward


def _symbol(spec: ChartSpec, status: str) -> str:
    """The symbol of ``status``: by its place among the statuses, ▪ after the third."""
    statuses = _statuses(spec)
    n = statuses.index(status) if status in statuses else len(STATUS_SYMBOLS)
    return STATUS_SYMBOLS[n] if n < len(STATUS_SYMBOLS) else "\u25aa"


# ------------------------------------------------------------------ timeline
INCH = 72.0
PAD_IN = 0.15  # inches: the timeline's margin, as the picture's


class InchMeasure:
    """The deck's text measurer seen as the timeline layout wants it (:mod:`briefgen.render.charts.timeline_layout`):
    widths in inches, fitted text as lines joined by newlines, a drawing ``w`` x ``h`` inches."""

    def __init__(self, measure: TextMeasurer, width: float, height: float):
        self.m = measure
        self.w, self.h = width / INCH, height / INCH

    def width(self, text: str, size: float = BODY, weight: str = "normal") -> float:
        """Width of one line of ``text`` in inches, with the fit engine's safety margin."""
        return self.m.width(text, size, weight == "bold") / 0.97 / INCH

    def fit(self, text: str, width: float, max_lines: int = 1, size: float = BODY, weight: str = "normal") -> str:
        """``text`` wrapped to ``width`` inches in at most ``max_lines`` lines, the last cut with an ellipsis."""
        return "\n".join(fit(self.m, text, width * INCH, size, weight == "bold", max_lines))

    def line_height(self, size: float = BODY) -> float:
        """Line height in inches."""
        return line_height(size) / INCH


def timeline(shapes: Any, frame: Frame, spec: ChartSpec, ctx: Context) -> Any:
    """Events on a date axis as shapes, laid out by the same rules as the picture; see the module docstring."""
    from briefgen.render.charts.timeline_layout import arrange

    ink = ctx.ink
    legend = [LegendEntry("Date", ink.primary, ink.primary)]
    if any(p.approximate for p in spec.points):
        legend.append(LegendEntry("Approximate date (c.)", ink.background, ink.primary, line_width=1.5))
    if spec.highlight:
        legend.append(LegendEntry("Highlighted", ink.highlight, ink.highlight))
    with group_of(shapes, "Chart") as group:
        top = header(group.shapes, frame, spec, ctx, legend)
        area = Frame(frame.left, top, frame.width, frame.bottom - top)
        c = InchMeasure(ctx.measure, area.width, area.height)
        a = arrange(c, spec, c.h - 0.02, BODY, PAD_IN)
        _draw_timeline(group.shapes, area, spec, a, c, ctx)
    return group


def _draw_timeline(shapes: Any, area: Frame, spec: ChartSpec, a: Any, c: InchMeasure, ctx: Context) -> None:
    """Draw an arranged timeline (inches from the bottom-left of ``area``, as the layout works)."""
    from briefgen.render.charts.timeline_layout import INSET

    ink = ctx.ink
    lay = a.lay

    def px(x: float) -> float:
        return area.left + x * INCH

    def py(y: float) -> float:
        return area.top + (c.h - y) * INCH

    bottom = PAD_IN + a.line + 0.05 if a.note else PAD_IN
    if a.note:
        add_text(shapes, Frame(px(PAD_IN), py(PAD_IN + a.line), area.width - 2 * PAD_IN * INCH, a.line * INCH),
                 [[Run(a.note, ink.soft, italic=True)]], name="Note", wrap=False)
    axis_y = (bottom + c.h - 0.02) / 2 - (lay.highest + lay.lowest) / 2
    axis = lay.axis
    _timeline_axis(shapes, lay.axis, axis_y, c, px, py, ink)
    markers = []
    for i in a.shown:
        p = spec.points[i]
        colour = ink.highlight if spec.is_highlighted(p.id) else ink.primary
        markers.append((axis.x(a.when[i]), p.approximate, colour))
        if i not in lay.placed:
            continue  # a cluster member: its line is in the cluster's label
        b = lay.placed[i]
        title, _, _, mode = lay.blocks[i]
        if mode == -1:
            _cluster(shapes, spec, a, i, b, axis_y, [axis.x(a.when[j]) for j in a.groups[i]], px, py, ctx)
            continue
        hl = spec.is_highlighted(p.id)
        x = axis.x(a.when[i])
        add_line(shapes, px(x), py(axis_y), px(x), py(axis_y + (b.y0 if b.up else b.y1)),
                 ink.highlight if hl else ink.grid, 1.0, name="Leader")
        date = Run(a.date_texts[i], ink.highlight if hl else ink.primary, True)
        paras = ([[date, Run("  " + title, ink.text, hl)]] if mode == 0
                 else [[date]] + [[Run(t, ink.text, hl)] for t in title.split("\n")])
        # Opaque, as the picture's labels: a leader that cannot avoid a label passes behind it.  The text starts
        # INSET from its leader and the box holds the whole width the layout measured (no inset on the far side).
        near = INSET / 2 * INCH
        box = Frame(px(b.x0 + (INSET / 2 if b.right else 0)), py(b.y1 + axis_y), (b.x1 - b.x0 - INSET / 2) * INCH,
                    (b.y1 - b.y0) * INCH)
        add_text(shapes, box, paras, align="l" if b.right else "r", spacing=a.line * INCH, name="Event Label",
                 wrap=False, fill=ink.background, inset=(near, 0.0) if b.right else (0.0, near))
    for x, approximate, colour in markers:
        d = 9.0
        add_box(shapes, Frame(px(x) - d / 2, py(axis_y) - d / 2, d, d), ink.background if approximate else colour,
                colour, 1.5, MSO_SHAPE.OVAL, name="Event Marker")


def _timeline_axis(shapes: Any, axis: Any, axis_y: float, c: InchMeasure, px: Callable[[float], float],
                   py: Callable[[float], float], ink: Ink) -> None:
    """The timeline's axis: its segments, the breaks between them, month or year ticks with their labels."""
    from briefgen.render.charts.timeline_layout import ticks

    step = next((months for months in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600)
                 if months / 12 * axis.per_year >= c.width("Sep 2024" if months < 12 else "2024") + 0.3), 1200)
    for k, (x0, x1, lo, hi) in enumerate(axis.segments):
        ext0 = x0 - (0.05 if k == 0 else 0)
        ext1 = x1 + (0.3 if k == len(axis.segments) - 1 else 0)
        add_line(shapes, px(ext0), py(axis_y), px(ext1), py(axis_y), ink.text, 1.4, name="Axis")
        if k:
            prev = axis.segments[k - 1][1]
            for bx in (prev + 0.07, x0 - 0.07):
                add_line(shapes, px(bx - 0.04), py(axis_y - 0.08), px(bx + 0.04), py(axis_y + 0.08), ink.text, 1.4,
                         name="Axis Break")
        for year, label in ticks(lo, hi, step):
            x = axis.x(year)
            add_line(shapes, px(x), py(axis_y), px(x), py(axis_y - 0.06), ink.text, 1.0, name="Tick")
            w = c.width(label) * INCH + 4
            add_text(shapes, Frame(px(x) - w / 2, py(axis_y - 0.1), w, line_height()), [[Run(label, ink.soft)]],
                     align="c", name="Tick Label", wrap=False)


def _cluster(shapes: Any, spec: ChartSpec, a: Any, key: int, b: Any, axis_y: float, xs: list[float],
             px: Callable[[float], float], py: Callable[[float], float], ctx: Context) -> None:
    """A cluster of close events: a line over their markers, one leader up to a list of them, a line each."""
    from briefgen.render.charts.timeline_layout import BRACKET, INSET

    ink = ctx.ink
    members = a.groups[key]
    titles = a.lay.blocks[key][0].split("\n")
    strong = mix(ink.grid, ink.text, 0.35)
    y_comb = axis_y + BRACKET
    add_line(shapes, px(min(xs)), py(y_comb), px(max(xs)), py(y_comb), strong, 1.2, name="Cluster")
    anchor = xs[0] if b.right else xs[-1]
    add_line(shapes, px(anchor), py(y_comb), px(anchor), py(axis_y + b.y0), strong, 1.0, name="Leader")
    date_w = a.date_col[key]
    dates_, texts = [], []
    for j, title in zip(members, titles):
        hl = spec.is_highlighted(spec.points[j].id)
        dates_.append([Run(a.date_texts[j], ink.highlight if hl else ink.primary, True)])
        texts.append([Run(title, ink.text, hl)])
    top = py(axis_y + b.y1)
    height = (b.y1 - b.y0) * INCH
    add_text(shapes, Frame(px(b.x0 + INSET), top, date_w * INCH, height), dates_, spacing=a.line * INCH,
             name="Event Dates", wrap=False)
    add_text(shapes, Frame(px(b.x0 + INSET + date_w), top, (b.x1 - b.x0 - INSET - date_w) * INCH, height), texts,
             spacing=a.line * INCH, name="Event Label", wrap=False)


_DRAWERS: dict[str, Callable[[Any, Frame, ChartSpec, Context], Any]] = {
    "timeline": timeline,
    "threat_overview": threat_overview,
    "options_map": options_map,
    "risk_heatmap": risk_heatmap,
    "capability_matrix": capability_matrix,
}
NATIVE_KINDS = frozenset(_DRAWERS)

__all__ = ["NATIVE_KINDS", "Frame", "add_native_chart"]
